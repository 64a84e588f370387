"""The app icon, one design for every place it appears: a calm circle within a circle.

The window draws it with Qt (`app/gui/icon.py`); the launcher entry writes it as PNGs and an SVG from here.
"""

import io

OUTER_COLOUR = "#5f7f74"
INNER_COLOUR = "#f6f3ee"
INNER_FRACTION = 0.36  # the inner circle's diameter as a share of the icon's
PNG_SIZES = (48, 64, 128, 256)


def icon_svg() -> str:
    radius = 50 * INNER_FRACTION
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 100 100">\n'
        f'  <circle cx="50" cy="50" r="50" fill="{OUTER_COLOUR}"/>\n'
        f'  <circle cx="50" cy="50" r="{radius:g}" fill="{INNER_COLOUR}"/>\n'
        "</svg>\n"
    )


def icon_png(size_px: int) -> bytes:
    """The icon as a square PNG, drawn four times larger and scaled down for smooth edges."""
    from PIL import Image, ImageDraw

    big = size_px * 4
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([0, 0, big - 1, big - 1], fill=OUTER_COLOUR)
    inner = big * INNER_FRACTION
    start = (big - inner) / 2
    draw.ellipse([start, start, start + inner, start + inner], fill=INNER_COLOUR)
    buffer = io.BytesIO()
    image.resize((size_px, size_px), Image.Resampling.LANCZOS).save(buffer, format="PNG")
    return buffer.getvalue()
