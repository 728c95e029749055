"""The e-mail of each kind of reminder, composed when it is sent, from the records as they
are then, in the recipient's language, as plain text and HTML (templates/reminders/email/).

A reminder that no longer applies (the action was completed or moved, someone else answers
for it now, the user switched the kind off or lost access to the records) composes to None
and is not sent. Nothing goes into an e-mail that its recipient could not read in the app.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext

from core.dates import local_date
from core.roles import COUNCIL_MEMBER, user_roles
from id_checks.models import Authorisation
from recommendations import selectors as recommendations
from recommendations.models import CLOSED_STATUSES, Action
from reminders.digest import council_digest, digest_period
from reminders.links import absolute_url, my_work_path, settle_url
from reminders.models import Delivery, Kind
from reminders.plan import sessions_by_leader
from reminders.selectors import awaited_checks, profile_of

VIEW_ACTIONS = "recommendations.view_action"
VIEW_AUTHORISATIONS = "id_checks.view_authorisation"
VIEW_SESSIONS = "training.view_session"


@dataclass(frozen=True)
class Message:
    to: str
    subject: str
    text: str
    html: str

    def email(self, reference: str = "") -> EmailMultiAlternatives:
        """The e-mail; `reference` makes its Message-ID, the same if it is ever sent again,
        so that mail programs can recognise a repeat."""
        headers = {"Auto-Submitted": "auto-generated"}
        if reference:
            domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
            headers["Message-ID"] = f"<{reference}@{domain}>"
        message = EmailMultiAlternatives(self.subject, self.text, to=[self.to], headers=headers)
        message.attach_alternative(self.html, "text/html")
        return message


def short_date(day) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _record(delivery: Delivery):
    model = delivery.subject_type.model_class()
    return model._default_manager.filter(pk=delivery.subject_id).first()


def _awaited(delivery: Delivery, now: datetime):
    """The recipient's awaited check this reminder is about, if it still is, on its date."""
    for check in awaited_checks(now, delivery.recipient):
        if check.authorisation.pk == delivery.subject_id and check.due_on == delivery.occasion:
            return check
    return None


def _open_action(delivery: Delivery) -> Action | None:
    action = _record(delivery)
    if action is None or action.status in CLOSED_STATUSES:
        return None
    if action.responsible_id != delivery.recipient_id:
        return None
    return action if delivery.recipient.has_perm(VIEW_ACTIONS) else None


def _assigned(delivery: Delivery, now: datetime):
    if delivery.subject_type.model_class() is Action:
        action = _open_action(delivery)
        if action is None:
            return None
        subject = gettext("You are responsible for: %(title)s") % {"title": action.title}
        return subject, {"action": action, "url": absolute_url(action.get_absolute_url())}
    authorisation = _record(delivery)
    if (
        not isinstance(authorisation, Authorisation)
        or authorisation.evaluation_responsible_id != delivery.recipient_id
        or not delivery.recipient.has_perm(VIEW_AUTHORISATIONS)
    ):
        return None
    subject = gettext("You are responsible for the evaluation of %(reference)s") % {
        "reference": authorisation.reference
    }
    return subject, {
        "authorisation": authorisation,
        "url": absolute_url(authorisation.get_absolute_url()),
    }


def _check_context(check) -> dict:
    return {
        "authorisation": check.authorisation,
        "check": check,
        "url": settle_url(check.form, check.authorisation.pk),
    }


def _due(delivery: Delivery, now: datetime):
    days = (delivery.occasion - local_date(now)).days
    if delivery.subject_type.model_class() is Action:
        action = _open_action(delivery)
        if action is None or action.due_date != delivery.occasion:
            return None
        context = {"action": action, "url": settle_url("recommendations:action_update", action.pk)}
        title = action.title
    else:
        check = (
            _awaited(delivery, now) if delivery.recipient.has_perm(VIEW_AUTHORISATIONS) else None
        )
        if check is None:
            return None
        context = _check_context(check)
        title = gettext("evaluation of %(reference)s") % {
            "reference": check.authorisation.reference
        }
    values = {"title": title, "date": short_date(delivery.occasion), "days": days}
    if days <= 1:
        subject = gettext("Due on %(date)s: %(title)s") % values
    else:
        subject = gettext("Due in %(days)s days (%(date)s): %(title)s") % values
    return subject, {**context, "due_on": delivery.occasion, "days": days}


