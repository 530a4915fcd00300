"""
Text of the demo guides, written per language with the same shape as the English.

Each language's guides are a list in the same order as ``GUIDES["en"]``;
``guides.demo`` zips them with the English to make wagtail-localize's
source → translation maps, so a translation cannot drift out of step with its
source without a test noticing (tests/guides/test_demo.py).
"""

from .models import Audience

GUIDE_INDEX = {
    "en": (
        "Guides",
        "Step-by-step help for clinicians and coordinators: getting an account, referring a case, "
        "preparing documents and joining a video consultation.",
    ),
    "de": (
        "Anleitungen",
        "Schritt-für-Schritt-Hilfe für Ärztinnen, Ärzte und Koordinationsteams: ein Konto einrichten, einen Fall "
        "überweisen, Unterlagen vorbereiten und an einer Videokonsultation teilnehmen.",
    ),
    "fr": (
        "Guides",
        "Une aide pas à pas pour les cliniciens et les coordinateurs : obtenir un compte, adresser un cas, préparer "
        "les documents et participer à une consultation vidéo.",
    ),
    "it": (
        "Guide",
        "Aiuto passo dopo passo per medici e coordinatori: ottenere un account, inviare un caso, preparare i "
        "documenti e partecipare a una videoconsulenza.",
    ),
    "es": (
        "Guías",
        "Ayuda paso a paso para clínicos y coordinadores: obtener una cuenta, derivar un caso, preparar la "
        "documentación y unirse a una videoconsulta.",
    ),
}

# (slug, audience) of each guide, in the order of GUIDES[language].
GUIDE_KEYS = [
    ("create-account-and-request-access", Audience.MEMBER_CLINICIAN),
    ("refer-a-case", Audience.REFERRING_CLINICIAN),
    ("upload-documents-and-imaging", Audience.REFERRING_CLINICIAN),
    ("join-a-video-consultation", Audience.MEMBER_CLINICIAN),
    ("review-access-requests-and-referrals", Audience.COORDINATOR),
]

