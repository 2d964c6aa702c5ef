"""Resized images in a real browser: from the srcset it is given, the browser fetches the file
that fits the screen (a phone, a sharp screen), and a lazy photo only when it is near."""

from __future__ import annotations

import pytest

from sitebuild import ContentFolder, build_here

EVENT = "images/events/conf/"
PROGRAMME = f"{EVENT}programme/"  # 30 sessions: a long programme has a page of its own


@pytest.fixture(scope="module")
def images_built(sites, tmp_path_factory):
    """An event with a large image, and, far down its programme's page, a speaker with a photo."""
    content = ContentFolder(tmp_path_factory.mktemp("images-content"))
    content.event("conf", summary="A conference.", image="hall.jpg", image_alt="The conference hall")
    content.picture("events/conf/hall.jpg", size=(1600, 900), image_format="JPEG")
    content.picture("people/ann.jpg", size=(400, 400), image_format="JPEG")
    content.markdown("people/ann.md", {"title": "Ann Example", "photo": "ann.jpg", "photo_alt": "Ann, smiling"})
    for number in range(30):  # a long programme: the last session's photo is far below the screen
        speakers = [{"person": "ann"}] if number == 29 else []
        content.session(
            "conf", f"s{number:02}", start=f"2027-03-10 {8 + number // 4:02}:{number % 4 * 15:02}", speakers=speakers
        )
    result = build_here(content.root, sites / "images")
    assert result.ok, result
    return sites / "images"


def fetched(tab) -> list[str]:
    return [url.rsplit("/", 1)[-1] for url in tab.requested if url.endswith(".webp")]


@pytest.mark.parametrize(
    ("scale", "banner"),
    [(1, "hall-720w.webp"), (2, "hall-1080w.webp"), (3, "hall-1440w.webp")],
)
def test_a_phone_fetches_the_banner_that_fits_its_screen_and_no_photo_it_does_not_show(
    images_built, visit, scale, banner
):
    tab = visit(viewport={"width": 400, "height": 700}, device_scale_factor=scale)
    tab.requested = []
    tab.page.on("request", lambda request: tab.requested.append(request.url))
    tab.page.goto(f"{tab.base}/{EVENT}")
    tab.page.wait_for_load_state("networkidle")
    assert fetched(tab) == [banner]
    hall = tab.page.locator("img[alt='The conference hall']")
    assert hall.evaluate("i => i.currentSrc.split('/').pop()") == banner
    assert hall.evaluate("i => i.complete && i.naturalWidth > 0")
    tab.requested.clear()
    tab.page.goto(f"{tab.base}/{PROGRAMME}")
    tab.page.wait_for_load_state("networkidle")
    assert fetched(tab) == []  # the photo far below is lazy: not fetched yet
    photo = tab.page.locator(".speaker-photos img").last
    photo.scroll_into_view_if_needed()
    tab.page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=photo.element_handle())
    assert fetched(tab) == ["ann-48w.webp" if scale == 1 else "ann-96w.webp"]
    assert tab.console_errors == [] and tab.failed == [] and tab.off_site == []