def _evaluation_due(delivery: Delivery, now: datetime):
    check = _awaited(delivery, now) if delivery.recipient.has_perm(VIEW_AUTHORISATIONS) else None
    if check is None:
        return None
    subject = gettext("Evaluation due by %(date)s: %(reference)s") % {
        "date": short_date(check.due_on),
        "reference": check.authorisation.reference,
    }
    return subject, _check_context(check)


def overdue_lines(user, now: datetime) -> list[dict]:
    """The user's overdue work, each with the link to the form that settles it."""
    today = local_date(now)
    lines = []
    if user.has_perm(VIEW_ACTIONS):
        for action in recommendations.actions_due_by(today - timedelta(days=1), user):
            url = settle_url("recommendations:action_update", action.pk)
            lines.append({"title": action.title, "due_on": action.due_date, "url": url})
    if user.has_perm(VIEW_AUTHORISATIONS):
        for check in awaited_checks(now, user):
            if check.due_on < today:
                title = gettext("Evaluation of %(reference)s") % {
                    "reference": check.authorisation.reference
                }
                lines.append({"title": title, "due_on": check.due_on, **_check_context(check)})
    if user.has_perm(VIEW_SESSIONS):
        for session in sessions_by_leader(now, [user.pk]).get(user.pk, []):
            title = gettext("Attendance of %(session)s") % {"session": session}
            url = settle_url("training:session_attendance", session.pk)
            held_on = local_date(session.starts_at)
            lines.append({"title": title, "due_on": held_on, "held": True, "url": url})
    return lines


def _overdue_digest(delivery: Delivery, now: datetime):
    lines = overdue_lines(delivery.recipient, now)
    if not lines:
        return None
    count = len(lines)
    subject = ngettext(
        "Overdue: %(count)s item waits for you", "Overdue: %(count)s items wait for you", count
    ) % {"count": count}
    return subject, {"lines": lines}


def _council_digest(delivery: Delivery, now: datetime):
    recipient = delivery.recipient
    if COUNCIL_MEMBER not in user_roles(recipient):
        return None
    start, end = digest_period(delivery)
    subject = gettext("What changed from %(start)s to %(end)s") % {
        "start": short_date(start),
        "end": short_date(end),
    }
    return subject, {"digest": council_digest(recipient, start, end)}


# The two due-date reminders share their wording.
TEMPLATES = {Kind.DUE_IN_14_DAYS: "due", Kind.DUE_IN_1_DAY: "due"}

BUILDERS = {
    Kind.ASSIGNED: _assigned,
    Kind.DUE_IN_14_DAYS: _due,
    Kind.DUE_IN_1_DAY: _due,
    Kind.EVALUATION_DUE: _evaluation_due,
    Kind.OVERDUE_DIGEST: _overdue_digest,
    Kind.COUNCIL_DIGEST: _council_digest,
}


def compose(delivery: Delivery, now: datetime) -> Message | None:
    """The message for `delivery` as it would be sent at `now`, or None when it no longer
    applies."""
    recipient = delivery.recipient
    if not (recipient.is_active and recipient.email):
        return None
    profile = profile_of(recipient)
    if not profile.wants(delivery.kind):
        return None
    with translation.override(profile.language):
        content = BUILDERS[delivery.kind](delivery, now)
        if content is None:
            return None
        subject, context = content
        context = {
            **context,
            "kind": delivery.kind,
            "recipient": recipient,
            "subject": subject,
            "my_work_url": absolute_url(my_work_path()),
            "preferences_url": absolute_url(reverse("reminders:profile")),
        }
        template = f"reminders/email/{TEMPLATES.get(delivery.kind, delivery.kind)}"
        return Message(
            to=recipient.email,
            subject=subject,
            text=render_to_string(f"{template}.txt", context),
            html=render_to_string(f"{template}.html", context),
        )
