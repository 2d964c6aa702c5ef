"""Images: event and campaign images, people's photos and organisations' logos, resized
to the sizes the pages show them at and served with srcset, width, height and lazy loading.

A content type names its image keys and where its pages show them (ContentType.images:
{"photo": ("photo-small", "photo")}); DISPLAYS says what each display is (a square of 48
CSS pixels, a logo at most 48 pixels high…). While the site is read, each image is opened and decoded
once (probe(): a file that is no image, is cut short or is too big is one line in the
problem log), in the build's workers, its facts kept in CACHE_PATH by the hash of its
bytes. Each variant (its width: the display's size, twice it for sharp screens) is a file
of the outputs registry (site_files.image_files) written by a job (variants_bytes(), kept
in CACHE_PATH too, so a second build resizes nothing). Variants are WebP, with no
metadata at all (EXIF may hold where a photo was taken: a speaker's home), turned
upright by their EXIF orientation first; the same image gives the same bytes. The
original file is still copied as it is (it is what og:image and JSON-LD name).

Templates call image(item, "photo", "photo-small"): an <img> with src, srcset, sizes,
width, height, alt (the item's photo_alt; decorative=True: alt="" hidden from screen
readers), loading="lazy" and decoding="async"; nothing when the item has no such image.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import posixpath
from dataclasses import dataclass

from jinja2 import pass_context
from markupsafe import Markup, escape

from .model import LOGO_HEIGHTS  # the heights of the sponsor tiers' logos (site.css: .sponsor-tier--1…4)

# Bump when what resize_all() makes changes: cached variants of the old recipe are not used.
RECIPE = 2
QUALITY = 80  # WebP quality of photos; images of few colours (logos, drawings) are lossless
MAX_PIXELS = 40_000_000  # a bigger image is refused: decoding it would take the build's memory
_FOLDER = "eventsite-images"  # in CACHE_PATH


@dataclass(frozen=True)
class Display:
    """Where a page shows an image, in CSS pixels: `width` wide (its height follows), or
    `height` high (its width follows), or within a box of `width` × `height` (a logo: made
    smaller to fit it, never larger), or a `square` of `width` (a photo, cut to shape by the
    style sheet: object-fit), or `fluid` up to `width` (the content column: `sizes`)."""

    width: int | None = None
    height: int | None = None
    fluid: bool = False
    square: bool = False
    sizes: str | None = None  # the sizes attribute of a fluid image
    # Fetched when the browser is about to show it; False for one near the top of its page, the
    # largest thing on it, which a lazy load would show later (Lighthouse: LCP)
    lazy: bool = True


# Every display the templates use, by name; a content type's `images` names them.
DISPLAYS: dict[str, Display] = {
    # An event's or a campaign's image: the width of the content column (45rem), or of the phone.
    "banner": Display(width=720, fluid=True, sizes="(min-width: 48rem) 45rem, 100vw", lazy=False),
    # A person's photo: beside their name in lists, in the programme and on session pages; on their page.
    "photo-small": Display(width=48, square=True),
    "photo": Display(width=160, square=True),
    # An organisation's logo, as high as its sponsor tier's logos are and at most three times as wide.
    **{f"logo-{high}": Display(width=3 * high, height=high) for high in LOGO_HEIGHTS},
}
_FLUID_STEPS = (360, 720, 1080, 1440)


@dataclass(frozen=True)
class Probed:
    """What probe() found: the image's hash, its size upright, and how to encode it."""

    digest: str
    width: int
    height: int
    lossless: bool


@dataclass(frozen=True)
class Variant:
    save_as: str  # relative to the output folder
    width: int
    height: int


@dataclass(frozen=True)
class ImageSet:
    """One image of one item: its original, its variants and how each display shows it."""

    source: str  # the original file, relative to the content folder
    path: str  # the original file on disk
    url: str  # the original, copied as it is
    alt: str | None
    probed: Probed
    variants: tuple[Variant, ...]
    displays: tuple[str, ...]


class ImageProblem(Exception):
    def __init__(self, what: str, fix: str) -> None:
        super().__init__(what, fix)  # both: a worker sends it back pickled
        self.what, self.fix = what, fix


# --- reading -----------------------------------------------------------------------------


