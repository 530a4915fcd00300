"""Demo content for the newsletters: the archive, six issues over three years, the latest in five languages."""

import datetime

from django.utils import timezone

from home.models import HomePage
from portal.demo import DEMO_LANGUAGES, get_or_create_child, list_items, locale, stream, translate

from .models import NewsletterIndexPage, NewsletterIssuePage, Subscriber
from .signals import grant_editor_permissions

ARCHIVE_TITLE = "Newsletter"
ARCHIVE_INTRO = (
    "Two or three times a year we write to clinicians about the clinical consultation workspace: what changed, "
    "what is coming, and what other members learned from their cases."
)
ARCHIVE_SUBSCRIBE = (
    "The newsletter goes out two or three times a year, depending on how much has changed in the workspace. "
    "It never contains patient data."
)

ISSUES = [
    {
        "slug": "2024-01-a-workspace-of-our-own",
        "number": 1,
        "date": datetime.date(2024, 3, 12),
        "title": "A workspace of our own for virtual consultations",
        "summary": (
            "The network is building its own clinical workspace for multidisciplinary consultations on rare "
            "urogenital conditions. What it will do, and how clinicians can help shape it."
        ),
        "paragraphs": [
            "Until now, our panels have met in the European Commission's secure consultation system. It works, but "
            "our 2022 study of cross-border video consultation in rare urology showed that urologists only took "
            "full advantage of it once they felt confident with the tool.",
            "The new workspace follows the same path as a real referral: check eligibility, submit the case, let "
            "the coordinator form an expert panel, discuss, meet by video, and receive a signed outcome report.",
            "We are looking for ten clinicians from different member centres to test early versions. Write to the "
            "helpdesk if you would like to take part.",
        ],
    },
    {
        "slug": "2024-02-pseudonymised-by-design",
        "number": 2,
        "date": datetime.date(2024, 10, 8),
        "title": "Pseudonymised by design: how patient data is protected",
        "summary": (
            "Panels see a pseudonym, an age band and the sex of the patient, never a name or birth date. "
            "This issue explains why, and what stays with the treating centre."
        ),
        "paragraphs": [
            "Every patient enrolled in the workspace receives a pseudonym. Names, birth dates and national "
            "identifiers stay with the treating centre and are never shown to the panel.",
            "Before any data is shared, the treating clinician records the patient's informed consent. The "
            "standard consent form is available in every official EU language on this portal.",
            "Access requires a second factor. Guest clinicians from outside the network receive an account for a "
            "limited period, granted by the network's coordinator.",
        ],
    },
    {
        "slug": "2025-01-first-panels",
        "number": 3,
        "date": datetime.date(2025, 2, 18),
        "title": "The first panels meet in the new workspace",
        "summary": (
            "Eighteen cases were discussed during the pilot, from posterior urethral valves to penile cancer. "
            "The outcome reports reached the referring clinicians within four weeks on average."
        ),
        "paragraphs": [
            "The pilot covered all three workstreams: congenital anomalies, functional conditions needing highly "
            "specialised surgery, and rare tumours.",
            "Panel leads told us that a structured case summary saves a great deal of time in the meeting. The "
            "workspace now asks for one when a case is opened.",
            "As always, the network gives expert advice only: responsibility for the patient stays with the "
            "treating clinician and hospital.",
        ],
    },
    {
        "slug": "2025-02-imaging-uploads",
        "number": 4,
        "date": datetime.date(2025, 6, 24),
        "title": "Uploading imaging without the waiting",
        "summary": (
            "Imaging studies can now be uploaded directly in the workspace, checked on arrival and shown to the "
            "panel in the browser. Here is what formats work best."
        ),
        "paragraphs": [
            "Panels decide better when they see the images themselves. You can now upload DICOM studies and "
            "common document formats with the case; every file is checked before the panel can open it.",
            "Please remove burnt-in patient names from exported images before uploading. The workspace warns you "
            "when it finds identifying fields in a DICOM header.",
        ],
    },
    {
        "slug": "2025-03-video-meetings-that-work",
        "number": 5,
        "date": datetime.date(2025, 11, 4),
        "title": "Video meetings that work in every browser",
        "summary": (
            "Most meeting problems come from the browser. Our new troubleshooting guide covers cameras, "
            "microphones and second-factor sign-in."
        ),
        "paragraphs": [
            "If others cannot see or hear you in a meeting, check your browser first. Safari is not fully "
            "supported for meetings: use Chrome, Firefox or Edge.",
            "New phone? Sign in with a recovery code, or ask the helpdesk to reset your second factor, then "
            "register the new device as usual.",
            "The troubleshooting FAQ on this portal collects the questions the helpdesk hears most often.",
        ],
    },
    {
        "slug": "2026-01-outcome-reports-and-follow-up",
        "number": 6,
        "date": datetime.date(2026, 4, 21),
        "title": "Signed outcome reports and follow-up cases",
        "summary": (
            "Outcome reports are now signed by the panel lead and can be downloaded as PDF. Closed cases can be "
            "reopened for post-operative and transitional follow-up."
        ),
        "paragraphs": [
            "When the panel has reached its advice, the panel lead drafts the outcome report and signs it in the "
            "workspace. The referring clinician is notified at once and can download the report as a PDF.",
            "Many of our patients need advice more than once, for example after surgery or when moving from "
            "paediatric to adult care. A closed case can now be reopened for follow-up, with the same panel.",
            "Thank you to the clinicians from fourteen member centres who tested these changes with us.",
        ],
        "key_messages": [
            "Outcome reports are signed by the panel lead and available as PDF.",
            "Closed cases can be reopened for follow-up with the same panel.",
            "Responsibility for the patient always stays with the treating clinician.",
        ],
    },
]

