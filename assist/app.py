"""QApplication bootstrap: the display check, one instance per user and data folder, screenshots."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

NO_DISPLAY_MESSAGE = ("assist: no display found (DISPLAY and WAYLAND_DISPLAY are unset); run it on "
                      "a virtual screen with: xvfb-run -a .venv/bin/assist")
_HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc")


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or platform.startswith(_HEADLESS_PLATFORMS))


def run_editor(args: argparse.Namespace) -> int:
    """The knowledge editor in a window of its own, on the same store as the sidebar (SQLite's WAL lets
    both work at once)."""
    if not has_display():
        print(NO_DISPLAY_MESSAGE.replace(".venv/bin/assist", ".venv/bin/assist editor"), file=sys.stderr)
        return 1
    import getpass

    from PySide6.QtWidgets import QApplication

    from assist.context import AppContext, chosen_db_url
    from assist.paths import data_dir
    from assist.settings import Settings
    from assist.team.errors import TeamError
    from assist.ui.editor import EditorWindow
    from assist.ui.i18n import Translations
    from assist.ui.theme import apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    settings = Settings.load()
    folder = data_dir(args.data_dir, configured=str(settings.get("data_dir")))
    context = AppContext.open(folder, db_url=chosen_db_url(args.db, settings))
    try:
        if context.team_url is not None:
            # The team server says who this is and what they may do; its grants enforce the same.
            user, allowed = context.team_identity()
        else:
            user = args.user or str(settings.get("agent_name")) or getpass.getuser()
            allowed = str(settings.get("knowledge_role"))
    except TeamError as error:
        context.close()
        print(f"assist: {error}", file=sys.stderr)
        return 1
    role = args.role or allowed
    # --role may only narrow what is allowed (a reviewer working as an editor), never widen it.
    if allowed not in ("editor", "reviewer") or (role == "reviewer" and allowed != "reviewer"):
        context.close()
        print(f"assist: the knowledge editor as {role} needs knowledge_role {role} in the settings (it is "
              f"{allowed!r})", file=sys.stderr)
        return 2
    from PySide6.QtCore import QLocale

    from assist.settings import resolve_language

    translations = Translations()
    translations.switch(resolve_language(str(settings.get("language")), QLocale.system().name()))
    apply_theme(app, str(settings.get("theme")), settings.get("font_size"))
    try:
        window = EditorWindow(context, user, role)
        window.show()
        return int(app.exec())
    finally:
        context.close()


def run_sidebar(args: argparse.Namespace) -> int:
    if args.screenshot:
        if not has_display():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
    elif not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1
    if args.scale:
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)

    from PySide6.QtWidgets import QApplication

    from assist.paths import data_dir
    from assist.settings import Settings
    from assist.ui.shell import Shell

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Agent Assist")
    app.setOrganizationName("Agent Assist")
    app.setQuitOnLastWindowClosed(True)
    settings = Settings.load()
    # For this run only: never written back to the settings file.
    overrides = {name: value for name, value in (("language", args.lang), ("theme", args.theme))
                 if value}
    folder = data_dir(args.data_dir, configured=str(settings.get("data_dir")))
    from assist.context import chosen_db_url

    db_url = chosen_db_url(args.db, settings)

    if args.screenshot:
        from assist.ui.screenshot import take_screenshot

        shell = Shell(app, settings, folder, db_url, interactive=False, overrides=overrides)
        try:
            return take_screenshot(shell, Path(args.screenshot), args.state)
        finally:
            shell.close()

    from assist.ui.single_instance import SingleInstance, instance_key

    instance = SingleInstance(instance_key(folder))
    if not instance.start():
        if instance.forward(sys.argv[1:]):
            print("assist: the sidebar is already open; brought it forward", file=sys.stderr)
            return 0
        print("assist: another sidebar holds this data folder but did not answer", file=sys.stderr)
        return 1
    shell = Shell(app, settings, folder, db_url, overrides=overrides)
    first_paint = os.environ.get("ASSIST_FIRST_PAINT")
    if first_paint:
        from assist.ui.first_paint import report_first_paint

        report_first_paint(app, shell.sidebar, quit_after=first_paint == "exit")
    instance.arguments_received.connect(shell.handle_arguments)
    app.aboutToQuit.connect(shell.save_state)
    shell.show()
    shell.start()
    if args.query:
        shell.sidebar.search_box.setText(args.query)
    code = app.exec()
    shell.close()
    return int(code)
