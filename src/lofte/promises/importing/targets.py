"""Measurable targets in a commitment's text: how many of what, per year or for the whole period.

The rules read a commitment as a list of tokens and look for

* counts: "minst två föräldraträffar", "genom 150 kontroller", "en informationskampanj" after a verb
  of doing, "(3 st)" after the activity, "tre av fyra planerade …", ranges ("tre till fyra besök":
  the lower bound, with a note), outcomes ("Under 2020 ska fem skolor ha erbjudits …");
* frequencies: "N gånger per dygn/vecka/månad/termin/år", "2 ggr/mån", "var tredje vecka",
  "varannan månad", "tre dagar i veckan", "en helg per månad", "varje fredag och lördag",
  "kvartalsvis" — as a number per year (tables.FREQUENCY_UNITS);
* coverage: "i alla kommundelar" (every area) and "i tre av de utsatta områdena" (three areas).

A frequency multiplies the count it follows ("sex trafikkontroller per termin" is twelve a year);
a frequency with a count of its own after a comma spreads a total ("vid fyra tillfällen, två per
termin" is four in all). The status module counts per-year targets per twelve months from the
start of the set's real period, so "per year" is the unit the rules produce for frequencies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import tables

# ================================================================ results


@dataclass(frozen=True)
class TargetMatch:
    count: int
    unit: str
    activity_type: str | None
    per: str
    # "en informationskampanj" counts one only by reading the article as a number: a guess.
    from_article: bool = False
    # How the count was read when it needed reading ("intervallet «tre till fyra» läses som tre").
    note: str | None = None


@dataclass(frozen=True)
class Coverage:
    activity_type: str | None
    unit: str
    # None: every area ("i alla kommundelar"); a number: that many areas ("i tre av områdena").
    count: int | None = None


@dataclass(frozen=True)
class Frequency:
    per_year: int
    # The count of times the text states ("två gånger per termin"), 1 when it states none.
    times: int
    start: int  # token indexes of the phrase
    end: int
    # A unit of time that is itself counted ("tre dagar i veckan", "en helg per månad").
    counted_unit: str | None = None
    # The phrase states its own count ("två per termin"), so it may spread a total named before it.
    own_count: bool = False


# ================================================================ tokens

_TOKEN = re.compile(r"\d+:[ea]|[\wÅÄÖåäöéü]+(?:-[\wÅÄÖåäöéü]+)*-?|[(),;/.:!?–%§]")
_THOUSANDS = "\u202f"  # joins "2 000" into one token (a narrow no-break space, as in Swedish typography)
_CLAUSE_ENDS = {",", ";", ".", ":", "!", "?", "(", ")"}
_NOUN_PHRASE_ENDS = {
    "för", "med", "i", "på", "om", "mot", "av", "till", "och", "eller", "samt", "som", "att", "vid",
    "under", "per", "från", "där", "när", "inom", "runt", "kring", "hos", "bland", "efter", "utifrån",
    "varav", "vilket", "vilka", "dvs",
}
_ACTIVITY_HEAD = re.compile(rf"({'|'.join(sorted(tables.ACTIVITY_HEADS, key=len, reverse=True))})$")
_ACTIVITY_RULES = tuple((re.compile(pattern), key) for pattern, key in tables.ACTIVITY_RULES)
_UNITS = {form: per_year for forms, per_year in tables.FREQUENCY_UNITS for form in forms}
_SEASONS = {"vår", "våren", "höst", "hösten", "sommar", "sommaren", "vinter", "vintern"}
_DEFINITE_UNITS = {form for form in _UNITS if form.endswith(("en", "et", "n", "t")) and form not in _SEASONS}
_WEEKDAY = re.compile(rf"^({'|'.join(tables.WEEKDAYS)})(s?kväll(en|ar)?|en|ar)?$")
_AREA_NOUNS = set(tables.AREA_NOUNS)
_FOLLOW_UP_VERB = re.compile(r"^(redovis|rapporter|återrapporter|följ|utvärder|återkoppl|presenter)\w*$")


def tokens(text: str) -> list[str]:
    """Words, numbers (with "2 000" joined), and the punctuation that ends a clause."""
    found = _TOKEN.findall(text)
    joined: list[str] = []
    for token in found:
        if joined and joined[-1].isdigit() and len(token) == 3 and token.isdigit() and len(joined[-1]) <= 3:
            joined[-1] += _THOUSANDS + token
        else:
            joined.append(token)
    return joined


def number_value(token: str) -> int | None:
    lowered = token.lower()
    if _THOUSANDS in lowered and lowered.replace(_THOUSANDS, "").isdigit():
        return int(lowered.replace(_THOUSANDS, ""))  # written with a thousands space: never a year
    if lowered.isdigit():
        value = int(lowered)
        # Four-digit numbers are years, not counts of activities.
        return value if 0 < value < 1000 else None
    return tables.NUMBER_WORDS.get(lowered)


def _ordinal(token: str) -> int | None:
    lowered = token.lower()
    if re.fullmatch(r"\d+:[ea]", lowered):
        return int(lowered.split(":")[0])
    return tables.ORDINALS.get(lowered)


def is_activity_noun(word: str) -> bool:
    return bool(_ACTIVITY_HEAD.search(word.lower().rstrip("-")))


def activity_type_of(noun: str, context: str = "") -> str | None:
    """The activity type a counted noun names ("trygghetsvandringar" is a safety walk)."""
    lowered = noun.lower()
    for pattern, key in _ACTIVITY_RULES:
        if pattern.search(lowered):
            if key == tables.DIALOGUE_MEETING and re.search(tables.PARENT_WORDS, context.lower()):
                return tables.PARENT_MEETING
            if key == tables.COUNCIL_MEETING and re.search(tables.OPEN_MEETING_WORDS, context.lower()):
                return tables.DIALOGUE_MEETING  # "två öppna möten": open to citizens, not between the parties
            return key
    return None


# ================================================================ frequencies


def frequencies(words: list[str]) -> list[Frequency]:
    """Every frequency phrase in the tokens, in order."""
    low = [w.lower() for w in words]
    found: list[Frequency] = []
    index = 0
    while index < len(low):
        frequency = _frequency_at(low, index)
        if frequency is None:
            index += 1
            continue
        found.append(frequency)
        index = frequency.end + 1
    return found


def _frequency_at(low: list[str], index: int) -> Frequency | None:
    word = low[index]
    if word in tables.FREQUENCY_ADJECTIVES:
        # "en årlig trygghetsvandring" is once a year; "de årliga studentavslutningarna" dates an event.
        following = low[index + 1] if index + 1 < len(low) else ""
        return Frequency(tables.FREQUENCY_ADJECTIVES[word], 1, index, index) if is_activity_noun(following) else None
    if word in tables.FREQUENCY_ADVERBS:
        return Frequency(tables.FREQUENCY_ADVERBS[word], 1, index, index)
    if (word in tables.EVERY_WORDS or word == "alla") and index + 1 < len(low) and _WEEKDAY.match(low[index + 1]):
        return _weekdays(low, index)
    if word in tables.EVERY_WORDS and index + 2 < len(low) and low[index + 1].isalpha() \
            and _WEEKDAY.match(low[index + 2]):
        weekly = _weekdays(low, index + 1)  # "varje helgfri torsdag"
        return Frequency(weekly.per_year, weekly.times, index, weekly.end)
    if word in tables.EVERY_OTHER and index + 1 < len(low) and _WEEKDAY.match(low[index + 1]):
        weekly = _weekdays(low, index)  # "varannan fredag"
        return Frequency(weekly.per_year // 2, weekly.times, weekly.start, weekly.end)
    if word not in _UNITS:
        return None
    base = _UNITS[word]
    before = low[index - 1] if index else ""
    if before in tables.EVERY_OTHER:
        return Frequency(int(base // 2), 1, index - 1, index)
    if _ordinal(before) and index >= 2 and low[index - 2] in tables.EVERY_WORDS:
        return Frequency(int(base // _ordinal(before)), 1, index - 2, index)
    if before in tables.EVERY_WORDS:
        if word in _SEASONS:
            # "varje vår och höst": once a year for each season named.
            seasons, end = 1, index
            while end + 2 < len(low) and low[end + 1] in ("och", "samt") and low[end + 2] in _SEASONS:
                seasons, end = seasons + 1, end + 2
            return Frequency(seasons, seasons, index - 1, end)
        return Frequency(int(base), 1, index - 1, index)
    if before == "och" and index >= 3 and low[index - 3] in ("per", "/"):
        # "minst en per skola och läsår": the unit after "per <noun> och".
        before, index_of_link = low[index - 3], index - 3
    else:
        index_of_link = index - 1
    if word in _SEASONS or before not in tables.FREQUENCY_LINKS:
        return None
    if before == "i" and word not in _DEFINITE_UNITS:
        return None  # "i vecka 12", "i år" name a time, not a frequency
    if before == "om" and word not in ("året", "dygnet", "dagen", "veckan", "månaden"):
        return None
    start = index_of_link
    while start >= 1 and low[start - 1] in tables.FREQUENCY_FILLERS:
        start -= 1  # "fyra narkotikainsatser i genomsnitt per månad"
    previous = low[start - 1] if start >= 1 else ""
    count = number_value(low[start - 2]) if start >= 2 else None
    if previous in tables.TIMES_WORDS and count:
        return Frequency(int(base * count), count, start - 2, index, own_count=True)
    if previous in tables.TIMES_WORDS and previous == "gång":
        return Frequency(int(base), 1, start - 1, index, own_count=True)
    if previous in tables.COUNTED_TIME_UNITS and count:
        # "tre dagar i veckan", "en helg per månad", "1 helg/månad"
        return Frequency(int(base * count), count, start - 2, index, counted_unit=previous, own_count=True)
    if number_value(previous):
        return Frequency(int(base * number_value(previous)), number_value(previous), start - 1, index, own_count=True)
    return Frequency(int(base), 1, start, index)


def _weekdays(low: list[str], index: int) -> Frequency:
    """ "varje fredag och lördag": once a week for each day named."""
    days = 0
    end = index
    for position in range(index + 1, min(len(low), index + 8)):
        if _WEEKDAY.match(low[position]):
            days += 1
            end = position
        elif low[position] not in ("och", "samt", ",", "kväll", "kvällar", "natt", "eftermiddag"):
            break
        else:
            end = position if low[position] in ("kväll", "kvällar", "natt", "eftermiddag") else end
    return Frequency(52 * max(days, 1), max(days, 1), index, end, counted_unit=None)


def frequency_per_year(text: str) -> tuple[int, str] | None:
    """How many times a year the first frequency in the text means, with its phrase."""
    words = tokens(text)
    found = [f for f in frequencies(words) if not _is_follow_up(words, f)]
    if not found:
        return None
    first = found[0]
    return first.per_year, " ".join(words[first.start:first.end + 1])


def _is_follow_up(words: list[str], frequency: Frequency) -> bool:
    """ "… och redovisa resultatet varje år": a frequency of reporting, not of the activity."""
    window = words[max(0, frequency.start - 4):frequency.start]
    return any(_FOLLOW_UP_VERB.match(w.lower()) for w in window)


# ================================================================ counts


@dataclass
class _Count:
    count: int
    noun: str
    index: int  # token index of the number
    noun_index: int
    quantified: bool
    article: bool
    note: str | None = None
    area_subset: bool = False


def _counts(words: list[str]) -> list[_Count]:
    low = [w.lower() for w in words]
    found: list[_Count] = []
    skip_until = -1
    for index, token in enumerate(words):
        if index <= skip_until:
            continue
        count = number_value(token)
        range_end = None
        if count is None and re.fullmatch(r"\d{1,3}[-–]\d{1,3}", token):
            count, range_end = int(re.split(r"[-–]", token)[0]), index  # "3-4 trygghetsvandringar"
        if count is None:
            continue
        previous = low[index - 1] if index else ""
        if previous in tables.NOT_A_COUNT_BEFORE:
            continue
        following = low[index + 1] if index + 1 < len(low) else ""
        if range_end is None and following in tables.RANGE_WORDS and index + 2 < len(low) \
                and number_value(low[index + 2]) is not None and number_value(low[index + 2]) > count:
            range_end = index + 2  # "tre till fyra besök": the lower bound
        after = range_end + 1 if range_end is not None else index + 1
        next_word = low[after] if after < len(low) else ""
        amount = next_word in tables.DURATIONS and previous in tables.QUANTIFIERS | {"om"}
        if (next_word in tables.NOT_A_COUNT_AFTER and not amount) or next_word.endswith(("åring", "åringar")):
            skip_until = after
            continue  # "15 till 18 år", "inom 48 timmar"; but "minst 900 timmar" of presence counts
        if next_word.endswith(tables.INEXACT_COUNTS) and next_word not in ("trafikkontrollpar",) and \
                (next_word in tables.INEXACT_COUNTS or next_word.endswith("tal")):
            continue  # "ett tiotal" is no exact count
        if next_word in tables.TIMES_WORDS or next_word in tables.COUNTED_TIME_UNITS:
            continue  # "två gånger per termin", "tre dagar i veckan": a frequency, read there
        if previous == "av" and index >= 2 and number_value(low[index - 2]) is not None:
            continue  # "tre av fyra": the four is what the three are counted out of
        note = None
        if range_end is not None and range_end != index:
            note = f"intervallet «{' '.join(words[index:range_end + 1])}» läses som minst {count}"
        elif range_end == index:
            note = f"intervallet «{token}» läses som minst {count}"
        quantified = previous in tables.QUANTIFIERS or (previous == "i" and index >= 2 and low[index - 2] == "i")
        article = low[index] in ("en", "ett") and range_end is None
        if article and not quantified and not _follows_event_verb(low, index):
            continue
        if not article and not quantified and _follows_event_verb(low, index, strict=True):
            quantified = True  # "bjuder in till två öppna frågestunder": what is done, counted
        if previous in ("i", "inom") and next_word in _AREA_NOUNS:
            # "i fem bostadsområden": that many areas to cover.
            found.append(_Count(count, words[after], index, after, True, False, note, True))
            skip_until = after
            continue
        found_count = _counted(words, low, index, after, count, quantified, article, note)
        if found_count is not None:
            found.append(found_count)
            skip_until = max(found_count.noun_index, after - 1)
    return found


def _counted(words, low, index, after, count, quantified, article, note) -> _Count | None:
    """What the number at `index` counts, by the rule that applies first."""
    # "i tre av de utsatta områdena", "på tre av kommunens träffpunkter": a subset, of anything.
    if after < len(low) and low[after] == "av":
        subset = _subset_noun(words, after + 1)
        if subset is not None:
            noun_index, noun = subset
            if number_value(low[after + 1] if after + 1 < len(low) else "") is not None:
                # "tre av fyra planerade trygghetsvandringar": the activity counted, out of a plan
                quantified = True
            return _Count(count, noun, index, noun_index, True, False, note, noun.lower() in _AREA_NOUNS)
    # "(3 st)", "(minst 20 stycken)": the activity named before the bracket.
    if after < len(low) and low[after] in tables.PIECES:
        # "104 stycken narkotikabrott", "200 st 20 minuters trafikkontroller": the noun after; "(3 st)":
        # the activity named before the bracket.
        start = after + 1
        if start + 1 < len(low) and number_value(low[start]) is not None and low[start + 1].endswith("s"):
            start += 2
        noun = _counted_noun(words[start:start + 5], require_activity=False)
        if noun is not None:
            return _Count(count, noun[1], index, start + noun[0], True, False, note)
        named = _noun_before_bracket(words, index)
        if named is not None:
            return _Count(count, named[1], index, named[0], True, False, note)
    # "Under 2020 ska fem skolor ha erbjudits …": an outcome, counting its subject.
    outcome = _outcome_noun(words, low, index, after)
    if outcome is not None:
        return _Count(count, outcome[1], index, outcome[0], True, False, note)
    noun = _counted_noun(words[after:after + 5], require_activity=not quantified)
    if noun is not None:
        noun_index = after + noun[0]
        return _Count(count, noun[1], index, noun_index, quantified, article, note)
    if quantified and after >= len(words) - 1 or (quantified and low[after:after + 1] in (["."], [")"])):
        # "Trafikkontroller vid skolor. Minst 10." (a table's goal column): the number ends the text
        # and counts the activity named before it.
        named = next(((i, t) for i, t in enumerate(words[:index]) if is_activity_noun(t)), None)
        if named:
            word = named[1].lower() if named[1][1:].islower() else named[1]  # capitalised only as a cell's first word
            return _Count(count, word, index, named[0], quantified, article, note)
    return None


def _subset_noun(words: list[str], start: int) -> tuple[int, str] | None:
    """The noun after "av" in a subset: "de utsatta områdena", "kommunens träffpunkter": the last
    word of the noun phrase, after its determiners and adjectives."""
    last = None
    for position in range(start, min(len(words), start + 6)):
        word = words[position]
        lowered = word.lower()
        if lowered in _CLAUSE_ENDS or lowered in _NOUN_PHRASE_ENDS or not word.isalpha():
            break
        if number_value(lowered) is None and lowered not in ("de", "dessa", "våra", "alla", "samtliga"):
            last = (position, word)
    return last


def _noun_before_bracket(words: list[str], index: int) -> tuple[int, str] | None:
    bracket = next((i for i in range(index - 1, -1, -1) if words[i] == "("), None)
    if bracket is None:
        return None
    for position in range(bracket - 1, -1, -1):
        if is_activity_noun(words[position]):
            return position, words[position]
    return None


_OUTCOME_SPAN = 10  # words of a noun phrase between the count and "ha" ("fem män med våldsproblematik i …")


def _outcome_noun(words, low, index, after) -> tuple[int, str] | None:
    """ "ska fem våldsutsatta kvinnor ha erbjudits", "fem skolor ska ha fått": a count of what will
    have been done; the counted noun is the first noun after the count."""
    if after >= len(low) or not words[after].isalpha():
        return None
    before = low[index - 1] if index else ""
    if before == "minst" and index >= 2:
        before = low[index - 2]
    end = None
    if before in ("ska", "skall"):
        end = next((i for i in range(after, min(len(low), after + _OUTCOME_SPAN))
                    if low[i] in ("ha", "vara") and i + 1 < len(low) and _is_supine(low[i + 1])), None)
        if any(w in _CLAUSE_ENDS for w in low[after:end or after]):
            end = None
    elif after + 2 < len(low) and low[after + 1] in ("ska", "skall") and low[after + 2] in ("ha", "vara"):
        end = after + 1
    if end is None:
        return None
    for position in range(after, end):
        if words[position].isalpha() and (not _looks_like_modifier(words[position]) or position + 1 == end):
            return position, words[position]
    return after, words[after]


def _is_supine(word: str) -> bool:
    """ "erbjudits", "fått", "genomgått", "deltagit": the form after "ha"."""
    return word.endswith(("its", "ats", "tts", "ts", "tt", "it", "at", "dd"))


def _follows_event_verb(lowered: list[str], index: int, *, strict: bool = False) -> bool:
    """ "genomföra en informationskampanj", "erbjuda alla föräldrar i årskurs 7 en föreläsning":
    a verb of doing earlier in the same clause (`strict`: not "ha", which also means to have)."""
    for position in range(index - 1, max(-1, index - 9), -1):
        word = lowered[position]
        if word in _CLAUSE_ENDS:
            return False
        if strict and word in ("ha", "har"):
            return False
        if word in tables.EVENT_VERBS:
            # "ska ha erbjudits en föreläsning": "ha" before a supine is no verb of doing.
            following = lowered[position + 1] if position + 1 < len(lowered) else ""
            return not (word in ("ha", "har") and following.endswith(("ts", "tt", "it", "at")))
    return False


def _looks_like_modifier(word: str) -> bool:
    """Adjectives and participles between a number and its noun ("två förstärkta insatser")."""
    lowered = word.lower()
    if is_activity_noun(lowered):
        return False
    return bool(re.search(r"(a|e|t|ande|ende|iga|ade|ska|da|ta)$", lowered)) or lowered in {"nya", "fler"}


def _counted_noun(following: list[str], *, require_activity: bool) -> tuple[int, str] | None:
    """The noun a number counts, skipping modifiers; only activity nouns unless quantified.

    Without "minst" a number is only a target when an activity noun follows within a few words
    ("en gemensam informationskampanj"); a preposition ends the search, so that "en hund med …"
    or "en trygg miljö för …" never count. An elided compound ("alkohol- och narkotikakontroller")
    counts its last part. Quantified, the last word of the noun phrase is counted ("minst 200
    deltagare").
    """
    elided = False
    candidate = None
    for position, word in enumerate(following):
        lowered = word.lower()
        if word.endswith("-") and len(word) > 2:
            elided = True
            continue
        if elided and lowered in ("och", "eller", "samt"):
            continue
        if is_activity_noun(word):
            return position, word
        if lowered in _NOUN_PHRASE_ENDS or not word.isalpha() or not word[:1].islower():
            break
        if require_activity:
            continue
        if not _looks_like_modifier(word):
            return position, word
        candidate = (position, word)
    return None if require_activity else candidate


# ================================================================ targets


def find_targets(text: str) -> list[TargetMatch]:
    """The numeric targets of a commitment (see the module's description)."""
    words = tokens(text)
    counts = [c for c in _counts(words) if not c.area_subset]
    found = [f for f in frequencies(words) if not _is_follow_up(words, f)]
    yearly = per_of(text)
    targets = [_target(c, words, yearly) for c in counts]
    if not found:
        return targets
    frequency = found[0]
    if targets:
        first = counts[0]
        if frequency.own_count and frequency.start > first.noun_index and _comma_between(words, first.noun_index,
                                                                                          frequency.start):
            # "vid fyra tillfällen, två per termin": the total stands, spread over the terms.
            return targets
        multiplied = TargetMatch(targets[0].count * frequency.per_year, targets[0].unit, targets[0].activity_type, "year",
                                 targets[0].from_article, targets[0].note)
        return [multiplied] + targets[1:]
    noun = next((w for w in words if is_activity_noun(w)), None)
    unit = noun or frequency.counted_unit or "gånger"
    activity_type = activity_type_of(noun, text) if noun else None
    return [TargetMatch(frequency.per_year, unit.lower() if noun and noun[1:].islower() else unit, activity_type,
                        "year")]


def _target(count: _Count, words: list[str], per: str) -> TargetMatch:
    context = " ".join(words[count.index:count.index + 8])
    return TargetMatch(count.count, count.noun, activity_type_of(count.noun, context), per,
                       count.article and not count.quantified, count.note)


def _comma_between(words: list[str], start: int, end: int) -> bool:
    return any(w in (",", ";", "–") or w.lower() in ("varav", "dvs", "fördelat", "fördelade", "fördelas")
               for w in words[start:end])


def per_of(text: str) -> str:
    """ "per år", "varje år", "årligen" make a target yearly; otherwise it is for the whole period."""
    if re.search(r"\b(per|varje|om|i) år(et)?\b|\bårligen\b|\bper kalenderår\b", text, re.IGNORECASE):
        return "year"
    return "period"


_INEXACT_WORDS = "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(tables.INEXACT_WORDS, key=len,
                                                                                 reverse=True))
