import os
import uuid

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from core.roles import (
    ADMINISTRATOR,
    COUNCIL_MEMBER,
    INDEPENDENT_EVALUATOR,
    POLICE_STAFF,
    sync_role_permissions,
)
from tests import databases
from tests.factories import UserFactory


def controls_the_run(config) -> bool:
    """True in the process that runs pytest, not in one of its xdist workers."""
    return not hasattr(config, "workerinput")


def pytest_configure(config):
    # Set before the workers start, so that they inherit it and share the template databases.
    if controls_the_run(config):
        os.environ[databases.RUN_VARIABLE] = uuid.uuid4().hex[:12]


def pytest_sessionfinish(session):
    if controls_the_run(session.config):
        databases.remove_templates()


@pytest.fixture(autouse=True)
def reference_data(request):
    """Put back what data migrations wrote, for tests that flush the database.

    Transactional tests (browser tests against live_server) empty every table after each
    test, the roles and framework steps that migrations created included.
    """
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    from importlib import import_module

    from django.apps import apps

    sync_role_permissions(apps, None)
    import_module("recommendations.migrations.0002_framework_steps").create_steps(apps, None)


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the site's language: a request in English leaves English active
    in the worker's thread (LocaleMiddleware activates it and nothing undoes it)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Rolled-back tests can reuse history ids (SQLite): start every test with no figures,
    and none held in this process (a test may count what is built)."""
    from tests.caches import forget_figures

    forget_figures()


def make_user(role: str | None, username: str):
    user = UserFactory(username=username, is_staff=role == ADMINISTRATOR)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def police_user(db):
    return make_user(POLICE_STAFF, "agent")


@pytest.fixture
def council_user(db):
    return make_user(COUNCIL_MEMBER, "raadslid")


@pytest.fixture
def admin_user(db):
    """A member of the Beheerder role (not a superuser)."""
    return make_user(ADMINISTRATOR, "beheerder")


@pytest.fixture
def evaluator_user(db):
    """An independent evaluator: sets the independent assessment, reads like the council."""
    return make_user(INDEPENDENT_EVALUATOR, "beoordelaar")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff_client(police_user):
    return logged_in(police_user)


@pytest.fixture
def council_client(council_user):
    return logged_in(council_user)


@pytest.fixture
def admin_client(admin_user):
    return logged_in(admin_user)


@pytest.fixture
def evaluator_client(evaluator_user):
    return logged_in(evaluator_user)


class RoleClients(dict):
    """A logged-in client per role, plus anonymous, by name. A role's user and login are
    made when a test first asks for that role: most tests ask for one."""

    FIXTURES = {
        "police": "staff_client",
        "council": "council_client",
        "admin": "admin_client",
        "evaluator": "evaluator_client",
    }

    def __init__(self, request):
        super().__init__()
        self.request = request

    def __missing__(self, role: str) -> Client:
        if role == "anonymous":
            self[role] = Client()
        else:
            self[role] = self.request.getfixturevalue(self.FIXTURES[role])
        return self[role]


@pytest.fixture
def role_clients(db, request):
    """Every role, plus anonymous, by name: used by the permission matrices."""
    return RoleClients(request)


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """`manage.py load_demo` (the committee of 19/02/2024), loaded once for a test module
    and rolled back after it; tests take `db` as usual and run inside it."""
    import io

    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
