from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, POLICE_STAFF, user_roles


def roles(request):
    """Which navigation to show. Showing is convenience only: views check permissions."""
    names = user_roles(request.user)
    return {
        "is_police_staff": POLICE_STAFF in names,
        "is_council_member": COUNCIL_MEMBER in names,
        "is_administrator": ADMINISTRATOR in names or getattr(request.user, "is_superuser", False),
    }
