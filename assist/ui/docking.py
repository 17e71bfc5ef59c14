"""Where the sidebar sits: docked to a screen edge (always on top, full height) or floating."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QCursor, QGuiApplication, QMouseEvent, QScreen
from PySide6.QtWidgets import QWidget

from assist.settings import MAX_DOCK_WIDTH, MIN_DOCK_WIDTH

MIN_WIDTH, MAX_WIDTH = MIN_DOCK_WIDTH, MAX_DOCK_WIDTH

_DOCKED_FLAGS = (Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint
                 | Qt.WindowType.WindowStaysOnTopHint)
_FLOATING_FLAGS = Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint


def docked_geometry(available: QRect, edge: str, width: int) -> QRect:
    width = max(MIN_WIDTH, min(MAX_WIDTH, width, available.width()))
    left = available.left() if edge == "left" else available.right() - width + 1
    return QRect(left, available.top(), width, available.height())


def window_flags(dock: str) -> Qt.WindowType:
    return _FLOATING_FLAGS if dock == "float" else _DOCKED_FLAGS


def screen_for(window: QWidget) -> QScreen:
    return window.screen() or QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()


class EdgeHandle(QWidget):
    """The inner edge of a docked, frameless sidebar: dragging it changes the width."""

    width_changed = Signal(int)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.edge = "right"
        self._press: QPoint | None = None
        self._start = QRect()
        self.setCursor(Qt.CursorShape.SizeHorCursor)
        self.setFixedWidth(5)

    def place(self) -> None:
        x = 0 if self.edge == "right" else self._window.width() - self.width()
        self.setGeometry(x, 0, self.width(), self._window.height())
        self.raise_()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.globalPosition().toPoint()
        self._start = self._window.geometry()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        delta = event.globalPosition().toPoint().x() - self._press.x()
        width = self._start.width() - delta if self.edge == "right" else self._start.width() + delta
        width = max(MIN_WIDTH, min(MAX_WIDTH, width))
        geometry = QRect(self._start)
        if self.edge == "right":
            geometry.setLeft(self._start.right() - width + 1)
        else:
            geometry.setWidth(width)
        self._window.setGeometry(geometry)

    def mouseReleaseEvent(self, _event: QMouseEvent) -> None:
        if self._press is not None:
            self._press = None
            self.width_changed.emit(self._window.width())


def reserve_edge(window: QWidget, edge: str, geometry: QRect) -> str | None:
    """Ask an X11 window manager to keep maximised windows clear of the docked sidebar.

    Sets _NET_WM_STRUT_PARTIAL (and the older _NET_WM_STRUT) on the window; an empty edge ("float")
    withdraws the reservation. Returns why it could not, or None. Other platforms keep the sidebar
    on top without reserving space (a Windows AppBar is not implemented).
    """
    if QGuiApplication.platformName() != "xcb":
        return "reserving a screen edge needs X11"
    try:
        from Xlib import X, display  # python-xlib, installed with pynput on Linux
    except ImportError:
        return "python-xlib is not installed"
    screen = QGuiApplication.primaryScreen().virtualGeometry()
    ratio = window.devicePixelRatioF()
    top, bottom = int(geometry.top() * ratio), int((geometry.bottom() + 1) * ratio) - 1
    width = int(geometry.width() * ratio)
    # left, right, top, bottom, then start/end pairs for each of those edges
    strut = [0] * 12
    if edge == "left":
        strut[0], strut[4], strut[5] = width, top, bottom
    elif edge == "right":
        strut[1], strut[6], strut[7] = int(screen.right() * ratio) + 1 - int(geometry.left() * ratio), top, \
            bottom
    try:
        connection = display.Display()
        try:
            native = connection.create_resource_object("window", int(window.winId()))
            for name, values in (("_NET_WM_STRUT_PARTIAL", strut), ("_NET_WM_STRUT", strut[:4])):
                native.change_property(connection.intern_atom(name), connection.intern_atom("CARDINAL"),
                                       32, values, X.PropModeReplace)
            connection.sync()
        finally:
            connection.close()
    except Exception as error:  # an X error must never take the sidebar down
        return f"the window manager could not be asked to reserve the edge: {error}"
    return None
