"""The settings dialog, built from the one list of declared settings (assist.settings.SETTINGS)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assist.settings import SETTINGS, SettingSpec, SettingValue


class SettingsDialog(QDialog):
    """Edits a copy of the values; the caller applies what `values()` returns when accepted."""

    def __init__(self, current: dict[str, SettingValue], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._editors: dict[str, QWidget] = {}
        self._labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for setting in SETTINGS:
            editor = self._editor(setting, current.get(setting.name, setting.default))
            editor.setObjectName(f"setting:{setting.name}")
            label = QLabel(self)
            label.setBuddy(editor)
            self._labels[setting.name] = label
            self._editors[setting.name] = editor
            form.addRow(label, editor)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setObjectName("hint")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.retranslate()

    def _editor(self, setting: SettingSpec, value: SettingValue) -> QWidget:
        if setting.choices:
            combo = QComboBox(self)
            for choice in setting.choices:
                combo.addItem(choice, choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        if setting.type is int:
            spin = QSpinBox(self)
            spin.setRange(setting.minimum or 0, setting.maximum or 999)
            spin.setValue(int(value))
            return spin
        if setting.name == "hotkey":
            keys = QKeySequenceEdit(QKeySequence(str(value)), self)
            keys.setClearButtonEnabled(True)
            keys.setMaximumSequenceLength(1)
            return keys
        if setting.name == "data_dir":
            return _FolderPicker(str(value), self)
        line = QLineEdit(str(value), self)
        line.setMaxLength(setting.max_length)
        return line

    def values(self) -> dict[str, SettingValue]:
        values: dict[str, SettingValue] = {}
        for setting in SETTINGS:
            editor = self._editors[setting.name]
            if isinstance(editor, QComboBox):
                values[setting.name] = str(editor.currentData())
            elif isinstance(editor, QSpinBox):
                values[setting.name] = editor.value()
            elif isinstance(editor, QKeySequenceEdit):
                values[setting.name] = editor.keySequence().toString(
                    QKeySequence.SequenceFormat.PortableText)
            elif isinstance(editor, _FolderPicker):
                values[setting.name] = editor.path.text().strip()
            elif isinstance(editor, QLineEdit):
                values[setting.name] = editor.text()
        return values

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        titles = {"language": self.tr("Language"), "theme": self.tr("Theme"),
                  "hotkey": self.tr("Hotkey to show the sidebar"),
                  "data_dir": self.tr("Data folder"), "font_size": self.tr("Font size"),
                  "dock": self.tr("Position"), "agent_name": self.tr("Your work name or number"),
                  "softphone": self.tr("Softphone event socket"),
                  "call_http_port": self.tr("Call events over HTTP, port"),
                  "phone_region": self.tr("Phone region"),
                  "knowledge_role": self.tr("Knowledge base role"),
                  "team_server": self.tr("Team server")}
        choices = {"system": self.tr("Follow the system"), "zh_CN": "简体中文", "zh_TW": "繁體中文",
                   "en": "English", "light": self.tr("Light"), "dark": self.tr("Dark"),
                   "right": self.tr("Docked at the right edge"),
                   "left": self.tr("Docked at the left edge"), "float": self.tr("Floating window"),
                   "agent": self.tr("Agent"), "editor": self.tr("Editor"), "reviewer": self.tr("Reviewer")}
        for setting in SETTINGS:
            self._labels[setting.name].setText(titles.get(setting.name, setting.name))
            editor = self._editors[setting.name]
            if isinstance(editor, QComboBox):
                for index in range(editor.count()):
                    data = str(editor.itemData(index))
                    editor.setItemText(index, choices.get(data, data))
        data_dir = self._editors["data_dir"]
        if isinstance(data_dir, _FolderPicker):
            data_dir.path.setPlaceholderText(self.tr("Default"))
            data_dir.path.setToolTip(self.tr("The usual place on this computer"))
            data_dir.browse.setText(self.tr("Choose…"))
        self.note.setText(self.tr("A new data folder is used from the next start."))


class _FolderPicker(QWidget):
    def __init__(self, value: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = QLineEdit(value, self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.path, 1)
        layout.addWidget(self.browse)

    def _choose(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "", self.path.text())
        if chosen:
            self.path.setText(chosen)
