"""One Stillpoint at a time: a local socket in the runtime folder. A second start hands its wish ("raise",
or "open SESSION") to the running window and exits; a socket left by a killed instance is removed.

Which start is the one window is settled by a lock (flock) beside the socket, held for the window's life: two
starts at the same moment cannot both listen (the later used to remove the earlier's socket and open a second
window); the one without the lock hands over once the other listens. The kernel releases a killed window's lock.
"""

import fcntl
import os
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

WAIT_MS = 1500
STARTING_S = 30.0  # how long a start waits for another start that holds the lock to listen


def socket_path() -> str:
    runtime = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    folder = Path(runtime) if runtime else Path(tempfile.gettempdir()) / f"stillpoint-{os.getuid()}"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return str(folder / "stillpoint.socket")


def claim_or_hand_over(message: str):
    """The lock that makes this start the one window (keep it open while the window lives), or None when `message`
    went to the window that holds it."""
    from app.failures import Failure

    lock = os.open(socket_path() + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + STARTING_S
    while time.monotonic() < deadline:
        if hand_over(message):
            os.close(lock)
            return None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return lock
        except BlockingIOError:  # another start holds it and is not listening yet
            time.sleep(0.05)
    os.close(lock)
    raise Failure(f"another Stillpoint is starting but has not answered for {STARTING_S:g} s; close it, or try again")


def hand_over(message: str) -> bool:
    """Give `message` to a running instance; False when none answers."""
    socket = QLocalSocket()
    socket.connectToServer(socket_path())
    if not socket.waitForConnected(WAIT_MS):
        return False
    socket.write(message.encode("utf-8") + b"\n")
    socket.waitForBytesWritten(WAIT_MS)
    answered = socket.waitForReadyRead(WAIT_MS) and socket.readAll().data().startswith(b"ok")
    socket.disconnectFromServer()
    return answered


class InstanceServer(QObject):
    """Listens for later starts; `message` carries what each asked for."""

    message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        path = socket_path()
        if not self.server.listen(path):  # a socket nobody answers on: left by an instance that was killed
            QLocalServer.removeServer(path)
            self.server.listen(path)
        self.server.newConnection.connect(self._connected)

    def _connected(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))

    def _read(self, socket) -> None:
        if not socket.canReadLine():
            return
        text = socket.readLine().data().decode("utf-8", "replace").strip()
        socket.write(b"ok\n")
        socket.flush()
        socket.disconnectFromServer()
        self.message.emit(text)

    def close(self) -> None:
        self.server.close()
