"""Writes that leave an attributable trace in the history (django-simple-history).

Every domain model has `history = HistoricalRecords()`. Inside a request the middleware
names the author; services name it explicitly through `record_save`, so changes made from
management commands, imports and the shell are attributed too.
"""


def record_save(instance, *, actor, reason: str = ""):
    """Validate and save `instance`, recording `actor` (a User or None) and `reason`."""
    instance.full_clean()
    instance._history_user = actor
    if reason:
        instance._change_reason = reason
    instance.save()
    return instance
