"""Every URL of this app, per role: see tests/permissions.py."""

from django.core.files.base import ContentFile

from tests.factories import AuthorisationFactory, DecisionFactory, ExecutionFactory
from tests.permissions import WRITE_ROLES, Route


def authorisation():
    return {"pk": AuthorisationFactory().pk}


def granted():
    return {"pk": DecisionFactory().authorisation_id}


def executed():
    return {"pk": ExecutionFactory().decision.authorisation_id}


def with_document():
    decision = DecisionFactory()
    decision.document.save("beslissing.pdf", ContentFile(b"%PDF-1.4 test"))
    return {"pk": decision.authorisation_id}


ROUTES = [
    Route("id_checks:authorisation_list"),
    Route("id_checks:authorisation_list", query="?_export=csv"),
    Route("id_checks:authorisation_list", query="?_export=xlsx"),
    Route("id_checks:summary"),
    Route("id_checks:authorisation_detail", executed),
    Route("id_checks:decision_document", with_document),
    Route("id_checks:authorisation_create", allowed=WRITE_ROLES, write=True),
    Route("id_checks:authorisation_update", authorisation, allowed=WRITE_ROLES, write=True),
    Route("id_checks:decision_edit", authorisation, allowed=WRITE_ROLES, write=True),
    Route("id_checks:extension_create", granted, allowed=WRITE_ROLES, write=True),
    Route("id_checks:execution_edit", granted, allowed=WRITE_ROLES, write=True),
    Route("id_checks:evaluation_edit", executed, allowed=WRITE_ROLES, write=True),
]
