"""The language of promise documents, as data.

Everything the importer knows about Swedish municipal and police prose is a table here: number
words, frequencies, period phrases, party names and roles, activity nouns, the vocabulary of goals,
problems, follow-up and links, and the vague verbs Löftesgranskning flags. The rules (periods.py,
targets.py, language.py, parse.py) are small functions over these tables.

To teach the importer a new wording, add one line to the right table and one case to its test in
tests/promises/test_import_tables.py. Words are written in lower case; a word's inflected forms are
listed where the rule needs them (Swedish adds -en, -er, -ar, -na, -s). Patterns are regular
expressions matched against one lower-case word unless the table says otherwise.
"""

from __future__ import annotations

# Activity-type keys, copied from lofte.activities.types: the promises app may not import the
# activities app (the layers contract), so the strings are repeated here and a test keeps them equal.
DIALOGUE_MEETING = "dialogue_meeting"
SAFETY_WALK = "safety_walk"
PARENT_MEETING = "parent_meeting"
SCHOOL_DRUG_SEARCH = "school_drug_search"
HOME_VISIT = "home_visit"
TRAFFIC_OPERATION = "traffic_operation"
INFORMATION_CAMPAIGN = "information_campaign"
TRAINING = "training"
COUNCIL_MEETING = "council_meeting"
OTHER = "other"
ACTIVITY_TYPES = (
    DIALOGUE_MEETING, SAFETY_WALK, PARENT_MEETING, SCHOOL_DRUG_SEARCH, HOME_VISIT,
    TRAFFIC_OPERATION, INFORMATION_CAMPAIGN, TRAINING, COUNCIL_MEETING, OTHER,
)

POLICE = "police"
MUNICIPALITY = "municipality"
OTHER_PARTY = "other"

# ================================================================ numbers

NUMBER_WORDS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
    "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15,
    "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20, "trettio": 30, "fyrtio": 40,
    "femtio": 50, "sextio": 60, "sjuttio": 70, "åttio": 80, "nittio": 90, "hundra": 100, "etthundra": 100,
}
# "var tredje vecka": every third week. Digits are written "var 3:e vecka", "var 14:e dag".
ORDINALS = {
    "andra": 2, "tredje": 3, "fjärde": 4, "femte": 5, "sjätte": 6, "sjunde": 7, "åttonde": 8,
    "nionde": 9, "tionde": 10, "tolfte": 12, "fjortonde": 14,
}
# "varannan vecka", "vartannat år": every second.
EVERY_OTHER = {"varannan", "vartannat", "varannat"}
# Words that make the following number a target ("minst två"), as opposed to a number in passing.
QUANTIFIERS = {"minst", "åtminstone", "totalt", "sammanlagt", "cirka", "ca", "drygt", "över", "fler", "genomsnitt"}
# Verbs after which "en"/"ett" is a count of one event ("genomföra en informationskampanj")
# rather than an article ("arbeta för en trygg trafikmiljö").
EVENT_VERBS = {
    "genomföra", "genomför", "hålla", "håller", "anordna", "anordnar", "arrangera", "arrangerar",
    "ordna", "ordnar", "samordna", "samordnar", "erbjuda", "erbjuder", "starta", "startar", "bjuda",
    "bjuder", "göra", "gör", "ha", "planera", "planerar", "delta", "deltar", "genomföras", "hållas",
}
# A number right after these words is a name or a place in a sequence, not a count ("årskurs 7",
# "riksväg 40", "vecka 12").
NOT_A_COUNT_BEFORE = {
    "årskurs", "åk", "lv", "rv", "väg", "riksväg", "länsväg", "e", "kl", "klockan", "vecka", "v", "nummer",
    "nr", "linje", "buss", "sida", "kapitel", "paragraf", "§", "område", "zon", "steg", "punkt", "fas",
}
# A number before these words is an age, a duration or a share, not a count of activities.
# Durations: an amount of time when quantified ("minst 900 timmar"), a deadline otherwise ("inom 48 timmar").
DURATIONS = {"timmar", "timme", "minuter", "minut", "dagar", "veckor"}
NOT_A_COUNT_AFTER = {
    "år", "års", "åring", "åringar", "procent", "%", "timmar", "timme", "minuter", "minut", "kr", "kronor",
    "meter", "km", "kilometer", "personer", "procentenheter",
}
# Counts that are no exact number ("ett tiotal", "ett par", "flera"): no target, but a warning.
INEXACT_COUNTS = ("tal", "par", "antal", "flertal", "dussin")
INEXACT_WORDS = {"några", "flera", "ett antal", "ett flertal", "ett par", "en handfull"}
# "tre till fyra besök", "3–4 besök": a range; the target is its lower bound (and the importer says so).
RANGE_WORDS = {"till", "à", "–", "-", "eller"}
# "(3 st)", "(minst 20 stycken)": a count in brackets counts the activity named before it.
PIECES = {"st", "st.", "stycken", "stycke"}

