"""Every route of the project, for the tests that walk all of them."""

from django.urls import reverse

from tests import routes as project_routes
from tests.id_checks import routes as id_checks_routes
from tests.recommendations import routes as recommendations_routes
from tests.reminders import routes as reminders_routes
from tests.training import routes as training_routes

ALL_ROUTES = [
    *project_routes.ROUTES,
    *recommendations_routes.ROUTES,
    *training_routes.ROUTES,
    *id_checks_routes.ROUTES,
    *reminders_routes.ROUTES,
]
WRITE_ROUTES = [route for route in ALL_ROUTES if route.write]


def url_of(route):
    return reverse(route.name, kwargs=route.kwargs()) + route.query
