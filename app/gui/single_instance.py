"""One Stillpoint at a time: a local socket in the runtime folder. A second start hands its wish ("raise",
or "open SESSION") to the running window and exits; a socket left by a killed instance is removed."""

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

WAIT_MS = 1500


def socket_path() -> str:
    runtime = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    folder = Path(runtime) if runtime else Path(tempfile.gettempdir()) / f"stillpoint-{os.getuid()}"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return str(folder / "stillpoint.socket")


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