# ================================================================ frequencies

# A calendar unit, its forms, and how many of it a year has. "Varje termin" is twice a year (the
# school year has two terms); "per läsår" once.
FREQUENCY_UNITS: tuple[tuple[tuple[str, ...], float], ...] = (
    (("dygn", "dygnet"), 365),
    (("dag", "dagen", "dagar"), 365),
    (("kväll", "kvällen", "kvällar"), 365),
    (("natt", "natten", "nätter"), 365),
    (("vecka", "veckan", "veckor", "v", "v."), 52),
    (("helg", "helgen", "helger"), 52),
    (("månad", "månaden", "månader", "mån", "mån."), 12),
    (("kvartal", "kvartalet"), 4),
    (("tertial", "tertialet"), 3),
    (("termin", "terminen", "terminer"), 2),
    (("halvår", "halvåret"), 2),
    (("läsår", "läsåret", "skolår", "skolåret", "verksamhetsår", "verksamhetsåret"), 1),
    (("år", "året", "kalenderår", "kalenderåret"), 1),
    # Seasons come once a year: "varje höst".
    (("vår", "våren", "höst", "hösten", "sommar", "sommaren", "vinter", "vintern"), 1),
)
# Words that join a count to its unit: "två gånger per termin", "2 ggr/mån", "en gång i veckan",
# "om året" ("i" and "om" only before a definite form: "i vecka 12" and "i år" name a time).
FREQUENCY_LINKS = {"per", "i", "om", "/", "à", "respektive"}
# Words before a unit that mean each one of it: "varje månad", "var vecka".
EVERY_WORDS = {"varje", "var", "varenda", "vart"}
# The counted times: "två gånger", "2 ggr", "1 g".
TIMES_WORDS = {"gång", "gånger", "ggr", "gg", "g"}
# Units that are themselves what is counted ("tre dagar i veckan", "en helg per månad"): a
# frequency of them without an activity noun counts these.
COUNTED_TIME_UNITS = {"dag", "dagar", "kväll", "kvällar", "natt", "nätter", "helg", "helger", "vecka", "veckor"}
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
# Frequencies in one word, as events per year.
FREQUENCY_ADVERBS = {
    "dagligen": 365, "dagligdags": 365, "veckovis": 52, "veckligen": 52, "varje vecka": 52,
    "månadsvis": 12, "månatligen": 12, "kvartalsvis": 4, "tertialvis": 3, "terminsvis": 2, "halvårsvis": 2,
    "årligen": 1, "årsvis": 1,
}
# Adjectives of frequency, which count only before an activity ("en årlig trygghetsvandring").
FREQUENCY_ADJECTIVES = {"årlig": 1, "årligt": 1, "årliga": 1, "månatlig": 12, "månatliga": 12, "veckovisa": 52,
                        "kvartalsvisa": 4}
# Words that may stand between a count and its frequency without changing it ("fyra insatser i
# genomsnitt per månad", "två gånger per år och skola").
FREQUENCY_FILLERS = {"i", "genomsnitt", "snitt", "cirka", "ca", "minst", "åtminstone", "under", "terminerna"}

# ================================================================ activities

