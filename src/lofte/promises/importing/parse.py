"""Understanding a promise document: from text lines to plain dataclasses, no database.

The input is a list of `Line`s (see text.py), so that readers of other formats (PDF, DOCX, HTML)
only have to produce lines. The parser reads the document the way a careful person would:

* a period heading ("Medborgarlöfte 2022 och 2023", "Medborgarlöfte 2023–2024") starts a promise
  set; paragraphs right after it are the set's introduction;
* a short heading followed by a list is a theme (fokusområde);
* list items (bullets or numbers) are the commitments; a line ending in ":" before a list is a
  lead-in that tells whose promises the items are, unless an item names its own subject;
* a numbered item followed by bullets is a lead-in too ("2. Polisen och kommunen skall tillsammans");
* bullets under "med inriktning på:" are topics, not promises;
* a document without any list has its promising paragraphs as commitments.

Every guess is reported as a warning that names its line ("rad 12: …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from lofte.promises import periods
from lofte.promises.status import Period

from . import language as lang
from .text import Line

_MAX_HEADING_WORDS = 12
_MAX_THEME_WORDS = 10
_CLUTTER = re.compile(
    r"^(sök|stäng|meny|stäng meny|sök på \S+|till startsidan|dela|skriv ut|lyssna|läs upp|tillbaka|"
    r"logga in|innehåll|huvudmeny|navigering|hoppa till innehållet)$"
    r"|^(publicerad|uppdaterad|senast uppdaterad|sidan uppdaterades)\b.*\d"
    r"|javascript|cookies|webbläsare",
    re.IGNORECASE,
)
_TOPIC_LEADIN = re.compile(r"(inriktning|fokus|fokusera|fokuserar)\s+på\s*:?$|fokusområden\s*:?$", re.IGNORECASE)
_PERIOD_ONLY = re.compile(r"^(år|period|perioden)?\s*[\d\s–\-/]+(och\s+\d{4})?$", re.IGNORECASE)
_TERMINAL = (".", "!", "?", ":", ";", ",")


# ================================================================ results


@dataclass
class TargetSpec:
    count: int
    unit: str
    activity_type: str | None
    per: str = "period"

    def to_dict(self) -> dict:
        return {"count": self.count, "unit": self.unit, "activity_type": self.activity_type, "per": self.per}


@dataclass
class CoverageSpec:
    activity_type: str | None
    unit: str

    def to_dict(self) -> dict:
        return {"activity_type": self.activity_type, "unit": self.unit}


@dataclass
class CommitmentSpec:
    number: int
    text: str
    parties: list[str]
    line: int
    other_parties: list[str] = field(default_factory=list)
    targets: list[TargetSpec] = field(default_factory=list)
    area_coverage: CoverageSpec | None = None
    # The parties were not named by the item or a lead-in but assumed from the document ("vi").
    assumed_parties: bool = field(default=False, compare=False, repr=False)

    def to_dict(self) -> dict:
        return {
            "number": self.number,
            "text": self.text,
            "parties": list(self.parties),
            "other_parties": list(self.other_parties),
            "targets": [t.to_dict() for t in self.targets],
            "area_coverage": self.area_coverage.to_dict() if self.area_coverage else None,
            "line": self.line,
        }


@dataclass
class ThemeSpec:
    title: str | None
    line: int | None = None
    commitments: list[CommitmentSpec] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"title": self.title, "commitments": [c.to_dict() for c in self.commitments]}


@dataclass
class PromiseSetSpec:
    title: str
    first_year: int | None
    last_year: int | None
    line: int
    intro_paragraphs: list[str] = field(default_factory=list)
    themes: list[ThemeSpec] = field(default_factory=list)
    signatories: list[str] = field(default_factory=list)
    # A spreadsheet template has no introduction: re-importing one must not erase the stored one.
    intro_known: bool = True
    # The first and last day when the document states them; years alone mean 1 January – 31 December.
    start: date | None = None
    end: date | None = None
    # The area (district) the set is scoped to, by name; None for the whole municipality.
    area: str | None = None

    @property
    def intro(self) -> str:
        return "\n\n".join(self.intro_paragraphs)

    @property
    def dates(self) -> Period | None:
        if self.start is not None and self.end is not None:
            return Period(self.start, self.end)
        if self.first_year is None:
            return None
        return Period.of_years(self.first_year, self.last_year or self.first_year)

    def set_period(self, period: Period) -> None:
        self.start, self.end = period.start, period.end
        self.first_year, self.last_year = period.start.year, period.end.year

    @property
    def key(self) -> tuple:
        """What identifies the set among a municipality's: its area and period."""
        dates = self.dates
        return ((self.area or "").casefold(), dates.start if dates else None, dates.end if dates else None)

    @property
    def years(self) -> list[int]:
        if self.first_year is None or self.last_year is None:
            return []
        return list(range(self.first_year, self.last_year + 1))

    @property
    def period_label(self) -> str:
        dates = self.dates
        if dates is None:
            return "okänd period"
        label = periods.years_label(dates) if dates.is_calendar_years else periods.iso_label(dates)
        return f"{self.area} {label}" if self.area else label

    @property
    def commitments(self) -> list[CommitmentSpec]:
        return [c for theme in self.themes for c in theme.commitments]

    def to_dict(self) -> dict:
        dates = self.dates
        return {
            "title": self.title,
            "years": self.years,
            "start": dates.start.isoformat() if dates else None,
            "end": dates.end.isoformat() if dates else None,
            "area": self.area,
            "intro": self.intro,
            "themes": [t.to_dict() for t in self.themes],
            "signatories": list(self.signatories),
        }


