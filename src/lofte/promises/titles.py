"""A commitment's short title, derived from its text: "Minst fyra trygghetsvandringar i kommunen".

Commitments are written as sentences ("Strängnäs kommun kommer i samverkan med polisen att
genomföra minst fyra trygghetsvandringar i kommunen."). Headings, links and lists need a name of at
most about seventy characters. The rule is a small pipeline over the word lists below; a
contributor adds a word to a list, never a branch:

1. the first sentence only;
2. drop who promises: everything up to a promise verb near the start ("… lovar att", "… ska",
   "… kommer i samverkan med polisen att");
3. take the purpose after a vague lead ("verka för att öka …"); drop a generic doing verb when what follows names the work ("genomföra minst fyra …"), and a
   leading article;
4. drop a trailing time phrase that only repeats the period ("under 2022–2023", "under året");
5. when still too long, cut before a clause that says why or how ("för att", "genom att", ", och"),
   or else at a word boundary with "…".
"""

from __future__ import annotations

import re

MAX_LENGTH = 70
# Shorter than this, a cut before a clause leaves too little: cut at a word boundary instead.
MIN_CLAUSE_CUT = 25
# Within this many words a promise verb belongs to the subject ("Polisen och kommunen lovar att").
_SUBJECT_WORDS = 16

# Promise verbs, after which the promised work begins; "att" after them is dropped too.
PROMISE_VERBS = ("lovar", "ska", "skall", "kommer", "åtar")
# Words that may stand between a promise verb and the work without being the work ("kommer att",
# "ska under året", "kommer i samverkan med polisen att").
_INFINITIVE_MARK = "att"
# Generic verbs that only say the work will be done; dropped when what follows names the work.
DOING_VERBS = ("genomföra", "anordna", "arrangera", "hålla", "ordna", "erbjuda", "bedriva",
               "göra", "samordna", "utföra", "ha", "fortsätta med", "fortsätta att genomföra",
               # present tense, after a subject without a promise verb ("Kommunen erbjuder minst ett …")
               "genomför", "anordnar", "arrangerar", "håller", "ordnar", "erbjuder", "bedriver", "gör",
               "samordnar", "utför")
# The same verbs in the passive: the work is then the subject ("Minst fem trygghetsvandringar ska
# genomföras"), and the verb itself is left out of the title wherever it stands.
PASSIVE_DOING_VERBS = ("genomföras", "göras", "hållas", "anordnas", "arrangeras", "erbjudas", "utföras",
                       "ordnas", "bedrivas", "ske", "ges", "görs", "sker")
# Particles of a particle verb left behind by a passive ("ska startas upp"), dropped with it.
PARTICLES = ("upp", "in", "ut", "igång")
# A word that fills the subject's place without naming anything ("det kommer att genomföras …").
_EXPLETIVE = "det"
# Who promises, when a sentence starts with them and a present-tense verb follows ("Kommunen erbjuder").
_PARTY_SUBJECT = re.compile(
    r"^(?:(?:[A-ZÅÄÖ][\wåäöé-]+s\s)?(?:kommunen|kommun|polisen|polis|vi|parterna)\b(?:\s(?:och|samt)\s)?)+\s*",
    re.IGNORECASE,
)
ARTICLES = ("en", "ett")
# A generic verb is dropped only before these (the work named by a number or a noun phrase):
# otherwise "öka tryggheten" would lose its meaning.
_KEEP_VERB_BEFORE = ("för", "att", "så", "till", "med", "om", "på")
# Vague leads before the purpose: the purpose names the commitment better ("verka för att öka
# medvetenheten …" is "Öka medvetenheten …"). Only near the start of what is promised.
VAGUE_LEADS = ("arbeta för att", "verka för att", "arbeta aktivt för att", "aktivt arbeta för att",
               "arbeta med att", "bidra till att", "sträva efter att", "jobba för att")
_VAGUE_LEAD_WORDS = 8
# Trailing phrases that repeat the period.
_PERIOD_TAIL = re.compile(
    r"\s+(?:under|för|i)\s+(?:år\s+|åren\s+|perioden\s+)?(?:(?:19|20)\d\d(?:\s*(?:[-–/]|och|till)\s*(?:19|20)?\d\d)?"
    r"|året|perioden|hela perioden|löftesperioden|\d{4}-\d{2}|innevarande år)\s*$",
    re.IGNORECASE,
)
# Clauses a title may be cut before: why or how the work is done, or a second task.
CLAUSE_STARTS = (
    ", och ", ", samt ", ", varav ", " för att ", " genom att ", " i syfte att ", " i syfte ", " med syfte att ",
    "; ", ", ", " med särskilt fokus på ", " med fokus på ", " med inriktning på ", " där ", " som ", " – ",
)

