"""The build, stage by stage: what runs in what order, and what one stage hands the next.

    load ──▶ check ──▶ views ──▶ pages and files ──▶ finalise
    c2c_registry       c2c_views  c2c_search c2c_data     (queued pages rendered)
                                  c2c_pages c2c_directory  pelican.plugins.sitemap
                                  c2c_badges c2c_submit    c2c_site

Pelican calls the receivers of each signal in the order of PLUGINS, so that order is
the pipeline's order. Every c2c plugin says which stage it belongs to with a module
constant, `STAGE = WRITE`, and, where order within its stage matters, `AFTER`: the
plugins that must come before it, each with the reason. At start-up (Pelican's
`initialized`) the first c2c plugin listed checks PLUGINS against those declarations
(`check_plugins`), before any content is read: a required plugin that is missing, or a
plugin out of order, stops the build with an error naming it and saying where it belongs.

What a stage hands the next is one typed `BuildState`, reached through
`build_state(settings)`: the registry, the warnings, the git history, the views, the
page queue and the Content-Security-Policy. Reading a value before the stage that
makes it has run is an error naming that stage and its plugin, never a None.

No Pelican here: the order can be checked, and the state used, without it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

if TYPE_CHECKING:  # named for the type checker only: the library imports no layer above it
    from c2c_views.history import Change
    from c2c_views.reuse import NoReuse, Reuse
    from c2c_views.views import SiteViews
    from c2c_views.writing import PageQueue

    from .model import Registry
    from .rules.problems import Problem

T = TypeVar("T")


@dataclass(frozen=True)
class Stage:
    rank: int  # stages run in this order
    name: str
    work: str  # what happens in it, for messages and docs

    def __str__(self) -> str:
        return f"the {self.name} stage"


LOAD = Stage(1, "load", "every content file read into the typed Registry")
CHECK = Stage(2, "check", "any problem stops the build; the content-quality warnings are listed")
VIEWS = Stage(3, "views", "the git history read, then every derived view computed once")
WRITE = Stage(4, "pages and files", "each writer queues its pages and writes its files from the views")
FINALISE = Stage(5, "finalise", "the queued pages rendered and written, then what is made from the "
                                "written site: the search index, the sitemap, the service worker, "
                                "headers and robots.txt")
STAGES = (LOAD, CHECK, VIEWS, WRITE, FINALISE)

# Plugins every build needs, and their stage (a writer is optional: a site without badges
# still builds). c2c_registry does both load and check, so it is placed by load.
REQUIRED: dict[str, Stage] = {"c2c_registry": LOAD, "c2c_views": VIEWS, "c2c_site": FINALISE}
# Plugins that are not ours but have a place: the sitemap lists every page written, so
# it comes once the writers have all written theirs.
OTHERS: dict[str, Stage] = {"pelican.plugins.sitemap": FINALISE}


@dataclass(frozen=True)
class Declared:
    """A plugin as listed in PLUGINS, with what its module declares (`STAGE`, `AFTER`)."""

    name: str
    stage: Stage | None = None
    after: Mapping[str, str] = field(default_factory=dict)  # plugin that must come first -> why

    @classmethod
    def of(cls, module: Any) -> Declared:
        return cls(module.__name__, getattr(module, "STAGE", None), getattr(module, "AFTER", {}))


class PipelineError(Exception):
    """PLUGINS does not describe a build this project can run."""


def plugin_problems(listed: Sequence[Declared]) -> list[str]:
    """What is wrong with PLUGINS (in order, with the modules' declarations), one
    sentence each; empty when the order is right."""
    names = [p.name for p in listed]
    problems = []
    placed: list[tuple[str, Stage]] = []  # every plugin with a place, in PLUGINS order
    for plugin in listed:
        stage = plugin.stage or OTHERS.get(plugin.name)
        if stage is None and plugin.name.startswith("c2c_"):
            problems.append(f"{plugin.name} does not say which stage of the build it belongs to: give its module "
                            "a constant STAGE, one of LOAD, CHECK, VIEWS, WRITE (pages and files) or FINALISE "
                            "from c2c_registry.pipeline")
        elif stage is not None:
            placed.append((plugin.name, stage))
    in_order = _in_order(placed)
    for name, stage in REQUIRED.items():
        declared = next((p.stage for p in listed if p.name == name), None)
        if name not in names:
            problems.append(f"{name} is missing: every build needs it for {stage}; "
                            f"list it {_where(stage, in_order)}")
        elif declared is not None and declared != stage:
            problems.append(f"{name} says it belongs to {declared}, but the build needs it for {stage}")
    for i, (name, stage) in enumerate(placed):
        if (name, stage) in in_order:
            continue
        earlier = [(n, s) for n, s in placed[:i] if s.rank > stage.rank]
        other, side = (earlier[0], "after") if earlier else (next(
            (n, s) for n, s in placed[i + 1:] if s.rank < stage.rank), "before")
        problems.append(f"{name} ({stage}) is listed {side} {other[0]} ({other[1]}); "
                        f"list it {_where(stage, in_order)}")
    for plugin in listed:
        for first, why in plugin.after.items():
            if first in names and names.index(first) > names.index(plugin.name):
                problems.append(f"{plugin.name} is listed before {first}; list it after {first}: {why}")
    return problems


def _in_order(placed: list[tuple[str, Stage]]) -> list[tuple[str, Stage]]:
    """The most plugins that are already in stage order (the longest run, not
    necessarily adjacent, whose stages never go back): the others are the ones to move."""
    best: list[list[tuple[str, Stage]]] = []
    for i, (name, stage) in enumerate(placed):
        before = [best[j] for j in range(i) if placed[j][1].rank <= stage.rank]
        best.append(max(before, key=len, default=[]) + [(name, stage)])
    return max(best, key=len, default=[])


def _where(stage: Stage, in_order: list[tuple[str, Stage]]) -> str:
    """Where a plugin of `stage` belongs among those in order: after the last of its
    own or an earlier stage, before the first of a later one."""
    before = [n for n, s in in_order if s.rank <= stage.rank]
    after = [n for n, s in in_order if s.rank > stage.rank]
    if before and after:
        return f"after {before[-1]} and before {after[0]}"
    return f"after {before[-1]}" if before else f"first, before {after[0]}" if after else "in PLUGINS"


def check_plugins(listed: Sequence[Declared]) -> None:
    problems = plugin_problems(listed)
    if problems:
        order = " → ".join(s.name for s in STAGES)
        raise PipelineError("PLUGINS in the settings is not a build this project can run:\n"
                            + "".join(f"- {p}\n" for p in problems)
                            + f"The stages run in this order: {order} (plugins/c2c_registry/pipeline.py).")


class StageNotRun(RuntimeError):
    """A value of the build state was read before the stage that makes it had run."""


class Handed(Generic[T]):
    """A value one stage hands the later ones: set once by its plugin, read by any."""

    def __init__(self, stage: Stage, plugin: str, what: str):
        self.stage, self.plugin, self.what = stage, plugin, what
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, state: None, owner: type) -> Handed[T]: ...
    @overload
    def __get__(self, state: BuildState, owner: type) -> T: ...

    def __get__(self, state: BuildState | None, owner: type) -> Handed[T] | T:
        if state is None:
            return self
        try:
            return state.__dict__[self.name]
        except KeyError:
            raise StageNotRun(f"the build has no {self.what} ({self.name}) yet: {self.stage} ({self.plugin}) has "
                              f"not run. Is {self.plugin} in PLUGINS, in its place? "
                              "(plugins/c2c_registry/pipeline.py)") from None

    def __set__(self, state: BuildState, value: T) -> None:
        state.__dict__[self.name] = value

    def given(self, state: BuildState) -> bool:
        return self.name in state.__dict__


class BuildState:
    """What one build's stages hand each other, as typed values.

    It is carried in the settings, under BUILD_STATE, because the settings are the one
    object Pelican gives every receiver (the Pelican object, generators and content
    objects all hold them; generators' `context` is a copy that shares this object),
    and they live exactly as long as one build. A module global would outlive it:
    several builds run in one process (tests, `pelican --autoreload`).
    """

    registry: Handed[Registry] = Handed(LOAD, "c2c_registry", "checked registry")
    warnings: Handed[list[Problem]] = Handed(CHECK, "c2c_registry", "list of content-quality warnings")
    history: Handed[dict[str, Change]] = Handed(VIEWS, "c2c_views", "git history of the content files")
    views: Handed[SiteViews] = Handed(VIEWS, "c2c_views", "views")
    pages: Handed[PageQueue] = Handed(VIEWS, "c2c_views", "queue of pages to render")
    reuse: Handed[Reuse | NoReuse] = Handed(VIEWS, "c2c_views", "comparison with the last build (what need not be "
                                                                 "done again)")
    csp: Handed[str] = Handed(FINALISE, "c2c_site", "Content-Security-Policy (set at start-up)")

    def __repr__(self) -> str:
        return f"BuildState(given={sorted(self.__dict__)})"


BUILD_STATE = "C2C_BUILD"


def open_build(settings: dict[str, Any]) -> BuildState:
    """A new, empty state for the build these settings run."""
    settings[BUILD_STATE] = state = BuildState()
    return state


def build_state(settings: Mapping[str, Any]) -> BuildState:
    """The build's state, from the settings (or a generator's context, which shares it)."""
    state = settings.get(BUILD_STATE)
    if not isinstance(state, BuildState):
        raise StageNotRun("this build has no c2c build state: no c2c plugin started it, so nothing was loaded or "
                          f"checked. PLUGINS must list {', '.join(REQUIRED)} (plugins/c2c_registry/pipeline.py).")
    return state
