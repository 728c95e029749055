from django.contrib.auth.models import AnonymousUser

from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, POLICE_STAFF, user_roles


def roles(request):
    """Which navigation to show. Showing is convenience only: views check permissions."""
    # Pages rendered before authentication (the 413 page) have no user yet.
    user = getattr(request, "user", None) or AnonymousUser()
    names = user_roles(user)
    return {
        "is_police_staff": POLICE_STAFF in names,
        "is_council_member": COUNCIL_MEMBER in names,
        "is_administrator": ADMINISTRATOR in names or user.is_superuser,
    }
