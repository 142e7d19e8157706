"""Photos of findings: checked by content, size-limited, resized and re-encoded without any metadata.

A phone photo carries EXIF: the GPS position of whoever took it, the camera's serial number, the
time. Pillow decodes the pixels and writes a fresh JPEG from them alone, so none of that survives.
The file name and the declared content type are ignored: only what Pillow can decode is an image.
"""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_SIDE = 1600
# A photo with more pixels than this (a 48-megapixel phone camera is 8000 x 6000) is refused before
# decoding, so a small file that unpacks into gigabytes (a decompression bomb) costs nothing.
MAX_PIXELS = 60_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "MPO"}
JPEG_QUALITY = 85


def clean_photo(uploaded) -> tuple[ContentFile, int, int]:
    """The upload as a metadata-free JPEG at most MAX_SIDE px wide or high, with its size.

    Raises ValidationError with a message for the form field when the file is too large or is not
    an image Pillow can decode.
    """
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Fotot är för stort: högst 10 MB."), code="too_large")
    uploaded.seek(0)
    data = uploaded.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("Fotot är för stort: högst 10 MB."), code="too_large")
    not_an_image = ValidationError(
        _("Filen är inte en bild som kan läsas (JPEG, PNG, WebP eller GIF)."), code="not_an_image"
    )
    too_many_pixels = ValidationError(
        _("Fotot har för många bildpunkter: högst %(limit)d megapixel.") % {"limit": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb check warns above its limit; treat the warning as a refusal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ACCEPTED_FORMATS:
                    raise not_an_image
                if image.width * image.height > MAX_PIXELS:
                    raise too_many_pixels
                image.load()
                # Turn the pixels the way the camera's orientation tag says before the tag is dropped.
                image = ImageOps.exif_transpose(image)
                image = _as_rgb(image)
                image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
                clean = Image.new("RGB", image.size)
                clean.paste(image)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow refuses a huge picture (900 megapixels) already when reading its header: it is an
        # image, only too large, and the message says so.
        raise too_many_pixels from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise not_an_image from exc
    out = io.BytesIO()
    # A new image object has empty .info, and no exif/icc/xmp is passed: the JPEG carries pixels only.
    clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return ContentFile(out.getvalue(), name="photo.jpg"), clean.width, clean.height


def _as_rgb(image: Image.Image) -> Image.Image:
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.split()[-1])
        return background
    return image.convert("RGB")
