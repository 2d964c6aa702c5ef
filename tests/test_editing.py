"""The editors' workflow: new files, checks with warnings, and the guide's key reference."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import REPO, ContentFolder, epoch

sys.path.insert(0, str(REPO / "plugins"))
from eventsite import schema  # noqa: E402
from eventsite.reference import key_reference, reference_is_current  # noqa: E402
from eventsite.scaffold import EXAMPLES, PELICAN_EXAMPLES  # noqa: E402


def invoke(*arguments: str, now: str = "2027-01-15T12:00+00:00") -> subprocess.CompletedProcess:
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
    assert invoke("new", "session", "media-freedom-forum-2027", "Opening plenary", "--content", folder).returncode == 0
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
    check = invoke("check", "--content", folder)
    assert check.returncode == 0, check.stderr
    assert "All content passed the checks." in check.stdout


def test_every_optional_key_has_an_example_in_new_files():
    for content_type in ("event", "session", "campaign", "organization", "news"):
        for field in schema.SCHEMAS[content_type].fields:
            if not field.required:
                assert field.name in EXAMPLES[content_type] or field.name in PELICAN_EXAMPLES, (
                    content_type,
                    field.name,
                )


def test_uncommenting_every_example_still_passes_the_checks(tmp_path, folder):
    """The examples are valid values, so an editor can use any of them as they are."""
    invoke("new", "organization", "IFEX", "--content", folder)
    invoke("new", "organization", "CPJ", "--content", folder)
    invoke("new", "campaign", "No Impunity", "--content", folder)
    invoke("new", "event", "My Event", "--start", "2027-03-10", "--content", folder)
    invoke("new", "session", "my-event", "Talk", "--content", folder)
    (Path(folder) / "events/my-event/banner.jpg").write_bytes(b"\xff\xd8")
    for path in (
        Path(folder) / "events/my-event/index.md",
        Path(folder) / "events/my-event/sessions/talk.md",
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


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["new", "session", "no-such-event", "Talk"], "there is no event 'no-such-event'"),
        (["new", "news", "Hello", "--event", "no-such-event"], "there is no event 'no-such-event'"),
        (["new", "event", "Forum", "--start", "10/03/2027"], "write the date as YYYY-MM-DD"),
        (["new"], "Say what to create: invoke new event | session | campaign | organization | news"),
        (["new", "workshop", "Forum"], '"workshop" is not something to create: invoke new event | session'),
        (["new", "event"], 'Give a title, e.g. invoke new event "My title"'),
        (["new", "session", "forum"], 'Give a title, e.g. invoke new session forum "My title"'),
        (["new", "event", "!!!"], "gives no slug"),
        (["new", "event", "Two", "words"], "put the title in quotes"),
    ],
)
def test_new_explains_what_it_cannot_do(folder, arguments, message):
    result = invoke(*arguments, "--content", folder)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr and "positional arguments" not in result.stderr
    assert not any(Path(folder).rglob("*.md"))


def test_titles_become_ascii_slugs(folder):
    invoke("new", "organization", "Reporters sans frontières – Helsinki", "--content", folder)
    assert (Path(folder) / "organizations/reporters-sans-frontieres-helsinki.md").is_file()


def test_check_writes_nothing_and_reports_every_error(content: ContentFolder, tmp_path):
    content.event("one", kind="seminar")
    content.session("one", "talk", start="2027-13-01")
    result = invoke("check", "--content", str(content.root))
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
    guide = REPO / "docs/editing.md"
    assert reference_is_current(guide), "run `.venv/bin/invoke docs` to update docs/editing.md"
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