# Each guide: (title, introduction, [(step title, [paragraphs])]).
GUIDES = {
    "en": [
        (
            "Create an account, set up a second factor and request access",
            "Access to the clinical workspace is strictly regulated to protect patients' privacy. This guide takes "
            "you from a new account to a request the network's coordinator can approve.",
            [
                (
                    "Create your account",
                    [
                        "Choose Sign in at the top of any page, then Sign up. Use your professional e-mail address "
                        "and a password of at least 12 characters.",
                        "Open the confirmation e-mail and follow its link to verify your address.",
                    ],
                ),
                (
                    "Install an authenticator app",
                    [
                        "Install an authenticator app that generates time-based one-time codes on your phone. "
                        "Most hospitals already recommend one.",
                    ],
                ),
                (
                    "Activate the second factor",
                    [
                        "In your account settings, open Two-factor authentication and scan the QR code with the "
                        "app. Enter the six-digit code the app shows to confirm.",
                        "Save the recovery codes somewhere safe, away from your phone. They let you sign in if you "
                        "lose or replace the phone.",
                    ],
                ),
                (
                    "Request access to the workspace",
                    [
                        "Signed in with your second factor, open Request access. Tell us your hospital, your role "
                        "and why you need access.",
                        "Only authenticated users with a second factor can ask the network for authorisation.",
                    ],
                ),
                (
                    "Wait for the coordinator's decision",
                    [
                        "The network's coordinator checks your request. Health professionals at member hospitals "
                        "become members; outside clinicians receive a guest account for a limited period. You "
                        "receive an e-mail either way.",
                        "Questions about access? Write to the helpdesk.",
                    ],
                ),
            ],
        ),
        (
            "Refer a case to the network",
            "Clinicians in an EU or EEA member state can ask the network's experts for advice on a patient with a "
            "rare or complex urogenital condition.",
            [
                (
                    "Check that the case is eligible",
                    [
                        "The treating hospital must be in an EU or EEA member state, and the condition must fall "
                        "within one of the network's expertise areas. The eligibility check asks these questions "
                        "before you start.",
                    ],
                ),
                (
                    "Talk to your national contact point",
                    [
                        "Ask your country's national contact point on the Board of Member States for ERNs about the "
                        "referral process in your country.",
                    ],
                ),
                (
                    "Send the referral request",
                    [
                        "Describe the clinical question without identifying the patient: no name, birth date or "
                        "national identifier. The coordinator reviews the request and replies by e-mail.",
                    ],
                ),
                (
                    "Obtain the patient's consent",
                    [
                        "If the referral is accepted, obtain the patient's full informed consent to share their "
                        "data, using the consent form in the patient's language.",
                        "Sharing for care is required; the network's registries and contact for research are optional.",
                    ],
                ),
                (
                    "Prepare the case for the panel",
                    [
                        "With your guest account, upload the medical information and relevant imaging for the "
                        "panel to discuss. The panel answers with an outcome report containing highly specialised "
                        "advice.",
                        "The network gives expert advice only: legal responsibility for the patient stays with you "
                        "and your hospital.",
                    ],
                ),
            ],
        ),
        (
            "Prepare and upload patient documents and imaging",
            "A panel can only advise on what it can see. Careful preparation shortens the time to an outcome report.",
            [
                (
                    "Pseudonymise before you upload",
                    [
                        "Remove the patient's name, birth date, address and national identifiers from letters and "
                        "reports. The workspace identifies the patient by a pseudonym, age band and sex only.",
                    ],
                ),
                (
                    "Collect what the panel needs",
                    [
                        "Include the clinical history, recent letters, operation notes, pathology reports and "
                        "laboratory results that matter for your question.",
                        "Write your question to the panel in one or two sentences.",
                    ],
                ),
                (
                    "Export imaging as DICOM",
                    [
                        "Ask your radiology department for the relevant studies as DICOM files, with patient "
                        "identifiers removed. Choose the series that answer the clinical question rather than the "
                        "full archive.",
                    ],
                ),
                (
                    "Upload to the case",
                    [
                        "Open the case in the workspace and choose Upload documents. Give each file a short "
                        "description so the experts know what they are looking at.",
                        "The workspace checks the content of every file and refuses files it cannot read safely.",
                    ],
                ),
                (
                    "Submit the case for review",
                    [
                        "When the documents are complete, submit the case. The coordinator forms a panel and you "
                        "are told when the discussion starts.",
                    ],
                ),
            ],
        ),
        (
            "Join a video consultation",
            "Panels meet by video to discuss complex cases. A few minutes of preparation avoid most problems.",
            [
                (
                    "Use a supported browser",
                    [
                        "Join meetings with Chrome, Firefox or Edge. Safari is not fully supported for meetings: "
                        "others may not see or hear you, although you still see and hear them.",
                    ],
                ),
                (
                    "Test your camera and microphone",
                    [
                        "Before the meeting, allow the browser to use your camera and microphone and check that the "
                        "right devices are selected.",
                    ],
                ),
                (
                    "Join from the case",
                    [
                        "Open the case in the workspace and choose Join meeting at the scheduled time. Only the "
                        "panel members of that case can join.",
                    ],
                ),
                (
                    "Discuss the case",
                    [
                        "Present the case briefly, then let the experts ask their questions. Keep patient "
                        "identifiers out of the conversation and out of the meeting chat.",
                    ],
                ),
                (
                    "After the meeting",
                    [
                        "The panel lead drafts the outcome report. You receive a notification when it is issued.",
                    ],
                ),
            ],
        ),
        (
            "Review access requests and referrals",
            "Coordinators decide who may use the clinical workspace and which referrals go to a panel.",
            [
                (
                    "Open the coordination area",
                    [
                        "Sign in with your second factor and open Coordination. New access requests and referrals "
                        "are listed with the oldest first.",
                    ],
                ),
                (
                    "Decide on access requests",
                    [
                        "Approve health professionals at member hospitals as members. Give outside clinicians a "
                        "guest account with an end date, limited to the cases they referred.",
                    ],
                ),
                (
                    "Triage referrals",
                    [
                        "Check that the referral meets the criteria and falls within an expertise area. Accept it, "
                        "or reject it with a reason the referring clinician can act on.",
                    ],
                ),
                (
                    "Form the panel",
                    [
                        "Choose a panel lead and experts from the member centres that cover the expertise area. "
                        "They are notified and can open the case.",
                    ],
                ),
            ],
        ),
    ],
    "de": [
        (
            "Konto anlegen, zweiten Faktor einrichten und Zugang beantragen",
            "Der Zugang zum klinischen Arbeitsbereich ist streng geregelt, um die Privatsphäre der Patientinnen und "
            "Patienten zu schützen. Diese Anleitung führt Sie vom neuen Konto bis zu einem Antrag, den das "
            "Koordinationsteam des Netzwerks genehmigen kann.",
            [
                (
                    "Konto anlegen",
                    [
                        "Wählen Sie oben auf einer beliebigen Seite Anmelden und dann Registrieren. Verwenden Sie "
                        "Ihre dienstliche E-Mail-Adresse und ein Passwort mit mindestens 12 Zeichen.",
                        "Öffnen Sie die Bestätigungs-E-Mail und folgen Sie dem Link, um Ihre Adresse zu bestätigen.",
                    ],
                ),
                (
                    "Authenticator-App installieren",
                    [
                        "Installieren Sie auf Ihrem Telefon eine Authenticator-App, die zeitbasierte Einmalcodes "
                        "erzeugt. Die meisten Kliniken empfehlen bereits eine.",
                    ],
                ),
                (
                    "Zweiten Faktor aktivieren",
                    [
                        "Öffnen Sie in Ihren Kontoeinstellungen die Zwei-Faktor-Authentifizierung und scannen Sie "
                        "den QR-Code mit der App. Bestätigen Sie mit dem sechsstelligen Code, den die App anzeigt.",
                        "Bewahren Sie die Wiederherstellungscodes sicher und getrennt von Ihrem Telefon auf. Mit "
                        "ihnen können Sie sich anmelden, wenn Sie das Telefon verlieren oder ersetzen.",
                    ],
                ),
                (
                    "Zugang zum Arbeitsbereich beantragen",
                    [
                        "Öffnen Sie, mit Ihrem zweiten Faktor angemeldet, Zugang beantragen. Nennen Sie uns Ihre "
                        "Klinik, Ihre Funktion und warum Sie Zugang benötigen.",
                        "Nur angemeldete Nutzerinnen und Nutzer mit zweitem Faktor können beim Netzwerk eine "
                        "Freigabe beantragen.",
                    ],
                ),
                (
                    "Entscheidung des Koordinationsteams abwarten",
                    [
                        "Das Koordinationsteam prüft Ihren Antrag. Fachkräfte aus Mitgliedskliniken werden "
                        "Mitglieder; externe Ärztinnen und Ärzte erhalten ein befristetes Gastkonto. Sie erhalten "
                        "in jedem Fall eine E-Mail.",
                        "Fragen zum Zugang? Schreiben Sie an den Helpdesk.",
                    ],
                ),
            ],
        ),
        (
            "Einen Fall an das Netzwerk überweisen",
            "Ärztinnen und Ärzte in einem Mitgliedstaat der EU oder des EWR können die Expertinnen und Experten des "
            "Netzwerks um Rat zu einer Patientin oder einem Patienten mit einer seltenen oder komplexen "
            "urogenitalen Erkrankung bitten.",
            [
                (
                    "Prüfen, ob der Fall infrage kommt",
                    [
                        "Die behandelnde Klinik muss in einem Mitgliedstaat der EU oder des EWR liegen, und die "
                        "Erkrankung muss zu einem der Expertisebereiche des Netzwerks gehören. Die Eignungsprüfung "
                        "stellt diese Fragen, bevor Sie beginnen.",
                    ],
                ),
                (
                    "Mit der nationalen Kontaktstelle sprechen",
                    [
                        "Fragen Sie die nationale Kontaktstelle Ihres Landes im Board of Member States für ERN nach "
                        "dem Überweisungsverfahren in Ihrem Land.",
                    ],
                ),
                (
                    "Überweisungsanfrage senden",
                    [
                        "Beschreiben Sie die klinische Fragestellung, ohne die Patientin oder den Patienten zu "
                        "identifizieren: kein Name, kein Geburtsdatum, keine nationale Kennnummer. Das "
                        "Koordinationsteam prüft die Anfrage und antwortet per E-Mail.",
                    ],
                ),
                (
                    "Einwilligung einholen",
                    [
                        "Wird die Überweisung angenommen, holen Sie die vollständige informierte Einwilligung in "
                        "die Weitergabe der Daten ein, mit der Einwilligungserklärung in der Sprache der Patientin "
                        "oder des Patienten.",
                        "Die Weitergabe für die Behandlung ist erforderlich; die Register des Netzwerks und die "
                        "Kontaktaufnahme für die Forschung sind freiwillig.",
                    ],
                ),
                (
                    "Den Fall für das Gremium vorbereiten",
                    [
                        "Laden Sie mit Ihrem Gastkonto die medizinischen Informationen und die relevanten Bilder "
                        "hoch, die das Gremium besprechen soll. Das Gremium antwortet mit einem Ergebnisbericht mit "
                        "hochspezialisierten Empfehlungen.",
                        "Das Netzwerk berät ausschließlich: Die rechtliche Verantwortung für die Patientin oder "
                        "den Patienten bleibt bei Ihnen und Ihrer Klinik.",
                    ],
                ),
            ],
        ),
        (
            "Patientenunterlagen und Bilder vorbereiten und hochladen",
            "Ein Gremium kann nur zu dem beraten, was es sieht. Eine sorgfältige Vorbereitung verkürzt die Zeit bis "
            "zum Ergebnisbericht.",
            [
                (
                    "Vor dem Hochladen pseudonymisieren",
                    [
                        "Entfernen Sie Name, Geburtsdatum, Anschrift und nationale Kennnummern aus Briefen und "
                        "Befunden. Der Arbeitsbereich kennt die Patientin oder den Patienten nur unter Pseudonym, "
                        "Altersgruppe und Geschlecht.",
                    ],
                ),
                (
                    "Zusammenstellen, was das Gremium braucht",
                    [
                        "Fügen Sie die Krankengeschichte, aktuelle Arztbriefe, OP-Berichte, pathologische Befunde "
                        "und Laborwerte bei, die für Ihre Frage wichtig sind.",
                        "Formulieren Sie Ihre Frage an das Gremium in ein oder zwei Sätzen.",
                    ],
                ),
                (
                    "Bilder als DICOM exportieren",
                    [
                        "Bitten Sie Ihre Radiologie um die relevanten Untersuchungen als DICOM-Dateien, ohne "
                        "Patientenkennungen. Wählen Sie die Serien, die die klinische Frage beantworten, nicht das "
                        "ganze Archiv.",
                    ],
                ),
                (
                    "In den Fall hochladen",
                    [
                        "Öffnen Sie den Fall im Arbeitsbereich und wählen Sie Unterlagen hochladen. Geben Sie jeder "
                        "Datei eine kurze Beschreibung, damit die Fachleute wissen, was sie sehen.",
                        "Der Arbeitsbereich prüft den Inhalt jeder Datei und weist Dateien zurück, die er nicht "
                        "sicher lesen kann.",
                    ],
                ),
                (
                    "Den Fall zur Begutachtung einreichen",
                    [
                        "Wenn die Unterlagen vollständig sind, reichen Sie den Fall ein. Das Koordinationsteam "
                        "bildet ein Gremium, und Sie werden informiert, wenn die Besprechung beginnt.",
                    ],
                ),
            ],
        ),
        (
            "An einer Videokonsultation teilnehmen",
            "Die Gremien besprechen komplexe Fälle per Video. Ein paar Minuten Vorbereitung vermeiden die meisten "
            "Probleme.",
            [
                (
                    "Einen unterstützten Browser verwenden",
                    [
                        "Nehmen Sie mit Chrome, Firefox oder Edge an Besprechungen teil. Safari wird für "
                        "Besprechungen nicht vollständig unterstützt: Andere sehen oder hören Sie womöglich nicht, "
                        "obwohl Sie sie weiterhin sehen und hören.",
                    ],
                ),
                (
                    "Kamera und Mikrofon testen",
                    [
                        "Erlauben Sie dem Browser vor der Besprechung den Zugriff auf Kamera und Mikrofon und "
                        "prüfen Sie, ob die richtigen Geräte ausgewählt sind.",
                    ],
                ),
                (
                    "Aus dem Fall heraus teilnehmen",
                    [
                        "Öffnen Sie zur geplanten Zeit den Fall im Arbeitsbereich und wählen Sie An Besprechung "
                        "teilnehmen. Nur die Mitglieder des Gremiums dieses Falls können teilnehmen.",
                    ],
                ),
                (
                    "Den Fall besprechen",
                    [
                        "Stellen Sie den Fall kurz vor und lassen Sie dann die Fachleute ihre Fragen stellen. "
                        "Nennen Sie keine Patientenkennungen, weder im Gespräch noch im Chat der Besprechung.",
                    ],
                ),
                (
                    "Nach der Besprechung",
                    [
                        "Die Leitung des Gremiums entwirft den Ergebnisbericht. Sie werden benachrichtigt, sobald "
                        "er ausgestellt ist.",
                    ],
                ),
            ],
        ),
        (
            "Zugangsanträge und Überweisungen prüfen",
            "Das Koordinationsteam entscheidet, wer den klinischen Arbeitsbereich nutzen darf und welche "
            "Überweisungen an ein Gremium gehen.",
            [
                (
                    "Den Koordinationsbereich öffnen",
                    [
                        "Melden Sie sich mit Ihrem zweiten Faktor an und öffnen Sie Koordination. Neue "
                        "Zugangsanträge und Überweisungen stehen dort, die ältesten zuerst.",
                    ],
                ),
                (
                    "Über Zugangsanträge entscheiden",
                    [
                        "Genehmigen Sie Fachkräfte aus Mitgliedskliniken als Mitglieder. Externe Ärztinnen und "
                        "Ärzte erhalten ein Gastkonto mit Enddatum, beschränkt auf die von ihnen überwiesenen Fälle.",
                    ],
                ),
                (
                    "Überweisungen sichten",
                    [
                        "Prüfen Sie, ob die Überweisung die Kriterien erfüllt und zu einem Expertisebereich gehört. "
                        "Nehmen Sie sie an oder lehnen Sie sie mit einer Begründung ab, mit der die überweisende "
                        "Ärztin oder der überweisende Arzt etwas anfangen kann.",
                    ],
                ),
                (
                    "Das Gremium zusammenstellen",
                    [
                        "Wählen Sie eine Leitung und Fachleute aus den Mitgliedszentren, die den Expertisebereich "
                        "abdecken. Sie werden benachrichtigt und können den Fall öffnen.",
                    ],
                ),
            ],
        ),
    ],
    "fr": [
        (
            "Créer un compte, configurer un second facteur et demander l'accès",
            "L'accès à l'espace clinique est strictement encadré pour protéger la vie privée des patients. Ce guide "
            "vous accompagne de la création du compte jusqu'à une demande que la coordination du réseau pourra "
            "approuver.",
            [
                (
                    "Créer votre compte",
                    [
                        "Choisissez Se connecter en haut de n'importe quelle page, puis S'inscrire. Utilisez votre "
                        "adresse e-mail professionnelle et un mot de passe d'au moins 12 caractères.",
                        "Ouvrez l'e-mail de confirmation et suivez son lien pour vérifier votre adresse.",
                    ],
                ),
                (
                    "Installer une application d'authentification",
                    [
                        "Installez sur votre téléphone une application d'authentification qui génère des codes à "
                        "usage unique basés sur le temps. La plupart des hôpitaux en recommandent déjà une.",
                    ],
                ),
                (
                    "Activer le second facteur",
                    [
                        "Dans les paramètres de votre compte, ouvrez l'authentification à deux facteurs et scannez "
                        "le code QR avec l'application. Saisissez le code à six chiffres affiché pour confirmer.",
                        "Conservez les codes de récupération en lieu sûr, loin de votre téléphone. Ils vous "
                        "permettent de vous connecter si vous perdez ou remplacez le téléphone.",
                    ],
                ),
                (
                    "Demander l'accès à l'espace clinique",
                    [
                        "Une fois connecté avec votre second facteur, ouvrez Demander l'accès. Indiquez votre "
                        "hôpital, votre fonction et la raison de votre demande.",
                        "Seuls les utilisateurs authentifiés avec un second facteur peuvent demander une "
                        "autorisation au réseau.",
                    ],
                ),
                (
                    "Attendre la décision de la coordination",
                    [
                        "La coordination du réseau examine votre demande. Les professionnels de santé des hôpitaux "
                        "membres deviennent membres ; les cliniciens extérieurs reçoivent un compte invité pour une "
                        "durée limitée. Vous recevez un e-mail dans tous les cas.",
                        "Des questions sur l'accès ? Écrivez au service d'assistance.",
                    ],
                ),
            ],
        ),
        (
            "Adresser un cas au réseau",
            "Les cliniciens d'un État membre de l'UE ou de l'EEE peuvent demander l'avis des experts du réseau pour "
            "un patient atteint d'une affection urogénitale rare ou complexe.",
            [
                (
                    "Vérifier que le cas est éligible",
                    [
                        "L'hôpital traitant doit se trouver dans un État membre de l'UE ou de l'EEE et l'affection "
                        "doit relever de l'un des domaines d'expertise du réseau. Le test d'éligibilité pose ces "
                        "questions avant de commencer.",
                    ],
                ),
                (
                    "Contacter votre point de contact national",
                    [
                        "Renseignez-vous auprès du point de contact national de votre pays au sein du Conseil des "
                        "États membres pour les ERN sur la procédure d'orientation dans votre pays.",
                    ],
                ),
                (
                    "Envoyer la demande d'avis",
                    [
                        "Décrivez la question clinique sans identifier le patient : ni nom, ni date de naissance, "
                        "ni identifiant national. La coordination examine la demande et répond par e-mail.",
                    ],
                ),
                (
                    "Recueillir le consentement du patient",
                    [
                        "Si la demande est acceptée, recueillez le consentement éclairé complet du patient au "
                        "partage de ses données, avec le formulaire de consentement dans sa langue.",
                        "Le partage pour les soins est obligatoire ; les registres du réseau et le contact pour la "
                        "recherche sont facultatifs.",
                    ],
                ),
                (
                    "Préparer le cas pour le panel",
                    [
                        "Avec votre compte invité, téléversez les informations médicales et l'imagerie utile que le "
                        "panel doit examiner. Le panel répond par un rapport de conclusions contenant des conseils "
                        "hautement spécialisés.",
                        "Le réseau donne uniquement un avis d'experts : la responsabilité juridique du patient reste "
                        "la vôtre et celle de votre hôpital.",
                    ],
                ),
            ],
        ),
        (
            "Préparer et téléverser les documents et l'imagerie du patient",
            "Un panel ne peut conseiller que sur ce qu'il voit. Une préparation soignée raccourcit le délai jusqu'au "
            "rapport de conclusions.",
            [
                (
                    "Pseudonymiser avant de téléverser",
                    [
                        "Retirez le nom, la date de naissance, l'adresse et les identifiants nationaux du patient "
                        "des courriers et comptes rendus. L'espace clinique identifie le patient uniquement par un "
                        "pseudonyme, une tranche d'âge et le sexe.",
                    ],
                ),
                (
                    "Rassembler ce dont le panel a besoin",
                    [
                        "Joignez l'anamnèse, les courriers récents, les comptes rendus opératoires, les résultats "
                        "d'anatomopathologie et de laboratoire utiles à votre question.",
                        "Formulez votre question au panel en une ou deux phrases.",
                    ],
                ),
                (
                    "Exporter l'imagerie au format DICOM",
                    [
                        "Demandez à votre service de radiologie les examens utiles sous forme de fichiers DICOM, "
                        "sans identifiants du patient. Choisissez les séries qui répondent à la question clinique "
                        "plutôt que l'archive complète.",
                    ],
                ),
                (
                    "Téléverser dans le dossier",
                    [
                        "Ouvrez le dossier dans l'espace clinique et choisissez Téléverser des documents. Donnez à "
                        "chaque fichier une courte description pour que les experts sachent ce qu'ils regardent.",
                        "L'espace clinique vérifie le contenu de chaque fichier et refuse ceux qu'il ne peut pas "
                        "lire en toute sécurité.",
                    ],
                ),
                (
                    "Soumettre le dossier pour examen",
                    [
                        "Lorsque les documents sont complets, soumettez le dossier. La coordination constitue un "
                        "panel et vous êtes informé du début de la discussion.",
                    ],
                ),
            ],
        ),
        (
            "Participer à une consultation vidéo",
            "Les panels se réunissent en vidéo pour discuter des cas complexes. Quelques minutes de préparation "
            "évitent la plupart des problèmes.",
            [
                (
                    "Utiliser un navigateur pris en charge",
                    [
                        "Rejoignez les réunions avec Chrome, Firefox ou Edge. Safari n'est pas entièrement pris en "
                        "charge pour les réunions : les autres risquent de ne pas vous voir ni vous entendre, même "
                        "si vous les voyez et les entendez.",
                    ],
                ),
                (
                    "Tester la caméra et le microphone",
                    [
                        "Avant la réunion, autorisez le navigateur à utiliser la caméra et le microphone et "
                        "vérifiez que les bons appareils sont sélectionnés.",
                    ],
                ),
                (
                    "Rejoindre depuis le dossier",
                    [
                        "À l'heure prévue, ouvrez le dossier dans l'espace clinique et choisissez Rejoindre la "
                        "réunion. Seuls les membres du panel de ce dossier peuvent participer.",
                    ],
                ),
                (
                    "Discuter du cas",
                    [
                        "Présentez brièvement le cas, puis laissez les experts poser leurs questions. Ne citez aucun "
                        "identifiant du patient, ni à l'oral ni dans la messagerie de la réunion.",
                    ],
                ),
                (
                    "Après la réunion",
                    [
                        "Le responsable du panel rédige le rapport de conclusions. Vous recevez une notification dès "
                        "qu'il est publié.",
                    ],
                ),
            ],
        ),
        (
            "Examiner les demandes d'accès et les demandes d'avis",
            "La coordination décide qui peut utiliser l'espace clinique et quelles demandes d'avis sont confiées à "
            "un panel.",
            [
                (
                    "Ouvrir l'espace de coordination",
                    [
                        "Connectez-vous avec votre second facteur et ouvrez Coordination. Les nouvelles demandes "
                        "d'accès et d'avis y sont listées, les plus anciennes en premier.",
                    ],
                ),
                (
                    "Statuer sur les demandes d'accès",
                    [
                        "Approuvez les professionnels de santé des hôpitaux membres en tant que membres. Donnez aux "
                        "cliniciens extérieurs un compte invité avec une date de fin, limité aux cas qu'ils ont "
                        "adressés.",
                    ],
                ),
                (
                    "Trier les demandes d'avis",
                    [
                        "Vérifiez que la demande remplit les critères et relève d'un domaine d'expertise. "
                        "Acceptez-la, ou refusez-la avec un motif utile au clinicien demandeur.",
                    ],
                ),
                (
                    "Constituer le panel",
                    [
                        "Choisissez un responsable et des experts parmi les centres membres qui couvrent le domaine "
                        "d'expertise. Ils sont notifiés et peuvent ouvrir le dossier.",
                    ],
                ),
            ],
        ),
    ],
    "it": [
        (
            "Creare un account, configurare un secondo fattore e richiedere l'accesso",
            "L'accesso allo spazio clinico è regolato in modo rigoroso per proteggere la riservatezza dei pazienti. "
            "Questa guida la accompagna dal nuovo account fino a una richiesta che il coordinamento della rete può "
            "approvare.",
            [
                (
                    "Creare l'account",
                    [
                        "Scelga Accedi in alto su qualsiasi pagina, poi Registrati. Usi il suo indirizzo e-mail "
                        "professionale e una password di almeno 12 caratteri.",
                        "Apra l'e-mail di conferma e segua il link per verificare l'indirizzo.",
                    ],
                ),
                (
                    "Installare un'app di autenticazione",
                    [
                        "Installi sul telefono un'app di autenticazione che genera codici monouso basati sul tempo. "
                        "La maggior parte degli ospedali ne consiglia già una.",
                    ],
                ),
                (
                    "Attivare il secondo fattore",
                    [
                        "Nelle impostazioni dell'account apra l'autenticazione a due fattori e scansioni il codice "
                        "QR con l'app. Confermi inserendo il codice a sei cifre mostrato dall'app.",
                        "Conservi i codici di recupero in un luogo sicuro, lontano dal telefono. Le permettono di "
                        "accedere se perde o sostituisce il telefono.",
                    ],
                ),
                (
                    "Richiedere l'accesso allo spazio clinico",
                    [
                        "Dopo aver effettuato l'accesso con il secondo fattore, apra Richiedi accesso. Indichi il "
                        "suo ospedale, il suo ruolo e il motivo della richiesta.",
                        "Solo gli utenti autenticati con un secondo fattore possono chiedere l'autorizzazione alla "
                        "rete.",
                    ],
                ),
                (
                    "Attendere la decisione del coordinamento",
                    [
                        "Il coordinamento della rete esamina la richiesta. I professionisti sanitari degli ospedali "
                        "membri diventano membri; i medici esterni ricevono un account ospite a tempo determinato. "
                        "In ogni caso riceverà un'e-mail.",
                        "Domande sull'accesso? Scriva all'helpdesk.",
                    ],
                ),
            ],
        ),
        (
            "Inviare un caso alla rete",
            "I medici di uno Stato membro dell'UE o del SEE possono chiedere il parere degli esperti della rete su un "
            "paziente con una condizione urogenitale rara o complessa.",
            [
                (
                    "Verificare che il caso sia idoneo",
                    [
                        "L'ospedale curante deve trovarsi in uno Stato membro dell'UE o del SEE e la condizione deve "
                        "rientrare in una delle aree di competenza della rete. La verifica di idoneità pone queste "
                        "domande prima di iniziare.",
                    ],
                ),
                (
                    "Rivolgersi al punto di contatto nazionale",
                    [
                        "Chieda al punto di contatto nazionale del suo Paese nel Consiglio degli Stati membri per le "
                        "ERN informazioni sulla procedura di invio nel suo Paese.",
                    ],
                ),
                (
                    "Inviare la richiesta",
                    [
                        "Descriva il quesito clinico senza identificare il paziente: niente nome, data di nascita o "
                        "codice identificativo nazionale. Il coordinamento esamina la richiesta e risponde via "
                        "e-mail.",
                    ],
                ),
                (
                    "Ottenere il consenso del paziente",
                    [
                        "Se la richiesta viene accettata, ottenga il consenso informato completo del paziente alla "
                        "condivisione dei dati, con il modulo di consenso nella lingua del paziente.",
                        "La condivisione per le cure è obbligatoria; i registri della rete e il contatto per la "
                        "ricerca sono facoltativi.",
                    ],
                ),
                (
                    "Preparare il caso per il panel",
                    [
                        "Con l'account ospite carichi le informazioni mediche e le immagini rilevanti che il panel "
                        "deve discutere. Il panel risponde con un rapporto conclusivo contenente consigli altamente "
                        "specialistici.",
                        "La rete fornisce solo un parere esperto: la responsabilità legale del paziente resta a lei "
                        "e al suo ospedale.",
                    ],
                ),
            ],
        ),
        (
            "Preparare e caricare documenti e immagini del paziente",
            "Un panel può dare consigli solo su ciò che vede. Una preparazione accurata riduce i tempi del rapporto "
            "conclusivo.",
            [
                (
                    "Pseudonimizzare prima di caricare",
                    [
                        "Rimuova nome, data di nascita, indirizzo e codici identificativi nazionali del paziente da "
                        "lettere e referti. Lo spazio clinico identifica il paziente solo con uno pseudonimo, la "
                        "fascia d'età e il sesso.",
                    ],
                ),
                (
                    "Raccogliere ciò che serve al panel",
                    [
                        "Includa l'anamnesi, le lettere recenti, i verbali operatori, i referti di anatomia "
                        "patologica e gli esami di laboratorio utili al suo quesito.",
                        "Formuli il quesito al panel in una o due frasi.",
                    ],
                ),
                (
                    "Esportare le immagini in formato DICOM",
                    [
                        "Chieda alla radiologia gli esami rilevanti come file DICOM, senza identificativi del "
                        "paziente. Scelga le serie che rispondono al quesito clinico invece dell'intero archivio.",
                    ],
                ),
                (
                    "Caricare nel caso",
                    [
                        "Apra il caso nello spazio clinico e scelga Carica documenti. Dia a ogni file una breve "
                        "descrizione, così gli esperti sanno che cosa stanno guardando.",
                        "Lo spazio clinico controlla il contenuto di ogni file e rifiuta quelli che non può leggere "
                        "in sicurezza.",
                    ],
                ),
                (
                    "Inviare il caso per la revisione",
                    [
                        "Quando la documentazione è completa, invii il caso. Il coordinamento costituisce un panel e "
                        "lei viene informato quando inizia la discussione.",
                    ],
                ),
            ],
        ),
        (
            "Partecipare a una videoconsulenza",
            "I panel si riuniscono in video per discutere i casi complessi. Pochi minuti di preparazione evitano la "
            "maggior parte dei problemi.",
            [
                (
                    "Usare un browser supportato",
                    [
                        "Partecipi alle riunioni con Chrome, Firefox o Edge. Safari non è pienamente supportato per "
                        "le riunioni: gli altri potrebbero non vederla né sentirla, anche se lei continua a vederli "
                        "e sentirli.",
                    ],
                ),
                (
                    "Provare videocamera e microfono",
                    [
                        "Prima della riunione consenta al browser di usare videocamera e microfono e controlli che "
                        "siano selezionati i dispositivi giusti.",
                    ],
                ),
                (
                    "Partecipare dal caso",
                    [
                        "All'ora prevista apra il caso nello spazio clinico e scelga Partecipa alla riunione. Solo i "
                        "membri del panel di quel caso possono partecipare.",
                    ],
                ),
                (
                    "Discutere il caso",
                    [
                        "Presenti brevemente il caso, poi lasci agli esperti le loro domande. Non citi "
                        "identificativi del paziente né nella conversazione né nella chat della riunione.",
                    ],
                ),
                (
                    "Dopo la riunione",
                    [
                        "Il responsabile del panel redige il rapporto conclusivo. Riceverà una notifica quando sarà "
                        "emesso.",
                    ],
                ),
            ],
        ),
        (
            "Esaminare le richieste di accesso e i casi inviati",
            "Il coordinamento decide chi può usare lo spazio clinico e quali casi inviati vanno a un panel.",
            [
                (
                    "Aprire l'area di coordinamento",
                    [
                        "Acceda con il secondo fattore e apra Coordinamento. Le nuove richieste di accesso e i casi "
                        "inviati sono elencati dal più vecchio.",
                    ],
                ),
                (
                    "Decidere sulle richieste di accesso",
                    [
                        "Approvi come membri i professionisti sanitari degli ospedali membri. Ai medici esterni "
                        "assegni un account ospite con data di scadenza, limitato ai casi che hanno inviato.",
                    ],
                ),
                (
                    "Valutare i casi inviati",
                    [
                        "Verifichi che il caso soddisfi i criteri e rientri in un'area di competenza. Lo accetti, "
                        "oppure lo respinga con una motivazione utile al medico inviante.",
                    ],
                ),
                (
                    "Costituire il panel",
                    [
                        "Scelga un responsabile ed esperti tra i centri membri che coprono l'area di competenza. "
                        "Ricevono una notifica e possono aprire il caso.",
                    ],
                ),
            ],
        ),
    ],
    "es": [
        (
            "Crear una cuenta, configurar un segundo factor y solicitar acceso",
            "El acceso al espacio clínico está estrictamente regulado para proteger la privacidad de los pacientes. "
            "Esta guía le lleva desde una cuenta nueva hasta una solicitud que la coordinación de la red pueda "
            "aprobar.",
            [
                (
                    "Crear su cuenta",
                    [
                        "Elija Iniciar sesión en la parte superior de cualquier página y después Registrarse. Use su "
                        "dirección de correo profesional y una contraseña de al menos 12 caracteres.",
                        "Abra el correo de confirmación y siga su enlace para verificar su dirección.",
                    ],
                ),
                (
                    "Instalar una aplicación de autenticación",
                    [
                        "Instale en su teléfono una aplicación de autenticación que genere códigos de un solo uso "
                        "basados en el tiempo. La mayoría de los hospitales ya recomiendan una.",
                    ],
                ),
                (
                    "Activar el segundo factor",
                    [
                        "En los ajustes de su cuenta, abra la autenticación en dos pasos y escanee el código QR con "
                        "la aplicación. Confirme con el código de seis cifras que muestra la aplicación.",
                        "Guarde los códigos de recuperación en un lugar seguro, lejos de su teléfono. Le permiten "
                        "iniciar sesión si pierde o cambia el teléfono.",
                    ],
                ),
                (
                    "Solicitar acceso al espacio clínico",
                    [
                        "Con la sesión iniciada con su segundo factor, abra Solicitar acceso. Indique su hospital, "
                        "su función y por qué necesita acceso.",
                        "Solo los usuarios autenticados con un segundo factor pueden pedir autorización a la red.",
                    ],
                ),
                (
                    "Esperar la decisión de la coordinación",
                    [
                        "La coordinación de la red revisa su solicitud. Los profesionales sanitarios de los "
                        "hospitales miembros pasan a ser miembros; los clínicos externos reciben una cuenta de "
                        "invitado por un periodo limitado. En cualquier caso recibirá un correo.",
                        "¿Dudas sobre el acceso? Escriba al servicio de ayuda.",
                    ],
                ),
            ],
        ),
        (
            "Derivar un caso a la red",
            "Los clínicos de un Estado miembro de la UE o del EEE pueden pedir consejo a los expertos de la red "
            "sobre un paciente con una afección urogenital rara o compleja.",
            [
                (
                    "Comprobar que el caso es elegible",
                    [
                        "El hospital que trata al paciente debe estar en un Estado miembro de la UE o del EEE y la "
                        "afección debe pertenecer a una de las áreas de experiencia de la red. La comprobación de "
                        "elegibilidad hace estas preguntas antes de empezar.",
                    ],
                ),
                (
                    "Hablar con su punto de contacto nacional",
                    [
                        "Consulte al punto de contacto nacional de su país en el Consejo de Estados miembros de las "
                        "ERN sobre el procedimiento de derivación en su país.",
                    ],
                ),
                (
                    "Enviar la solicitud de derivación",
                    [
                        "Describa la pregunta clínica sin identificar al paciente: sin nombre, fecha de nacimiento "
                        "ni número de identificación nacional. La coordinación revisa la solicitud y responde por "
                        "correo.",
                    ],
                ),
                (
                    "Obtener el consentimiento del paciente",
                    [
                        "Si se acepta la derivación, obtenga el consentimiento informado completo del paciente para "
                        "compartir sus datos, con el formulario de consentimiento en el idioma del paciente.",
                        "Compartir para la atención es obligatorio; los registros de la red y el contacto para "
                        "investigación son opcionales.",
                    ],
                ),
                (
                    "Preparar el caso para el panel",
                    [
                        "Con su cuenta de invitado, suba la información médica y las imágenes relevantes que el "
                        "panel debe debatir. El panel responde con un informe de conclusiones con asesoramiento "
                        "altamente especializado.",
                        "La red solo ofrece asesoramiento experto: la responsabilidad legal sobre el paciente sigue "
                        "siendo suya y de su hospital.",
                    ],
                ),
            ],
        ),
        (
            "Preparar y subir documentos e imágenes del paciente",
            "Un panel solo puede aconsejar sobre lo que ve. Una preparación cuidadosa acorta el tiempo hasta el "
            "informe de conclusiones.",
            [
                (
                    "Seudonimizar antes de subir",
                    [
                        "Elimine el nombre, la fecha de nacimiento, la dirección y los números de identificación "
                        "nacionales del paciente de cartas e informes. El espacio clínico identifica al paciente "
                        "solo por un seudónimo, un grupo de edad y el sexo.",
                    ],
                ),
                (
                    "Reunir lo que necesita el panel",
                    [
                        "Incluya la historia clínica, las cartas recientes, los informes quirúrgicos, los informes "
                        "de anatomía patológica y los resultados de laboratorio relevantes para su pregunta.",
                        "Formule su pregunta al panel en una o dos frases.",
                    ],
                ),
                (
                    "Exportar las imágenes en DICOM",
                    [
                        "Pida a su servicio de radiología los estudios relevantes como archivos DICOM, sin "
                        "identificadores del paciente. Elija las series que responden a la pregunta clínica en "
                        "lugar del archivo completo.",
                    ],
                ),
                (
                    "Subir al caso",
                    [
                        "Abra el caso en el espacio clínico y elija Subir documentos. Añada a cada archivo una breve "
                        "descripción para que los expertos sepan lo que están viendo.",
                        "El espacio clínico comprueba el contenido de cada archivo y rechaza los que no puede leer "
                        "de forma segura.",
                    ],
                ),
                (
                    "Enviar el caso a revisión",
                    [
                        "Cuando la documentación esté completa, envíe el caso. La coordinación forma un panel y se "
                        "le avisa cuando empieza el debate.",
                    ],
                ),
            ],
        ),
        (
            "Unirse a una videoconsulta",
            "Los paneles se reúnen por vídeo para debatir casos complejos. Unos minutos de preparación evitan la "
            "mayoría de los problemas.",
            [
                (
                    "Usar un navegador compatible",
                    [
                        "Únase a las reuniones con Chrome, Firefox o Edge. Safari no es totalmente compatible con "
                        "las reuniones: es posible que los demás no le vean ni le oigan, aunque usted siga viéndoles "
                        "y oyéndoles.",
                    ],
                ),
                (
                    "Probar la cámara y el micrófono",
                    [
                        "Antes de la reunión, permita que el navegador use la cámara y el micrófono y compruebe que "
                        "están seleccionados los dispositivos correctos.",
                    ],
                ),
                (
                    "Unirse desde el caso",
                    [
                        "A la hora prevista, abra el caso en el espacio clínico y elija Unirse a la reunión. Solo "
                        "los miembros del panel de ese caso pueden unirse.",
                    ],
                ),
                (
                    "Debatir el caso",
                    [
                        "Presente el caso brevemente y deje que los expertos hagan sus preguntas. No mencione "
                        "identificadores del paciente ni en la conversación ni en el chat de la reunión.",
                    ],
                ),
                (
                    "Después de la reunión",
                    [
                        "El responsable del panel redacta el informe de conclusiones. Recibirá una notificación "
                        "cuando se emita.",
                    ],
                ),
            ],
        ),
        (
            "Revisar solicitudes de acceso y derivaciones",
            "La coordinación decide quién puede usar el espacio clínico y qué derivaciones pasan a un panel.",
            [
                (
                    "Abrir el área de coordinación",
                    [
                        "Inicie sesión con su segundo factor y abra Coordinación. Las nuevas solicitudes de acceso y "
                        "derivaciones aparecen allí, primero las más antiguas.",
                    ],
                ),
                (
                    "Decidir sobre las solicitudes de acceso",
                    [
                        "Apruebe como miembros a los profesionales sanitarios de los hospitales miembros. Dé a los "
                        "clínicos externos una cuenta de invitado con fecha de fin, limitada a los casos que "
                        "derivaron.",
                    ],
                ),
                (
                    "Clasificar las derivaciones",
                    [
                        "Compruebe que la derivación cumple los criterios y pertenece a un área de experiencia. "
                        "Acéptela o rechácela con un motivo que sea útil para el clínico que deriva.",
                    ],
                ),
                (
                    "Formar el panel",
                    [
                        "Elija un responsable y expertos de los centros miembros que cubren el área de experiencia. "
                        "Reciben una notificación y pueden abrir el caso.",
                    ],
                ),
            ],
        ),
    ],
}
