"""
Text of the demo consent form in the 24 official EU languages, and of the consent forms page.

Each form has the same parts: a title, an introduction, sharing for care
(required), the network's registries (optional), contact for research
(optional), the right to withdraw, the lines to fill in, and a note that the
document is a demo.
"""

CONSENT_FIELDS = (
    "title",
    "intro",
    "care_heading",
    "care",
    "registry_heading",
    "registry",
    "research_heading",
    "research",
    "withdraw",
    "name",
    "date",
    "signature",
    "yes",
    "no",
    "demo_note",
)

_FORMS = {
    "en": (
        "Consent to share health information with ERN eUROGEN",
        "Your doctor would like to ask experts of the European Reference Network for rare urogenital diseases "
        "(ERN eUROGEN) for advice about your care. To do this, information about your health has to be shared "
        "with them.",
        "1. Sharing for your care (required)",
        "I agree that my medical information, including images, is shared in pseudonymised form with the "
        "network's experts so that they can advise my doctor. My name and contact details stay with my hospital.",
        "2. Registries (optional)",
        "I agree that my pseudonymised information is included in the network's registries, which help to improve "
        "care for rare diseases.",
        "3. Contact for research (optional)",
        "I agree to be contacted about research studies. Taking part would always need a separate decision.",
        "I can withdraw my consent at any time by telling my doctor. This does not affect my treatment.",
        "Name of patient (or legal representative)",
        "Date",
        "Signature",
        "Yes",
        "No",
        "Demo document created for the ERN Portal demo site.",
    ),
    "de": (
        "Einwilligung in die Weitergabe von Gesundheitsdaten an ERN eUROGEN",
        "Ihre Ärztin oder Ihr Arzt möchte Fachleute des Europäischen Referenznetzwerks für seltene urogenitale "
        "Erkrankungen (ERN eUROGEN) zu Ihrer Behandlung um Rat fragen. Dazu müssen Informationen über Ihre "
        "Gesundheit an sie weitergegeben werden.",
        "1. Weitergabe für Ihre Behandlung (erforderlich)",
        "Ich bin einverstanden, dass meine medizinischen Informationen einschließlich Bildern in pseudonymisierter "
        "Form an die Fachleute des Netzwerks weitergegeben werden, damit sie meine Ärztin oder meinen Arzt beraten "
        "können. Mein Name und meine Kontaktdaten bleiben in meinem Krankenhaus.",
        "2. Register (freiwillig)",
        "Ich bin einverstanden, dass meine pseudonymisierten Daten in die Register des Netzwerks aufgenommen "
        "werden, die helfen, die Versorgung seltener Erkrankungen zu verbessern.",
        "3. Kontakt für die Forschung (freiwillig)",
        "Ich bin einverstanden, zu Forschungsstudien kontaktiert zu werden. Eine Teilnahme erfordert immer eine "
        "eigene Entscheidung.",
        "Ich kann meine Einwilligung jederzeit widerrufen, indem ich es meiner Ärztin oder meinem Arzt sage. Das "
        "hat keinen Einfluss auf meine Behandlung.",
        "Name der Patientin / des Patienten (oder der gesetzlichen Vertretung)",
        "Datum",
        "Unterschrift",
        "Ja",
        "Nein",
        "Demodokument für die Demo-Website des ERN-Portals.",
    ),
    "fr": (
        "Consentement au partage d'informations de santé avec ERN eUROGEN",
        "Votre médecin souhaite demander l'avis d'experts du Réseau européen de référence pour les maladies "
        "urogénitales rares (ERN eUROGEN) sur vos soins. Pour cela, des informations sur votre santé doivent leur "
        "être transmises.",
        "1. Partage pour vos soins (obligatoire)",
        "J'accepte que mes informations médicales, y compris les images, soient partagées sous forme "
        "pseudonymisée avec les experts du réseau afin qu'ils puissent conseiller mon médecin. Mon nom et mes "
        "coordonnées restent dans mon hôpital.",
        "2. Registres (facultatif)",
        "J'accepte que mes informations pseudonymisées soient incluses dans les registres du réseau, qui "
        "contribuent à améliorer la prise en charge des maladies rares.",
        "3. Contact pour la recherche (facultatif)",
        "J'accepte d'être contacté(e) au sujet d'études de recherche. Toute participation ferait l'objet d'une "
        "décision distincte.",
        "Je peux retirer mon consentement à tout moment en informant mon médecin. Cela n'a aucune incidence sur mon "
        "traitement.",
        "Nom du patient (ou du représentant légal)",
        "Date",
        "Signature",
        "Oui",
        "Non",
        "Document de démonstration créé pour le site de démonstration du portail ERN.",
    ),
    "it": (
        "Consenso alla condivisione di informazioni sanitarie con ERN eUROGEN",
        "Il suo medico desidera chiedere il parere degli esperti della Rete di riferimento europea per le malattie "
        "urogenitali rare (ERN eUROGEN) sulle sue cure. A tal fine, alcune informazioni sulla sua salute devono "
        "essere condivise con loro.",
        "1. Condivisione per le sue cure (obbligatoria)",
        "Acconsento che le mie informazioni mediche, comprese le immagini, siano condivise in forma "
        "pseudonimizzata con gli esperti della rete, affinché possano consigliare il mio medico. Il mio nome e i "
        "miei recapiti restano presso il mio ospedale.",
        "2. Registri (facoltativo)",
        "Acconsento che le mie informazioni pseudonimizzate siano incluse nei registri della rete, che aiutano a "
        "migliorare l'assistenza per le malattie rare.",
        "3. Contatto per la ricerca (facoltativo)",
        "Acconsento a essere contattato/a per studi di ricerca. La partecipazione richiederebbe sempre una "
        "decisione separata.",
        "Posso revocare il mio consenso in qualsiasi momento informando il mio medico. Ciò non influisce sulle mie "
        "cure.",
        "Nome del paziente (o del rappresentante legale)",
        "Data",
        "Firma",
        "Sì",
        "No",
        "Documento dimostrativo creato per il sito demo del portale ERN.",
    ),
    "es": (
        "Consentimiento para compartir información de salud con ERN eUROGEN",
        "Su médico desea pedir consejo sobre su atención a expertos de la Red Europea de Referencia para "
        "enfermedades urogenitales raras (ERN eUROGEN). Para ello, es necesario compartir con ellos información "
        "sobre su salud.",
        "1. Compartir para su atención (obligatorio)",
        "Acepto que mi información médica, incluidas las imágenes, se comparta de forma seudonimizada con los "
        "expertos de la red para que puedan asesorar a mi médico. Mi nombre y mis datos de contacto permanecen en "
        "mi hospital.",
        "2. Registros (opcional)",
        "Acepto que mi información seudonimizada se incluya en los registros de la red, que ayudan a mejorar la "
        "atención de las enfermedades raras.",
        "3. Contacto para investigación (opcional)",
        "Acepto que se me contacte sobre estudios de investigación. Participar requeriría siempre una decisión aparte.",
        "Puedo retirar mi consentimiento en cualquier momento comunicándoselo a mi médico. Esto no afecta a mi "
        "tratamiento.",
        "Nombre del paciente (o del representante legal)",
        "Fecha",
        "Firma",
        "Sí",
        "No",
        "Documento de demostración creado para el sitio de demostración del portal ERN.",
    ),
    "nl": (
        "Toestemming voor het delen van gezondheidsgegevens met ERN eUROGEN",
        "Uw arts wil experts van het Europees Referentienetwerk voor zeldzame urogenitale aandoeningen (ERN "
        "eUROGEN) om advies vragen over uw zorg. Daarvoor moeten gegevens over uw gezondheid met hen worden "
        "gedeeld.",
        "1. Delen voor uw zorg (verplicht)",
        "Ik ga ermee akkoord dat mijn medische gegevens, inclusief beelden, gepseudonimiseerd worden gedeeld met "
        "de experts van het netwerk, zodat zij mijn arts kunnen adviseren. Mijn naam en contactgegevens blijven in "
        "mijn ziekenhuis.",
        "2. Registers (optioneel)",
        "Ik ga ermee akkoord dat mijn gepseudonimiseerde gegevens worden opgenomen in de registers van het "
        "netwerk, die helpen de zorg voor zeldzame ziekten te verbeteren.",
        "3. Contact voor onderzoek (optioneel)",
        "Ik ga ermee akkoord dat ik word benaderd over wetenschappelijk onderzoek. Deelname vraagt altijd een "
        "aparte beslissing.",
        "Ik kan mijn toestemming op elk moment intrekken door dit aan mijn arts te melden. Dit heeft geen invloed "
        "op mijn behandeling.",
        "Naam van de patiënt (of wettelijk vertegenwoordiger)",
        "Datum",
        "Handtekening",
        "Ja",
        "Nee",
        "Demodocument gemaakt voor de demosite van het ERN-portaal.",
    ),
    "pt": (
        "Consentimento para partilha de informações de saúde com a ERN eUROGEN",
        "O seu médico gostaria de pedir a opinião de especialistas da Rede Europeia de Referência para doenças "
        "urogenitais raras (ERN eUROGEN) sobre os seus cuidados. Para isso, é necessário partilhar com eles "
        "informações sobre a sua saúde.",
        "1. Partilha para os seus cuidados (obrigatório)",
        "Aceito que as minhas informações médicas, incluindo imagens, sejam partilhadas de forma pseudonimizada "
        "com os especialistas da rede, para que possam aconselhar o meu médico. O meu nome e contactos ficam no "
        "meu hospital.",
        "2. Registos (opcional)",
        "Aceito que as minhas informações pseudonimizadas sejam incluídas nos registos da rede, que ajudam a "
        "melhorar os cuidados às doenças raras.",
        "3. Contacto para investigação (opcional)",
        "Aceito ser contactado(a) sobre estudos de investigação. A participação exigiria sempre uma decisão à parte.",
        "Posso retirar o meu consentimento a qualquer momento, informando o meu médico. Isso não afeta o meu "
        "tratamento.",
        "Nome do doente (ou do representante legal)",
        "Data",
        "Assinatura",
        "Sim",
        "Não",
        "Documento de demonstração criado para o sítio de demonstração do portal ERN.",
    ),
    "pl": (
        "Zgoda na udostępnienie informacji o zdrowiu sieci ERN eUROGEN",
        "Twój lekarz chciałby zasięgnąć opinii ekspertów Europejskiej Sieci Referencyjnej ds. rzadkich chorób "
        "układu moczowo-płciowego (ERN eUROGEN) na temat Twojego leczenia. W tym celu trzeba im udostępnić "
        "informacje o Twoim zdrowiu.",
        "1. Udostępnienie na potrzeby leczenia (wymagane)",
        "Wyrażam zgodę na udostępnienie moich danych medycznych, w tym obrazów, w formie spseudonimizowanej "
        "ekspertom sieci, aby mogli doradzić mojemu lekarzowi. Moje imię, nazwisko i dane kontaktowe pozostają w "
        "moim szpitalu.",
        "2. Rejestry (dobrowolne)",
        "Wyrażam zgodę na włączenie moich spseudonimizowanych danych do rejestrów sieci, które pomagają poprawiać "
        "opiekę w chorobach rzadkich.",
        "3. Kontakt w sprawie badań (dobrowolne)",
        "Wyrażam zgodę na kontakt w sprawie badań naukowych. Udział zawsze wymagałby odrębnej decyzji.",
        "Mogę w każdej chwili wycofać zgodę, informując o tym mojego lekarza. Nie ma to wpływu na moje leczenie.",
        "Imię i nazwisko pacjenta (lub przedstawiciela ustawowego)",
        "Data",
        "Podpis",
        "Tak",
        "Nie",
        "Dokument demonstracyjny przygotowany dla strony demonstracyjnej portalu ERN.",
    ),
    "cs": (
        "Souhlas se sdílením zdravotních informací se sítí ERN eUROGEN",
        "Váš lékař by rád požádal odborníky Evropské referenční sítě pro vzácná urogenitální onemocnění (ERN "
        "eUROGEN) o radu ohledně vaší péče. K tomu je nutné s nimi sdílet informace o vašem zdraví.",
        "1. Sdílení pro vaši péči (povinné)",
        "Souhlasím s tím, aby mé zdravotní informace včetně snímků byly v pseudonymizované podobě sdíleny s "
        "odborníky sítě, aby mohli poradit mému lékaři. Mé jméno a kontaktní údaje zůstávají v mé nemocnici.",
        "2. Registry (nepovinné)",
        "Souhlasím se zařazením mých pseudonymizovaných údajů do registrů sítě, které pomáhají zlepšovat péči o "
        "vzácná onemocnění.",
        "3. Kontakt kvůli výzkumu (nepovinné)",
        "Souhlasím s tím, že mohu být kontaktován(a) ohledně výzkumných studií. Účast by vždy vyžadovala "
        "samostatné rozhodnutí.",
        "Svůj souhlas mohu kdykoli odvolat tím, že to sdělím svému lékaři. Na mou léčbu to nemá vliv.",
        "Jméno pacienta (nebo zákonného zástupce)",
        "Datum",
        "Podpis",
        "Ano",
        "Ne",
        "Ukázkový dokument vytvořený pro demonstrační web portálu ERN.",
    ),
    "sk": (
        "Súhlas so zdieľaním zdravotných informácií so sieťou ERN eUROGEN",
        "Váš lekár by chcel požiadať odborníkov Európskej referenčnej siete pre zriedkavé urogenitálne ochorenia "
        "(ERN eUROGEN) o radu k vašej starostlivosti. Na to je potrebné zdieľať s nimi informácie o vašom zdraví.",
        "1. Zdieľanie pre vašu starostlivosť (povinné)",
        "Súhlasím, aby sa moje zdravotné informácie vrátane snímok zdieľali v pseudonymizovanej podobe s "
        "odborníkmi siete, aby mohli poradiť môjmu lekárovi. Moje meno a kontaktné údaje zostávajú v mojej "
        "nemocnici.",
        "2. Registre (nepovinné)",
        "Súhlasím so zaradením mojich pseudonymizovaných údajov do registrov siete, ktoré pomáhajú zlepšovať "
        "starostlivosť o zriedkavé ochorenia.",
        "3. Kontakt kvôli výskumu (nepovinné)",
        "Súhlasím, aby ma kontaktovali v súvislosti s výskumnými štúdiami. Účasť by si vždy vyžadovala samostatné "
        "rozhodnutie.",
        "Svoj súhlas môžem kedykoľvek odvolať tým, že to oznámim svojmu lekárovi. Nemá to vplyv na moju liečbu.",
        "Meno pacienta (alebo zákonného zástupcu)",
        "Dátum",
        "Podpis",
        "Áno",
        "Nie",
        "Ukážkový dokument vytvorený pre demonštračnú stránku portálu ERN.",
    ),
    "sl": (
        "Soglasje za izmenjavo zdravstvenih podatkov z mrežo ERN eUROGEN",
        "Vaš zdravnik bi rad za nasvet o vaši oskrbi prosil strokovnjake Evropske referenčne mreže za redke "
        "urogenitalne bolezni (ERN eUROGEN). Za to jim je treba posredovati podatke o vašem zdravju.",
        "1. Izmenjava za vašo oskrbo (obvezno)",
        "Strinjam se, da se moji zdravstveni podatki, vključno s slikami, v psevdonimizirani obliki posredujejo "
        "strokovnjakom mreže, da lahko svetujejo mojemu zdravniku. Moje ime in kontaktni podatki ostanejo v moji "
        "bolnišnici.",
        "2. Registri (neobvezno)",
        "Strinjam se, da se moji psevdonimizirani podatki vključijo v registre mreže, ki pomagajo izboljšati "
        "oskrbo redkih bolezni.",
        "3. Stik za raziskave (neobvezno)",
        "Strinjam se, da me lahko kontaktirajo glede raziskovalnih študij. Sodelovanje bi vedno zahtevalo ločeno "
        "odločitev.",
        "Soglasje lahko kadar koli prekličem tako, da to povem svojemu zdravniku. To ne vpliva na moje zdravljenje.",
        "Ime pacienta (ali zakonitega zastopnika)",
        "Datum",
        "Podpis",
        "Da",
        "Ne",
        "Predstavitveni dokument, izdelan za predstavitveno spletno mesto portala ERN.",
    ),
    "hr": (
        "Suglasnost za dijeljenje zdravstvenih podataka s mrežom ERN eUROGEN",
        "Vaš liječnik želi zatražiti savjet o vašoj skrbi od stručnjaka Europske referentne mreže za rijetke "
        "urogenitalne bolesti (ERN eUROGEN). Za to je potrebno s njima podijeliti podatke o vašem zdravlju.",
        "1. Dijeljenje radi vaše skrbi (obvezno)",
        "Suglasan/suglasna sam da se moji medicinski podaci, uključujući snimke, u pseudonimiziranom obliku "
        "podijele sa stručnjacima mreže kako bi mogli savjetovati mog liječnika. Moje ime i kontaktni podaci "
        "ostaju u mojoj bolnici.",
        "2. Registri (neobvezno)",
        "Suglasan/suglasna sam da se moji pseudonimizirani podaci uvrste u registre mreže, koji pomažu poboljšati "
        "skrb za rijetke bolesti.",
        "3. Kontakt za istraživanja (neobvezno)",
        "Suglasan/suglasna sam da me se kontaktira u vezi s istraživačkim studijama. Sudjelovanje bi uvijek "
        "zahtijevalo zasebnu odluku.",
        "Suglasnost mogu povući u bilo kojem trenutku tako da to kažem svom liječniku. To ne utječe na moje liječenje.",
        "Ime pacijenta (ili zakonskog zastupnika)",
        "Datum",
        "Potpis",
        "Da",
        "Ne",
        "Demonstracijski dokument izrađen za demonstracijsku stranicu portala ERN.",
    ),
    "hu": (
        "Hozzájárulás egészségügyi adatok megosztásához az ERN eUROGEN hálózattal",
        "Orvosa a ritka urogenitális betegségek európai referenciahálózatának (ERN eUROGEN) szakértőitől szeretne "
        "tanácsot kérni az Ön ellátásával kapcsolatban. Ehhez meg kell osztani velük az egészségére vonatkozó "
        "információkat.",
        "1. Megosztás az Ön ellátása érdekében (kötelező)",
        "Hozzájárulok, hogy egészségügyi adataimat, a képeket is beleértve, álnevesített formában megosszák a "
        "hálózat szakértőivel, hogy tanácsot adhassanak orvosomnak. Nevem és elérhetőségem a kórházamban marad.",
        "2. Nyilvántartások (nem kötelező)",
        "Hozzájárulok, hogy álnevesített adataim bekerüljenek a hálózat nyilvántartásaiba, amelyek segítenek "
        "javítani a ritka betegségek ellátását.",
        "3. Kapcsolatfelvétel kutatás céljából (nem kötelező)",
        "Hozzájárulok, hogy kutatási vizsgálatokkal kapcsolatban megkeressenek. A részvételről mindig külön döntenék.",
        "Hozzájárulásomat bármikor visszavonhatom, ha ezt jelzem orvosomnak. Ez nem befolyásolja a kezelésemet.",
        "A beteg (vagy törvényes képviselője) neve",
        "Dátum",
        "Aláírás",
        "Igen",
        "Nem",
        "Bemutató dokumentum az ERN portál bemutató oldalához.",
    ),
    "ro": (
        "Consimțământ pentru partajarea informațiilor medicale cu ERN eUROGEN",
        "Medicul dumneavoastră ar dori să ceară sfatul experților Rețelei europene de referință pentru boli "
        "urogenitale rare (ERN eUROGEN) cu privire la îngrijirea dumneavoastră. Pentru aceasta, informațiile "
        "despre sănătatea dumneavoastră trebuie partajate cu aceștia.",
        "1. Partajare pentru îngrijirea dumneavoastră (obligatoriu)",
        "Sunt de acord ca informațiile mele medicale, inclusiv imaginile, să fie partajate în formă "
        "pseudonimizată cu experții rețelei, pentru ca aceștia să îl poată sfătui pe medicul meu. Numele și datele "
        "mele de contact rămân la spitalul meu.",
        "2. Registre (opțional)",
        "Sunt de acord ca informațiile mele pseudonimizate să fie incluse în registrele rețelei, care ajută la "
        "îmbunătățirea îngrijirii bolilor rare.",
        "3. Contact pentru cercetare (opțional)",
        "Sunt de acord să fiu contactat(ă) în legătură cu studii de cercetare. Participarea ar necesita "
        "întotdeauna o decizie separată.",
        "Îmi pot retrage consimțământul oricând, informându-mi medicul. Acest lucru nu îmi afectează tratamentul.",
        "Numele pacientului (sau al reprezentantului legal)",
        "Data",
        "Semnătura",
        "Da",
        "Nu",
        "Document demonstrativ creat pentru site-ul demonstrativ al portalului ERN.",
    ),
    "bg": (
        "Съгласие за споделяне на здравна информация с ERN eUROGEN",
        "Вашият лекар иска да потърси съвет за Вашето лечение от експерти на Европейската референтна мрежа за "
        "редки урогенитални заболявания (ERN eUROGEN). За целта с тях трябва да бъде споделена информация за "
        "Вашето здраве.",
        "1. Споделяне за Вашето лечение (задължително)",
        "Съгласен/съгласна съм медицинската ми информация, включително образните изследвания, да бъде споделена "
        "в псевдонимизиран вид с експертите на мрежата, за да могат да консултират моя лекар. Името и данните ми "
        "за контакт остават в моята болница.",
        "2. Регистри (по желание)",
        "Съгласен/съгласна съм псевдонимизираната ми информация да бъде включена в регистрите на мрежата, които "
        "помагат за подобряване на грижите при редки заболявания.",
        "3. Контакт за научни изследвания (по желание)",
        "Съгласен/съгласна съм да бъда потърсен/а във връзка с научни изследвания. Участието винаги би изисквало "
        "отделно решение.",
        "Мога да оттегля съгласието си по всяко време, като уведомя лекаря си. Това не засяга лечението ми.",
        "Име на пациента (или на законния представител)",
        "Дата",
        "Подпис",
        "Да",
        "Не",
        "Демонстрационен документ, създаден за демонстрационния сайт на портала на ERN.",
    ),
    "el": (
        "Συγκατάθεση για την κοινοποίηση πληροφοριών υγείας στο ERN eUROGEN",
        "Ο γιατρός σας θα ήθελε να ζητήσει τη γνώμη ειδικών του Ευρωπαϊκού Δικτύου Αναφοράς για σπάνιες "
        "ουρογεννητικές παθήσεις (ERN eUROGEN) για τη φροντίδα σας. Για τον σκοπό αυτό, πρέπει να κοινοποιηθούν "
        "σε αυτούς πληροφορίες για την υγεία σας.",
        "1. Κοινοποίηση για τη φροντίδα σας (υποχρεωτικό)",
        "Συμφωνώ να κοινοποιηθούν οι ιατρικές μου πληροφορίες, συμπεριλαμβανομένων των απεικονίσεων, σε "
        "ψευδωνυμοποιημένη μορφή στους ειδικούς του δικτύου, ώστε να συμβουλεύσουν τον γιατρό μου. Το όνομά μου "
        "και τα στοιχεία επικοινωνίας μου παραμένουν στο νοσοκομείο μου.",
        "2. Μητρώα (προαιρετικό)",
        "Συμφωνώ να συμπεριληφθούν οι ψευδωνυμοποιημένες πληροφορίες μου στα μητρώα του δικτύου, που βοηθούν στη "
        "βελτίωση της φροντίδας για τις σπάνιες παθήσεις.",
        "3. Επικοινωνία για έρευνα (προαιρετικό)",
        "Συμφωνώ να επικοινωνήσουν μαζί μου για ερευνητικές μελέτες. Η συμμετοχή θα απαιτούσε πάντα ξεχωριστή απόφαση.",
        "Μπορώ να ανακαλέσω τη συγκατάθεσή μου οποιαδήποτε στιγμή ενημερώνοντας τον γιατρό μου. Αυτό δεν "
        "επηρεάζει τη θεραπεία μου.",
        "Όνομα ασθενούς (ή νόμιμου εκπροσώπου)",
        "Ημερομηνία",
        "Υπογραφή",
        "Ναι",
        "Όχι",
        "Έγγραφο επίδειξης για τον ιστότοπο επίδειξης της πύλης ERN.",
    ),
    "da": (
        "Samtykke til deling af helbredsoplysninger med ERN eUROGEN",
        "Din læge vil gerne bede eksperter fra Det Europæiske Referencenetværk for sjældne urogenitale sygdomme "
        "(ERN eUROGEN) om råd om din behandling. Derfor skal oplysninger om dit helbred deles med dem.",
        "1. Deling til din behandling (påkrævet)",
        "Jeg giver samtykke til, at mine helbredsoplysninger, herunder billeder, deles i pseudonymiseret form med "
        "netværkets eksperter, så de kan rådgive min læge. Mit navn og mine kontaktoplysninger bliver på mit "
        "hospital.",
        "2. Registre (frivilligt)",
        "Jeg giver samtykke til, at mine pseudonymiserede oplysninger indgår i netværkets registre, som hjælper "
        "med at forbedre behandlingen af sjældne sygdomme.",
        "3. Kontakt om forskning (frivilligt)",
        "Jeg giver samtykke til at blive kontaktet om forskningsprojekter. Deltagelse vil altid kræve en særskilt "
        "beslutning.",
        "Jeg kan til enhver tid trække mit samtykke tilbage ved at sige det til min læge. Det påvirker ikke min "
        "behandling.",
        "Patientens navn (eller værges navn)",
        "Dato",
        "Underskrift",
        "Ja",
        "Nej",
        "Demodokument lavet til ERN-portalens demoside.",
    ),
    "sv": (
        "Samtycke till att dela hälsouppgifter med ERN eUROGEN",
        "Din läkare vill be experter i Europeiska referensnätverket för sällsynta urogenitala sjukdomar (ERN "
        "eUROGEN) om råd om din vård. För det behöver uppgifter om din hälsa delas med dem.",
        "1. Delning för din vård (obligatoriskt)",
        "Jag samtycker till att mina medicinska uppgifter, inklusive bilder, delas i pseudonymiserad form med "
        "nätverkets experter så att de kan ge råd till min läkare. Mitt namn och mina kontaktuppgifter stannar på "
        "mitt sjukhus.",
        "2. Register (frivilligt)",
        "Jag samtycker till att mina pseudonymiserade uppgifter tas med i nätverkets register, som bidrar till att "
        "förbättra vården vid sällsynta sjukdomar.",
        "3. Kontakt för forskning (frivilligt)",
        "Jag samtycker till att bli kontaktad om forskningsstudier. Att delta skulle alltid kräva ett separat beslut.",
        "Jag kan när som helst återkalla mitt samtycke genom att säga det till min läkare. Det påverkar inte min "
        "behandling.",
        "Patientens namn (eller ställföreträdares)",
        "Datum",
        "Underskrift",
        "Ja",
        "Nej",
        "Demodokument skapat för ERN-portalens demowebbplats.",
    ),
    "fi": (
        "Suostumus terveystietojen jakamiseen ERN eUROGEN -verkoston kanssa",
        "Lääkärisi haluaa pyytää hoidostasi neuvoa harvinaisten urogenitaalisairauksien eurooppalaisen "
        "osaamisverkoston (ERN eUROGEN) asiantuntijoilta. Tätä varten terveyttäsi koskevia tietoja on jaettava "
        "heidän kanssaan.",
        "1. Jakaminen hoitoasi varten (pakollinen)",
        "Suostun siihen, että lääketieteelliset tietoni, myös kuvat, jaetaan pseudonymisoituina verkoston "
        "asiantuntijoille, jotta he voivat neuvoa lääkäriäni. Nimeni ja yhteystietoni jäävät sairaalaani.",
        "2. Rekisterit (vapaaehtoinen)",
        "Suostun siihen, että pseudonymisoidut tietoni liitetään verkoston rekistereihin, jotka auttavat "
        "parantamaan harvinaisten sairauksien hoitoa.",
        "3. Yhteydenotto tutkimusta varten (vapaaehtoinen)",
        "Suostun siihen, että minuun otetaan yhteyttä tutkimuksista. Osallistuminen vaatisi aina erillisen päätöksen.",
        "Voin peruuttaa suostumukseni milloin tahansa kertomalla siitä lääkärilleni. Se ei vaikuta hoitooni.",
        "Potilaan (tai laillisen edustajan) nimi",
        "Päivämäärä",
        "Allekirjoitus",
        "Kyllä",
        "Ei",
        "ERN-portaalin esittelysivustoa varten laadittu esittelyasiakirja.",
    ),
    "et": (
        "Nõusolek terviseandmete jagamiseks võrgustikuga ERN eUROGEN",
        "Teie arst soovib küsida teie ravi kohta nõu harvaesinevate urogenitaalhaiguste Euroopa "
        "tugivõrgustiku (ERN eUROGEN) ekspertidelt. Selleks tuleb teie tervise kohta teavet nendega jagada.",
        "1. Jagamine teie ravi jaoks (kohustuslik)",
        "Nõustun, et minu meditsiinilisi andmeid, sealhulgas pilte, jagatakse pseudonüümitud kujul võrgustiku "
        "ekspertidega, et nad saaksid minu arsti nõustada. Minu nimi ja kontaktandmed jäävad minu haiglasse.",
        "2. Registrid (vabatahtlik)",
        "Nõustun, et minu pseudonüümitud andmed lisatakse võrgustiku registritesse, mis aitavad parandada "
        "harvikhaiguste ravi.",
        "3. Ühenduse võtmine teadusuuringute jaoks (vabatahtlik)",
        "Nõustun, et minuga võetakse ühendust teadusuuringute asjus. Osalemine eeldaks alati eraldi otsust.",
        "Võin oma nõusoleku igal ajal tagasi võtta, teatades sellest oma arstile. See ei mõjuta minu ravi.",
        "Patsiendi (või seadusliku esindaja) nimi",
        "Kuupäev",
        "Allkiri",
        "Jah",
        "Ei",
        "ERN-portaali demoveebi jaoks loodud näidisdokument.",
    ),
    "lv": (
        "Piekrišana veselības informācijas kopīgošanai ar ERN eUROGEN",
        "Jūsu ārsts vēlas lūgt padomu par jūsu aprūpi Eiropas references tīkla retām uroģenitālām slimībām (ERN "
        "eUROGEN) ekspertiem. Šim nolūkam ar viņiem ir jākopīgo informācija par jūsu veselību.",
        "1. Kopīgošana jūsu aprūpei (obligāti)",
        "Es piekrītu, ka mana medicīniskā informācija, tostarp attēli, pseidonimizētā veidā tiek kopīgota ar "
        "tīkla ekspertiem, lai viņi varētu konsultēt manu ārstu. Mans vārds un kontaktinformācija paliek manā "
        "slimnīcā.",
        "2. Reģistri (pēc izvēles)",
        "Es piekrītu, ka mana pseidonimizētā informācija tiek iekļauta tīkla reģistros, kas palīdz uzlabot retu "
        "slimību aprūpi.",
        "3. Saziņa pētniecības nolūkā (pēc izvēles)",
        "Es piekrītu, ka ar mani sazinās par pētījumiem. Dalībai vienmēr būtu nepieciešams atsevišķs lēmums.",
        "Es varu jebkurā laikā atsaukt savu piekrišanu, paziņojot par to savam ārstam. Tas neietekmē manu ārstēšanu.",
        "Pacienta (vai likumiskā pārstāvja) vārds, uzvārds",
        "Datums",
        "Paraksts",
        "Jā",
        "Nē",
        "Demonstrācijas dokuments, izveidots ERN portāla demonstrācijas vietnei.",
    ),
    "lt": (
        "Sutikimas dalytis sveikatos informacija su ERN eUROGEN",
        "Jūsų gydytojas norėtų paprašyti Europos retų urogenitalinių ligų referencijos tinklo (ERN eUROGEN) "
        "ekspertų patarimo dėl jūsų gydymo. Tam su jais reikia pasidalyti informacija apie jūsų sveikatą.",
        "1. Dalijimasis jūsų gydymui (privaloma)",
        "Sutinku, kad mano medicininė informacija, įskaitant vaizdus, pseudonimizuota forma būtų perduota tinklo "
        "ekspertams, kad jie galėtų patarti mano gydytojui. Mano vardas, pavardė ir kontaktiniai duomenys lieka "
        "mano ligoninėje.",
        "2. Registrai (neprivaloma)",
        "Sutinku, kad mano pseudonimizuota informacija būtų įtraukta į tinklo registrus, kurie padeda gerinti "
        "retų ligų priežiūrą.",
        "3. Kontaktas dėl mokslinių tyrimų (neprivaloma)",
        "Sutinku, kad su manimi būtų susisiekta dėl mokslinių tyrimų. Dalyvavimui visada reikėtų atskiro sprendimo.",
        "Savo sutikimą galiu bet kada atšaukti pranešęs apie tai savo gydytojui. Tai neturi įtakos mano gydymui.",
        "Paciento (arba teisėto atstovo) vardas ir pavardė",
        "Data",
        "Parašas",
        "Taip",
        "Ne",
        "Demonstracinis dokumentas, parengtas ERN portalo demonstracinei svetainei.",
    ),
    "ga": (
        "Toiliú le faisnéis sláinte a roinnt le ERN eUROGEN",
        "Ba mhaith le do dhochtúir comhairle a iarraidh ar shaineolaithe Líonra Tagartha Eorpach um ghalair "
        "úraighiniúna neamhchoitianta (ERN eUROGEN) faoi do chúram. Chuige sin, ní mór faisnéis faoi do shláinte "
        "a roinnt leo.",
        "1. Roinnt ar mhaithe le do chúram (riachtanach)",
        "Aontaím go roinnfear mo fhaisnéis leighis, íomhánna san áireamh, i bhfoirm bhréag-ainmnithe le "
        "saineolaithe an líonra, ionas gur féidir leo comhairle a thabhairt do mo dhochtúir. Fanann m'ainm agus "
        "mo shonraí teagmhála i m'ospidéal.",
        "2. Cláir (roghnach)",
        "Aontaím go gcuirfear mo fhaisnéis bhréag-ainmnithe i gcláir an líonra, a chabhraíonn le cúram do ghalair "
        "neamhchoitianta a fheabhsú.",
        "3. Teagmháil le haghaidh taighde (roghnach)",
        "Aontaím go ndéanfar teagmháil liom faoi staidéir taighde. Bheadh cinneadh ar leith ag teastáil i gcónaí "
        "chun páirt a ghlacadh.",
        "Is féidir liom mo thoiliú a tharraingt siar am ar bith trí insint do mo dhochtúir. Ní dhéanann sé sin "
        "difear do mo chóireáil.",
        "Ainm an othair (nó an ionadaí dlíthiúil)",
        "Dáta",
        "Síniú",
        "Tá",
        "Níl",
        "Doiciméad taispeána a cruthaíodh do shuíomh taispeána thairseach ERN.",
    ),
    "mt": (
        "Kunsens għall-qsim ta' informazzjoni dwar is-saħħa ma' ERN eUROGEN",
        "It-tabib tiegħek jixtieq jitlob il-parir ta' esperti tan-Netwerk Ewropew ta' Referenza għall-mard "
        "uroġenitali rari (ERN eUROGEN) dwar il-kura tiegħek. Għal dan, l-informazzjoni dwar saħħtek trid "
        "tinqasam magħhom.",
        "1. Qsim għall-kura tiegħek (meħtieġ)",
        "Naqbel li l-informazzjoni medika tiegħi, inklużi l-immaġini, tinqasam f'forma psewdonimizzata mal-"
        "esperti tan-netwerk biex ikunu jistgħu jagħtu parir lit-tabib tiegħi. Ismi u d-dettalji ta' kuntatt "
        "tiegħi jibqgħu fl-isptar tiegħi.",
        "2. Reġistri (fakultattiv)",
        "Naqbel li l-informazzjoni psewdonimizzata tiegħi tiddaħħal fir-reġistri tan-netwerk, li jgħinu biex "
        "titjieb il-kura tal-mard rari.",
        "3. Kuntatt għar-riċerka (fakultattiv)",
        "Naqbel li jikkuntattjawni dwar studji ta' riċerka. Il-parteċipazzjoni dejjem teħtieġ deċiżjoni separata.",
        "Nista' nirtira l-kunsens tiegħi fi kwalunkwe ħin billi ngħid lit-tabib tiegħi. Dan ma jaffettwax "
        "it-trattament tiegħi.",
        "Isem il-pazjent (jew tar-rappreżentant legali)",
        "Data",
        "Firma",
        "Iva",
        "Le",
        "Dokument ta' dimostrazzjoni maħluq għas-sit ta' dimostrazzjoni tal-portal ERN.",
    ),
}

