"""
Demo content for the troubleshooting FAQ (``/en/faq/``), in English and
translated into de, fr, it and es through wagtail-localize.

Categories and questions have translation keys derived from fixed names, so a
second run of the loader updates the same rows and wagtail-localize sees the
same segments. Answers are rich text: wagtail-localize translates each
paragraph separately, so answers are written as lists of paragraphs here.
"""

import uuid

from faq.models import FAQCategory, FAQPage, FAQQuestion
from home.demo import home_page
from portal.demo import DEMO_LANGUAGES, get_or_create_child, translate

PAGE_TEXT = {
    "title": {
        "en": "Troubleshooting FAQ",
        "de": "Häufige Probleme und Lösungen",
        "fr": "FAQ de dépannage",
        "it": "FAQ per la risoluzione dei problemi",
        "es": "Preguntas frecuentes sobre problemas",
    },
    "introduction": {
        "en": "Answers to the problems clinicians meet most often: signing in with the second factor, browsers "
        "and video meetings.",
        "de": "Antworten auf die Probleme, die Ärztinnen und Ärzten am häufigsten begegnen: Anmeldung mit dem "
        "zweiten Faktor, Browser und Videobesprechungen.",
        "fr": "Les réponses aux problèmes que les cliniciens rencontrent le plus souvent : connexion avec le "
        "second facteur, navigateurs et réunions vidéo.",
        "it": "Le risposte ai problemi che i medici incontrano più spesso: accesso con il secondo fattore, browser "
        "e videoriunioni.",
        "es": "Respuestas a los problemas más habituales de los profesionales: inicio de sesión con el segundo "
        "factor, navegadores y videoconferencias.",
    },
}