def probe(path: str, cache_path: str | None) -> Probed | ImageProblem:
    """Open and decode the image at `path` once; its facts, or what is wrong with it.
    Kept in the cache by the hash of its bytes: the same file is decoded once."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        return ImageProblem(f"cannot be read: {error.strerror}", "check the file")
    digest = hashlib.sha256(data).hexdigest()
    kept = _cache_file(cache_path, f"{digest}.json")
    if kept is not None and os.path.isfile(kept):
        try:
            with open(kept, encoding="utf-8") as handle:
                return Probed(**json.load(handle))
        except (OSError, ValueError, TypeError):
            pass
    try:
        found = _probe(data, digest)
    except ImageProblem as problem:
        return problem
    if kept is not None:
        _keep(kept, json.dumps(found.__dict__).encode("utf-8"))
    return found


def _probe(data: bytes, digest: str) -> Probed:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _too_big(width, height)
            if image.format not in ("JPEG", "PNG", "GIF", "WEBP", "AVIF"):
                raise ImageProblem(
                    f"is a {image.format} file, which browsers do not all show",
                    "save it as JPEG, PNG or WebP",
                )
            if _orientation(image) in (5, 6, 7, 8):  # stored on its side: shown turned a quarter
                width, height = height, width
            if image.format == "JPEG":  # decoded at an eighth of its size: as thorough, faster
                image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
            image.load()
            shown = _eight_bit(image)
            lossless = image.format in ("PNG", "GIF") and (
                shown.mode in ("1", "L", "LA", "P", "PA") or shown.getcolors(256) is not None
            )
    except ImageProblem:
        raise
    except Image.DecompressionBombError:
        raise _too_big(*_declared_size(data)) from None
    except UnidentifiedImageError:
        raise ImageProblem("is not an image the site can read", "save it again as JPEG, PNG or WebP") from None
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError) as error:
        raise ImageProblem(
            f"is damaged or cut short ({error})", "save it again, or copy it again from its source"
        ) from None
    return Probed(digest, width, height, lossless)


def _eight_bit(image):
    """A 16-bit greyscale image (PNG's I;16) as 8-bit grey: as a browser shows it."""
    if image.mode.startswith("I"):
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    return image


def _too_big(width: int, height: int) -> ImageProblem:
    return ImageProblem(
        f"is {width} × {height} pixels, too big to resize (at most {MAX_PIXELS // 1_000_000} million)",
        "make it smaller: 2000 pixels wide is plenty",
    )


def _declared_size(data: bytes) -> tuple[int, int]:
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return 0, 0


def _orientation(image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1))
    except Exception:  # an EXIF block that cannot be read: the image as it is stored
        return 1


# --- planning ------------------------------------------------------------------------------


def variant_widths(probed: Probed, displays: tuple[str, ...]) -> list[int]:
    """The widths of the variants the displays need: never wider than the original."""
    widths: set[int] = set()
    for name in displays:
        widths.update(_display_widths(probed, DISPLAYS[name]))
    return sorted(widths)


def _display_widths(probed: Probed, display: Display) -> list[int]:
    """The widths of the variants a display needs: its width on the page, and twice it for
    sharp screens; for a fluid one, steps up to twice its width; never wider than the original."""
    if display.fluid:
        steps = [w for w in _FLUID_STEPS if w <= min(probed.width, 2 * display.width)]
        return steps or [probed.width]
    if display.square:  # covering the square: its shorter side as long as the square's
        css = math.ceil(display.width * probed.width / min(probed.width, probed.height))
    else:
        css = css_box(probed, display)[0]
    return sorted({min(probed.width, css), min(probed.width, 2 * css)})


def css_box(probed: Probed, display: Display) -> tuple[int, int]:
    """The width and height (CSS pixels) the page gives the image: its width and height attributes."""
    width, height = probed.width, probed.height
    if display.square:
        return display.width, display.width
    if display.fluid:
        shown = min(display.width, width)
        return shown, max(1, round(shown * height / width))
    if display.width is not None and display.height is not None:
        scale = min(1.0, display.width / width, display.height / height)
        return max(1, round(width * scale)), max(1, round(height * scale))
    if display.height is not None:
        return max(1, round(display.height * width / height)), display.height
    return display.width, max(1, round(display.width * height / width))


def image_set(source: str, path: str, url: str, alt: str | None, probed: Probed, displays) -> ImageSet:
    stem = posixpath.splitext(url)[0]
    variants = tuple(
        Variant(f"{stem}-{w}w.webp", w, max(1, round(w * probed.height / probed.width)))
        for w in variant_widths(probed, displays)
    )
    return ImageSet(source, path, url, alt, probed, variants, tuple(displays))


# --- writing -------------------------------------------------------------------------------


