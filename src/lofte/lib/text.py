"""Text rules shared by everything that takes text from outside (citizens, imported documents)."""

from __future__ import annotations

# Unicode's explicit bidirectional formatting characters: embeddings, overrides (U+202E turns
# "gpj.exe" into what reads as "exe.jpg"), isolates and the directional marks. Ordinary Arabic or
# Hebrew text needs none of them (the bidi algorithm orders it), so they are dropped, never shown.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NO_BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS), None)


def strip_bidi_controls(text: str) -> str:
    """The text without bidirectional control characters."""
    return text.translate(_NO_BIDI)
