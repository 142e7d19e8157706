"""A commitment's short title is derived from its text by one rule (lofte.promises.titles)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lofte.promises.titles import MAX_LENGTH, short_title


@pytest.mark.parametrize(("text", "title"), [
    ("Strängnäs kommun kommer i samverkan med polisen att genomföra minst fyra trygghetsvandringar i kommunen.",
     "Minst fyra trygghetsvandringar i kommunen"),
    ("Polisen lovar insatser mot trimmade mopeder och A-traktorer.", "Insatser mot trimmade mopeder och A-traktorer"),
    ("Strängnäs kommun kommer under året att samordna minst två föräldraträffar på skolor, för förebyggande "
     "information där polisen medverkar.", "Minst två föräldraträffar på skolor"),
    ("Polisen och Strängnäs kommun lovar att arbeta för en säker och trygg trafikmiljö med särskilt fokus på "
     "oskyddade trafikanter.", "Arbeta för en säker och trygg trafikmiljö"),
    ("Polisen och Strängnäs kommun lovar att genom förebyggande och tidiga insatser arbeta för att skydda unga i "
     "Strängnäs kommun från narkotika och andra droger.", "Skydda unga i Strängnäs kommun från narkotika och andra droger"),
    ("Kommunen och polisen kommer att genomföra en gemensam informationskampanj för föräldrar med inriktning på "
     "mopedbilar och EPA-traktorer.", "Gemensam informationskampanj för föräldrar"),
    ("Vi ska genomföra tre dialogmöten under 2024.", "Tre dialogmöten"),
    ("Öka tryggheten i centrum.", "Öka tryggheten i centrum"),
    ("Polisen åtar sig att hålla öppet hus på stationen varje månad.", "Öppet hus på stationen varje månad"),
    # Passives: the work is the subject, and an empty "det" names nothing.
    ("Minst tre trygghetsvandringar per år ska genomföras, varav minst en i centrum.",
     "Minst tre trygghetsvandringar per år, varav minst en i centrum"),
    ("Varje höst kommer det att genomföras tillsyn hos restauranger.", "Tillsyn hos restauranger"),
    ("Varje år kommer minst en kampanj mot langning att genomföras.", "Minst en kampanj mot langning"),
    ("Nya grannsamverkansområden ska startas upp, minst två per år.", "Nya grannsamverkansområden, minst två per år"),
    # A present-tense doing verb after who promises.
    ("Kommunen erbjuder minst ett tillfälle för dialog med unga.", "Minst ett tillfälle för dialog med unga"),
])
def test_the_title_names_the_work_without_who_promises(text, title):
    assert short_title(text) == title


def test_a_long_sentence_without_a_clause_is_cut_at_a_word_with_an_ellipsis():
    title = short_title("Polisen lovar " + "mycket långa ord om trygghet " * 6 + ".")
    assert title.endswith("…") and len(title) <= MAX_LENGTH + 1
    assert not title[:-1].endswith(" ")


def test_only_the_first_sentence_is_used():
    assert short_title("Polisen lovar narkotikasök med hund på skolor. Det betyder att polisen besöker skolor.") == (
        "Narkotikasök med hund på skolor")


def test_an_empty_text_gives_an_empty_title():
    assert short_title("") == "" and short_title("   ") == ""


@given(st.text(max_size=400))
def test_any_text_gives_a_title_of_at_most_seventy_characters_and_an_ellipsis(text):
    assert len(short_title(text)) <= MAX_LENGTH + 1
