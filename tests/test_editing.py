"""The editors' workflow: new files, checks with warnings, and the guide's key reference."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from sitebuild import REPO, ContentFolder, build_here, epoch, invoke_here

sys.path.insert(0, str(REPO / "plugins"))
from eventsite import schema  # noqa: E402
from eventsite.content_types import CONTENT_TYPES  # noqa: E402
from eventsite.reference import key_reference, reference_is_current  # noqa: E402
from eventsite.scaffold import KINDS, PLACEHOLDERS  # noqa: E402


def invoke(*arguments: str, now: str = "2027-01-15T12:00+00:00") -> subprocess.CompletedProcess:
    """`invoke -r <repository> ARGUMENTS`, run in this process (sitebuild.invoke_here)."""
    return invoke_here(*arguments, env={"SOURCE_DATE_EPOCH": str(epoch(now))})


def invoke_command(*arguments: str, now: str = "2027-01-15T12:00+00:00") -> subprocess.CompletedProcess:
    """The `invoke` command itself, end to end."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch(now))}
    command = [str(Path(sys.executable).with_name("invoke")), "-r", str(REPO), *arguments]
    return subprocess.run(command, capture_output=True, text=True, env=environment, check=False)


@pytest.fixture
def folder(content: ContentFolder) -> str:
    return str(content.root)


def test_new_files_for_every_kind_pass_the_checks(folder):
    assert (
        invoke("new", "event", "Media Freedom Forum 2027", "--start", "2027-03-10", "--content", folder).returncode == 0
    )
    created = invoke("new", "session", "--event", "media-freedom-forum-2027", "Opening plenary", "--content", folder)
    assert created.returncode == 0, created.stderr
    assert invoke("new", "campaign", "Safe Newsrooms", "--content", folder).returncode == 0
    assert invoke("new", "organization", "Pacific Press Network", "--content", folder).returncode == 0
    created = invoke("new", "news", "Registration: open!", "--event", "media-freedom-forum-2027", "--content", folder)
    assert created.returncode == 0, created.stderr
    files = sorted(str(p.relative_to(folder)) for p in Path(folder).rglob("*.md"))
    assert files == [
        "campaigns/safe-newsrooms.md",
        "events/media-freedom-forum-2027/index.md",
        "events/media-freedom-forum-2027/sessions/opening-plenary.md",
        "news/registration-open.md",
        "organizations/pacific-press-network.md",
    ]
    event = (Path(folder) / "events/media-freedom-forum-2027/index.md").read_text(encoding="utf-8")
    assert event.startswith("---\ntitle: Media Freedom Forum 2027\nkind: meeting\nstart: 2027-03-10\n")
    assert "# registration:\n#   url: https://" in event
    assert "\ndate: 2027-01-15\nstatus: draft " in event  # announced today, and a draft until published
    check = invoke("check", "--content", folder)
    assert check.returncode == 0, check.stderr
    assert "All content passed the checks." in check.stdout


def test_new_files_are_drafts_until_published_and_say_so(folder, tmp_path):
    created = invoke("new", "event", "Media Freedom Forum 2027", "--start", "2027-03-10", "--content", folder)
    assert created.returncode == 0, created.stderr
    assert 'a draft: the preview (make serve) shows it, marked "Draft"; it is not published.' in created.stdout
    assert "remove its line status: draft to publish it at /events/media-freedom-forum-2027/" in created.stdout
    invoke("new", "news", "Registration is open", "--content", folder)
    now = epoch("2027-01-15T12:00+00:00")
    published = build_here(Path(folder), tmp_path / "site", now=now)
    assert published.ok, published
    assert not [f for f in published.files() if "media-freedom-forum" in f or "registration-is-open" in f]
    home = published.soup("").get_text()
    assert "Media Freedom Forum" not in home and "Registration is open" not in home
    preview = build_here(Path(folder), tmp_path / "preview", now=now, overrides={"SHOW_DRAFTS": True})
    page = preview.soup("events/media-freedom-forum-2027/")
    assert "Draft: this page is shown in the preview only" in page.get_text()
    assert "Draft" in preview.soup("").select_one(".kind").get_text()


