"""Images (plugins/eventsite/images.py): resized to the sizes the pages show them at, served
with srcset, width, height and lazy loading, without their metadata; a broken file is one
clear line."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image
from test_errors import assert_stopped

from eventsite.images import DISPLAYS, ImageSet, Probed, image_set, img_tag, resize
from eventsite.site_checks import check_site

from sitebuild import REPO, ContentFolder, build_here


@pytest.fixture
def build_content(build_content, tmp_path):
    """The builds of these tests, with a cache of their own (CACHE_PATH): what a test makes is
    made, not taken from another build of the same bytes."""

    def run(overrides: dict | None = None, **options):
        return build_content(overrides={"CACHE_PATH": str(tmp_path / "cache"), **(overrides or {})}, **options)

    return run


def variants(result, folder: str) -> dict[str, tuple[int, int]]:
    """The WebP files in an output folder, with their sizes."""
    found = {}
    for path in sorted((result.output / folder).glob("*.webp")):
        with Image.open(path) as image:
            assert image.format == "WEBP"
            found[path.name] = image.size
    return found


def test_an_event_image_is_resized_to_the_widths_of_the_content_column(content: ContentFolder, build_content):
    content.event("conf", image="hall.jpg", image_alt="The conference hall")
    content.picture("events/conf/hall.jpg", size=(1600, 900), image_format="JPEG")
    result = build_content()
    assert result.ok, result
    assert variants(result, "events/conf") == {
        "hall-1080w.webp": (1080, 608),
        "hall-1440w.webp": (1440, 810),
        "hall-360w.webp": (360, 202),
        "hall-720w.webp": (720, 405),
    }
    img = result.soup("events/conf/").find("img", alt="The conference hall")
    assert img["src"] == "../../events/conf/hall-720w.webp"
    assert img["srcset"] == (
        "../../events/conf/hall-360w.webp 360w, ../../events/conf/hall-720w.webp 720w, "
        "../../events/conf/hall-1080w.webp 1080w, ../../events/conf/hall-1440w.webp 1440w"
    )
    assert (img["width"], img["height"], img["sizes"]) == ("720", "405", DISPLAYS["banner"].sizes)
    assert img["decoding"] == "async"
    assert "loading" not in img.attrs  # near the top of its page: the largest thing on it, fetched at once
    assert (result.output / "events/conf/hall.jpg").is_file()  # the original stays, for og:image


def test_a_small_image_is_never_made_bigger(content: ContentFolder, build_content):
    content.campaign("camp", image="poster.png", image_alt="The poster")
    content.picture("campaigns/poster.png", size=(300, 200))
    result = build_content()
    assert result.ok, result
    assert variants(result, "campaigns") == {"poster-300w.webp": (300, 200)}
    img = result.soup("campaigns/camp/").find("img", alt="The poster")
    assert (img["src"], img["width"], img["height"]) == ("../../campaigns/poster-300w.webp", "300", "200")


def image_of(width: int, height: int, displays: tuple[str, ...], alt: str | None = "Ann, smiling") -> ImageSet:
    probed = Probed("0" * 64, width, height, False)
    return image_set("people/ann.jpg", "/nowhere", "people/ann.jpg", alt, probed, displays)


def test_a_photo_gets_the_width_that_covers_its_square_and_twice_it():
    wide = image_of(500, 400, ("photo-small",))  # 48 high, so 60 wide; and 120 × 96 for sharp screens
    assert [(v.save_as, v.width, v.height) for v in wide.variants] == [
        ("people/ann-60w.webp", 60, 48),
        ("people/ann-120w.webp", 120, 96),
    ]
    assert str(img_tag(wide, "photo-small", "..")) == (
        '<img src="../people/ann-60w.webp" srcset="../people/ann-60w.webp 60w, ../people/ann-120w.webp 120w" '
        'sizes="48px" width="48" height="48" alt="Ann, smiling" loading="lazy" decoding="async">'
    )
    tall = image_of(300, 400, ("photo-small", "photo"))  # the two displays share what they can
    assert [v.width for v in tall.variants] == [48, 96, 160, 300]
    assert 'srcset="../people/ann-160w.webp 160w, ../people/ann-300w.webp 300w"' in str(img_tag(tall, "photo", ".."))


def test_a_logo_fits_its_tiers_box_and_is_never_made_bigger():
    wide = image_of(1200, 200, ("logo-48",))  # at most 144 × 48: 144 × 24
    assert [(v.width, v.height) for v in wide.variants] == [(144, 24), (288, 48)]
    assert 'width="144" height="24"' in str(img_tag(wide, "logo-48", "."))
    small = image_of(80, 40, ("logo-96",))
    assert [(v.width, v.height) for v in small.variants] == [(80, 40)]
    assert 'sizes="80px" width="80" height="40"' in str(img_tag(small, "logo-96", "."))
    assert "loading" not in str(img_tag(small, "logo-96", ".", lazy=False))


def test_an_image_always_has_its_alt_text_or_is_marked_decorative():
    image = image_of(500, 400, ("photo-small",), alt=None)
    with pytest.raises(ValueError, match="no alt text"):
        img_tag(image, "photo-small", "..")
    with pytest.raises(ValueError, match="no alt text"):
        img_tag(image, "photo-small", "..", alt=" ")
    decorative = str(img_tag(image, "photo-small", "..", decorative=True))
    assert 'alt="" aria-hidden="true"' in decorative
    assert 'alt="Ann at the lectern"' in str(img_tag(image, "photo-small", "..", alt="Ann at the lectern"))
    with pytest.raises(ValueError, match="no variants for the display 'photo'"):
        img_tag(image, "photo", "..")


def exif_photo(orientation: int) -> bytes:
    """A JPEG 40 wide and 20 high as stored, with an orientation and a GPS position."""
    image = Image.new("RGB", (40, 20), (200, 30, 30))
    image.paste((20, 20, 200), (0, 0, 10, 20))  # a blue band on the left as stored
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x8825] = {1: "N", 2: (60.0, 10.0, 0.0)}  # GPSInfo: where the photo was taken
    exif[0x010F] = "A camera maker"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95)
    return out.getvalue()


def test_a_photo_loses_its_metadata_and_stands_upright(tmp_path):
    source = tmp_path / "ann.jpg"
    source.write_bytes(exif_photo(orientation=6))  # stored on its side: turn it a quarter clockwise
    with Image.open(source) as original:
        assert original.getexif()[0x010F] == "A camera maker"
    made = resize(str(source), 10, 20, lossless=False)
    with Image.open(io.BytesIO(made)) as resized:
        assert resized.size == (10, 20)
        assert not resized.getexif() and "exif" not in resized.info and "xmp" not in resized.info
        top = resized.convert("RGB").getpixel((5, 1))
        assert top[2] > 150 and top[0] < 100  # the band on the left is now at the top
    assert b"camera" not in made and b"GPS" not in made
    assert resize(str(source), 10, 20, lossless=False) == made  # the same input: the same bytes


def test_a_photo_standing_on_its_side_gets_its_upright_size(content: ContentFolder, build_content):
    content.event("conf", image="ann.jpg", image_alt="Ann")
    (content.root / "events/conf/ann.jpg").write_bytes(exif_photo(orientation=6))
    result = build_content()
    assert result.ok, result
    assert variants(result, "events/conf") == {"ann-20w.webp": (20, 40)}
    img = result.soup("events/conf/").find("img", alt="Ann")
    assert (img["width"], img["height"]) == ("20", "40")


def test_resized_images_are_taken_from_the_cache(content: ContentFolder, build_content, tmp_path):
    content.event("conf", image="hall.png", image_alt="The hall")
    content.picture("events/conf/hall.png", size=(60, 30))
    cache = tmp_path / "cache"
    first = build_content(overrides={"CACHE_PATH": str(cache)})
    assert first.ok, first
    made = (first.output / "events/conf/hall-60w.webp").read_bytes()
    kept = [p for p in (cache / "eventsite-images").iterdir() if p.suffix == ".webp"]
    assert [p.read_bytes() for p in kept] == [made]
    kept[0].write_bytes(b"what the cache holds")
    again = build_content(overrides={"CACHE_PATH": str(cache)})
    assert again.ok, again
    assert (again.output / "events/conf/hall-60w.webp").read_bytes() == b"what the cache holds"


def png(width: int, height: int, rows: bytes | None = None) -> bytes:
    """A PNG written by hand: its header may promise what its data does not hold."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = rows if rows is not None else b"".join(b"\0" + b"\x80" * 3 * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels)) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (png(20, 20)[:60], "hall.png is damaged or cut short"),
        (png(100_000, 100_000, rows=b"\0"), "hall.png is 100000 × 100000 pixels, too big to resize"),
        (png(9000, 9000, rows=b"\0"), "hall.png is 9000 × 9000 pixels, too big to resize"),
        (b"<html>not an image</html>", "hall.png is not an image the site can read"),
        (b"\x89PNG\r\n\x1a\n", "hall.png is not an image the site can read"),
    ],
    ids=["truncated", "decompression-bomb", "too-big", "not-an-image", "only-a-signature"],
)
def test_a_broken_image_is_one_clear_line(content: ContentFolder, build_content, data, said):
    content.event("conf", image="hall.png", image_alt="The hall")
    (content.root / "events/conf/hall.png").write_bytes(data)
    line = assert_stopped(build_content(), "events/conf/index.md", "image", f"events/conf/{said}", "(")
    assert len([x for x in build_content().errors if "hall.png" in x]) == 1, line


