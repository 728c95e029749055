"""Who reads exact figures about people, and the safety net for a figure shown without
going through core.disclosure.

Police staff and administrators work with the records and read exact figures. Everyone
else reads the council's publication (core.disclosure: fixed periods, cells protected by
core.suppression). A figure about people shown without a key (`{{ value|figure:viewer }}`)
is exact for the first and, for everyone else, hidden unless it is 0: fail closed.
"""

from core.roles import ADMINISTRATOR, POLICE_STAFF, user_roles


def sees_exact_figures(user) -> bool:
    """Police staff and administrators work with the records; everyone else reads aggregates."""
    return bool(
        getattr(user, "is_superuser", False) or user_roles(user) & {POLICE_STAFF, ADMINISTRATOR}
    )


def shown_figure(value: int | None, user):
    """A figure about people that did not go through core.disclosure (no key), as `user`
    may see it: exact, or for everyone else hidden unless it is 0 (fail closed)."""
    if sees_exact_figures(user) or value in (0, None):
        return value
    from core.disclosure import MARK  # core.disclosure reads this module

    return MARK