@dataclass
class ParsedDocument:
    promise_sets: list[PromiseSetSpec]
    warnings: list[str]

    @property
    def commitment_count(self) -> int:
        return sum(len(s.commitments) for s in self.promise_sets)

    def to_dict(self, kommun: str | None = None) -> dict:
        return {
            "kommun": kommun,
            "promise_sets": [s.to_dict() for s in self.promise_sets],
            "warnings": list(self.warnings),
        }


# ================================================================ blocks


@dataclass
class _Block:
    """A paragraph or a list item with its continuation lines, and where it starts."""

    kind: str  # "item" or "text"
    text: str
    line: int
    indent: int
    bullet: str | None = None
    blank_before: bool = True
    leadin: bool = False


def _blocks(lines: list[Line]) -> list[_Block]:
    blocks: list[_Block] = []
    blank = True
    for line in lines:
        if line.is_blank:
            blank = True
            continue
        previous = blocks[-1] if blocks else None
        if line.is_item:
            blocks.append(_Block("item", line.text, line.number, line.indent, line.bullet, blank))
        elif previous and not blank and _continues_item(previous, line):
            joiner = " " if line.text[:1].islower() else "\n\n"
            previous.text = f"{previous.text}{joiner}{line.text}"
        elif previous and not blank and _continues_paragraph(previous, line):
            previous.text = f"{previous.text} {line.text}"
        else:
            blocks.append(_Block("text", line.text, line.number, line.indent, None, blank))
        blank = False
    _mark_numbered_leadins(blocks)
    return blocks


def _continues_item(item: _Block, line: Line) -> bool:
    """An indented or lower-case line right under an item belongs to it (a wrapped line or an
    explanation); an unindented capitalised line is something else, such as a stray link."""
    return item.kind == "item" and (line.indent > item.indent or line.text[:1].islower())


def _continues_paragraph(paragraph: _Block, line: Line) -> bool:
    """A PDF wraps paragraphs over several lines: a lower-case line continues an unfinished one."""
    return paragraph.kind == "text" and not paragraph.text.endswith(_TERMINAL) and line.text[:1].islower()


def _mark_numbered_leadins(blocks: list[_Block]) -> None:
    """ "1. Polisen skall … genom" followed by bullets introduces them; it is no promise itself.

    A finished sentence ("… varje termin.") with a blank line before the bullets is the last item
    of its own list, and the bullets are another list.
    """
    for block, following in zip(blocks, blocks[1:]):
        if block.kind == "item" and block.bullet == "number" and following.kind == "item" \
                and following.bullet == "glyph" \
                and (following.indent > block.indent or not following.blank_before or not block.text.endswith(".")):
            block.kind = "text"
            block.leadin = True


