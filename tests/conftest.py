"""Test-wide settings.

Hypothesis: no per-example deadline (a 2-core machine under load would make timing flaky) and
no example database written into the checkout. Under ``CI=true`` the examples are derandomized,
so a CI failure is reproducible by running the same command again; locally they stay random, to
keep exploring.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("local", deadline=None, database=None)
settings.register_profile("ci", deadline=None, database=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "local")
