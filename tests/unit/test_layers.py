"""Which module may import which: the layering docs/architecture.md describes, checked on
the source (AST), not claimed.

Bottom up, a module imports only its own layer and those below it:

  0  c2c_schemas                      data only: imports nothing of the project
  1  c2c_registry's top-level modules  model, when, derive, urls, settings, markup, words, ...
  2  c2c_registry.rules
  3  c2c_registry.load
  4  c2c_registry glue                 __init__ (register) and pipeline: may import the library
  5  c2c_views (and c2c_views.directory)
  6  the writers                       c2c_pages c2c_directory c2c_badges c2c_search c2c_data
                                       c2c_submit c2c_site; a writer never imports another
  7  c2c_cli                           on top: nothing else imports it

Names imported under `if TYPE_CHECKING:` are for the type checker and never run, so they
are left out. And no module of c2c_registry imports Pelican when it is imported (its
`register()` does, inside the function), nor does anything `import c2c_cli` loads, which
includes the `c2c import-hsds` path through c2c_data.importer.
"""

from __future__ import annotations

import ast
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.project import ROOT

WRITERS = ("c2c_pages", "c2c_directory", "c2c_badges", "c2c_search", "c2c_data", "c2c_submit", "c2c_site")
LAYER_NAMES = ("c2c_schemas", "the library's top-level modules", "c2c_registry.rules", "c2c_registry.load",
               "the library's plugin glue", "c2c_views", "the writers", "c2c_cli")
GLUE = ("c2c_registry", "c2c_registry.pipeline")


def layer(module: str) -> int | None:
    """The layer of a module of the project (see the table above); None for a package
    nobody has placed yet."""
    top = module.split(".")[0]
    if top == "c2c_schemas":
        return 0
    if top == "c2c_registry":
        if module in GLUE:
            return 4
        part = module.split(".")[1]
        return {"rules": 2, "load": 3}.get(part, 1)
    if top == "c2c_views":
        return 5
    if top in WRITERS:
        return 6
    if top == "c2c_cli":
        return 7
    return None