_SENTENCE_END = re.compile(r"(?<=[a-zåäöé0-9)])[.!?](?:\s|$)")
_WORD = re.compile(r"\S+")


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    match = _SENTENCE_END.search(text)
    return text[: match.start()] if match else text.rstrip(".!?")


def _without_subject(text: str) -> str:
    words = text.split(" ")
    for index, word in enumerate(words[:_SUBJECT_WORDS]):
        if word.lower().strip(",") not in PROMISE_VERBS:
            continue
        subject = words[:index]
        rest = words[index + 1:]
        # "åtar sig att", "kommer i samverkan med polisen att": drop up to a near "att".
        if rest and rest[0].lower() == "sig":
            rest = rest[1:]
        skipped: list[str] = []
        lowered = [w.lower() for w in rest[:8]]
        if _INFINITIVE_MARK in lowered:
            at = lowered.index(_INFINITIVE_MARK)
            skipped, rest = rest[:at], rest[at + 1:]
        if rest and _is_passive(rest[0]):
            # The work is who the sentence is about: "Minst fem trygghetsvandringar ska genomföras",
            # "Varje år kommer minst en kampanj att genomföras"; "det" names nothing.
            work = [w for w in skipped if w.lower() != _EXPLETIVE] if skipped else (
                [] if subject and subject[-1].lower() == _EXPLETIVE else subject)
            tail = rest[1:]
            if tail and tail[0].lower().strip(",") in PARTICLES:
                if tail[0].endswith(","):
                    rest = [rest[0] + ","]
                tail = tail[1:]
            if work and rest[0].endswith(","):
                work = [*work[:-1], work[-1] + ","]
            return " ".join(work + tail) or text
        if rest:
            return " ".join(rest)
    match = _PARTY_SUBJECT.match(text)
    if match and match.end() < len(text):
        rest = text[match.end():]
        if rest.split(" ", 1)[0].lower() in DOING_VERBS:
            return rest
    return text


def _is_passive(word: str) -> bool:
    """An infinitive in the passive ("genomföras", "satsas", "ges") right after a promise verb."""
    word = word.lower().strip(",.")
    return word in PASSIVE_DOING_VERBS or (word.endswith("as") and len(word) > 4)


def _without_passive_verbs(text: str) -> str:
    """The passive doing verb says nothing a title needs ("två insatser genomföras riktade till …")."""
    words = [w for w in text.split(" ") if w.lower().strip(",") not in PASSIVE_DOING_VERBS]
    return " ".join(words) or text


def _without_doing_verb(text: str) -> str:
    lowered = text.lower()
    for verb in sorted(DOING_VERBS, key=len, reverse=True):
        if lowered.startswith(verb + " "):
            rest = text[len(verb) + 1:]
            if rest.split(" ", 1)[0].lower() in _KEEP_VERB_BEFORE:
                return text
            text = rest
            break
    first, _sep, rest = text.partition(" ")
    if first.lower() in ARTICLES and rest:
        text = rest
    return text


def _purpose(text: str) -> str:
    lowered = text.lower()
    for lead in VAGUE_LEADS:
        at = lowered.find(lead)
        if at != -1 and len(lowered[:at].split()) <= _VAGUE_LEAD_WORDS and text[at + len(lead):].strip():
            return text[at + len(lead):].strip()
    return text


def _shortened(text: str) -> str:
    if len(text) <= MAX_LENGTH:
        return text
    # The strongest kind of clause that leaves a title of a fitting length.
    for clause in CLAUSE_STARTS:
        at = text.find(clause)
        if MIN_CLAUSE_CUT <= at <= MAX_LENGTH:
            return text[:at].rstrip(" ,;–")
    cut = text.rfind(" ", 0, MAX_LENGTH)
    return text[: cut if cut > 0 else MAX_LENGTH].rstrip(" ,;–") + "…"


def short_title(text: str) -> str:
    """A name of at most about seventy characters for a commitment of this text."""
    sentence = _first_sentence(text or "")
    if not sentence:
        return ""
    title = _without_passive_verbs(_without_doing_verb(_purpose(_without_subject(sentence))))
    title = _PERIOD_TAIL.sub("", title).strip(" ,;:–")
    title = _shortened(title or sentence)
    return title[:1].upper() + title[1:]
