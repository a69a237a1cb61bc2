"""Organisation logos, re-encoded: never published as uploaded.

Each logo is decoded by Pillow (after the validator's header checks, repeated here), turned
upright by its EXIF orientation, converted to sRGB, fitted into fixed square sizes on a
transparent ground and saved as WebP and PNG with no metadata at all (EXIF, XMP, ICC
profile, text chunks and dates are not carried over), so what is published is only pixels,
the same bytes on every build.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from c2c_registry.rules.images import image_problem
from c2c_views.badges import LOGO_FORMATS, LOGO_SIZES

SRGB = ImageCms.createProfile("sRGB")


def file_name(size: int, image_format: str) -> str:
    return f"{size}.{image_format}"


def logo_names() -> list[str]:
    return [file_name(size, fmt) for size in LOGO_SIZES for fmt in LOGO_FORMATS]


def upright_srgb(source: Path) -> Image.Image:
    problem = image_problem(source)
    if problem:
        raise ValueError(f"{source}: {problem}")
    with Image.open(source) as opened:
        image = ImageOps.exif_transpose(opened)
        icc = opened.info.get("icc_profile")
        if icc and image.mode in ("RGB", "RGBA", "CMYK"):
            try:
                profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
                converted = ImageCms.profileToProfile(image, profile, SRGB,
                                                      outputMode="RGBA" if image.mode == "RGBA" else "RGB")
                image = converted or image
            except ImageCms.PyCMSError:
                pass  # a broken profile: the pixels as they are
        return image.convert("RGBA")


def reencode(source: Path) -> dict[str, bytes]:
    """Every size and format of one logo: name -> bytes (names from `file_name`)."""
    image = upright_srgb(source)
    out: dict[str, bytes] = {}
    for size in LOGO_SIZES:
        fitted = ImageOps.contain(image, (size, size), Image.Resampling.LANCZOS)
        canvas = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        canvas.alpha_composite(fitted, ((size - fitted.width) // 2, (size - fitted.height) // 2))
        for fmt in LOGO_FORMATS:
            buf = io.BytesIO()
            if fmt == "webp":
                canvas.save(buf, "WEBP", quality=90, method=6, exif=b"", xmp=b"", icc_profile=b"")
            else:
                canvas.save(buf, "PNG", optimize=True)
            out[file_name(size, fmt)] = buf.getvalue()
    return out