def test_an_image_of_a_draft_is_neither_opened_nor_written(content: ContentFolder, build_content):
    content.event("conf", image="hall.png", image_alt="The hall", status="draft")
    (content.root / "events/conf/hall.png").write_bytes(b"not an image")
    result = build_content()
    assert result.ok, result
    assert not list(result.output.rglob("*.webp"))


def test_the_site_check_wants_alt_text_but_for_a_decorative_image(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "a.webp").write_bytes(b"")
    page = (
        '<!doctype html><html lang="en"><head><title>T</title><meta name="description" content="D">'
        '<link rel="canonical" href="https://x.example/"></head><body>{}</body></html>'
    )
    (site / "index.html").write_text(page.format('<img src="a.webp" alt="" aria-hidden="true">'))
    assert [str(p) for p in check_site(site, "https://x.example", validate_html=False) if "alt" in str(p)] == []
    (site / "index.html").write_text(page.format('<img src="a.webp" alt="">'))
    assert [str(p) for p in check_site(site, "https://x.example", validate_html=False) if "alt" in str(p)] == [
        'index.html: the image "a.webp" has no alt text'
    ]


def test_the_site_check_finds_a_missing_image_of_a_srcset(content: ContentFolder, build_content):
    content.event("conf", image="hall.png", image_alt="The hall")
    content.picture("events/conf/hall.png", size=(800, 400))
    result = build_content()
    assert result.ok, result

    def missing() -> list[str]:
        problems = check_site(result.output, "https://events.ifex.org", validate_html=False)
        return [str(p) for p in problems if "missing" in str(p)]

    assert missing() == []
    (result.output / "events/conf/hall-720w.webp").unlink()  # the fallback src, and in srcset
    (result.output / "events/conf/hall-360w.webp").unlink()  # in srcset only
    # The event's page in every language shows the same image, from the original's folder
    assert missing() == sorted(
        f'{lang}events/conf/index.html: the link "{"../" * (2 + bool(lang))}events/conf/hall-{width}w.webp" '
        f"leads to a missing page or file (events/conf/hall-{width}w.webp)"
        for lang in ("", "fr/", "es/", "ar/")
        for width in (360, 720)
    )


