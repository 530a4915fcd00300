"""Demo content for the home app: locales, site settings and the home page in five languages."""

from wagtail.documents.models import Document
from wagtail.models import Collection, Page, Site

from home.models import HomePage, SiteSettings
from portal.demo import DEMO_LANGUAGES, ensure_locales, list_items, locale, publish, stream, translate

HOME_TITLE = "Expert advice on rare urogenital conditions, across borders"
HOME_INTRO = (
    "ERN eUROGEN is the European Reference Network for rare urogenital diseases and complex conditions. "
    "Its expert hospitals across the EU and Norway pool scarce knowledge so that the expertise travels, "
    "not the patient."
)
WORKSPACE_PARAGRAPH = (
    "Clinicians at member hospitals, and guest clinicians authorised by the network's coordinator, present "
    "a patient's case to a multidisciplinary panel of experts in our secure clinical workspace. Patients are "
    "pseudonymised, their consent is recorded, and the panel answers with a signed outcome report."
)
# wagtail-localize segments rich text by paragraph, without the tags, so the
# translations below are keyed by the paragraph's text.
WORKSPACE_TEXT = f"<p>{WORKSPACE_PARAGRAPH}</p>"
PAPER_TITLE = "Cross-border video consultation for rare urology (2022)"
PAPER_BLOCK_TITLE = "Read the network's 2022 study of cross-border video consultation"
PAPER_DESCRIPTION = (
    "Urologists saw great opportunities for sharing expertise once they were confident with the tool, "
    "and asked for it to become more user-friendly before daily use."
)
REFER_TITLE = "Have a patient who might need the network?"
REFER_TEXT = (
    "Clinicians outside the network can ask the network's experts for advice on a patient with a rare "
    "urogenital condition. Check in a few steps whether the case is eligible, then send a referral request."
)
REFER_BUTTON = "Check eligibility"
KEY_MESSAGES_TITLE = "Key messages"
KEY_MESSAGES = [
    "A rare disease affects fewer than 1 in 2,000 people.",
    "The network gives expert advice only: responsibility for the patient stays with the treating clinician.",
    "Access to the clinical workspace needs a second factor and the coordinator's approval.",
]

