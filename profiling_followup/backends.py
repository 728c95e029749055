from django.contrib.auth.backends import ModelBackend

from profiling_followup.roles import load_access


class RoleBackend(ModelBackend):
    """ModelBackend's rules, with roles and permissions read in one query per request."""

    def get_user_permissions(self, user_obj, obj=None):
        if user_obj.is_authenticated:
            load_access(user_obj)
        return super().get_user_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        if user_obj.is_authenticated:
            load_access(user_obj)
        return super().get_group_permissions(user_obj, obj)
