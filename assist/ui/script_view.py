"""A script walked step by step mid-call: the lines to say, the checklist and the branches to take."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from assist.ui.checklist_model import ChecklistModel
from assist.ui.i18n import shown_lang
from assist.ui.lines import Line, LinesView
from assist.ui.rich_text import is_dark, unbreakable_items
from assist.ui.slot_form import SlotForm, merged_values, short_label
from scripts_lib.model import Script
from scripts_lib.placeholders import placeholders_in
from scripts_lib.runner import RunnerError, ScriptRunner

MAX_BRANCH_KEYS = 9


class ScriptView(QWidget):
    copied = Signal(str, str, str)  # doc id, part, the text put on the clipboard
    slot_filled = Signal(str, str)
    leave = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner: ScriptRunner | None = None
        self._doc_id = ""
        self._card: dict[str, str] = {}
        self._ui_language = "en"
        self._hit_lang = "zh-Hans"  # the language of the document opened (a search hit's)
        self._ticks: dict[str, set[int]] = {}
        # Scripts walked during this call, by script id: their runner and ticks per step.
        self._walks: dict[str, tuple[ScriptRunner, dict[str, set[int]]]] = {}
        self._rendered_step = ""
        self._branch_actions: list[Callable[[], object]] = []

        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.progress = QLabel(self)
        self.progress.setObjectName("stepProgress")
        self.progress.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.path = QLabel(self)
        self.path.setObjectName("path")
        self.path.setWordWrap(True)
        self.step_title = QLabel(self)
        self.step_title.setObjectName("stepTitle")
        self.step_title.setWordWrap(True)
        self.escalation = QLabel(self)
        self.escalation.setObjectName("escalation")
        self.say = LinesView(self)
        self.say.setObjectName("sayLines")
        self.slots = SlotForm(self)
        self.checklist_model = ChecklistModel(self)
        self.checklist = QListView(self)
        self.checklist.setObjectName("checklist")
        self.checklist.setModel(self.checklist_model)
        self.checklist.setWordWrap(True)
        self.checklist.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.branch_box = QVBoxLayout()
        self.branch_box.setSpacing(4)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.progress)
        step_header = QHBoxLayout()
        step_header.addWidget(self.step_title, 1)
        step_header.addWidget(self.escalation)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.path)
        layout.addLayout(step_header)
        layout.addWidget(self.say, 3)
        layout.addWidget(self.slots)
        layout.addWidget(self.checklist, 1)
        layout.addLayout(self.branch_box)
        layout.addWidget(self.hint)

        self.say.copy_requested.connect(self._copy_line)
        self.say.copy_section_requested.connect(self._copy_lines)
        self.checklist_model.ticked.connect(self._ticked)
        self.slots.filled.connect(self._slot_filled)
        self.slots.left.connect(self.say.setFocus)
        for widget in (self.say, self.checklist):
            widget.installEventFilter(self)
        self._tune_checklist()
        self.retranslate()

    # -- state --------------------------------------------------------------------------------------

    @property
    def runner(self) -> ScriptRunner | None:
        return self._runner

    @property
    def doc_id(self) -> str:
        return self._doc_id

    def start(self, doc_id: str, script: Script, hit_lang: str, card: Mapping[str, str],
              typed: Mapping[str, str], ui_language: str) -> None:
        """`card` holds what the caller's card knows; `typed` what the agent typed into gaps.

        A script already walked during this call picks up where the agent left it, ticks and
        all, even after other answers and scripts were looked at in between.
        """
        self._card = dict(card)
        self._doc_id = doc_id
        self._hit_lang = hit_lang
        self._ui_language = ui_language
        walk = self._walks.get(script.id)
        if walk is not None and walk[0].script == script:
            self._runner, self._ticks = walk
            self._runner.set_lang(shown_lang(hit_lang, ui_language))
            self._runner.set_context(self._merged(typed))
        else:
            self._runner = ScriptRunner(script, self._merged(typed), shown_lang(hit_lang, ui_language))
            self._ticks = {}
            self._walks[script.id] = (self._runner, self._ticks)
        self._render()

    def reset(self) -> None:
        """A new call: every script starts again from its first step, with nothing ticked."""
        self._walks.clear()
        if self._runner is not None:
            self._runner = ScriptRunner(self._runner.script, {}, self._runner.lang)
            self._ticks = {}
            self._walks[self._runner.script.id] = (self._runner, self._ticks)
            self._render()

    def _merged(self, typed: Mapping[str, str]) -> dict[str, str]:
        return merged_values(self._card, typed)

    def refresh(self, card: Mapping[str, str], typed: Mapping[str, str], ui_language: str) -> None:
        """The caller's card, the typed gaps or the UI language changed: one re-render."""
        self._card = dict(card)
        self._ui_language = ui_language
        if self._runner is not None:
            self._runner.set_context(self._merged(typed))
            self._runner.set_lang(shown_lang(self._hit_lang, ui_language))
            self._render()

    # -- moves --------------------------------------------------------------------------------------

    def choose(self, number: int) -> bool:
        """Branch `number` as shown (from 1); on a step without branches, 1 goes on to the next."""
        if not 1 <= number <= len(self._branch_actions):
            return False
        self._branch_actions[number - 1]()
        return True

    def back(self) -> bool:
        return self._move(lambda runner: runner.back())

    def restart(self) -> bool:
        return self._move(lambda runner: runner.restart())

    def _move(self, move: Callable[[ScriptRunner], object]) -> bool:
        if self._runner is None:
            return False
        try:
            move(self._runner)
        except RunnerError:
            return False
        self._render()
        self.say.setFocus()
        return True

    # -- drawing ------------------------------------------------------------------------------------

    def _render(self) -> None:
        runner = self._runner
        if runner is None:
            return
        script, step = runner.script, runner.current
        lang = runner.lang
        view = runner.view()
        self.title.setText(script.title.get(lang))
        number = next(i for i, s in enumerate(script.steps, 1) if s.id == step.id)
        self.progress.setText(self.tr("Step %1 of %2").replace("%1", str(number))
                              .replace("%2", str(len(script.steps))))
        route = [script.step(step_id).title.get(lang) for step_id in runner.path]
        self.path.setText(" › ".join(route))
        self.path.setToolTip(" › ".join(route))
        self.path.setVisible(len(route) > 1)  # at the start the route is just the step's own title
        self.step_title.setText(view.title)
        self.escalation.setText(self.tr("Escalation") if step.escalation else "")
        self.escalation.setVisible(step.escalation)
        lines = [Line(rendered, "say") for rendered in view.say]
        # Slots are what the card cannot fill; the agent's typed values fill them, and the fields
        # stay so a typo can be corrected.
        names: list[str] = []
        for text in [line.get(lang) for line in step.say] + [item.get(lang) for item in step.do]:
            names += [n for n in placeholders_in(text)
                      if n not in names and not self._card.get(n, "").strip()]
        self.say.line_delegate.slot_labels = {n: short_label(n, self._ui_language) for n in names}
        # Filling a gap re-renders the step: the line the agent picked stays picked.
        same_step = self._rendered_step == f"{script.id}/{step.id}/{len(runner.path)}"
        self._rendered_step = f"{script.id}/{step.id}/{len(runner.path)}"
        self.say.set_lines(lines, self.say.currentIndex().row() if same_step else 0)
        self.slots.set_slots(names, runner.context, self._ui_language)
        # Tab walks lines, then the gaps, then the checklist.
        previous: QWidget = self.say
        for name in names:
            edit = self.slots.edit(name)
            if edit is not None:
                QWidget.setTabOrder(previous, edit)
                previous = edit
        QWidget.setTabOrder(previous, self.checklist)
        self.checklist_model.set_items([item.text for item in view.do], self._ticks.get(step.id, set()))
        self.checklist.setVisible(bool(view.do))
        self._set_branches(runner)

    def _set_branches(self, runner: ScriptRunner) -> None:
        while self.branch_box.count():
            item = self.branch_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._branch_actions = []
        labels = runner.branch_labels()
        if labels:
            for index, label in enumerate(labels[:MAX_BRANCH_KEYS]):
                self._add_branch(index + 1, label, self._chooser(index))
        elif runner.can_advance:
            self._add_branch(1, self.tr("Next step"), lambda: self._move(lambda r: r.advance()))
        else:
            end = QLabel(self.tr("End of the script. Ctrl+R starts it again."), self)
            end.setObjectName("scriptEnd")
            end.setWordWrap(True)
            self.branch_box.addWidget(end)

    def _chooser(self, index: int) -> Callable[[], object]:
        return lambda: self._move(lambda runner: runner.choose(index))

    def _add_branch(self, number: int, label: str, action: Callable[[], object]) -> None:
        button = QPushButton(f"{number}  {label}", self)
        button.setObjectName(f"branch{number}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setStyleSheet("text-align: left; padding: 4px 8px;")
        button.clicked.connect(lambda _checked=False: action())
        self.branch_box.addWidget(button)
        self._branch_actions.append(action)

    def branch_texts(self) -> list[str]:
        texts: list[str] = []
        for index in range(self.branch_box.count()):
            item = self.branch_box.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QPushButton):
                texts.append(widget.text())
        return texts

    # -- copying and typing -------------------------------------------------------------------------

    def _copy_line(self, line: Line) -> None:
        QGuiApplication.clipboard().setText(line.text)
        self.copied.emit(self._doc_id, line.part, line.text)

    def _copy_lines(self, lines: list[Line]) -> None:
        if lines:
            text = "".join(line.text for line in lines)
            QGuiApplication.clipboard().setText(text)
            self.copied.emit(self._doc_id, "say", text)

    def _ticked(self, row: int, checked: bool) -> None:
        if self._runner is not None:
            ticks = self._ticks.setdefault(self._runner.current.id, set())
            (ticks.add if checked else ticks.discard)(row)

    def _slot_filled(self, name: str, value: str) -> None:
        if self._runner is not None:
            self._runner.fill(name, value)
            self._render()
        self.slot_filled.emit(name, value)

    def focus_lines(self) -> None:
        self.say.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and watched in (self.say, self.checklist):
            assert isinstance(event, QKeyEvent)
            key, modifiers = event.key(), event.modifiers()
            if modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier) \
                    and Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
                return self.choose(key - Qt.Key.Key_0) or True
            if key == Qt.Key.Key_Backspace:
                self.back()
                return True
            if key == Qt.Key.Key_R and modifiers == Qt.KeyboardModifier.ControlModifier:
                self.restart()
                return True
            if key == Qt.Key.Key_Escape:
                self.leave.emit()
                return True
            if key == Qt.Key.Key_Tab and watched is self.say and self.slots.first_edit() is not None:
                edit = self.slots.first_edit()
                assert edit is not None
                edit.setFocus()
                return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._tune_checklist()
        super().changeEvent(event)

    def _tune_checklist(self) -> None:
        # Fusion outlines a check box in a darker Window colour: on a dark theme the boxes vanish.
        palette = QPalette(self.palette())
        if is_dark(palette):
            palette.setColor(QPalette.ColorRole.Window, QColor("#b0b4ba"))
        self.checklist.setPalette(palette)

    def retranslate(self) -> None:
        self.hint.setText(unbreakable_items(self.tr(
            "1-9 choose · Backspace back · Enter or Ctrl+C copies the line · "
            "Space ticks · Tab fills a gap · Ctrl+R restart · Esc back to search")))
        self._render()