HOME_TRANSLATIONS = {
    "de": {
        HOME_TITLE: "Expertenrat zu seltenen urogenitalen Erkrankungen – über Grenzen hinweg",
        HOME_INTRO: (
            "ERN eUROGEN ist das Europäische Referenznetzwerk für seltene urogenitale Erkrankungen und komplexe "
            "Krankheitsbilder. Seine Expertenzentren in der EU und in Norwegen bündeln knappes Wissen, damit das "
            "Fachwissen reist und nicht die Patientin oder der Patient."
        ),
        WORKSPACE_PARAGRAPH: (
            "Ärztinnen und Ärzte der Mitgliedskliniken sowie vom Koordinationsteam zugelassene Gastärztinnen "
            "und Gastärzte stellen den Fall einer Patientin oder eines Patienten in unserem geschützten klinischen "
            "Arbeitsbereich einem multidisziplinären Expertengremium vor. Die Daten sind pseudonymisiert, die "
            "Einwilligung wird dokumentiert, und das Gremium antwortet mit einem unterzeichneten Ergebnisbericht."
        ),
        KEY_MESSAGES_TITLE: "Das Wichtigste",
        PAPER_BLOCK_TITLE: "Die Studie des Netzwerks von 2022 zur grenzüberschreitenden Videokonsultation",
        PAPER_DESCRIPTION: (
            "Urologinnen und Urologen sahen große Chancen für den Austausch von Fachwissen, sobald sie mit dem "
            "Werkzeug vertraut waren, und wünschten sich vor dem täglichen Einsatz eine benutzerfreundlichere Lösung."
        ),
        REFER_TITLE: "Eine Patientin oder ein Patient für das Netzwerk?",
        REFER_TEXT: (
            "Ärztinnen und Ärzte außerhalb des Netzwerks können die Expertinnen und Experten um Rat zu einer "
            "Patientin oder einem Patienten mit einer seltenen urogenitalen Erkrankung bitten. Prüfen Sie in "
            "wenigen Schritten, ob der Fall infrage kommt, und senden Sie dann eine Überweisungsanfrage."
        ),
        REFER_BUTTON: "Eignung prüfen",
        KEY_MESSAGES[0]: "Eine seltene Erkrankung betrifft weniger als 1 von 2.000 Menschen.",
        KEY_MESSAGES[1]: (
            "Das Netzwerk berät ausschließlich: Die Verantwortung für die Behandlung bleibt bei der "
            "behandelnden Ärztin oder dem behandelnden Arzt."
        ),
        KEY_MESSAGES[2]: (
            "Der Zugang zum klinischen Arbeitsbereich erfordert einen zweiten Faktor und die Freigabe durch "
            "das Koordinationsteam."
        ),
    },
    "fr": {
        HOME_TITLE: "Un avis d'experts sur les maladies urogénitales rares, par-delà les frontières",
        HOME_INTRO: (
            "ERN eUROGEN est le réseau européen de référence pour les maladies urogénitales rares et les "
            "affections complexes. Ses hôpitaux experts, dans l'UE et en Norvège, mettent en commun un savoir "
            "rare : c'est l'expertise qui voyage, pas le patient."
        ),
        WORKSPACE_PARAGRAPH: (
            "Les cliniciens des hôpitaux membres, ainsi que les cliniciens invités autorisés par la "
            "coordination du réseau, présentent le dossier d'un patient à un panel d'experts pluridisciplinaire "
            "dans notre espace clinique sécurisé. Les patients sont pseudonymisés, leur consentement est "
            "enregistré et le panel répond par un rapport de conclusions signé."
        ),
        KEY_MESSAGES_TITLE: "À retenir",
        PAPER_BLOCK_TITLE: "L'étude du réseau de 2022 sur la téléconsultation vidéo transfrontalière",
        PAPER_DESCRIPTION: (
            "Les urologues y voyaient de grandes possibilités de partage d'expertise une fois l'outil maîtrisé, "
            "et demandaient qu'il devienne plus simple d'utilisation avant un usage quotidien."
        ),
        REFER_TITLE: "Un patient qui pourrait avoir besoin du réseau ?",
        REFER_TEXT: (
            "Les cliniciens extérieurs au réseau peuvent demander l'avis de ses experts sur un patient atteint "
            "d'une maladie urogénitale rare. Vérifiez en quelques étapes si le cas est éligible, puis envoyez "
            "une demande d'orientation."
        ),
        REFER_BUTTON: "Vérifier l'éligibilité",
        KEY_MESSAGES[0]: "Une maladie rare touche moins d'une personne sur 2 000.",
        KEY_MESSAGES[1]: (
            "Le réseau donne uniquement un avis d'experts : la responsabilité du patient reste au clinicien traitant."
        ),
        KEY_MESSAGES[2]: (
            "L'accès à l'espace clinique exige un second facteur d'authentification et l'accord de la coordination."
        ),
    },
    "it": {
        HOME_TITLE: "Il parere degli esperti sulle malattie urogenitali rare, oltre i confini",
        HOME_INTRO: (
            "ERN eUROGEN è la rete di riferimento europea per le malattie urogenitali rare e le condizioni "
            "complesse. I suoi ospedali esperti nell'UE e in Norvegia mettono in comune conoscenze scarse, "
            "perché a viaggiare sia la competenza e non il paziente."
        ),
        WORKSPACE_PARAGRAPH: (
            "I medici degli ospedali membri, e i medici ospiti autorizzati dal coordinamento della rete, "
            "presentano il caso di un paziente a un panel multidisciplinare di esperti nel nostro spazio clinico "
            "protetto. I pazienti sono pseudonimizzati, il consenso viene registrato e il panel risponde con un "
            "rapporto conclusivo firmato."
        ),
        KEY_MESSAGES_TITLE: "Punti chiave",
        PAPER_BLOCK_TITLE: "Lo studio della rete del 2022 sulla videoconsulenza transfrontaliera",
        PAPER_DESCRIPTION: (
            "Gli urologi vedevano grandi opportunità di condivisione delle competenze una volta presa confidenza "
            "con lo strumento, e chiedevano che diventasse più semplice da usare prima dell'impiego quotidiano."
        ),
        REFER_TITLE: "Un paziente che potrebbe aver bisogno della rete?",
        REFER_TEXT: (
            "I medici esterni alla rete possono chiedere il parere dei suoi esperti su un paziente con una "
            "malattia urogenitale rara. Verifichi in pochi passaggi se il caso è idoneo, poi invii una "
            "richiesta di invio."
        ),
        REFER_BUTTON: "Verifica l'idoneità",
        KEY_MESSAGES[0]: "Una malattia rara colpisce meno di 1 persona su 2.000.",
        KEY_MESSAGES[1]: (
            "La rete fornisce solo un parere esperto: la responsabilità del paziente resta al medico curante."
        ),
        KEY_MESSAGES[2]: (
            "L'accesso allo spazio clinico richiede un secondo fattore e l'approvazione del coordinamento."
        ),
    },
    "es": {
        HOME_TITLE: "Asesoramiento experto en enfermedades urogenitales raras, más allá de las fronteras",
        HOME_INTRO: (
            "ERN eUROGEN es la Red Europea de Referencia para enfermedades urogenitales raras y afecciones "
            "complejas. Sus hospitales expertos de la UE y Noruega ponen en común un conocimiento escaso para que "
            "viaje la experiencia y no el paciente."
        ),
        WORKSPACE_PARAGRAPH: (
            "Los profesionales de los hospitales miembros, y los clínicos invitados autorizados por la "
            "coordinación de la red, presentan el caso de un paciente a un panel multidisciplinar de expertos en "
            "nuestro espacio clínico seguro. Los pacientes están seudonimizados, su consentimiento queda "
            "registrado y el panel responde con un informe de conclusiones firmado."
        ),
        KEY_MESSAGES_TITLE: "Mensajes clave",
        PAPER_BLOCK_TITLE: "El estudio de la red de 2022 sobre la videoconsulta transfronteriza",
        PAPER_DESCRIPTION: (
            "Los urólogos vieron grandes oportunidades para compartir conocimientos una vez que se sentían "
            "seguros con la herramienta, y pidieron que fuera más fácil de usar antes de emplearla a diario."
        ),
        REFER_TITLE: "¿Tiene un paciente que podría necesitar la red?",
        REFER_TEXT: (
            "Los clínicos de fuera de la red pueden pedir el consejo de sus expertos sobre un paciente con una "
            "enfermedad urogenital rara. Compruebe en pocos pasos si el caso es elegible y envíe después una "
            "solicitud de derivación."
        ),
        REFER_BUTTON: "Comprobar la elegibilidad",
        KEY_MESSAGES[0]: "Una enfermedad rara afecta a menos de 1 de cada 2.000 personas.",
        KEY_MESSAGES[1]: (
            "La red solo ofrece asesoramiento experto: la responsabilidad sobre el paciente sigue siendo del "
            "médico tratante."
        ),
        KEY_MESSAGES[2]: (
            "El acceso al espacio clínico requiere un segundo factor y la aprobación de la coordinación."
        ),
    },
}