_VAGUE = re.compile(
    rf"\b(?:ett|några|ca|cirka)\s+(\w+tal|{'|'.join(tables.INEXACT_COUNTS[1:])})\b|\b({_INEXACT_WORDS})\s+(\w+)",
    re.IGNORECASE,
)


def vague_counts(text: str) -> list[str]:
    """Phrases that promise an inexact number of activities ("ett tiotal trygghetsvandringar")."""
    found = []
    for match in _VAGUE.finditer(text):
        following = [w for w in tokens(text[match.end():]) if w not in _CLAUSE_ENDS][:3]
        if match.group(1) and any(is_activity_noun(w) for w in following):
            last = next(i for i, w in enumerate(following) if is_activity_noun(w))
            found.append(" ".join([match.group(0)] + following[:last + 1]))
        elif match.group(3) and is_activity_noun(match.group(3)):
            found.append(match.group(0))
    return found


_COVERAGE_WORDS = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in tables.COVERAGE_WORDS)
_AREA_WORDS = "|".join(sorted(tables.AREA_NOUNS, key=len, reverse=True))
_COVERAGE = re.compile(rf"\b(?:i|inom)\s+(?:{_COVERAGE_WORDS})\s+({_AREA_WORDS})\b", re.IGNORECASE)


def find_coverage(text: str) -> Coverage | None:
    """A promise to act across areas: every area ("i olika kommundelar"), or a number of them
    ("i tre av de utsatta områdena")."""
    words = tokens(text)
    subset = next((c for c in _counts(words) if c.area_subset), None)
    match = _COVERAGE.search(text)
    if subset is None and match is None:
        return None
    activity = None
    for word in words:
        if is_activity_noun(word):
            activity = activity_type_of(word, text)
            if activity:
                break
    if subset is not None:
        return Coverage(activity, _area_unit(subset.noun), subset.count)
    return Coverage(activity, _area_unit(match.group(1)))


def _area_unit(noun: str) -> str:
    lowered = noun.lower()
    if lowered.startswith("kommundel"):
        return "kommundelar"
    if lowered.startswith("stadsdel"):
        return "stadsdelar"
    if lowered.startswith(("område", "bostadsområde", "delområde")):
        return "områden"
    return lowered
