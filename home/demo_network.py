"""
Demo content for the network: workstreams with their expertise areas, member
centres, the member centres page and the contact page, in English and
translated into de, fr, it and es through wagtail-localize.

Idempotent: snippets and inline child objects carry translation keys derived
from fixed names (``stable_key``), so a second run finds and updates the same
rows, and wagtail-localize sees the same segments.
"""

import uuid

from home.contact import ContactFormField, ContactPage
from home.demo import home_page
from home.network import ExpertiseArea, MemberCentre, Workstream
from home.network_pages import MemberCentresPage
from portal.demo import DEMO_LANGUAGES, ensure_locales, get_or_create_child, locale, translate


def stable_key(*parts):
    """A translation_key that is the same on every run of the loader."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "ern-demo:" + ":".join(str(part) for part in parts))


def reuse_pks(existing, new_objects):
    """Give new inline objects the primary keys of the existing rows with the same translation_key.

    Replacing children by fresh objects would delete and re-insert rows; with
    the keys recycled, modelcluster updates them in place.
    """
    by_key = {obj.translation_key: obj.pk for obj in existing}
    for obj in new_objects:
        obj.pk = by_key.get(obj.translation_key)
    return new_objects


# --- Workstreams and expertise areas -------------------------------------------------

# (key, name, description, [(area key, name, synonyms)])
WORKSTREAMS = [
    (
        "congenital",
        "Rare congenital uro-recto-genital anomalies",
        "Largely paediatric conditions present from birth, with care continuing through the transition to "
        "adult services.",
        [
            ("bladder-exstrophy", "Bladder exstrophy",
             "exstrophy-epispadias complex, EEC, classic bladder exstrophy, cloacal exstrophy"),
            ("hypospadias", "Hypospadias", "proximal hypospadias, hypospadias repair"),
            ("puv", "Posterior urethral valves", "PUV, urethral valves"),
            ("arm", "Anorectal malformation with uro-genital involvement",
             "ARM, imperforate anus, cloacal malformation"),
            ("dsd", "Disorders of sex development", "DSD, differences of sex development"),
        ],
    ),
    (
        "functional",
        "Functional uro-recto-genital conditions",
        "Conditions that affect how the urinary, genital or lower bowel tract works and need highly specialised "
        "surgery.",
        [
            ("ic-bps", "Interstitial cystitis / bladder pain syndrome", "IC/BPS, painful bladder syndrome"),
            ("urethral-stricture", "Complex urethral stricture", "urethral stenosis, recurrent stricture"),
            ("neurogenic-bladder", "Neurogenic bladder", "neurogenic lower urinary tract dysfunction, NLUTD"),
            ("fistulae", "Complex fistulae", "vesicovaginal fistula, rectourethral fistula"),
        ],
    ),
    (
        "tumours",
        "Rare uro-recto-genital tumours",
        "Rare cancers of the urinary and genital tract and the adrenal glands.",
        [
            ("penile-cancer", "Penile cancer", "penile carcinoma, squamous cell carcinoma of the penis"),
            ("testicular-cancer", "Testicular cancer", "germ cell tumour"),
            ("utuc", "Upper-tract urothelial carcinoma", "UTUC, renal pelvis cancer, ureteral cancer"),
            ("urachal-cancer", "Urachal cancer", "urachal carcinoma, urachal adenocarcinoma"),
            ("adrenal-tumours", "Adrenal tumours", "adrenocortical carcinoma, phaeochromocytoma"),
        ],
    ),
]  # fmt: skip

NETWORK_TRANSLATIONS = {
    "de": {
        "Rare congenital uro-recto-genital anomalies": "Seltene angeborene uro-rekto-genitale Fehlbildungen",
        "Largely paediatric conditions present from birth, with care continuing through the transition to adult "
        "services.": "Überwiegend kinderurologische Erkrankungen, die von Geburt an bestehen; die Betreuung reicht "
        "über den Übergang in die Erwachsenenmedizin hinaus.",
        "Bladder exstrophy": "Blasenekstrophie",
        "exstrophy-epispadias complex, EEC, classic bladder exstrophy, cloacal exstrophy": (
            "Ekstrophie-Epispadie-Komplex, EEK, klassische Blasenekstrophie, Kloakenekstrophie"
        ),
        "Hypospadias": "Hypospadie",
        "proximal hypospadias, hypospadias repair": "proximale Hypospadie, Hypospadiekorrektur",
        "Posterior urethral valves": "Posteriore Urethralklappen",
        "PUV, urethral valves": "PUV, Harnröhrenklappen",
        "Anorectal malformation with uro-genital involvement": "Anorektale Fehlbildung mit urogenitaler Beteiligung",
        "ARM, imperforate anus, cloacal malformation": "ARM, Analatresie, Kloakenfehlbildung",
        "Disorders of sex development": "Varianten der Geschlechtsentwicklung",
        "DSD, differences of sex development": "DSD, Störungen der Geschlechtsentwicklung",
        "Functional uro-recto-genital conditions": "Funktionelle uro-rekto-genitale Erkrankungen",
        "Conditions that affect how the urinary, genital or lower bowel tract works and need highly specialised "
        "surgery.": "Erkrankungen, die die Funktion der Harnwege, der Genitalorgane oder des Enddarms beeinträchtigen "
        "und hochspezialisierte Chirurgie erfordern.",
        "Interstitial cystitis / bladder pain syndrome": "Interstitielle Zystitis / Blasenschmerzsyndrom",
        "IC/BPS, painful bladder syndrome": "IC/BPS, chronisches Blasenschmerzsyndrom",
        "Complex urethral stricture": "Komplexe Harnröhrenstriktur",
        "urethral stenosis, recurrent stricture": "Harnröhrenstenose, Rezidivstriktur",
        "Neurogenic bladder": "Neurogene Blase",
        "neurogenic lower urinary tract dysfunction, NLUTD": "neurogene Dysfunktion des unteren Harntrakts, NLUTD",
        "Complex fistulae": "Komplexe Fisteln",
        "vesicovaginal fistula, rectourethral fistula": "Blasen-Scheiden-Fistel, rektourethrale Fistel",
        "Rare uro-recto-genital tumours": "Seltene uro-rekto-genitale Tumoren",
        "Rare cancers of the urinary and genital tract and the adrenal glands.": (
            "Seltene Krebserkrankungen der Harn- und Geschlechtsorgane und der Nebennieren."
        ),
        "Penile cancer": "Peniskarzinom",
        "penile carcinoma, squamous cell carcinoma of the penis": "Peniskrebs, Plattenepithelkarzinom des Penis",
        "Testicular cancer": "Hodenkrebs",
        "germ cell tumour": "Keimzelltumor",
        "Upper-tract urothelial carcinoma": "Urothelkarzinom des oberen Harntrakts",
        "UTUC, renal pelvis cancer, ureteral cancer": "UTUC, Nierenbeckenkarzinom, Harnleiterkarzinom",
        "Urachal cancer": "Urachuskarzinom",
        "urachal carcinoma, urachal adenocarcinoma": "Urachuskrebs, Adenokarzinom des Urachus",
        "Adrenal tumours": "Nebennierentumoren",
        "adrenocortical carcinoma, phaeochromocytoma": "Nebennierenrindenkarzinom, Phäochromozytom",
    },
    "fr": {
        "Rare congenital uro-recto-genital anomalies": "Anomalies uro-recto-génitales congénitales rares",
        "Largely paediatric conditions present from birth, with care continuing through the transition to adult "
        "services.": "Affections surtout pédiatriques, présentes dès la naissance, dont la prise en charge se "
        "poursuit lors de la transition vers les services pour adultes.",
        "Bladder exstrophy": "Exstrophie vésicale",
        "exstrophy-epispadias complex, EEC, classic bladder exstrophy, cloacal exstrophy": (
            "complexe exstrophie-épispadias, CEE, exstrophie vésicale classique, exstrophie cloacale"
        ),
        "Hypospadias": "Hypospadias",
        "proximal hypospadias, hypospadias repair": "hypospadias proximal, correction d'hypospadias",
        "Posterior urethral valves": "Valves de l'urètre postérieur",
        "PUV, urethral valves": "VUP, valves urétrales",
        "Anorectal malformation with uro-genital involvement": ("Malformation anorectale avec atteinte uro-génitale"),
        "ARM, imperforate anus, cloacal malformation": "MAR, imperforation anale, malformation cloacale",
        "Disorders of sex development": "Variations du développement génital",
        "DSD, differences of sex development": "DSD, anomalies du développement sexuel",
        "Functional uro-recto-genital conditions": "Affections uro-recto-génitales fonctionnelles",
        "Conditions that affect how the urinary, genital or lower bowel tract works and need highly specialised "
        "surgery.": "Affections qui perturbent le fonctionnement des voies urinaires, génitales ou du bas "
        "appareil digestif et qui exigent une chirurgie hautement spécialisée.",
        "Interstitial cystitis / bladder pain syndrome": "Cystite interstitielle / syndrome de la vessie douloureuse",
        "IC/BPS, painful bladder syndrome": "CI/SVD, syndrome douloureux vésical",
        "Complex urethral stricture": "Sténose complexe de l'urètre",
        "urethral stenosis, recurrent stricture": "rétrécissement urétral, sténose récidivante",
        "Neurogenic bladder": "Vessie neurologique",
        "neurogenic lower urinary tract dysfunction, NLUTD": (
            "dysfonctionnement neurogène du bas appareil urinaire, vessie neurogène"
        ),
        "Complex fistulae": "Fistules complexes",
        "vesicovaginal fistula, rectourethral fistula": "fistule vésico-vaginale, fistule recto-urétrale",
        "Rare uro-recto-genital tumours": "Tumeurs uro-recto-génitales rares",
        "Rare cancers of the urinary and genital tract and the adrenal glands.": (
            "Cancers rares des voies urinaires et génitales et des glandes surrénales."
        ),
        "Penile cancer": "Cancer du pénis",
        "penile carcinoma, squamous cell carcinoma of the penis": "carcinome du pénis, carcinome épidermoïde du pénis",
        "Testicular cancer": "Cancer du testicule",
        "germ cell tumour": "tumeur germinale",
        "Upper-tract urothelial carcinoma": "Carcinome urothélial de la voie excrétrice supérieure",
        "UTUC, renal pelvis cancer, ureteral cancer": "TVES, cancer du bassinet, cancer de l'uretère",
        "Urachal cancer": "Cancer de l'ouraque",
        "urachal carcinoma, urachal adenocarcinoma": "carcinome de l'ouraque, adénocarcinome de l'ouraque",
        "Adrenal tumours": "Tumeurs surrénaliennes",
        "adrenocortical carcinoma, phaeochromocytoma": "corticosurrénalome malin, phéochromocytome",
    },
    "it": {
        "Rare congenital uro-recto-genital anomalies": "Anomalie uro-retto-genitali congenite rare",
        "Largely paediatric conditions present from birth, with care continuing through the transition to adult "
        "services.": "Condizioni in gran parte pediatriche, presenti dalla nascita, con cure che proseguono nella "
        "transizione ai servizi per adulti.",
        "Bladder exstrophy": "Estrofia vescicale",
        "exstrophy-epispadias complex, EEC, classic bladder exstrophy, cloacal exstrophy": (
            "complesso estrofia-epispadia, CEE, estrofia vescicale classica, estrofia cloacale"
        ),
        "Hypospadias": "Ipospadia",
        "proximal hypospadias, hypospadias repair": "ipospadia prossimale, correzione dell'ipospadia",
        "Posterior urethral valves": "Valvole dell'uretra posteriore",
        "PUV, urethral valves": "VUP, valvole uretrali",
        "Anorectal malformation with uro-genital involvement": (
            "Malformazione anorettale con coinvolgimento uro-genitale"
        ),
        "ARM, imperforate anus, cloacal malformation": "MAR, ano imperforato, malformazione cloacale",
        "Disorders of sex development": "Disordini dello sviluppo del sesso",
        "DSD, differences of sex development": "DSD, differenze dello sviluppo del sesso",
        "Functional uro-recto-genital conditions": "Condizioni uro-retto-genitali funzionali",
        "Conditions that affect how the urinary, genital or lower bowel tract works and need highly specialised "
        "surgery.": "Condizioni che compromettono il funzionamento delle vie urinarie, genitali o dell'ultimo "
        "tratto intestinale e richiedono una chirurgia altamente specializzata.",
        "Interstitial cystitis / bladder pain syndrome": "Cistite interstiziale / sindrome della vescica dolorosa",
        "IC/BPS, painful bladder syndrome": "CI/BPS, sindrome della vescica dolorosa",
        "Complex urethral stricture": "Stenosi uretrale complessa",
        "urethral stenosis, recurrent stricture": "restringimento uretrale, stenosi recidivante",
        "Neurogenic bladder": "Vescica neurologica",
        "neurogenic lower urinary tract dysfunction, NLUTD": (
            "disfunzione neurogena delle basse vie urinarie, vescica neurogena"
        ),
        "Complex fistulae": "Fistole complesse",
        "vesicovaginal fistula, rectourethral fistula": "fistola vescico-vaginale, fistola retto-uretrale",
        "Rare uro-recto-genital tumours": "Tumori uro-retto-genitali rari",
        "Rare cancers of the urinary and genital tract and the adrenal glands.": (
            "Tumori rari delle vie urinarie e genitali e delle ghiandole surrenali."
        ),
        "Penile cancer": "Carcinoma del pene",
        "penile carcinoma, squamous cell carcinoma of the penis": "tumore del pene, carcinoma squamoso del pene",
        "Testicular cancer": "Tumore del testicolo",
        "germ cell tumour": "tumore a cellule germinali",
        "Upper-tract urothelial carcinoma": "Carcinoma uroteliale delle alte vie urinarie",
        "UTUC, renal pelvis cancer, ureteral cancer": "UTUC, tumore della pelvi renale, tumore dell'uretere",
        "Urachal cancer": "Carcinoma dell'uraco",
        "urachal carcinoma, urachal adenocarcinoma": "tumore dell'uraco, adenocarcinoma dell'uraco",
        "Adrenal tumours": "Tumori del surrene",
        "adrenocortical carcinoma, phaeochromocytoma": "carcinoma corticosurrenalico, feocromocitoma",
    },
    "es": {
        "Rare congenital uro-recto-genital anomalies": "Anomalías uro-recto-genitales congénitas raras",
        "Largely paediatric conditions present from birth, with care continuing through the transition to adult "
        "services.": "Afecciones mayoritariamente pediátricas, presentes desde el nacimiento, cuya atención continúa "
        "durante la transición a los servicios de adultos.",
        "Bladder exstrophy": "Extrofia vesical",
        "exstrophy-epispadias complex, EEC, classic bladder exstrophy, cloacal exstrophy": (
            "complejo extrofia-epispadias, CEE, extrofia vesical clásica, extrofia de cloaca"
        ),
        "Hypospadias": "Hipospadias",
        "proximal hypospadias, hypospadias repair": "hipospadias proximal, corrección del hipospadias",
        "Posterior urethral valves": "Válvulas de uretra posterior",
        "PUV, urethral valves": "VUP, válvulas uretrales",
        "Anorectal malformation with uro-genital involvement": "Malformación anorrectal con afectación urogenital",
        "ARM, imperforate anus, cloacal malformation": "MAR, ano imperforado, malformación cloacal",
        "Disorders of sex development": "Trastornos del desarrollo sexual",
        "DSD, differences of sex development": "DSD, diferencias del desarrollo sexual",
        "Functional uro-recto-genital conditions": "Afecciones uro-recto-genitales funcionales",
        "Conditions that affect how the urinary, genital or lower bowel tract works and need highly specialised "
        "surgery.": "Afecciones que alteran el funcionamiento de las vías urinarias, genitales o del tramo final del "
        "intestino y requieren cirugía altamente especializada.",
        "Interstitial cystitis / bladder pain syndrome": "Cistitis intersticial / síndrome de vejiga dolorosa",
        "IC/BPS, painful bladder syndrome": "CI/SVD, síndrome de dolor vesical",
        "Complex urethral stricture": "Estenosis uretral compleja",
        "urethral stenosis, recurrent stricture": "estrechez uretral, estenosis recurrente",
        "Neurogenic bladder": "Vejiga neurógena",
        "neurogenic lower urinary tract dysfunction, NLUTD": "disfunción neurógena del tracto urinario inferior",
        "Complex fistulae": "Fístulas complejas",
        "vesicovaginal fistula, rectourethral fistula": "fístula vesicovaginal, fístula rectouretral",
        "Rare uro-recto-genital tumours": "Tumores uro-recto-genitales raros",
        "Rare cancers of the urinary and genital tract and the adrenal glands.": (
            "Cánceres raros de las vías urinarias y genitales y de las glándulas suprarrenales."
        ),
        "Penile cancer": "Cáncer de pene",
        "penile carcinoma, squamous cell carcinoma of the penis": "carcinoma de pene, carcinoma epidermoide de pene",
        "Testicular cancer": "Cáncer de testículo",
        "germ cell tumour": "tumor de células germinales",
        "Upper-tract urothelial carcinoma": "Carcinoma urotelial del tracto urinario superior",
        "UTUC, renal pelvis cancer, ureteral cancer": "CUTUS, cáncer de pelvis renal, cáncer de uréter",
        "Urachal cancer": "Cáncer de uraco",
        "urachal carcinoma, urachal adenocarcinoma": "carcinoma de uraco, adenocarcinoma de uraco",
        "Adrenal tumours": "Tumores suprarrenales",
        "adrenocortical carcinoma, phaeochromocytoma": "carcinoma suprarrenal, feocromocitoma",
    },
}

# (key, name, city, country, website, [area keys]). Names are fictional but
# follow how university hospitals in each country name themselves.
CENTRES = [
    ("rijnstad", "Rijnstad Universitair Medisch Centrum", "Nijmegen", "NL", "",
     ["bladder-exstrophy", "hypospadias", "dsd", "urethral-stricture", "penile-cancer"]),
    ("elbtal", "Universitätsklinikum Elbtal", "Dresden", "DE", "",
     ["puv", "neurogenic-bladder", "utuc", "adrenal-tumours"]),
    ("isarau", "Klinikum der Universität Isarau", "Munich", "DE", "",
     ["testicular-cancer", "penile-cancer", "urachal-cancer"]),
    ("saint-aubin", "Hôpital universitaire Saint-Aubin", "Lyon", "FR", "",
     ["hypospadias", "arm", "dsd", "fistulae"]),
    ("san-lorenzo", "Azienda Ospedaliero-Universitaria San Lorenzo", "Padua", "IT", "",
     ["bladder-exstrophy", "puv", "arm", "ic-bps"]),
    ("virgen-de-la-vega", "Hospital Universitario Virgen de la Vega", "Barcelona", "ES", "",
     ["urethral-stricture", "fistulae", "neurogenic-bladder"]),
    ("scheldeland", "Universitair Ziekenhuis Scheldeland", "Ghent", "BE", "",
     ["dsd", "hypospadias", "ic-bps", "utuc"]),
    ("nordvik", "Nordviks universitetssjukhus", "Gothenburg", "SE", "",
     ["neurogenic-bladder", "bladder-exstrophy", "testicular-cancer"]),
    ("donautal", "Universitätsklinikum Donautal", "Vienna", "AT", "",
     ["penile-cancer", "urachal-cancer", "adrenal-tumours", "urethral-stricture"]),
    ("fjordlandet", "Fjordlandet universitetssykehus", "Bergen", "NO", "",
     ["puv", "arm", "ic-bps"]),
]  # fmt: skip

CITY_TRANSLATIONS = {
    "de": {"Munich": "München", "Padua": "Padua", "Ghent": "Gent", "Gothenburg": "Göteborg", "Vienna": "Wien"},
    "fr": {"Munich": "Munich", "Padua": "Padoue", "Ghent": "Gand", "Gothenburg": "Göteborg", "Vienna": "Vienne"},
    "it": {"Munich": "Monaco di Baviera", "Padua": "Padova", "Ghent": "Gand", "Gothenburg": "Göteborg",
           "Vienna": "Vienna", "Lyon": "Lione"},
    "es": {"Munich": "Múnich", "Padua": "Padua", "Ghent": "Gante", "Gothenburg": "Gotemburgo", "Vienna": "Viena",
           "Lyon": "Lyon", "Bergen": "Bergen"},
}  # fmt: skip


def build_network(context):
    """Workstreams, expertise areas and member centres in English, then their translations."""
    ensure_locales()
    english = locale("en")
    areas_by_key = {}
    workstreams = []
    for position, (key, name, description, areas) in enumerate(WORKSTREAMS):
        workstream, _created = Workstream.objects.get_or_create(
            translation_key=stable_key("workstream", key), locale=english, defaults={"name": name}
        )
        workstream.name = name
        workstream.description = description
        workstream.sort_order = position
        new_areas = [
            ExpertiseArea(translation_key=stable_key("area", area_key), locale=english, name=area_name,
                          synonyms=synonyms, sort_order=index)
            for index, (area_key, area_name, synonyms) in enumerate(areas)
        ]  # fmt: skip
        workstream.areas = reuse_pks(workstream.areas.all(), new_areas)
        workstream.save()
        workstreams.append(workstream)
        for area in workstream.areas.all():
            areas_by_key[area.translation_key] = area

    centres = []
    for key, name, city, country, website, area_keys in CENTRES:
        centre, _created = MemberCentre.objects.get_or_create(
            translation_key=stable_key("centre", key), locale=english, defaults={"name": name, "city": city}
        )
        centre.name = name
        centre.city = city
        centre.country = country
        centre.website = website
        centre.expertise_areas = [areas_by_key[stable_key("area", area_key)] for area_key in area_keys]
        centre.save()
        centres.append(centre)

    for code in DEMO_LANGUAGES:
        for workstream in workstreams:
            translate(workstream, code, NETWORK_TRANSLATIONS[code])
        for centre in centres:
            # Hospital names are proper names and stay as they are; recording
            # them as translated marks the translation complete for editors.
            strings = {centre.name: centre.name, centre.city: CITY_TRANSLATIONS[code].get(centre.city, centre.city)}
            translate(centre, code, strings)


# --- Member centres page ----------------------------------------------------------------

CENTRES_TITLE = "Member centres"
CENTRES_INTRO = (
    "The network's expert hospitals across the EU and Norway, grouped by country, with the expertise areas each "
    "of them covers. Choose an area to see which centres treat it."
)
CENTRES_TRANSLATIONS = {
    "de": {
        CENTRES_TITLE: "Mitgliedszentren",
        CENTRES_INTRO: (
            "Die Expertenkliniken des Netzwerks in der EU und in Norwegen, nach Ländern geordnet, mit den "
            "Fachgebieten, die sie jeweils abdecken. Wählen Sie ein Fachgebiet, um zu sehen, welche Zentren es "
            "behandeln."
        ),
    },
    "fr": {
        CENTRES_TITLE: "Centres membres",
        CENTRES_INTRO: (
            "Les hôpitaux experts du réseau dans l'UE et en Norvège, classés par pays, avec les domaines "
            "d'expertise de chacun. Choisissez un domaine pour voir quels centres le prennent en charge."
        ),
    },
    "it": {
        CENTRES_TITLE: "Centri membri",
        CENTRES_INTRO: (
            "Gli ospedali esperti della rete nell'UE e in Norvegia, raggruppati per paese, con le aree di "
            "competenza di ciascuno. Scegliete un'area per vedere quali centri la trattano."
        ),
    },
    "es": {
        CENTRES_TITLE: "Centros miembros",
        CENTRES_INTRO: (
            "Los hospitales expertos de la red en la UE y Noruega, agrupados por país, con las áreas de "
            "especialización que cubre cada uno. Elija un área para ver qué centros la tratan."
        ),
    },
}


def build_centres_page(context):
    page = get_or_create_child(
        home_page(),
        MemberCentresPage,
        "centres",
        title=CENTRES_TITLE,
        introduction=CENTRES_INTRO,
        search_description=CENTRES_INTRO,
        show_in_menus=True,
    )
    for code in DEMO_LANGUAGES:
        # The slug stays the same in every language (/de/centres/), as the URL contract says.
        translate(page, code, {**CENTRES_TRANSLATIONS[code], "centres": "centres"})


# --- Contact page -----------------------------------------------------------------------

CONTACT_TITLE = "Contact the helpdesk"
# Rich text: wagtail-localize translates each paragraph, keyed by its text without the <p>.
CONTACT_INTRO_TEXT = (
    "Questions about access to the clinical workspace, signing in, referring a case from outside the network "
    "or using the system: the helpdesk answers by e-mail on working days. Feedback about the system is welcome too."
)
CONTACT_THANKS_TEXT = (
    "The helpdesk has received your message and will answer by e-mail, usually within two working days."
)
TOPIC_CHOICES = (
    "Access to the clinical workspace\n"
    "Signing in and the second factor\n"
    "Referring a case from outside the network\n"
    "Video meetings\n"
    "Feedback about the system\n"
    "Something else"
)
MESSAGE_HELP = "Please describe the problem. Do not include details that identify a patient."
# (key, label, field type, required, choices, help text)
CONTACT_FIELDS = [
    ("name", "Your name", "singleline", True, "", ""),
    ("email", "Your e-mail address", "email", True, "", "The helpdesk answers to this address."),
    ("topic", "Topic", "dropdown", True, TOPIC_CHOICES, ""),
    ("message", "Your message", "multiline", True, "", MESSAGE_HELP),
]
CONTACT_TRANSLATIONS = {
    "de": {
        CONTACT_TITLE: "Kontakt zum Helpdesk",
        CONTACT_INTRO_TEXT: (
            "Fragen zum Zugang zum klinischen Arbeitsbereich, zur Anmeldung, zur Überweisung eines Falls von "
            "außerhalb des Netzwerks oder zur Nutzung des Systems: Der Helpdesk antwortet werktags per E-Mail. "
            "Rückmeldungen zum System sind ebenfalls willkommen."
        ),
        CONTACT_THANKS_TEXT: (
            "Der Helpdesk hat Ihre Nachricht erhalten und antwortet per E-Mail, in der Regel innerhalb von zwei "
            "Werktagen."
        ),
        "Your name": "Ihr Name",
        "Your e-mail address": "Ihre E-Mail-Adresse",
        "The helpdesk answers to this address.": "Der Helpdesk antwortet an diese Adresse.",
        "Topic": "Thema",
        TOPIC_CHOICES: (
            "Zugang zum klinischen Arbeitsbereich\nAnmeldung und zweiter Faktor\n"
            "Überweisung eines Falls von außerhalb des Netzwerks\nVideobesprechungen\nRückmeldung zum System\n"
            "Sonstiges"
        ),
        "Your message": "Ihre Nachricht",
        MESSAGE_HELP: (
            "Bitte beschreiben Sie das Problem. Geben Sie keine Angaben an, die eine Patientin oder einen Patienten "
            "identifizieren."
        ),
    },
    "fr": {
        CONTACT_TITLE: "Contacter le support",
        CONTACT_INTRO_TEXT: (
            "Questions sur l'accès à l'espace clinique, la connexion, l'orientation d'un dossier depuis l'extérieur "
            "du réseau ou l'utilisation du système : le support répond par e-mail les jours ouvrés. Vos remarques "
            "sur le système sont aussi les bienvenues."
        ),
        CONTACT_THANKS_TEXT: (
            "Le support a bien reçu votre message et vous répondra par e-mail, en général sous deux jours ouvrés."
        ),
        "Your name": "Votre nom",
        "Your e-mail address": "Votre adresse e-mail",
        "The helpdesk answers to this address.": "Le support répond à cette adresse.",
        "Topic": "Sujet",
        TOPIC_CHOICES: (
            "Accès à l'espace clinique\nConnexion et second facteur\n"
            "Orienter un dossier depuis l'extérieur du réseau\nRéunions vidéo\nRemarques sur le système\nAutre"
        ),
        "Your message": "Votre message",
        MESSAGE_HELP: "Décrivez le problème. N'indiquez aucune information permettant d'identifier un patient.",
    },
    "it": {
        CONTACT_TITLE: "Contattare l'helpdesk",
        CONTACT_INTRO_TEXT: (
            "Domande sull'accesso allo spazio clinico, sull'accesso con password e secondo fattore, sull'invio di "
            "un caso dall'esterno della rete o sull'uso del sistema: l'helpdesk risponde via e-mail nei giorni "
            "lavorativi. Sono graditi anche i commenti sul sistema."
        ),
        CONTACT_THANKS_TEXT: (
            "L'helpdesk ha ricevuto il vostro messaggio e risponderà via e-mail, di solito entro due giorni lavorativi."
        ),
        "Your name": "Nome",
        "Your e-mail address": "Indirizzo e-mail",
        "The helpdesk answers to this address.": "L'helpdesk risponderà a questo indirizzo.",
        "Topic": "Argomento",
        TOPIC_CHOICES: (
            "Accesso allo spazio clinico\nAccesso e secondo fattore\nInvio di un caso dall'esterno della rete\n"
            "Videoriunioni\nCommenti sul sistema\nAltro"
        ),
        "Your message": "Messaggio",
        MESSAGE_HELP: "Descrivete il problema. Non inserite dati che permettano di identificare un paziente.",
    },
    "es": {
        CONTACT_TITLE: "Contactar con el servicio de asistencia",
        CONTACT_INTRO_TEXT: (
            "Preguntas sobre el acceso al espacio clínico, el inicio de sesión, la derivación de un caso desde fuera "
            "de la red o el uso del sistema: el servicio de asistencia responde por correo electrónico en días "
            "laborables. También agradecemos sus comentarios sobre el sistema."
        ),
        CONTACT_THANKS_TEXT: (
            "El servicio de asistencia ha recibido su mensaje y le responderá por correo electrónico, normalmente "
            "en un plazo de dos días laborables."
        ),
        "Your name": "Su nombre",
        "Your e-mail address": "Su dirección de correo electrónico",
        "The helpdesk answers to this address.": "El servicio de asistencia responderá a esta dirección.",
        "Topic": "Tema",
        TOPIC_CHOICES: (
            "Acceso al espacio clínico\nInicio de sesión y segundo factor\nDerivar un caso desde fuera de la red\n"
            "Videoconferencias\nComentarios sobre el sistema\nOtro asunto"
        ),
        "Your message": "Su mensaje",
        MESSAGE_HELP: "Describa el problema. No incluya datos que permitan identificar a un paciente.",
    },
}


def contact_fields(existing=()):
    fields = [
        ContactFormField(
            translation_key=stable_key("contact-field", key),
            clean_name=key,
            label=label,
            field_type=field_type,
            required=required,
            choices=choices,
            help_text=help_text,
            sort_order=index,
        )
        for index, (key, label, field_type, required, choices, help_text) in enumerate(CONTACT_FIELDS)
    ]
    return reuse_pks(existing, fields)


def build_contact_page(context):
    home = home_page()
    existing = ContactPage.objects.child_of(home).filter(slug="contact").first()
    page = get_or_create_child(
        home,
        ContactPage,
        "contact",
        title=CONTACT_TITLE,
        introduction=f"<p>{CONTACT_INTRO_TEXT}</p>",
        thank_you_text=f"<p>{CONTACT_THANKS_TEXT}</p>",
        subject="Contact form: new message",
        show_in_menus=True,
        form_fields=contact_fields(existing.form_fields.all() if existing else ()),
    )
    for code in DEMO_LANGUAGES:
        strings = {**CONTACT_TRANSLATIONS[code], "contact": "contact"}
        # wagtail-localize turns the line breaks of a plain-text field into <br/> in its segments.
        strings[TOPIC_CHOICES.replace("\n", "<br/>")] = strings.pop(TOPIC_CHOICES).replace("\n", "<br/>")
        translate(page, code, strings)