# Heads of nouns that name a countable activity, matched at the end of a (compound) word.
ACTIVITY_HEADS = (
    "möte", "möten", "träff", "träffar", "vandring", "vandringar", "insats", "insatser", "kontroll",
    "kontroller", "kampanj", "kampanjer", "tillfälle", "tillfällen", "besök", "utbildning", "utbildningar",
    "sök", "aktivitet", "aktiviteter", "dialog", "dialoger", "kväll", "kvällar", "föreläsning", "föreläsningar",
    "patrull", "patruller", "patrullering", "patrulleringar", "evenemang", "workshop", "workshops", "kurs",
    "kurser", "temadag", "temadagar", "inventering", "inventeringar", "mätning", "mätningar", "övervakning",
    "övning", "övningar", "razzia", "razzior", "tillsyn", "tillsyner", "träning", "samtal", "lektion",
    "lektioner", "seminarium", "seminarier", "konferens", "konferenser", "nattvandring", "utskick",
)
# From a counted noun to an activity type: the first pattern that matches wins, so the specific
# compounds come before the general heads ("föräldraträff" before "träff").
ACTIVITY_RULES: tuple[tuple[str, str], ...] = (
    (r"föräldra\w*(träff|möte|kväll)", PARENT_MEETING),
    (r"trygghetsvandring|trygghetsinventering|trygghetsronder?", SAFETY_WALK),
    (r"(narkotika|drog|hund)\w*sök|sök med hund", SCHOOL_DRUG_SEARCH),
    (r"hembesök|linköpingsmodell", HOME_VISIT),
    (r"(trafik|hastighets|nykterhets|alkohol|cykel|moped|epa|bälte|mobil)\w*(kontroll|insats|övervakning|mätning)",
     TRAFFIC_OPERATION),
    (r"kampanj|informationsinsats|utskick", INFORMATION_CAMPAIGN),
    (r"utbildning|föreläsning|kurs(er)?$|workshop|lektion|seminari|övning", TRAINING),
    (r"råd(s|et)?möte|trafiksäkerhetsråd|brå-möte|est-möte|samverkansmöte|samrådsmöte", COUNCIL_MEETING),
    (r"dialog|informationsmöte|informationsträff|medborgarmöte|invånarmöte|öppet? möte|öppna möten",
     DIALOGUE_MEETING),
    # A meeting named by nothing else is one between the parties (regelbundna möten, BRÅ, EST).
    (r"^möte$|^möten$|^mötet$|^mötena$", COUNCIL_MEETING),
)
# Words in the sentence that make a meeting something else: "två öppna möten" are dialogue
# meetings, "möten med föräldrar" parent meetings.
OPEN_MEETING_WORDS = r"\b(öppna|öppet|öppen|allmänt|allmänna|medborgar\w*|invånar\w*)\s+möte"
PARENT_WORDS = r"\bföräldrar"
# Nouns of areas: a promise "i tre av de utsatta områdena" or "i alla kommundelar" counts areas.
AREA_NOUNS = (
    "kommundel", "kommundelar", "kommundelarna", "stadsdel", "stadsdelar", "stadsdelarna", "område", "områden",
    "områdena", "bostadsområden", "bostadsområdena", "orter", "orterna", "tätorter", "tätorterna", "byar",
    "byarna", "kommundelen", "stadsdelen", "delområden",
)
# "i olika kommundelar", "i alla stadsdelar", "i varje kommundel": every area.
COVERAGE_WORDS = ("olika", "alla", "samtliga", "flera", "kommunens alla", "kommunens olika", "varje", "var")

# ================================================================ periods

# Words that tell a sentence states the promise's period ("Löftet gäller …", "under åren …").
PERIOD_CUES = (
    "gäller", "gälla", "gällande", "löper", "omfattar", "avser", "sträcker sig", "pågår", "är giltigt",
    "är giltiga",
)
# Words between the cue and the period ("gäller för perioden", "under åren", "för år").
PERIOD_FILLERS = ("perioden", "löftesperioden", "åren", "året", "år", "tiden", "tidsperioden")
# "från och med", "fr.o.m.", "med början": the first day; "till och med", "fram till", "t.o.m.": the last day.
FROM_WORDS = ("från och med", "fr.o.m.", "fr o m", "från", "fr.o.m", "med start", "med början", "med start från")
UNTIL_WORDS = ("fram till och med", "till och med", "t.o.m.", "t o m", "tom", "fram till", "fram t.o.m.", "till",
               "t.o.m", "-")
# Phrases that state a first day without a verb: "Med början torsdagen den 17 november 2016, kommer …".
START_CUES = ("med början", "med start", "från och med", "fr.o.m.", "startar", "börjar")
# Words before a period that make it another promise's ("det tidigare medborgarlöftet för 2019-2020").
PREVIOUS_WORDS = ("tidigare", "förra", "föregående", "förlängning av", "förra årets")
# Between two points of a range: any dash, a double hyphen, "till (och med)", "och", a slash (years).
RANGE_SEPARATORS = ("--", "–", "—", "‒", "-", "fram till och med", "till och med", "t.o.m.", "t o m", "tom",
                    "fram till", "till", "och", "/")
WEEKDAY_FORMS = tuple(f"{day}{ending}" for day in WEEKDAYS for ending in ("en", "", "s"))

# ================================================================ parties

# A word that names the police.
POLICE_WORDS = (r"lpo", r".*polis.*", r"polismyndighet\w*")
# A word that names the municipality or one of its units (förvaltningar, nämnder, fältgrupper,
# fritidsgårdar): all of them promise as the municipality.
MUNICIPALITY_WORDS = (
    r"kommun", r"kommunen", r"kommunens", r"kommuns", r"kommunerna", r"stad", r"staden", r"stadens",
    r"socialtjänst\w*", r"socialförvaltning\w*", r"kommunstyrelse\w*", r"kommunledning\w*", r"\w*förvaltning",
    r"\w*förvaltningen", r"\w*förvaltningens", r"\w*förvaltningar\w*", r"\w*nämnd", r"\w*nämnden", r"\w*nämnder\w*",
    r"fältgrupp\w*", r"fältassistent\w*", r"fältsekreterar\w*", r"fältare\w*", r"fältarbetar\w*",
    r"fritidsgård\w*", r"fritidsledar\w*", r"ungdomsgård\w*", r"brå", r"brottsförebyggande", r"\w*kontoret",
    r"trygghetssamordnar\w*", r"säkerhetssamordnar\w*", r"kommundirektör\w*", r"kommunchef\w*",
    r"stadsdelsförvaltning\w*", r"fritidsverksamhet\w*", r"ungdomsverksamhet\w*", r"elevhälsan",
    r"kommunala", r"kommunalt", r"kommunal",
)
# Regions that are also a municipality: there "Region X" and "regionen" promise as the municipality.
REGION_MUNICIPALITIES = {"gotland"}
# Other actors, with the name their organisation row gets when the importer meets them.
OTHER_ACTORS: tuple[tuple[str, str], ...] = (
    (r"räddningstjänst\w*", "Räddningstjänsten"),
    (r"\w*bostadsbolag\w*|\w*bostäder|\w*bostäders|\w*fastighetsbolag\w*", "Bostadsbolaget"),
    (r"skola|skolan|skolor|skolorna|skolans", "Skolan"),
    (r"regionen|region", "Regionen"),
    (r"länsstyrelsen", "Länsstyrelsen"),
    (r"trafikverket", "Trafikverket"),
    (r"fastighetsägar\w*", "Fastighetsägare"),
    (r"\w*bussbolag\w*|kollektivtrafik\w*|länstrafik\w*", "Kollektivtrafiken"),
    (r"ordningsvakt\w*|väktare\w*|bevakningsföretag\w*", "Ordningsvakter"),
    (r"förening\w*|civilsamhälle\w*", "Föreningar"),
    (r"näringsliv\w*|näringsidkare", "Näringslivet"),
    (r"kyrka\w*|församling\w*", "Kyrkan"),
    (r"tullverket|kustbevakning\w*|kriminalvård\w*|frivård\w*", "Annan myndighet"),
)
# A role word followed by a capitalised name introduces that name for the whole document:
# "bostadsbolaget Hamnhem", "kommunens bostadsbolag Ekholmshem", "Fritidsgården Kulan".
NAMING_ROLES = (
    r"bostadsbolag\w*", r"fastighetsbolag\w*", r"räddningstjänst\w*", r"förening\w*", r"fritidsgård\w*",
    r"stadsdelsförvaltning\w*", r"stadsdelsnämnd\w*", r"bolag\w*", r"företag\w*",
)
# "vi", "parterna": the promising parties of the document.
WE_WORDS = {"vi", "parterna", "aktörerna", "samverkansparterna", "båda", "bägge"}
# "Tillsammans lovar vi", "Gemensamt åtar sig parterna", "Gemensamma åtaganden": every promising
# party of the document.
TOGETHER_WORDS = {"tillsammans", "gemensamt", "gemensamma", "båda", "bägge", "samtliga", "alla"}
# "X ska tillsammans med Y", "X lovar att i samverkan med Y": both promise (within a commitment).
# The verb "samverka med Y" is not among them: it says whom X works with, not who promises.
JOINT_LINKS = (("tillsammans", "med"), ("samverkan", "med"), ("samarbete", "med"), ("gemensamt", "med"),
               ("ihop", "med"))
# "X med stöd av Y", "X i dialog med Y": only X promises; Y helps.
HELPER_LINKS = (("stöd", "av"), ("stöd", "från"), ("hjälp", "av"), ("hjälp", "från"), ("dialog", "med"),
                ("samråd", "med"))
