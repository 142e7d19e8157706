"""Photos: checked by content, size-limited, resized, and re-encoded without any EXIF."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lofte.walks import photos
from tests.walks import helpers


def upload(data: bytes, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_it_removes_every_exif_field_including_gps_and_the_camera_serial():
    data = helpers.jpeg_bytes(exif=helpers.exif_with_gps_and_serial())
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the input really has GPS
    content, _w, _h = photos.clean_photo(upload(data))
    stored = content.read()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    assert len(image.getexif()) == 0
    assert "exif" not in image.info
    assert b"Exif" not in stored
    assert b"SERIE-123456789" not in stored and b"Kamerabolaget" not in stored


def test_it_resizes_large_photos_to_at_most_1600_px():
    content, width, height = photos.clean_photo(upload(helpers.jpeg_bytes(size=(3200, 1800))))
    image = Image.open(io.BytesIO(content.read()))
    assert image.size == (1600, 900) == (width, height)


def test_it_reencodes_a_png_as_jpeg():
    content, _w, _h = photos.clean_photo(upload(helpers.jpeg_bytes(fmt="PNG"), name="bild.png"))
    assert Image.open(io.BytesIO(content.read())).format == "JPEG"


def test_it_refuses_a_text_file_named_like_a_photo():
    with pytest.raises(ValidationError) as info:
        photos.clean_photo(upload(b"<script>alert(1)</script>", name="foto.jpg"))
    assert "inte en bild" in info.value.messages[0]


def test_it_refuses_a_truncated_jpeg():
    data = helpers.jpeg_bytes(size=(400, 300))
    with pytest.raises(ValidationError):
        photos.clean_photo(upload(data[: len(data) // 3]))


def test_it_refuses_a_file_over_10_mb_with_a_clear_message():
    big = upload(b"\xff\xd8" + b"0" * (photos.MAX_UPLOAD_BYTES + 1))
    with pytest.raises(ValidationError) as info:
        photos.clean_photo(big)
    assert info.value.messages == ["Fotot är för stort: högst 10 MB."]


def test_it_refuses_a_decompression_bomb_before_decoding_it(monkeypatch):
    # A tiny PNG that claims to be far larger than the pixel limit.
    monkeypatch.setattr(photos, "MAX_PIXELS", 100)
    with pytest.raises(ValidationError) as info:
        photos.clean_photo(upload(helpers.jpeg_bytes(size=(20, 20), fmt="PNG"), name="b.png"))
    assert "bildpunkter" in info.value.messages[0]


def test_it_refuses_what_pillow_itself_calls_a_bomb(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 50)
    with pytest.raises(ValidationError):
        photos.clean_photo(upload(helpers.jpeg_bytes(size=(20, 20))))


def _png_claiming(width: int, height: int) -> bytes:
    """A few hundred bytes of valid PNG chunks whose header claims width x height pixels."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) \
        + chunk(b"IEND", b"")


def test_a_900_megapixel_png_is_refused_for_its_pixels_not_as_no_image():
    """Reproduces 9.16: a 900-megapixel PNG was called "inte en bild" (Pillow's own bomb check
    fires when reading the header, and was reported as an unreadable file)."""
    with pytest.raises(ValidationError) as info:
        photos.clean_photo(upload(_png_claiming(30_000, 30_000), name="stor.png", content_type="image/png"))
    assert info.value.messages == ["Fotot har för många bildpunkter: högst 60 megapixel."]
    assert info.value.code == "too_many_pixels"


def test_a_picture_just_over_the_limit_names_the_limit_too():
    with pytest.raises(ValidationError) as info:
        photos.clean_photo(upload(_png_claiming(10_000, 6_100), name="stor.png", content_type="image/png"))
    assert info.value.messages == ["Fotot har för många bildpunkter: högst 60 megapixel."]
