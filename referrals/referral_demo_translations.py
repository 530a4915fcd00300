"""Translations of the demo referral check page (filled by the translation pass).

``REFER_PAGE_TRANSLATIONS[code]`` maps each English source string of the page, exactly as
wagtail-localize segments it, to its translation (see portal.demo.translate). The English
texts are not repeated here: they are read from the ``default=`` of the ReferralCheckPage
fields, so a changed default shows up as an untranslated (English) segment, never as a
wrong key. Rich-text fields are segmented per paragraph without the <p> tags.

Terms follow the UI catalogues (locale/*/LC_MESSAGES/django.po): Überweisungsanfrage /
demande d'orientation / richiesta di invio / solicitud de derivación; nationale Kontaktstelle /
point de contact national / punto di contatto nazionale / punto de contacto nacional;
Koordinationsteam / coordinateur / coordinatore / coordinador; Kompetenzbereich / expertise /
competenze / ámbito de especialización; Einwilligungserklärung / formulaire de consentement /
modulo di consenso / formulario de consentimiento. The “not sure” choice is quoted with the
opening words of the translated choice label ("I am not sure whether it falls within …").
French is written with ordinary spaces, like the rest of the demo content.
"""

import re

from django.core.exceptions import FieldDoesNotExist
from wagtail.fields import RichTextField

from .models.referral_requests import ReferralCheckPage

# The page title and search description are set in referrals/demo_referrals.py.
TITLE = "Refer a patient"
SEARCH_DESCRIPTION = (
    "Check in a few steps whether the network can advise on your patient, then send a referral request to the "
    "coordinator."
)
SLUG = "refer"  # kept in every language: /de/refer/ like /en/refer/

