"""Accounts in Django admin: through accounts.services only, within what administrators may.

Replaces Django's UserAdmin (which offers the superuser flag, permissions and groups) and
makes the roles (groups) read-only: their permissions are written by migrations.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.forms import AccountForm
from core.admin import ServiceAdmin

User = get_user_model()

admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AccountAdmin(ServiceAdmin):
    form = AccountForm
    list_display = ["username", "first_name", "last_name", "roles", "is_active"]
    list_filter = ["is_active", "groups"]
    search_fields = ["username", "first_name", "last_name", "email"]
    ordering = ["username"]
    actions = ["deactivate", "activate"]
    fields = [
        "username",
        "first_name",
        "last_name",
        "email",
        "role",
        "is_active",
        "new_password1",
        "new_password2",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("Role"))
    def roles(self, user):
        return ", ".join(sorted(group.name for group in user.groups.all()))

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # Accounts are deactivated, never deleted: the audit trail names them.
        return False

    def create(self, request, obj, form):
        data = form.cleaned_data
        services.account_create(
            user=obj, role=data["role"], password=data["new_password1"], actor=request.user
        )

    def update(self, request, obj, form):
        data = form.cleaned_data
        services.account_update(
            user=obj, role=data["role"], password=data["new_password1"] or None, actor=request.user
        )

    def _set_active(self, request, queryset, active: bool) -> None:
        for user in queryset:
            try:
                services.account_set_active(user=user, active=active, actor=request.user)
            except ValidationError as error:
                message = " ".join(error.messages)
                self.message_user(request, f"{user}: {message}", level=messages.ERROR)

    @admin.action(description=_("Deactivate the selected accounts"), permissions=["change"])
    def deactivate(self, request, queryset):
        self._set_active(request, queryset, False)

    @admin.action(description=_("Activate the selected accounts"), permissions=["change"])
    def activate(self, request, queryset):
        self._set_active(request, queryset, True)


@admin.register(Group)
class RoleAdmin(admin.ModelAdmin):
    """The four roles, read-only: migrations give them their permissions."""

    list_display = ["name"]
    fields = ["name", "permissions"]
    readonly_fields = ["name", "permissions"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
