"""Uploaded pictures: decoded and re-encoded with Pillow, limited, without EXIF, shown without fetching."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from werkstatt import render
from werkstatt.model import Limits, ValidationError
from werkstatt.store import WorkshopFolder


def jpeg_with_exif(width: int = 1200, height: int = 800) -> bytes:
    image = Image.new("RGB", (width, height), "#336699")
    exif = Image.Exif()
    exif[0x010F] = "Kamerahersteller"  # Make
    exif[0x0112] = 6  # Orientation: rotate 90°
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_upload_is_reencoded_upright_small_and_without_exif(workshop_dir: Path) -> None:
    store = WorkshopFolder(workshop_dir)
    name = store.save_image("lindenau", jpeg_with_exif())
    assert name.startswith("lindenau-") and name.endswith(".png")
    saved = Image.open(workshop_dir / "bilder" / name)
    assert saved.format == "PNG"
    assert saved.size == (400, 600)  # turned upright by the EXIF orientation, then at most 600 px
    assert dict(saved.getexif()) == {} and "exif" not in saved.info
    assert b"Kamerahersteller" not in (workshop_dir / "bilder" / name).read_bytes()


def test_same_picture_same_name_new_picture_new_name(workshop_dir: Path) -> None:
    store = WorkshopFolder(workshop_dir)
    assert store.save_image("lindenau", jpeg_with_exif()) == store.save_image("lindenau", jpeg_with_exif())
    assert store.save_image("lindenau", jpeg_with_exif(900, 900)) != store.save_image("lindenau", jpeg_with_exif())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a kein Bild", "kein lesbares Bild"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><image href='file:///etc/passwd'/></svg>", "kein lesbares Bild"),
        (b"\x89PNG\r\n\x1a\n kaputt", "kein lesbares Bild"),
    ],
)
def test_what_is_not_a_png_or_jpeg_is_refused(workshop_dir: Path, data: bytes, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        WorkshopFolder(workshop_dir).save_image("lindenau", data)
    assert message in str(caught.value)
    assert not (workshop_dir / "bilder").exists() or not any((workshop_dir / "bilder").iterdir())


def test_too_big_uploads_and_pixel_bombs_are_refused(workshop_dir: Path) -> None:
    small_limit = WorkshopFolder(workshop_dir, Limits(max_image_bytes=1000))
    with pytest.raises(ValidationError) as caught:
        small_limit.save_image("lindenau", jpeg_with_exif())
    assert "zu groß" in str(caught.value)
    bomb = io.BytesIO()
    Image.new("1", (20000, 20000)).save(bomb, "PNG")  # tiny file, 400 million pixels
    with pytest.raises(ValidationError):
        WorkshopFolder(workshop_dir).save_image("lindenau", bomb.getvalue())


def test_card_and_pdf_show_the_uploaded_picture_inline(workshop_dir: Path, tmp_path: Path) -> None:
    store = WorkshopFolder(workshop_dir)
    persona = store.persona("lindenau").persona
    persona.profile.avatar_file = store.save_image("lindenau", jpeg_with_exif())
    store.save_persona(persona, base_revision=persona.revision)
    reread = WorkshopFolder(workshop_dir).persona("lindenau").persona
    assert reread.profile.avatar_image.startswith("data:image/png;base64,")
    html = render.persona_card_html(store.workshop(), reread)
    assert reread.profile.avatar_image in html
    from werkstatt.export import export

    pdf = export(store, tmp_path / "out", ("steckbriefe",), kommune="lindenau")[0].read_bytes()
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf


def test_image_names_from_a_file_are_never_opened_outside_the_folder(workshop_dir: Path) -> None:
    store = WorkshopFolder(workshop_dir)
    assert store.image_uri("../../etc/passwd") == ""
    assert store.image_uri("lindenau.jpg") == ""
    assert store.image_uri("fehlt.png") == ""


def png_of_zeros(width: int, height: int) -> bytes:
    """A valid black-and-white PNG of any size, a few KB on disk, built without decoding anything."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit per pixel, greyscale
    packer = zlib.compressobj(9)
    row = bytes(1 + (width + 7) // 8)  # filter byte + packed pixels
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(("side", "megapixels"), [(13000, 169), (7000, 49)])
def test_pixel_bombs_are_refused_in_german_before_decoding(workshop_dir: Path, side: int, megapixels: int) -> None:
    bomb = png_of_zeros(side, side)
    assert len(bomb) < 600_000  # small on disk, like the one in the issue
    with pytest.raises(ValidationError) as caught:
        WorkshopFolder(workshop_dir).save_image("lindenau", bomb)
    assert str(caught.value) == (
        f"bilder › persona.avatar.file: Das Bild hat zu viele Bildpunkte ({megapixels} Megapixel), "
        "erlaubt sind höchstens 40 Megapixel. Bitte ein kleineres Bild hochladen."
    )
    assert not (workshop_dir / "bilder").exists()


def test_a_pixel_bomb_upload_does_not_blow_up_memory(workshop_dir: Path) -> None:
    """Measured in a fresh process: its peak memory stays far below one decoded 13000² picture."""
    import subprocess
    import sys

    script = f"""
import resource, sys
sys.path.insert(0, {str(Path(__file__).parent)!r})
from test_images import png_of_zeros
from werkstatt.model import ValidationError
from werkstatt.store import WorkshopFolder
bomb = png_of_zeros(13000, 13000)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    WorkshopFolder({str(workshop_dir)!r}).save_image("lindenau", bomb)
except ValidationError:
    pass
print(before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120)
    before, after = (int(v) for v in done.stdout.split())
    assert after - before < 50 * 1024, (before, after)  # KiB: decoding alone would need 169 MB


def test_pictures_behind_symbolic_links_are_never_read(workshop_dir: Path) -> None:
    store = WorkshopFolder(workshop_dir)
    real = store.save_image("lindenau", jpeg_with_exif())
    images = workshop_dir / "bilder"
    (images / "lindenau-abc.png").symlink_to("/etc/passwd")
    (images / "lindenau-def.png").symlink_to(images / real)  # even a link to a real picture
    assert store.image_uri(real).startswith("data:image/png;base64,")
    for link in ("lindenau-abc.png", "lindenau-def.png"):
        assert store.image_uri(link) == ""
        assert store.image_problem(link) == (
            f"Das Bild „{link}“ wird nicht angezeigt: Es ist eine Verknüpfung auf eine andere Datei. "
            "Bitte das Bild neu hochladen."
        )
    assert store.image_problem(real) is None

    persona = store.persona("lindenau").persona
    persona.profile.avatar_file = "lindenau-abc.png"
    store.save_persona(persona, base_revision=persona.revision)
    reread = WorkshopFolder(workshop_dir).persona("lindenau").persona
    assert reread.profile.avatar_image == ""
    assert "root:" not in render.persona_card_html(store.workshop(), reread)


def test_a_linked_picture_folder_is_neither_read_nor_written(workshop_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "anderswo"
    elsewhere.mkdir()
    Image.new("RGB", (10, 10)).save(elsewhere / "lindenau-abc.png")
    (workshop_dir / "bilder").symlink_to(elsewhere)
    store = WorkshopFolder(workshop_dir)
    assert store.image_uri("lindenau-abc.png") == ""
    with pytest.raises(ValidationError) as caught:
        store.save_image("lindenau", jpeg_with_exif())
    assert "Verknüpfung" in str(caught.value)
    assert [p.name for p in elsewhere.iterdir()] == ["lindenau-abc.png"]
