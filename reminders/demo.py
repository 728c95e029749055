"""Demo reminder profiles for the demo accounts. Idempotent: an existing profile is left alone.

The police user is linked to a trainer of the planned trial training "de-escalerend
communiceren" (May 2024), which never got its attendance, so "Mijn werk" lists it; the
council member asked for the monthly digest; the administrator reads e-mails in English.
Entered "by" the demo police account, like the other demo records.
"""

from core.roles import ADMINISTRATOR, COUNCIL_MEMBER, POLICE_STAFF
from reminders import services
from reminders.models import Profile
from training.models import Session


def trial_training_trainer():
    session = (
        Session.objects.filter(module__code="de-escalatie", status=Session.Status.PLANNED)
        .order_by("starts_at")
        .first()
    )
    return session.trainers.order_by("staff_number").first() if session else None


def load(*, users: dict, actor):
    wanted = {
        POLICE_STAFF: {"staff_member": trial_training_trainer()},
        COUNCIL_MEMBER: {"council_digest": True},
        ADMINISTRATOR: {"language": "en"},
    }
    for role, fields in wanted.items():
        user = users[role]
        if not Profile.objects.filter(user=user).exists():
            services.profile_create(profile=Profile(user=user, **fields), actor=actor)
