"""Turning a document's bytes into clean text lines.

Promise documents reach us as text copied from web pages or extracted from PDFs. Both carry
artefacts: soft hyphens, non-breaking spaces, bullet glyphs, and the PDF habit of losing the
"- " of a compound that was split over a line break ("informationsoch dialogmöten") or keeping
a stray space after a hyphen ("EPA- traktorer"). The rules here are general rules of Swedish
typography, never replacements of particular strings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from lofte.lib.text import BIDI_CONTROLS

from .errors import PromiseImportError

# Characters that carry no text: a soft hyphen only marks where a word may be broken, the
# zero-width characters are layout debris from web pages, and bidirectional controls (U+202E …)
# would reorder what readers of the public pages see.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff" + BIDI_CONTROLS), None)
# Spaces of every width become a plain space so that the rules below see one kind of space.
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]+")
_MANY_SPACES = re.compile(r" {2,}")

# Bullet glyphs that start a list item, followed by at least one space. A hyphen or dash only
# counts when a space follows, so that a line such as "-20 grader" is left alone. Word's bullets
# reach PDFs as Symbol/Wingdings private-use characters, and its second-level bullet as "o".
_GLYPH_BULLET = re.compile(r"^(?:[•●▪◦‣∙·■□►▶➢✓✔*\-–—\uf0b7\uf0a7\uf076\uf0d8\uf0fc]|o(?=\s+[A-ZÅÄÖa-zåäö]{2}))\s+")
# Numbered items: "1." or "1)" followed by a space. Years ("2021.") are too long to match.
_NUMBER_BULLET = re.compile(r"^(\d{1,2})[.)]\s+")

# Words that may follow a hyphen plus space without being glued to it: in "tobak- och
# alkoholbruk" the hyphen stands for the elided head of a compound and must stay.
_HYPHEN_CONTINUATIONS = {"och", "eller", "samt", "till", "respektive", "resp", "som", "men", "utan", "liksom"}
_HYPHEN_SPACE = re.compile(r"(?<=\w)- (?=([a-zåäöéü]+))")

# A word glued to a following conjunction: the PDF lost the "- " of "informations- och". Only a
# stem ending in the linking -s of Swedish compounds qualifies, which keeps real words safe.
_GLUED_CONJUNCTION = re.compile(r"^(\w{3,}s)(och|eller)$", re.IGNORECASE)
# Real words that happen to look glued ("bestseller"); few, but they must never be split.
_NOT_GLUED = {"bestseller", "bestsellers", "karuseller"}
# The glued form is only repaired when a compound follows it that can take the elided head:
# a lower-case word long enough to be a compound ("dialogmöten"), not a function word.
_MIN_COMPOUND_LENGTH = 6


@dataclass(frozen=True)
class Line:
    """One line of a document: its 1-based number, its repaired text and its shape."""

    number: int
    text: str
    indent: int
    bullet: str | None  # "glyph", "number" or None
    # The bullet as written ("•", "◦", "1."), so that a list nested with another glyph is told apart.
    marker: str = ""

    @property
    def is_blank(self) -> bool:
        return not self.text

    @property
    def is_item(self) -> bool:
        return self.bullet is not None


def decode_document(data: bytes) -> str:
    """The text of a document's bytes in whatever common encoding it has, or PromiseImportError.

    UTF-8 (with or without BOM) and UTF-16 with a BOM are read as such. Otherwise Windows-1252,
    which Swedish Windows programs write and which contains Latin-1, is tried: Swedish text in it
    decodes without C1 control characters. Anything else is left to charset-normalizer.
    """
    if not data or not data.strip():
        raise PromiseImportError("filen är tom")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _non_empty(data.decode("utf-16"))
        except UnicodeDecodeError:
            raise PromiseImportError("filen säger sig vara UTF-16 men är inte giltig UTF-16") from None
    if b"\x00" in data or _looks_binary(data):
        raise PromiseImportError("filen är inte en textfil (den innehåller binära data)")
    try:
        return _non_empty(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and not re.search("[\x80-\x9f]", text):
        return _non_empty(text)
    return _non_empty(_guess_encoding(data))


def _guess_encoding(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise PromiseImportError("filens teckenkodning kunde inte avgöras; spara den som UTF-8")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise PromiseImportError("filens teckenkodning kunde inte avgöras; spara den som UTF-8") from None


def _non_empty(text: str) -> str:
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise PromiseImportError("filen är tom")
    return text


def _looks_binary(data: bytes) -> bool:
    """True when many bytes are control characters, which no text document contains."""
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


def split_lines(text: str) -> list[Line]:
    """The document's lines, repaired, with their numbers, indentation and bullet kind."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return [_make_line(number, raw) for number, raw in enumerate(text.split("\n"), start=1)]


def _make_line(number: int, raw: str) -> Line:
    cleaned = _SPACES.sub(" ", raw.translate(_INVISIBLE)).rstrip()
    indent = len(cleaned) - len(cleaned.lstrip(" "))
    body = cleaned.strip()
    bullet, text = strip_bullet(body)
    marker = body[: len(body) - len(text)].strip() if bullet else ""
    return Line(number=number, text=repair_text(text), indent=indent, bullet=bullet, marker=marker)


def strip_bullet(text: str) -> tuple[str | None, str]:
    """The bullet kind of a line ("glyph", "number" or None) and the line without its bullet."""
    match = _GLYPH_BULLET.match(text)
    if match:
        return "glyph", text[match.end():].strip()
    match = _NUMBER_BULLET.match(text)
    if match:
        return "number", text[match.end():].strip()
    return None, text


def repair_text(text: str) -> str:
    """Text with the artefacts of its PDF or web origin repaired and its whitespace collapsed."""
    text = _SPACES.sub(" ", text.translate(_INVISIBLE))
    text = _MANY_SPACES.sub(" ", text).strip()
    text = _join_hyphen_space(text)
    return _split_glued_conjunctions(text)


def _join_hyphen_space(text: str) -> str:
    """ "EPA- traktorer" becomes "EPA-traktorer"; "tobak- och alkohol" is left as it is."""

    def join(match: re.Match) -> str:
        return "- " if match.group(1) in _HYPHEN_CONTINUATIONS else "-"

    return _HYPHEN_SPACE.sub(join, text)


def _split_glued_conjunctions(text: str) -> str:
    """ "informationsoch dialogmöten" becomes "informations- och dialogmöten"."""
    words = text.split(" ")
    for index, word in enumerate(words[:-1]):
        match = _GLUED_CONJUNCTION.match(word)
        if not match or word.lower() in _NOT_GLUED:
            continue
        following = words[index + 1].strip(".,;:!?()")
        if _can_take_elided_head(following):
            words[index] = f"{match.group(1)}- {match.group(2)}"
    return " ".join(words)


def _can_take_elided_head(word: str) -> bool:
    return len(word) >= _MIN_COMPOUND_LENGTH and word.isalpha() and word[0].islower()
