"""The two registries: content types (content_types.py) and the site's files (site_files.py).

Every table that says something about a type, or about an address of the site, is derived
from them; these tests check that what the rest of the code sees is what they declare, and
that a build writes exactly the files the outputs registry declares."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sitebuild import REPO, ContentFolder, build, build_here, check, epoch

sys.path.insert(0, str(REPO / "plugins"))
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file  # noqa: E402

from eventsite import generators, reference, scaffold  # noqa: E402
from eventsite.content_types import CONTENT_TYPES, OUR_TYPES  # noqa: E402
from eventsite.linking import RESERVED_PAGE_SLUGS  # noqa: E402
from eventsite.reader import locate  # noqa: E402
from eventsite.schema import Field, Text  # noqa: E402
from eventsite.settings import DEFAULTS  # noqa: E402
from eventsite.site_checks import REQUIRED_FILES  # noqa: E402
from eventsite.site_files import ITEM_CALENDAR, SITE_FILES, all_output_paths, written_by_pelican  # noqa: E402

UPCOMING = REPO / "tests/sites/upcoming"
NOW = epoch("2027-02-01T12:00+00:00")


@pytest.mark.parametrize("name", sorted(CONTENT_TYPES))
def test_every_fact_about_a_type_comes_from_its_entry(name):
    content_type = CONTENT_TYPES[name]
    source = content_type.path(slug="some-slug", event_slug="some-event")
    location = locate(source)
    assert (location.content_type, location.name) == (name, "some-slug")
    if content_type.by_pelican:  # Pelican's setting says the same as the entry
        settings = {**DEFAULT_CONFIG, **get_settings_from_file(str(REPO / "pelicanconf.py"))}
        prefix = {"news": "ARTICLE", "page": "PAGE"}[name]
        assert (settings[f"{prefix}_URL"], settings[f"{prefix}_SAVE_AS"]) == (content_type.url, content_type.save_as)
    else:
        prefix = content_type.content_class.__name__.upper()
        assert (DEFAULTS[f"{prefix}_URL"], DEFAULTS[f"{prefix}_SAVE_AS"]) == (content_type.url, content_type.save_as)
        assert content_type.content_class.default_template == content_type.template
        assert content_type.content_class.content_type == name
    assert (REPO / "theme/templates" / f"{content_type.template}.html").is_file()
    assert f"### {content_type.title}\n" in reference.key_reference()


def test_a_file_in_no_types_place_is_none_of_them():
    for source in ("events/x.md", "events/x/sessions/a/b.md", "campaigns/a/b.md", "other/x.md", "events/x/notes.txt"):
        assert locate(source) is None, source
    assert locate("news/2027/x.md").content_type == "news"  # news and pages may be in subfolders


def test_the_site_own_addresses_come_from_the_outputs_registry():
    assert {
        "events",
        "campaigns",
        "organizations",
        "people",
        "series",
        "news",
        "feeds",
        "theme",
        "search",
        "pagefind",
    } == RESERVED_PAGE_SLUGS
    assert set(REQUIRED_FILES) == {"index.html", "404.html", "sitemap.xml", "robots.txt", "_headers", "calendar.ics"}
    base = (REPO / "theme/templates/base.html").read_text(encoding="utf-8")
    assert "feeds/" not in base and "calendar.ics" not in base and '"events"' not in base


@pytest.mark.parametrize("kind", scaffold.KINDS)
def test_invoke_new_follows_the_schema_and_never_crashes_on_a_new_key(kind, monkeypatch, tmp_path):
    """A key added to a schema without an example: invoke new says what it takes, in every
    type's new file, and the key reference lists it (both once crashed with a KeyError)."""
    schema = CONTENT_TYPES[kind].schema
    added = [Field("newkey", Text(), doc="a key added later"), Field("needed", Text(), required=True)]
    monkeypatch.setattr(schema, "fields", [*schema.fields, *added])
    content = tmp_path / "content"
    scaffold.new_content(content, "event", "Forum", today=date(2027, 1, 15))  # for a session, or news of it
    created = scaffold.new_content(content, kind, "A title", today=date(2027, 1, 15), event="forum")
    text = created.path.read_text(encoding="utf-8")
    assert "\n# newkey:                # text\n" in text
    assert "\nneeded:                # text\n" in text  # required: not commented out, and check says it is missing
    assert "| `newkey` |" in reference.key_reference()


def built_files(output: Path, content: Path) -> set[str]:
    """What a build wrote but the theme's assets, the search index (search.py: Pagefind's
    files, named by their content) and the attachments copied from the content."""
    attachments = {str(p.relative_to(content)) for p in content.rglob("*") if p.is_file() and p.suffix != ".md"}
    files = {str(p.relative_to(output)) for p in output.rglob("*") if p.is_file()}
    return {f for f in files if not f.startswith(("theme/", "pagefind/")) and f not in attachments}


