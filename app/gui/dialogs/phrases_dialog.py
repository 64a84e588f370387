"""Your own phrases: write up to twelve (or start from a template), and save them as a rehearsal session."""

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from app.failures import BadInput
from app.folders import user_sessions_dir
from app.gui.kit.basics import accessible
from app.session.rehearsal import GAP_S, REPEATS, TEMPLATES, WHY_SHORT, read_rehearsal, rehearsal_document, write_rehearsal


class PhrasesDialog(QDialog):
    def __init__(self, session_id: str = "my-phrases", parent=None):
        super().__init__(parent)
        self.setWindowTitle("Your phrases")
        self.saved_path = None
        self.session_id = accessible(QLineEdit(session_id), "Session id", "The file name in your sessions folder")
        self.title = accessible(QLineEdit("My Phrases"), "Title", "The title in the library")
        self.template = accessible(QComboBox(), "Start from a template", "Fill in phrases for a common situation")
        self.template.addItem("Start from a template...", None)
        for situation in TEMPLATES:
            self.template.addItem(situation, situation)
        self.template.activated.connect(self._use_template)
        self.phrases = accessible(QPlainTextEdit(), "Phrases", "One phrase a line, up to twelve")
        self.phrases.setPlaceholderText("One phrase a line, in your own words")
        self.repeat = accessible(QSpinBox(minimum=REPEATS[0], maximum=REPEATS[1], value=2), "Repeats",
                                 "How many times each phrase is practised")
        self.gap = accessible(QSpinBox(minimum=int(GAP_S[0]), maximum=int(GAP_S[1]), value=6, suffix=" s"),
                              "Time to say it", "Room after each phrase to say it aloud")
        self.breaths = accessible(QCheckBox("Begin with a few grounding breaths"), "Grounding breaths",
                                  "Three slow breaths before the phrases")
        why = QLabel(WHY_SHORT)
        why.setWordWrap(True)
        why.setObjectName("muted")
        self.error = QLabel("")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Title", self.title)
        form.addRow("Session id", self.session_id)
        form.addRow("", self.template)
        form.addRow("Phrases", self.phrases)
        form.addRow("Repeats", self.repeat)
        form.addRow("Time to say it", self.gap)
        form.addRow("", self.breaths)
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 560)
        existing = user_sessions_dir() / f"{session_id}.yaml"
        if existing.is_file():
            self._restore(read_rehearsal(existing))

    def _restore(self, fields: dict) -> None:
        self.title.setText(fields["title"])
        self.phrases.setPlainText("\n".join(fields["phrases"]))
        self.repeat.setValue(fields["repeat"])
        self.gap.setValue(round(fields["gap_s"]))
        self.breaths.setChecked(fields["breaths"])

    def _use_template(self, index: int) -> None:
        situation = self.template.itemData(index)
        if situation:
            self.phrases.setPlainText("\n".join(TEMPLATES[situation]))

    def save(self) -> bool:
        lines = [line for line in self.phrases.toPlainText().splitlines() if line.strip()]
        try:
            document = rehearsal_document(self.title.text().strip() or "My Phrases", lines, self.repeat.value(),
                                          float(self.gap.value()), self.breaths.isChecked())
            self.saved_path = write_rehearsal(self.session_id.text().strip(), document, replace=True)
        except BadInput as error:
            self.error.setText(str(error))
            return False
        self.accept()
        return True
