"""Every URL of this app, per role: see tests/permissions.py."""

from django.core.files.uploadedfile import SimpleUploadedFile

from recommendations.models import Evidence
from tests.factories import ActionFactory, RecommendationFactory
from tests.permissions import EVALUATION_ROLES, WRITE_ROLES, Route


def action():
    return {"pk": ActionFactory(due_date="2024-03-31").pk}


def recommendation():
    return {"pk": RecommendationFactory().pk}


def evidence_document():
    document = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4 verslag")
    evidence = Evidence.objects.create(action=ActionFactory(), title="Verslag", document=document)
    return {"pk": evidence.pk}


ROUTES = [
    Route("recommendations:recommendation_list"),
    Route("recommendations:recommendation_list", query="?_export=csv"),
    Route("recommendations:recommendation_detail", recommendation),
    Route("recommendations:action_list"),
    Route("recommendations:action_list", query="?_export=xlsx"),
    Route("recommendations:action_detail", action),
    Route("recommendations:evidence_download", evidence_document),
    Route("recommendations:action_create", allowed=WRITE_ROLES, write=True),
    Route("recommendations:action_update", action, allowed=WRITE_ROLES, write=True),
    Route("recommendations:progressupdate_create", action, allowed=WRITE_ROLES, write=True),
    Route("recommendations:evidence_create", action, allowed=WRITE_ROLES, write=True),
    Route("recommendations:duedatechange_create", action, allowed=WRITE_ROLES, write=True),
    Route(
        "recommendations:recommendation_police_status",
        recommendation,
        allowed=WRITE_ROLES,
        write=True,
    ),
    Route(
        "recommendations:recommendation_independent_status",
        recommendation,
        allowed=EVALUATION_ROLES,
        write=True,
    ),
]
