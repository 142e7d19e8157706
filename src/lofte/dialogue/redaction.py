"""Automatic redaction of citizen input before publication (DESIGN.md §3).

Personal identity numbers (personnummer and samordningsnummer), Swedish phone numbers and e-mail
addresses are replaced by a bracketed note. Identity numbers are redacted only when their Luhn check
digit is valid, so that ordinary ten-digit figures (an invoice number, a sum) are left alone; names
of people cannot be found reliably by a program and are the moderator's to remove.
"""

from __future__ import annotations

import re

PERSONAL_NUMBER_NOTE = "[personnummer borttaget]"
PHONE_NOTE = "[telefonnummer borttaget]"
EMAIL_NOTE = "[e-postadress borttagen]"

# YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDDNNNN, YYYYMMDD-NNNN or YYMMDDNNNN, not inside a longer number.
_PERSONAL_NUMBER = re.compile(r"(?<![\d-])((?:19|20)?\d{6})\s?([-+]?)\s?(\d{4})(?![\d])")
# An e-mail address, also written to dodge robots: "anna(at)example.se", "anna [at] example [dot]
# se", "anna snabel-a example punkt se". A spelled-out "at"/"dot" without brackets counts only
# with spaces around it and a top-level domain of letters at the end, so prose stays untouched.
_AT = r"(?:\s?@\s?|\s?[(\[{<]\s?(?:at|@|snabel-?a)\s?[)\]}>]\s?|\s(?:at|snabel-?a)\s)"
_DOT = r"(?:\.|\s?[(\[{<]\s?(?:dot|punkt|\.)\s?[)\]}>]\s?|\s(?:dot|punkt)\s)"
_EMAIL = re.compile(rf"(?<![\w.+-])[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[^\W\d_]{{2,24}}\b", re.IGNORECASE)
# Mobile 07x-xxx xx xx, +46 7x-…, 0046…, and landlines such as 08-123 45 67 or 0152-123 45:
# a leading 0 or +46/0046, then 6 to 10 more digits with optional spaces, hyphens or a slash.
# An identity-number shape (YYMMDD-NNNN) that failed its check is left alone, not taken for a phone.
_PHONE = re.compile(r"(?<![\w+])(?!\d{6}[-+]\d{4}(?!\d))(?:\+46|0046|0)\s?\(?0?\)?\s?[1-9](?:[\s\-/]?\d){5,9}(?!\d)")


def luhn_valid(digits: str) -> bool:
    """The Luhn check over ten digits (YYMMDDNNNC), as used by Swedish identity numbers."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(digits):
        value = int(ch) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _plausible_date(yymmdd: str) -> bool:
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    # Samordningsnummer add 60 to the day.
    if day > 60:
        day -= 60
    return 1 <= month <= 12 and 1 <= day <= 31


def _personal_number(match: re.Match) -> str:
    date_part, _sep, tail = match.groups()
    ten = date_part[-6:] + tail
    if _plausible_date(date_part[-6:]) and luhn_valid(ten):
        return PERSONAL_NUMBER_NOTE
    return match.group(0)


def redact(text: str) -> str:
    """The text with identity numbers, e-mail addresses and phone numbers replaced by notes."""
    text = _EMAIL.sub(EMAIL_NOTE, text)
    text = _PERSONAL_NUMBER.sub(_personal_number, text)
    return _PHONE.sub(PHONE_NOTE, text)
