from django.contrib.auth.backends import ModelBackend

from core.roles import user_access


class RoleBackend(ModelBackend):
    """ModelBackend's rules, with roles and permissions read in one query per request.

    Overrides only the documented backend methods: inactive users, anonymous users and
    per-object checks get nothing, superusers keep ModelBackend's answer (every permission).
    """

    def get_user_permissions(self, user_obj, obj=None):
        if not self._reads_roles(user_obj, obj):
            return super().get_user_permissions(user_obj, obj)
        return set(user_access(user_obj).user_permissions)

    def get_group_permissions(self, user_obj, obj=None):
        if not self._reads_roles(user_obj, obj):
            return super().get_group_permissions(user_obj, obj)
        return set(user_access(user_obj).group_permissions)

    @staticmethod
    def _reads_roles(user_obj, obj) -> bool:
        return (
            obj is None
            and user_obj.is_active
            and not user_obj.is_anonymous
            and not user_obj.is_superuser
        )
