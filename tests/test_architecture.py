"""The domain packages never import Qt or the app (style.md habit 1)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = {"knowledge": ("PySide6", "PyQt5", "PyQt6", "qtpy", "assist"),
         "scripts_lib": ("PySide6", "PyQt5", "PyQt6", "qtpy", "assist")}


@pytest.mark.parametrize("package", sorted(RULES))
def test_domain_package_imports(package: str) -> None:
    offenders = []
    for path in (ROOT / package).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                if name.split(".")[0] in RULES[package]:
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []
