"""Note one contact in a few seconds, from anywhere (Ctrl+L): who, what kind, before/during/after, boundary,
a few words. Not modal: what plays or shows behind it carries on."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
)

from app.gui.kit.basics import accessible, label, page_column
from app.gui.kit.choices import choices, chosen
from app.journal.contacts import BOUNDARIES, KIND_WORDS, KINDS, Contacts


class QuickEntry(QDialog):
    """Note one contact in a few seconds: who, what kind, before/during/after, boundary, a few words."""

    saved = Signal(str)

    def __init__(self, contacts: Contacts, parent=None):
        super().__init__(parent)
        self.contacts = contacts
        self.setWindowTitle("Note a contact")
        self.setModal(False)
        self.name = accessible(QComboBox(), "Who", "A name or nickname; kept on this computer only")
        self.name.setEditable(True)
        self.name.addItems([name for name, _count, _last in contacts.names()])
        self.name.setCurrentText(self.name.itemText(0) if self.name.count() else "")
        kinds, self.kind = choices(KINDS, KIND_WORDS, "Kind:")
        self.moods = {}
        column = page_column(self)
        column.addWidget(label("Who", "small"))
        column.addWidget(self.name)
        column.addWidget(label("What kind of contact", "small"))
        column.addWidget(kinds)
        for moment in ("before", "during", "after"):
            row, group = choices(range(1, 6), name=f"{moment.capitalize()}:")
            self.moods[moment] = group
            column.addWidget(label(f"How you felt {moment} (1 heavy, 5 calm)", "small"))
            column.addWidget(row)
        boundary, self.boundary = choices(BOUNDARIES, {"none": "no boundary needed"}, "Boundary kept:")
        column.addWidget(label("Did I keep my boundary?", "small"))
        column.addWidget(boundary)
        self.note = accessible(QLineEdit(placeholderText="a few words (optional)"), "Note", "A few words, private")
        column.addWidget(self.note)
        self.error = label("", "muted", wrap=True)
        column.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = accessible(QPushButton("Cancel"), "Cancel", "Close without noting (Esc)")
        save = accessible(QPushButton("Save"), "Save", "Note this contact (Enter)")
        save.setObjectName("primary")
        save.setDefault(True)
        cancel.clicked.connect(self.reject)
        save.clicked.connect(self.save)
        buttons.addWidget(cancel)
        buttons.addWidget(save)
        column.addLayout(buttons)

    def save(self) -> bool:
        from app.failures import Failure  # bad input, or a journal read-only or held elsewhere

        moods = {moment: chosen(group) for moment, group in self.moods.items()}
        if chosen(self.kind) is None or None in moods.values():
            self.error.setText("Choose the kind of contact and how you felt before, during and after.")
            return False
        name = self.name.currentText().strip()
        try:
            self.contacts.log(name, chosen(self.kind), moods["before"], moods["during"], moods["after"],
                              self.note.text(), chosen(self.boundary))
        except Failure as problem:
            self.error.setText(str(problem))
            return False
        self.saved.emit(name)
        self.accept()
        return True
