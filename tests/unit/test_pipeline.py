"""The build's pipeline as plain functions: PLUGINS is checked against the stages the
plugins declare, and the build state fails clearly when a stage did not run. A real
build that the check stops is tests/build/test_pipeline_stops_a_build.py."""

from __future__ import annotations

import importlib

import pytest

from c2c_registry.pipeline import (
    FINALISE,
    WRITE,
    BuildState,
    Declared,
    PipelineError,
    StageNotRun,
    build_state,
    check_plugins,
    plugin_problems,
)

from support.plugin_order import PLUGINS, moved


def declared(names: list[str]) -> list[Declared]:
    """What Pelican's start-up sees: each plugin's module, in this order."""
    return [Declared.of(importlib.import_module(name)) for name in names]


def test_the_projects_plugins_are_in_order():
    assert plugin_problems(declared(PLUGINS)) == []
    check_plugins(declared(PLUGINS))  # no error


def test_a_plugin_out_of_order_is_named_with_where_it_belongs():
    problems = plugin_problems(declared(moved("c2c_views", after="c2c_pages")))
    assert problems == ["c2c_views (the views stage) is listed after c2c_search (the pages and files stage); "
                        "list it after c2c_registry and before c2c_search"]
    early_sitemap = plugin_problems(declared(moved("pelican.plugins.sitemap", after="c2c_views")))
    assert early_sitemap == ["pelican.plugins.sitemap (the finalise stage) is listed before c2c_search "
                             "(the pages and files stage); list it after c2c_site"]


def test_a_missing_required_plugin_is_named_with_where_it_belongs():
    without = [n for n in PLUGINS if n not in ("c2c_registry", "c2c_site")]
    assert plugin_problems(declared(without)) == [
        "c2c_registry is missing: every build needs it for the load stage; list it first, before c2c_views",
        "c2c_site is missing: every build needs it for the finalise stage; list it after pelican.plugins.sitemap",
    ]
    # A writer is optional: a site without badges still builds.
    assert plugin_problems(declared([n for n in PLUGINS if n != "c2c_badges"])) == []


def test_order_within_a_stage_follows_what_a_plugin_says_it_needs_first():
    problems = plugin_problems(declared(moved("c2c_search", after="c2c_directory")))
    assert problems == ["c2c_directory is listed before c2c_search; list it after c2c_search: the service worker "
                        "keeps the directory's search files, which c2c_search writes first"]


def test_a_c2c_plugin_must_say_where_it_belongs():
    listed = [*declared(PLUGINS[:-1]), Declared("c2c_extra"), *declared(PLUGINS[-1:])]
    assert plugin_problems(listed) == [
        "c2c_extra does not say which stage of the build it belongs to: give its module a constant STAGE, "
        "one of LOAD, CHECK, VIEWS, WRITE (pages and files) or FINALISE from c2c_registry.pipeline"]
    wrong = [Declared("c2c_site", WRITE) if d.name == "c2c_site" else d for d in declared(PLUGINS)]
    assert plugin_problems(wrong)[0] == (
        "c2c_site says it belongs to the pages and files stage, but the build needs it for the finalise stage")
    assert Declared.of(importlib.import_module("c2c_site")).stage == FINALISE


def test_the_error_lists_every_problem_and_the_stages():
    with pytest.raises(PipelineError) as raised:
        check_plugins(declared(moved("c2c_views", after="c2c_submit")[:-1]))
    message = str(raised.value)
    assert "- c2c_views (the views stage) is listed after" in message
    assert "- c2c_site is missing" in message
    assert message.endswith("The stages run in this order: load → check → views → pages and files → finalise "
                            "(plugins/c2c_registry/pipeline.py).")


def test_reading_what_a_stage_did_not_make_says_which_stage_and_plugin():
    state = BuildState()
    state.registry = "a registry"  # type: ignore[assignment]
    assert state.registry == "a registry"
    with pytest.raises(StageNotRun, match=r"no views \(views\) yet: the views stage \(c2c_views\) has not run"):
        state.views  # noqa: B018
    with pytest.raises(StageNotRun, match="no Content-Security-Policy .* the finalise stage \\(c2c_site\\)"):
        state.csp  # noqa: B018
    with pytest.raises(StageNotRun, match="no c2c plugin started it.*c2c_registry, c2c_views, c2c_site"):
        build_state({"PLUGINS": []})
