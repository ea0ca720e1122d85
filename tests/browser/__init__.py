"""Browser tests: JupyterLab driven by Debian's Chromium through Playwright (marker ``browser``).

This is a package so that its module names (``tests.browser.test_views``) cannot clash with the
same-named test files elsewhere under ``tests/`` (e.g. ``tests/unit/test_views.py``).
"""
