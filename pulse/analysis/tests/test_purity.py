"""The analysis package must never import Django (DESIGN.md section 4)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__":
            names.update(
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )
    return names


SOURCES = sorted(PACKAGE.rglob("*.py"))


def test_the_scan_sees_the_package() -> None:
    assert len(SOURCES) > 15
    assert any(p.name == "disclosure.py" for p in SOURCES)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_imports_no_django(path: Path) -> None:
    bad = sorted(n for n in _imports(path) if n == "django" or n.startswith("django."))
    assert not bad, f"{path} imports {bad}"


def test_the_scan_would_catch_a_django_import(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("from django.db import models\nimport django.conf\n", encoding="utf-8")
    assert {"django.db", "django.conf"} <= _imports(module)