def test_a_16_bit_png_is_shown_as_its_grey(content: ContentFolder, build_content):
    content.event("conf", image="scan.png", image_alt="A scan")
    Image.new("I;16", (30, 20), 30000).save(content.root / "events/conf/scan.png")
    result = build_content()
    assert result.ok, result
    with Image.open(result.output / "events/conf/scan-30w.webp") as made:
        assert made.convert("L").getpixel((3, 3)) == 30000 // 256


def test_images_are_opened_in_the_build_s_workers(content: ContentFolder, build_content, tmp_path):
    for number in range(10):  # more than the workers' first share (map_in_workers: chunks of 4)
        content.campaign(f"c{number}", image=f"c{number}.png", image_alt=f"Poster {number}")
        content.picture(f"campaigns/c{number}.png", size=(100 + number, 50))
    result = build_content(overrides={"EVENTSITE_WORKERS": 2})
    assert result.ok, result
    for number in range(10):  # each page its own image, in its own size
        img = result.soup(f"campaigns/c{number}/").find("img", alt=f"Poster {number}")
        assert (img["src"], img["width"]) == (f"../../campaigns/c{number}-{100 + number}w.webp", str(100 + number))
    for number in (1, 5, 9):  # one in each share of the work, whichever process takes it
        (content.root / f"campaigns/c{number}.png").write_bytes(png(20, 20)[:60])
    stopped = build_here(
        content.root, tmp_path / "again", overrides={"EVENTSITE_WORKERS": 2, "CACHE_PATH": str(tmp_path / "cache")}
    )
    lines = [
        assert_stopped(stopped, f"campaigns/c{number}.md", "image", f"campaigns/c{number}.png is damaged or cut short")
        for number in (1, 5, 9)
    ]
    assert [e for e in stopped.errors if ": image: " in e] == lines


