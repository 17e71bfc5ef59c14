"""The sidebar's start: settings, language, fonts, docking, and stores that will not open."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from assist.settings import Settings, SettingsError, settings_path
from assist.ui.docking import docked_geometry
from assist.ui.shell import Shell
from knowledge.db import DATABASE_FILE
from tests.ui.xserver import needs_xvfb, virtual_display

WAIT = 20_000
ShellFactory = Callable[..., Shell]


@pytest.fixture
def make_shell(qtbot: QtBot) -> Iterator[ShellFactory]:
    shells: list[Shell] = []

    def make(data_dir: Path, **options: object) -> Shell:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        shell = Shell(app, Settings.load(), data_dir, None, interactive=False, **options)  # type: ignore[arg-type]
        qtbot.addWidget(shell.sidebar)
        shells.append(shell)
        return shell

    yield make
    for shell in shells:
        shell.set_language("en")
        shell.close()


def started(qtbot: QtBot, shell: Shell) -> Shell:
    with qtbot.waitSignal(shell.ready, timeout=WAIT):
        shell.start()
    return shell


def test_a_healthy_start_has_no_problems_and_searches(qtbot: QtBot, make_shell: ShellFactory,
                                                      isolated: Path) -> None:
    shell = started(qtbot, make_shell(isolated))
    assert shell.opened is not None and shell.opened.mode == "store"
    assert shell.sidebar.banner.problems == []
    with qtbot.waitSignal(shell.sidebar.results_shown, timeout=WAIT):
        qtbot.keyClicks(shell.sidebar.search_box, "tuikuan")
    assert shell.sidebar.results.rowCount() > 0


def test_typing_before_the_store_is_open_is_answered_once_it_is(qtbot: QtBot, make_shell: ShellFactory,
                                                                isolated: Path) -> None:
    shell = make_shell(isolated)
    shell.sidebar.search_box.setText("tuikuan")  # the index is not even loading yet
    assert shell.sidebar.results.rowCount() == 0
    with qtbot.waitSignal(shell.sidebar.results_shown, timeout=WAIT):
        shell.start()
    assert shell.sidebar.results.rowCount() > 0


def test_a_corrupt_settings_file_is_set_aside_and_said(qtbot: QtBot, make_shell: ShellFactory,
                                                       isolated: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"{\"settings\": {\"font_size\": ")
    shell = started(qtbot, make_shell(isolated))
    assert any(problem.startswith("Settings:") for problem in shell.sidebar.banner.problems)
    kept = list(path.parent.glob("settings.json.broken-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"{\"settings\": {\"font_size\": "
    assert shell.opened is not None and shell.opened.mode == "store"  # everything else works


def test_a_store_that_is_not_a_database_is_left_alone(qtbot: QtBot, make_shell: ShellFactory,
                                                      isolated: Path) -> None:
    isolated.mkdir(parents=True)
    garbage = b"this is not SQLite" * 100
    (isolated / DATABASE_FILE).write_bytes(garbage)
    shell = started(qtbot, make_shell(isolated))
    assert shell.opened is not None and shell.opened.mode == "builtin"
    problems = "\n".join(shell.sidebar.banner.problems)
    assert "could not be opened" in problems and "built-in" in problems
    assert (isolated / DATABASE_FILE).read_bytes() == garbage  # nothing lost, nothing touched
    with qtbot.waitSignal(shell.sidebar.results_shown, timeout=WAIT):
        qtbot.keyClicks(shell.sidebar.search_box, "tuikuan")
    assert shell.sidebar.results.rowCount() > 0  # the agent still has the built-in answers


def test_a_data_folder_that_cannot_be_created(qtbot: QtBot, make_shell: ShellFactory,
                                              tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    shell = started(qtbot, make_shell(blocker / "data"))
    assert shell.opened is not None and shell.opened.mode == "builtin"
    assert str(blocker / "data") in "\n".join(shell.sidebar.banner.problems)


def test_a_store_that_opens_only_as_a_copy(qtbot: QtBot, make_shell: ShellFactory, isolated: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from assist import context as context_module

    healthy = started(qtbot, make_shell(isolated))
    healthy.close()
    before = (isolated / DATABASE_FILE).read_bytes()
    real_open = context_module.AppContext.open.__func__  # type: ignore[attr-defined]

    def refuse_the_original(cls: type, data_dir: Path, **kwargs: object) -> object:
        if Path(data_dir) == isolated:
            raise OSError(30, "Read-only file system")
        return real_open(cls, data_dir, **kwargs)

    monkeypatch.setattr(context_module.AppContext, "open", classmethod(refuse_the_original))
    shell = started(qtbot, make_shell(isolated))
    assert shell.opened is not None and shell.opened.mode == "copy"
    assert "Read-only file system" in "\n".join(shell.sidebar.banner.problems)
    assert (isolated / DATABASE_FILE).read_bytes() == before


def test_no_chinese_font_is_said(qtbot: QtBot, make_shell: ShellFactory, isolated: Path) -> None:
    shell = make_shell(isolated, font_families={"DejaVu Sans"})
    assert any("fonts-noto-cjk" in problem for problem in shell.sidebar.banner.problems)


def test_settings_that_cannot_be_saved_are_said(qtbot: QtBot, make_shell: ShellFactory, isolated: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    shell = make_shell(isolated)

    def disk_full(_self: Settings) -> None:
        raise SettingsError("Settings not saved: No space left on device")

    monkeypatch.setattr(Settings, "save", disk_full)
    shell.apply_settings({"font_size": 14})
    qtbot.waitUntil(lambda: any("No space left" in p for p in shell.sidebar.banner.problems))
    assert QApplication.font().pointSize() == 14  # applied for this session regardless
    shell.apply_settings({"font_size": 11})


def test_switching_language_retranslates_in_place(qtbot: QtBot, make_shell: ShellFactory,
                                                  isolated: Path) -> None:
    shell = make_shell(isolated)
    english = shell.sidebar.search_box.placeholderText()
    seen = {english}
    for language in ("zh_CN", "zh_TW"):
        shell.set_language(language)
        # Qt posts LanguageChange to every window; each widget retranslates when it arrives.
        qtbot.waitUntil(lambda: shell.sidebar.search_box.placeholderText() not in seen)
        text = shell.sidebar.search_box.placeholderText()
        assert any("\u4e00" <= char <= "\u9fff" for char in text), language
        assert shell.sidebar.ui_language == language
        seen.add(text)
    assert shell.sidebar.caller.heading.text() != "No call in progress"
    shell.set_language("en")
    qtbot.waitUntil(lambda: shell.sidebar.search_box.placeholderText() == english)
    assert shell.sidebar.caller.heading.text() == "No call in progress"


def test_the_language_setting_takes_effect(qtbot: QtBot, make_shell: ShellFactory, isolated: Path) -> None:
    shell = make_shell(isolated)
    shell.apply_settings({"language": "zh_TW"})
    assert shell.language == "zh_TW" and shell.sidebar.ui_language == "zh_TW"
    shell._ops.wait()  # saved in the background
    assert Settings.load().get("language") == "zh_TW"


def test_docked_geometry_hugs_the_chosen_edge() -> None:
    screen = QRect(0, 0, 1920, 1040)
    assert docked_geometry(screen, "right", 400) == QRect(1520, 0, 400, 1040)
    assert docked_geometry(screen, "left", 400) == QRect(0, 0, 400, 1040)
    assert docked_geometry(screen, "right", 50).width() == 280  # never too narrow to read
    assert docked_geometry(QRect(0, 0, 300, 600), "right", 600).width() == 300


def test_a_second_launch_hands_over_its_query(qtbot: QtBot, make_shell: ShellFactory,
                                              isolated: Path) -> None:
    shell = started(qtbot, make_shell(isolated))
    with qtbot.waitSignal(shell.sidebar.results_shown, timeout=WAIT):
        shell.handle_arguments(["--query", "wuliu"])
    assert shell.sidebar.search_box.text() == "wuliu"


@pytest.mark.parametrize("scale", ["1", "1.5"])
def test_screenshot_renders_chinese_at_each_scale(tmp_path: Path, scale: str) -> None:
    target = tmp_path / f"shot-{scale}.png"
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "assist.cli", "--data-dir", str(tmp_path / "data"), "--screenshot",
         str(target), "--state", "search:退款", "--scale", scale, "--lang", "zh_CN"],
        env=environment, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    image = QImage(str(target))
    assert (image.width(), image.height()) == (round(420 * float(scale)), round(860 * float(scale)))
    assert "Traceback" not in result.stderr


def test_the_floating_window_comes_back_where_it_was(qtbot: QtBot, make_shell: ShellFactory,
                                                     isolated: Path) -> None:
    first = make_shell(isolated)
    first.apply_settings({"dock": "float"})
    first.sidebar.show()
    first.sidebar.setGeometry(QRect(40, 50, 500, 600))
    first.sidebar.splitter.setSizes([150, 350])
    first._ops.wait()
    first.save_state()
    second = make_shell(isolated)
    second.show()
    assert second.sidebar.geometry().size() == first.sidebar.geometry().size()
    assert second.sidebar.geometry().topLeft() == QRect(40, 50, 500, 600).topLeft()
    assert Settings.load().get_state("splitter_sizes") == first.sidebar.splitter.sizes()


def test_the_settings_dialog_edits_every_declared_setting(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QComboBox, QSpinBox

    from assist.settings import SETTINGS
    from assist.ui.settings_dialog import SettingsDialog

    current = {setting.name: setting.default for setting in SETTINGS}
    dialog = SettingsDialog(current)
    qtbot.addWidget(dialog)
    assert dialog.values() == current  # nothing changed, nothing reported as changed
    language = dialog.findChild(QComboBox, "setting:language")
    font_size = dialog.findChild(QSpinBox, "setting:font_size")
    assert language is not None and font_size is not None
    language.setCurrentIndex(language.findData("zh_TW"))
    font_size.setValue(30)  # beyond the declared maximum: the editor holds it in range
    values = dialog.values()
    assert values["language"] == "zh_TW" and values["font_size"] == 24
    assert {setting.name for setting in SETTINGS} == set(values)


X11_STRUT = """
import sys
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget
from Xlib import display
from assist.ui.docking import docked_geometry, reserve_edge