CONSENT_FORMS = {code: dict(zip(CONSENT_FIELDS, values, strict=True)) for code, values in _FORMS.items()}

# The superseded English version: same purpose, before registries were added.
SUPERSEDED_ENGLISH = {
    **CONSENT_FORMS["en"],
    "registry_heading": "2. Contact for research (optional)",
    "registry": "I agree to be contacted about research studies.",
    "research_heading": "",
    "research": "",
}

CONSENT_PAGE = {
    "en": {
        "title": "Consent forms",
        "introduction": (
            "The standard patient consent form in every official EU language. Open the form in your patient's "
            "language, or save a copy to print."
        ),
        "body": [
            "Before a case is shared with the network's experts, the patient (or their legal representative) "
            "gives informed consent on this form.",
            "Sharing for care is required. Inclusion in the network's registries and being contacted for research "
            "are optional, and the patient can refuse them without any effect on their care.",
            "Record the consent in the clinical workspace with the version of the form the patient signed.",
        ],
    },
    "de": {
        "title": "Einwilligungserklärungen",
        "introduction": (
            "Die Standard-Einwilligungserklärung für Patientinnen und Patienten in jeder Amtssprache der EU. Öffnen "
            "Sie das Formular in der Sprache Ihrer Patientin oder Ihres Patienten oder speichern Sie eine Kopie "
            "zum Ausdrucken."
        ),
        "body": [
            "Bevor ein Fall mit den Fachleuten des Netzwerks geteilt wird, gibt die Patientin oder der Patient "
            "(oder die gesetzliche Vertretung) auf diesem Formular die informierte Einwilligung.",
            "Die Weitergabe für die Behandlung ist erforderlich. Die Aufnahme in die Register des Netzwerks und die "
            "Kontaktaufnahme für die Forschung sind freiwillig und können ohne Folgen für die Behandlung abgelehnt "
            "werden.",
            "Dokumentieren Sie die Einwilligung im klinischen Arbeitsbereich mit der Version des Formulars, die "
            "unterschrieben wurde.",
        ],
    },
    "fr": {
        "title": "Formulaires de consentement",
        "introduction": (
            "Le formulaire standard de consentement du patient dans chaque langue officielle de l'UE. Ouvrez le "
            "formulaire dans la langue de votre patient ou enregistrez-en une copie à imprimer."
        ),
        "body": [
            "Avant que son dossier ne soit partagé avec les experts du réseau, le patient (ou son représentant "
            "légal) donne son consentement éclairé sur ce formulaire.",
            "Le partage pour les soins est obligatoire. L'inclusion dans les registres du réseau et le contact pour "
            "la recherche sont facultatifs : le patient peut les refuser sans aucune conséquence sur ses soins.",
            "Enregistrez le consentement dans l'espace clinique avec la version du formulaire signée par le patient.",
        ],
    },
    "it": {
        "title": "Moduli di consenso",
        "introduction": (
            "Il modulo standard di consenso del paziente in ogni lingua ufficiale dell'UE. Apra il modulo nella "
            "lingua del paziente o ne salvi una copia da stampare."
        ),
        "body": [
            "Prima che un caso venga condiviso con gli esperti della rete, il paziente (o il suo rappresentante "
            "legale) dà il consenso informato su questo modulo.",
            "La condivisione per le cure è obbligatoria. L'inclusione nei registri della rete e il contatto per la "
            "ricerca sono facoltativi e il paziente può rifiutarli senza conseguenze per le sue cure.",
            "Registri il consenso nello spazio clinico indicando la versione del modulo firmata dal paziente.",
        ],
    },
    "es": {
        "title": "Formularios de consentimiento",
        "introduction": (
            "El formulario estándar de consentimiento del paciente en cada lengua oficial de la UE. Abra el "
            "formulario en el idioma de su paciente o guarde una copia para imprimirla."
        ),
        "body": [
            "Antes de compartir un caso con los expertos de la red, el paciente (o su representante legal) da su "
            "consentimiento informado en este formulario.",
            "Compartir para la atención es obligatorio. La inclusión en los registros de la red y el contacto para "
            "investigación son opcionales, y el paciente puede rechazarlos sin que afecte a su atención.",
            "Registre el consentimiento en el espacio clínico con la versión del formulario que firmó el paciente.",
        ],
    },
}

