"""Every list page's filters, and the dashboard's, read as Dutch: capitalised labels that say
what they filter, "Alle …" rather than "---------", yes/no choices that name what they keep."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.html import labels, outline

# What a filter must never show: django-filter's and Django's defaults.
DEFAULT_CHOICES = {"---------", "Onbekend", "Ja", "Nee", "Unknown", "Yes", "No"}


def list_page_names() -> list[str]:
    """Every URL whose view is a filtered list (has a filterset_class), found in the URL
    conf, so that a new list page is checked without being added here."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace != "admin":
                    yield from walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:")
            elif getattr(getattr(pattern.callback, "view_class", None), "filterset_class", None):
                assert isinstance(pattern, URLPattern)
                yield f"{namespace}{pattern.name}"

    return sorted(walk(get_resolver().url_patterns, ""))


PAGES = [*list_page_names(), "home"]


def filter_form(html: str) -> str:
    match = re.search(r'<form method="get" class="filter-form".*?</form>', html, re.S)
    assert match, "no filter form"
    return match.group(0)


def test_the_list_pages_are_found():
    assert {
        "recommendations:recommendation_list",
        "recommendations:action_list",
        "training:session_list",
        "training:completion_list",
        "training:staff_list",
        "id_checks:authorisation_list",
    } <= set(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_a_filter_form_reads_as_dutch(name, admin_client):
    form = filter_form(admin_client.get(reverse(name)).content.decode())
    found = labels(form)
    assert found
    for label in found:
        assert label[0].isupper(), label
    options = [
        re.sub(r"\s+", " ", option).strip()
        for option in re.findall(r"<option[^>]*>(.*?)</option>", form, re.S)
    ]
    assert not DEFAULT_CHOICES & set(options), options
    for select in re.findall(r"<select[^>]*>(.*?)</select>", form, re.S):
        first = re.search(r'<option value="">(.*?)</option>', select)
        # A single choice with an empty option starts with "Alle …" (multiple selects have none).
        if first:
            assert first.group(1).startswith("Alle "), first.group(1)


@pytest.mark.parametrize(
    "name, field, choices",
    [
        (
            "recommendations:recommendation_list",
            "overdue",
            ["Alle aanbevelingen", "Met achterstallige acties", "Zonder achterstallige acties"],
        ),
        (
            "recommendations:action_list",
            "overdue",
            ["Alle acties", "Alleen achterstallige acties", "Geen achterstallige acties"],
        ),
        (
            "training:completion_list",
            "before_prerequisite",
            [
                "Alle deelnames",
                "Alleen gevolgd vóór de vereiste module",
                "Alleen gevolgd na de vereiste module",
            ],
        ),
        (
            "training:staff_list",
            "active",
            [
                "Alle medewerkers",
                "Alleen actieve medewerkers",
                "Alleen medewerkers die niet meer actief zijn",
            ],
        ),
        (
            "id_checks:authorisation_list",
            "applied",
            ["Alle toelatingen", "Alleen toegepaste", "Alleen niet toegepaste"],
        ),
    ],
)
def test_yes_no_filters_say_what_they_keep(name, field, choices, admin_client):
    form = filter_form(admin_client.get(reverse(name)).content.decode())
    select = re.search(rf'<select name="{field}".*?</select>', form, re.S).group(0)
    assert re.findall(r"<option[^>]*>(.*?)</option>", select) == choices
    assert re.findall(r'<option value="([^"]*)"', select) == ["", "true", "false"]


def test_the_overdue_link_of_the_dashboard_still_filters(db, admin_client):
    from tests.factories import ActionFactory

    ActionFactory(title="Te laat", status="lopend", due_date="2020-01-31")
    ActionFactory(title="Op tijd", status="lopend", due_date="2099-01-31")
    page = admin_client.get(reverse("recommendations:action_list"), {"overdue": "true"})
    text = "\n".join(line for section in outline(page.content.decode()) for line in section.lines)
    assert "Te laat" in text and "Op tijd" not in text
    assert '<option value="true" selected>Alleen achterstallige acties</option>' in (
        page.content.decode()
    )
