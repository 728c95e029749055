"""Small-number suppression for figures that describe people.

Council members (and anyone who is neither police staff nor an administrator) never see an
exact figure between 1 and 4 about persons (persons checked, arrests, fines, complaints...):
they see "< 5", so that nobody can be recognised from a small count. Zero stays 0. Figures
about records (authorisations, actions) are not suppressed. Exports follow the same rule.
"""

from core.roles import ADMINISTRATOR, POLICE_STAFF, user_roles

SMALL_NUMBER_LIMIT = 5


def sees_exact_figures(user) -> bool:
    """Police staff and administrators work with the records; everyone else reads aggregates."""
    return bool(
        getattr(user, "is_superuser", False) or user_roles(user) & {POLICE_STAFF, ADMINISTRATOR}
    )


def suppressed(value: int | None):
    """The figure as published: "< 5" for 1 to 4, the value itself otherwise."""
    if value is not None and 0 < value < SMALL_NUMBER_LIMIT:
        # The same in Dutch and English: no translation needed.
        return f"< {SMALL_NUMBER_LIMIT}"
    return value


def shown_figure(value: int | None, user):
    """The figure about people as `user` may see it."""
    return value if sees_exact_figures(user) else suppressed(value)