def variants_bytes(image: ImageSet, variants: list[Variant], cache_path: str | None) -> list[bytes]:
    """The WebP bytes of some of an image's variants: from the cache, else made from one
    decoding of the image (and kept). A variant is the same bytes however it is made."""
    probed = image.probed
    kept = [
        _cache_file(cache_path, f"{probed.digest}-{v.width}x{v.height}-{int(probed.lossless)}-r{RECIPE}.webp")
        for v in variants
    ]
    found: list[bytes | None] = []
    for path in kept:
        try:
            with open(path, "rb") as handle:
                found.append(handle.read())
        except (OSError, TypeError):  # not kept yet, or no cache
            found.append(None)
    missing = [index for index, data in enumerate(found) if data is None]
    if missing:
        sizes = [(variants[index].width, variants[index].height) for index in missing]
        for index, data in zip(missing, resize_all(image.path, sizes, probed.lossless), strict=True):
            found[index] = data
            if kept[index] is not None:
                _keep(kept[index], data)
    return found


def resize(path: str, width: int, height: int, lossless: bool) -> bytes:
    """The image upright at width × height, as WebP, with none of the original's metadata."""
    return resize_all(path, [(width, height)], lossless)[0]


def resize_all(path: str, sizes: list[tuple[int, int]], lossless: bool) -> list[bytes]:
    """resize() at each size, the image decoded once (whole: each size is made from all of it)."""
    from PIL import Image, ImageOps

    made = []
    with Image.open(path) as original:
        upright = _eight_bit(ImageOps.exif_transpose(original))
        icc = original.info.get("icc_profile")
        has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
        upright = upright.convert("RGBA" if has_alpha else "RGB")
        # Only what is named here goes in: no EXIF, no XMP; the colour profile stays (not
        # personal, and colours are wrong without it).
        options = {"lossless": True, "quality": 100} if lossless else {"quality": QUALITY}
        for width, height in sizes:
            resized = upright.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
            out = io.BytesIO()
            resized.save(out, "WEBP", method=4, exif=b"", xmp=b"", icc_profile=icc or None, **options)
            made.append(out.getvalue())
    return made


def _cache_file(cache_path: str | None, name: str) -> str | None:
    return os.path.join(cache_path, _FOLDER, name) if cache_path else None


def _keep(path: str, data: bytes) -> None:
    """Into the cache whole or not at all (builds may run side by side)."""
    from .generators import replace_file

    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        replace_file(path, data)
    except OSError:  # a cache that cannot be written: made again next time
        pass


# --- the templates -------------------------------------------------------------------------


def img_tag(
    image: ImageSet, display_name: str, site_url: str, *, alt=None, decorative=False, css_class=None, lazy=None
):
    """<img> of `image` as `display_name` shows it (lazy: None, as the display says)."""
    if display_name not in image.displays:
        raise ValueError(
            f"{image.source} has no variants for the display {display_name!r} (add it to its type's images)"
        )
    display, probed = DISPLAYS[display_name], image.probed
    widths = _display_widths(probed, display)
    chosen = [v for v in image.variants if v.width in widths]
    css_width, css_height = css_box(probed, display)
    # The width the browser draws the file at: a square's covering width, else the box's
    drawn = widths[0] if display.square else css_width
    sizes = display.sizes if display.fluid and display.sizes else f"{css_width}px"
    fallback = next((v for v in chosen if v.width >= drawn), chosen[-1])
    if decorative:
        text, hidden = "", Markup(' aria-hidden="true"')
    else:
        text, hidden = (image.alt if alt is None else alt), Markup("")
        if not (text or "").strip():
            raise ValueError(f"{image.source}: an image with no alt text (give its *_alt, or decorative=True)")
    srcset = ", ".join(f"{site_url}/{v.save_as} {v.width}w" for v in chosen)
    css = Markup(' class="{}"').format(css_class) if css_class else Markup("")
    loading = Markup(' loading="lazy"') if (display.lazy if lazy is None else lazy) else Markup("")
    return Markup(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{}{}{} decoding="async">'
    ).format(f"{site_url}/{fallback.save_as}", srcset, sizes, css_width, css_height, escape(text), hidden, css, loading)


@pass_context
def image(context, item, key: str, display: str, *, alt=None, decorative=False, css_class=None, lazy=None):
    """The template global: image(event, "image", "banner"); "" when the item has no such image."""
    found = getattr(item, "image_sets", {}).get(key) if item is not None else None
    if found is None:
        return ""
    return img_tag(found, display, context["SITEURL"], alt=alt, decorative=decorative, css_class=css_class, lazy=lazy)
