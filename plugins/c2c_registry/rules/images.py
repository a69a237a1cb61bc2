"""Is an uploaded image safe to process? Checked from the header before any decoding,
so a decompression bomb is refused without being decompressed.

The rule behind `logo` (an organisation's logo is in content/organisations/logos/ and a
sane PNG or JPEG), and the gate c2c_badges passes every logo through before drawing it.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .corpus import Corpus
from .problems import Problem

MAX_IMAGE_BYTES = 2_000_000
MAX_SIDE = 4000
MAX_PIXELS = 16_000_000
FORMATS = {"PNG", "JPEG"}


def image_problem(path: Path) -> str:
    """'' when the image is fine, else a sentence saying what is wrong."""
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return f"the image is {size / 1_000_000:.1f} MB; the limit is {MAX_IMAGE_BYTES // 1_000_000} MB. Save a smaller copy"
    try:
        with Image.open(path) as im:
            if im.format not in FORMATS:
                return f"the image is {im.format}; use a PNG or JPEG file"
            width, height = im.size
            if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                return (f"the image is {width}×{height} pixels; the limit is {MAX_SIDE}×{MAX_SIDE}. "
                        "Save a smaller copy")
            im.verify()
        with Image.open(path) as im:
            im.load()
    except Image.DecompressionBombError as err:  # refused from the header, never decoded
        pixels = re.search(r"\((\d+) pixels\)", str(err))
        declared = f" ({int(pixels.group(1)):,} pixels)" if pixels else ""
        return (f"the image is far too large to open safely{declared}; the limit is {MAX_SIDE}×{MAX_SIDE} "
                "pixels. Save a smaller copy")
    except UnidentifiedImageError:
        return "this is not an image Pillow can read; export it again as PNG or JPEG"
    except (OSError, SyntaxError, ValueError) as err:
        return f"the image is damaged ({err}); export it again as PNG or JPEG"
    return ""


def check_logos(corpus: Corpus) -> Iterator[Problem]:
    """A named logo exists in content/organisations/logos/ and is a sane image. A link or
    anything else that is not an ordinary file is never opened (discover() reports it)."""
    logo_dir = corpus.content_dir / "organisations" / "logos"
    for f in corpus.valid("organisation"):
        if "logo" not in f.data:
            continue
        path = logo_dir / f.data["logo"]
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            mode = 0
        if stat.S_ISLNK(mode) or (mode and not stat.S_ISREG(mode)):
            yield f.problem("logo", ("logo",), f"{f.data['logo']} in content/organisations/logos/ is not an "
                            "ordinary file; put the image itself there")
            continue
        if not mode:
            yield f.problem("logo", ("logo",), f"there is no file {f.data['logo']} in content/organisations/logos/; add it or fix the name")
            continue
        message = image_problem(path)
        if message:
            yield f.problem("logo", ("logo",), message)
