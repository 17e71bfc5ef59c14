"""The assist:// URL handler: a softphone opens assist://call?number=... and the caller's card pops."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from assist.cli import main
from assist.cli_calls import CALL_EVENT_ARGUMENT, NO_SIDEBAR_EXIT, CallUrlError, call_arguments_from_url

ROOT = Path(__file__).resolve().parent.parent
INSTALL = ROOT / "scripts" / "install_desktop.sh"


@pytest.mark.parametrize("url", [
    "assist://call?number=13800138000",
    "assist://call/?number=13800138000",
    "assist:call?number=13800138000",
    "ASSIST://Call?number=13800138000",
    "assist://call?number=13800138000&utm_source=softphone",  # fields we do not know are ignored
])
def test_url_forms_give_the_call_command(url: str) -> None:
    assert call_arguments_from_url(url) == ["call", "ringing", "--number=13800138000"]


def test_every_field_reaches_the_call_command() -> None:
    url = ("assist://call?event=answered&number=%2B86%20138-0013-8000&call_id=abc%40pbx-1"
           "&name=%E5%88%98%E4%BC%9F%20(VIP)")
    assert call_arguments_from_url(url) == [
        "call", "answered", "--number=+86 138-0013-8000", "--name=刘伟 (VIP)", "--call-id=abc@pbx-1"]


def test_values_as_softphones_write_them() -> None:
    # A literal "+" stays one (an unencoded +86 number); raw UTF-8 and a SIP URI pass through; a value
    # that starts with "-" stays a value.
    assert call_arguments_from_url("assist://call?number=+8613800138000&name=刘伟&event=ended") == [
        "call", "ended", "--number=+8613800138000", "--name=刘伟"]
    assert call_arguments_from_url("assist:call?number=sip:13800138000@pbx&call_id=-x") == [
        "call", "ringing", "--number=sip:13800138000@pbx", "--call-id=-x"]


def test_a_withheld_caller_needs_no_number() -> None:
    assert call_arguments_from_url("assist://call?withheld=1") == ["call", "ringing", "--number="]
    assert call_arguments_from_url("assist://call?withheld&event=ended") == ["call", "ended", "--number="]


@pytest.mark.parametrize(("url", "says"), [
    ("assist://evil?number=13800138000", "not a call URL"),
    ("assist://call/evil?number=13800138000", "not a call URL"),
    ("assist://call:80?number=13800138000", "not a call URL"),
    ("assist://", "not a call URL"),
    ("assist://call", "no number"),
    ("assist://call?number=", "no number"),
    ("assist://call?name=Liu", "no number"),
    ("assist://call?withheld=0", "no number"),
    ("assist://call?number=1&withheld=1", "withheld"),
    ("assist://call?number=13800138000&event=hangup", "event"),
    ("assist://call?number=13800138000&event=ringing&event=ended", "more than once"),
    ("assist://call?number=13800138000&name=Liu%0AWei", "control characters"),
    ("assist://call?number=13800138000%00", "control characters"),
    ("assist://call?number=13800138000\n&name=x", "control characters"),
    ("assist://call?number=13800138000&name=%FF", "UTF-8"),
    ("assist://call?number=13800138000&name=" + "x" * 2000, "longer than 2,000"),
])
def test_malformed_urls_say_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], url: str,
                                                says: str) -> None:
    with pytest.raises(CallUrlError, match=says):
        call_arguments_from_url(url)
    assert main([url]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("assist: ") and err.count("\n") == 1 and says in err
    assert "Traceback" not in err


def test_two_urls_at_once_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assist://call?number=1", "assist://call?number=2"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_the_url_with_no_sidebar_running_exits_like_the_call_command(capsys: pytest.CaptureFixture[str],
                                                                      isolated: Path, qapp: object) -> None:
    # qapp: the command reuses a running QApplication rather than leaving a bare QCoreApplication behind,
    # which the widget tests after this one could not use.
    assert main(["assist://call?number=13800138000&name=%E5%88%98"]) == NO_SIDEBAR_EXIT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no sidebar is running" in err
    # Global options before the URL still apply (a desktop entry may pass --data-dir).
    assert main(["--data-dir", str(isolated / "elsewhere"), "assist:call?number=13800138000"]) == 3
    assert str(isolated / "elsewhere") in capsys.readouterr().err


def _install(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    # A PATH without xdg-mime or update-desktop-database: the script warns and goes on.
    tools = tmp_path / "bin"
    tools.mkdir(exist_ok=True)
    for tool in ("bash", "dirname", "basename", "mkdir", "mktemp", "chmod", "mv", "rm", "install"):
        found = shutil.which(tool)
        assert found is not None
        (tools / tool).unlink(missing_ok=True)
        (tools / tool).symlink_to(found)
    environment = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "share"), HOME=str(tmp_path / "home"),
                       PATH=str(tools))
    return subprocess.run([str(tools / "bash"), str(INSTALL), *arguments], env=environment,
                          capture_output=True, text=True, timeout=60)


def test_install_desktop_writes_the_entry_and_the_icon(tmp_path: Path) -> None:
    program = tmp_path / "my app" / "assist"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    for _ in range(2):  # safe to run twice
        result = _install(tmp_path, str(program))
        assert result.returncode == 0, result.stderr
        assert "xdg-mime not found" in result.stderr and "update-desktop-database not found" in result.stderr
    desktop = tmp_path / "share" / "applications" / "assist.desktop"
    text = desktop.read_text(encoding="utf-8")
    assert f'Exec="{program}" %u' in text.splitlines()
    assert "MimeType=x-scheme-handler/assist;" in text and "Name[zh_CN]=坐席助手" in text
    icon = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "assist.svg"
    assert icon.read_bytes() == (ROOT / "resources" / "icons" / "assist.svg").read_bytes()
    assert sorted(p.name for p in desktop.parent.iterdir()) == ["assist.desktop"]  # no temporary left
    assert not (tmp_path / "home").exists()  # XDG_DATA_HOME honoured
    validate = shutil.which("desktop-file-validate")
    if validate is not None:
        checked = subprocess.run([validate, str(desktop)], capture_output=True, text=True, timeout=30)
        assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout


def test_an_assist_url_opened_on_the_desktop_starts_the_installed_program(tmp_path: Path) -> None:
    # What a softphone does: open the URL with the desktop's opener, which finds the handler
    # install_desktop.sh registered and runs its Exec line with the URL.
    opener, mime = shutil.which("xdg-open"), shutil.which("xdg-mime")
    if opener is None or mime is None:
        pytest.skip("xdg-utils is not installed (scripts/setup.sh installs it)")
    program = tmp_path / "app" / "assist"
    program.parent.mkdir()
    called = tmp_path / "called.txt"
    program.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" > '{called}'\n")
    program.chmod(0o755)
    # A desktop session of its own: nothing outside tmp_path is read or changed. DISPLAY makes
    # xdg-open use the registered handlers (no window is opened).
    session = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home"),
               "XDG_DATA_HOME": str(tmp_path / "share"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
               "XDG_DATA_DIRS": f"{tmp_path / 'share'}:/usr/share", "DISPLAY": ":99"}
    installed = subprocess.run(["bash", str(INSTALL), str(program)], env=session, capture_output=True,
                               text=True, timeout=60)
    assert installed.returncode == 0 and "warning" not in installed.stderr, installed.stderr
    assert "registered assist.desktop as the handler of assist:// URLs" in installed.stdout
    query = subprocess.run([mime, "query", "default", "x-scheme-handler/assist"], env=session,
                           capture_output=True, text=True, timeout=30)
    assert query.stdout.strip() == "assist.desktop"
    url = "assist://call?number=13800138000&name=%E5%88%98&event=ringing"
    opened = subprocess.run([opener, url], env=session, capture_output=True, text=True, timeout=30)
    assert opened.returncode == 0, opened.stderr
    deadline = time.monotonic() + 10  # xdg-open may start the handler in the background
    while not (called.exists() and called.read_text(encoding="utf-8")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert called.read_text(encoding="utf-8").splitlines() == [url]


def test_install_desktop_refuses_a_missing_program(tmp_path: Path) -> None:
    result = _install(tmp_path, str(tmp_path / "nowhere" / "assist"))
    assert result.returncode == 1 and "not an executable file" in result.stderr
    assert not (tmp_path / "share" / "applications" / "assist.desktop").exists()


def test_the_shipped_entry_is_valid() -> None:
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate is not installed (Debian: desktop-file-utils)")
    checked = subprocess.run([validate, str(ROOT / "packaging" / "linux" / "assist.desktop")],
                             capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0 and not checked.stdout.strip(), checked.stdout


def test_the_url_reaches_a_running_sidebar(qtbot: QtBot, isolated: Path) -> None:
    from assist.ui.single_instance import SingleInstance, instance_key

    instance = SingleInstance(instance_key(isolated))
    assert instance.start()
    url = "assist://call?number=%2B8613800138000&name=%E5%88%98%E4%BC%9F&call_id=u-1&event=answered"
    try:
        with qtbot.waitSignal(instance.arguments_received, timeout=20_000) as received:
            process = subprocess.Popen([sys.executable, "-m", "assist.cli", url],
                                       env=dict(os.environ, ASSIST_DATA_DIR=str(isolated)))
        # The sidebar answers from its event loop: keep it running until the command has its answer.
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=20_000)
        assert process.returncode == 0
    finally:
        instance.close()
    argument, payload = received.args[0]
    assert argument == CALL_EVENT_ARGUMENT
    assert json.loads(payload) == {"event": "answered", "number": "+8613800138000", "name": "刘伟",
                                   "call_id": "u-1"}