# ================================================================ classification


def _word_count(text: str) -> int:
    return len(text.split())


def is_clutter(text: str) -> bool:
    return bool(_CLUTTER.search(text.strip()))


_QUESTION_HEADING_WORDS = 8
# "Löfte 1:", "Åtagande 2 –", "Aktivitet 3." before a commitment's text: a label, not its words.
_ITEM_LABEL = re.compile(r"^(löfte|åtagande|aktivitet|insats)\s*\d+\s*[:.–-]\s*", re.IGNORECASE)


def is_heading_like(text: str, max_words: int = _MAX_HEADING_WORDS) -> bool:
    stripped = text.strip()
    # A short question is a heading too ("Hur följs löftena upp?").
    question = stripped.endswith("?") and _word_count(stripped) <= min(max_words, _QUESTION_HEADING_WORDS)
    return (
        bool(stripped)
        and _word_count(stripped) <= max_words
        and (question or not stripped.endswith(_TERMINAL))
        and (stripped[0].isupper() or stripped[0].isdigit())
    )


_RESPONSIBILITY = re.compile(
    r"(?:\n\n|\s)(?:ansvarig(?:a)?(?:\s+part(?:er)?)?|ansvar|huvudansvarig|genomförs\s+av|utförare)\s*:\s*"
    r"(?P<who>[^\n]{2,120}?)\s*\.?\s*$",
    re.IGNORECASE,
)


def _split_responsibility(text: str) -> tuple[str, lang.Parties | None]:
    """An activity's text without a trailing "Ansvarig: Polisen och kommunen", and the parties it
    names (None when there is no such line or it names no party)."""
    match = _RESPONSIBILITY.search(text)
    if not match:
        return text, None
    found = lang.parties_in(match.group("who"))
    if not found.kinds:
        return text, None
    return text[:match.start()].strip(), found


def _is_question(text: str) -> bool:
    """ "Varför medborgarlöften?", "Hur följs löftena upp?": a heading that explains, never a theme."""
    return text.strip().endswith("?")


def without_item_label(text: str) -> str:
    stripped = _ITEM_LABEL.sub("", text.strip())
    return stripped or text.strip()


def period_of_heading(text: str) -> tuple[int, int] | None:
    """The years of a period heading: it starts with "Medborgarlöfte…"/"Löfte…" or is only years.

    A line that merely mentions a period ("Aktiviteter kopplade till … medborgarlöften 2022-23")
    is a link or a reference, not the start of a set.
    """
    if not is_heading_like(text):
        return None
    first_word = text.split()[0].lower()
    if "löfte" in first_word or _PERIOD_ONLY.match(text.strip()):
        return lang.years_in_heading(text)
    return None


_THEME_LABEL = re.compile(
    r"^(fokusområde|tema|område|prioriterat område|prioritering|åtagande|insatsområde|löfte)\s*\d*\s*[:.–-]\s*",
    re.IGNORECASE,
)


def theme_title(text: str) -> str:
    """ "Fokusområde 1: Trygg trafik" is titled "Trygg trafik"; the label says nothing."""
    stripped = _THEME_LABEL.sub("", text.strip())
    return stripped or text.strip()


def names_the_document(text: str) -> bool:
    """ "MEDBORGARLÖFTET" or "Medborgarlöften i Härjedalen" names the document, not a theme."""
    return "löfte" in text.split()[0].lower()


def is_topic_leadin(text: str) -> bool:
    return bool(_TOPIC_LEADIN.search(text.strip()))


# ================================================================ the parser


