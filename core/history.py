"""Writes that leave an attributable trace in the history (django-simple-history).

Every domain model has `history = HistoricalRecords()`. Inside a request the middleware
names the author; services name it explicitly through `record_save`, so changes made from
management commands, imports and the shell are attributed too.
"""


def record_save(instance, *, actor, reason: str = "", at=None):
    """Validate and save `instance`, recording `actor` (a User or None) and `reason`.

    `at` backdates the history entry; only for loading records of past events (demo data,
    migrations of earlier follow-up), so that reports "as of" a past date see them.
    """
    instance.full_clean()
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    if at is not None:
        instance._history_date = at
    instance.save()
    return instance