# field name (or TITLE / SEARCH_DESCRIPTION) -> (de, fr, it, es)
_TEXTS = {
    TITLE: (
        "Patientin oder Patienten überweisen",
        "Orienter un patient",
        "Inviare un paziente",
        "Derivar a un paciente",
    ),
    SEARCH_DESCRIPTION: (
        "Prüfen Sie in wenigen Schritten, ob das Netzwerk zu Ihrer Patientin oder Ihrem Patienten beraten kann, und "
        "senden Sie dann eine Überweisungsanfrage an das Koordinationsteam.",
        "Vérifiez en quelques étapes si le réseau peut donner un avis sur votre patient, puis envoyez une demande "
        "d'orientation au coordinateur.",
        "Verifichi in pochi passaggi se la rete può fornire un parere sul Suo paziente, poi trasmetta una richiesta "
        "di invio al coordinatore.",
        "Compruebe en unos pocos pasos si la red puede asesorarle sobre su paciente y, después, envíe una solicitud "
        "de derivación al coordinador.",
    ),
    "introduction": (
        "Prüfen Sie in wenigen Schritten, ob das Netzwerk zu Ihrer Patientin oder Ihrem Patienten beraten kann. Das "
        "dauert etwa zwei Minuten. Geben Sie nichts ein, was die Patientin oder den Patienten identifiziert.",
        "Vérifiez en quelques étapes si le réseau peut donner un avis sur votre patient. Cela prend environ deux "
        "minutes. Ne saisissez rien qui permette d'identifier le patient.",
        "Verifichi in pochi passaggi se la rete può fornire un parere sul Suo paziente. Occorrono circa due minuti. "
        "Non inserisca nulla che identifichi il paziente.",
        "Compruebe en unos pocos pasos si la red puede asesorarle sobre su paciente. Se tarda unos dos minutos. No "
        "introduzca nada que identifique al paciente.",
    ),
    "country_question": (
        "In welchem Land befindet sich das behandelnde Krankenhaus?",
        "Dans quel pays se trouve l'hôpital traitant ?",
        "In quale paese si trova l'ospedale curante?",
        "¿En qué país se encuentra el hospital que trata al paciente?",
    ),
    "country_help": (
        "Das Netzwerk berät Ärztinnen und Ärzte in den Mitgliedstaaten der EU und des EWR.",
        "Le réseau conseille les médecins des États membres de l'UE et de l'EEE.",
        "La rete fornisce consulenza ai medici degli Stati membri dell'UE e del SEE.",
        "La red asesora a los médicos de los Estados miembros de la UE y del EEE.",
    ),
    "condition_question": (
        "An welcher Erkrankung leidet die Patientin oder der Patient?",
        "De quelle pathologie le patient est-il atteint ?",
        "Qual è la patologia del paziente?",
        "¿Qué enfermedad tiene el paciente?",
    ),
    "condition_help": (
        "Suchen Sie nach Name oder Synonym. Wenn Sie nicht sicher sind, ob die Erkrankung in den Kompetenzbereich "
        "des Netzwerks fällt, wählen Sie „Ich bin nicht sicher“; das Koordinationsteam prüft sie dann.",
        "Recherchez par nom ou par synonyme. Si vous ne savez pas si la pathologie relève de l'expertise du réseau, "
        "choisissez « Je ne sais pas » : le coordinateur l'examinera.",
        "Cerchi per nome o sinonimo. Se non sa se la patologia rientri nelle competenze della rete, scelga «Non so»: "
        "il coordinatore la valuterà.",
        "Busque por nombre o sinónimo. Si no sabe si la enfermedad entra en el ámbito de especialización de la red, "
        "elija «No sé» y el coordinador la revisará.",
    ),
    "contact_point_question": (
        "Haben Sie sich an Ihre nationale Kontaktstelle gewandt?",
        "Avez-vous consulté votre point de contact national ?",
        "Ha consultato il Suo punto di contatto nazionale?",
        "¿Ha consultado a su punto de contacto nacional?",
    ),
    "contact_point_text": (
        "Jeder Mitgliedstaat hat eine nationale Kontaktstelle für die Europäischen Referenznetzwerke. Bitte "
        "erkundigen Sie sich dort auch nach dem Überweisungsverfahren in Ihrem Land.",
        "Chaque État membre dispose d'un point de contact national pour les réseaux européens de référence. "
        "Renseignez-vous également auprès de lui sur la procédure d'orientation dans votre pays.",
        "Ogni Stato membro dispone di un punto di contatto nazionale per le reti di riferimento europee. Si informi "
        "presso di esso anche sulla procedura di invio nel Suo paese.",
        "Cada Estado miembro tiene un punto de contacto nacional para las Redes Europeas de Referencia. Consúltele "
        "también sobre el procedimiento de derivación en su país.",
    ),
    "consent_question": (
        "Werden Sie die vollständige informierte Einwilligung der Patientin oder des Patienten einholen?",
        "Recueillerez-vous le consentement éclairé complet du patient ?",
        "Acquisirà il consenso informato completo del paziente?",
        "¿Obtendrá el consentimiento informado completo del paciente?",
    ),
    "consent_text": (
        "Wird die Überweisung angenommen, müssen Sie mit der Einwilligungserklärung des Netzwerks die vollständige "
        "informierte Einwilligung der Patientin oder des Patienten in die Weitergabe ihrer oder seiner Daten an das "
        "Expertengremium einholen.",
        "Si l'orientation est acceptée, vous devez recueillir, au moyen du formulaire de consentement du réseau, le "
        "consentement éclairé complet du patient au partage de ses données avec le panel d'experts.",
        "Se l'invio viene accettato, deve acquisire, con il modulo di consenso della rete, il consenso informato "
        "completo del paziente alla condivisione dei suoi dati con il panel di esperti.",
        "Si se acepta la derivación, deberá obtener, mediante el formulario de consentimiento de la red, el "
        "consentimiento informado completo del paciente para compartir sus datos con el panel de expertos.",
    ),
    "effort_question": (
        "Können Sie die medizinischen Informationen der Patientin oder des Patienten hochladen?",
        "Pouvez-vous téléverser les informations médicales du patient ?",
        "Può caricare le informazioni mediche del paziente?",
        "¿Puede subir la información médica del paciente?",
    ),
    "effort_text": (
        "Das Expertengremium benötigt die relevanten medizinischen Informationen einschließlich der Bildgebung, um "
        "den Fall zu besprechen. Das Hochladen nimmt einige Zeit in Anspruch.",
        "Le panel d'experts a besoin des informations médicales pertinentes, y compris l'imagerie, pour discuter du "
        "cas. Leur téléversement prend un certain temps.",
        "Il panel di esperti ha bisogno delle informazioni mediche pertinenti, comprese le immagini diagnostiche, "
        "per discutere il caso. Il caricamento richiede un po' di tempo.",
        "El panel de expertos necesita la información médica pertinente, incluidas las pruebas de imagen, para "
        "estudiar el caso. Subirla lleva algún tiempo.",
    ),
    "liability_question": (
        "Erkennen Sie an, wer die Verantwortung für die Patientin oder den Patienten behält?",
        "Reconnaissez-vous qui reste responsable du patient ?",
        "Riconosce chi resta responsabile del paziente?",
        "¿Reconoce quién sigue siendo responsable del paciente?",
    ),
    "liability_text": (
        "Das Netzwerk erteilt ausschließlich fachlichen Rat. Die gesamte rechtliche Haftung und die Verantwortung "
        "für die Patientin oder den Patienten verbleiben bei der behandelnden Ärztin oder dem behandelnden Arzt und "
        "bei dem Krankenhaus am Wohnort der Patientin oder des Patienten.",
        "Le réseau donne uniquement un avis d'expert. Toute responsabilité juridique et toute responsabilité à "
        "l'égard du patient incombent au médecin traitant et à l'hôpital du lieu de résidence du patient.",
        "La rete fornisce esclusivamente una consulenza specialistica. Ogni responsabilità legale e la "
        "responsabilità nei confronti del paziente restano in capo al medico curante e all'ospedale del luogo in "
        "cui vive il paziente.",
        "La red solo ofrece asesoramiento experto. Toda la responsabilidad legal y la responsabilidad sobre el "
        "paciente recaen en el médico que lo trata y en el hospital del lugar donde reside el paciente.",
    ),
    "result_eligible": (
        "Der Fall Ihrer Patientin oder Ihres Patienten kann an das Netzwerk überwiesen werden.",
        "Le cas de votre patient peut être orienté vers le réseau.",
        "Il caso del Suo paziente può essere inviato alla rete.",
        "El caso de su paciente puede derivarse a la red.",
    ),
    "result_needs_review": (
        "Das Koordinationsteam des Netzwerks muss prüfen, ob die Erkrankung in den Kompetenzbereich des Netzwerks "
        "fällt. Sie können die Anfrage jetzt schon stellen.",
        "Le coordinateur du réseau doit vérifier si la pathologie relève de l'expertise du réseau. Vous pouvez "
        "soumettre la demande dès maintenant.",
        "Il coordinatore della rete deve valutare se la patologia rientri nelle competenze della rete. Può inviare "
        "la richiesta già ora.",
        "El coordinador de la red debe revisar si la enfermedad entra en el ámbito de especialización de la red. "
        "Ya puede enviar la solicitud.",
    ),
    "result_not_eligible": (
        "Das Netzwerk kann diese Überweisung nicht annehmen.",
        "Le réseau ne peut pas accepter cette orientation.",
        "La rete non può accettare questo invio.",
        "La red no puede aceptar esta derivación.",
    ),
    "reason_country": (
        "Das Netzwerk kann nur behandelnde Krankenhäuser in Mitgliedstaaten der EU oder des EWR beraten.",
        "Le réseau ne peut conseiller que des hôpitaux traitants situés dans des États membres de l'UE ou de l'EEE.",
        "La rete può fornire consulenza solo agli ospedali curanti situati negli Stati membri dell'UE o del SEE.",
        "La red solo puede asesorar a hospitales responsables del tratamiento situados en Estados miembros de la UE "
        "o del EEE.",
    ),
    "reason_condition": (
        "Die Erkrankung fällt nicht in die Kompetenzbereiche des Netzwerks.",
        "La pathologie ne relève pas des domaines d'expertise du réseau.",
        "La patologia non rientra nelle aree di competenza della rete.",
        "La enfermedad no entra en las áreas de especialización de la red.",
    ),
    "reason_consent": (
        "Bevor Daten weitergegeben werden, ist die informierte Einwilligung der Patientin oder des Patienten "
        "erforderlich.",
        "Le consentement éclairé du patient est requis avant tout partage de données.",
        "Prima di qualsiasi condivisione di dati è necessario il consenso informato del paziente.",
        "Se requiere el consentimiento informado del paciente antes de compartir cualquier dato.",
    ),
    "reason_effort": (
        "Ohne die medizinischen Informationen und die Bildgebung der Patientin oder des Patienten kann das "
        "Expertengremium nicht beraten.",
        "Le panel d'experts ne peut pas donner d'avis sans les informations médicales et l'imagerie du patient.",
        "Il panel di esperti non può fornire un parere senza le informazioni mediche e le immagini diagnostiche "
        "del paziente.",
        "El panel de expertos no puede asesorar sin la información médica y las pruebas de imagen del paciente.",
    ),
    "reason_liability": (
        "Das Netzwerk kann nur beraten, wenn die behandelnde Ärztin oder der behandelnde Arzt die Verantwortung "
        "behält.",
        "Le réseau ne peut donner un avis que si le médecin traitant conserve la responsabilité du patient.",
        "La rete può fornire consulenza solo se il medico curante mantiene la responsabilità delle cure.",
        "La red solo puede asesorar si el médico que trata al paciente mantiene la responsabilidad.",
    ),
    "alternative_route": (
        "Fragen Sie Ihre nationale Kontaktstelle nach anderen Wegen zu spezialisierter Versorgung, oder wenden Sie "
        "sich an den Helpdesk des Netzwerks, wenn Sie unsicher sind.",
        "Renseignez-vous auprès de votre point de contact national sur d'autres voies d'accès à des soins "
        "spécialisés, ou contactez le service d'assistance du réseau en cas de doute.",
        "Chieda al Suo punto di contatto nazionale quali altre strade esistono per accedere a cure specialistiche, "
        "oppure contatti l'helpdesk della rete in caso di dubbi.",
        "Consulte a su punto de contacto nacional sobre otras vías de acceso a atención especializada o, si tiene "
        "dudas, póngase en contacto con el servicio de asistencia de la red.",
    ),
    "request_introduction": (
        "Machen Sie Angaben zu Ihrer Person und zu Ihrer Fragestellung. Das Koordinationsteam sichtet die Anfragen, "
        "in der Regel innerhalb von fünf Arbeitstagen; dringende Anfragen zuerst.",
        "Présentez-vous et décrivez votre question. Le coordinateur trie les demandes, généralement sous cinq jours "
        "ouvrables ; les demandes urgentes sont traitées en priorité.",
        "Ci parli di Lei e del Suo quesito. Il coordinatore esamina le richieste, di solito entro cinque giorni "
        "lavorativi, dando la precedenza a quelle urgenti.",
        "Háblenos de usted y de su pregunta. El coordinador clasifica las solicitudes, normalmente en un plazo de "
        "cinco días hábiles; las urgentes, primero.",
    ),
    "no_identifiers_warning": (
        "Geben Sie nichts an, was die Patientin oder den Patienten identifiziert: keinen Namen, kein Geburtsdatum, "
        "keine nationale Identifikationsnummer, keine Anschrift, keine E-Mail-Adresse und keine Telefonnummer. "
        "Beschreiben Sie den Fall anhand von Alter, Geschlecht und klinischen Befunden.",
        "N'indiquez rien qui permette d'identifier le patient : ni nom, ni date de naissance, ni numéro "
        "d'identification national, ni adresse postale, ni adresse e-mail, ni numéro de téléphone. Décrivez le cas "
        "à l'aide de l'âge, du sexe et des données cliniques.",
        "Non inserisca nulla che identifichi il paziente: né nome, né data di nascita, né numero di identificazione "
        "nazionale, né indirizzo, né indirizzo e-mail, né numero di telefono. Descriva il caso indicando età, sesso "
        "e dati clinici.",
        "No incluya nada que identifique al paciente: ni nombre, ni fecha de nacimiento, ni número de "
        "identificación nacional, ni dirección postal, ni dirección de correo electrónico, ni número de teléfono. "
        "Describa el caso con la edad, el sexo y los datos clínicos.",
    ),
    "submitted_text": (
        "Bitte bestätigen Sie Ihre E-Mail-Adresse über den Link, den wir Ihnen gesendet haben. Ihre Anfrage "
        "erreicht das Koordinationsteam, sobald die Adresse bestätigt ist.",
        "Veuillez confirmer votre adresse e-mail au moyen du lien que nous vous avons envoyé. Votre demande "
        "parviendra au coordinateur dès que l'adresse aura été confirmée.",
        "Confermi il Suo indirizzo e-mail tramite il link che Le abbiamo inviato. La Sua richiesta arriverà al "
        "coordinatore non appena l'indirizzo sarà confermato.",
        "Confirme su dirección de correo electrónico con el enlace que le hemos enviado. Su solicitud llegará al "
        "coordinador en cuanto la dirección esté confirmada.",
    ),
    "verified_text": (
        "Vielen Dank. Ihre Anfrage liegt nun beim Koordinationsteam des Netzwerks.",
        "Merci. Votre demande a été transmise au coordinateur du réseau.",
        "Grazie. La Sua richiesta è ora all'attenzione del coordinatore della rete.",
        "Gracias. Su solicitud está ahora en manos del coordinador de la red.",
    ),
}

LANGUAGES = ("de", "fr", "it", "es")


def _paragraphs(html):
    """The segments wagtail-localize makes of a one-level rich text: each <p>'s inner HTML."""
    return [part.strip() for part in re.findall(r"<p>(.*?)</p>", html, flags=re.S)]


def english_source(key):
    """The English source string of a field name, or ``key`` itself (title, search description)."""
    try:
        field = ReferralCheckPage._meta.get_field(key)
    except FieldDoesNotExist:  # a literal English string
        return key
    default = field.get_default()
    if isinstance(field, RichTextField):
        (paragraph,) = _paragraphs(default)  # one paragraph per rich-text default; more needs more rows
        return paragraph
    return default


def _build():
    result = {code: {SLUG: SLUG} for code in LANGUAGES}
    for key, translations in _TEXTS.items():
        english = english_source(key)
        for code, text in zip(LANGUAGES, translations, strict=True):
            result[code][english] = text
    return result


REFER_PAGE_TRANSLATIONS = _build()