def test_check_warns_about_example_texts_left_in_a_published_file(folder, tmp_path):
    """Published (its status: draft line removed), a new file's own texts are warned about;
    a fresh event has its date, so no warning says it has none."""
    invoke("new", "event", "Forum", "--start", "2027-03-10", "--content", folder)
    invoke("new", "session", "--event", "forum", "Talk", "--content", folder)
    invoke("new", "campaign", "Safe Newsrooms", "--content", folder)
    event = Path(folder) / "events/forum/index.md"
    text = event.read_text(encoding="utf-8").replace("status: draft ", "# status: draft ")
    for key in ("summary", "venue", "  name", "  city", "  country"):
        text = text.replace(f"# {key}:", f"{key}:", 1)
    text = text.replace("# registration:\n#   url:", "registration:\n  url:")
    event.write_text(text, encoding="utf-8")
    session = Path(folder) / "events/forum/sessions/talk.md"
    text = session.read_text(encoding="utf-8").replace("status: draft", "status: hidden")
    session.write_text(text.replace("# speakers:\n#   - Ann Example", "speakers:\n  - Ann Example"), encoding="utf-8")
    result = invoke("check", "--content", folder)
    assert result.returncode == 0, result.stderr
    warnings = sorted(line.split(folder + "/")[-1].split(" (")[0] for line in result.stderr.splitlines())
    example = "is still the example text of invoke new, in a file that is not a draft"
    assert warnings == [
        f'events/forum/index.md: registration.url: warning: "https://forms.example.org/register" {example}',
        f'events/forum/index.md: summary: warning: "One or two sentences for lists, feeds and search engines." '
        f"{example}",
        f'events/forum/index.md: text: warning: "What the event is about, for whom, and why it…" {example}',
        f'events/forum/index.md: venue.name: warning: "Conference centre" {example}',
        f'events/forum/sessions/talk.md: speakers[1]: warning: "Ann Example" {example}',
        f'events/forum/sessions/talk.md: text: warning: "What happens in this session." {example}',
    ]  # the campaign is still a draft: nothing about it
    assert "or add status: draft until the page is ready" in result.stderr
    built = build_here(Path(folder), tmp_path / "site", now=epoch("2027-01-15T12:00+00:00"))  # a build says it too
    assert built.ok and f'summary: warning: "One or two sentences for lists, feeds and search engines." {example}' in (
        built.result.stderr
    )


def test_every_placeholder_is_written_by_invoke_new():
    """The check's placeholders are the texts of new files: the bodies and the schema's examples."""
    bodies = [CONTENT_TYPES[kind].new_body for kind in KINDS]
    examples = [f.example for kind in KINDS for f in CONTENT_TYPES[kind].schema.fields if f.example]
    written = "\n".join([*bodies, *examples])
    assert PLACEHOLDERS and all(text in written for text in PLACEHOLDERS)
    assert set(bodies) <= PLACEHOLDERS


def test_every_optional_key_has_an_example_in_new_files():
    for kind in KINDS:
        for field in CONTENT_TYPES[kind].schema.fields:
            if not field.required:
                assert field.example is not None, (kind, field.name)


