"""WMCA's emblem for the badges (the C2C_BADGE_ARTWORK setting), checked and decoded once
per build, and known by the digest of its file (what the drawn emblem is cached under)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps

from .layout import EMBLEM_BOX
from .logos import upright_srgb


@dataclass(frozen=True)
class Artwork:
    image: Image.Image = field(compare=False)
    png: bytes = field(compare=False)  # as embedded in the SVG
    digest: str  # equal digests, equal artwork: what caches are keyed on


def load_artwork(setting: str) -> Artwork | None:
    if not setting:
        return None
    path = Path(setting)
    if not path.is_file():
        raise ValueError(f"C2C_BADGE_ARTWORK: there is no file {path} (looked in {path.resolve().parent}); "
                         "give the path of a PNG or JPEG from the project folder, or leave it empty")
    try:
        image = upright_srgb(path)
    except ValueError as err:
        raise ValueError(f"C2C_BADGE_ARTWORK: {err}") from None
    side = EMBLEM_BOX[2] - EMBLEM_BOX[0]
    out = io.BytesIO()
    ImageOps.contain(image, (side, side), Image.Resampling.LANCZOS).save(out, "PNG", optimize=True)
    return Artwork(image, out.getvalue(), hashlib.sha256(path.read_bytes()).hexdigest())
