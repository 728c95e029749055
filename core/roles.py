"""The four roles, as Django groups, and the model permissions each one holds.

Groups and their permissions are written by migrations (`sync_role_permissions` runs in a
RunPython step), never by hand. Which permissions a role holds on a model is decided by the
model's app: its AppConfig mixes in `RolePermissions` (and may narrow or widen the default
rule). A migration that adds a model ends with `sync_role_permissions`, so the new model's
permissions reach the roles; `tests/test_roles.py` fails if one is missed.
"""

from dataclasses import dataclass

POLICE_STAFF = "Politiepersoneel"
COUNCIL_MEMBER = "Gemeenteraadslid"
ADMINISTRATOR = "Beheerder"
# Sets the independent assessment of recommendations (separation of duties: the police
# assesses its own work, someone else assesses it independently); reads like a council member.
INDEPENDENT_EVALUATOR = "Onafhankelijk beoordelaar"
ROLES = (POLICE_STAFF, COUNCIL_MEMBER, ADMINISTRATOR, INDEPENDENT_EVALUATOR)

ALL_ACTIONS = frozenset({"view", "add", "change", "delete"})


class RolePermissions:
    """For the AppConfig of an app whose models the roles use: the default rule.

    Administrators may do everything; police staff view, add and change (corrections that
    remove records go through an administrator); council members and independent evaluators
    only view, and nothing on the models listed in `council_hidden_models` (personal data of
    staff). History rows are read by administrators only; nobody edits them.

    `custom_permissions` gives roles the model's own permissions (Meta.permissions), as
    {model name: {codename: roles}}.
    """

    council_hidden_models: frozenset[str] = frozenset()
    custom_permissions: dict[str, dict[str, frozenset[str]]] = {}

    def role_actions(self, role: str, model_name: str) -> frozenset[str]:
        if model_name.startswith("historical"):
            return frozenset({"view"}) if role == ADMINISTRATOR else frozenset()
        if role == ADMINISTRATOR:
            return ALL_ACTIONS
        if role == POLICE_STAFF:
            return frozenset({"view", "add", "change"})
        if model_name in self.council_hidden_models:
            return frozenset()
        return frozenset({"view"})


def guarded_app_configs() -> list:
    """The installed apps whose permissions the roles hold (their AppConfig says so)."""
    from django.apps import apps

    return [config for config in apps.get_app_configs() if isinstance(config, RolePermissions)]


def expected_permissions(role: str, app_label: str, model_name: str) -> set[str]:
    """Permission codenames (without app label) that `role` holds on one model."""
    from django.apps import apps

    config = apps.get_app_config(app_label)
    custom = config.custom_permissions.get(model_name, {})
    return {f"{action}_{model_name}" for action in config.role_actions(role, model_name)} | {
        codename for codename, roles in custom.items() if role in roles
    }


# Account management: what administrators may do with users in Django admin.
ADMINISTRATOR_AUTH_PERMISSIONS = ("view_user", "add_user", "change_user", "view_group")


def sync_role_permissions(apps, schema_editor):
    """Create the role groups and give each exactly the permissions of `expected_permissions`.

    Idempotent; safe to run from every migration that adds a model. `apps` is the
    migration's model state; the rules come from the installed apps' configs.
    """
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; new models need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    guarded = [config.label for config in guarded_app_configs()]
    permissions = list(
        Permission.objects.filter(content_type__app_label__in=guarded).select_related(
            "content_type"
        )
    )
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        wanted = [
            permission
            for permission in permissions
            if permission.codename
            in expected_permissions(
                role, permission.content_type.app_label, permission.content_type.model
            )
        ]
        if role == ADMINISTRATOR:
            wanted += list(
                Permission.objects.filter(
                    content_type__app_label="auth", codename__in=ADMINISTRATOR_AUTH_PERMISSIONS
                )
            )
        group.permissions.set(wanted)


@dataclass(frozen=True)
class Access:
    """A user's role names and the permissions of their groups and their own."""

    roles: frozenset[str]
    group_permissions: frozenset[str]
    user_permissions: frozenset[str]


# Django's own auth tables (the project keeps the default user model).
ACCESS_SQL = """
SELECT g.name, ct.app_label, p.codename
  FROM auth_user_groups ug
  JOIN auth_group g ON g.id = ug.group_id
  LEFT JOIN auth_group_permissions gp ON gp.group_id = g.id
  LEFT JOIN auth_permission p ON p.id = gp.permission_id
  LEFT JOIN django_content_type ct ON ct.id = p.content_type_id
 WHERE ug.user_id = %(user)s
UNION ALL
SELECT NULL, ct.app_label, p.codename
  FROM auth_user_user_permissions up
  JOIN auth_permission p ON p.id = up.permission_id
  JOIN django_content_type ct ON ct.id = p.content_type_id
 WHERE up.user_id = %(user)s
"""


def user_access(user) -> Access:
    """Read a user's roles and permissions in one query; kept on the user object, which
    lives for one request: every page needs both."""
    cached = getattr(user, "_role_access", None)
    if cached is not None:
        return cached
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(ACCESS_SQL, {"user": user.pk})
        rows = cursor.fetchall()
    access = Access(
        roles=frozenset(group for group, _, _ in rows if group in ROLES),
        group_permissions=frozenset(
            f"{app}.{codename}" for group, app, codename in rows if group and codename
        ),
        user_permissions=frozenset(
            f"{app}.{codename}" for group, app, codename in rows if group is None
        ),
    )
    user._role_access = access
    return access


def user_roles(user) -> frozenset[str]:
    """Role names of a user (none for anonymous visitors)."""
    if not user.is_authenticated:
        return frozenset()
    return user_access(user).roles
