"""The one design system: palettes (light, dark), a type scale and a spacing grid, and the stylesheet built
from them. Every view takes its colours, sizes and gaps from here; nothing else sets a colour or a font size.

Sizes follow the system font: `TYPE` holds multiples of its point size, so a person who set large text
gets large text everywhere. Gaps are multiples of `GRID` pixels.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

GRID = 8  # px; every margin and gap is a multiple of it


def space(steps: float) -> int:
    """`steps` grid units in pixels."""
    return round(steps * GRID)


# the type scale, as multiples of the system font's size
TYPE = {"small": 0.9, "body": 1.0, "lead": 1.2, "title": 1.6, "sentence": 2.2, "display": 2.6}
RADIUS = {"card": 16, "chip": 12, "button": 10, "tag": 6}  # Qt draws square corners when a radius passes half the height
PLAY_BUTTON_PX = 72  # the round play/pause control

# calm palettes: warm paper and sage by day, slate and sage by night
LIGHT = {"window": "#f4f1ec", "surface": "#fffdf9", "sidebar": "#ebe6de", "text": "#2b2a28", "muted": "#625e57",
         "faded": "#807a71", "accent": "#3f6b5e", "on_accent": "#ffffff", "chip": "#e6e0d6", "focus": "#2f6f9f",
         "line": "#d8d1c6"}
DARK = {"window": "#1b1e21", "surface": "#24282c", "sidebar": "#202427", "text": "#ebe7df", "muted": "#aaa59c",
        "faded": "#8d887f", "accent": "#8fc1ae", "on_accent": "#10201b", "chip": "#30363b", "focus": "#8ab8e6",
        "line": "#3a4046"}
PALETTES = {"light": LIGHT, "dark": DARK}

# what is written on what: (text colour, background, the least contrast it needs). WCAG AA asks 4.5:1 for
# text and 3:1 for large text (the faded previous sentence is large) and for focus rings and icons.
TEXT_ON = (("text", "window", 4.5), ("text", "surface", 4.5), ("text", "sidebar", 4.5), ("text", "chip", 4.5),
           ("muted", "window", 4.5), ("muted", "surface", 4.5), ("muted", "sidebar", 4.5), ("muted", "chip", 4.5),
           ("on_accent", "accent", 4.5), ("accent", "window", 3.0), ("accent", "surface", 3.0),
           ("faded", "window", 3.0), ("focus", "window", 3.0), ("focus", "surface", 3.0))


def is_dark(choice: str) -> bool:
    if choice in ("light", "dark"):
        return choice == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def colours(choice: str) -> dict[str, str]:
    return DARK if is_dark(choice) else LIGHT


def current() -> dict[str, str]:
    """The palette in use now (the window's colour tells which)."""
    window = QGuiApplication.palette().window().color().name()
    return DARK if window == DARK["window"] else LIGHT


def point_size(role: str) -> float:
    """The point size of a step of the type scale."""
    return base_point_size() * TYPE[role]


def base_point_size() -> float:
    return QGuiApplication.font().pointSizeF() if QGuiApplication.font().pointSizeF() > 0 else 10.0


def font(role: str, weight: QFont.Weight = QFont.Weight.Normal) -> QFont:
    result = QFont(QGuiApplication.font())
    result.setPointSizeF(point_size(role))
    result.setWeight(weight)
    return result


def colour(key: str) -> QColor:
    return QColor(current()[key])


def apply_palette(app, choice: str) -> None:
    """The palette of `choice` (light, dark, or the system's); the look (`kit.look.apply_look`) adds the stylesheet
    and redraws the icons in it."""
    c = colours(choice)
    palette = QPalette()
    for role, key in ((QPalette.ColorRole.Window, "window"), (QPalette.ColorRole.Base, "surface"),
                      (QPalette.ColorRole.AlternateBase, "chip"), (QPalette.ColorRole.Button, "chip"),
                      (QPalette.ColorRole.WindowText, "text"), (QPalette.ColorRole.Text, "text"),
                      (QPalette.ColorRole.ButtonText, "text"), (QPalette.ColorRole.ToolTipBase, "surface"),
                      (QPalette.ColorRole.ToolTipText, "text"), (QPalette.ColorRole.Highlight, "accent"),
                      (QPalette.ColorRole.HighlightedText, "on_accent"), (QPalette.ColorRole.PlaceholderText, "muted"),
                      (QPalette.ColorRole.Mid, "line")):
        palette.setColor(role, QColor(c[key]))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText, QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(c["faded"]))
    app.setPalette(palette)