class _Parser:
    def __init__(self, lines: list[Line]):
        self.blocks = _blocks(lines)
        self.sets: list[PromiseSetSpec] = []
        self.warnings: list[str] = []
        self.current: PromiseSetSpec | None = None
        self.theme: ThemeSpec | None = None
        self.default: tuple[str, ...] = lang.BOTH
        self.default_others: tuple[str, ...] = ()
        self.default_line: int | None = None
        # Whether the parties in force were stated by a lead-in right above the list ("Polisen
        # lovar att:"); parties inferred from a paragraph or the document are a guess worth a warning.
        self.default_from_leadin = False
        self.topic_list = False
        self.title_candidate: str | None = None
        self.preamble: list[_Block] = []
        # Promising paragraphs, kept for documents that have no list at all.
        self.promise_paragraphs: list[tuple[PromiseSetSpec | None, _Block]] = []
        # Headings above paragraphs, for the themes of documents that have no list at all.
        self.paragraph_headings: list[tuple[PromiseSetSpec, _Block]] = []
        self.pending_name: tuple[int, str] | None = None
        # The parties an opening paragraph names, in force for the whole set.
        self.opening: tuple[tuple[str, ...], tuple[str, ...], int] | None = None

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"rad {line}: {message}")

    def parse(self) -> ParsedDocument:
        for index, block in enumerate(self.blocks):
            following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
            if block.kind == "item":
                self.item(block)
            else:
                self.text(block, following)
        if not any(s.commitments for s in self.sets):
            self.promising_paragraphs_as_commitments()
        self.finish()
        return ParsedDocument(self.sets, sorted(self.warnings, key=_line_of_warning))

    # -------------------------------------------------------- text blocks

    def text(self, block: _Block, following: _Block | None) -> None:
        text = block.text
        if is_clutter(text):
            return
        period = period_of_heading(text)
        if period:
            self.period_heading(block, period)
        elif block.leadin or self.is_leadin(block, following):
            self.leadin(block)
        elif is_heading_like(text, _MAX_THEME_WORDS) and self.opens_list(following) \
                and not names_the_document(text) and not _is_question(text):
            self.start_theme(block)
        elif is_heading_like(text):
            self.loose_heading(block)
        else:
            self.paragraph(block, following)

    def is_leadin(self, block: _Block, following: _Block | None) -> bool:
        """A line ending in ":" before a list, or a promise that runs straight into a list."""
        if block.text.endswith(":"):
            return True
        if following is None or following.kind != "item" or following.blank_before:
            return False
        return lang.parties_in(block.text).found

    def opens_list(self, following: _Block | None) -> bool:
        if following is None:
            return False
        return following.kind == "item" or following.leadin or following.text.endswith(":")

    def period_heading(self, block: _Block, period: tuple[int, int]) -> None:
        if self.current and (self.current.first_year, self.current.last_year) == period:
            # The same heading again (a page title repeated above the text): the set continues.
            return
        if self.current is not None:
            self.opening = None  # A new set's opening speaks for that set only.
        self.current = PromiseSetSpec(block.text.strip(), period[0], period[1], block.line)
        self.sets.append(self.current)
        self.theme = None
        self.reset_defaults()

    def reset_defaults(self) -> None:
        """Parties in force at a new set or theme: the opening's ("Polisen i samverkan med X kommun
        lovar …"), else both police and municipality, as every medborgarlöfte is theirs."""
        if self.opening:
            self.default, self.default_others, self.default_line = self.opening
        else:
            self.default, self.default_others, self.default_line = lang.BOTH, (), None
        self.default_from_leadin = False
        self.topic_list = False

    def leadin(self, block: _Block) -> None:
        if self.is_theme_leadin(block.text):
            self.start_theme(_Block(block.kind, block.text.rstrip(":").strip(), block.line, block.indent))
            return
        self.ensure_set(block)
        self.topic_list = is_topic_leadin(block.text)
        self.take_parties_from(block)
        self.default_from_leadin = self.default_line == block.line

    @staticmethod
    def is_theme_leadin(text: str) -> bool:
        """ "Trygg trafik:" or "1. Trygga skolor" before a list names a theme, not whose promises follow."""
        stripped = text.rstrip(":").strip()
        return (
            is_heading_like(stripped, _MAX_THEME_WORDS) and not is_topic_leadin(text)
            and not _names_a_party_first(stripped) and not lang.PROMISE_VERBS.search(stripped)
            and not names_the_document(stripped) and not _PERIOD_ONLY.match(stripped)
        )

    def take_parties_from(self, block: _Block) -> None:
        """A lead-in or promising paragraph names whose promises the following items are."""
        found = lang.subject_parties(block.text) or lang.parties_in(block.text)
        if found.kinds:
            self.default, self.default_others = found.kinds, found.other_names
            self.default_line = block.line
            self.default_from_leadin = False
        elif found.we and lang.TOGETHER_WORDS & {w.lower() for w in lang.words(block.text)}:
            # "Tillsammans lovar vi:" after "Polisen lovar:" and "Kommunen lovar:" is both of them.
            self.default, self.default_others = lang.BOTH, ()
            self.default_line = block.line
            self.default_from_leadin = False
        # Otherwise "vi"/"parterna" refer to the parties already in force, so they change nothing.

    def start_theme(self, block: _Block) -> None:
        self.ensure_set(block)
        self.theme = ThemeSpec(theme_title(block.text), block.line)
        self.current.themes.append(self.theme)
        self.reset_defaults()

    def signatory(self, block: _Block) -> bool:
        """Signature lines ("Anna Andersson, kommunstyrelsens ordförande") fill the set's signatories.

        A name alone on the line above its role is joined with it.
        """
        if self.current is None:
            return False
        text = " ".join(block.text.split())
        if lang.is_person_name(text):
            self.pending_name = (block.line, text)
            return True
        if not lang.is_signatory(text):
            return False
        if self.pending_name and self.pending_name[0] == block.line - 1:
            text = f"{self.pending_name[1]}, {text}"
        self.pending_name = None
        self.current.signatories.append(text)
        return True

    def loose_heading(self, block: _Block) -> None:
        if self.current is not None and self.current.commitments and self.signatory(block):
            return
        if self.current is not None and not self.current.commitments and not _names_a_party_first(block.text) \
                and not names_the_document(block.text) and not _is_question(block.text):
            self.paragraph_headings.append((self.current, block))
        if self.current is None:
            if self.title_candidate is None and "löfte" in block.text.lower():
                self.title_candidate = block.text.strip()
            return
        if self.current.commitments:
            self.warn(block.line, f"raden «{_short(block.text)}» följs inte av några löften och hoppas över")

    def paragraph(self, block: _Block, following: _Block | None = None) -> None:
        if self.current is not None and self.current.commitments and self.signatory(block):
            return
        promising = lang.is_promise(block.text)
        if promising and self.current is not None and self.current.commitments \
                and _is_standalone_promise(block.text) and not self.opens_list(following):
            # Among the lists, a short paragraph whose subject promises ("Räddningstjänsten och
            # kommunen ska …", "Vi lovar att …") is one more commitment, not prose. One that opens a
            # list is the goal the list's activities serve, handled below.
            self.standalone_promise(block)
            return
        if promising:
            self.take_parties_from(block)
            self.promise_paragraphs.append((self.current, block))
            opening = self.current is None or (not self.current.commitments and self.theme is None)
            if opening and self.default_line == block.line:
                self.opening = (self.default, self.default_others, block.line)
        if self.current is None:
            self.preamble.append(block)
        elif not self.current.commitments and self.theme is None:
            self.current.intro_paragraphs.append(block.text)
        else:
            self.warn(block.line, f"stycket «{_short(block.text)}» hör inte till något löfte och hoppas över")

    def standalone_promise(self, block: _Block) -> None:
        """A promising paragraph as a commitment; "vi" in it means the document's parties (its
        opening's, else police and municipality), not those of the list just above."""
        saved = (self.default, self.default_others, self.default_line, self.default_from_leadin)
        if self.opening:
            self.default, self.default_others, self.default_line = self.opening
        else:
            self.default, self.default_others, self.default_line = lang.BOTH, (), None
        self.default_from_leadin = True
        self.add_commitment(block)
        self.default, self.default_others, self.default_line, self.default_from_leadin = saved

    # -------------------------------------------------------- items

    def item(self, block: _Block) -> None:
        self.ensure_set(block)
        if self.topic_list and not lang.is_promise(block.text):
            self.warn(block.line, f"punkten «{_short(block.text)}» är ett fokusområde, inte ett löfte, och hoppas över")
            return
        self.add_commitment(block)

    def add_commitment(self, block: _Block) -> None:
        if self.theme is None:
            self.theme = ThemeSpec(None, None)
            self.current.themes.append(self.theme)
        text, responsible = _split_responsibility(block.text)
        if responsible is not None:
            # "Ansvarig: Polisen" under an activity names its party outright.
            block = _Block(block.kind, text, block.line, block.indent, block.bullet, block.blank_before)
            parties, others, assumed = responsible.kinds, responsible.other_names, False
        else:
            parties, others, assumed = self.parties_of(block)
        commitment = CommitmentSpec(0, without_item_label(block.text), list(parties), block.line, list(others))
        commitment.assumed_parties = assumed
        found = lang.find_targets(block.text)
        commitment.targets = [TargetSpec(t.count, t.unit, t.activity_type, t.per) for t in found]
        for phrase in lang.vague_counts(block.text):
            self.warn(block.line, f"«{_short(phrase)}» är inget exakt antal; inget mål sattes")
        for target in found:
            if target.from_article:
                self.warn(block.line, f"«{target.unit}» i singular tolkas som målet 1")
        coverage = lang.find_coverage(block.text)
        if coverage:
            commitment.area_coverage = CoverageSpec(coverage.activity_type, coverage.unit)
        self.warn_about_unread_numbers(commitment)
        self.theme.commitments.append(commitment)

    def parties_of(self, block: _Block) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
        """The item's parties, and whether they were assumed from the document rather than stated."""
        found = lang.subject_parties(block.text)
        if found and found.kinds:
            return found.kinds, found.other_names, False
        assumed = self.default_line is None
        if (found and found.we) or self.default_from_leadin:
            return self.default, self.default_others, assumed
        where = f"rad {self.default_line}" if self.default_line else "dokumentets parter"
        self.warn(
            block.line,
            f"löftet namnger inte vem som lovar; antar {_party_names(self.default)} (från {where})",
        )
        return self.default, self.default_others, assumed

    def warn_about_unread_numbers(self, commitment: CommitmentSpec) -> None:
        if commitment.targets:
            return
        if re.search(r"\b(minst|åtminstone)\b", commitment.text, re.IGNORECASE):
            self.warn(commitment.line, "texten anger ett antal («minst …») som inte kunde tolkas som ett mål")

    # -------------------------------------------------------- sets

    def ensure_set(self, block: _Block) -> None:
        """Lists before any period heading belong to one set whose period the prose may state."""
        if self.current is not None:
            return
        title = self.title_candidate or "Medborgarlöfte"
        self.current = PromiseSetSpec(title, None, None, block.line)
        self.current.intro_paragraphs = [b.text for b in self.preamble]
        self.sets.append(self.current)

    def promising_paragraphs_as_commitments(self) -> None:
        """Without any list, each promising paragraph is one commitment."""
        if not self.promise_paragraphs:
            return
        for promise_set, block in self.promise_paragraphs:
            if promise_set is None:
                self.current = None
                self.theme = None
                self.ensure_set(block)
                promise_set = self.current
            if block.text in promise_set.intro_paragraphs:
                promise_set.intro_paragraphs.remove(block.text)
            self.current = promise_set
            self.theme = self.paragraph_theme(promise_set, block)
            self.default = lang.subject_parties(block.text).kinds if lang.subject_parties(block.text) else lang.BOTH
            self.add_commitment(block)
            self.warn(block.line, "dokumentet har inga punktlistor; stycket tolkas som ett löfte")

    def paragraph_theme(self, promise_set: PromiseSetSpec, block: _Block) -> ThemeSpec | None:
        """The theme of a promising paragraph in a document without lists: the nearest heading above
        it in its set ("Trygghet i centrum" over "Kommunen ska …"), or the set's last theme."""
        above = [h for s, h in self.paragraph_headings if s is promise_set and h.line < block.line]
        if not above:
            return promise_set.themes[-1] if promise_set.themes else None
        heading = above[-1]
        if promise_set.themes and promise_set.themes[-1].line == heading.line:
            return promise_set.themes[-1]
        theme = ThemeSpec(theme_title(heading.text), heading.line)
        promise_set.themes.append(theme)
        return theme

    def finish(self) -> None:
        for promise_set in self.sets:
            self.drop_empty_themes(promise_set)
            self.find_period_in_prose(promise_set)
            self.parties_from_signatories(promise_set)
            for number, commitment in enumerate(promise_set.commitments, start=1):
                commitment.number = number
        self.sets = [s for s in self.sets if s.commitments]

    def parties_from_signatories(self, promise_set: PromiseSetSpec) -> None:
        """ "Vi" with nothing else to go on means those who signed: a document signed only by the
        police is the police's promise."""
        kinds = lang.ordered({lang.signatory_party(s) for s in promise_set.signatories} - {None})
        if not kinds or tuple(kinds) == lang.BOTH:
            return
        for commitment in promise_set.commitments:
            if commitment.assumed_parties:
                commitment.parties = list(kinds)
                commitment.other_parties = []
                self.warn(commitment.line, f"«vi» tolkas som {_party_names(kinds)} (de som undertecknat)")

    def drop_empty_themes(self, promise_set: PromiseSetSpec) -> None:
        for theme in promise_set.themes:
            if not theme.commitments and theme.title:
                self.warn(theme.line, f"rubriken «{_short(theme.title)}» har inga löften och hoppas över")
        promise_set.themes = [t for t in promise_set.themes if t.commitments]

    def find_period_in_prose(self, promise_set: PromiseSetSpec) -> None:
        if promise_set.first_year is not None:
            return
        for paragraph in promise_set.intro_paragraphs + [promise_set.title]:
            period = lang.years_in_prose(paragraph) or (
                lang.years_in_heading(paragraph) if paragraph == promise_set.title else None)
            if period:
                promise_set.first_year, promise_set.last_year = period
                self.warn(promise_set.line, f"perioden {promise_set.period_label} är hämtad ur texten, inte ur en rubrik")
                return
        self.warn(promise_set.line, "hittade ingen period (år) för löftena")


