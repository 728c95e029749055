"""The three roles, as Django groups, and the model permissions each one holds.

Groups and their permissions are written by migrations (`sync_role_permissions` runs in a
RunPython step), never by hand. A migration that adds a domain model ends with that step so
the new model's permissions reach the roles; `tests/test_roles.py` fails if one is missed.
"""

POLICE_STAFF = "Politiepersoneel"
COUNCIL_MEMBER = "Gemeenteraadslid"
ADMINISTRATOR = "Beheerder"
ROLES = (POLICE_STAFF, COUNCIL_MEMBER, ADMINISTRATOR)

DOMAIN_APPS = ("recommendations", "training", "id_checks")
REPORT_APP = "profiling_followup"

# Council members read aggregates only: these models hold personal data of staff.
COUNCIL_HIDDEN_MODELS = frozenset(
    {
        "training.staffmember",
        "training.historicalstaffmember",
        "training.completion",
        "training.historicalcompletion",
        "training.trainerqualification",
        "training.historicaltrainerqualification",
    }
)


def expected_permissions(role: str, app_label: str, model_name: str) -> set[str]:
    """Permission codenames (without app label) that `role` holds on one domain model."""
    if app_label == REPORT_APP:
        # Frozen reports are read by all and written once, by an administrator.
        if model_name.startswith("historical"):
            actions = set()
        else:
            actions = {"view", "add"} if role == ADMINISTRATOR else {"view"}
    elif model_name.startswith("historical"):
        # History rows are read in admin and on detail pages; nobody edits them.
        actions = {"view"} if role == ADMINISTRATOR else set()
    elif role == ADMINISTRATOR:
        actions = {"view", "add", "change", "delete"}
    elif role == POLICE_STAFF:
        # Corrections that remove records go through an administrator.
        actions = {"view", "add", "change"}
    elif f"{app_label}.{model_name}" in COUNCIL_HIDDEN_MODELS:
        actions = set()
    else:
        actions = {"view"}
    return {f"{action}_{model_name}" for action in actions}


ADMINISTRATOR_AUTH_PERMISSIONS = (
    "view_user",
    "add_user",
    "change_user",
    "view_group",
)


def sync_role_permissions(apps, schema_editor):
    """Create the role groups and give each exactly the permissions of `expected_permissions`.

    Idempotent; safe to run from every migration that adds a domain model.
    """
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; new models need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    domain_permissions = list(
        Permission.objects.filter(
            content_type__app_label__in=(*DOMAIN_APPS, REPORT_APP)
        ).select_related("content_type")
    )
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        wanted = [
            permission
            for permission in domain_permissions
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


# Django's own auth tables (the project keeps the default user model). Raw SQL because
# every page runs it: the ORM took longer to build this union than the database to answer.
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


def load_access(user) -> None:
    """Read a user's groups and permissions in one query and keep them on the user object
    for the request, in the attributes ModelBackend reads: every page needs both, and
    ModelBackend alone would spend two more queries on the permissions."""
    if hasattr(user, "_role_names"):
        return
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(ACCESS_SQL, {"user": user.pk})
        rows = cursor.fetchall()
    user._role_names = {group for group, _, _ in rows if group in ROLES}
    if not user.is_superuser:  # ModelBackend gives a superuser every permission itself
        user._group_perm_cache = {
            f"{app}.{codename}" for group, app, codename in rows if group and codename
        }
        user._user_perm_cache = {
            f"{app}.{codename}" for group, app, codename in rows if group is None
        }


def user_roles(user) -> set[str]:
    """Role names of a user; cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    load_access(user)
    return user._role_names
