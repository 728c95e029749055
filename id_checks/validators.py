"""No personal data of citizens in the free text of ID-check records.

The records hold counts and context only. These validators refuse text that looks like an
identifier of a person: Belgian national register (and BIS) numbers, identity card and
passport numbers, phone numbers, e-mail addresses, bank accounts and licence plates.
They cannot recognise names or descriptions; the help texts ask people not to write them.
"""

import re

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
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), _("an e-mail address")),
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


def validate_no_personal_data(value: str) -> None:
    """Refuse text that contains what looks like an identifier of a person."""
    text = DATES_AND_TIMES.sub(" ", value or "")
    for pattern, what in PATTERNS:
        if pattern.search(text):
            raise ValidationError(
                _(
                    "This text seems to contain %(what)s. Do not record personal data of "
                    "citizens: remove it."
                ),
                code="personal_data",
                params={"what": what},
            )
