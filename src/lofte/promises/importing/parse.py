"""Understanding a promise document: from text lines to plain dataclasses, no database.

The input is a list of `Line`s (see text.py), so that readers of other formats (PDF, DOCX, HTML)
only have to produce lines. The parser is a pipeline over the language tables (tables.py, through
language.py, periods.py and targets.py):

1. blocks — lines become paragraphs and list items (with their nesting level);
2. names — the document's own party names ("bostadsbolaget Hamnhem", "Region Gotland");
3. one pass over the blocks, each given its role by the rules:
   * clutter and links ("Läs mer …") are left out;
   * a period heading ("Medborgarlöfte 2023–2024", "Medborgarlöfte Västra Hamnen 2021") starts a
     promise set, scoped to the district it names; paragraphs before the first list are its
     introduction (those before the first heading too);
   * a heading opens a part of the document: a theme (fokusområde), or a part that promises
     nothing — goals ("Mål"), the situation picture ("Lägesbild"), follow-up ("Uppföljning"), a
     question ("Varför medborgarlöften?") — or names whose promises follow ("Polisens åtaganden");
   * a lead-in ending in ":" says what its list is: promises of a party ("Polisen lovar att:"),
     goals ("Målet är att:"), problems ("Lägesbilden visar:"), topics ("med inriktning på:");
   * list items are the commitments; an item with items nested under it is their theme; an
     "Ansvarig:" line or a "(Polisen)" tag names an item's parties; a background sentence before
     the promising one is left out;
4. a document without any list has its promising sentences as commitments;
5. each set's period is combined from its heading and its prose (periods.combine).

Every guess is reported as a warning that names its line ("rad 12: …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from lofte.promises import periods as period_labels
from lofte.promises.status import Period

from . import language as lang
from . import periods
from .text import Line

_MAX_HEADING_WORDS = 12
_MAX_THEME_WORDS = 10
_CLUTTER = re.compile(
    r"^(sök|stäng|meny|stäng meny|sök på \S+|till startsidan|dela|skriv ut|lyssna|läs upp|tillbaka|"
    r"logga in|innehåll|huvudmeny|navigering|hoppa till innehållet|dela sidan|till toppen)$"
    r"|^(publicerad|uppdaterad|senast uppdaterad|sidan uppdaterades|senast ändrad)\b.*\d"
    r"|javascript|cookies|kakor|webbläsare",
    re.IGNORECASE,
)
_PERIOD_ONLY = re.compile(r"^(år|period|perioden)?\s*[\d\s–\-/.]+(och\s+\d{4})?$", re.IGNORECASE)
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
    # None: every area of the municipality; a number: that many distinct areas.
    count: int | None = None

    def to_dict(self) -> dict:
        return {"activity_type": self.activity_type, "unit": self.unit, "count": self.count}


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

    @property
    def is_measurable(self) -> bool:
        return bool(self.targets) or self.area_coverage is not None

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
    # The period as the heading states it, and the set's other text where the prose may state it.
    heading_period: periods.Mention | None = field(default=None, compare=False, repr=False)
    context: list[str] = field(default_factory=list, compare=False, repr=False)

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
        label = period_labels.years_label(dates) if dates.is_calendar_years else period_labels.iso_label(dates)
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


# ================================================================ 1. blocks


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
    marker: str = ""
    # Nesting: 1 for a top-level item; an item under an item with a smaller indent (or another
    # glyph) is one deeper.
    level: int = 1


def _blocks(lines: list[Line]) -> list[_Block]:
    blocks: list[_Block] = []
    blank = True
    for line in lines:
        if line.is_blank:
            blank = True
            continue
        previous = blocks[-1] if blocks else None
        if line.is_item:
            blocks.append(_Block("item", line.text, line.number, line.indent, line.bullet, blank, marker=line.marker))
        elif previous and not blank and _continues_item(previous, line):
            joiner = " " if line.text[:1].islower() else "\n\n"
            previous.text = f"{previous.text}{joiner}{line.text}"
        elif previous and not blank and _continues_paragraph(previous, line):
            previous.text = f"{previous.text} {line.text}"
        else:
            blocks.append(_Block("text", line.text, line.number, line.indent, None, blank))
        blank = False
    _mark_levels(blocks)
    _mark_numbered_leadins(blocks)
    return blocks


def _continues_item(item: _Block, line: Line) -> bool:
    """An indented or lower-case line right under an item belongs to it (a wrapped line or an
    explanation); an unindented capitalised line is something else, such as a stray link."""
    return item.kind == "item" and (line.indent > item.indent or line.text[:1].islower()) \
        and not lang.is_responsibility_line(line.text)


def _continues_paragraph(paragraph: _Block, line: Line) -> bool:
    """A PDF wraps paragraphs over several lines: a lower-case line continues an unfinished one."""
    return paragraph.kind == "text" and not paragraph.text.endswith(_TERMINAL) and line.text[:1].islower()


_SUB_GLYPHS = {"◦", "o", "–", "-", "▪", "‣", "\uf0a7"}


def _mark_levels(blocks: list[_Block]) -> None:
    """The nesting level of each item: deeper than the item above when indented further, or when
    written with a second-level glyph ("◦", "o", "–") under an item with another glyph."""
    stack: list[_Block] = []  # the open items, outermost first
    for block in blocks:
        if block.kind != "item":
            if not block.blank_before or block.leadin:
                continue
            stack = []
            continue
        while stack and (stack[-1].indent > block.indent
                         or (stack[-1].indent == block.indent and not _glyph_nests(stack[-1], block))):
            if stack[-1].indent == block.indent and stack[-1].marker == block.marker:
                break
            stack.pop()
        if stack and stack[-1].indent == block.indent and stack[-1].marker == block.marker:
            block.level = stack[-1].level
            stack[-1] = block
            continue
        block.level = stack[-1].level + 1 if stack else 1
        stack.append(block)


def _glyph_nests(parent: _Block, child: _Block) -> bool:
    """ "◦" right under "•" is nested; after a blank line another glyph starts another list."""
    return parent.marker != child.marker and child.marker in _SUB_GLYPHS and parent.marker not in _SUB_GLYPHS \
        and parent.bullet == "glyph" and not child.blank_before


def _mark_numbered_leadins(blocks: list[_Block]) -> None:
    """ "1. Polisen skall … genom" followed by bullets introduces them; it is no promise itself.

    A finished sentence ("… varje termin.") with a blank line before the bullets is the last item
    of its own list, and the bullets are another list.
    """
    for block, following in zip(blocks, blocks[1:]):
        if block.kind == "item" and block.bullet == "number" and following.kind == "item" \
                and following.bullet == "glyph" and following.level <= block.level \
                and (following.indent > block.indent or not following.blank_before or not block.text.endswith(".")):
            block.kind = "text"
            block.leadin = True
        elif block.kind == "item" and block.bullet == "number" and following.kind == "item" \
                and following.blank_before and is_heading_like(block.text, 6) and not is_heading_like(following.text) \
                and not lang.PROMISE_VERBS.search(block.text):
            # "1. Trafiken" over "1) Polisen och kommunen ska …": a numbered heading, not an item.
            block.kind = "text"


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


def _is_question(text: str) -> bool:
    """ "Varför medborgarlöften?", "Hur följs löftena upp?": a heading that explains, never a theme."""
    return text.strip().endswith("?")


def without_item_label(text: str) -> str:
    stripped = _ITEM_LABEL.sub("", text.strip())
    return stripped or text.strip()


def _names_a_promise(text: str) -> bool:
    """ "Medborgarlöfte …", "Tidigare medborgarlöften …", "Nytt löfte …": a word of promise early."""
    return any("löfte" in word.lower() for word in text.split()[:3])


def period_heading(text: str) -> periods.Mention | None:
    """The period of a set's heading: one that names a promise ("Medborgarlöfte 2023–2024") or is
    only a period ("2019–2020"), and names one period.

    A line that merely mentions a period ("Aktiviteter kopplade till … medborgarlöften 2022-23")
    is a link or a reference, not the start of a set.
    """
    if not is_heading_like(text, 14):
        return None
    if _names_a_promise(text) or _PERIOD_ONLY.match(text.strip()):
        return periods.in_heading(text)
    return None


_LEADING_PERIOD_HEADING = re.compile(
    r"^(?P<heading>\w*löfte\w*[^.:!?]{0,60}?(?:19|20)\d\d(?:\s*[-–/]\s*(?:(?:19|20)?\d\d))?)\s+(?P<rest>[A-ZÅÄÖ].{8,})$"
)


_THEME_LABEL = re.compile(
    r"^(fokusområde|tema|område|prioriterat område|prioritering|åtagande|insatsområde|löfte)\s*\d*\s*[:.–-]\s*"
    r"|^\d{1,2}[.)]\s+",
    re.IGNORECASE,
)


def theme_title(text: str) -> str:
    """ "Fokusområde 1: Trygg trafik" is titled "Trygg trafik"; the label says nothing."""
    stripped = _THEME_LABEL.sub("", text.strip()).rstrip(":").strip()
    return stripped or text.strip()


def names_the_document(text: str) -> bool:
    """ "MEDBORGARLÖFTET" or "Medborgarlöften i Härjedalen" names the document, not a theme."""
    return "löfte" in text.split()[0].lower()


def is_topic_leadin(text: str) -> bool:
    return lang.is_topic_leadin(text)


def _purpose(text: str) -> str | None:
    """What a heading or lead-in says its part is, when it is no promise: "goal", "problem",
    "follow_up" or "background" (a question heading); None for promises and themes."""
    if lang.is_follow_up(text) and not lang.promises_by_subject(text):
        return "follow_up"
    if lang.is_goal_heading(text):
        return "goal"
    if lang.is_problem_heading(text) and not lang.is_party_leadin(text):
        return "problem"
    if _is_question(text):
        return "background"
    return None


# ================================================================ the parser


class _Parser:
    def __init__(self, lines: list[Line]):
        self.blocks = _blocks(lines)
        self.names = lang.names_in("\n".join(b.text for b in self.blocks))
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
        # What the current list is for when it is no promise ("goal", "problem", "topic",
        # "follow_up"), from its lead-in; and what the part under the current heading is for.
        self.list_purpose: str | None = None
        self.section: str | None = None
        self.title_candidate: str | None = None
        self.preamble: list[_Block] = []
        self.preamble_context: list[str] = []
        # Promising paragraphs, kept for documents that have no list at all.
        self.promise_paragraphs: list[tuple[PromiseSetSpec | None, _Block]] = []
        # Headings above paragraphs, for the themes of documents that have no list at all.
        self.paragraph_headings: list[tuple[PromiseSetSpec, _Block]] = []
        self.pending_name: tuple[int, str] | None = None
        # The parties an opening paragraph names, in force for the whole set.
        self.opening: tuple[tuple[str, ...], tuple[str, ...], int] | None = None
        self.last_commitment: CommitmentSpec | None = None
        # Paragraphs under a heading of promises ("Det här ska vi göra"): each is a commitment.
        self.section_paragraphs: set[int] = set()
        self.section_default: tuple[str, ...] = lang.BOTH
        # A concrete item with items nested under it: their text belongs to it (its level).
        self.absorbing: int | None = None
        # Items nested under a parent item that became their theme: the parent's parties.
        self.parent_parties: tuple[int, tuple[str, ...], tuple[str, ...]] | None = None

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(f"rad {line}: {message}")

    def parse(self) -> ParsedDocument:
        for index, block in enumerate(self.blocks):
            following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
            if block.kind == "item":
                self.item(block, following)
            else:
                self.text(block, following)
        if not any(s.commitments for s in self.sets):
            self.promising_paragraphs_as_commitments()
        self.finish()
        return ParsedDocument(self.sets, sorted(self.warnings, key=_line_of_warning))

    def note_context(self, text: str) -> None:
        """Text of the set (or, before any set, of the document) where the prose may state its period."""
        (self.current.context if self.current is not None else self.preamble_context).append(text)

    # -------------------------------------------------------- text blocks

    def text(self, block: _Block, following: _Block | None) -> None:
        text = block.text
        self.absorbing = None  # items after a paragraph explain no commitment above it
        if is_clutter(text) or lang.is_link(text):
            return
        merged = _LEADING_PERIOD_HEADING.match(text)
        if merged and period_heading(merged.group("heading")) and not period_heading(text):
            # A PDF line that runs a heading into the text below it ("Medborgarlöfte 2016-2017 För
            # att förebygga … lovar vi att:"): the heading, then the rest.
            self.text(_Block("text", merged.group("heading"), block.line, block.indent), block)
            block = _Block(block.kind, merged.group("rest"), block.line, block.indent, block.bullet, False,
                           block.leadin)
            text = block.text
        responsible = lang.is_responsibility_line(text, self.names)
        if responsible is not None and self.last_commitment is not None:
            # "Ansvarig: Polisen" right under a commitment is that commitment's.
            self.assign_parties(self.last_commitment, responsible)
            self.last_commitment = None
            return
        self.last_commitment = None
        mention = period_heading(text)
        if mention:
            self.period_heading(block, mention)
            return
        if len(periods.mentions_in_heading(text)) > 1 and _names_a_promise(text) and is_heading_like(text, 14):
            # "Medborgarlöften 2018–2019 och 2016–2017": the page's title over sets of their own.
            self.title_candidate = self.title_candidate or text.strip()
            return
        self.note_context(text)
        if block.leadin or self.is_leadin(block, following):
            self.leadin(block)
        elif is_heading_like(text):
            self.heading(block, following)
        else:
            self.paragraph(block, following)

    def is_leadin(self, block: _Block, following: _Block | None) -> bool:
        """A line ending in ":" before a list, or a promise that runs straight into a list."""
        if block.text.endswith(":"):
            return True
        if following is None or following.kind != "item" or following.blank_before:
            return False
        return lang.parties_in(block.text, self.names).found

    def opens_list(self, following: _Block | None) -> bool:
        if following is None:
            return False
        return following.kind == "item" or following.leadin or following.text.endswith(":")

    def heading(self, block: _Block, following: _Block | None) -> None:
        """A heading opens a part: a theme, a part that promises nothing, or a party's promises."""
        text = block.text
        if self.current is not None and self.current.commitments and self.signatory(block):
            return
        purpose = _purpose(text)
        parties = lang.is_party_leadin(text, self.names)
        if purpose is not None:
            self.section, self.list_purpose, self.theme = purpose, None, None
            self.loose_heading(block, theme_candidate=False)
            return
        self.section = None
        if parties is not None and not lang.says_promise(text) and not self.opens_list(following):
            parties = None  # "Alby kommun" over the page's menu: a name, not a lead-in
        if parties is not None and not names_the_document(text):
            # "Polisen lovar att", "Kommunens åtaganden", "Det här ska vi göra": whose promises
            # the list below is; in a document without lists, every paragraph under it is one.
            self.ensure_set(block)
            self.list_purpose = None
            self.section = "promises"
            self.set_parties(parties, block.line, from_leadin=True)
            return
        if lang.is_activities_heading(text):
            self.aims_before_activities()
        if is_heading_like(text, _MAX_THEME_WORDS) and self.opens_list(following) and not names_the_document(text):
            self.start_theme(block)
        else:
            self.loose_heading(block)

    def period_heading(self, block: _Block, mention: periods.Mention) -> None:
        area = lang.area_in_heading(block.text)
        if self.current and self.current.heading_period is not None \
                and self.current.heading_period.period == mention.period and (self.current.area or None) == area:
            # The same heading again (a page title repeated above the text): the set continues.
            return
        if self.current is not None and not self.current.commitments and not self.current.themes \
                and self.current.heading_period is None:
            # A set opened by text before any heading ("Målet är att:" under the page title) takes it.
            promise_set = self.current
            promise_set.title, promise_set.line = block.text.strip(), block.line
        else:
            if self.current is not None:
                self.opening = None  # A new set's opening speaks for that set only.
            promise_set = PromiseSetSpec(block.text.strip(), None, None, block.line)
            self.sets.append(promise_set)
        promise_set.heading_period = mention
        promise_set.set_period(mention.period)
        promise_set.area = area
        self.current = promise_set
        self.theme = None
        self.section = None
        self.list_purpose = None
        self.reset_defaults()

    def reset_defaults(self) -> None:
        """Parties in force at a new set or theme: the opening's ("Polisen i samverkan med X kommun
        lovar …"), else both police and municipality, as every medborgarlöfte is theirs."""
        if self.opening:
            self.default, self.default_others, self.default_line = self.opening
        else:
            self.default, self.default_others, self.default_line = lang.BOTH, (), None
        self.default_from_leadin = False

    def leadin(self, block: _Block) -> None:
        text = block.text
        # "Medborgarlöftet gäller fram till 2023. Syftet med ett löfte är att:": the last sentence leads in.
        last = lang.sentences(text)[-1] if text.strip() else text
        purpose = _purpose(last) or ("topic" if is_topic_leadin(last) else None)
        if purpose is not None and purpose != "background":
            self.list_purpose = purpose
            if self.current is None and purpose == "goal":
                self.preamble_context.append(text)
            return
        if self.is_theme_leadin(text):
            self.start_theme(_Block(block.kind, text.rstrip(":").strip(), block.line, block.indent))
            return
        self.ensure_set(block)
        self.list_purpose = None
        self.section = None if self.section in ("goal", "problem", "background") else self.section
        parties = lang.is_party_leadin(text, self.names)
        if parties is not None:
            self.set_parties(parties, block.line, from_leadin=True)
        else:
            self.take_parties_from(block)
            if self.default_line != block.line and lang.says_we(text):
                # "Under sommaren lovar vi att:": the document's parties, whatever list came before.
                self.reset_defaults()
                self.default_line = block.line
            self.default_from_leadin = self.default_line == block.line

    def is_theme_leadin(self, text: str) -> bool:
        """ "Trygg trafik:" or "1. Trygga skolor" before a list names a theme, not whose promises follow."""
        stripped = text.rstrip(":").strip()
        return (
            is_heading_like(stripped, _MAX_THEME_WORDS) and not is_topic_leadin(text)
            and not _names_a_party_first(stripped, self.names) and not lang.PROMISE_VERBS.search(stripped)
            and not names_the_document(stripped) and not _PERIOD_ONLY.match(stripped)
            and lang.is_party_leadin(stripped, self.names) is None
        )

    def set_parties(self, found: lang.Parties, line: int, *, from_leadin: bool) -> None:
        kinds = found.kinds or (lang.BOTH if found.we else ())
        if not kinds:
            return
        self.default, self.default_others, self.default_line = kinds, found.other_names, line
        self.default_from_leadin = from_leadin

    def take_parties_from(self, block: _Block) -> None:
        """A lead-in or promising paragraph names whose promises the following items are."""
        found = lang.subject_parties(block.text, self.names, joint=False) or lang.parties_in(block.text, self.names)
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
        self.section = None
        self.list_purpose = None
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
        if self.pending_name and self.pending_name[0] in (block.line - 1, block.line - 2):
            text = f"{self.pending_name[1]}, {text}"
        self.pending_name = None
        self.current.signatories.append(text)
        return True

    def loose_heading(self, block: _Block, *, theme_candidate: bool = True) -> None:
        if self.current is not None and self.current.commitments and self.signatory(block):
            return
        if self.current is not None and not self.current.commitments and not _names_a_party_first(block.text, self.names) \
                and not names_the_document(block.text) and not _is_question(block.text) and theme_candidate:
            self.paragraph_headings.append((self.current, block))
        if self.current is None:
            if self.title_candidate is None and "löfte" in block.text.lower():
                self.title_candidate = block.text.strip()
            return
        if self.current.commitments and theme_candidate:
            self.warn(block.line, f"raden «{_short(block.text)}» följs inte av några löften och hoppas över")

    def paragraph(self, block: _Block, following: _Block | None = None) -> None:
        if self.current is not None and self.signatory(block):
            return
        if self.section == "follow_up" or lang.is_quote(block.text):
            return  # How the promises are followed up, or what someone said: no promise.
        promising = lang.is_promise(block.text, self.names) or (
            self.section == "promises" and not lang.is_link(block.text) and not lang.is_description(block.text))
        if promising and self.section == "promises":
            self.section_paragraphs.add(id(block))
            self.section_default = self.default
        if promising and self.current is not None and self.current.commitments \
                and _is_standalone_promise(block.text, self.names) and not self.opens_list(following):
            # Among the lists, a short paragraph whose subject promises ("Räddningstjänsten och
            # kommunen ska …", "Vi lovar att …") is one more commitment, not prose. One that opens a
            # list is the goal the list's activities serve, handled below.
            self.standalone_promise(block)
            return
        if promising and self.section not in ("goal", "problem"):
            self.take_parties_from(block)
            self.promise_paragraphs.append((self.current, block))
            opening = self.current is None or (not self.current.commitments and self.theme is None)
            if opening and self.default_line == block.line:
                self.opening = (self.default, self.default_others, block.line)
        if self.current is None:
            self.preamble.append(block)
        elif not self.current.commitments:
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
        for part in lang.promise_sentences(block.text, self.names):
            self.add_commitment(_Block(block.kind, part, block.line, block.indent))
        self.default, self.default_others, self.default_line, self.default_from_leadin = saved

    # -------------------------------------------------------- items

    def item(self, block: _Block, following: _Block | None) -> None:
        text = block.text
        if self.absorbing is not None:
            if block.level > self.absorbing and self.last_commitment is not None:
                # An explanation under a concrete commitment ("Ska genomföras vid … på olika platser").
                self.last_commitment.text = f"{self.last_commitment.text}\n\n{text}"
                return
            self.absorbing = None
        if lang.is_link(text) or is_clutter(text) or lang.is_quote(text):
            return
        if lang.is_description(text, self.names) and not lang.find_targets(text):
            self.warn(block.line, f"punkten «{_short(text)}» beskriver arbetet men lovar inget och hoppas över")
            self.note_context(text)
            return
        promises = lang.promises_by_subject(text, self.names)
        purpose = self.list_purpose or (self.section if self.section in ("goal", "problem", "follow_up") else None)
        if purpose is not None and not (promises and purpose != "follow_up"):
            kind = {"goal": "ett mål", "problem": "ett problem ur lägesbilden", "topic": "ett fokusområde",
                    "follow_up": "en beskrivning av uppföljningen"}[purpose]
            self.warn(block.line, f"punkten «{_short(text)}» är {kind}, inte ett löfte, och hoppas över")
            self.note_context(text)
            return
        if self.is_goal_list(block):
            self.warn(block.line, f"punkten «{_short(text)}» är ett mål, inte ett löfte, och hoppas över")
            return
        nested = following is not None and following.kind == "item" and following.level > block.level
        if nested and self.has_concrete_children(block) and not lang.find_targets(text):
            self.parent_item(block)
            return
        self.ensure_set(block)
        if self.parent_parties and block.level <= self.parent_parties[0]:
            self.parent_parties = None
        self.add_commitment(block)
        if nested:
            # A concrete commitment ("Genomföra minst 3 medborgarmöten per år") over nested items:
            # they explain it.
            self.absorbing = block.level

    def aims_before_activities(self) -> None:
        """ "Aktiviteter" after a bullet such as "Arbeta utifrån den lokala lägesbilden …": what came
        before the activities is their aim, when it names no party, no target and no deed of its own."""
        if self.current is None:
            return
        for theme in self.current.themes:
            aims = [c for c in theme.commitments
                    if not c.is_measurable and c.assumed_parties and lang.is_aim(c.text, self.names)]
            for commitment in aims:
                theme.commitments.remove(commitment)
                self.warn(commitment.line, f"punkten «{_short(commitment.text)}» är en inriktning före aktiviteterna, "
                                           "inte ett löfte, och hoppas över")

    def is_goal_list(self, block: _Block) -> bool:
        """A list whose every item is a goal ("Öka tryggheten …", "Minska …") under no lead-in
        of promises: what the promises should lead to."""
        if self.default_from_leadin or not lang.is_goal(block.text, self.names):
            return False
        index = self.blocks.index(block)
        start = index
        while start > 0 and not self.blocks[start].blank_before and self.blocks[start - 1].kind == "item" \
                and self.blocks[start - 1].level >= block.level:
            start -= 1
        end = index
        while end + 1 < len(self.blocks) and self.blocks[end + 1].kind == "item" \
                and not self.blocks[end + 1].blank_before and self.blocks[end + 1].level >= block.level:
            end += 1
        siblings = [b for b in self.blocks[start:end + 1] if b.level == block.level]
        return len(siblings) >= 2 and all(lang.is_goal(b.text, self.names) for b in siblings)

    def has_concrete_children(self, block: _Block) -> bool:
        """Nested items that are promises of their own (not fragments such as "vid skolor")."""
        index = self.blocks.index(block)
        children = []
        for child in self.blocks[index + 1:]:
            if child.kind != "item" or child.level <= block.level:
                break
            if child.level == block.level + 1:
                children.append(child)
        return bool(children) and all(_word_count(c.text) >= 4 or c.text[:1].isupper() for c in children)

    def parent_item(self, block: _Block) -> None:
        """ "Arbeta med trafiksäkerhet:" over nested promises is their theme, and names their parties."""
        self.ensure_set(block)
        self.theme = ThemeSpec(theme_title(block.text), block.line)
        self.current.themes.append(self.theme)
        found = lang.is_party_leadin(block.text, self.names) or lang.subject_parties(block.text, self.names)
        named = lang.parties_in(block.text, self.names)
        if not (found and found.kinds) and len([k for k in named.kinds if k != lang.OTHER_PARTY]) == 1:
            found = named  # "Arbeta med synlighet och närvaro av poliser": the police's part
        if found and found.kinds:
            self.parent_parties = (block.level, found.kinds, found.other_names)
        else:
            self.parent_parties = None

    def add_commitment(self, block: _Block) -> None:
        if self.theme is None:
            self.theme = ThemeSpec(None, None)
            self.current.themes.append(self.theme)
        text = block.text
        background, promise = lang.without_background(text, self.names)
        if background:
            self.warn(block.line, f"bakgrunden «{_short(background)}» hör inte till löftet och lämnas utanför")
            text = promise
        stated = lang.responsibility(text, self.names)
        if stated is not None:
            # "Ansvarig: Polisen" under an activity, or "(Polisen)" after it, names its party, unless
            # the activity names its own subject ("Kommunen och polisen lovar …": both promise).
            text, responsible = stated
            subject = lang.subject_parties(text, self.names)
            chosen = subject if subject and subject.kinds else responsible
            parties, others, assumed = chosen.kinds, chosen.other_names, False
        else:
            parties, others, assumed = self.parties_of(_Block(block.kind, text, block.line, block.indent))
        commitment = CommitmentSpec(0, without_item_label(text), list(parties), block.line, list(others))
        commitment.assumed_parties = assumed
        self.read_targets(commitment)
        self.theme.commitments.append(commitment)
        self.last_commitment = commitment

    def read_targets(self, commitment: CommitmentSpec) -> None:
        found = lang.find_targets(commitment.text)
        commitment.targets = [TargetSpec(t.count, t.unit, t.activity_type, t.per) for t in found]
        for phrase in lang.vague_counts(commitment.text):
            self.warn(commitment.line, f"«{_short(phrase)}» är inget exakt antal; inget mål sattes")
        coverage = lang.find_coverage(commitment.text)
        if coverage:
            commitment.area_coverage = CoverageSpec(coverage.activity_type, coverage.unit, coverage.count)
            if coverage.count is None and all(t.from_article and t.count == 1 for t in found):
                # "en medborgardialog i varje kommundel": one in every area is the coverage itself.
                commitment.targets = []
                found = []
        for target in found:
            if target.from_article:
                self.warn(commitment.line, f"«{target.unit}» i singular tolkas som målet 1")
            if target.note:
                self.warn(commitment.line, target.note)
        if not commitment.is_measurable and re.search(r"\b(minst|åtminstone)\b", commitment.text, re.IGNORECASE):
            self.warn(commitment.line, "texten anger ett antal («minst …») som inte kunde tolkas som ett mål")

    def assign_parties(self, commitment: CommitmentSpec, found: lang.Parties) -> None:
        """ "Ansvarig: Kommunen" on the line under a commitment that names no subject of its own."""
        subject = lang.subject_parties(commitment.text, self.names)
        if subject and subject.kinds:
            return
        commitment.parties = list(found.kinds)
        commitment.other_parties = list(found.other_names)
        commitment.assumed_parties = False
        self.warnings = [w for w in self.warnings
                         if not (w.startswith(f"rad {commitment.line}:") and "namnger inte vem" in w)]

    def parties_of(self, block: _Block) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
        """The item's parties, and whether they were assumed from the document rather than stated."""
        found = lang.subject_parties(block.text, self.names)
        if found and found.kinds:
            return found.kinds, found.other_names, False
        partnered = lang.without_subject(block.text, self.names)
        if partnered and partnered.kinds:
            return partnered.kinds, partnered.other_names, False
        if self.parent_parties:
            return self.parent_parties[1], self.parent_parties[2], False
        assumed = self.default_line is None
        if (found and found.we) or self.default_from_leadin:
            return self.default, self.default_others, assumed
        where = f"rad {self.default_line}" if self.default_line else "dokumentets parter"
        self.warn(
            block.line,
            f"löftet namnger inte vem som lovar; antar {_party_names(self.default)} (från {where})",
        )
        return self.default, self.default_others, assumed

    # -------------------------------------------------------- sets

    def ensure_set(self, block: _Block) -> None:
        """Lists before any period heading belong to one set whose period the prose may state."""
        if self.current is not None:
            return
        title = self.title_candidate or "Medborgarlöfte"
        self.current = PromiseSetSpec(title, None, None, block.line)
        self.sets.append(self.current)

    def promising_paragraphs_as_commitments(self) -> None:
        """Without any list, each promising sentence (or run of sentences) is one commitment."""
        if not self.promise_paragraphs:
            return
        # The promising paragraphs before any set belong to the first set (or one of their own).
        document_set = self.sets[0] if self.sets else None
        opener = self.vague_opener()
        for promise_set, block in self.promise_paragraphs:
            if block is opener:
                self.warn(block.line, f"stycket «{_short(block.text)}» är löftets övergripande inriktning och blir "
                                      "inledning, inget eget löfte")
                continue
            if promise_set is None:
                if document_set is None:
                    self.current = None
                    self.theme = None
                    self.ensure_set(block)
                    document_set = self.current
                promise_set = document_set
                if block in self.preamble:
                    self.preamble.remove(block)
            if block.text in promise_set.intro_paragraphs:
                promise_set.intro_paragraphs.remove(block.text)
            self.current = promise_set
            self.theme = self.paragraph_theme(promise_set, block)
            in_section = id(block) in self.section_paragraphs
            if in_section:
                parts = lang.promise_sentences(block.text, self.names)
            else:
                parts, background = lang.promise_clauses(block.text, self.names)
                if background and parts:
                    self.warn(block.line, f"bakgrunden «{_short(background)}» hör inte till löftet och lämnas utanför")
            for part in parts:
                subject = lang.subject_parties(part, self.names)
                self.default = subject.kinds if subject and subject.kinds else (
                    self.section_default if in_section else lang.BOTH)
                self.default_from_leadin = True
                self.add_commitment(_Block("text", part, block.line, block.indent))
            self.warn(block.line, "dokumentet har inga punktlistor; stycket tolkas som löften")

    def vague_opener(self) -> _Block | None:
        """The first promising paragraph when it only strives ("Polis och kommun lovar att bidra till
        ett förstärkt förebyggande arbete …") and concrete promises follow: the promise's overall
        direction, kept as the introduction."""
        plain = [b for _, b in self.promise_paragraphs if id(b) not in self.section_paragraphs]
        if len(plain) < 2 or not lang.vague_phrases(plain[0].text):
            return None
        return plain[0]

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
        preamble = [b.text for b in self.preamble]
        for index, promise_set in enumerate(self.sets):
            if not promise_set.intro_paragraphs:
                # The page's introduction, before the first period heading, introduces its sets.
                promise_set.intro_paragraphs = list(preamble)
            self.drop_empty_themes(promise_set)
            self.resolve_period(promise_set, preamble_context=index == 0 or len(self.sets) == 1)
            if promise_set.area is None:
                promise_set.area = next(
                    (a for a in map(lang.area_in_prose, promise_set.intro_paragraphs + promise_set.context) if a), None)
            self.parties_from_signatories(promise_set)
            for number, commitment in enumerate(promise_set.commitments, start=1):
                commitment.number = number
        self.sets = [s for s in self.sets if s.commitments]

    def resolve_period(self, promise_set: PromiseSetSpec, *, preamble_context: bool) -> None:
        """The set's period from its heading and the prose around its promises (periods.combine)."""
        texts = promise_set.intro_paragraphs + promise_set.context
        if preamble_context:
            texts = [b.text for b in self.preamble] + self.preamble_context + texts
        if self.title_candidate and promise_set.heading_period is None:
            texts.append(self.title_candidate)
        heading = promise_set.heading_period
        if heading is None and self.title_candidate and _names_a_promise(self.title_candidate):
            heading = periods.in_heading(self.title_candidate)
        prose = [m for text in dict.fromkeys(texts) for m in periods.in_prose(text)]
        combined = periods.combine(heading, prose)
        for warning in dict.fromkeys(combined.warnings):
            self.warn(promise_set.line, warning)
        if combined.period is None:
            implied = periods.implied_by([c.text for c in promise_set.commitments])
            if implied is None:
                self.warn(promise_set.line, "hittade ingen period för löftena")
                return
            promise_set.set_period(implied)
            self.warn(promise_set.line, f"perioden {promise_set.period_label} är hämtad ur årtalen i löftena; "
                                        "kontrollera den")
            return
        promise_set.set_period(combined.period)
        if combined.from_prose and promise_set.heading_period is None:
            self.warn(promise_set.line, f"perioden {promise_set.period_label} är hämtad ur texten, inte ur en rubrik")

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


_STANDALONE_MAX_WORDS = 45


def _is_standalone_promise(text: str, names: lang.Names) -> bool:
    """A one-sentence-ish paragraph whose subject is a party and whose verb promises."""
    subject = lang.subject_parties(text, names)
    return (
        subject is not None and subject.found and _word_count(text) <= _STANDALONE_MAX_WORDS
        and not lang.is_follow_up(text)
    )


def _names_a_party_first(text: str, names: lang.Names | None = None) -> bool:
    """ "Polisen och kommunen:" or "Vi:" names whose promises follow; "Trygga skolor:" names a theme."""
    first = lang.words(text)[:1]
    return bool(first) and (lang.party_of_word(first[0], names) is not None or first[0].lower() in lang.WE_WORDS)


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
