"""Light and dark themes, or following the system; text follows the system font size."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

LIGHT = {"window": "#f6f3ee", "base": "#fffdf9", "text": "#2b2a28", "muted": "#77736c", "accent": "#5f7f74",
         "button": "#ece7df", "highlight_text": "#ffffff"}
DARK = {"window": "#1d2023", "base": "#25292d", "text": "#e8e4dc", "muted": "#9a958c", "accent": "#8fb3a6",
        "button": "#2e3338", "highlight_text": "#10201b"}


def is_dark(choice: str) -> bool:
    if choice in ("light", "dark"):
        return choice == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def colours(choice: str) -> dict[str, str]:
    return DARK if is_dark(choice) else LIGHT


def apply(app, choice: str) -> None:
    c = colours(choice)
    palette = QPalette()
    for role, key in ((QPalette.ColorRole.Window, "window"), (QPalette.ColorRole.Base, "base"),
                      (QPalette.ColorRole.AlternateBase, "button"), (QPalette.ColorRole.Button, "button"),
                      (QPalette.ColorRole.WindowText, "text"), (QPalette.ColorRole.Text, "text"),
                      (QPalette.ColorRole.ButtonText, "text"), (QPalette.ColorRole.ToolTipBase, "base"),
                      (QPalette.ColorRole.ToolTipText, "text"), (QPalette.ColorRole.Highlight, "accent"),
                      (QPalette.ColorRole.HighlightedText, "highlight_text"), (QPalette.ColorRole.PlaceholderText, "muted")):
        palette.setColor(role, QColor(c[key]))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor(c["muted"]))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor(c["muted"]))
    app.setPalette(palette)
    base_pt = QGuiApplication.font().pointSizeF() or 10.0  # the system's size: titles scale with it
    app.setStyleSheet(f"""
        QLabel#title {{ font-size: {base_pt * 1.45:.1f}pt; font-weight: 600; }}
        QLabel#muted, QLabel[muted="true"] {{ color: {c['muted']}; }}
        QListWidget {{ border: none; }}
        QListWidget#nav {{ background: {c['button']}; padding-top: 12px; }}
        QListWidget#nav::item {{ padding: 10px 14px; }}
        QPushButton {{ padding: 6px 14px; }}
    """)
