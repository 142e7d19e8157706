"""Fixtures of the situation tests: recorded files in the sources' real shapes, and places."""

from __future__ import annotations

import io
from pathlib import Path

from tests import factories

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def places():
    """Strängnäs and Eskilstuna (Södermanlands län) and Stockholm, with Strängnäs' areas."""
    strangnas = factories.municipality()
    eskilstuna = factories.municipality(code="0484", name="Eskilstuna")
    stockholm = factories.municipality(code="0180", name="Stockholm", county="Stockholms län", county_code="01")
    factories.areas(strangnas)
    return strangnas, eskilstuna, stockholm


def csv(text: str) -> bytes:
    """A CSV as Swedish Excel saves it: UTF-8 with BOM."""
    return "\ufeff".encode() + text.encode()


def events_stream(text: str):
    return io.BytesIO(text.encode())
