"""No personal data of citizens: identifiers are refused, context (dates, times, counts) is not."""

import pytest
from django.core.exceptions import ValidationError

from id_checks.validators import validate_no_personal_data


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("RRN 85.07.30-033.61 gezien", "een rijksregisternummer"),
        ("85073003361", "een rijksregisternummer"),
        ("850730 033 61", "een rijksregisternummer"),
        ("850730-033-61", "een rijksregisternummer"),
        ("kaart 591-1234567-89", "een identiteitskaartnummer"),
        ("591123456789", "een identiteitskaartnummer"),
        ("verblijfskaart B 0123456 78", "een identiteitskaartnummer"),
        ("paspoort EH123456", "een paspoortnummer"),
        ("bel 0470 12 34 56", "een telefoonnummer"),
        ("09/266.70.00", "een telefoonnummer"),
        ("+32 470 12 34 56", "een telefoonnummer"),
        ("mail naar iemand@voorbeeld.be", "een e-mailadres"),
        ("BE68 5390 0754 7034", "een rekeningnummer"),
        ("wagen 1-ABC-123", "een nummerplaat"),
    ],
)
def test_identifiers_of_persons_are_refused(text, what):
    with pytest.raises(ValidationError) as error:
        validate_no_personal_data(text)
    assert error.value.messages == [
        f"Deze tekst lijkt {what} te bevatten. Registreer geen persoonsgegevens van burgers: "
        "verwijder het."
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Actie op 01/07/2023 van 14:00 tot 22:00",
        "Van 2023-07-14 tot 2023-07-23",
        "Een 50-tal personen",
        "Zuid, 12 straten, 3 ploegen",
        "Sint-Pietersnieuwstraat 120-124",
        "Start 14u00, einde 02u30",
        "9000 Gent",
        "Referentie TOE-2023-001",
        "",
    ],
)
def test_context_is_accepted(text):
    validate_no_personal_data(text)
