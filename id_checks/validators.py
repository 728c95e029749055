"""No personal data of citizens in the free text of ID-check records.

The records hold counts and context only. These validators refuse text that looks like an
identifier of a person: Belgian national register (and BIS) numbers, identity card and
passport numbers, phone numbers, e-mail addresses, bank accounts and licence plates.
They cannot recognise names or descriptions; the help texts ask people not to write them.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Separators people type inside numbers: spaces, dots, dashes, slashes.
_SEP = r"[\s./-]?"

PATTERNS = [
    (
        # Rijksregisternummer / BIS number: YY.MM.DD-XXX.CC, or its 11 digits run together.
        re.compile(
            rf"(?<![\d/.-])\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{3}}{_SEP}\d{{2}}(?![\d/])"
        ),
        _("a national register number"),
    ),
    (
        # Belgian eID card number 000-0000000-00, foreigner's card B 0123456 78.
        re.compile(rf"(?<!\d)(?:\d{{3}}|[A-Z]){_SEP}\d{{7}}{_SEP}\d{{2}}(?!\d)", re.IGNORECASE),
        _("an identity card number"),
    ),
    (
        # Passport numbers: two letters and six or seven digits (EH123456).
        re.compile(r"\b[A-Z]{2}\d{6,7}\b"),
        _("a passport number"),
    ),
    (
        re.compile(
            r"(?:\+|00)\d{2}[\s./-]?\(?\d\)?(?:[\s./-]?\d){7,9}\b|\b0\d(?:[\s./-]?\d){7,8}\b"
        ),
        _("a phone number"),
    ),
    (re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[\dA-Z]{4}){3,7}\b"), _("a bank account number")),
    (re.compile(r"\b\d-[A-Z]{3}-\d{3}\b", re.IGNORECASE), _("a licence plate")),
]

NO_PERSONAL_DATA_HELP = _(
    "No personal data of citizens: no names, ID or register numbers, phone numbers, licence "
    "plates or descriptions of persons."
)


# Dates with a four-digit year and clock times are context, not identifiers; they are taken
# out first so that "01/07/2023 14:00" is not read as a phone number.
DATES_AND_TIMES = re.compile(
    r"\b(?:0?[1-9]|[12]\d|3[01])[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)\d{2}\b"
    r"|\b(?:19|20)\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])\b"
    r"|\b(?:[01]?\d|2[0-3])[:uh][0-5]\d\b"
)

# --- Obfuscations: spacing, separators and spelled-out symbols are undone first -----------
# What people (or someone getting round the check) put between the digits of one number.
_GAP = r"[\s./\\_,()\[\]\u00b7\u2010-\u2015\u2212-]*"
# A number written with any separators, possibly with a leading + (international phone).
DIGIT_RUN = re.compile(rf"(?:\+{_GAP})?\d(?:{_GAP}\d)*")
_AT = re.compile(
    r"\s*[(\[{<]\s*(?:at|a|@|apenstaart)\s*[)\]}>]\s*|\s+(?:at|apenstaart)\s+", re.IGNORECASE
)
_DOT = re.compile(r"\s*[(\[{<]\s*(?:dot|punt)\s*[)\]}>]\s*|\s+(?:dot|punt)\s+", re.IGNORECASE)
# An address is looked for around each "@" only: a pattern that starts anywhere would try
# every position of a long run of letters (100,000 of them took 50 s).
_LOCAL_PART_END = re.compile(r"[\w.+-]{1,64}$")
_DOMAIN = re.compile(r"[\w-]+\.[\w.-]+")
# Current Belgian plates (1-ABC-123), in capitals, with any separators (also between letters).
PLATE = re.compile(rf"(?<![\w])[1-9]{_GAP}[A-Z](?:{_GAP}[A-Z]){{2}}{_GAP}\d(?:{_GAP}\d){{2}}(?!\d)")


def normalise(text: str) -> str:
    """Undo what hides an identifier from the patterns: compatibility characters (full-width
    digits), invisible ones (zero-width spaces), "(at)", "[dot]", " punt " and spacing around
    "@" and the dots of an address."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    text = _DOT.sub(".", _AT.sub("@", text))
    text = re.sub(r"\s*@\s*", "@", text)
    return re.sub(r"(?<=\w)\s*\.\s*(?=\w)", ".", text)


def _mod97(number: str) -> int:
    return 97 - int(number) % 97


def _is_national_number(digits: str) -> bool:
    """YYMMDD, a serial and a check of 97 (born from 2000 on: with a 2 in front)."""
    month, day, check = int(digits[2:4]) % 20, int(digits[4:6]), int(digits[9:])
    if month > 12 or day > 31:
        return False
    return check in (_mod97(digits[:9]), _mod97("2" + digits[:9]))


def _is_card_number(digits: str) -> bool:
    """Belgian eID card: ten digits and a check of 97 (97 when the remainder is 0)."""
    return int(digits[10:]) == (int(digits[:10]) % 97 or 97)


def _is_phone_number(run: str, digits: str) -> bool:
    if run.startswith("+") or digits.startswith("00"):
        return 9 <= len(digits.removeprefix("00")) <= 13
    return re.fullmatch(r"0[1-9]\d{7,8}", digits) is not None


def _number_found(text: str):
    """What a number written with any separators is, or None."""
    for match in DIGIT_RUN.finditer(text):
        run = match.group()
        digits = re.sub(r"\D", "", run)
        if _is_phone_number(run, digits):
            return _("a phone number")
        for start in range(len(digits) - 10):
            if _is_national_number(digits[start : start + 11]):
                return _("a national register number")
            if len(digits) - start >= 12 and _is_card_number(digits[start : start + 12]):
                return _("an identity card number")
    return None


def _email_found(text: str) -> bool:
    for at in (match.start() for match in re.finditer("@", text)):
        before = _LOCAL_PART_END.search(text, max(0, at - 64), at)
        if before and _DOMAIN.match(text, at + 1, at + 256):
            return True
    return False


def personal_data_found(value: str):
    """What kind of identifier `value` seems to contain, or None."""
    text = DATES_AND_TIMES.sub(" ", normalise(value or ""))
    for pattern, what in PATTERNS:
        if pattern.search(text):
            return what
    if _email_found(text):
        return _("an e-mail address")
    if PLATE.search(text):
        return _("a licence plate")
    return _number_found(text)


def validate_no_personal_data(value: str) -> None:
    """Refuse text that contains what looks like an identifier of a person."""
    what = personal_data_found(value)
    if what is not None:
        raise ValidationError(
            _(
                "This text seems to contain %(what)s. Do not record personal data of "
                "citizens: remove it."
            ),
            code="personal_data",
            params={"what": what},
        )
