"""Every form of the project, fed random and hostile values, never answers with a server error.

Walks every write route of the permission matrix (so a new form is covered without being
listed here), fills each field of the form the page renders with values drawn by
hypothesis, and posts them. Each value must be refused with a field error, or stored and
shown escaped: a 500 fails the test (the test client re-raises the exception).
"""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import FileField
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.matrix import ALL_ROUTES, WRITE_ROUTES, url_of

SCRIPT = "<script>alert('xss')</script>"

HOSTILE_TEXT = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            SCRIPT,
            '"><img src=x onerror=alert(1)>',
            "' OR 1=1; DROP TABLE auth_user; --",
            '=HYPERLINK("http://evil")',
            "9" * 5000,
            "x" * 100_000,
            "-1",
            "1e309",
            "99999999999999999999999",
            "NaN",
            "0001-01-01",
            "9999-12-31T23:59",
            "31/02/2024",
            "",
            "   ",
            "\u202eevil\u0000",
            "😀" * 300,
            "[]",
        ]
    ),
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.dates(min_value=date(1, 1, 1)).map(date.isoformat),
)

HOSTILE_FILES = st.sampled_from(
    [
        ("evil.html", b"<html><script>alert(1)</script></html>", "text/html"),
        ("report.pdf", b"<html>not really a pdf</html>", "application/pdf"),
        ("empty.pdf", b"", "application/pdf"),
        ("big.csv", b"a,b\n" * 3_000_000, "text/csv"),
        ("../../etc/passwd", b"root:x:0:0", "text/plain"),
    ]
)


def writer_client(route, role_clients):
    return role_clients["police" if "police" in route.allowed else "admin"]


def hostile_data(form, draw) -> dict:
    data = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, FileField):
            filename, content, content_type = draw(HOSTILE_FILES)
            data[key] = SimpleUploadedFile(filename, content, content_type=content_type)
        else:
            data[key] = draw(HOSTILE_TEXT)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize("route", WRITE_ROUTES, ids=lambda route: route.id)
def test_hostile_values_are_refused_or_stored_escaped(route, role_clients):
    client: Client = writer_client(route, role_clients)
    url = url_of(route)
    page = client.get(url)
    assert page.status_code == 200
    form = page.context.get("form") if page.context else None

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.data())
    def post_hostile(data):
        payload = hostile_data(form, data.draw) if form is not None else {}
        response = client.post(url, payload, follow=True)
        # 413: the 12 MB file makes the request larger than any upload may be (refused unread).
        assert response.status_code in (200, 400, 403, 404, 413), response.status_code
        assert SCRIPT not in response.content.decode(errors="replace")

    post_hostile()


READ_ROUTES = [route for route in ALL_ROUTES if not route.write and not route.query]
# Parameters every list page understands besides its filters: paging, sorting, export.
LIST_PARAMETERS = ("page", "sort", "_export", "per_page")


def query_form(context):
    """The form a page reads its query string with: a django-filter form or a plain form."""
    if context is None:
        return None
    if context.get("filter") is not None:
        return context["filter"].form
    return context.get("form")


@pytest.mark.django_db
@pytest.mark.parametrize("route", READ_ROUTES, ids=lambda route: route.id)
def test_hostile_query_parameters_never_break_a_page(route, role_clients):
    client: Client = writer_client(route, role_clients)
    url = url_of(route)
    form = query_form(client.get(url).context)
    names = (
        [
            form.add_prefix(name)
            for name, field in form.fields.items()
            if not isinstance(field, FileField)
        ]
        if form is not None
        else []
    )

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.data())
    def get_hostile(data):
        params = {name: data.draw(HOSTILE_TEXT) for name in [*names, *LIST_PARAMETERS]}
        response = client.get(url, params)
        assert response.status_code in (200, 400, 404), response.status_code
        body = b"".join(response) if response.streaming else response.content
        assert SCRIPT.encode() not in body

    get_hostile()


@pytest.mark.django_db
@pytest.mark.parametrize("route", WRITE_ROUTES, ids=lambda route: route.id)
def test_every_form_is_protected_against_cross_site_requests(route, police_user, admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(police_user if "police" in route.allowed else admin_user)
    page = client.get(url_of(route))
    assert b"csrfmiddlewaretoken" in page.content
    assert client.post(url_of(route), {}).status_code == 403


@pytest.mark.django_db
def test_login_form_refuses_a_post_without_csrf_token():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
