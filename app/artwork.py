"""Artwork for a session, drawn from its title: a calm landscape (a sky, a low sun, three ranges of hills).

The same title always gives the same picture and different titles differ in hue, light and the shape of the
hills. Used for the library's cards and the exported MP3's cover; no Qt here (the GUI wraps the pixels).
"""

from __future__ import annotations

import colorsys
import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


def artwork(title: str, width_px: int, height_px: int) -> np.ndarray:
    """RGB pixels, shape (height_px, width_px, 3), uint8."""
    import numpy as np  # here, not at the top: the window's tints come from this module before numpy loads

    rng = np.random.default_rng(int.from_bytes(_digest(title)[:8], "little"))
    hue = _hue(title)
    x = np.linspace(0.0, 1.0, width_px, dtype=np.float32)[None, :]
    y = np.linspace(0.0, 1.0, height_px, dtype=np.float32)[:, None]
    aspect = width_px / height_px
    sky_top, sky_low = np.array(_rgb(hue, 0.22, 0.86)), np.array(_rgb((hue + 0.04) % 1, 0.30, 0.70))
    image = sky_top + (sky_low - sky_top) * np.clip(y / 0.75, 0, 1)[..., None]
    image = np.broadcast_to(image, (height_px, width_px, 3)).copy()
    # a low sun with a soft glow
    sun_x, sun_y, sun_r = rng.uniform(0.25, 0.75), rng.uniform(0.30, 0.45), rng.uniform(0.09, 0.13)
    distance = np.sqrt(((x - sun_x) * aspect) ** 2 + (y - sun_y) ** 2)
    sun = np.array((250.0, 244.0, 230.0))
    glow = np.exp(-((distance / (sun_r * 2.6)) ** 2))[..., None] * 0.35
    disc = np.clip((sun_r - distance) * height_px * 0.5, 0, 1)[..., None]
    image = image + (sun - image) * np.maximum(glow, disc)
    # three ranges of hills, darker and more saturated towards the front
    for layer in range(3):
        base = 0.58 + 0.12 * layer + rng.uniform(-0.03, 0.03)
        ridge = base + sum(rng.uniform(0.015, 0.045) / (k + 1) * np.sin(2 * np.pi * (k + 1) * rng.uniform(0.6, 1.4) * x
                                                                      + rng.uniform(0, 2 * np.pi)) for k in range(3))
        colour = np.array(_rgb((hue + 0.10 + 0.03 * layer) % 1, 0.28 + 0.08 * layer, 0.56 - 0.13 * layer))
        cover = np.clip((y - ridge) * height_px, 0, 1)[..., None]
        image = image + (colour - image) * cover
    return np.clip(image, 0, 255).astype(np.uint8)


def tint(title: str) -> str:
    """The artwork's main colour as #rrggbb: shown until the picture is drawn."""
    return "#{:02x}{:02x}{:02x}".format(*(round(c) for c in _rgb((_hue(title) + 0.04) % 1, 0.30, 0.70)))


def _digest(title: str) -> bytes:
    return hashlib.sha256(title.encode("utf-8")).digest()


def _hue(title: str) -> float:
    """Calm hues only: greens, teals, blues, lavenders and warm sand (no saturated reds)."""
    calm = (0.08, 0.12, 0.28, 0.36, 0.45, 0.52, 0.58, 0.66, 0.74)
    digest = _digest(title)
    return (calm[digest[0] % len(calm)] + (digest[1] / 255 - 0.5) * 0.04) % 1


def _rgb(hue: float, saturation: float, value: float) -> tuple[float, float, float]:
    return tuple(c * 255 for c in colorsys.hsv_to_rgb(hue, saturation, value))
