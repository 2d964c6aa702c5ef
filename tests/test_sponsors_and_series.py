"""Sponsors and series: an event's sponsors tier by tier, with their logos (or names) sized
by tier; the organisation's page with its logo and the events it sponsors; a series page
with every edition, the latest first; an edition's links to the one before and after it;
their JSON-LD; and every mistake in these keys, one line each."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from test_errors import assert_stopped

from sitebuild import ContentFolder, epoch, invoke_here

NOW = epoch("2027-01-15T12:00+00:00")


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (11, 92, 173)).save(buffer, format="PNG")
    return buffer.getvalue()


def add_logo(content: ContentFolder, name: str, width: int, height: int) -> None:
    path = content.root / "organizations" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png(width, height))


def json_ld(page) -> dict:
    return json.loads(page.find("script", type="application/ld+json").string)


@pytest.fixture
def sponsored(content: ContentFolder) -> ContentFolder:
    """An event with three tiers: a wide logo, a square one and a name, a very wide one and a draft."""
    add_logo(content, "gold.png", 400, 200)
    add_logo(content, "square.png", 100, 100)
    add_logo(content, "banner.webp", 10, 1)  # replaced below by a real WebP
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 100), (255, 255, 255)).save(buffer, format="WEBP")
    (content.root / "organizations/banner.webp").write_bytes(buffer.getvalue())
    content.organization("gold", title="Gold Foundation", logo="gold.png", logo_alt="Gold Foundation")
    content.organization("square", title="Square Trust", logo="square.png", logo_alt="Square Trust")
    content.organization("plain", title="Plain Press", short="PP")
    content.organization(
        "wide", title="Wide Media", logo="banner.webp", logo_alt="Wide Media", website="https://wide.example.org"
    )
    content.organization("secret", title="Not Yet Announced", status="draft")
    content.event(
        "forum",
        title="The forum",
        start="2027-03-10",
        sponsors=[
            {"tier": "Gold", "organizations": ["gold"]},
            {"tier": "Silver", "organizations": ["square", "plain"]},
            {"tier": "Friends", "organizations": ["wide", "secret"]},
        ],
    )
    content.event(
        "other", title="Another event", start="2027-05-01", sponsors=[{"tier": "Media", "organizations": ["wide"]}]
    )
    return content


def test_sponsors_are_shown_tier_by_tier_with_logos_sized_by_tier(sponsored, build_content):
    built = build_content(now=NOW)
    assert built.ok, built
    section = built.soup("events/forum/").select_one("section.sponsors")
    assert section.h2.get_text() == "Sponsors"
    assert [h.get_text() for h in section.find_all("h3")] == ["Gold", "Silver", "Friends"]
    tiers = section.select("ul.sponsor-tier")
    assert [t["class"][1] for t in tiers] == ["sponsor-tier--1", "sponsor-tier--2", "sponsor-tier--3"]
    assert [t["aria-labelledby"] for t in tiers] == [h["id"] for h in section.find_all("h3")]

    def shown(tier) -> list:
        return [
            (a["href"], (a.img["alt"], a.img["width"], a.img["height"]) if a.img else a.get_text())
            for a in tier.find_all("a")
        ]

    # 400×200 fits 96 px high; 100×100 fits 72; 1000×100 is at most three times 56 wide
    assert shown(tiers[0]) == [("../../organizations/gold/", ("Gold Foundation", "192", "96"))]
    assert shown(tiers[1]) == [
        ("../../organizations/square/", ("Square Trust", "72", "72")),
        ("../../organizations/plain/", "Plain Press (PP)"),
    ]
    assert shown(tiers[2]) == [("../../organizations/wide/", ("Wide Media", "168", "17"))]  # not the draft
    logo = tiers[0].img
    assert logo["src"] == "../../organizations/gold-192w.webp" and logo["loading"] == "lazy"  # images.py
    assert logo["srcset"] == "../../organizations/gold-192w.webp 192w, ../../organizations/gold-384w.webp 384w"
    assert (built.output / "organizations/gold.png").read_bytes() == (
        sponsored.root / "organizations/gold.png"
    ).read_bytes()
    assert (built.output / "organizations/banner.webp").is_file()


def test_a_fourth_tier_and_later_have_the_smallest_logos(content: ContentFolder, build_content):
    for name in "abcde":
        add_logo(content, f"{name}.png", 300, 300)
        content.organization(name, logo=f"{name}.png", logo_alt=f"Logo {name}")
    content.event("forum", sponsors=[{"tier": f"Tier {n}", "organizations": [n]} for n in "abcde"])
    built = build_content(now=NOW)
    assert built.ok, built
    tiers = built.soup("events/forum/").select("ul.sponsor-tier")
    assert [t["class"][1] for t in tiers] == [f"sponsor-tier--{n}" for n in (1, 2, 3, 4, 4)]
    assert [t.img["height"] for t in tiers] == ["96", "72", "56", "48", "48"]


def test_an_organisation_page_shows_its_logo_and_the_events_it_sponsors(sponsored, build_content):
    built = build_content(now=NOW)
    assert built.ok, built
    page = built.soup("organizations/wide/")
    logo = page.select_one(".organization-logo img")
    assert (logo["src"], logo["alt"], logo["width"], logo["height"]) == (
        "../../organizations/banner-288w.webp",
        "Wide Media",
        "288",
        "29",
    )
    assert "loading" not in logo.attrs  # at the top of its page
    section = page.find(id="sponsored-heading").parent
    assert section.h2.get_text() == "Events it sponsors"
    rows = [" ".join(li.get_text(" ").split()) for li in section.find_all("li")]
    assert rows == ["The forum · Wednesday, 10 March 2027 · Friends", "Another event · Saturday, 1 May 2027 · Media"]
    assert section.find("a")["href"] == "../../events/forum/"
    assert built.soup("organizations/plain/").select_one(".organization-logo") is None
    assert built.soup("organizations/plain/").find(id="sponsored-heading") is not None
    assert built.soup("organizations/gold/").find(id="sponsored-heading") is not None


def test_an_event_without_sponsors_has_no_sponsors_section(content: ContentFolder, build_content):
    content.organization("secret", status="draft")
    content.event("forum", sponsors=[{"tier": "Gold", "organizations": ["secret"]}])
    content.event("bare")
    built = build_content(now=NOW)
    assert built.ok, built
    assert built.soup("events/forum/").select_one(".sponsors") is None  # its one sponsor is a draft
    assert built.soup("events/bare/").select_one(".sponsors") is None


def test_json_ld_names_the_sponsors_with_their_logos(sponsored, build_content):
    built = build_content(now=NOW)
    data = json_ld(built.soup("events/forum/"))
    site = "https://events.ifex.org"
    assert data["sponsor"] == [
        {
            "@type": "Organization",
            "name": "Gold Foundation",
            "url": f"{site}/organizations/gold/",
            "logo": f"{site}/organizations/gold.png",
        },
        {
            "@type": "Organization",
            "name": "Square Trust",
            "url": f"{site}/organizations/square/",
            "logo": f"{site}/organizations/square.png",
        },
        {"@type": "Organization", "name": "Plain Press", "url": f"{site}/organizations/plain/"},
        {
            "@type": "Organization",
            "name": "Wide Media",
            "url": "https://wide.example.org",
            "logo": f"{site}/organizations/banner.webp",
        },
    ]
    assert "superEvent" not in data  # in no series


@pytest.fixture
def series(content: ContentFolder) -> ContentFolder:
    """Three editions of a series, written out of order, one without an edition name, and a draft."""
    content.organization("ifex", title="International Freedom of Expression Exchange", short="IFEX")
    content.markdown(
        "series/general-meeting.md",
        {"title": "The General Meeting", "organization": "ifex", "summary": "Every two years."},
        "The network meets.\n",
    )
    content.event("gm-2013", title="General Meeting 2013", start="2013-06-17", series="general-meeting", edition="2013")
    content.event("gm-2011", title="General Meeting 2011", start="2011-06-01", series="general-meeting", edition=2011)
    content.event("gm-2015", title="General Meeting in Tunis", start="2015-06-01", series="general-meeting")
    content.event("gm-2017", title="General Meeting 2017", start="2017-06-01", series="general-meeting", status="draft")
    return content


def test_the_series_page_lists_every_edition_the_latest_first(series, build_content):
    built = build_content(now=NOW)
    assert built.ok, built
    page = built.soup("series/general-meeting/")
    assert page.h1.get_text() == "The General Meeting"
    assert (
        page.find("a", href="../../organizations/ifex/").get_text()
        == "International Freedom of Expression Exchange (IFEX)"
    )
    editions = page.select(".editions > li")
    titles = [li.select_one(".event-card a").get_text() for li in editions]
    assert titles == ["General Meeting in Tunis", "General Meeting 2013", "General Meeting 2011"]
    assert [li.select_one(".edition").get_text() if li.select_one(".edition") else None for li in editions] == [
        None,
        "Edition 2013",
        "Edition 2011",
    ]
    assert "/series/general-meeting/" in built.text("sitemap.xml")


def test_each_edition_links_to_the_one_before_and_after(series, build_content):
    built = build_content(now=NOW)
    assert built.ok, built

    def neighbours(slug: str) -> dict:
        nav = built.soup(f"events/{slug}/").select_one("nav.edition-nav")
        return {" ".join(li.get_text(" ").split()): (li.a["href"], li.a.get("rel")) for li in nav.find_all("li")}

    every = ("../../series/general-meeting/", None)
    assert neighbours("gm-2011") == {
        "Next edition: 2013": ("../../events/gm-2013/", ["next"]),
        "Every edition of The General Meeting": every,
    }
    assert neighbours("gm-2013") == {
        "Previous edition: 2011": ("../../events/gm-2011/", ["prev"]),
        "Next edition: General Meeting in Tunis": ("../../events/gm-2015/", ["next"]),  # no edition: its title
        "Every edition of The General Meeting": every,
    }
    assert neighbours("gm-2015") == {
        "Previous edition: 2013": ("../../events/gm-2013/", ["prev"]),  # not the draft after it
        "Every edition of The General Meeting": every,
    }
    facts = built.soup("events/gm-2013/").select_one(".facts")
    series_fact = facts.find("dt", string="Series").find_next_sibling("dd")
    assert " ".join(series_fact.get_text(" ").split()) == "The General Meeting · edition 2013"
    assert series_fact.a["href"] == "../../series/general-meeting/"


def test_json_ld_places_each_edition_in_its_series(series, build_content):
    built = build_content(now=NOW)
    data = json_ld(built.soup("events/gm-2013/"))
    assert data["superEvent"] == {
        "@type": "EventSeries",
        "name": "The General Meeting",
        "url": "https://events.ifex.org/series/general-meeting/",
    }
    assert "sponsor" not in data


def test_a_draft_series_is_named_nowhere(content: ContentFolder, build_content):
    content.markdown("series/later.md", {"title": "Later", "status": "draft"})
    content.event("forum", series="later", edition="1")
    built = build_content(now=NOW)
    assert built.ok, built
    page = built.soup("events/forum/")
    assert page.select_one(".edition-nav") is None and "superEvent" not in json_ld(page)
    assert "series/later/index.html" not in built.files()


def test_invoke_new_series_writes_a_draft_that_passes_the_check(content: ContentFolder):
    made = invoke_here("new", "series", "Media Freedom Forum", "--content", str(content.root))
    assert made.returncode == 0, made.stderr
    text = (content.root / "series/media-freedom-forum.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Media Freedom Forum\nstatus: draft")
    assert "# organization: ifex" in text
    assert "series/media-freedom-forum/" in made.stdout
    checked = invoke_here("check", "--content", str(content.root))
    assert checked.returncode == 0, checked.stdout + checked.stderr


# The mistakes ------------------------------------------------------------------------

EVENT = "events/forum/index.md"


@pytest.mark.parametrize(
    ("front", "key", "fragments"),
    [
        (
            {"sponsors": [{"tier": "Gold", "organizations": ["cpjj"]}]},
            "sponsors[1].organizations",
            ('there is no organisation "cpjj"', 'did you mean "cpj"?'),
        ),
        ({"sponsors": [{"tier": "Gold", "organizations": []}]}, "sponsors[1].organizations", ("is empty",)),
        ({"sponsors": [{"tier": "Gold"}]}, "sponsors[1].organizations", ("is missing",)),
        ({"sponsors": [{"organizations": ["cpj"]}]}, "sponsors[1].tier", ("is missing",)),
        (
            {
                "sponsors": [
                    {"tier": "Gold", "organizations": ["cpj"]},
                    {"tier": "Friends", "organizations": ["ifex", "cpj"]},
                ]
            },
            "sponsors[2].organizations[2]",
            ('"cpj" is a sponsor in the tier "Gold" already', "name each sponsor once"),
        ),
        (
            {"sponsors": [{"tier": "Gold", "organizations": ["cpj", "cpj"]}]},
            "sponsors[1].organizations[2]",
            ('"cpj" is a sponsor in the tier "Gold" already',),
        ),
        (
            {"sponsors": [{"tier": "Gold", "organisations": ["cpj"]}]},
            "sponsors[1].organisations",
            ('did you mean "organizations"?',),
        ),
        ({"sponsors": "cpj"}, "sponsors", ("must be a group of keys",)),
        ({"edition": "2013"}, "edition", ("is given without series", "add series")),
        (
            {"series": "general-meting", "edition": "2013"},
            "series",
            ('there is no series "general-meting"', 'did you mean "general-meeting"?'),
        ),
        ({"series": "Big Meeting"}, "series", ("is not a slug", 'write "big-meeting"')),
    ],
)
def test_mistakes_in_sponsors_and_series(content: ContentFolder, check_content, front, key, fragments):
    content.organization("cpj")
    content.organization("ifex")
    content.markdown("series/general-meeting.md", {"title": "The General Meeting"})
    content.event("forum", **front)
    assert_stopped(check_content(), EVENT, key, *fragments)


@pytest.mark.parametrize(
    ("front", "files", "file", "key", "fragments"),
    [
        (
            {"logo": "cpj.png"},
            {"cpj.png": png(10, 10)},
            "organizations/cpj.md",
            "logo_alt",
            ("is missing", "add logo_alt"),
        ),
        ({"logo": "cpj.png", "logo_alt": "CPJ"}, {}, "organizations/cpj.md", "logo", ('there is no file "cpj.png"',)),
        (
            {"logo": "cpj.png", "logo_alt": "CPJ"},
            {"cpj.png": b"not a picture"},
            "organizations/cpj.md",
            "logo",
            ("organizations/cpj.png is not an image the site can read", "PNG or WebP"),
        ),
        (
            {"logo": "cpj.pdf", "logo_alt": "CPJ"},
            {"cpj.pdf": b"%PDF-1.4"},
            "organizations/cpj.md",
            "logo",
            ("organizations/cpj.pdf is not an image the site can read",),
        ),
        (
            {"logo": "cpj.svg", "logo_alt": "CPJ"},
            {"cpj.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"},
            "organizations/cpj.svg",
            "file",
            ("no SVG image", "PNG or WebP"),
        ),
    ],
)
def test_mistakes_in_logos(content: ContentFolder, check_content, front, files, file, key, fragments):
    content.organization("cpj", **front)
    for name, data in files.items():
        (content.root / "organizations" / name).write_bytes(data)
    result = check_content()
    assert_stopped(result, file, key, *fragments)
    if file.endswith(".svg"):  # the file is refused, and the logo's own line says it cannot be one
        assert_stopped(result, "organizations/cpj.md", "logo", "is not an image the site can read")
    assert len(result.errors) == (3 if file.endswith(".svg") else 2)  # and the count of mistakes


def test_mistakes_in_a_series_file(content: ContentFolder, check_content):
    content.organization("ifex")
    content.markdown("series/a.md", {"organization": "ifexx"})
    content.markdown("series/b.md", {"title": "B", "organization": "ifexx"})
    result = check_content()
    assert_stopped(result, "series/a.md", "title", "is missing")
    assert_stopped(result, "series/b.md", "organization", 'there is no organisation "ifexx"', 'did you mean "ifex"?')
