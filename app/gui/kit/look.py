"""The look applied in one place: the theme's palette, then its stylesheet with chevrons drawn in that palette,
then every icon redrawn (the theme knows nothing of the icons; this caller refreshes them)."""

from app.gui.kit import glyphs, theme


def apply_look(app, choice: str) -> None:
    """Light, dark or the system's choice, everywhere at once."""
    theme.apply_palette(app, choice)
    app.setStyleSheet(theme.stylesheet(theme.current(), theme.base_point_size(), glyphs.arrow_files("muted")))
    glyphs.refresh(app)
