"""Domain packages never import Qt or the app; the app's Qt-free parts never import Qt (style.md, habit 1)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QT = ("PySide6", "PyQt5", "PyQt6", "qtpy")
RULES = {"knowledge": (*QT, "assist"),
         "scripts_lib": (*QT, "assist"),
         "assist/customers": QT,
         "assist/telephony": QT,
         "assist/team": QT,
         "assist/cli_team.py": QT,
         "assist/settings.py": QT,
         "assist/context.py": QT,
         "assist/answer_lines.py": QT,
         "assist/paths.py": QT}


@pytest.mark.parametrize("package", sorted(RULES))
def test_domain_package_imports(package: str) -> None:
    offenders = []
    root = ROOT / package
    for path in ([root] if root.is_file() else root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                if name.split(".")[0] in RULES[package]:
                    offenders.append(f"{path.relative_to(ROOT)}: {name}")
    assert offenders == []