# "i kommunen", "inom Härjedalens kommun": the municipality as a place, not a party.
LOCATIVES = {"i", "inom", "över", "runt", "kring", "utanför", "genom", "hela"}
PLACE_WORDS = {"kommun", "kommunen", "kommuner", "kommunerna", "stad", "staden", "kommundel", "kommundelen"}
# "där polisen medverkar": the party takes part, it does not promise.
TAKING_PART_VERBS = {"medverkar", "deltar", "bidrar", "finns", "närvarar"}
# Words that may stand in a name of a party ("Polisen lokalpolisområde Dalby").
PARTY_NAME_FILLERS = {"och", "samt", "lokalpolisområdet", "lokalpolisområde", "i"}
# Finite verbs that end the subject of a promise ("Polisen och kommunen | lovar att …").
SUBJECT_ENDS = {
    "lovar", "lovade", "ska", "skall", "kommer", "genomför", "bjuder", "erbjuder", "fortsätter",
    "arbetar", "verkar", "har", "ger", "tar", "åtar", "avser", "vill", "bidrar", "deltar",
    "samordnar", "utför", "anordnar", "håller", "ordnar", "satsar", "inför", "startar", "stärker",
    "jobbar", "planerar", "bedriver", "prioriterar", "gör", "genomförs", "utvecklar", "kan", "bör",
    "måste", "tänker", "medverkar", "skapar", "anställer", "informerar", "besöker", "utbildar", "är",
}
# Words that open an adverbial before the verb, so that the subject follows it: "Under 2021 ska
# polisen …", "Tillsammans med Trafikverket ska kommunen …", "Inom ramen för EST ska …".
ADVERBIAL_OPENERS = {
    "under", "inom", "i", "på", "för", "efter", "genom", "tillsammans", "med", "via", "vid", "från", "till",
    "utifrån", "mot", "senast", "varje", "årligen", "dessutom", "därför", "också", "även",
}
# Adverbs between the verb and an inverted subject ("Under 2021 ska också polisen").
INVERSION_FILLERS = {"också", "även", "tillsammans", "gemensamt", "därför", "dessutom"}
# Verbs of promising: a sentence whose subject is a party and whose verb is one of these promises.
PROMISE_VERBS = r"\b(lovar|lovade|ska|skall|kommer(\s+\w+){0,2}\s+att|åtar sig|åtar|avser att|åtagit sig)\b"
# A heading or lead-in made only of party names and these words names whose promises follow:
# "Polisen lovar att:", "Kommunens åtaganden", "Det här gör polisen", "För polisens del".
PARTY_LEADIN_WORDS = {
    "lovar", "lovade", "att", "ska", "skall", "åtar", "sig", "åtaganden", "åtagande", "löften", "löfte",
    "det", "här", "gör", "göra", "åstadkomma", "följande", "kommer", "för", "del", "vi", "och", "genomföra", "genomför",
    "medborgarlöften",
    "medborgarlöfte", "aktiviteter", "insatser", "ansvar", "ansvarar", "uppdrag", "tar", "på", "oss",
}
# Labels that name the party of an item on a line of its own or at its end ("Ansvarig: Polisen").
RESPONSIBILITY_LABELS = (
    "ansvarig", "ansvariga", "ansvarig part", "ansvariga parter", "ansvar", "huvudansvarig", "genomförs av",
    "utförare", "ansvarig aktör", "vem", "part", "parter", "ansvarar",
)

# ================================================================ not commitments