app = QApplication(sys.argv[:1])
window = QWidget()
geometry = docked_geometry(app.primaryScreen().availableGeometry(), "right", 400)
window.setGeometry(geometry)
window.show()
app.processEvents()
print("problem", reserve_edge(window, "right", geometry))
connection = display.Display()
native = connection.create_resource_object("window", int(window.winId()))
strut = native.get_full_property(connection.intern_atom("_NET_WM_STRUT_PARTIAL"), 0)
print("strut", list(strut.value))
"""


@pytest.mark.slow
@needs_xvfb
def test_a_docked_sidebar_reserves_its_screen_edge_on_x11(tmp_path: Path) -> None:
    with virtual_display() as display:
        env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
        result = subprocess.run([sys.executable, "-c", X11_STRUT], env=env, cwd=tmp_path,
                                capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "problem None"
    # right edge: 400 px wide, from the top to the bottom of a 1280x800 screen
    assert lines[1] == "strut [0, 400, 0, 0, 0, 0, 0, 799, 0, 0, 0, 0]"


def test_a_fallback_copy_is_removed_when_the_sidebar_closes(qtbot: QtBot, make_shell: ShellFactory,
                                                            isolated: Path) -> None:
    isolated.mkdir(parents=True)
    (isolated / DATABASE_FILE).write_bytes(b"not a database" * 10)
    shell = started(qtbot, make_shell(isolated))
    assert shell.context is not None and shell.context.temporary
    folder = shell.context.data_dir
    assert folder.exists() and folder != isolated
    shell.close()
    assert not folder.exists()
    assert (isolated / DATABASE_FILE).exists()


def test_search_answers_from_the_saved_index_before_the_store_opens(
        qtbot: QtBot, make_shell: ShellFactory, isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from assist import context as context_module

    started(qtbot, make_shell(isolated)).close()  # a first start: the index is built and saved
    gate = threading.Event()
    real_open = context_module.open_for_sidebar

    def slow_store(*args: object, **kwargs: object) -> object:
        gate.wait(20)  # the database layer takes its time
        return real_open(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(context_module, "open_for_sidebar", slow_store)
    shell = make_shell(isolated)
    with qtbot.waitSignal(shell.searchable, timeout=WAIT):
        shell.start()
    sidebar = shell.sidebar
    with qtbot.waitSignal(sidebar.results_shown, timeout=WAIT):
        qtbot.keyClicks(sidebar.search_box, "tuikuan")
    assert sidebar.results.rowCount() > 0 and sidebar.context is None
    qtbot.keyClick(sidebar.search_box, Qt.Key.Key_Return)  # opened as soon as the store is there
    with qtbot.waitSignal(sidebar.entry_shown, timeout=WAIT) as shown:
        gate.set()
    first = sidebar.results.hit(0)
    assert first is not None and shown.args == [first.doc_id]
    assert shell.opened is not None and shell.opened.mode == "store"


def test_the_knowledge_editor_opens_for_editors_only(qtbot: QtBot, make_shell: ShellFactory,
                                                     isolated: Path) -> None:
    shell = started(qtbot, make_shell(isolated))
    shell.open_editor()
    assert shell._editor is None  # an agent reads the knowledge base; the editor is not theirs
    shell.apply_settings({"knowledge_role": "reviewer", "agent_name": "li"})
    shell.open_editor()
    editor = shell._editor
    assert editor is not None and editor.isVisible()
    qtbot.addWidget(editor)
    editor.close()


def test_an_entry_published_by_another_process_is_found_within_seconds(
        qtbot: QtBot, make_shell: ShellFactory, isolated: Path) -> None:
    from knowledge.editing import Editing
    from knowledge.store import KnowledgeStore

    shell = started(qtbot, make_shell(isolated))
    elsewhere = KnowledgeStore.open(isolated)  # as `assist editor` or `kb approve` would open it
    editing = Editing(elsewhere)
    draft = editing.start("pay-failed", "wang")
    body = "支付失败不扣款，已扣的款项原路退回，凭据号可查。"
    editing.save("pay-failed", "wang", {**draft.data, "body": body})
    editing.submit("pay-failed", "wang")
    editing.approve("pay-failed", "wang", "li")
    elsewhere.close()
    context = shell.context
    assert context is not None
    def found() -> bool:
        return any(hit.doc_id == "pay-failed" for hit in context.search.search("凭据号可查", limit=3))

    qtbot.waitUntil(found, timeout=10_000)