KEY_MESSAGES_TITLE = "In short"
LATEST = ISSUES[-1]

TRANSLATIONS = {
    "de": {
        ARCHIVE_TITLE: "Newsletter",
        ARCHIVE_INTRO: (
            "Zwei- bis dreimal im Jahr schreiben wir Ärztinnen und Ärzten über den klinischen "
            "Konsultationsbereich: was sich geändert hat, was kommt und was andere Mitglieder aus ihren Fällen "
            "gelernt haben."
        ),
        ARCHIVE_SUBSCRIBE: (
            "Der Newsletter erscheint zwei- bis dreimal im Jahr, je nachdem, wie viel sich im Arbeitsbereich "
            "geändert hat. Er enthält niemals Patientendaten."
        ),
        LATEST["title"]: "Unterzeichnete Ergebnisberichte und Verlaufsfälle",
        LATEST["summary"]: (
            "Ergebnisberichte werden jetzt von der Gremiumsleitung unterzeichnet und können als PDF "
            "heruntergeladen werden. Abgeschlossene Fälle lassen sich für die postoperative Nachsorge und die "
            "Transition wieder öffnen."
        ),
        LATEST["paragraphs"][0]: (
            "Sobald das Gremium seine Empfehlung gefunden hat, entwirft die Gremiumsleitung den Ergebnisbericht "
            "und unterzeichnet ihn im Arbeitsbereich. Die überweisende Ärztin oder der überweisende Arzt wird "
            "sofort benachrichtigt und kann den Bericht als PDF herunterladen."
        ),
        LATEST["paragraphs"][1]: (
            "Viele unserer Patientinnen und Patienten brauchen mehr als einmal Rat, zum Beispiel nach einer "
            "Operation oder beim Übergang von der Kinder- in die Erwachsenenmedizin. Ein abgeschlossener Fall kann "
            "jetzt mit demselben Gremium für die Nachsorge wieder geöffnet werden."
        ),
        LATEST["paragraphs"][2]: (
            "Vielen Dank an die Ärztinnen und Ärzte aus vierzehn Mitgliedszentren, die diese Änderungen mit uns "
            "getestet haben."
        ),
        KEY_MESSAGES_TITLE: "Kurz gesagt",
        LATEST["key_messages"][
            0
        ]: "Ergebnisberichte werden von der Gremiumsleitung unterzeichnet und sind als PDF verfügbar.",
        LATEST["key_messages"][
            1
        ]: "Abgeschlossene Fälle können mit demselben Gremium für die Nachsorge wieder geöffnet werden.",
        LATEST["key_messages"][
            2
        ]: "Die Verantwortung für die Patientin oder den Patienten bleibt immer bei der behandelnden Ärztin oder dem behandelnden Arzt.",  # noqa: E501
    },
    "fr": {
        ARCHIVE_TITLE: "Lettre d'information",
        ARCHIVE_INTRO: (
            "Deux à trois fois par an, nous écrivons aux cliniciens au sujet de l'espace de consultation "
            "clinique : ce qui a changé, ce qui arrive et ce que d'autres membres ont appris de leurs dossiers."
        ),
        ARCHIVE_SUBSCRIBE: (
            "La lettre paraît deux à trois fois par an, selon l'ampleur des changements dans l'espace de travail. "
            "Elle ne contient jamais de données de patients."
        ),
        LATEST["title"]: "Rapports de conclusions signés et dossiers de suivi",
        LATEST["summary"]: (
            "Les rapports de conclusions sont désormais signés par le responsable du panel et téléchargeables en "
            "PDF. Les dossiers clos peuvent être rouverts pour le suivi postopératoire et la transition."
        ),
        LATEST["paragraphs"][0]: (
            "Lorsque le panel a arrêté son avis, son responsable rédige le rapport de conclusions et le signe dans "
            "l'espace de travail. Le clinicien référent est averti immédiatement et peut télécharger le rapport en "
            "PDF."
        ),
        LATEST["paragraphs"][1]: (
            "Beaucoup de nos patients ont besoin d'un avis plus d'une fois, par exemple après une intervention ou "
            "lors du passage de la pédiatrie à la médecine adulte. Un dossier clos peut maintenant être rouvert "
            "pour le suivi, avec le même panel."
        ),
        LATEST["paragraphs"][2]: (
            "Merci aux cliniciens de quatorze centres membres qui ont testé ces changements avec nous."
        ),
        KEY_MESSAGES_TITLE: "En bref",
        LATEST["key_messages"][
            0
        ]: "Les rapports de conclusions sont signés par le responsable du panel et disponibles en PDF.",
        LATEST["key_messages"][1]: "Les dossiers clos peuvent être rouverts pour le suivi avec le même panel.",
        LATEST["key_messages"][2]: "La responsabilité du patient reste toujours au clinicien traitant.",
    },
    "it": {
        ARCHIVE_TITLE: "Newsletter",
        ARCHIVE_INTRO: (
            "Due o tre volte l'anno scriviamo ai medici dello spazio di consulto clinico: che cosa è cambiato, "
            "che cosa arriverà e che cosa hanno imparato altri membri dai loro casi."
        ),
        ARCHIVE_SUBSCRIBE: (
            "La newsletter esce due o tre volte l'anno, a seconda di quanto è cambiato nello spazio di lavoro. "
            "Non contiene mai dati dei pazienti."
        ),
        LATEST["title"]: "Rapporti conclusivi firmati e casi di follow-up",
        LATEST["summary"]: (
            "I rapporti conclusivi sono ora firmati dal responsabile del panel e si possono scaricare in PDF. I "
            "casi chiusi possono essere riaperti per il follow-up post-operatorio e di transizione."
        ),
        LATEST["paragraphs"][0]: (
            "Quando il panel ha formulato il proprio parere, il responsabile redige il rapporto conclusivo e lo "
            "firma nello spazio di lavoro. Il medico che ha inviato il caso riceve subito una notifica e può "
            "scaricare il rapporto in PDF."
        ),
        LATEST["paragraphs"][1]: (
            "Molti dei nostri pazienti hanno bisogno di un parere più di una volta, per esempio dopo un intervento "
            "o nel passaggio dalle cure pediatriche a quelle dell'adulto. Un caso chiuso può ora essere riaperto "
            "per il follow-up, con lo stesso panel."
        ),
        LATEST["paragraphs"][2]: (
            "Grazie ai medici di quattordici centri membri che hanno provato queste novità insieme a noi."
        ),
        KEY_MESSAGES_TITLE: "In breve",
        LATEST["key_messages"][
            0
        ]: "I rapporti conclusivi sono firmati dal responsabile del panel e disponibili in PDF.",
        LATEST["key_messages"][1]: "I casi chiusi possono essere riaperti per il follow-up con lo stesso panel.",
        LATEST["key_messages"][2]: "La responsabilità del paziente resta sempre al medico curante.",
    },
    "es": {
        ARCHIVE_TITLE: "Boletín",
        ARCHIVE_INTRO: (
            "Dos o tres veces al año escribimos a los profesionales sobre el espacio de consulta clínica: qué ha "
            "cambiado, qué llegará y qué han aprendido otros miembros de sus casos."
        ),
        ARCHIVE_SUBSCRIBE: (
            "El boletín se publica dos o tres veces al año, según cuánto haya cambiado el espacio de trabajo. "
            "Nunca contiene datos de pacientes."
        ),
        LATEST["title"]: "Informes de conclusiones firmados y casos de seguimiento",
        LATEST["summary"]: (
            "Los informes de conclusiones los firma ahora el responsable del panel y se pueden descargar en PDF. "
            "Los casos cerrados pueden reabrirse para el seguimiento posoperatorio y de transición."
        ),
        LATEST["paragraphs"][0]: (
            "Cuando el panel ha llegado a su recomendación, el responsable redacta el informe de conclusiones y lo "
            "firma en el espacio de trabajo. El profesional que derivó el caso recibe un aviso al momento y puede "
            "descargar el informe en PDF."
        ),
        LATEST["paragraphs"][1]: (
            "Muchos de nuestros pacientes necesitan asesoramiento más de una vez, por ejemplo tras una cirugía o al "
            "pasar de la atención pediátrica a la de adultos. Ahora un caso cerrado puede reabrirse para el "
            "seguimiento, con el mismo panel."
        ),
        LATEST["paragraphs"][2]: (
            "Gracias a los profesionales de catorce centros miembros que probaron estos cambios con nosotros."
        ),
        KEY_MESSAGES_TITLE: "En resumen",
        LATEST["key_messages"][
            0
        ]: "Los informes de conclusiones los firma el responsable del panel y están disponibles en PDF.",
        LATEST["key_messages"][1]: "Los casos cerrados pueden reabrirse para el seguimiento con el mismo panel.",
        LATEST["key_messages"][2]: "La responsabilidad sobre el paciente sigue siendo siempre del médico tratante.",
    },
}

