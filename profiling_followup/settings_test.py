"""Test settings: the real settings with a fast password hasher and isolated files."""

import tempfile

from profiling_followup.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="pf-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="pf-test-static-")
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
