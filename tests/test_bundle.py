"""The desktop bundle: built from build.spec, it starts and behaves as the installed app (version, first
start with the demo content in a fresh data folder, a rendered sidebar, the CLI). One build, about a
minute; the figures (size, start to first paint) are scripts/bundle_figures.py's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from assist import __version__

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    if not pyinstaller.is_file():
        pytest.skip("PyInstaller is not installed (scripts/setup.sh installs it with the dev tools)")
    work = tmp_path_factory.mktemp("bundle")
    result = subprocess.run([str(pyinstaller), "--noconfirm", "--log-level", "ERROR", "--distpath",
                             str(work / "dist"), "--workpath", str(work / "build"), str(ROOT / "build.spec")],
                            cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    yield work / "dist" / "assist"
    shutil.rmtree(work, ignore_errors=True)


def run(bundle: Path, tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ASSIST_DATA_DIR": str(tmp_path / "data"),
                   "ASSIST_CONFIG_DIR": str(tmp_path / "config")}
    # The bundle must not lean on the development tree: no resources override, no venv on the path.
    environment.pop("ASSIST_RESOURCES_DIR", None)
    environment.pop("PYTHONPATH", None)
    return subprocess.run([str(bundle / "assist"), *arguments], env=environment, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, check=False)


def test_the_bundle_is_the_app(bundle: Path, tmp_path: Path) -> None:
    version = run(bundle, tmp_path, "--version")
    assert version.returncode == 0 and version.stdout.strip() == f"assist {__version__}"

    # A first start in an empty data folder: the demo content loads, the sidebar renders, searches.
    shot = tmp_path / "sidebar.png"
    rendered = run(bundle, tmp_path, "--screenshot", str(shot), "--state", "search:tuikuan",
                   "--lang", "zh_CN")
    assert rendered.returncode == 0, rendered.stderr[-1000:]
    image = QImage(str(shot))
    assert not image.isNull() and image.width() > 200
    assert (tmp_path / "data" / "knowledge.sqlite3").is_file()

    found = run(bundle, tmp_path, "search", "退款多久到账", "--json")
    assert found.returncode == 0, found.stderr[-1000:]
    assert '"kind": "faq"' in found.stdout and "refund" in found.stdout

    # Commands that open their modules late (packs, team, calls) are all in the bundle.
    for command in (["pack", "list"], ["scripts", "list"], ["team", "--help"], ["calls", "--help"],
                    ["customers", "show", "+86 138 0013 8000", "--json"]):
        result = run(bundle, tmp_path, *command)
        assert result.returncode == 0, (command, result.stderr[-800:])
        assert "ModuleNotFoundError" not in result.stderr
    # A softphone opening the URL: with no sidebar running, the call hook's own answer (exit 3).
    popped = run(bundle, tmp_path, "assist://call?number=13800138000")
    assert popped.returncode == 3 and popped.stderr.count("\n") == 1


def test_the_bundle_speaks_chinese_without_every_language_of_icu(bundle: Path) -> None:
    # ICU's data is cut to Chinese and English (packaging/trim_icu.py): what is left is much smaller.
    icu = next((bundle / "_internal").rglob("libicudata.so.*")).resolve()
    assert icu.stat().st_size < 15 * 2**20


def test_the_global_hotkey_can_load_in_the_bundle(bundle: Path) -> None:
    # pynput chooses its backend (X11 here) only when the app imports it on a display; the bundle must
    # hold those modules although the build machine has no display.
    modules = (bundle.parent.parent / "build" / "build" / "PYZ-00.toc").read_text(encoding="utf-8")
    for module in ("pynput.keyboard._xorg", "pynput._util.xorg", "Xlib.display"):
        assert f"'{module}'" in modules, module