def project_modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the project by its dotted name (a package by its __init__.py)."""
    found = {"c2c_schemas": root / "schemas" / "__init__.py"}
    for path in sorted((root / "plugins").rglob("*.py")):
        parts = path.relative_to(root / "plugins").with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str  # a project module, or the full dotted name of anything else
    line: int
    at_import: bool  # runs when the importer is imported (not inside a function)


def imports_in(name: str, source: str, is_package: bool, known: set[str]) -> list[Import]:
    """The imports a module's source makes, resolved to module names: relative ones from
    the module's package (`from .. import derive` in c2c_registry/rules/x.py is
    c2c_registry.derive), `from package import module` to the module."""
    package = name if is_package else name.rpartition(".")[0]
    found: list[Import] = []

    def visit(node: ast.AST, at_import: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child, at_import)
            return
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            at_import = False
        if isinstance(node, ast.Import):
            found.extend(Import(name, alias.name, node.lineno, at_import) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.append(Import(name, candidate if candidate in known else base, node.lineno, at_import))
        for child in ast.iter_child_nodes(node):
            visit(child, at_import)

    visit(ast.parse(source), True)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def project_of(imported: str, known: set[str]) -> str | None:
    """The project module an import names (its longest known prefix), or None."""
    parts = imported.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in known:
            return ".".join(parts[:end])
    return None


def layer_problems(imports: list[Import], known: set[str]) -> list[str]:
    """Every import that points up the layers, sideways between writers, or at c2c_cli."""
    problems = []
    for imp in imports:
        target = project_of(imp.imported, known)
        if target is None:
            continue
        mine, theirs = layer(imp.importer), layer(target)
        where = f"{imp.importer} (line {imp.line}) imports {target}"
        if mine is None or theirs is None:
            unplaced = imp.importer if mine is None else target
            problems.append(f"{where}: {unplaced.split('.')[0]} has no layer; place it in tests/unit/test_layers.py "
                            "and docs/architecture.md")
        elif theirs > mine:
            problems.append(f"{where}: {LAYER_NAMES[mine]} may not import {LAYER_NAMES[theirs]}, a layer above it")
        elif mine == theirs == 6 and imp.importer.split(".")[0] != target.split(".")[0]:
            problems.append(f"{where}: a writer never imports another writer; what two writers share belongs "
                            "in c2c_views or the library")
    return problems


def pelican_imports(imports: list[Import], loaded: set[str], running: set[str] = frozenset()) -> list[str]:
    """Imports of Pelican that run when `loaded` are imported (or, for `running`, used)."""
    return [f"{imp.importer} (line {imp.line}) imports {imp.imported}"
            for imp in imports if imp.importer in loaded and (imp.at_import or imp.importer in running)
            and imp.imported.split(".")[0] == "pelican"]


def loaded_by(starts: list[str], imports: list[Import], known: set[str], running: set[str] = frozenset()) -> set[str]:
    """The project modules importing `starts` runs: their module-level imports, theirs,
    and the packages each sits in (importing c2c_data.importer runs c2c_data/__init__.py);
    for the modules in `running`, the imports inside their functions too, since running a
    command runs those."""
    by_importer: dict[str, list[Import]] = {}
    for imp in imports:
        by_importer.setdefault(imp.importer, []).append(imp)
    seen: set[str] = set()
    todo = list(starts)
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        parts = module.split(".")
        todo += [".".join(parts[:end]) for end in range(1, len(parts))]
        todo += [target for imp in by_importer.get(module, []) if imp.at_import or module in running
                 for target in [project_of(imp.imported, known)] if target]
    return seen


def all_imports(root: Path = ROOT) -> tuple[list[Import], set[str]]:
    modules = project_modules(root)
    known = set(modules)
    imports = [imp for name, path in modules.items()
               for imp in imports_in(name, path.read_text("utf-8"), path.name == "__init__.py", known)]
    return imports, known


# -- the project -------------------------------------------------------------------------------

def test_every_package_has_a_layer():
    unplaced = sorted({m.split(".")[0] for m in project_modules() if layer(m) is None})
    assert unplaced == [], f"place these packages in a layer (here and in docs/architecture.md): {unplaced}"


def test_no_module_imports_a_layer_above_its_own_or_another_writer():
    imports, known = all_imports()
    assert layer_problems(imports, known) == []


def test_the_library_imports_no_pelican_when_it_is_imported():
    imports, known = all_imports()
    library = {m for m in known if m.split(".")[0] == "c2c_registry"}
    assert pelican_imports(imports, library) == []


def test_importing_the_command_loads_no_pelican():
    """`import c2c_cli` imports every command module, `c2c import-hsds`'s among them, and
    through it c2c_data.importer (checked: they are in what it loads)."""
    imports, known = all_imports()
    loaded = loaded_by(["c2c_cli"], imports, known)
    assert {"c2c_cli.import_hsds", "c2c_data.importer", "c2c_data"} <= loaded
    assert pelican_imports(imports, loaded) == []


def import_modules(known: set[str]) -> set[str]:
    """`c2c import-hsds`'s own modules in c2c_data (the rest of c2c_data is the export)."""
    return {m for m in known if m in ("c2c_data.importer", "c2c_data.hsds_in", "c2c_data.hsds", "c2c_data.text")
            or m.startswith("c2c_data.imports.") or m == "c2c_data.imports"}


def test_the_import_path_loads_no_pelican_views_or_other_writers():
    """Running `c2c import-hsds` (its modules' lazy imports included) loads the library
    and the import's own modules only: never Pelican, the views or a page writer."""
    imports, known = all_imports()
    running = import_modules(known)
    loaded = loaded_by(["c2c_cli.import_hsds", *running], imports, known, running)
    assert "c2c_data.imports.prose" in loaded  # the lazy ones are followed
    assert pelican_imports(imports, loaded, running) == []
    assert sorted(m for m in loaded if (layer(m) or 0) >= 5 and m not in running
                  and m.split(".")[0] != "c2c_cli" and m != "c2c_data") == []