def home_page():
    return HomePage.objects.filter(locale=locale("en")).first()


def build_site(context):
    """Locales, the English home page as the site root, and the site settings."""
    ensure_locales()
    # Wagtail's data migrations make the root collection and root page; a test
    # database flushed between transactional tests has neither.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale("en")))
    # Wagtail's first migration leaves a plain "Welcome to Wagtail" page (and a
    # Site pointing at it) in the slot the home page takes; the demo replaces it.
    root.get_children().filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
    home = home_page()
    if home is None:
        home = HomePage(title=HOME_TITLE, slug="home", locale=locale("en"), introduction=HOME_INTRO)
        root.add_child(instance=home)
        publish(home)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname = site.hostname or "localhost"
    site.port = site.port or 80
    site.root_page = home
    site.site_name = "ERN eUROGEN"
    site.save()

    # Translate the home page before any section: otherwise wagtail-localize
    # creates each language's home as an alias when the first child page is
    # translated, and converting it later moves every translated page's path.
    for code in DEMO_LANGUAGES:
        translate(home, code, HOME_TRANSLATIONS[code])

    site_settings = SiteSettings.for_site(site)
    site_settings.network_name = "ERN eUROGEN"
    site_settings.network_tagline = "European Reference Network for rare urogenital diseases and complex conditions"
    site_settings.helpdesk_email = "helpdesk@demo.example"
    site_settings.helpdesk_phone = "+31 24 000 0000"
    site_settings.helpdesk_hours = "Monday to Friday, 9:00–17:00 CET"
    site_settings.save()
    context["home"] = home


def home_body(section_pages, paper=None, refer_page=None):
    """The home page body: workspace introduction, key messages, the referral route,
    the 2022 paper and cards to the sections that exist."""
    blocks = [
        ("paragraph", WORKSPACE_TEXT, "home:workspace"),
        (
            "key_messages",
            {"title": KEY_MESSAGES_TITLE, "messages": list_items(KEY_MESSAGES, "home:key-messages")},
            "home:key-messages",
        ),
    ]
    if refer_page is not None:
        cta = {"title": REFER_TITLE, "text": REFER_TEXT, "page": refer_page.pk, "url": "", "button_label": REFER_BUTTON}
        blocks.append(("call_to_action", cta, "home:refer"))
    cards = [{"page": page.pk, "title": "", "text": ""} for page in section_pages if page is not None]
    if cards:
        blocks.append(("cards", {"title": "", "cards": list_items(cards, "home:cards")}, "home:cards"))
    if paper is not None:
        document = {"document": paper.pk, "title": PAPER_BLOCK_TITLE, "description": PAPER_DESCRIPTION}
        blocks.append(("document", document, "home:paper"))
    return stream(*blocks)


def build_home_links(context):
    """Fill the home page body (after the sections exist) and translate it."""
    home = home_page()
    section_pages = [page.specific for page in home.get_children().live().in_menu()]
    paper = Document.objects.filter(title=PAPER_TITLE).first()
    refer_page = home.get_children().live().filter(slug="refer").first()
    home.title = HOME_TITLE
    home.introduction = HOME_INTRO
    home.search_description = HOME_INTRO
    home.body = home_body(section_pages, paper=paper, refer_page=refer_page)
    publish(home)
    for code in DEMO_LANGUAGES:
        translate(home, code, HOME_TRANSLATIONS[code])
