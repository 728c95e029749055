"""The audit trail of user accounts: django-simple-history on Django's own User model.

Every change of an account is kept (who, when, old and new values, the role included); the
password hash is not copied into the history, and logins do not count as changes
(users.services.record_last_login).
"""

from django.contrib.auth.models import User
from simple_history import register

register(User, app=__package__, m2m_fields=["groups"], excluded_fields=["password", "last_login"])