def test_the_preview_makes_each_resized_image_when_asked(content: ContentFolder, tmp_path, monkeypatch):
    from eventsite.preview import PreviewSite

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    content.event("forum", title="The forum", start="2027-03-10", image="hall.png", image_alt="The hall")
    content.picture("events/forum/hall.png", size=(800, 400))
    site = PreviewSite(str(REPO / "pelicanconf.py"), str(content.root), str(tmp_path / "output"))
    try:
        site.refresh()
        assert site.errors == []
        assert not list(site.output.rglob("*.webp"))  # nothing made before a browser asks
        made = site.file_for("/events/forum/hall-360w.webp")
        assert made is not None
        with Image.open(made) as image:
            assert image.size == (360, 180)
        assert sorted(p.name for p in site.output.rglob("*.webp")) == ["hall-360w.webp"]
    finally:
        site.close()


SPEAKERS = REPO / "tests/sites/speakers"  # an event with ten speakers, each with a small photo (invoke audit)
SUMMIT = "events/newsroom-safety-summit-2027/"


def test_an_event_page_with_ten_speaker_photos_serves_them_small_and_lazily(tmp_path):
    result = build_here(SPEAKERS, tmp_path / "output", now=1801440000)  # 2027-02-01, as invoke audit
    assert result.ok, result
    photos = result.soup(SUMMIT).select("main img")
    assert len(photos) == 10
    for img in photos:  # beside the speakers' names: decorative, 48 CSS pixels, fetched when scrolled to
        stem = img["src"].removesuffix("-48w.webp")
        assert img["srcset"] == f"{stem}-48w.webp 48w, {stem}-96w.webp 96w"
        assert (img["width"], img["height"], img["sizes"], img["loading"]) == ("48", "48", "48px", "lazy")
        assert (img["alt"], img["aria-hidden"]) == ("", "true")
    made = [p for p in (result.output / "people").glob("*-96w.webp")]
    assert len(made) == 10 and all(p.stat().st_size < 3000 for p in made)
    page = result.soup("people/chen-li/").select_one("main img")
    assert page["alt"].startswith("A drawing standing in for a photo of Chen Li")
    assert "loading" not in page.attrs  # the top of the person's page
    assert check_site(result.output, "https://events.ifex.org", validate_html=False) == []