def test_the_architecture_picture_places_every_package_and_module_as_here():
    """docs/architecture.md draws the same layers: each package on its layer's line, and
    every module of load/ and rules/ named in the picture."""
    doc = (ROOT / "docs" / "architecture.md").read_text("utf-8")
    picture = doc.split("```", 2)[1]
    lines = {int(m[1]): m[2] for m in re.finditer(r"^ +(\d) +(.+)$", picture, re.M)}
    for module in project_modules():
        if module.count(".") == 0 and module != "c2c_registry":
            assert module in lines[layer(module)].split(), (module, layer(module), lines[layer(module)])
    assert lines[4].startswith("c2c_registry") and "glue" in lines[4]
    assert lines[3].startswith("load/") and lines[2].startswith("rules/") and lines[1].startswith("top level")
    named = set(re.findall(r"[a-z][a-z_-]*", picture))
    for module in project_modules():
        parts = module.split(".")
        described = parts[0] in ("c2c_registry", "c2c_cli") and len(parts) == 2 and parts[1] not in ("load", "rules")
        if described or (parts[:2] in (["c2c_registry", "load"], ["c2c_registry", "rules"]) and len(parts) == 3):
            name = parts[-1]
            assert name in named or name.replace("_", "-") in named or name == "__main__", (
                f"docs/architecture.md's picture does not name {module}")


# -- the checker can fail ----------------------------------------------------------------------

KNOWN = {"c2c_registry", "c2c_registry.derive", "c2c_registry.urls", "c2c_registry.pipeline", "c2c_registry.rules",
         "c2c_registry.rules.checks", "c2c_registry.load", "c2c_registry.load.registry", "c2c_views",
         "c2c_views.views", "c2c_pages", "c2c_directory", "c2c_directory.pages", "c2c_data", "c2c_data.importer",
         "c2c_cli", "c2c_cli.validate", "c2c_schemas"}


def problems_of(sources: dict[str, str]) -> list[str]:
    """The layer problems of modules given as source text ("name/" for a package)."""
    imports = [imp for name, source in sources.items()
               for imp in imports_in(name.rstrip("/"), source, name.endswith("/"), KNOWN)]
    return layer_problems(imports, KNOWN)


def test_a_module_importing_upwards_in_a_copy_of_the_project_is_caught(tmp_path):
    shutil.copytree(ROOT / "plugins", tmp_path / "plugins", ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "schemas").mkdir()
    shutil.copy(ROOT / "schemas" / "__init__.py", tmp_path / "schemas")
    assert layer_problems(*all_imports(tmp_path)) == []
    (tmp_path / "plugins" / "c2c_registry" / "rules" / "shortcut.py").write_text(
        '"""A rule that reads a view."""\nfrom c2c_views import views\nfrom c2c_directory import pages\n')
    assert layer_problems(*all_imports(tmp_path)) == [
        "c2c_registry.rules.shortcut (line 2) imports c2c_views.views: c2c_registry.rules may not import "
        "c2c_views, a layer above it",
        "c2c_registry.rules.shortcut (line 3) imports c2c_directory.pages: c2c_registry.rules may not import "
        "the writers, a layer above it"]


def test_relative_imports_are_resolved_from_the_modules_package():
    def targets(name: str, source: str, package: bool = False) -> list[str]:
        return [i.imported for i in imports_in(name, source, package, KNOWN)]

    assert targets("c2c_registry.rules.checks", "from .. import derive") == ["c2c_registry.derive"]
    assert targets("c2c_registry.rules.checks", "from ..load.registry import load_registry") == [
        "c2c_registry.load.registry"]
    assert targets("c2c_registry.rules", "from . import checks", package=True) == ["c2c_registry.rules.checks"]
    assert targets("c2c_registry", "from .pipeline import LOAD", package=True) == ["c2c_registry.pipeline"]
    assert targets("c2c_directory.pages", "from . import files") == ["c2c_directory"]