def declared_files(content: Path, tmp_path: Path, monkeypatch) -> tuple[set[str], set[str], set[str]]:
    """(every file the registries declare for this content, the generator's output_paths(),
    the pages of news and pages that Pelican writes)."""
    seen = []
    read = generators.EventSiteGenerator.generate_context

    def keep(generator):
        read(generator)
        seen.append(generator)

    monkeypatch.setattr(generators.EventSiteGenerator, "generate_context", keep)
    checked = check(content, tmp_path / "unused", now=NOW)
    assert checked.ok, checked
    site = seen[0].site
    return all_output_paths(site), seen[0].output_paths(), {save_as for save_as, _ in written_by_pelican(site)}


def varied_site(content: ContentFolder) -> None:
    """One of each type, and what a build writes differently: drafts, hidden items, sessions
    with and without a time, a session of a draft event, an event's attachment."""
    content.organization("ifex")
    content.organization("draft-org", status="draft")
    content.campaign("safe", organization="ifex", image="poster.jpg", image_alt="A poster")
    content.picture("campaigns/poster.jpg", image_format="JPEG")
    content.event("forum", start="2027-03-10 09:00", end="2027-03-11 17:00", timezone="Europe/Helsinki")
    content.write("events/forum/programme.pdf", "%PDF-1.4")
    content.session("forum", "opening", start="2027-03-10 09:30", end="2027-03-10 10:30", speakers=[{"person": "ann"}])
    content.session("forum", "later")  # no time: no calendar
    content.markdown("people/ann.md", {"title": "Ann", "photo": "ann.jpg", "photo_alt": "Ann"})
    content.picture("people/ann.jpg", size=(200, 200), image_format="JPEG")
    content.markdown("people/draft-person.md", {"title": "Draft", "status": "draft"})
    content.session("forum", "secret", start="2027-03-10 11:00", status="hidden")
    content.event("draft-event", status="draft")
    content.session("draft-event", "talk", start="2027-03-10 09:30")
    content.event("hidden-event", status="hidden", start="2027-04-01")
    content.news("announced", event="forum")
    content.news("draft-news", status="draft")
    content.page("about")
    content.page("hidden-page", status="hidden")


@pytest.mark.parametrize("site", ["upcoming", "varied"])
def test_a_build_writes_exactly_the_files_the_registry_declares(site, content, tmp_path, monkeypatch):
    """output_paths() and Pelican's pages are every file of a build, but the theme's assets
    and the attachments: a file the registry does not declare, or one it declares and no
    build writes, fails here."""
    folder = UPCOMING if site == "upcoming" else content.root
    if site == "varied":
        varied_site(content)
    built = build_here(folder, tmp_path / "site", now=NOW)
    assert built.ok, built
    declared, ours, pelicans = declared_files(folder, tmp_path, monkeypatch)
    assert built_files(built.output, folder) == declared
    assert ours == declared - pelicans - {f.save_as for f in SITE_FILES.values() if f.by_pelican}
    if site == "varied":  # drafts are written nowhere; hidden items are
        assert "events/hidden-event/index.html" in ours and "hidden-page/index.html" in pelicans
        assert {"people/index.html", "people/ann/index.html"} <= ours
        assert not [path for path in declared if "draft" in path]


def test_a_campaign_image_is_where_the_campaign_file_is(content, tmp_path):
    content.campaign("safe", image="poster.jpg", image_alt="A poster")
    content.picture("campaigns/poster.jpg", image_format="JPEG")
    built = build_here(content.root, tmp_path / "site", now=NOW)
    assert built.ok, built
    assert built.soup("campaigns/safe/").select_one("main img")["src"] == "../../campaigns/poster-40w.webp"
    assert (built.output / "campaigns/poster.jpg").is_file()
    assert (built.output / "campaigns/poster-40w.webp").is_file()


def test_our_types_are_every_type_with_a_class():
    assert [t.name for t in OUR_TYPES] == ["event", "session", "campaign", "organization", "person", "series"]


GUEST_ENTRY = """        ContentType(
            "guest",
            "guests/<slug>.md",
            Mapping([Field("title", Text(), required=True), Field("role", Text(), example="Director"),
                     *_pelican_fields()]),
            "guest",
            url="guests/{slug}/",
            save_as="guests/{slug}/index.html",
            template="guest",
            content_class=type("Guest", (model.SiteContent,), {}),
            new_body=placeholder("Who the guest is."),
        ),
"""
GUEST_TEMPLATE = """{% extends "base.html" %}
{% block title %}{{ guest.title }} · {{ SITENAME }}{% endblock %}
{% block page_url %}{{ guest.url }}{% endblock %}
{% block content %}<h1>{{ guest.title }}</h1><p class="role">{{ item.role }}</p>{{ guest.content|safe }}{% endblock %}
"""


