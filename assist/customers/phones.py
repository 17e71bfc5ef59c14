"""Phone numbers as softphones, CTI systems and CRMs write them, turned into one key (E.164).

A call arrives as `sip:8613800138000@host`, `+86 138 0013 8000`, `013800138000` or `138-0013-8000`; the CRM
may have stored any other of those. `phonenumbers` knows each region's trunk and international prefixes, so
all of them become `+8613800138000` and one indexed lookup finds the customer.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import phonenumbers

DEFAULT_REGION = "CN"
# Longest E.164 number is 15 digits; with prefixes, separators and a SIP host a real one stays far below.
MAX_INPUT = 256
# What softphones and CTI systems send for a caller who withheld the number.
_WITHHELD = {"", "anonymous", "unknown", "restricted", "private", "unavailable", "withheld", "hidden",
             "0", "00", "none", "null"}
_URI = re.compile(r"^(?:sips?|tel):(?P<user>[^@;?]*)", re.IGNORECASE)
_DIALLABLE = re.compile(r"[0-9+()\-.\s/]+")


class PhoneError(ValueError):
    """The text is not a phone number (what the CRM import reports, with its line)."""


def caller_part(raw: str) -> str:
    """The number part of what a softphone sends: the user of a SIP or tel URI, else the text itself."""
    text = raw.strip()
    match = _URI.match(text)
    if match:
        text = unquote(match.group("user"))
    return text.strip()


def is_withheld(raw: str | None) -> bool:
    return raw is None or caller_part(raw).lower() in _WITHHELD


def to_e164(raw: str, region: str = DEFAULT_REGION) -> str:
    """The E.164 form of a number written in any common way, or PhoneError saying why not.

    A number with no `+` is read as dialled in `region` first; if that is not a valid number there but
    the digits are a valid international one (a SIP user part like `85291234567`), that is taken.
    """
    if len(raw) > MAX_INPUT:
        raise PhoneError(f"too long for a phone number ({len(raw)} characters)")
    text = caller_part(raw)
    if not text or not _DIALLABLE.fullmatch(text):
        raise PhoneError("not a phone number: only digits, '+', spaces, '-', '.', '/' and brackets "
                         "belong in one")
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        raise PhoneError(f"not a phone number: {error._msg}") from None
    if phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    digits = re.sub(r"\D", "", text)
    if not text.startswith("+") and digits:
        try:
            international = phonenumbers.parse("+" + digits, None)
        except phonenumbers.NumberParseException:
            international = None
        if international is not None and phonenumbers.is_valid_number(international):
            return phonenumbers.format_number(international, phonenumbers.PhoneNumberFormat.E164)
    if phonenumbers.is_possible_number(number):
        # Not in the numbering plan as phonenumbers knows it (a new range, a test line), but shaped
        # like a number: keep it, so the same digits still find the same customer.
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    raise PhoneError("not a possible phone number (wrong length for its region)")


def phone_tail(e164: str) -> str:
    return e164[-4:]


def masked(e164: str) -> str:
    """What the card shows until the agent asks for the whole number: the last four digits only."""
    return "•••• " + phone_tail(e164) if len(e164) > 4 else "••••"


def region_ok(region: str) -> bool:
    return region.upper() in phonenumbers.SUPPORTED_REGIONS
