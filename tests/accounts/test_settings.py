"""The OpenID Connect settings: production mode refuses an incomplete or unsafe set, a
complete one passes `check --deploy`, and the environment maps onto the library's settings."""

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from accounts.conf import oidc_settings
from tests.test_settings import SAFE_KEY, run_manage

PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": SAFE_KEY,
    "DJANGO_ALLOWED_HOSTS": "tracker.example",
}
COMPLETE = {
    "OIDC_ISSUER": "https://login.microsoftonline.com/0000-tenant/v2.0",
    "OIDC_CLIENT_ID": "tracker",
    "OIDC_CLIENT_SECRET": "secret-from-the-provider",
    "OIDC_POLICE_STAFF_GROUPS": "politie-gent",
}


def without(*names: str) -> dict:
    return {key: value for key, value in COMPLETE.items() if key not in names}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("environment", "named"),
    [
        (without("OIDC_CLIENT_SECRET", "OIDC_ISSUER"), "OIDC_CLIENT_SECRET"),
        (without("OIDC_ISSUER"), "OIDC_ISSUER"),
        (without("OIDC_POLICE_STAFF_GROUPS"), "OIDC_POLICE_STAFF_GROUPS"),
        ({**COMPLETE, "OIDC_ISSUER": "http://keycloak.example/realms/politie"}, "https://"),
        ({"DJANGO_LOCAL_LOGIN": "off"}, "DJANGO_LOCAL_LOGIN=off"),
        ({**COMPLETE, "DJANGO_LOCAL_LOGIN": "sometimes"}, "DJANGO_LOCAL_LOGIN"),
    ],
    ids=[
        "client-id-without-secret",
        "no-issuer",
        "no-group-mapping",
        "plain-http-issuer",
        "no-login-left",
        "unknown-local-login",
    ],
)
def test_production_mode_refuses_an_incomplete_oidc_configuration(environment, named):
    result = run_manage("check", **PRODUCTION, **environment)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and named in result.stderr


@pytest.mark.slow
def test_production_settings_with_oidc_pass_check_deploy_without_any_warning():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        **PRODUCTION,
        **COMPLETE,
        DJANGO_LOCAL_LOGIN="off",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


BASE = {
    "AUTHENTICATION_BACKENDS": django_settings.AUTHENTICATION_BACKENDS,
    "CONTENT_SECURITY_POLICY": django_settings.CONTENT_SECURITY_POLICY,
}


def test_the_environment_becomes_the_librarys_settings():
    result = oidc_settings(
        {
            **COMPLETE,
            "OIDC_ISSUER": COMPLETE["OIDC_ISSUER"] + "/",
            "OIDC_COUNCIL_MEMBER_GROUPS": " raad-1 ,raad-2,",
            "OIDC_GROUPS_CLAIM": "roles",
        },
        production_mode=True,
        base=BASE,
    )
    issuer = "https://login.microsoftonline.com/0000-tenant/v2.0"
    assert result["OIDC_ENABLED"] and result["LOCAL_LOGIN"] == "administrators"
    assert result["OIDC_ISSUER"] == issuer
    assert result["OIDC_DISCOVERY_URL"] == f"{issuer}/.well-known/openid-configuration"
    assert result["OIDC_USE_PKCE"] and result["OIDC_USE_NONCE"] and result["OIDC_STORE_ID_TOKEN"]
    assert result["OIDC_RP_SIGN_ALGO"] == "RS256" and result["OIDC_GROUPS_CLAIM"] == "roles"
    assert result["OIDC_ROLE_GROUPS"] == {
        "Politiepersoneel": ("politie-gent",),
        "Gemeenteraadslid": ("raad-1", "raad-2"),
        "Beheerder": (),
        "Onafhankelijk beoordelaar": (),
    }
    assert result["AUTHENTICATION_BACKENDS"][-1] == "accounts.backends.OrganisationBackend"
    form_action = result["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["form-action"]
    assert form_action[-1] == "https://login.microsoftonline.com"
    # The settings it started from are left as they were.
    assert "accounts.backends.OrganisationBackend" not in BASE["AUTHENTICATION_BACKENDS"]
    assert len(BASE["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["form-action"]) == 1


def test_without_oidc_variables_only_the_two_flags_are_added():
    assert oidc_settings({}, production_mode=True, base=BASE) == {
        "OIDC_ENABLED": False,
        "LOCAL_LOGIN": "all",
    }


def test_a_plain_http_issuer_is_accepted_outside_production_or_on_loopback_only():
    remote = {**COMPLETE, "OIDC_ISSUER": "http://sso.example.be/realms/politie"}
    assert oidc_settings(remote, production_mode=False, base=BASE)["OIDC_ENABLED"]
    with pytest.raises(ImproperlyConfigured, match="https://"):
        oidc_settings(remote, production_mode=True, base=BASE)
    loopback = {**COMPLETE, "OIDC_ISSUER": "http://127.0.0.1:9400"}
    assert oidc_settings(loopback, production_mode=True, base=BASE)["OIDC_ENABLED"]


@pytest.mark.parametrize("value", ["ten", "0", "-5"])
def test_a_time_out_that_is_no_positive_number_is_refused(value):
    with pytest.raises(ImproperlyConfigured, match="OIDC_TIMEOUT_SECONDS"):
        oidc_settings({**COMPLETE, "OIDC_TIMEOUT_SECONDS": value}, production_mode=True, base=BASE)