# Each category: (key, {language: title}, [questions]); each question:
# (anchor, {language: question}, {language: [answer paragraphs]}).
FAQ = [
    (
        "sign-in",
        {
            "en": "Signing in and the second factor",
            "de": "Anmeldung und zweiter Faktor",
            "fr": "Connexion et second facteur",
            "it": "Accesso e secondo fattore",
            "es": "Inicio de sesión y segundo factor",
        },
        [
            (
                "no-push-notification",
                {
                    "en": "I entered my password, but no notification arrives on my phone",
                    "de": "Ich habe mein Passwort eingegeben, aber auf meinem Telefon kommt keine Benachrichtigung an",
                    "fr": "J'ai saisi mon mot de passe, mais aucune notification n'arrive sur mon téléphone",
                    "it": "Ho inserito la password, ma sul telefono non arriva nessuna notifica",
                    "es": "He introducido mi contraseña, pero no me llega ninguna notificación al teléfono",
                },
                {
                    "en": [
                        "Open the authenticator app on your phone yourself. The pending sign-in, and the "
                        "notification, appear once the app is open.",
                        "Our portal asks for the six-digit code the app shows, so you never have to wait for a "
                        "notification: type the current code and continue.",
                    ],
                    "de": [
                        "Öffnen Sie die Authenticator-App auf Ihrem Telefon selbst. Die ausstehende Anmeldung und "
                        "die Benachrichtigung erscheinen, sobald die App geöffnet ist.",
                        "Unser Portal fragt nach dem sechsstelligen Code, den die App anzeigt. Sie müssen also nie "
                        "auf eine Benachrichtigung warten: Geben Sie den aktuellen Code ein und fahren Sie fort.",
                    ],
                    "fr": [
                        "Ouvrez vous-même l'application d'authentification sur votre téléphone. La connexion en "
                        "attente et la notification s'affichent dès que l'application est ouverte.",
                        "Notre portail demande le code à six chiffres affiché par l'application : inutile "
                        "d'attendre une notification, saisissez le code du moment et continuez.",
                    ],
                    "it": [
                        "Aprite voi stessi l'app di autenticazione sul telefono. L'accesso in sospeso e la notifica "
                        "compaiono non appena l'app è aperta.",
                        "Il nostro portale chiede il codice a sei cifre mostrato dall'app, quindi non serve "
                        "aspettare una notifica: inserite il codice attuale e proseguite.",
                    ],
                    "es": [
                        "Abra usted mismo la aplicación de autenticación en el teléfono. El inicio de sesión "
                        "pendiente y la notificación aparecen en cuanto la aplicación está abierta.",
                        "Nuestro portal pide el código de seis cifras que muestra la aplicación, así que no hace "
                        "falta esperar ninguna notificación: escriba el código actual y continúe.",
                    ],
                },
            ),
            (
                "new-phone",
                {
                    "en": "I have a new phone and can no longer sign in",
                    "de": "Ich habe ein neues Telefon und kann mich nicht mehr anmelden",
                    "fr": "J'ai un nouveau téléphone et je ne peux plus me connecter",
                    "it": "Ho un telefono nuovo e non riesco più ad accedere",
                    "es": "Tengo un teléfono nuevo y ya no puedo iniciar sesión",
                },
                {
                    "en": [
                        "Your second factor is registered on the old phone, so the new phone has to be registered "
                        "again.",
                        "Sign in with your password and one of the recovery codes you saved when you set up the "
                        "second factor. Then, in your account's security settings, remove the old authenticator "
                        "and register the app on your new phone.",
                        "No recovery codes left? Ask the helpdesk to reset your second factor. They will first "
                        "check that the request really comes from you.",
                    ],
                    "de": [
                        "Ihr zweiter Faktor ist auf dem alten Telefon eingerichtet, deshalb muss das neue Telefon "
                        "neu registriert werden.",
                        "Melden Sie sich mit Ihrem Passwort und einem der Wiederherstellungscodes an, die Sie beim "
                        "Einrichten des zweiten Faktors gespeichert haben. Entfernen Sie dann in den "
                        "Sicherheitseinstellungen Ihres Kontos den alten Authenticator und registrieren Sie die App "
                        "auf dem neuen Telefon.",
                        "Keine Wiederherstellungscodes mehr? Bitten Sie den Helpdesk, Ihren zweiten Faktor "
                        "zurückzusetzen. Er prüft vorher, ob die Anfrage wirklich von Ihnen kommt.",
                    ],
                    "fr": [
                        "Votre second facteur est enregistré sur l'ancien téléphone : le nouveau doit donc être "
                        "enregistré à son tour.",
                        "Connectez-vous avec votre mot de passe et l'un des codes de récupération conservés lors de "
                        "la configuration du second facteur. Ensuite, dans les paramètres de sécurité de votre "
                        "compte, supprimez l'ancien authentificateur et enregistrez l'application sur le nouveau "
                        "téléphone.",
                        "Plus de codes de récupération ? Demandez au support de réinitialiser votre second facteur. "
                        "Il vérifiera d'abord que la demande vient bien de vous.",
                    ],
                    "it": [
                        "Il secondo fattore è registrato sul vecchio telefono, quindi il nuovo telefono va "
                        "registrato di nuovo.",
                        "Accedete con la password e con uno dei codici di recupero salvati quando avete configurato "
                        "il secondo fattore. Poi, nelle impostazioni di sicurezza dell'account, rimuovete il "
                        "vecchio autenticatore e registrate l'app sul nuovo telefono.",
                        "Non avete più codici di recupero? Chiedete all'helpdesk di reimpostare il secondo fattore. "
                        "Prima verificherà che la richiesta provenga davvero da voi.",
                    ],
                    "es": [
                        "Su segundo factor está registrado en el teléfono antiguo, por lo que debe registrar el nuevo.",
                        "Inicie sesión con su contraseña y uno de los códigos de recuperación que guardó al "
                        "configurar el segundo factor. Después, en la configuración de seguridad de su cuenta, "
                        "elimine el autenticador antiguo y registre la aplicación en el teléfono nuevo.",
                        "¿No le quedan códigos de recuperación? Pida al servicio de asistencia que restablezca su "
                        "segundo factor. Antes comprobará que la solicitud procede realmente de usted.",
                    ],
                },
            ),
        ],
    ),
    (
        "browsers",
        {"en": "Browsers", "de": "Browser", "fr": "Navigateurs", "it": "Browser", "es": "Navegadores"},
        [
            (
                "blank-pages",
                {
                    "en": "I am signed in, but the pages stay blank",
                    "de": "Ich bin angemeldet, aber die Seiten bleiben leer",
                    "fr": "Je suis connecté, mais les pages restent blanches",
                    "it": "Ho effettuato l'accesso, ma le pagine restano vuote",
                    "es": "He iniciado sesión, pero las páginas aparecen en blanco",
                },
                {
                    "en": [
                        "Your browser is most likely not supported: older versions of Internet Explorer cannot "
                        "show the portal.",
                        "Open the portal in a current version of Chrome, Firefox or Edge. Safari works for reading "
                        "cases.",
                    ],
                    "de": [
                        "Höchstwahrscheinlich wird Ihr Browser nicht unterstützt: Ältere Versionen des Internet "
                        "Explorer können das Portal nicht anzeigen.",
                        "Öffnen Sie das Portal in einer aktuellen Version von Chrome, Firefox oder Edge. Zum Lesen "
                        "von Fällen funktioniert auch Safari.",
                    ],
                    "fr": [
                        "Votre navigateur n'est probablement pas pris en charge : les anciennes versions "
                        "d'Internet Explorer ne peuvent pas afficher le portail.",
                        "Ouvrez le portail dans une version récente de Chrome, Firefox ou Edge. Safari convient "
                        "pour consulter les dossiers.",
                    ],
                    "it": [
                        "Molto probabilmente il browser non è supportato: le versioni meno recenti di Internet "
                        "Explorer non riescono a mostrare il portale.",
                        "Aprite il portale con una versione aggiornata di Chrome, Firefox o Edge. Safari va bene "
                        "per consultare i casi.",
                    ],
                    "es": [
                        "Lo más probable es que su navegador no sea compatible: las versiones antiguas de Internet "
                        "Explorer no pueden mostrar el portal.",
                        "Abra el portal con una versión actual de Chrome, Firefox o Edge. Safari sirve para "
                        "consultar casos.",
                    ],
                },
            ),
            (
                "supported-browsers",
                {
                    "en": "Which browsers are supported?",
                    "de": "Welche Browser werden unterstützt?",
                    "fr": "Quels navigateurs sont pris en charge ?",
                    "it": "Quali browser sono supportati?",
                    "es": "¿Qué navegadores son compatibles?",
                },
                {
                    "en": [
                        "Current versions of Chrome, Firefox and Edge support everything, including video meetings.",
                        "Safari is fine for reading cases but not fully supported for video meetings. Internet "
                        "Explorer is not supported.",
                    ],
                    "de": [
                        "Aktuelle Versionen von Chrome, Firefox und Edge unterstützen alle Funktionen, auch "
                        "Videobesprechungen.",
                        "Safari eignet sich zum Lesen von Fällen, wird für Videobesprechungen aber nicht "
                        "vollständig unterstützt. Internet Explorer wird nicht unterstützt.",
                    ],
                    "fr": [
                        "Les versions récentes de Chrome, Firefox et Edge prennent tout en charge, y compris les "
                        "réunions vidéo.",
                        "Safari convient pour consulter les dossiers, mais n'est pas entièrement pris en charge "
                        "pour les réunions vidéo. Internet Explorer n'est pas pris en charge.",
                    ],
                    "it": [
                        "Le versioni aggiornate di Chrome, Firefox ed Edge supportano tutto, videoriunioni comprese.",
                        "Safari va bene per consultare i casi, ma non è pienamente supportato per le videoriunioni. "
                        "Internet Explorer non è supportato.",
                    ],
                    "es": [
                        "Las versiones actuales de Chrome, Firefox y Edge admiten todas las funciones, incluidas "
                        "las videoconferencias.",
                        "Safari sirve para consultar casos, pero no es totalmente compatible con las "
                        "videoconferencias. Internet Explorer no es compatible.",
                    ],
                },
            ),
        ],
    ),
    (
        "video-meetings",
        {
            "en": "Video meetings",
            "de": "Videobesprechungen",
            "fr": "Réunions vidéo",
            "it": "Videoriunioni",
            "es": "Videoconferencias",
        },
        [
            (
                "cannot-see-or-hear-me",
                {
                    "en": "Others cannot see or hear me in a video meeting",
                    "de": "Andere können mich in einer Videobesprechung nicht sehen oder hören",
                    "fr": "Les autres participants ne me voient pas ou ne m'entendent pas en réunion vidéo",
                    "it": "In una videoriunione gli altri non mi vedono o non mi sentono",
                    "es": "En una videoconferencia los demás no me ven o no me oyen",
                },
                {
                    "en": [
                        "Check that the browser may use your camera and microphone: select the camera symbol in "
                        "the address bar and allow access.",
                        "If you are using Safari, switch to Chrome, Firefox or Edge. Safari is not fully supported "
                        "for meetings: you may drop out of the participant list while you still see and hear the "
                        "others.",
                    ],
                    "de": [
                        "Prüfen Sie, ob der Browser Kamera und Mikrofon verwenden darf: Wählen Sie das Kamerasymbol "
                        "in der Adressleiste und erlauben Sie den Zugriff.",
                        "Wenn Sie Safari verwenden, wechseln Sie zu Chrome, Firefox oder Edge. Safari wird für "
                        "Besprechungen nicht vollständig unterstützt: Sie können aus der Teilnehmerliste "
                        "verschwinden, während Sie die anderen weiterhin sehen und hören.",
                    ],
                    "fr": [
                        "Vérifiez que le navigateur a le droit d'utiliser la caméra et le micro : cliquez sur "
                        "l'icône de caméra dans la barre d'adresse et autorisez l'accès.",
                        "Si vous utilisez Safari, passez à Chrome, Firefox ou Edge. Safari n'est pas entièrement "
                        "pris en charge pour les réunions : vous pouvez disparaître de la liste des participants "
                        "tout en continuant à voir et à entendre les autres.",
                    ],
                    "it": [
                        "Verificate che il browser possa usare fotocamera e microfono: selezionate l'icona della "
                        "fotocamera nella barra degli indirizzi e consentite l'accesso.",
                        "Se usate Safari, passate a Chrome, Firefox o Edge. Safari non è pienamente supportato per "
                        "le riunioni: potreste sparire dall'elenco dei partecipanti pur continuando a vedere e "
                        "sentire gli altri.",
                    ],
                    "es": [
                        "Compruebe que el navegador puede usar la cámara y el micrófono: seleccione el icono de la "
                        "cámara en la barra de direcciones y permita el acceso.",
                        "Si usa Safari, cambie a Chrome, Firefox o Edge. Safari no es totalmente compatible con las "
                        "reuniones: puede desaparecer de la lista de participantes aunque siga viendo y oyendo a "
                        "los demás.",
                    ],
                },
            ),
            (
                "safari-meetings",
                {
                    "en": "Can I join a video meeting with Safari?",
                    "de": "Kann ich mit Safari an einer Videobesprechung teilnehmen?",
                    "fr": "Puis-je participer à une réunion vidéo avec Safari ?",
                    "it": "Posso partecipare a una videoriunione con Safari?",
                    "es": "¿Puedo unirme a una videoconferencia con Safari?",
                },
                {
                    "en": [
                        "You can join, but Safari is not fully supported for meetings, and the others may stop "
                        "seeing or hearing you. Use Chrome, Firefox or Edge for meetings; Safari remains fine for "
                        "reading cases.",
                    ],
                    "de": [
                        "Sie können teilnehmen, aber Safari wird für Besprechungen nicht vollständig unterstützt, "
                        "und die anderen sehen oder hören Sie womöglich nicht mehr. Verwenden Sie für Besprechungen "
                        "Chrome, Firefox oder Edge; zum Lesen von Fällen bleibt Safari geeignet.",
                    ],
                    "fr": [
                        "Vous pouvez vous connecter, mais Safari n'est pas entièrement pris en charge pour les "
                        "réunions et les autres risquent de ne plus vous voir ni vous entendre. Utilisez Chrome, "
                        "Firefox ou Edge pour les réunions ; Safari reste adapté à la consultation des dossiers.",
                    ],
                    "it": [
                        "Potete partecipare, ma Safari non è pienamente supportato per le riunioni e gli altri "
                        "potrebbero smettere di vedervi o sentirvi. Per le riunioni usate Chrome, Firefox o Edge; "
                        "Safari resta adatto alla consultazione dei casi.",
                    ],
                    "es": [
                        "Puede unirse, pero Safari no es totalmente compatible con las reuniones y es posible que "
                        "los demás dejen de verle u oírle. Para las reuniones use Chrome, Firefox o Edge; Safari "
                        "sigue sirviendo para consultar casos.",
                    ],
                },
            ),
        ],
    ),
    (
        "other",
        {
            "en": "Anything else",
            "de": "Sonstiges",
            "fr": "Autres questions",
            "it": "Altre domande",
            "es": "Otras cuestiones",
        },
        [
            (
                "question-not-answered",
                {
                    "en": "My problem is not listed here",
                    "de": "Mein Problem ist hier nicht aufgeführt",
                    "fr": "Mon problème ne figure pas ici",
                    "it": "Il mio problema non è elencato qui",
                    "es": "Mi problema no aparece aquí",
                },
                {
                    "en": [
                        "Contact the helpdesk by e-mail or with the contact form. Tell us what you tried and which "
                        "browser you use, but never include details that identify a patient.",
                        "The helpdesk also welcomes feedback about the system: it helps us make it easier to use.",
                    ],
                    "de": [
                        "Wenden Sie sich per E-Mail oder über das Kontaktformular an den Helpdesk. Schreiben Sie, "
                        "was Sie versucht haben und welchen Browser Sie verwenden, aber nennen Sie niemals Angaben, "
                        "die eine Patientin oder einen Patienten identifizieren.",
                        "Der Helpdesk freut sich auch über Rückmeldungen zum System: Sie helfen uns, es einfacher "
                        "zu machen.",
                    ],
                    "fr": [
                        "Contactez le support par e-mail ou via le formulaire de contact. Indiquez ce que vous avez "
                        "essayé et le navigateur utilisé, mais jamais d'information permettant d'identifier un "
                        "patient.",
                        "Le support accueille aussi volontiers vos remarques sur le système : elles nous aident à "
                        "le rendre plus simple.",
                    ],
                    "it": [
                        "Contattate l'helpdesk via e-mail o con il modulo di contatto. Indicate che cosa avete "
                        "provato e quale browser usate, ma non inserite mai dati che identifichino un paziente.",
                        "L'helpdesk accoglie volentieri anche i commenti sul sistema: ci aiutano a renderlo più "
                        "semplice da usare.",
                    ],
                    "es": [
                        "Póngase en contacto con el servicio de asistencia por correo electrónico o mediante el "
                        "formulario de contacto. Indique qué ha probado y qué navegador utiliza, pero nunca incluya "
                        "datos que identifiquen a un paciente.",
                        "El servicio de asistencia también agradece sus comentarios sobre el sistema: nos ayudan a "
                        "hacerlo más fácil de usar.",
                    ],
                },
            ),
        ],
    ),
]