def test_a_new_content_type_is_one_registry_entry_and_one_template(tmp_path):
    """A copy of the plugin with one more entry in content_types.py (guests, a type the site does
    not have), and of the theme with its template: its files are read and checked, its pages
    written and listed in the sitemap, links to them known, its folder reserved, invoke new
    makes one and the key reference lists it."""
    plugins, theme = tmp_path / "plugins", tmp_path / "theme"
    shutil.copytree(REPO / "plugins", plugins, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "theme", theme)
    registry = plugins / "eventsite/content_types.py"
    source = registry.read_text(encoding="utf-8")
    source = source.replace("    )\n}\n", GUEST_ENTRY + "    )\n}\n", 1)
    source = source.replace("from .schema import ", "from .schema import Field, Text, _pelican_fields, ", 1)
    registry.write_text(source, encoding="utf-8")
    (theme / "templates/guest.html").write_text(GUEST_TEMPLATE, encoding="utf-8")
    content = ContentFolder(tmp_path / "content")
    content.markdown("guests/ann.md", {"title": "Ann Guest", "role": "Director"}, "She directs.\n")
    content.markdown("guests/bo.md", {"title": "Bo Guest", "status": "hidden"})
    content.markdown("pages/about.md", {"title": "About"}, "See [Ann](/guests/ann/) and [nobody](/guests/nobody/).\n")
    made = subprocess.run(
        [sys.executable, "-c", NEW_GUEST, str(plugins), str(content.root)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert "### Guest — `guests/<slug>.md`" in made.stdout  # the key reference
    assert "# role: Director" in (content.root / "guests/cy-guest.md").read_text(encoding="utf-8")
    overrides = {"PLUGIN_PATHS": [str(plugins)], "THEME": str(theme)}
    built = build(content.root, tmp_path / "site", now=NOW, overrides=overrides)
    assert built.ok, built
    assert built.soup("guests/ann/").select_one("main h1").get_text() == "Ann Guest"
    assert built.soup("guests/ann/").select_one(".role").get_text() == "Director"
    assert "guests/bo/index.html" in built.files() and "guests/cy-guest/index.html" not in built.files()  # a draft
    sitemap = built.text("sitemap.xml")
    assert "/guests/ann/" in sitemap and "/guests/bo/" not in sitemap
    warnings = [line for line in built.errors if "warning" in line]
    assert any("the link /guests/nobody/ leads to no page" in line for line in warnings)
    assert not any("/guests/ann/" in line for line in warnings)
    content.page("guests")
    stopped = build(content.root, tmp_path / "site", now=NOW, overrides=overrides)
    assert not stopped.ok and any(
        '"guests" is the address of one of the site\'s own pages' in e for e in stopped.errors
    )


NEW_GUEST = """
import sys
from datetime import date
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from eventsite.reference import key_reference
from eventsite.scaffold import new_content
new_content(Path(sys.argv[2]), "guest", "Cy Guest", today=date(2027, 1, 15))
print(key_reference())
"""


def test_the_references_urls_are_the_registries_addresses():
    """docs/reference.md's table of URLs names every address the two registries declare, and
    no other (an item's calendar: beside an event's page)."""
    text = (REPO / "docs/reference.md").read_text(encoding="utf-8")
    section = text.split("\n## URLs\n", 1)[1].split("\n## ", 1)[0]
    table = "\n".join(line for line in section.splitlines() if line.startswith("|"))

    def pattern(url: str) -> re.Pattern:
        parts = re.split(r"(<[a-z-]+>)", url)
        return re.compile("".join("[a-z0-9-]+" if part.startswith("<") else re.escape(part) for part in parts))

    documented = set(re.findall(r"`(/[^`]*)`", table))
    patterns = [pattern(url) for url in documented]
    site_files = {"/" + f.url for f in SITE_FILES.values()}
    assert site_files <= documented  # by their own address, not as a page's /<slug>/
    items = {"/" + t.url.format(slug="some-slug", event_slug="an-event") for t in CONTENT_TYPES.values()}
    items.add("/" + CONTENT_TYPES["event"].url.format(slug="an-event") + ITEM_CALENDAR)
    for url in items:
        assert any(pattern.fullmatch(url) for pattern in patterns), url
    for pattern in patterns:
        assert any(pattern.fullmatch(url) for url in site_files | items), pattern.pattern
