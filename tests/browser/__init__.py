"""Browser tests: JupyterLab driven by Debian's Chromium through Playwright (marker ``browser``).

This is a package so that its module names (``browser.test_notebooks``) cannot clash with test
files of the same name elsewhere under ``tests/``.
"""