def test_uncommenting_every_example_still_passes_the_checks(tmp_path, folder):
    """The examples are valid values, so an editor can use any of them as they are."""
    invoke("new", "organization", "IFEX", "--content", folder)
    invoke("new", "organization", "CPJ", "--content", folder)
    invoke("new", "campaign", "No Impunity", "--content", folder)
    invoke("new", "event", "My Event", "--start", "2027-03-10", "--content", folder)
    invoke("new", "session", "--event", "my-event", "Talk", "--content", folder)
    invoke("new", "person", "Ann Example", "--content", folder)  # the event's organizers
    invoke("new", "series", "General Meeting", "--content", folder)  # the event's series
    invoke("new", "person", "Cy Example", "--content", folder)  # a session's speakers
    Image.new("RGB", (8, 8)).save(Path(folder) / "events/my-event/banner.jpg", "JPEG")  # the event's image
    (Path(folder) / "events/my-event/slides.pdf").write_bytes(b"%PDF-1.4\n")  # the session's slides
    Image.new("RGB", (8, 8)).save(Path(folder) / "people/ann-example.jpg", "JPEG")  # the person's photo
    for path in (
        Path(folder) / "events/my-event/index.md",
        Path(folder) / "events/my-event/sessions/talk.md",
        Path(folder) / "people/ann-example.md",
    ):
        text = path.read_text(encoding="utf-8")
        lines = [
            line[2:] if line.startswith("# ") and not line.startswith("# Optional") else line
            for line in text.splitlines()
        ]
        lines = [line for line in lines if not line.startswith(("status:", "lang:", "slug:", "translation:"))]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("check", "--content", folder)
    assert result.returncode == 0, result.stderr


def test_new_never_overwrites(folder):
    assert invoke("new", "campaign", "Safe Newsrooms", "--content", folder).returncode == 0
    path = Path(folder) / "campaigns/safe-newsrooms.md"
    path.write_text("---\ntitle: Mine\n---\nMy words.\n", encoding="utf-8")
    again = invoke("new", "campaign", "Safe newsrooms", "--content", folder)
    assert again.returncode == 1
    assert "already exists" in again.stderr
    assert path.read_text(encoding="utf-8") == "---\ntitle: Mine\n---\nMy words.\n"


EVENTS = "the events are: media-freedom-forum-2027, general-meeting-2026, general-meeting-2013"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["new", "session", "--event", "no-such-event", "Talk"],
            f"there is no event 'no-such-event' in {{folder}}/events: {EVENTS}",
        ),
        (["new", "news", "Hello", "--event", "no-such-event"], "there is no event 'no-such-event'"),
        (
            ["new", "session", "--event", "media-freedom-forum-2072", "Talk"],
            "there is no event 'media-freedom-forum-2072' in {folder}/events: did you mean media-freedom-forum-2027?",
        ),
        (
            ["new", "session", "--event", "general-meting", "Talk"],
            "did you mean general-meeting-2026 or general-meeting-2013?",
        ),
        (["new", "news", "Hi", "--event", "media-freedom"], "did you mean media-freedom-forum-2027?"),
        (
            ["new", "session", "Opening"],
            f'invoke new session needs its event: invoke new session --event <event-slug> "Opening"; {EVENTS}',
        ),
        (  # the older form's first words: the slug where the title goes
            ["new", "session", "general-meeting-2013"],
            'takes its event as --event: invoke new session --event general-meeting-2013 "My title"',
        ),
        (["new", "session", "--event", "nope", "Talk"], f"there is no event 'nope' in {{folder}}/events: {EVENTS}"),
        (["new", "event", "Forum", "--start", "10/03/2027"], "write the date as YYYY-MM-DD"),
        (
            ["new", "", "Forum"],
            "Say what to create: invoke new event | session | campaign | organization | person | series | news",
        ),
        (["new", "workshop", "Forum"], '"workshop" is not something to create: invoke new event | session'),
        (["new", "event", ""], 'Give a title, e.g. invoke new event "My title"'),
        (
            ["new", "session", "--event", "general-meeting-2013", ""],
            "e.g. invoke new session --event general-meeting-2013",
        ),
        (["new", "event", "!!!"], "gives no slug"),
    ],
)
def test_new_explains_what_it_cannot_do(content: ContentFolder, arguments, message):
    for slug, start in (("general-meeting-2013", "2013-06-10"), ("media-freedom-forum-2027", "2027-03-10")):
        content.event(slug, start=start)
    content.event("general-meeting-2026", start="2026-06-10")
    before = sorted(content.root.rglob("*"))
    result = invoke(*arguments, "--content", str(content.root))
    assert result.returncode == 1
    assert message.format(folder=content.root) in result.stderr
    assert "Traceback" not in result.stderr and "positional arguments" not in result.stderr
    assert sorted(content.root.rglob("*")) == before


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["new"], "'new' did not receive required positional arguments: 'kind', 'title'"),
        (["new", "event"], "'new' did not receive required positional arguments: 'title'"),
        (
            ["new", "session", "--event", "general-meeting-2013"],
            "'new' did not receive required positional arguments: 'title'",
        ),
        (["new", "event", "Two", "words"], "No idea what 'words' is!"),
        (["new", "session", "general-meeting-2013", "Talk"], "No idea what 'Talk' is!"),  # the older form
    ],
)
def test_new_with_missing_or_extra_words_is_invoke_s_own_line(content: ContentFolder, arguments, message):
    """invoke parses the command line before any task runs, and has no optional positional
    words: what is missing or too many is its one line (docs/editing.md quotes them)."""
    content.event("general-meeting-2013", start="2013-06-10")
    before = sorted(content.root.rglob("*"))
    result = invoke(*arguments, "--content", str(content.root))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [message]
    assert sorted(content.root.rglob("*")) == before


