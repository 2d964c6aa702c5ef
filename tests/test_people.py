"""People (people/<slug>.md): their pages, the sessions that name them, their links, JSON-LD."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image
from test_reference import needs_contract, reference_keys, second_round, section, table_rows, words

from eventsite.services import service_of

from sitebuild import TODAY, ContentFolder, invoke_here

# TODAY (sitebuild) is 2026-11-23: "past" was in 2025, "coming" is in 2027.


def photo(content: ContentFolder, name: str) -> None:
    """A real JPEG photo in people/, larger than the pages show it."""
    data = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 80, 40)).save(data, "JPEG")
    target = content.root / "people" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data.getvalue())


def people_site(content: ContentFolder) -> None:
    """Ann speaks at two events (one past, one coming) and organises the coming one; Bo speaks
    at the past one with a plain organisation name; Cy is a plain name, as before."""
    content.organization("cpj", title="Committee to Protect Journalists", short="CPJ")
    photo(content, "ann.jpg")
    content.markdown(
        "people/ann.md",
        {
            "title": "Ann Example",
            "pronouns": "she/her",
            "role": "Director",
            "organization": "cpj",
            "photo": "ann.jpg",
            "photo_alt": "Ann Example, smiling",
            "website": "https://ann.example.org",
            "links": ["https://mastodon.social/@ann", "https://github.com/ann"],
        },
        "Ann directs the programme.\n",
    )
    content.markdown("people/bo.md", {"title": "Bo Example", "organization": "Free Press Unit"}, "Bo writes.\n")
    content.event("past", start="2025-05-02", timezone="Europe/Oslo")
    content.event("coming", start="2027-03-10", timezone="Europe/Oslo", organizers=["ann"])
    content.session(
        "past",
        "opening",
        start="2025-05-02 09:00",
        end="2025-05-02 10:00",
        speakers=[{"person": "ann"}, {"person": "bo", "role": "moderator"}, "Cy Plain"],
    )
    content.session(
        "coming",
        "panel",
        start="2027-03-10 11:00",
        end="2027-03-10 12:00",
        speakers=[{"person": "ann", "role": "moderator"}],
    )


def json_ld(page) -> dict:
    return json.loads(page.find("script", type="application/ld+json").string)


@pytest.fixture
def built(content: ContentFolder, build_content):
    people_site(content)
    result = build_content(now=TODAY)
    assert result.ok, result
    return result


def test_a_persons_page_lists_their_events_upcoming_first(built):
    page = built.soup("people/ann/")
    assert page.select_one("main h1").get_text() == "Ann Example"
    assert page.select_one(".pronouns").get_text() == "she/her"
    sections = [s.select_one("h2").get_text() for s in page.select("main section")]
    assert sections == ["Upcoming", "Past events"]
    upcoming, past = page.select("main section")
    assert [a["href"] for a in upcoming.select("a")] == ["../../events/coming/", "../../events/coming/panel/"]
    assert "Organiser" in upcoming.get_text() and "Moderator" in upcoming.get_text()
    assert [a["href"] for a in past.select("a")] == ["../../events/past/", "../../events/past/opening/"]
    assert (
        page.select_one("main a[href='../../organizations/cpj/']").get_text()
        == "Committee to Protect Journalists (CPJ)"
    )
    big = page.select_one("img.person-photo")
    assert (big["alt"], big["width"], big.get("loading")) == ("Ann Example, smiling", "160", None)
    links = [(a.get_text(), a["href"]) for a in page.select(".person-links a")]
    assert links == [
        ("Website", "https://ann.example.org"),
        ("Mastodon", "https://mastodon.social/@ann"),
        ("GitHub", "https://github.com/ann"),
    ]
    assert "Ann directs the programme." in page.select_one(".person-bio").get_text()


def test_the_session_page_links_its_people_with_their_photos(built):
    page = built.soup("events/past/opening/")
    items = [li for li in page.select(".facts dd li")]
    assert [li.get_text(" ", strip=True) for li in items] == [
        "Ann Example , Committee to Protect Journalists (CPJ)",
        "Bo Example , moderator, Free Press Unit",
        "Cy Plain",
    ]
    assert items[0].select_one("a")["href"] == "../../../people/ann/"
    thumbnail = items[0].select_one("img")
    assert (thumbnail["width"], thumbnail["height"], thumbnail["loading"]) == ("48", "48", "lazy")
    assert (thumbnail["alt"], thumbnail["aria-hidden"]) == ("", "true")  # the name beside it says it
    assert thumbnail["src"].startswith("../../../people/ann-") and thumbnail["src"].endswith(".webp")
    assert (built.output / thumbnail["src"].replace("../../../", "")).is_file()
    assert len(thumbnail["srcset"].split(", ")) == 2  # and twice as sharp, for sharp screens
    programme = built.soup("events/past/").select_one(".programme")
    assert programme.select_one(".speaker-photos img")["src"] == thumbnail["src"].replace("../../../", "../../")
    assert "Ann Example, Bo Example, Cy Plain" in programme.get_text()


def test_the_people_list_and_the_sitemap(built):
    names = [a.get_text() for a in built.soup("people/").select("main .people a")]
    assert names == ["Ann Example", "Bo Example"]
    sitemap = built.text("sitemap.xml")
    assert "/people/</loc>" in sitemap and "/people/ann/</loc>" in sitemap


def test_json_ld_gives_people_as_performers_and_organisers(built):
    session = json_ld(built.soup("events/past/opening/"))
    ann = {
        "@type": "Person",
        "name": "Ann Example",
        "url": "https://events.ifex.org/people/ann/",
        "image": "https://events.ifex.org/people/ann.jpg",
        "affiliation": {
            "@type": "Organization",
            "name": "Committee to Protect Journalists",
            "url": "https://events.ifex.org/organizations/cpj/",
        },
    }
    bo = {
        "@type": "Person",
        "name": "Bo Example",
        "url": "https://events.ifex.org/people/bo/",
        "affiliation": {"@type": "Organization", "name": "Free Press Unit"},
    }
    assert session["performer"] == [ann, bo, {"@type": "Person", "name": "Cy Plain"}]
    assert json_ld(built.soup("events/past/"))["performer"] == [ann, bo]
    coming = json_ld(built.soup("events/coming/"))
    assert coming["organizer"] == [ann] and coming["performer"] == [ann]
    organisers = built.soup("events/coming/").select_one(".facts dt:-soup-contains('Organiser') + dd a")
    assert (organisers.get_text(), organisers["href"]) == ("Ann Example", "../../people/ann/")


@pytest.mark.parametrize(
    ("url", "service"),
    [
        ("https://mastodon.social/@ann", "Mastodon"),
        ("https://eupolicy.social/@ann/", "Mastodon"),
        ("https://bsky.app/profile/ann.bsky.social", "Bluesky"),
        ("https://www.linkedin.com/in/ann", "LinkedIn"),
        ("https://github.com/ann", "GitHub"),
        ("https://gitlab.com/ann", "GitLab"),
        ("https://x.com/ann", "X (Twitter)"),
        ("https://twitter.com/ann", "X (Twitter)"),
        ("https://www.youtube.com/@ann", "YouTube"),  # a YouTube handle, not Mastodon
        ("https://youtu.be/abc", "YouTube"),
        ("https://www.instagram.com/ann/", "Instagram"),
        ("https://www.facebook.com/ann", "Facebook"),
        ("https://orcid.org/0000-0002-1825-0097", "ORCID"),
        ("https://ann.example.org", "Website"),
        ("https://notgithub.com/ann", "Website"),
        ("https://example.org/blog/@ann/post", "Website"),
    ],
)
def test_a_link_is_named_by_its_service(url, service):
    assert service_of(url) == service


ANN = {"title": "Ann Example"}


@pytest.mark.parametrize(
    ("files", "error"),
    [
        (
            {"events/e/sessions/s.md": {"title": "S", "speakers": [{"person": "anne"}]}},
            'content/events/e/sessions/s.md: speakers[1].person: there is no person "anne" (did you mean "ann"?)',
        ),
        (
            {"events/e/index.md": {"title": "E", "kind": "meeting", "start": "2027-03-10", "organizers": ["an"]}},
            'content/events/e/index.md: organizers: there is no person "an" (did you mean "ann"?)',
        ),
        (
            {"people/bo.md": {"title": "Bo", "photo": "bo.jpg"}},
            "content/people/bo.md: photo_alt: is missing: a photo needs a text alternative",
        ),
        (
            {"people/bo.md": {"title": "Bo", "photo": "bo.jpg", "photo_alt": "Bo"}},
            'content/people/bo.md: photo: there is no file "bo.jpg" in people/',
        ),
        (
            {"people/bo.md": {"title": "Bo", "links": ["https://ok.example.org", "mastodon.social/@bo"]}},
            'content/people/bo.md: links[2]: "mastodon.social/@bo" is not an absolute https address',
        ),
        (
            {"people/bo.md": {"title": "Bo", "website": "http://bo.example.org"}},
            'content/people/bo.md: website: "http://bo.example.org" is not a secure address',
        ),
        (
            {"events/e/sessions/s.md": {"title": "S", "speakers": [{"person": "ann", "name": "Ann"}]}},
            "content/events/e/sessions/s.md: speakers[1].name: is given with person",
        ),
        (
            {"events/e/sessions/s.md": {"title": "S", "speakers": [{"role": "chair"}]}},
            "content/events/e/sessions/s.md: speakers[1].name: is missing",
        ),
    ],
)
def test_mistakes_about_people_are_one_line_each(content: ContentFolder, check_content, files, error):
    content.markdown("people/ann.md", ANN)
    content.event("e", kind="meeting")
    for path, front in files.items():
        content.markdown(path, front)
    result = check_content()
    assert not result.ok
    lines = [line for line in result.errors if "error" in line.lower() or line.startswith("content/")]
    matching = [line for line in result.errors if error in line]
    assert len(matching) == 1, result
    assert "Traceback" not in result.result.stderr and lines


def test_speakers_written_as_before_still_work(content: ContentFolder, build_content):
    content.organization("cpj", title="Committee to Protect Journalists", short="CPJ")
    content.event("e")
    content.session("e", "s", speakers=["Ann Plain", {"name": "Bo Plain", "organization": "cpj", "role": "chair"}])
    result = build_content()
    assert result.ok, result
    items = [" ".join(li.get_text().split()) for li in result.soup("events/e/s/").select(".facts dd li")]
    assert items == ["Ann Plain", "Bo Plain, chair, Committee to Protect Journalists (CPJ)"]  # names in <bdi>


def test_a_draft_person_is_named_but_not_linked(content: ContentFolder, build_content):
    content.markdown("people/ann.md", {**ANN, "status": "draft"})
    content.event("e")
    content.session("e", "s", speakers=[{"person": "ann"}])
    result = build_content()
    assert result.ok, result
    speaker = result.soup("events/e/s/").select_one(".facts dd li")
    assert speaker.get_text() == "Ann Example" and speaker.find("a") is None
    assert "people/ann/index.html" not in result.files()


def test_invoke_new_person_writes_a_draft_that_passes_the_check(content: ContentFolder, tmp_path):
    made = invoke_here("new", "person", "Dee Example", "--content", str(content.root))
    assert made.returncode == 0, made.stderr
    text = (content.root / "people/dee-example.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Dee Example\nstatus: draft")
    assert "# photo_alt: What the photo shows" in text and "# links:\n#   - https://mastodon.social/@example" in text
    assert "people/dee-example/" in made.stdout
    checked = invoke_here("check", "--content", str(content.root))
    assert checked.returncode == 0, checked.stdout + checked.stderr


@needs_contract
def test_the_reference_has_every_key_of_the_contracts_people():
    """docs/reference.md's key reference (from the schema) has every key of the contract's
    People, photo_alt required with photo, and the speakers' and events' new keys."""
    rows = table_rows(section(second_round(), "People"))
    keys = {name for row in rows for name in words(row[0])}
    assert {"title", "pronouns", "role", "organization", "photo", "photo_alt", "website", "links"} <= keys
    documented = reference_keys("Person")
    assert keys <= set(documented)
    assert {k for k, v in documented.items() if v["required"]} == {"title"}
    assert "speakers[].person" in reference_keys("Session") and "organizers" in reference_keys("Event")