_STANDALONE_MAX_WORDS = 45
# Follow-up and method prose promises nothing new ("Löftena följs upp …", "kommer att redovisas").
_FOLLOW_UP_PROSE = re.compile(r"\b(följ\w* upp|uppföljning\w*|redovisa\w*|utvärder\w*|rapporter\w*)\b", re.IGNORECASE)


def _is_standalone_promise(text: str) -> bool:
    """A one-sentence-ish paragraph whose subject is a party and whose verb promises."""
    subject = lang.subject_parties(text)
    return (
        subject is not None and subject.found and _word_count(text) <= _STANDALONE_MAX_WORDS
        and not _FOLLOW_UP_PROSE.search(text)
    )


def _names_a_party_first(text: str) -> bool:
    """ "Polisen och kommunen:" or "Vi:" names whose promises follow; "Trygga skolor:" names a theme."""
    first = lang.words(text)[:1]
    return bool(first) and (lang.party_of_word(first[0]) is not None or first[0].lower() in lang._WE_WORDS)


def _line_of_warning(warning: str) -> int:
    match = re.match(r"rad (\d+)", warning)
    return int(match.group(1)) if match else 0


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _party_names(kinds) -> str:
    names = {"police": "polisen", "municipality": "kommunen", "other": "annan aktör"}
    return " och ".join(names[k] for k in kinds) or "okända parter"


def parse_lines(lines: list[Line]) -> ParsedDocument:
    """The promise sets of a document given as repaired lines (see text.split_lines)."""
    return _Parser(lines).parse()