def stylesheet(c: dict[str, str], base_pt: float, arrows: dict[str, str] | None = None) -> str:
    """The stylesheet for palette `c`; `arrows` gives the chevron images for combo and spin boxes."""
    def pt(role: str) -> str:
        return f"{base_pt * TYPE[role]:.1f}pt"

    play = PLAY_BUTTON_PX
    down, up = (arrows or {}).get("chevron down", ""), (arrows or {}).get("chevron up", "")
    return f"""
        QLabel#title {{ font-size: {pt('title')}; font-weight: 600; }}
        QLabel#lead {{ font-size: {pt('lead')}; }}
        QLabel#muted, QLabel[muted="true"] {{ color: {c['muted']}; }}
        QLabel#small {{ color: {c['muted']}; font-size: {pt('small')}; }}
        QLabel#sentence {{ font-size: {pt('sentence')}; }}
        QLabel#previous {{ font-size: {pt('lead')}; color: {c['faded']}; }}
        QLabel#display {{ font-size: {pt('display')}; font-weight: 300; }}
        QLabel#chipLabel {{ background: {c['chip']}; color: {c['muted']}; border-radius: {RADIUS['tag']}px;
                            padding: 2px {space(1)}px; font-size: {pt('small')}; }}
        QListWidget, QTreeWidget {{ border: none; background: transparent; }}
        QListWidget#nav {{ background: {c['sidebar']}; padding-top: {space(2)}px; font-size: {pt('lead')}; }}
        QListWidget#nav::item {{ padding: {space(1.25)}px {space(2)}px; border-radius: {RADIUS['button']}px; }}
        QListWidget#nav::item:selected {{ background: {c['chip']}; color: {c['text']}; }}
        QListWidget#nav:focus {{ border: 2px solid {c['focus']}; }}
        QWidget#sidebar {{ background: {c['sidebar']}; }}
        QPushButton#side {{ background: transparent; color: {c['muted']}; text-align: left;
                            padding: {space(0.75)}px {space(2)}px; }}
        QPushButton#side:hover {{ background: {c['chip']}; color: {c['text']}; }}
        QScrollArea {{ border: none; background: transparent; }}
        QWidget#page {{ background: {c['window']}; }}
        QPushButton, QToolButton {{ background: {c['chip']}; color: {c['text']}; border: 2px solid transparent;
                                    border-radius: {RADIUS['button']}px; padding: {space(0.75)}px {space(2)}px; }}
        QPushButton:hover, QToolButton:hover {{ border-color: {c['line']}; }}
        QPushButton:focus, QToolButton:focus {{ border-color: {c['focus']}; }}
        QPushButton:disabled, QToolButton:disabled {{ color: {c['faded']}; }}
        QPushButton#chip {{ border-radius: {RADIUS['chip']}px; padding: {space(0.5)}px {space(1.75)}px; }}
        QPushButton#chip:checked {{ background: {c['accent']}; color: {c['on_accent']}; }}
        QPushButton#primary {{ background: {c['accent']}; color: {c['on_accent']}; font-size: {pt('lead')};
                               font-weight: 600; padding: {space(1.5)}px {space(5)}px;
                               border-radius: {RADIUS['card']}px; }}
        QPushButton#primary:focus {{ border-color: {c['focus']}; }}
        QToolButton#icon {{ background: transparent; padding: {space(1)}px; border-radius: {RADIUS['button']}px; }}
        QToolButton#icon:hover {{ background: {c['chip']}; }}
        QToolButton#icon:checked {{ background: {c['chip']}; }}
        QToolButton#icon:focus {{ border-color: {c['focus']}; }}
        QToolButton#icon::menu-indicator {{ image: none; width: 0; }}
        QToolButton#round {{ background: {c['accent']}; border-radius: {play // 2}px; padding: 0;
                             min-width: {play - 4}px; min-height: {play - 4}px; max-width: {play - 4}px;
                             max-height: {play - 4}px; }}
        QToolButton#round:focus {{ border-color: {c['focus']}; }}
        QFrame#card {{ background: {c['surface']}; border: 2px solid transparent; border-radius: {RADIUS['card']}px; }}
        QFrame#card:hover {{ border-color: {c['line']}; }}
        QFrame#card:focus {{ border-color: {c['focus']}; }}
        QFrame#panel {{ background: {c['surface']}; border-radius: {RADIUS['card']}px; }}
        QLineEdit, QComboBox, QSpinBox, QDateEdit {{ background: {c['surface']}; color: {c['text']};
                   border: 2px solid {c['line']}; border-radius: {RADIUS['button']}px; padding: {space(0.5)}px {space(1)}px; }}
        QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QDateEdit:focus {{ border-color: {c['focus']}; }}
        QComboBox::drop-down, QDateEdit::drop-down {{ border: none; width: {space(3)}px; }}
        QComboBox::down-arrow, QDateEdit::down-arrow, QAbstractSpinBox::down-arrow {{ image: url({down});
                                                                             width: 12px; height: 12px; }}
        QAbstractSpinBox::up-arrow {{ image: url({up}); width: 12px; height: 12px; }}
        QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ border: none; background: transparent;
                                                                      width: {space(2.5)}px; }}
        QTreeWidget::item {{ padding: {space(0.75)}px {space(0.5)}px; }}
        QHeaderView {{ background: transparent; }}
        QHeaderView::section {{ background: transparent; color: {c['muted']}; border: none;
                                border-bottom: 1px solid {c['line']}; padding: {space(0.75)}px {space(0.5)}px; }}
        QCheckBox:focus {{ color: {c['focus']}; }}
        QSlider::groove:horizontal {{ height: 4px; background: {c['line']}; border-radius: 2px; }}
        QSlider::sub-page:horizontal {{ background: {c['accent']}; border-radius: 2px; }}
        QSlider::handle:horizontal {{ background: {c['accent']}; width: 14px; height: 14px; margin: -5px 0;
                                      border-radius: 7px; border: 2px solid {c['accent']}; }}
        QSlider:focus::handle:horizontal {{ border-color: {c['focus']}; }}
        QMenu {{ background: {c['surface']}; color: {c['text']}; border: 1px solid {c['line']}; padding: {space(1)}px; }}
        QMenu::item {{ padding: {space(0.75)}px {space(3)}px; border-radius: 8px; }}
        QMenu::item:selected {{ background: {c['chip']}; }}
        QToolTip {{ background: {c['surface']}; color: {c['text']}; border: 1px solid {c['line']}; }}
    """
