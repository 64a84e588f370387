"""One helper for background work: run a function in the thread pool; results come back as signals."""

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class TaskSignals(QObject):
    progress = Signal(float)
    done = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """`work(progress, cancel)`: call progress(0..1) now and then; return early when cancel is set."""

    def __init__(self, work: Callable):
        super().__init__()
        self.work = work
        self.cancel = threading.Event()
        self.signals = TaskSignals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit, self.cancel)
        except Exception as error:  # reported to the window, never raised into Qt
            self.signals.failed.emit(str(error) or type(error).__name__)
        else:
            self.signals.done.emit(result)


_running: set[Task] = set()


def run_task(work: Callable, on_done: Callable | None = None, on_failed: Callable | None = None,
             on_progress: Callable | None = None) -> Task:
    """Start `work` in the pool; the callbacks run on the GUI thread. Keep the returned task to cancel it."""
    task = Task(work)
    if on_done:
        task.signals.done.connect(on_done)
    if on_failed:
        task.signals.failed.connect(on_failed)
    if on_progress:
        task.signals.progress.connect(on_progress)
    _running.add(task)
    task.signals.done.connect(lambda _result: _running.discard(task))
    task.signals.failed.connect(lambda _message: _running.discard(task))
    QThreadPool.globalInstance().start(task)
    return task
