"""The reminder in the settings: a time, which days, and Set or Turn off, the same as `stillpoint remind`. Setting
it talks to systemd in the background; what happened (or what is missing) is said under it."""

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QTimeEdit, QVBoxLayout, QWidget

from app.desktop.reminder import installed_schedule, parse_days, parse_schedule
from app.gui.kit.basics import accessible
from app.gui.kit.tasks import run_task

DAYS = (("Every day", "daily"), ("Monday to Friday", "mon-fri"), ("At weekends", "sat-sun"))


class ReminderSetting(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        schedule = installed_schedule()
        self.time = accessible(QTimeEdit(), "Reminder time", "When the daily reminder comes (24-hour clock)")
        self.time.setDisplayFormat("HH:mm")
        self.time.setTime(QTime(schedule.hour, schedule.minute) if schedule else QTime(8, 0))
        self.days = accessible(QComboBox(), "Reminder days", "Which days the reminder comes")
        for text, value in DAYS:
            self.days.addItem(text, value)
        if schedule is not None:  # days of the command line's own choosing show as "Every day"; the line below says them
            self.days.setCurrentIndex(next((i for i, (_t, v) in enumerate(DAYS) if parse_days(v) == schedule.days), 0))
        self.set_button = accessible(QPushButton("Set reminder"), "Set reminder",
                                     "Remind me at this time on these days (a desktop notification)")
        self.off_button = accessible(QPushButton("Turn off"), "Turn the reminder off", "No more reminders")
        self.status = QLabel(f"A reminder at {schedule}." if schedule else "No reminder is set.")
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.time, self.days, self.set_button, self.off_button):
            row.addWidget(widget)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.status)
        self.set_button.clicked.connect(self.set_reminder)
        self.off_button.clicked.connect(self.turn_off)
        self.task = None

    def set_reminder(self) -> None:
        from app.desktop.reminder import install

        schedule = parse_schedule(self.time.time().toString("HH:mm"), self.days.currentData())
        self._run(lambda _progress, _cancel: install(schedule), f"A reminder at {schedule}.")

    def turn_off(self) -> None:
        from app.desktop.reminder import remove

        self._run(lambda _progress, _cancel: remove(), "No reminder is set.")

    def _run(self, work, done_words: str) -> None:
        self.status.setText("One moment...")
        for button in (self.set_button, self.off_button):
            button.setEnabled(False)

        def finished(text: str) -> None:
            self.status.setText(text)
            for button in (self.set_button, self.off_button):
                button.setEnabled(True)

        self.task = run_task(work, on_done=lambda _result: finished(done_words),
                             on_failed=lambda message: finished(message[:1].upper() + message[1:] + "."))