PAPER_TITLE = "Cross-border video consultation for rare urology (2022)"
PAPER_SUMMARY = [
    ("note", "Demo summary written for the ERN Portal demo site. It is not the paper itself."),
    (
        "paragraph",
        "In 2022, clinicians of ERN eUROGEN, the European Reference Network for rare urogenital diseases and "
        "complex conditions, reported on their experience with cross-border video consultation for rare urology.",
    ),
    ("heading", "Background"),
    (
        "paragraph",
        "Rare and complex urogenital conditions are seen too seldom in any single hospital for local teams to "
        "build deep experience. European Reference Networks pool that experience across member hospitals in the "
        "EU and Norway, so that the expertise travels rather than the patient. The European Commission provides a "
        "secure web system in which the networks hold virtual multidisciplinary consultations.",
    ),
    ("heading", "What was studied"),
    (
        "paragraph",
        "The study looked at how urologists used the consultation system to present cases, discuss them with "
        "experts in other countries and receive advice on diagnosis, treatment or surgery, and post-operative "
        "and transitional support.",
    ),
    ("heading", "Findings"),
    (
        "paragraph",
        "Cross-border video consultation offers great opportunities for sharing expertise once urologists are "
        "confident with the tool.",
    ),
    (
        "paragraph",
        "Before it can become part of daily practice, the tool needs to become more user-friendly.",
    ),
    ("heading", "What it means for this portal"),
    (
        "paragraph",
        "The portal's step-by-step guides, troubleshooting FAQ and newsletter aim at exactly this: helping "
        "clinicians become confident with the consultation workflow, and making the workflow simpler.",
    ),
]
