"""Automatic redaction before publication: identity numbers (Luhn-checked), phone numbers, e-mail."""

import pytest

from lofte.dialogue.redaction import EMAIL_NOTE, PERSONAL_NUMBER_NOTE, PHONE_NOTE, luhn_valid, redact

# 811218-9876 is a valid test identity number (its Luhn check digit is 6).
VALID = ["811218-9876", "8112189876", "19811218-9876", "198112189876", "811218+9876", "811278-9873"]


@pytest.mark.parametrize("number", VALID)
def test_it_redacts_identity_numbers_with_a_valid_check_digit(number):
    assert redact(f"Mitt nummer är {number}, tack.") == f"Mitt nummer är {PERSONAL_NUMBER_NOTE}, tack."


@pytest.mark.parametrize("number", ["811218-9875", "8112189870", "19811218-9871"])
def test_it_leaves_numbers_that_fail_the_check_digit(number):
    assert redact(f"Ärende {number}.") == f"Ärende {number}."


def test_the_luhn_check_follows_the_swedish_rule():
    assert luhn_valid("8112189876")
    assert not luhn_valid("8112189875")
    assert not luhn_valid("811218987")


@pytest.mark.parametrize("phone", ["070-123 45 67", "0701234567", "+46 70 123 45 67", "+46701234567",
                                   "08-123 45 67", "0152-123 45", "073 123 45 67"])
def test_it_redacts_swedish_phone_numbers(phone):
    assert redact(f"Ring mig på {phone} i kväll") == f"Ring mig på {PHONE_NOTE} i kväll"


def test_it_redacts_email_addresses():
    assert redact("Skriv till anna.berg+trygg@example.se.") == f"Skriv till {EMAIL_NOTE}."


def test_it_leaves_ordinary_numbers_and_years_alone():
    text = "Sedan 2023 har 12 lampor gått sönder, kl 18:00 varje dag, kostnad 15000 kr."
    assert redact(text) == text


@pytest.mark.parametrize("written", [
    "anna(at)example.se", "anna (at) example.se", "anna[at]example.se", "anna [at] example [dot] se",
    "anna(at)example(dot)se", "anna at example dot se", "anna snabel-a example punkt se", "anna @ example.se",
    "anna{at}sub.example.co.uk",
])
def test_it_redacts_email_addresses_written_to_dodge_robots(written):
    """Reproduces 9.16: `anna(at)example.se` escaped redaction."""
    assert redact(f"Mejla {written} i morgon.") == f"Mejla {EMAIL_NOTE} i morgon."


@pytest.mark.parametrize("text", [
    "Vi ses at 10.30 vid torget.", "Storgatan 12 (at) hemma.", "Priset var 3.5 kr.", "Meet at the station.",
])
def test_prose_that_only_looks_like_an_address_is_left_alone(text):
    assert redact(text) == text


def test_redaction_takes_linear_time_on_long_runs_of_word_characters():
    import time

    started = time.perf_counter()
    for text in ("a" * 4000, "a." * 2000, "a-b " * 1000, "a@" + "a." * 2000):
        redact(text)
    assert time.perf_counter() - started < 1.0
