"""The folder list shows the pipeline, and each layer imports only what is below it (docs/architecture.md)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
STAGES = ["outline", "checks", "localize", "style", "render", "pipeline", "live", "project", "exchange", "cli"]


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


MODULES = _modules()


def _imports(module: str) -> set[str]:
    """Every module ``module`` imports, at any depth of its code (lazy imports included)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            found |= {f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target for a in node.names}
    return found


def _third_party(module: str) -> set[str]:
    return {name.split(".")[0] for name in _imports(module)} - set(sys.stdlib_module_names) - {"generator"}


def test_at_most_ten_modules_directly_under_the_package():
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= 10, top
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()) == sorted(STAGES)


@pytest.mark.parametrize("library, home", [("yaml", "generator.outline"), ("babel", "generator.localize"),
                                           ("pptx", "generator.render.pptx"), ("reportlab", "generator.render"),
                                           # pikepdf writes the brief's structure tree, and reads a PDF's pages
                                           # for the live preview (their objects are in object streams)
                                           ("pikepdf", ("generator.render.pdf.structure", "generator.live.pages"))])
def test_each_library_is_imported_in_one_place(library, home):
    users = sorted(m for m in MODULES if library in _third_party(m) and not m.startswith(home))
    assert users == [], f"{library} belongs in {home}"


def test_renderers_walk_a_document_and_never_see_yaml_checks_or_the_pipeline():
    forbidden = ("generator.outline", "generator.checks", "generator.pipeline", "generator.live", "generator.api",
                 "generator.cli")
    for module in (m for m in MODULES if m.startswith("generator.render.") and ".review" not in m):
        bad = sorted(name for name in _imports(module) if name.startswith(forbidden))
        assert bad == [], f"{module} imports {bad}"


# Who may import whom: a module imports only modules of its own layer or of the layers before it. The base
# (errors, options, clock, version) imports no stage; the outline only the base; the renderers walk a
# localized document; the checks may ask a renderer to lay a deck out (the fit check); the pipeline runs
# them all; the command's side (live/, project/) and the façades (api, cli) sit on top.
LAYERS = [
    ("generator.errors", "generator.options", "generator.clock", "generator.version"),
    ("generator.outline",),
    ("generator.localize",),
    ("generator.style",),
    ("generator.render",),
    ("generator.checks",),
    ("generator.pipeline",),
    ("generator.live", "generator.project", "generator.exchange"),
    ("generator.api", "generator.cli", "generator.__main__", "generator"),
]


def _layer(module: str) -> int:
    matches = [(len(prefix), rank) for rank, prefixes in enumerate(LAYERS) for prefix in prefixes
               if module == prefix or module.startswith(prefix + ".")]
    assert matches, f"{module} is in no layer: add its package to LAYERS"
    return max(matches)[1]


def test_each_layer_imports_only_the_layers_before_it():
    """Parsed imports (lazy ones included), not string searches: a layer that reaches up is named."""
    upward = sorted(f"{module} → {name}" for module in MODULES for name in _imports(module)
                    if name.startswith("generator") and name in MODULES and _layer(name) > _layer(module))
    assert upward == []


def _imported_renderers(module: str) -> set[str]:
    formats = {m.split(".")[2] for m in MODULES if m.startswith("generator.render.") and m.count(".") >= 3}
    return {name for name in _imports(module) if name.startswith("generator.render.")
            and name.split(".")[2] in formats}


def test_the_pipeline_checks_and_facades_name_no_format():
    """They find renderers in render/registry.py: importing a format's package by name (as api.py once did
    for the fit check) is refused, and so is a format's name in a string."""
    for module in (m for m in MODULES if m.startswith(("generator.pipeline", "generator.api", "generator.checks"))):
        assert _imported_renderers(module) == set(), f"{module} imports a renderer by name"
        text = MODULES[module].read_text(encoding="utf-8")
        for name in ('"pptx"', '"pdf"', "'pptx'", "'pdf'"):
            assert name not in text, f"{module} names the format {name}: ask the renderer registry"


def test_no_import_cycles():
    graph = {m: {d for d in _imports(m) if d in MODULES and d != m} for m in MODULES}
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for dep in sorted(graph[module]):
            if state.get(dep) == 1:
                pytest.fail(" → ".join(trail[trail.index(dep):] + [dep]) if dep in trail else dep)
            if dep not in state:
                visit(dep, trail + [dep])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


# A fact about the process, not about a build: the lock descriptors it holds, which forked workers close.
PROCESS_STATE = {("generator.pipeline.lock", "_held")}


def test_no_module_level_mutable_state_in_the_pipeline():
    for module in (m for m in MODULES if m.startswith("generator.pipeline")):
        tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Global):
                pytest.fail(f"{module}: global statement")
            target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
            if (module, getattr(target, "id", "")) in PROCESS_STATE:
                continue
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(node.value, (ast.Dict, ast.List, ast.Set)):
                pytest.fail(f"{module}:{node.lineno}: a module-level {type(node.value).__name__.lower()}")
        assert not any(isinstance(n, ast.Global) for n in ast.walk(tree)), f"{module}: global statement"


def test_the_theme_is_made_by_its_reader_and_read_by_attribute():
    """``Theme`` and its parts are built only in style/theme_file.py; nobody looks a deck or brief value up by
    string (``theme.deck["min_size"]``), so a misspelt name is a type error, not a KeyError mid-render."""
    typed = {"Theme", "DeckStyle", "BriefStyle", "Margins"}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in typed:
                assert module == "generator.style.theme_file", f"{module}:{node.lineno} makes a {node.func.id}"
            if isinstance(node, ast.Subscript) and getattr(node.value, "attr", None) in {"deck", "brief"} \
                    and getattr(getattr(node.value, "value", None), "id", getattr(
                        getattr(node.value, "value", None), "attr", "")) in {"theme", "self", "ctx"}:
                pytest.fail(f"{module}:{node.lineno}: a theme value looked up by string")
