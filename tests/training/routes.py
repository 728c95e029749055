"""Every URL of this app, per role: see tests/permissions.py."""

from tests.factories import SessionFactory
from tests.permissions import WRITE_ROLES, Route


def session():
    return {"pk": SessionFactory().pk}


ROUTES = [
    Route("training:coverage"),
    Route("training:session_list"),
    Route("training:session_list", query="?_export=csv"),
    Route("training:session_detail", kwargs=session),
    Route("training:session_create", allowed=WRITE_ROLES, write=True),
    Route("training:intervision_create", allowed=WRITE_ROLES, write=True),
    Route("training:session_update", kwargs=session, allowed=WRITE_ROLES, write=True),
    Route("training:session_attendance", kwargs=session, allowed=WRITE_ROLES, write=True),
    # Names of colleagues: never for council members.
    Route("training:completion_list", allowed=WRITE_ROLES),
    Route("training:completion_list", query="?_export=xlsx", allowed=WRITE_ROLES),
    Route("training:completion_create", allowed=WRITE_ROLES, write=True),
    Route("training:completion_import", allowed=WRITE_ROLES, write=True),
    Route("training:completion_import_preview", allowed=WRITE_ROLES, write=True),
    Route("training:staff_list", allowed=WRITE_ROLES),
]
