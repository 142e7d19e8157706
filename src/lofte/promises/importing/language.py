"""General rules of Swedish municipal and police prose, used by the parser.

Everything here is a small pure function over a string: who promises (parties), how many of what
(targets), which years (periods). The rules are written for the language of medborgarlöften in
general and measured on a corpus by bench/importer_accuracy.py, never tuned to one document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
PARTY_ORDER = (POLICE, MUNICIPALITY, OTHER_PARTY)
# Medborgarlöften are by definition agreed between the police and the municipality, so "vi",
# "parterna" and "aktörerna" mean both unless the document says otherwise.
BOTH = (POLICE, MUNICIPALITY)

_WORD = re.compile(r"[\wÅÄÖåäöéü/-]+")

# ---------------------------------------------------------------- numbers

NUMBER_WORDS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
    "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15,
    "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20,
}
# Words that make the following number a target ("minst två"), as opposed to a number in passing.
_QUANTIFIERS = {"minst", "åtminstone", "totalt", "sammanlagt", "cirka", "ca", "drygt", "över", "fler"}
# Verbs after which "en"/"ett" is a count of one event ("genomföra en informationskampanj")
# rather than an article ("arbeta för en trygg trafikmiljö").
_EVENT_VERBS = {
    "genomföra", "genomför", "hålla", "håller", "anordna", "anordnar", "arrangera", "arrangerar",
    "ordna", "ordnar", "samordna", "samordnar", "erbjuda", "erbjuder", "starta", "startar", "bjuda",
    "bjuder", "göra", "gör", "ha", "planera", "planerar", "delta", "deltar",
}
# Words a number may be followed by without being a count of activities ("15 till 18 år").
_NOUN_PHRASE_ENDS = {
    "för", "med", "i", "på", "om", "mot", "av", "till", "och", "eller", "samt", "som", "att", "vid",
    "under", "per", "från", "där", "när",
}
_NOT_A_COUNT_BEFORE = {"årskurs", "åk", "lv", "rv", "väg", "e", "kl", "klockan", "vecka", "nummer", "nr"}

# ---------------------------------------------------------------- activities

# Heads of nouns that name a countable activity, matched at the end of a (compound) word.
_ACTIVITY_HEAD = re.compile(
    r"(möte|möten|träff|träffar|vandring|vandringar|insats|insatser|kontroll|kontroller|kampanj|"
    r"kampanjer|tillfälle|tillfällen|besök|utbildning|utbildningar|sök|aktivitet|aktiviteter|dialog|"
    r"dialoger|kväll|kvällar|föreläsning|föreläsningar|patrull|patruller|evenemang|workshop|workshops|"
    r"kurs|kurser|rådsmöte|rådsmöten|temadag|temadagar|dialogtillfälle|dialogtillfällen|"
    r"inventering|inventeringar|mätning|mätningar)$"
)
# From the counted noun to an activity type; the first rule that matches wins, so the specific
# compounds come before the general heads ("föräldraträff" before "träff").
_ACTIVITY_RULES: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(pattern), key)
    for pattern, key in (
        (r"föräldra\w*(träff|möte|kväll)", PARENT_MEETING),
        (r"trygghetsvandring|trygghetsinventering", SAFETY_WALK),
        (r"(narkotika|drog|hund)\w*sök|sök med hund", SCHOOL_DRUG_SEARCH),
        (r"hembesök|linköpingsmodell", HOME_VISIT),
        (r"(trafik|hastighets|nykterhets|alkohol|cykel|moped|epa)\w*(kontroll|insats|övervakning|mätning)",
         TRAFFIC_OPERATION),
        (r"kampanj|informationsinsats", INFORMATION_CAMPAIGN),
        (r"utbildning|föreläsning|kurs(er)?$|workshop", TRAINING),
        (r"råd(s|et)?möte|trafiksäkerhetsråd|brå-möte|est-möte|samverkansmöte|samrådsmöte", COUNCIL_MEETING),
        (r"dialog|informationsmöte|informationsträff|medborgarmöte|invånarmöte|öppet? möte|öppna möten",
         DIALOGUE_MEETING),
        # A meeting named by nothing else is one between the parties (regelbundna möten, BRÅ, EST).
        (r"^möte$|^möten$|^mötet$|^mötena$", COUNCIL_MEETING),
    )
)

# ---------------------------------------------------------------- parties

_POLICE_WORD = re.compile(r"^(lpo|.*polis.*)$")
_MUNICIPALITY_WORD = re.compile(
    r"^(kommun|kommunen|kommunens|kommuns|kommunerna|stad|staden|stadens|socialtjänst\w*|"
    r"kommunstyrelse\w*|kommunledning\w*|\w*förvaltning|\w*förvaltningen|\w*förvaltningar\w*|"
    r"\w*nämnd|\w*nämnden|\w*nämnder\w*|fältgrupp\w*|fältassistent\w*|fältsekreterare\w*|fältare\w*|"
    r"fritidsgård\w*|fritidsledar\w*|brå|brottsförebyggande)$"
)
# Other actors, with the name an organisation row gets when the parser meets them.
_OTHER_ACTORS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(pattern), name)
    for pattern, name in (
        (r"^räddningstjänst\w*$", "Räddningstjänsten"),
        (r"^\w*bostadsbolag\w*$|^\w*bostäder$|^\w*bostäders$", "Bostadsbolaget"),
        (r"^skola$|^skolan$|^skolor$|^skolorna$|^skolans$", "Skolan"),
        (r"^regionen$|^region$", "Regionen"),
        (r"^länsstyrelsen$", "Länsstyrelsen"),
        (r"^trafikverket$", "Trafikverket"),
        (r"^fastighetsägar\w*$", "Fastighetsägare"),
        (r"^\w*bussbolag\w*$", "Bussbolaget"),
        (r"^ordningsvakt\w*$", "Ordningsvakter"),
        (r"^förening\w*$|^civilsamhälle\w*$", "Föreningar"),
        (r"^näringsliv\w*$", "Näringslivet"),
    )
)
_WE_WORDS = {"vi", "parterna", "aktörerna", "samverkansparterna", "båda", "bägge"}
# "Tillsammans lovar vi", "Gemensamt åtar sig parterna": every promising party of the document.
TOGETHER_WORDS = {"tillsammans", "gemensamt", "gemensamma", "båda", "bägge", "samtliga", "alla"}
# "Polisen i samverkan med kommunen lovar": the party after these words is not a promising party.
_COOPERATION_WORDS = {"samverkan", "samarbete", "samråd", "tillsammans", "stöd", "dialog", "hjälp", "samverka"}
_COOPERATION_LINKS = {"med", "av", "från"}
_PARTY_NAME_FILLERS = {"och", "samt", "lokalpolisområdet", "lokalpolisområde", "i"}

# Finite verbs that end the subject of a promise ("Polisen och kommunen | lovar att …").
_SUBJECT_ENDS = {
    "lovar", "lovade", "ska", "skall", "kommer", "genomför", "bjuder", "erbjuder", "fortsätter",
    "arbetar", "verkar", "har", "ger", "tar", "åtar", "avser", "vill", "bidrar", "deltar",
    "samordnar", "utför", "anordnar", "håller", "ordnar", "satsar", "inför", "startar", "stärker",
    "jobbar", "planerar", "bedriver", "prioriterar", "gör", "genomförs", "utvecklar", "kan", "bör",
    "måste", "tänker", "medverkar", "skapar",
}
_MAX_SUBJECT_WORDS = 14
# Adverbs that may stand between the verb and an inverted subject ("Under 2021 ska också polisen").
_INVERSION_FILLERS = {"också", "även", "tillsammans", "gemensamt", "därför", "dessutom"}

# Verbs of promising: a paragraph with a party and one of these is a promise.
PROMISE_VERBS = re.compile(r"\b(lovar|lovade|ska|skall|kommer att|åtar sig|åtar)\b", re.IGNORECASE)

# ---------------------------------------------------------------- periods

_YEAR = r"(?:19|20)\d\d"
_RANGE = re.compile(
    rf"\b({_YEAR})\s*(?:–|-|—|/|och|till och med|t\.o\.m\.|till|tom)\s*((?:19|20)?\d\d)\b"
)
_SINGLE = re.compile(rf"\b({_YEAR})\b")
# Prose that states the period of the promise ("Löftet gäller från 2018 till och med 2020",
# "för år 2024", "under 2021"); "under hösten 2016" tells when a survey was made and is no period.
_PROSE_PERIOD = re.compile(
    rf"\b(?:gäller|gälla|löper)\s+(?:från\s+|för\s+|under\s+)?(?:(?:år|åren|perioden)\s+)?({_YEAR})"
    rf"(?:\s*(?:–|-|och|till och med|till|t\.o\.m\.)\s*({_YEAR}))?"
    rf"|\b(?:för|under)\s+(?:år(?:en)?\s+)?({_YEAR})(?:\s*(?:–|-|och|till och med|till)\s*({_YEAR}))?\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class TargetMatch:
    count: int
    unit: str
    activity_type: str | None
    per: str
    # "en informationskampanj" counts one only by reading the article as a number: a guess.
    from_article: bool = False


@dataclass(frozen=True)
class Coverage:
    activity_type: str | None
    unit: str


def words(text: str) -> list[str]:
    return _WORD.findall(text)


# ================================================================ periods


def years_in_heading(text: str) -> tuple[int, int] | None:
    """The first and last year a heading names: "2022 och 2023", "2023–2024", "2022-23", "2021"."""
    match = _RANGE.search(text)
    if match:
        first = int(match.group(1))
        last = _expand_year(match.group(2), first)
        if first <= last <= first + 6:
            return first, last
    match = _SINGLE.search(text)
    if match:
        year = int(match.group(1))
        return year, year
    return None


def _expand_year(text: str, first: int) -> int:
    """ "23" after 2022 is 2023: a two-digit year takes the century of the first year."""
    if len(text) == 2:
        return first // 100 * 100 + int(text)
    return int(text)


def years_in_prose(text: str) -> tuple[int, int] | None:
    """The period a sentence states for the promise, if it states one."""
    match = _PROSE_PERIOD.search(text)
    if not match:
        return None
    groups = [g for g in match.groups() if g]
    first = int(groups[0])
    last = int(groups[1]) if len(groups) > 1 else first
    if first <= last <= first + 6:
        return first, last
    return None


# ================================================================ parties


def party_of_word(word: str) -> str | None:
    """The kind of party a single word names, if any ("kommunpolisen" is police)."""
    lowered = word.lower().strip(".,;:!?()\"'")
    if not lowered:
        return None
    if _POLICE_WORD.match(lowered):
        return POLICE
    if _MUNICIPALITY_WORD.match(lowered):
        return MUNICIPALITY
    if other_actor_name(lowered):
        return OTHER_PARTY
    return None


def other_actor_name(word: str) -> str | None:
    lowered = word.lower().strip(".,;:!?()\"'")
    for pattern, name in _OTHER_ACTORS:
        if pattern.match(lowered):
            return name
    return None


def ordered(parties) -> list[str]:
    return [p for p in PARTY_ORDER if p in set(parties)]


@dataclass(frozen=True)
class Parties:
    """The promising parties a phrase names; `we` when it says "vi"/"parterna" instead."""

    kinds: tuple[str, ...] = ()
    other_names: tuple[str, ...] = ()
    we: bool = False

    @property
    def found(self) -> bool:
        return bool(self.kinds) or self.we


def parties_in(text: str) -> Parties:
    """Every promising party named in a phrase, leaving out those only cooperated with."""
    tokens = _without_cooperation_partners(words(text))
    kinds: list[str] = []
    others: list[str] = []
    we = False
    for token in tokens:
        lowered = token.lower()
        if lowered in _WE_WORDS:
            we = True
        kind = party_of_word(token)
        if kind and kind not in kinds:
            kinds.append(kind)
        if kind == OTHER_PARTY:
            name = other_actor_name(token)
            if name and name not in others:
                others.append(name)
    return Parties(tuple(ordered(kinds)), tuple(others), we)


def _without_cooperation_partners(tokens: list[str]) -> list[str]:
    """Tokens without the parties named after "i samverkan med", "tillsammans med" and the like.

    "Polisen i samverkan med Strängnäs kommun lovar" is a promise of the police; the municipality
    takes part but does not promise. Likewise "där polisen medverkar".
    """
    kept: list[str] = []
    skipping = False
    for index, token in enumerate(tokens):
        lowered = token.lower()
        previous = tokens[index - 1].lower() if index else ""
        if lowered in _COOPERATION_LINKS and previous in _COOPERATION_WORDS:
            skipping = True
            continue
        if skipping:
            if party_of_word(token) or lowered in _PARTY_NAME_FILLERS or token[:1].isupper():
                continue
            skipping = False
        if lowered == "där" and index + 2 < len(tokens) and party_of_word(tokens[index + 1]) \
                and tokens[index + 2].lower() in {"medverkar", "deltar", "bidrar", "finns"}:
            skipping = True
            continue
        kept.append(token)
    return kept


def subject_parties(text: str) -> Parties | None:
    """The parties named as the subject of a promise, or None when the sentence names no subject.

    The subject is what comes before the first finite verb ("Strängnäs kommun | kommer … där
    polisen medverkar" is the municipality's promise). With inverted word order ("Under 2021 ska
    polisen …") the subject follows the verb.
    """
    first_sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    labelled = re.match(r"^([^:.!?]{2,80}):\s", first_sentence)
    if labelled:
        # "Polisen och kommunen: genomföra …" — a table's party column, or a label in a list.
        found = parties_in(labelled.group(1))
        if found.found:
            return found
    tokens = words(first_sentence)
    for index, token in enumerate(tokens[:_MAX_SUBJECT_WORDS]):
        if token.lower() in _SUBJECT_ENDS:
            found = parties_in(" ".join(tokens[:index]))
            if found.found:
                return found
            return _inverted_subject(tokens[index + 1:])
    return None


def _inverted_subject(tokens: list[str]) -> Parties | None:
    phrase: list[str] = []
    for token in tokens:
        lowered = token.lower()
        if lowered in _INVERSION_FILLERS and not phrase:
            continue
        if party_of_word(token) or lowered in {"och", "samt"} or lowered in _WE_WORDS or token[:1].isupper():
            phrase.append(token)
            continue
        break
    found = parties_in(" ".join(phrase))
    return found if found.found else None


_SIGNATORY_ROLE = re.compile(
    r"\b(\w*ordförande|\w*chef|\w*direktör|kommunalråd|polismästare|kommunpolis|polisinspektör|"
    r"kommissarie|undertecknad\w*)\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[A-ZÅÄÖÉ][a-zåäöéü]+(?:[- ][A-ZÅÄÖÉ][a-zåäöéü]+){1,3}$")


_CONTACT = re.compile(
    r"@|https?://|www\.|\b(kontakt\w*|telefon\w*|tel|mobil|e-post|epost|mejl|mail)\b|\b0\d{1,3}[- ]?\d{2,3}",
    re.IGNORECASE,
)


def is_contact(text: str) -> bool:
    """Contact details (an address, a phone number, "Kontakt: …"): context, never a signature."""
    return bool(_CONTACT.search(text))


def is_signatory(text: str) -> bool:
    """A signature line: a role ("kommunstyrelsens ordförande", "lokalpolisområdeschef") in a short
    line that promises nothing and is no contact line ("Kontakt: kommunpolis@…")."""
    stripped = text.strip()
    return (
        len(stripped.split()) <= 14 and bool(_SIGNATORY_ROLE.search(stripped))
        and not PROMISE_VERBS.search(stripped) and not stripped.endswith(":")
        and not is_contact(stripped)
    )


def is_person_name(text: str) -> bool:
    """Two to four capitalised words and nothing else ("Anna Andersson")."""
    return bool(_NAME.match(text.strip())) and party_of_word(text.split()[0]) is None


def signatory_party(text: str) -> str | None:
    """Whom a signatory signs for: a police role or a municipal one."""
    lowered = text.lower()
    if "polis" in lowered or "lpo" in lowered.split():
        return POLICE
    if re.search(r"kommun|stad|ordförande|kommunalråd", lowered):
        return MUNICIPALITY
    return None


def is_promise(text: str) -> bool:
    """A sentence in which a party promises something ("Polisen och kommunen lovar att …")."""
    return bool(PROMISE_VERBS.search(text)) and parties_in(text).found


# ================================================================ targets


def activity_type_of(noun: str, context: str = "") -> str | None:
    """The activity type a counted noun names ("trygghetsvandringar" is a safety walk)."""
    lowered = noun.lower()
    for pattern, key in _ACTIVITY_RULES:
        if pattern.search(lowered):
            if key == DIALOGUE_MEETING and re.search(r"\bföräldrar", context.lower()):
                return PARENT_MEETING
            if key == COUNCIL_MEETING and re.search(
                r"\b(öppna|öppet|öppen|allmänt|allmänna|medborgar\w*|invånar\w*)\s+möte", context.lower()
            ):
                return DIALOGUE_MEETING  # "två öppna möten": open to citizens, not between the parties
            return key
    return None


def is_activity_noun(word: str) -> bool:
    return bool(_ACTIVITY_HEAD.search(word.lower()))


def _looks_like_modifier(word: str) -> bool:
    """Adjectives and participles between a number and its noun ("två förstärkta insatser")."""
    lowered = word.lower()
    if is_activity_noun(lowered):
        return False
    return bool(re.search(r"(a|e|t|ande|ende|iga|ade|ska|da|ta)$", lowered)) or lowered in {"nya", "fler"}


_THOUSANDS = "\u202f"  # joins "2 000" into one token (a narrow no-break space, as in Swedish typography)


def _number_value(token: str) -> int | None:
    lowered = token.lower()
    if _THOUSANDS in lowered and lowered.replace(_THOUSANDS, "").isdigit():
        return int(lowered.replace(_THOUSANDS, ""))  # written with a thousands space: never a year
    if lowered.isdigit():
        value = int(lowered)
        # Four-digit numbers are years, not counts of activities.
        return value if 0 < value < 1000 else None
    return NUMBER_WORDS.get(lowered)


# Frequencies, as events per year. "Varje termin" is twice a year (the school year has two terms).
_FREQUENCIES: tuple[tuple[re.Pattern, int], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), per_year)
    for pattern, per_year in (
        (r"\bvarannan\s+vecka\b", 26),
        (r"\b(?:varje|var|per|i|en\s+gång\s+i|gång\s+i|gånger\s+i)\s+vecka(?:n)?\b(?!\s*\d)|\bveckovis\b|\bveckligen\b"
         r"|\b(?:varje|var)\s+(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag|helg)\b", 52),
        (r"\bvarannan\s+månad\b", 6),
        (r"\b(?:varje|var|per|i)\s+månad(?:en)?\b|\bmånadsvis\b|\bmånatligen\b", 12),
        (r"\b(?:varje|var|per|i)\s+kvartal(?:et)?\b|\bkvartalsvis\b", 4),
        (r"\b(?:varje|var|per|i)\s+termin(?:en)?\b|\bterminsvis\b|\b(?:varje|var|per|i)\s+halvår(?:et)?\b|\bhalvårsvis\b", 2),
        # Yearly: alone it adds nothing to a counted target ("fem platser per år" stays 5 a year), but
        # "två gånger per år" counts the times.
        (r"\b(?:varje|var|per|om)\s+år(?:et)?\b|\bårligen\b|\bvarje\s+år\b", 1),
    )
)
# Counts that are no exact number ("ett tiotal", "ett par", "ett flertal"): no target, but a warning.
_VAGUE = re.compile(
    r"\b(?:ett|några|ca|cirka)\s+(\w+tal|par|antal|flertal|dussin)\b|\b(några|flera|ett\s+antal|ett\s+flertal)\s+(\w+)",
    re.IGNORECASE,
)


def frequency_per_year(text: str) -> tuple[int, str] | None:
    """How many times a year a frequency in the text means ("varje månad" is 12), with the phrase.

    "Två gånger per termin" is 4: a count of times before the frequency multiplies it.
    """
    for pattern, per_year in _FREQUENCIES:
        match = pattern.search(text)
        if match:
            before = words(text[:match.start()])[-2:]
            times = 1
            if len(before) == 2 and before[1].lower() in {"gånger", "gång"}:
                times = _number_value(before[0]) or 1
            elif before and _number_value(before[-1]) and before[-1].lower() not in {"en", "ett"}:
                times = _number_value(before[-1])  # "två per termin"
            return per_year * times, match.group(0)
    return None


def vague_counts(text: str) -> list[str]:
    """Phrases that promise an inexact number of activities ("ett tiotal trygghetsvandringar")."""
    found = []
    for match in _VAGUE.finditer(text):
        following = words(text[match.end():])[:3]
        if match.group(1) and any(is_activity_noun(w) for w in following[:3]):
            found.append(" ".join([match.group(0)] + following[:next(i for i, w in enumerate(following) if is_activity_noun(w)) + 1]))
        elif match.group(3) and is_activity_noun(match.group(3)):
            found.append(match.group(0))
    return found


def find_targets(text: str) -> list[TargetMatch]:
    """Numeric targets in a commitment: "minst två föräldraträffar", "en informationskampanj",
    and frequencies ("en trygghetsvandring varje månad" is 12 a year)."""
    targets = _counted_targets(text)
    frequency = frequency_per_year(text)
    if frequency is None:
        return targets
    per_year, _phrase = frequency
    if targets:
        return [TargetMatch(t.count * per_year, t.unit, t.activity_type, "year") for t in targets[:1]] + targets[1:]
    noun = next((w for w in words(text) if is_activity_noun(w)), None)
    if noun is None:
        return []
    return [TargetMatch(per_year, noun, activity_type_of(noun, text), "year")]


def _join_thousands(tokens: list[str]) -> list[str]:
    """ "2 000" is one number: digit groups of three after a number join it."""
    joined: list[str] = []
    for token in tokens:
        if joined and joined[-1].isdigit() and len(token) == 3 and token.isdigit() and len(joined[-1]) <= 3:
            joined[-1] += _THOUSANDS + token
        else:
            joined.append(token)
    return joined


def _counted_targets(text: str) -> list[TargetMatch]:
    tokens = _join_thousands(words(text))
    lowered = [t.lower() for t in tokens]
    per = per_of(text)
    targets: list[TargetMatch] = []
    used_units: set[tuple[int, str]] = set()
    for index, token in enumerate(tokens):
        count = _number_value(token)
        if count is None:
            continue
        previous = lowered[index - 1] if index else ""
        if previous in _NOT_A_COUNT_BEFORE or _is_part_of_range(lowered, index):
            continue
        following = lowered[index + 1] if index + 1 < len(lowered) else ""
        if following in {"par", "antal", "flertal", "dussin", "gång", "gånger"} or following.endswith("tal"):
            continue  # "ett tiotal" is no exact count; "två gånger" is a frequency, read above.
        if previous == "av" and index >= 2 and _number_value(lowered[index - 2]) is not None:
            continue  # "tre av fyra": the four is what the three are counted out of
        quantified = previous in _QUANTIFIERS
        article = lowered[index] in {"en", "ett"}
        if article and not quantified and not _follows_event_verb(lowered, index):
            continue
        start = index + 1
        if following == "av" and index + 2 < len(lowered) and _number_value(lowered[index + 2]) is not None:
            start = index + 3  # "minst tre av fyra planerade trygghetsvandringar" counts three
        noun = _counted_noun(tokens[start:start + 4], require_activity=not quantified)
        if noun is None and quantified and index == len(tokens) - 1:
            # "Trafikkontroller vid skolor. Minst 10." (a table's goal column): the number ends the
            # text and counts the activity named before it.
            noun = next((t for t in tokens[:index] if is_activity_noun(t)), None)
            if noun and noun[1:].islower():
                noun = noun.lower()  # capitalised only as a cell's first word
        if noun is None:
            continue
        key = (count, noun.lower())
        if key in used_units:
            continue
        used_units.add(key)
        context = " ".join(tokens[index:index + 8])
        targets.append(TargetMatch(count, noun, activity_type_of(noun, context), per, article and not quantified))
    return targets


def _is_part_of_range(lowered: list[str], index: int) -> bool:
    """ "15 till 18 år" and "4-6" are ages and school years, not counts."""
    following = lowered[index + 1] if index + 1 < len(lowered) else ""
    previous = lowered[index - 1] if index else ""
    # "till" before the number is a range only after another number ("15 till 18"); in "bjuda in
    # till två dialogmöten" it is a preposition.
    after_number = index >= 2 and _number_value(lowered[index - 2]) is not None
    return following in {"till", "à", "–"} or (previous == "till" and after_number) or "-" in lowered[index]


def _follows_event_verb(lowered: list[str], index: int) -> bool:
    window = lowered[max(0, index - 3):index]
    return any(word in _EVENT_VERBS for word in window)


def _counted_noun(following: list[str], *, require_activity: bool) -> str | None:
    """The noun a number counts, skipping modifiers; only activity nouns unless quantified.

    Without "minst" a number is only a target when an activity noun follows within a few words
    ("en gemensam informationskampanj"); a preposition ends the search, so that "en hund med …"
    or "en trygg miljö för …" never count.
    """
    for word in following:
        if is_activity_noun(word):
            return word
        if word.lower() in _NOUN_PHRASE_ENDS or not word.isalpha() or not word[:1].islower():
            return None
        if require_activity or _looks_like_modifier(word):
            continue
        return word
    return None


def per_of(text: str) -> str:
    """ "per år", "varje år", "årligen" make a target yearly; otherwise it is for the whole period."""
    if re.search(r"\b(per|varje|om|i) år(et)?\b|\bårligen\b|\bper kalenderår\b", text, re.IGNORECASE):
        return "year"
    return "period"


_COVERAGE = re.compile(
    r"\bi\s+(?:olika|alla|samtliga|flera|kommunens\s+alla|kommunens\s+olika)\s+"
    r"(kommundelar|stadsdelar|kommundelarna|stadsdelarna|orter|tätorter|byar|bostadsområden|områden)\b",
    re.IGNORECASE,
)


def find_coverage(text: str) -> Coverage | None:
    """A promise to act across areas ("i olika kommundelar") rather than a number of times."""
    match = _COVERAGE.search(text)
    if not match:
        return None
    activity = None
    for word in words(text[:match.start()]) + words(text[match.end():]):
        if is_activity_noun(word):
            activity = activity_type_of(word, text)
            if activity:
                break
    return Coverage(activity, "kommundelar" if match.group(1).lower().startswith("kommundel") else match.group(1).lower())