def test_an_event_listed_by_new_session_is_one_of_many(content: ContentFolder):
    """Of many events, the message names the latest ten and says how many more there are."""
    for year in range(2010, 2023):
        content.event(f"meeting-{year}", start=f"{year}-05-01")
    result = invoke("new", "session", "Opening", "--content", str(content.root))
    shown = ", ".join(f"meeting-{year}" for year in range(2022, 2012, -1))
    assert f"the events are: {shown} and 3 more in {content.root}/events" in result.stderr


def test_a_session_can_name_its_event_with_the_event_option(folder):
    invoke("new", "event", "Forum", "--content", folder)
    created = invoke("new", "session", "--event", "forum", "Opening plenary", "--content", folder)
    assert created.returncode == 0, created.stderr
    assert (Path(folder) / "events/forum/sessions/opening-plenary.md").is_file()
    assert "/events/forum/opening-plenary/" in created.stdout


def test_titles_become_ascii_slugs(folder):
    invoke_command("new", "organization", "Reporters sans frontières – Helsinki", "--content", folder)
    assert (Path(folder) / "organizations/reporters-sans-frontieres-helsinki.md").is_file()


def test_check_writes_nothing_and_reports_every_error(content: ContentFolder, tmp_path):
    content.event("one", kind="seminar")
    content.session("one", "talk", start="2027-13-01")
    result = invoke_command("check", "--content", str(content.root))
    assert result.returncode == 1
    assert "events/one/index.md: kind:" in result.stderr
    assert "events/one/sessions/talk.md: start:" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_check_warns_about_what_deserves_attention(content: ContentFolder):
    content.event("soon", start="2027-01-20")  # public, upcoming, no registration, no summary
    content.session("soon", "tba")
    content.event(
        "later", start="2027-06-01", date="2026-10-01", summary="Later.", registration={"url": "https://f.example/x"}
    )
    content.session("later", "tba")
    (content.root / "events/later/huge.jpg").write_bytes(b"\0" * 600 * 1024)
    content.write("events/later/sessions/panel.markdown", "---\ntitle: Panel\n---\n")
    content.write("news/launch.MD", "---\ntitle: Launch\n---\n")
    result = invoke("check", "--content", str(content.root))
    assert result.returncode == 0
    warnings = sorted(
        line.split(str(content.root) + "/")[-1] for line in result.stderr.splitlines() if "warning:" in line
    )
    assert [w.split(" (")[0] for w in warnings] == [
        "events/later/huge.jpg: file: warning: this image is 600 KB, more than 500 KB, "
        "and slows the page down on phones",
        "events/later/sessions/panel.markdown: file: warning: only files ending in .md are read: "
        "this one is not on the site as a page",
        "events/soon/index.md: date: warning: this upcoming event has no date: the feeds cannot say when it was"
        " announced, and say it changed at every build",
        "events/soon/index.md: registration: warning: this upcoming public event has no registration",
        "events/soon/index.md: summary: warning: this upcoming event has no summary",
        "events/soon/sessions/tba.md: start: warning: the event starts within 14 days and this session has no time yet",
        "news/launch.MD: file: warning: only files ending in .md are read: this one is not on the site as a page",
    ]
    assert 'rename it "panel.md"' in result.stderr