DEMO_SUBSCRIBERS = [
    ("newsletter.reader@demo.example", "en"),
    ("leserin@demo.example", "de"),
    ("lectrice@demo.example", "fr"),
    ("lettore@demo.example", "it"),
    ("lectora@demo.example", "es"),
    ("lukija@demo.example", "fi"),  # no Finnish edition: receives English
]


def issue_body(issue):
    key = f"newsletter:{issue['slug']}"
    blocks = [("paragraph", f"<p>{text}</p>", f"{key}:p{index}") for index, text in enumerate(issue["paragraphs"])]
    if issue.get("key_messages"):
        blocks.append(
            (
                "key_messages",
                {"title": KEY_MESSAGES_TITLE, "messages": list_items(issue["key_messages"], f"{key}:key-messages")},
                f"{key}:key-messages",
            )
        )
    return stream(*blocks)


def build(context):
    """The archive under the English home page, its issues, translations and demo subscribers."""
    home = HomePage.objects.get(locale=locale("en"))
    archive = get_or_create_child(
        home,
        NewsletterIndexPage,
        "newsletters",
        title=ARCHIVE_TITLE,
        introduction=ARCHIVE_INTRO,
        subscribe_text=ARCHIVE_SUBSCRIBE,
        search_description=ARCHIVE_INTRO,
        show_in_menus=True,
    )
    issues = []
    for issue in ISSUES:
        issues.append(
            get_or_create_child(
                archive,
                NewsletterIssuePage,
                issue["slug"],
                title=issue["title"],
                number=issue["number"],
                publication_date=issue["date"],
                summary=issue["summary"],
                body=issue_body(issue),
            )
        )
    for code in DEMO_LANGUAGES:
        translate(archive, code, TRANSLATIONS[code])
        translate(issues[-1], code, TRANSLATIONS[code])

    now = timezone.now()
    for email, language in DEMO_SUBSCRIBERS:
        Subscriber.objects.update_or_create(
            email=email,
            defaults={
                "language": language,
                "status": Subscriber.Status.CONFIRMED,
                "consented_at": now,
                "confirmed_at": now,
            },
        )
    grant_editor_permissions(sender=None)
    context["newsletter_archive"] = archive