@pytest.mark.parametrize("name, source, problem", [
    ("c2c_registry.derive", "from c2c_views import views",
     "c2c_registry.derive (line 1) imports c2c_views.views: the library's top-level modules may not import c2c_views"),
    ("c2c_registry.derive", "from .rules import checks",
     "c2c_registry.derive (line 1) imports c2c_registry.rules.checks: the library's top-level modules may not "
     "import c2c_registry.rules"),
    ("c2c_registry.rules.checks", "def f():\n    from ..load import registry",
     "c2c_registry.rules.checks (line 2) imports c2c_registry.load.registry: c2c_registry.rules may not import "
     "c2c_registry.load"),
    ("c2c_registry.load.registry", "from c2c_registry import pipeline",
     "c2c_registry.load.registry (line 1) imports c2c_registry.pipeline: c2c_registry.load may not import the "
     "library's plugin glue"),
    ("c2c_views.views", "import c2c_pages",
     "c2c_views.views (line 1) imports c2c_pages: c2c_views may not import the writers"),
    ("c2c_directory.pages", "from c2c_data import importer",
     "c2c_directory.pages (line 1) imports c2c_data.importer: a writer never imports another writer"),
    ("c2c_data.importer", "from c2c_cli import validate",
     "c2c_data.importer (line 1) imports c2c_cli.validate: the writers may not import c2c_cli"),
    ("c2c_schemas/", "from c2c_registry import urls",
     "c2c_schemas (line 1) imports c2c_registry.urls: c2c_schemas may not import the library's top-level modules"),
    ("c2c_registry.urls", "import c2c_extra",
     "c2c_registry.urls (line 1) imports c2c_extra: c2c_extra has no layer"),
])
def test_an_import_up_the_layers_is_a_problem_naming_the_module_and_line(name, source, problem):
    known = KNOWN | {"c2c_extra"}
    imports = imports_in(name.rstrip("/"), source, name.endswith("/"), known)
    found = layer_problems(imports, known)
    assert len(found) == 1 and found[0].startswith(problem), found


def test_what_is_allowed_is_not_a_problem():
    assert problems_of({
        "c2c_registry/": "from .pipeline import LOAD\nfrom .load.registry import load_registry",
        "c2c_registry.pipeline": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from c2c_views import views",
        "c2c_registry.rules.checks": "from .. import derive, urls",
        "c2c_registry.load.registry": "from ..rules import checks",
        "c2c_views.views": "from c2c_registry.load.registry import load_registry\nfrom c2c_registry import pipeline",
        "c2c_directory.pages": "from c2c_views import views\nfrom . import files\nfrom c2c_directory import pages",
        "c2c_cli.validate": "from c2c_data import importer\nfrom c2c_directory import pages\nimport pelican",
    }) == []


def test_pelican_imported_when_the_module_is_imported_is_found_and_inside_a_function_is_not():
    source = "import pelican.generators\n\ndef register():\n    from pelican import signals\n"
    imports = imports_in("c2c_registry", source, True, KNOWN)
    assert pelican_imports(imports, {"c2c_registry"}) == ["c2c_registry (line 1) imports pelican.generators"]
    later = imports_in("c2c_registry", source.split("\n", 1)[1], True, KNOWN)
    assert pelican_imports(later, {"c2c_registry"}) == []
    assert pelican_imports(later, {"c2c_registry"}, running={"c2c_registry"}) == [
        "c2c_registry (line 3) imports pelican"]


def test_what_a_module_loads_follows_module_level_imports_and_packages():
    imports = [*imports_in("c2c_cli", "from . import validate", True, KNOWN),
               *imports_in("c2c_cli.validate", "from c2c_data import importer\ndef run():\n    import c2c_views",
                           False, KNOWN),
               *imports_in("c2c_data.importer", "from c2c_registry import derive", False, KNOWN),
               *imports_in("c2c_data", "import pelican", True, KNOWN)]
    loaded = loaded_by(["c2c_cli"], imports, KNOWN)
    assert loaded == {"c2c_cli", "c2c_cli.validate", "c2c_data", "c2c_data.importer", "c2c_registry",
                      "c2c_registry.derive"}
    assert pelican_imports(imports, loaded) == ["c2c_data (line 1) imports pelican"]
    assert "c2c_views" in loaded_by(["c2c_cli"], imports, KNOWN, running={"c2c_cli.validate"})
