"""Browser tests: JupyterLab driven by Debian's Chromium through Playwright (marker ``browser``).

This is a package so that its module names (``tests.browser.test_notebooks``) cannot clash with
same-named test files elsewhere under ``tests/`` (``tests/unit/`` has its own ``test_views.py``).
"""