def test_the_guides_key_reference_is_generated_from_the_schema():
    guide = REPO / "docs/reference.md"
    assert reference_is_current(guide), "run `.venv/bin/invoke docs` to update docs/reference.md"
    assert "(reference.md#every-key)" in (REPO / "docs/editing.md").read_text(encoding="utf-8")
    reference = key_reference()
    for content_type, mapping in schema.SCHEMAS.items():
        for field in mapping.fields:
            assert f"| `{field.name}` |" in reference, (content_type, field.name)
    assert "| `registration.url` | yes | a full web address starting with https://" in reference


def test_check_warns_about_a_link_in_the_text_to_no_page_of_the_site(content: ContentFolder):
    content.event(
        "forum", start="2027-06-01", date="2026-10-01", summary="S.", registration={"url": "https://f.example/x"}
    )
    content.session("forum", "talk", start="2027-06-01 09:00")
    content.write("events/forum/agenda.pdf", "%PDF")
    content.markdown(
        "pages/about.md",
        {"title": "About"},
        "[Forum](/events/forum/), [talk](/events/forum/talk/), [agenda](/events/forum/agenda.pdf), "
        "[feed](/feeds/events.atom.xml), [gone](/events/gone/), [elsewhere](https://example.org/x).\n",
    )
    result = invoke("check", "--content", str(content.root))
    assert result.returncode == 0
    warnings = [line for line in result.stderr.splitlines() if "warning:" in line]
    assert len(warnings) == 1
    assert "pages/about.md: text: warning: the link /events/gone/ leads to no page of the site" in warnings[0]


def test_check_warns_about_a_session_outside_its_events_hours(content: ContentFolder):
    """On the event's own days, but before it starts or after it ends: a typo in one of the times."""
    summary = {"date": "2026-10-01", "summary": "S.", "registration": "none"}
    content.event("forum", start="2027-03-10 09:00", end="2027-03-11 17:30", **summary)
    content.session("forum", "early", start="2027-03-10 06:00", end="2027-03-10 07:00")
    content.session("forum", "late", start="2027-03-11 17:00", end="2027-03-11 18:30")
    content.session("forum", "evening", start="2027-03-10 19:00", end="2027-03-10 21:00")  # between its days
    content.session("forum", "whole-day", start="2027-03-10")  # a date alone: no time to compare
    content.event("open-end", start="2027-04-10 09:00", **summary)  # no end: it ends as it starts
    content.session("open-end", "talk", start="2027-04-10 09:00", end="2027-04-10 10:00")
    content.event("days", start="2027-05-10", end="2027-05-11", **summary)  # dates alone: no hours
    content.session("days", "dawn", start="2027-05-10 05:00", end="2027-05-10 06:00")
    result = invoke("check", "--content", str(content.root))
    assert result.returncode == 0, result.stderr
    warnings = sorted(
        line.split(str(content.root) + "/")[-1] for line in result.stderr.splitlines() if "warning:" in line
    )
    assert warnings == [
        "events/forum/sessions/early.md: start: warning: the session starts at 06:00, before its event does: "
        "the event's hours are 2027-03-10 09:00 to 2027-03-11 17:30 "
        "(correct the session's start, or the event's start in events/forum/index.md)",
        "events/forum/sessions/late.md: end: warning: the session ends at 18:30, after its event does: "
        "the event's hours are 2027-03-10 09:00 to 2027-03-11 17:30 "
        "(correct the session's end, or the event's end in events/forum/index.md)",
        "events/open-end/sessions/talk.md: end: warning: the session ends at 10:00, after its event does: "
        "the event's hours are 2027-04-10 09:00, with no end (add the event's end: to events/open-end/index.md)",
    ]
