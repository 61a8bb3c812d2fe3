"""Test settings: Glocal's own settings with GLOCAL_ENV=test (tasks run immediately)."""

import os
import tempfile

os.environ["GLOCAL_ENV"] = "test"
os.environ.setdefault("GLOCAL_HOME", tempfile.mkdtemp(prefix="glocal-test-"))
# Playwright's sync API runs an event loop in the test thread; Django's guard would refuse
# database access from it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from glocal.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
