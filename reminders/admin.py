from django.contrib import admin

from core.admin import ServiceAdmin
from reminders import services
from reminders.forms import ProfileRulesForm
from reminders.models import Delivery, Profile


@admin.register(Profile)
class ProfileAdmin(ServiceAdmin):
    """Where an administrator links an account to its staff record (for "Mijn werk")."""

    form = ProfileRulesForm
    list_display = ["user", "language", "staff_member", "council_digest"]
    list_filter = ["language", "council_digest"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "staff_member"]
    autocomplete_fields = ["user", "staff_member"]
    record_argument = "profile"
    writes = {
        "create": services.profile_create,
        "update": services.profile_update,
        "delete": services.profile_delete,
    }


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """What was sent, to whom and when: read only, written by send_reminders alone."""

    list_display = ["claimed_at", "kind", "recipient", "address", "status", "sent_at"]
    list_filter = ["status", "kind", "occasion"]
    search_fields = ["address", "subject_line", "recipient__username"]
    list_select_related = ["recipient"]
    date_hierarchy = "claimed_at"
    fields = [
        "kind",
        "recipient",
        "subject_type",
        "subject_id",
        "occasion",
        "status",
        "claimed_at",
        "sent_at",
        "address",
        "subject_line",
        "body",
        "attempts",
        "last_error",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
