"""Export a session to MP3, WAV or FLAC with a progress bar, the time left, and cancel at any moment."""

import time
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from app.gui.kit.basics import accessible
from app.gui.kit.tasks import run_task
from app.session.durations import format_duration

FORMATS = (("MP3 (chapters, tags, cover)", ".mp3"), ("WAV", ".wav"), ("FLAC", ".flac"))


class ExportDialog(QDialog):
    def __init__(self, session, folder: Path, parent=None):
        super().__init__(parent)
        self.session = session
        self.task = None
        self.result = None
        self.setWindowTitle(f"Export {session.title}")
        self.format = accessible(QComboBox(), "File format", "MP3 keeps chapters, tags and a cover")
        for text, suffix in FORMATS:
            self.format.addItem(text, suffix)
        self.path = accessible(QLineEdit(str(folder / f"{session.id}.mp3")), "Export to", "Where the file is written")
        self.format.currentIndexChanged.connect(self._format_changed)
        browse = accessible(QPushButton("Browse..."), "Choose the file", "Choose where to save")
        browse.clicked.connect(self._browse)
        self.progress = accessible(QProgressBar(), "Export progress", "How much of the session is written")
        self.progress.setRange(0, 1000)
        self.left = QLabel("")
        self.start_button = accessible(QPushButton("Export"), "Start the export", "Start the export")
        self.cancel_button = accessible(QPushButton("Close"), "Cancel or close", "Cancel the export; nothing partial is left")
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel_or_close)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.format)
        layout.addLayout(where)
        layout.addWidget(self.progress)
        layout.addWidget(self.left)
        layout.addLayout(buttons)

    def _format_changed(self) -> None:
        self.path.setText(str(Path(self.path.text()).with_suffix(self.format.currentData())))

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text())
        if chosen:
            self.path.setText(chosen)

    def start(self) -> None:
        out = Path(self.path.text())
        started = time.monotonic()
        self.start_button.setEnabled(False)
        self.cancel_button.setText("Cancel")
        self.left.setText("Starting...")

        def work(progress, cancel):
            from app.export.render import render_to_file

            return render_to_file(self.session, out, progress=lambda fraction, _t: progress(fraction), cancel=cancel)

        def on_progress(fraction: float) -> None:
            self.progress.setValue(int(fraction * 1000))
            elapsed = time.monotonic() - started
            if fraction > 0.02:
                self.left.setText(f"About {format_duration(elapsed / fraction - elapsed)} left")

        self.task = run_task(work, self._done, self._failed, on_progress)

    def cancel_or_close(self) -> None:
        if self.task is not None:
            self.task.cancel.set()
            self.left.setText("Cancelling...")
        else:
            self.reject()

    def _done(self, result) -> None:
        self.task = None
        self.result = result
        self.progress.setValue(1000)
        self.left.setText(f"Saved {result.path.name}: {format_duration(result.seconds)}, "
                          f"{result.integrated_lufs:.1f} LUFS, {result.size_bytes / 1e6:.1f} MB")
        self.start_button.setEnabled(True)
        self.cancel_button.setText("Close")

    def _failed(self, message: str) -> None:
        self.task = None
        self.progress.setValue(0)
        self.left.setText("Cancelled; nothing was written." if message.startswith("export cancelled") else message)
        self.start_button.setEnabled(True)
        self.cancel_button.setText("Close")
