"""Text repair: the PDF and web artefacts of promise documents are repaired by general rules."""

import pytest

from lofte.promises.importing import PromiseImportError
from lofte.promises.importing.text import decode_document, repair_text, split_lines, strip_bullet


def test_a_word_glued_to_och_gets_its_hyphen_back():
    assert repair_text("genomföra trafikoch informationsoch kontrollinsatser") == (
        "genomföra trafikoch informations- och kontrollinsatser"
    )


def test_a_word_glued_to_eller_gets_its_hyphen_back():
    assert repair_text("ordna föräldraseller ungdomsträffar") == "ordna föräldras- eller ungdomsträffar"


def test_a_glued_word_before_a_short_word_is_left_alone():
    assert repair_text("informationsoch en") == "informationsoch en"


def test_a_real_word_ending_like_a_glued_one_is_left_alone():
    assert repair_text("en bestseller bland föräldrarna") == "en bestseller bland föräldrarna"


def test_a_space_after_a_hyphen_inside_a_word_is_removed():
    assert repair_text("mopedbilar och EPA- traktorer") == "mopedbilar och EPA-traktorer"


def test_a_hyphen_before_och_keeps_its_space():
    assert repair_text("tobak- och alkoholbruk") == "tobak- och alkoholbruk"


def test_a_hyphen_between_spaces_is_left_alone():
    assert repair_text("Heden - området") == "Heden - området"


def test_soft_hyphens_are_removed():
    assert repair_text("trygg\u00adhets\u00advandring") == "trygghetsvandring"


def test_whitespace_is_collapsed():
    assert repair_text("  minst\u00a0två \t  träffar  ") == "minst två träffar"


@pytest.mark.parametrize("line", ["• Text", "● Text", "- Text", "– Text", "* Text", "▪ Text"])
def test_bullet_glyphs_are_stripped(line):
    assert strip_bullet(line) == ("glyph", "Text")


@pytest.mark.parametrize("line", ["1. Text", "12) Text"])
def test_item_numbers_are_stripped(line):
    assert strip_bullet(line) == ("number", "Text")


def test_a_negative_number_is_no_bullet():
    assert strip_bullet("-20 grader") == (None, "-20 grader")


def test_lines_keep_their_numbers_and_indentation():
    lines = split_lines("Rubrik\n\n  • Punkt")
    assert [(line.number, line.text, line.indent, line.bullet) for line in lines] == [
        (1, "Rubrik", 0, None), (2, "", 0, None), (3, "Punkt", 2, "glyph"),
    ]


def test_an_empty_file_is_refused():
    with pytest.raises(PromiseImportError, match="tom"):
        decode_document(b" \n\n")


def test_a_file_with_nul_bytes_is_refused_as_binary():
    with pytest.raises(PromiseImportError, match="binära"):
        decode_document(b"%PDF-1.7\x00\x01\x02")


def test_a_latin1_file_is_read_as_latin1():
    text = "Polisen lovar trygghetsvandringar i Strängnäs och Åkers styckebruk"
    assert decode_document(text.encode("latin-1")) == text


def test_a_windows_1252_file_keeps_its_dashes_and_quotes():
    text = "Polisen lovar – «trygghetsvandringar» i Strängnäs”"
    assert decode_document(text.encode("cp1252")) == text


def test_utf16_with_a_byte_order_mark_is_read():
    assert decode_document("Medborgarlöfte 2024".encode("utf-16")) == "Medborgarlöfte 2024"


def test_a_byte_order_mark_is_dropped():
    assert decode_document("\ufeffText".encode("utf-8")) == "Text"


def test_bidirectional_controls_are_removed_from_imported_text():
    """Reproduces 9.16: U+202E (right-to-left override) and other bidi controls in an imported
    document reached the public pages, reordering what readers see."""
    lines = split_lines("• Polisen \u202egpj.exe\u202c och \u2067kommunen\u2069 lovar\u200f trygghet.")
    assert lines[0].text == "Polisen gpj.exe och kommunen lovar trygghet."