def stable_key(*parts):
    return uuid.uuid5(uuid.NAMESPACE_URL, "ern-demo:faq:" + ":".join(str(part) for part in parts))


def answer_html(paragraphs):
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def faq_categories(existing_page):
    """The English categories and questions, recycling the rows of an earlier run (same translation keys)."""
    existing_categories = {}
    existing_questions = {}
    if existing_page is not None:
        for category in existing_page.categories.all():
            existing_categories[category.translation_key] = category.pk
            for question in category.questions.all():
                existing_questions[question.translation_key] = question.pk
    categories = []
    for category_index, (category_key, titles, questions) in enumerate(FAQ):
        question_objects = []
        for question_index, (anchor, texts, answers) in enumerate(questions):
            key = stable_key("question", anchor)
            question_objects.append(
                FAQQuestion(
                    pk=existing_questions.get(key),
                    translation_key=key,
                    question=texts["en"],
                    anchor=anchor,
                    answer=answer_html(answers["en"]),
                    sort_order=question_index,
                )
            )
        key = stable_key("category", category_key)
        categories.append(
            FAQCategory(
                pk=existing_categories.get(key),
                translation_key=key,
                title=titles["en"],
                sort_order=category_index,
                questions=question_objects,
            )
        )
    return categories


def translations(code):
    """English source string → translation, for every segment of the FAQ page."""
    strings = {PAGE_TEXT[field]["en"]: PAGE_TEXT[field][code] for field in PAGE_TEXT}
    strings["faq"] = "faq"  # the slug: /de/faq/ like /en/faq/ (URL contract)
    for _key, titles, questions in FAQ:
        strings[titles["en"]] = titles[code]
        for _anchor, texts, answers in questions:
            strings[texts["en"]] = texts[code]
            strings.update(zip(answers["en"], answers[code], strict=True))
    return strings


def build_faq(context):
    home = home_page()
    existing = FAQPage.objects.child_of(home).filter(slug="faq").first()
    page = get_or_create_child(
        home,
        FAQPage,
        "faq",
        title=PAGE_TEXT["title"]["en"],
        introduction=PAGE_TEXT["introduction"]["en"],
        search_description=PAGE_TEXT["introduction"]["en"],
        show_in_menus=True,
        categories=faq_categories(existing),
    )
    for code in DEMO_LANGUAGES:
        translate(page, code, translations(code))
