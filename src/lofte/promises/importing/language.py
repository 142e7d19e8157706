"""General rules of Swedish municipal and police prose, used by the parser.

Each rule is a small pure function over a string, built from the tables in tables.py: who promises
(parties), what a heading or a list is for (goals, problems, follow-up, links, per-party lead-ins),
which part of a bullet is background, and which sentences of a paragraph are separate promises.
Targets are read by targets.py and periods by periods.py; their functions are re-exported here for
the callers that know this module. Everything is measured on probe documents and a corpus by
bench/importer_accuracy.py, never tuned to one document.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from . import periods, tables
from .targets import (  # noqa: F401 - re-exported for callers of this module
    Coverage,
    TargetMatch,
    activity_type_of,
    find_coverage,
    find_targets,
    frequency_per_year,
    is_activity_noun,
    vague_counts,
)

DIALOGUE_MEETING = tables.DIALOGUE_MEETING
SAFETY_WALK = tables.SAFETY_WALK
PARENT_MEETING = tables.PARENT_MEETING
SCHOOL_DRUG_SEARCH = tables.SCHOOL_DRUG_SEARCH
HOME_VISIT = tables.HOME_VISIT
TRAFFIC_OPERATION = tables.TRAFFIC_OPERATION
INFORMATION_CAMPAIGN = tables.INFORMATION_CAMPAIGN
TRAINING = tables.TRAINING
COUNCIL_MEETING = tables.COUNCIL_MEETING
OTHER = tables.OTHER
ACTIVITY_TYPES = tables.ACTIVITY_TYPES

POLICE = tables.POLICE
MUNICIPALITY = tables.MUNICIPALITY
OTHER_PARTY = tables.OTHER_PARTY
PARTY_ORDER = (POLICE, MUNICIPALITY, OTHER_PARTY)
# Medborgarlöften are by definition agreed between the police and the municipality, so "vi",
# "parterna" and "aktörerna" mean both unless the document says otherwise.
BOTH = (POLICE, MUNICIPALITY)
TOGETHER_WORDS = tables.TOGETHER_WORDS
WE_WORDS = tables.WE_WORDS
PROMISE_VERBS = re.compile(tables.PROMISE_VERBS, re.IGNORECASE)

_WORD = re.compile(r"[\wÅÄÖåäöéü/-]+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖÉ0-9\"«])")


def _whole_words(patterns) -> re.Pattern:
    return re.compile(rf"^(?:{'|'.join(patterns)})$")


_POLICE_WORD = _whole_words(tables.POLICE_WORDS)
_MUNICIPALITY_WORD = _whole_words(tables.MUNICIPALITY_WORDS)
_OTHER_ACTORS = tuple((re.compile(rf"^(?:{pattern})$"), name) for pattern, name in tables.OTHER_ACTORS)
_NAMING_ROLE = _whole_words(tables.NAMING_ROLES)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE.split(text.strip()) if s]


# ================================================================ periods (see periods.py)


def years_in_heading(text: str) -> tuple[int, int] | None:
    """The first and last year a heading names: "2022 och 2023", "2023–2024", "2022-23", "2021"."""
    mention = periods.in_heading(text)
    return (mention.start.year, mention.end.year) if mention else None


def years_in_prose(text: str) -> tuple[int, int] | None:
    """The years of the first period a sentence states for the promise, if it states one."""
    mention = next((m for m in periods.in_prose(text) if m.complete), None)
    return (mention.start.year, mention.end.year) if mention else None


# ================================================================ the document's own names


@dataclass
class Names:
    """Party names a document introduces itself: "bostadsbolaget Hamnhem" makes "Hamnhem" an other
    actor, "Fritidsgården Kulan" the municipality; in a document of Region Gotland (a region that
    is a municipality) "regionen" promises as the municipality."""

    parties: dict[str, tuple[str, str]] = field(default_factory=dict)  # word -> (kind, organisation name)

    def kind_of(self, word: str) -> tuple[str, str] | None:
        return self.parties.get(word.lower().strip(".,;:!?()\"'"))


_NO_NAMES = Names()


def names_in(text: str) -> Names:
    """The party names a whole document introduces (see Names)."""
    found = Names()
    tokens = words(text)
    for index, token in enumerate(tokens[:-1]):
        lowered = token.lower()
        following = tokens[index + 1]
        if lowered in ("region", "regionen") and following.lower() in tables.REGION_MUNICIPALITIES:
            for word in ("region", "regionen", "regionens", following.lower()):
                found.parties[word] = (MUNICIPALITY, "")
            continue
        if not _NAMING_ROLE.match(lowered) or not following[:1].isupper() or _party_kind(following, None):
            continue
        kind = _party_kind(token, None) or OTHER_PARTY
        name = following
        if kind == OTHER_PARTY:
            found.parties.setdefault(following.lower(), (OTHER_PARTY, name))
        else:
            found.parties.setdefault(following.lower(), (kind, ""))
    return found


# ================================================================ parties


def _party_kind(word: str, names: Names | None) -> str | None:
    lowered = word.lower().strip(".,;:!?()\"'")
    if not lowered:
        return None
    known = (names or _NO_NAMES).kind_of(lowered)
    if known:
        return known[0]
    if _POLICE_WORD.match(lowered):
        return POLICE
    if _MUNICIPALITY_WORD.match(lowered):
        return MUNICIPALITY
    if other_actor_name(lowered):
        return OTHER_PARTY
    return None


def party_of_word(word: str, names: Names | None = None) -> str | None:
    """The kind of party a single word names, if any ("kommunpolisen" is police)."""
    return _party_kind(word, names)


def other_actor_name(word: str, names: Names | None = None) -> str | None:
    lowered = word.lower().strip(".,;:!?()\"'")
    known = (names or _NO_NAMES).kind_of(lowered)
    if known and known[0] == OTHER_PARTY:
        return known[1]
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


def parties_in(text: str, names: Names | None = None, *, joint: bool = False) -> Parties:
    """Every promising party named in a phrase.

    Those named after "med stöd av", "i dialog med" only help, and "där polisen medverkar" takes
    part: none of them promise. Those after "tillsammans med", "i samverkan med" promise with the
    subject when `joint` (inside a commitment: "Kommunen ska i samverkan med polisen genomföra …"
    is both parties' promise), and are partners when not (in the lead-in "Polisen i samverkan med
    kommunen lovar:" the police promise).
    """
    tokens = _without_partners(words(text), names, joint=joint)
    kinds: list[str] = []
    others: list[str] = []
    we = False
    for token in tokens:
        if token.lower() in WE_WORDS:
            we = True
        kind = _party_kind(token, names)
        if kind and kind not in kinds:
            kinds.append(kind)
        if kind == OTHER_PARTY:
            name = other_actor_name(token, names)
            if name and name not in others:
                others.append(name)
    return Parties(tuple(ordered(kinds)), tuple(others), we)


def _link_at(tokens: list[str], index: int, links) -> bool:
    """Whether tokens[index] is the second word of one of the (word, link) pairs."""
    return index >= 1 and (tokens[index - 1].lower(), tokens[index].lower()) in links


def _optional_link(tokens: list[str], index: int) -> bool:
    """ "enskilt eller tillsammans med kommunen": the partner may take part; it promises nothing."""
    return index >= 2 and tokens[index - 2].lower() == "eller"


def _is_place(tokens: list[str], index: int) -> bool:
    """ "i kommunen", "inom Härjedalens kommun": the municipality as a place, not as a party."""
    if tokens[index].lower() not in tables.PLACE_WORDS:
        return False
    before = tokens[index - 1].lower() if index else ""
    if before in tables.LOCATIVES:
        return True
    return index >= 2 and tokens[index - 1][:1].isupper() and tokens[index - 2].lower() in tables.LOCATIVES


def _without_partners(tokens: list[str], names: Names | None, *, joint: bool) -> list[str]:
    kept: list[str] = []
    skipping = False
    for index, token in enumerate(tokens):
        lowered = token.lower()
        joint_link = _link_at(tokens, index, tables.JOINT_LINKS)
        if _link_at(tokens, index, tables.HELPER_LINKS) or (joint_link and (not joint or _optional_link(tokens, index))):
            skipping = True
            continue
        if skipping:
            if _party_kind(token, names) or lowered in tables.PARTY_NAME_FILLERS or token[:1].isupper():
                continue
            skipping = False
        if lowered == "där" and index + 2 < len(tokens) and _party_kind(tokens[index + 1], names) \
                and tokens[index + 2].lower() in tables.TAKING_PART_VERBS:
            skipping = True
            continue
        if _is_place(tokens, index):
            continue
        kept.append(token)
    return kept


def subject_parties(text: str, names: Names | None = None, *, joint: bool = True) -> Parties | None:
    """The parties named as the subject of a promise, or None when the sentence names no subject.

    The subject is what comes before the first finite verb ("Strängnäs kommun | kommer … där
    polisen medverkar" is the municipality's promise). With inverted word order ("Under 2021 ska
    polisen …") the subject follows the verb. Within the sentence, "tillsammans med Y" and "i
    samverkan med Y" add Y (see parties_in).
    """
    first_sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    labelled = re.match(r"^([^:.!?]{2,80}):\s", first_sentence)
    if labelled:
        # "Polisen och kommunen: genomföra …" — a table's party column, or a label in a list.
        found = parties_in(labelled.group(1), names)
        if found.found:
            return found
    tokens = words(first_sentence)
    for index, token in enumerate(tokens[:14]):
        if token.lower() in tables.SUBJECT_ENDS or _is_verb_after_party(tokens, index, names):
            adverbial = bool(index) and tokens[0].lower() in tables.ADVERBIAL_OPENERS
            if not adverbial:
                found = parties_in(" ".join(tokens[:index]), names, joint=joint)
                if found.found:
                    return _with_joint_partners(found, tokens[index:], names) if joint else found
            # "Under 2021 ska polisen …", "Tillsammans med Trafikverket ska kommunen …": the
            # subject follows the verb; what stands before it is an adverbial.
            inverted = _inverted_subject(tokens[index + 1:], names)
            if inverted and joint:
                return _with_joint_partners(inverted, tokens, names)
            return inverted
    return None


def _is_verb_after_party(tokens: list[str], index: int, names: Names | None) -> bool:
    """ "Kommunen ser över …", "Polisen fotpatrullerar …": a present-tense verb (-r) right after
    a subject made of party names, even one the table of verbs does not list."""
    token = tokens[index].lower()
    if not index or not token.endswith("r") or not token.isalpha() or len(token) < 3 \
            or _party_kind(token, names) or token in tables.PARTY_NAME_FILLERS:
        return False
    subject = tokens[:index]
    return any(_party_kind(t, names) for t in subject) and all(
        _party_kind(t, names) or t.lower() in tables.PARTY_NAME_FILLERS or t[:1].isupper() for t in subject)


def joint_partners(text: str | list[str], names: Names | None = None) -> Parties:
    """The parties a phrase acts "tillsammans med" / "i samverkan med" (not "enskilt eller
    tillsammans med", which only allows them to take part)."""
    tokens = words(text) if isinstance(text, str) else text
    partners: list[str] = []
    collecting = False
    for index, token in enumerate(tokens):
        if _link_at(tokens, index, tables.JOINT_LINKS):
            collecting = not _optional_link(tokens, index)
            continue
        if collecting:
            if _party_kind(token, names) or token.lower() in tables.PARTY_NAME_FILLERS or token[:1].isupper():
                partners.append(token)
                continue
            collecting = False
    return parties_in(" ".join(partners), names) if partners else Parties()


def _with_joint_partners(found: Parties, rest: list[str], names: Names | None) -> Parties:
    """The subject's parties and those it acts "tillsammans med" / "i samverkan med" in the rest."""
    extra = joint_partners(rest, names)
    if not extra.kinds:
        return found
    kinds = ordered(set(found.kinds) | set(extra.kinds))
    others = tuple(dict.fromkeys(found.other_names + extra.other_names))
    return Parties(tuple(kinds), others, found.we)


def without_subject(text: str, names: Names | None = None) -> Parties | None:
    """The parties of a commitment that names no subject but acts with a partner: "Tillsammans med
    polisen utveckla …" is the municipality's (the police's partner in the promise) and the
    police's; "Vid tre tillfällen informera, enskilt eller tillsammans med kommunen" is the
    police's alone. A passive with its agent ("… åtgärdas av kommunen") names the agent."""
    agent = _AGENT.search(text)
    if agent:
        found = parties_in(agent.group("who"), names)
        if found.kinds:
            return found
    tokens = words(text)
    optional = any(_link_at(tokens, i, tables.JOINT_LINKS) and _optional_link(tokens, i) for i in range(len(tokens)))
    partners = joint_partners(tokens, names)
    if not set(partners.kinds) & set(BOTH) and not optional:
        return None  # a partner outside the two ("tillsammans med Svenska kyrkan") tells nothing
    if optional:
        mentioned = parties_in(" ".join(t for i, t in enumerate(tokens) if i > 0 and _party_kind(t, names)), names)
        others = [k for k in BOTH if k not in mentioned.kinds]
        return Parties(tuple(others)) if others else None
    others = [k for k in BOTH if k not in partners.kinds]
    return Parties(tuple(ordered(set(others) | set(partners.kinds))), partners.other_names)


_AGENT = re.compile(r"\b[a-zåäö]{3,}(?:as|es|ts|s)\s+(?:\w+\s+)?av\s+(?P<who>(?:[\wåäöÅÄÖ]+\s?){1,4})", re.IGNORECASE)


def _inverted_subject(tokens: list[str], names: Names | None) -> Parties | None:
    """The subject after the verb: "ska också polisen", "kommer uniformerad polis att …"."""
    phrase: list[str] = []
    for index, token in enumerate(tokens):
        lowered = token.lower()
        if lowered in tables.INVERSION_FILLERS and not phrase:
            continue
        if _party_kind(token, names) or lowered in {"och", "samt"} or lowered in WE_WORDS or token[:1].isupper():
            phrase.append(token)
            continue
        if not phrase and token.isalpha() and lowered not in tables.NUMBER_WORDS \
                and any(_party_kind(t, names) for t in tokens[index + 1:index + 3]):
            continue  # an adjective before the party: "uniformerad polis" (not "fem skolor")
        break
    found = parties_in(" ".join(phrase), names)
    return found if found.found else None


# "… (Polisen)", "… [Kommunen]", "… – Kommunen och Polisen": the parties after the item.
_TAG = re.compile(r"\s*[(\[]\s*(?P<who>[^()\[\]]{2,80}?)\s*[)\]]\s*\.?\s*$|\s+[–—-]\s+(?P<dash>[^–—-]{2,60}?)\s*\.?\s*$")
_RESPONSIBILITY = re.compile(
    rf"(?:^|\n\n|\s)(?:{'|'.join(re.escape(label) for label in sorted(tables.RESPONSIBILITY_LABELS, key=len, reverse=True))})"
    r"\s*:\s*(?P<who>[^\n]{2,120}?)\s*\.?\s*$",
    re.IGNORECASE,
)


def only_parties(text: str, names: Names | None = None) -> Parties | None:
    """The parties a short phrase names when it names nothing else ("Kommunen, Polisen",
    "Polisen och socialtjänsten"); None for a phrase with other words in it."""
    tokens = words(text)
    if not tokens or len(tokens) > 8:
        return None
    for token in tokens:
        lowered = token.lower()
        if not (_party_kind(token, names) or lowered in tables.PARTY_NAME_FILLERS or lowered in WE_WORDS
                or token[:1].isupper() and _party_kind(tokens[0], names)):
            return None
    found = parties_in(text, names)
    return found if found.kinds else None


def responsibility(text: str, names: Names | None = None) -> tuple[str, Parties] | None:
    """A commitment's text without a trailing party tag ("… (Polisen)") or "Ansvarig: Polisen"
    line, and the parties it names; None when there is none."""
    match = _RESPONSIBILITY.search(text)
    if match:
        found = parties_in(match.group("who"), names)
        if found.kinds:
            return text[:match.start()].strip(), found
    match = _TAG.search(text)
    if match:
        found = only_parties(match.group("who") or match.group("dash"), names)
        if found:
            return text[:match.start()].strip(), found
    return None


def is_responsibility_line(text: str, names: Names | None = None) -> Parties | None:
    """ "Ansvarig: Kommunen" on a line of its own: the parties of the commitment above it."""
    stripped = text.strip()
    match = _RESPONSIBILITY.match(" " + stripped)
    if not match or match.start() != 0:
        return None
    found = parties_in(match.group("who"), names)
    return found if found.kinds else None


def is_party_leadin(text: str, names: Names | None = None) -> Parties | None:
    """A heading or lead-in made only of parties and words of promising ("Polisen lovar att:",
    "Kommunens åtaganden", "Det här gör polisen", "Gemensamma åtaganden"): whose promises follow."""
    tokens = [t.lower() for t in words(text.rstrip(":"))]
    if not tokens or len(tokens) > 10 or is_signatory(text):
        return None
    named = False
    together = False
    for token in tokens:
        if _party_kind(token, names) or token in WE_WORDS:
            named = True
        elif token in TOGETHER_WORDS:
            together = True
        elif token not in tables.PARTY_LEADIN_WORDS and token not in tables.PARTY_NAME_FILLERS \
                and not _looks_like_name(token, text):
            return None
    if not named and not together:
        return None
    found = parties_in(text, names)
    if together and not found.kinds:
        return Parties(BOTH, (), True)
    return found if found.found else None


def says_promise(text: str) -> bool:
    """Whether a lead-in says it promises ("lovar", "åtaganden", "gör"), not only names a party."""
    return any(t.lower() in tables.PARTY_LEADIN_WORDS - {"och", "för", "på", "det", "här"} for t in words(text))


def says_we(text: str) -> bool:
    """ "… lovar vi att:", "Vi åtar oss": the document's own parties."""
    return bool(PROMISE_VERBS.search(text)) and any(t.lower() in WE_WORDS for t in words(text))


def _looks_like_name(token: str, text: str) -> bool:
    """A capitalised word before "kommun"/"stad" ("Hällsta kommun lovar") or after the first word
    ("Polisen och Sjöhamra kommun lovar") is a place name; the first word alone is capitalised
    anyway."""
    tokens = words(text)
    for index, word in enumerate(tokens):
        if word.lower() == token and word[:1].isupper():
            following = tokens[index + 1].lower() if index + 1 < len(tokens) else ""
            if index > 0 or following in ("kommun", "kommuns", "stad", "stads"):
                return True
    return False


# ================================================================ what a block is for


def _has_phrase(text: str, phrases) -> bool:
    lowered = " ".join(text.lower().split())
    return any(re.search(rf"(?<![\wåäö]){re.escape(p)}(?![\wåäö])", lowered) for p in phrases)


_ANNOUNCES_PROMISES = re.compile(
    r"\bföljande\s+(?:\w+\s+)?(?:medborgarlöften|löften|åtaganden|aktiviteter|insatser|åtgärder)\b"
    r"|\b(?:lovar|åtar\s+sig)\b[^.]*\bföljande\b",
    re.IGNORECASE,
)
_GOAL_DETERMINERS = {"vårt", "våra", "vår", "det", "de", "detta", "dessa", "övergripande", "gemensamma",
                     "gemensamt", "långsiktiga", "långsiktigt", "lokala"}


def announces_promises(text: str) -> bool:
    """ "Utifrån den målsättningen har följande medborgarlöften tagits fram:": promises follow."""
    return bool(_ANNOUNCES_PROMISES.search(text))


def is_goal_heading(text: str) -> bool:
    """ "Mål", "Våra mål", "Målet med medborgarlöftet är att:", "Effekter som ska uppnås": what
    follows are goals. The goal word must head the heading ("Utifrån den målsättningen …" refers
    to one), and a heading that announces promises is none."""
    if announces_promises(text):
        return False
    tokens = [t.lower() for t in words(text)]
    while tokens and tokens[0] in _GOAL_DETERMINERS:
        tokens = tokens[1:]
    head = " ".join(tokens[:3])
    headed = any(head == word or head.startswith(f"{word} ") for word in tables.GOAL_WORDS)
    return (bool(tokens) and len(tokens) <= 12 and headed) or _has_phrase(text, ("vill vi uppnå", "ska leda till"))


def is_goal(text: str, names: Names | None = None) -> bool:
    """A goal, not a deed: "Öka tryggheten i bostadsområdena", "Minskad brottslighet" — opened by a
    verb or adjective of change, short, naming no party, no activity and no number."""
    tokens = words(text)
    if not tokens or len(tokens) > 12 or tokens[0].lower() not in tables.GOAL_OPENERS:
        return False
    return not any(_party_kind(t, names) for t in tokens[:3]) and not any(is_activity_noun(t) for t in tokens) \
        and not re.search(r"\d", text)


_ACTIVITIES_HEADINGS = {"aktiviteter", "åtgärder", "insatser", "konkreta aktiviteter", "våra aktiviteter",
                        "planerade aktiviteter", "aktiviteter och insatser"}


def is_activities_heading(text: str) -> bool:
    """ "Aktiviteter", "Åtgärder": the heading over a set's concrete activities."""
    return " ".join(text.lower().rstrip(":").split()) in _ACTIVITIES_HEADINGS


def is_aim(text: str, names: Names | None = None) -> bool:
    """ "Arbeta utifrån den lokala lägesbilden …": an infinitive of effort with no subject."""
    tokens = words(text)
    return bool(tokens) and tokens[0].lower() in tables.AIM_VERBS and subject_parties(text, names) is None


def is_problem_heading(text: str) -> bool:
    """ "Lägesbild", "Den visar följande problem:", "Invånarna upplever otrygghet kring:"."""
    return _has_phrase(text, tables.PROBLEM_WORDS) and not PROMISE_VERBS.search(text) and not announces_promises(text)


_DESCRIPTION_VERBS = tables.DESCRIPTION_VERBS


def is_description(text: str, names: Names | None = None) -> bool:
    """ "Arbetet med lägesbild innebär även vidare analyser …": a bullet that describes, whose
    subject is no party and whose verb says what something is or means."""
    first = sentences(text)[0] if text.strip() else ""
    tokens = [t.lower() for t in words(first)]
    verb = next((i for i, t in enumerate(tokens[:10]) if t in _DESCRIPTION_VERBS), None)
    if verb is None or PROMISE_VERBS.search(" ".join(tokens[:verb + 1])):
        return False
    return not any(_party_kind(t, names) for t in tokens[:verb])


_FOLLOW_UP = re.compile(rf"(?<![\wåäö])(?:{'|'.join(tables.FOLLOW_UP_PATTERNS)})(?![\wåäö])", re.IGNORECASE)


def is_follow_up(text: str) -> bool:
    """ "Uppföljning", "Hur följs löftena upp?", "Löftena följs upp två gånger per år.\""""
    return bool(_FOLLOW_UP.search(text))


def is_link(text: str) -> bool:
    """ "Läs mer om medborgarlöften", "Medborgarlöfte 2020 (pdf, 300 kB)": a link, not the document."""
    lowered = " ".join(text.lower().split())
    return lowered.startswith(tables.LINK_OPENERS) or any(marker in lowered for marker in tables.LINK_MARKERS)


_QUOTE = re.compile(tables.QUOTE_PATTERN, re.IGNORECASE)


def is_quote(text: str) -> bool:
    """ "– Vi vet att många känner sig otrygga, säger kommunstyrelsens ordförande.": a quotation."""
    return bool(_QUOTE.search(text.strip()))


TOPIC_LEADIN = re.compile(tables.TOPIC_LEADINS, re.IGNORECASE)


def is_topic_leadin(text: str) -> bool:
    return bool(TOPIC_LEADIN.search(text.strip()))


def is_promise(text: str, names: Names | None = None) -> bool:
    """A sentence in which a party promises something ("Polisen och kommunen lovar att …")."""
    return bool(PROMISE_VERBS.search(text)) and parties_in(text, names).found


def promises_by_subject(text: str, names: Names | None = None) -> bool:
    """A sentence whose subject is a party and whose verb promises ("Kommunen ska därför …")."""
    subject = subject_parties(text, names)
    return bool(subject and subject.found and PROMISE_VERBS.search(text))


def without_background(text: str, names: Names | None = None) -> tuple[str, str]:
    """(background, promise) of a bullet whose first sentences state what is ("Många upplever
    otrygghet i centrum.") before the sentence that promises ("Kommunen ska därför …")."""
    parts = sentences(text)
    if len(parts) < 2 or promises_by_subject(parts[0], names):
        return "", text
    for index, part in enumerate(parts[1:], start=1):
        if promises_by_subject(part, names):
            background = " ".join(parts[:index])
            if _is_background(background, names):
                return background, " ".join(parts[index:])
            return "", text
    return "", text


def _is_background(text: str, names: Names | None) -> bool:
    tokens = [t.lower() for t in words(text)]
    return not PROMISE_VERBS.search(text) and any(t in tables.BACKGROUND_VERBS for t in tokens) \
        and not any(is_activity_noun(t) for t in tokens[:2])


def promise_sentences(text: str, names: Names | None = None) -> list[str]:
    """A paragraph split where a sentence starts a new promise with a subject of its own
    ("Polisen kommer att … . Kommunen kommer att …" is two); other sentences stay with the one
    before them."""
    groups: list[str] = []
    for part in sentences(text):
        if groups and promises_by_subject(part, names):
            groups.append(part)
        elif groups:
            groups[-1] = f"{groups[-1]} {part}"
        else:
            groups.append(part)
    return groups


_MAIN_PROMISE = re.compile(
    r"(?<!som )(?<!att )(?<!där )\b(?:lovar|ska|skall|kommer(?:\s+[\wåäö]+){0,5}?\s+att|åtar\s+sig)\b", re.IGNORECASE)
# "… ska fortsätta och en samverkansmodell … ska införas": a second promise with its own subject.
_COORDINATED = re.compile(r",?\s+och\s+(?=(?:en|ett)\s+[^.;]{2,80}?\b(?:ska|skall)\b)", re.IGNORECASE)


def promises_in_main_clause(sentence: str) -> bool:
    """ "Bland annat ska arbetet fortsätta": a promise, though of no named party; "… insatser som
    ska genomföras" promises only in a relative clause."""
    return bool(_MAIN_PROMISE.search(sentence))


def promise_clauses(text: str, names: Names | None = None) -> tuple[list[str], str]:
    """The promises of a paragraph in a document without lists, and the background before them.

    The first sentence that promises in its main clause starts the first promise; a later sentence
    starts another when a party promises in it; other sentences stay with the promise before
    them; a coordinated clause with a subject of its own ("… och en samverkansmodell … ska
    införas") is a promise of its own.
    """
    groups: list[str] = []
    background: list[str] = []
    for part in sentences(text):
        if not groups:
            if promises_in_main_clause(part) or promises_by_subject(part, names):
                groups.append(part)
            else:
                background.append(part)
        elif promises_by_subject(part, names):
            groups.append(part)
        else:
            groups[-1] = f"{groups[-1]} {part}"
    clauses = [c.strip() for group in groups for c in _COORDINATED.split(group) if c.strip()]
    return clauses, " ".join(background)


def _phrase_pattern(phrase: str) -> re.Pattern:
    spaced = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(rf"(?<![\wåäö]){spaced}(?![\wåäö])", re.IGNORECASE)


_VAGUE = tuple((phrase, _phrase_pattern(phrase)) for phrase in sorted(tables.VAGUE_PHRASES, key=len, reverse=True))
_DEEDS = re.compile(rf"(?<![\wåäö])({'|'.join(sorted(tables.EVENT_VERBS, key=len, reverse=True))})(?![\wåäö])",
                    re.IGNORECASE)


def vague_phrases(text: str) -> tuple[str, ...]:
    """The phrases of effort in a text that names no deed besides them ("Polisen ska verka för att
    öka tryggheten"); none when it also does something ("arbeta för trygghet genom att genomföra
    fyra trygghetsvandringar")."""
    found: list[str] = []
    rest = text
    for phrase, pattern in _VAGUE:
        if pattern.search(rest):
            found.append(phrase)
            rest = pattern.sub(" ", rest)
    if not found or _DEEDS.search(rest):
        return ()
    return tuple(sorted(found, key=lambda p: text.lower().find(p.split()[0])))


# ================================================================ signatories

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


# ================================================================ areas


_DISTRICT_WORDS = ("stadsdelen", "stadsdel", "kommundelen", "kommundel", "området", "bostadsområdet",
                   "stadsdelsområdet", "stadsdelsområde")


@cache
def municipality_names() -> frozenset[str]:
    """The names of Sweden's 290 municipalities (lofte/core/data/kommuner.csv), lower case."""
    with resources.files("lofte.core").joinpath("data/kommuner.csv").open(encoding="utf-8") as handle:
        return frozenset(row["namn"].lower() for row in csv.DictReader(handle))


def names_a_municipality(name: str) -> bool:
    """ "Sorsele", "Dals-Eds kommun", "Västerås stad", "Region Gotland": a municipality, no district."""
    lowered = " ".join(name.lower().split())
    lowered = re.sub(r"^(region)\s+", "", lowered)
    lowered = re.sub(r"\s+(kommun|stad|kommuns|stads)$", "", lowered)
    known = municipality_names()
    return lowered in known or (lowered.endswith("s") and lowered[:-1] in known)


def area_in_heading(text: str) -> str | None:
    """The district a promise heading names: "Medborgarlöfte Västra Hamnen 2021", "Medborgarlöfte
    för stadsdelen Norrmalm 2022–2023". A municipality's own name is no district."""
    found = re.search(r"\b\w*löfte\w*\b(?P<rest>.*)$", text, re.IGNORECASE)
    if not found:
        return None
    rest = found.group("rest")
    for mention in periods.mentions_in_heading(rest):
        rest = rest.replace(mention.text, " ")
    rest = re.sub(r"\b(19|20)\d\d\b", " ", rest)
    return _district_name(rest)


def area_in_prose(text: str) -> str | None:
    """ "… medborgarlöftet för stadsdelen Norrmalm …": a district named with a district word."""
    found = re.search(rf"\blöfte\w*\s+(?:för|i)\s+(?:{'|'.join(_DISTRICT_WORDS)})\s+(?P<name>(?:[A-ZÅÄÖ][\wåäö-]+\s?){{1,3}})",
                      text)
    return _district_name(f"stadsdelen {found.group('name')}") if found else None


def _district_name(rest: str) -> str | None:
    tokens = [t for t in re.split(r"[\s:–,]+|(?<!\w)-(?!\w)", rest) if t]
    while tokens and tokens[0].lower() in ("för", "i", "inom", "gällande", "avseende", "-"):
        tokens = tokens[1:]
    explicit = bool(tokens) and tokens[0].lower() in _DISTRICT_WORDS
    if explicit:
        tokens = tokens[1:]
    name: list[str] = []
    for token in tokens:
        if token[:1].isupper() and token.isalpha() or (name and token.lower() in ("och",)):
            name.append(token)
        else:
            break
    while name and name[-1].lower() == "och":
        name.pop()
    if not name or len(name) > 4:
        return None
    text = " ".join(name)
    if any(_party_kind(t, None) for t in name) or names_a_municipality(text):
        return None
    return text