# Headings and lead-ins of goals: their lists are what the promise should lead to, not promises.
GOAL_WORDS = (
    "mål", "målet", "målen", "målsättning", "målsättningen", "målsättningar", "syfte", "syftet", "effektmål",
    "vision", "visionen", "önskat läge", "förväntade effekter", "förväntat resultat", "resultatmål", "effekter",
    "effekterna", "effektmålen", "resultat som ska uppnås",
    "vill vi uppnå", "vill uppnå", "ska leda till",
)
# Infinitives of effort that open an aim stated before a set's activities ("Arbeta utifrån …").
AIM_VERBS = {"arbeta", "verka", "sträva", "fortsätta", "utveckla", "stärka", "fokusera", "prioritera"}
# Verbs of a bullet that describes rather than promises ("Arbetet … innebär …").
DESCRIPTION_VERBS = {"innebär", "syftar", "handlar", "betyder", "beskriver", "utgör", "omfattas"}
# Verbs and adjectives that open a goal ("Öka tryggheten", "Minskad brottslighet").
GOAL_OPENERS = (
    "öka", "minska", "stärka", "förbättra", "förebygga", "motverka", "höja", "sänka", "reducera",
    "förhindra", "främja", "ökad", "ökat", "ökade", "minskad", "minskat", "minskade", "stärkt", "stärkta",
    "förbättrad", "förbättrat", "färre", "högre", "lägre", "tryggare", "säkrare", "bättre", "trygg", "tryggt",
    "trygga", "säker", "säkert", "säkra", "minimera", "bibehålla", "behålla",
)
# Lead-ins and headings of the situation picture: their lists are problems, not promises.
PROBLEM_WORDS = (
    "lägesbild", "lägesbilden", "problem", "problemen", "problembild", "problembilden", "utmaningar",
    "utmaningarna", "identifierade", "identifierat", "framkom", "framkommit", "upplever", "visar", "oroar",
    "orsaker", "bakgrund", "bakgrunden", "nulägesbild", "nuläget", "otrygghet i", "brottsligheten i",
)
# Headings and lead-ins of follow-up: how the promises are followed up promises nothing new.
# Patterns: "följs löftena upp" puts a word between the verb and its particle.
FOLLOW_UP_PATTERNS = (
    r"uppföljning\w*", r"följ(s|as|er|a)(\s+\w+)?\s+upp", r"utvärder\w*", r"redovis\w*",
    r"återrapport\w*", r"rapporteras",
)
# A quotation in a press release ("– Vi vet att …, säger kommunstyrelsens ordförande."): what
# someone said, not a promise.
QUOTE_PATTERN = r",\s*(säger|sa|sade|menar|berättar|konstaterar|förklarar|betonar|understryker)\s+[^,.!?]{2,60}[.!?]?[\s\"”»]*$"
# Lines that are links to elsewhere, never promises nor introduction.
LINK_OPENERS = (
    "läs mer", "här kan du läsa", "här finns", "ladda ner", "ladda ned", "länk till", "till polisens webbplats",
    "till kommunens webbplats", "se även", "mer information", "mer om", "besök oss", "besök gärna", "klicka här",
)
LINK_MARKERS = ("(pdf", "pdf,", ", pdf", "öppnas i nytt fönster", "extern länk", "(extern", " kb)", " mb)")
# Topic lead-ins: "med inriktning på:", "fokusområden:" — their bullets are topics, not promises.
TOPIC_LEADINS = r"(inriktning|fokus|fokusera|fokuserar)\s+på\s*:?$|fokusområden\s*:?$"
# Words in the sentence before the promising part of a bullet that make it background: a statement
# of what is, not what will be done ("Många upplever …", "Lägesbilden visar …").
BACKGROUND_VERBS = {
    "är", "upplever", "upplevs", "visar", "har", "finns", "utsätts", "ökar", "ökat", "minskar", "sker", "förekommer",
    "oroar", "saknas", "blir", "anmäls", "drabbas",
}

# ================================================================ Löftesgranskning

# Verbs that promise effort, not a deed: a commitment with only these and no target is vague.
VAGUE_PHRASES = (
    "verka för", "arbeta för", "arbeta med", "arbeta mot", "arbeta vidare", "sträva efter", "sträva mot",
    "bidra till", "främja", "ha fokus på", "fokusera på", "prioritera", "uppmärksamma", "se över",
    "fortsätta arbetet", "fortsätta att arbeta", "fortsätta utveckla", "utveckla samverkan", "stärka samverkan",
    "öka samverkan", "medverka till", "skapa förutsättningar", "ha en dialog", "ha dialog",
    "öka medvetenheten", "öka kunskapen", "öka tryggheten",
)
# What a measurable version of a vague commitment could promise, by the topic the text names: the
# first row whose pattern matches the text gives the example ("minst fyra trygghetsvandringar per år").
MEASURABLE_EXAMPLES: tuple[tuple[str, str], ...] = (
    (r"trafik|fart|hastighet|moped|epa|cykel|bil", "minst fyra trafikkontroller per år"),
    (r"föräld", "minst två föräldraträffar per termin"),
    (r"narkotika|drog|langning|alkohol|tobak|andt", "minst två föreläsningar om narkotika per termin"),
    (r"bedrägeri|äldre|information|kunskap|medvetenhet", "minst två informationsträffar per år"),
    (r"dialog|medborgar|invånar|förtroende|återkoppl", "minst två medborgardialoger per år"),
    (r"samverkan|samarbete|samordning", "minst fyra samverkansmöten per år"),
    (r"", "minst fyra trygghetsvandringar per år"),
)
