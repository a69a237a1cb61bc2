"""Page fixtures for the browser tests (the `browser` fixture itself, with its clock, is
in tests/conftest.py)."""

from __future__ import annotations

import pytest

from support.browser_watch import Watcher


@pytest.fixture
def page(browser):
    """One page in a fresh UK-set context at the test's moment."""
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def open_page(browser):
    """Pages in fresh UK-set contexts, each with a Watcher (console errors, failed
    requests, CSP reports; axe on demand); closed after the test."""
    contexts = []

    def opener(base_url: str, width: int = 1024, axe: bool = False, height: int = 800, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        watcher = Watcher(context, base_url, axe=axe)
        return context.new_page(), watcher

    yield opener
    for context in contexts:
        context.close()
