"""One sidebar per user and data folder: the first process listens on a local socket; a later one hands it
its command-line arguments and exits.

Wire format, one message per connection: a UTF-8 JSON object `{"agent-assist": 1, "args": [...]}` ending in
a newline; the primary answers `ok` and a newline. Anything else is dropped without a word.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir, QEventLoop, QLockFile, QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

PROTOCOL = 1
MAX_MESSAGE_BYTES = 64 * 1024
_MAGIC = "agent-assist"
_REPLY = b"ok\n"
_PROBE_MS = 500
_IDLE_MS = 5_000  # a peer that sends nothing useful for this long is dropped
_RETRY_S = 0.05
_KEY = re.compile(r"[A-Za-z0-9_.-]{1,64}")
_MAX_SOCKET_PATH = 100  # sun_path holds 104 bytes on macOS, 108 on Linux


def instance_key(data_dir: str | os.PathLike[str], user: str | None = None) -> str:
    """'agent-assist-' and a hash of the user name and the resolved data folder: short and safe as a
    local server name, and the same for every spelling of the folder (relative, `~`, symlinks)."""
    if user is None:
        user = _user_name()
    folder = os.path.normcase(os.path.realpath(os.path.expanduser(os.fspath(data_dir))))
    digest = hashlib.sha256(f"{user}\0{folder}".encode("utf-8", "surrogateescape")).hexdigest()
    return f"agent-assist-{digest[:24]}"


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in a bare container: the uid still tells users apart
        return str(os.getuid()) if hasattr(os, "getuid") else "user"


def _server_name(key: str) -> str:
    """A Windows pipe name is the key itself; elsewhere a socket path in the user's private runtime folder
    when there is one (other users cannot squat it), else in the temporary folder."""
    if sys.platform == "win32":
        return key
    folders = [os.environ.get("XDG_RUNTIME_DIR", ""), QDir.tempPath(), "/tmp"]
    for folder in folders:
        if folder and os.path.isdir(folder):
            name = os.path.join(folder, key)
            if len(os.fsencode(name)) <= _MAX_SOCKET_PATH:
                return name
    return key


class SingleInstance(QObject):
    """Makes this process the primary sidebar, or hands arguments to the one already running.

    Needs a QCoreApplication (or QApplication). Typical use::

        instance = SingleInstance(instance_key(data_dir))
        if not instance.start():
            sys.exit(0 if instance.forward(sys.argv[1:]) else 1)
        instance.arguments_received.connect(window.bring_to_front)
    """

    arguments_received = Signal(list)

    def __init__(self, key: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if not _KEY.fullmatch(key):
            raise ValueError(f"single-instance key {key!r} must be 1-64 letters, digits, '.', '_' or '-'")
        self.key = key
        self.server_name = _server_name(key)
        self.lock_path = (str(Path(QDir.tempPath()) / f"{key}.lock") if sys.platform == "win32"
                          else f"{self.server_name}.lock")
        # Set when this process is the primary but cannot listen: it runs, later launches cannot reach it.
        self.error = ""
        self._primary = False
        self._server: QLocalServer | None = None
        self._lock: QLockFile | None = None

    @property
    def is_primary(self) -> bool:
        return self._primary

    def start(self) -> bool:
        """True if this process is now the primary (listening); False if another sidebar holds the place.

        A socket or lock file left by a crashed sidebar is cleared. If this process is the primary but
        cannot listen, it still returns True (it is the only sidebar) and says why in `error`.
        """
        if self.is_primary:
            return True
        if self._answers():
            return False
        lock = QLockFile(self.lock_path)
        lock.setStaleLockTime(0)  # stale only when its process is gone, however long a sidebar runs
        if lock.tryLock(0):
            self._lock = lock
        elif lock.error() == QLockFile.LockError.LockFailedError:
            return False  # a live sidebar holds it: starting up, or not answering (forward() will tell)
        # Otherwise the lock file cannot be made (read-only temp folder): carry on without it.

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        listening = server.listen(self.server_name)
        if not listening and server.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            if self._lock is None and self._answers():
                server.deleteLater()  # another sidebar started in the same instant and won
                return False
            # Nobody answers on it and (with the lock) nobody could: a crashed sidebar's socket.
            QLocalServer.removeServer(self.server_name)
            listening = server.listen(self.server_name)
        if not listening:
            self.error = f"cannot listen on {self.server_name}: {server.errorString()}"
            server.deleteLater()
        else:
            server.newConnection.connect(self._accept)
            self._server = server
        self._primary = True
        return True

    def close(self) -> None:
        """Stop listening and release the lock, so the next sidebar to start becomes the primary."""
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None
        self.error = ""
        self._primary = False

    def forward(self, args: list[str], timeout_ms: int = 1000) -> bool:
        """Send args to the primary; True once it has confirmed them. Waits up to timeout_ms in all,
        retrying the connection meanwhile (the primary may still be starting)."""
        if not all(isinstance(arg, str) for arg in args):
            raise TypeError("forward() takes a list of strings")
        payload = json.dumps({_MAGIC: PROTOCOL, "args": list(args)}, ensure_ascii=False).encode() + b"\n"
        if len(payload) > MAX_MESSAGE_BYTES:
            raise ValueError(f"arguments take {len(payload)} bytes; at most {MAX_MESSAGE_BYTES} fit")
        deadline = time.monotonic() + timeout_ms / 1000
        socket = QLocalSocket()
        try:
            if not self._connect(socket, deadline, retry=True):
                return False
            socket.write(payload)
            return self._await_reply(socket, deadline)
        finally:
            socket.abort()

    # -- client side -------------------------------------------------------------------------------------

    def _answers(self) -> bool:
        socket = QLocalSocket()
        connected = self._connect(socket, time.monotonic() + _PROBE_MS / 1000, retry=False)
        socket.abort()
        return connected

    def _connect(self, socket: QLocalSocket, deadline: float, retry: bool) -> bool:
        while True:
            socket.connectToServer(self.server_name)
            if socket.state() == QLocalSocket.LocalSocketState.ConnectingState:
                socket.waitForConnected(_remaining_ms(deadline))
            if socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
                return True
            socket.abort()
            if not retry or time.monotonic() + _RETRY_S >= deadline:
                return False
            time.sleep(_RETRY_S)

    @staticmethod
    def _await_reply(socket: QLocalSocket, deadline: float) -> bool:
        # An event loop rather than waitForReadyRead(): the primary may live in this very thread.
        reply = bytearray()
        loop = QEventLoop()
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)

        def read() -> None:
            reply.extend(socket.readAll().data())
            if b"\n" in reply or len(reply) > len(_REPLY):
                loop.quit()

        socket.readyRead.connect(read)
        socket.disconnected.connect(loop.quit)
        timer.start(_remaining_ms(deadline))
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        timer.stop()
        return bytes(reply) == _REPLY

    # -- server side -------------------------------------------------------------------------------------

    def _accept(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            socket = server.nextPendingConnection()
            if socket is not None:
                _Peer(socket, self._deliver)

    def _deliver(self, args: list[str]) -> None:
        self.arguments_received.emit(args)


class _Peer(QObject):
    """One connection to the primary: reads one message, answers it, and goes; drops anything else."""

    def __init__(self, socket: QLocalSocket, deliver: Callable[[list[str]], None]) -> None:
        super().__init__(socket)  # dies with its socket
        self._socket = socket
        self._deliver = deliver
        self._buffer = bytearray()
        self._done = False
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(socket.deleteLater)
        # A timer object, not QTimer.singleShot(ms, callable): with Python 3.11 and PySide6 6.12 every fired
        # singleShot callable drops two references to None, and the interpreter aborts once they run out.
        idle = QTimer(self)
        idle.setSingleShot(True)
        idle.timeout.connect(self._drop)
        idle.start(_IDLE_MS)
        if socket.bytesAvailable():
            self._read()

    def _read(self) -> None:
        if self._done:
            return
        self._buffer.extend(self._socket.readAll().data())
        end = self._buffer.find(b"\n")
        if end < 0:
            if len(self._buffer) > MAX_MESSAGE_BYTES:
                self._drop()
            return
        args = parse_message(bytes(self._buffer[:end]))
        if args is None:
            self._drop()
            return
        # A flag, not signal.disconnect(): in PySide6 6.12 on Python 3.11 every disconnect() drops a
        # reference to True, and the interpreter aborts once they run out.
        self._done = True
        if self._socket.state() == QLocalSocket.LocalSocketState.ConnectedState:
            self._socket.write(_REPLY)
            self._socket.disconnectFromServer()  # after the reply is written
        self._deliver(args)

    def _drop(self) -> None:
        self._socket.abort()
        self._socket.deleteLater()


def parse_message(line: bytes) -> list[str] | None:
    """The arguments in one message line, or None for anything that is not one."""
    try:
        document = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or type(document.get(_MAGIC)) is not int \
            or document[_MAGIC] != PROTOCOL:
        return None
    args = document.get("args")
    if not isinstance(args, list) or not all(isinstance(arg, str) for arg in args):
        return None
    return args


def _remaining_ms(deadline: float) -> int:
    return max(0, int((deadline - time.monotonic()) * 1000))
