"""What the site refuses to publish from a content folder, whoever wrote it.

Content can come from a pull request or an import, and the build runs in CI next to
deploy secrets. So:

- no file from outside the content folder: a symlink that leads out of it (to
  /proc/self/environ, to a deploy key, to /) stops the build before any file is read,
  and so does a link to a folder that holds it (a loop) or one that leads nowhere;
  links that stay inside the content folder are followed, as Pelican does;
- no file a web server would run or serve as active content. The site's pages come from
  Markdown; an attachment is a document, an image, a sound, a video or a table, and
  only the kinds of file in `ATTACHMENT_KINDS` are published (see `active_content`):
  an allow-list, as no list of what is dangerous is ever complete (an XHTML page
  named .xml, an XSLT style sheet, an .shtm page all ran in browsers or servers).
  SVG images are refused too, whatever they hold: they are XML programs that a
  browser runs when one is opened, and no scan of their text (namespace prefixes,
  UTF-16, entities, HTML forms inside) is as safe as refusing them; PNG or WebP
  show the same picture.
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator

# A web browser runs these, and the site's CSP (script-src 'self') trusts them once served from the site.
_BROWSER_ACTIVE = {
    ".js": "a script",
    ".mjs": "a script",
    ".cjs": "a script",
    ".html": "an HTML page",
    ".htm": "an HTML page",
    ".xhtml": "an HTML page",
    ".xht": "an HTML page",
    ".shtml": "an HTML page",
    ".shtm": "an HTML page",
    ".svgz": "a compressed SVG image, which may hold scripts",
    ".swf": "a Flash program",
    ".wasm": "a WebAssembly program",
}
# A web server may run these as programs (Apache does even for "report.php.pdf").
_SERVER_ACTIVE = {
    ext: "a program a web server may run"
    for ext in (
        ".php",
        ".php3",
        ".php4",
        ".php5",
        ".php7",
        ".php8",
        ".phtml",
        ".phar",
        ".cgi",
        ".fcgi",
        ".pl",
        ".py",
        ".rb",
        ".sh",
        ".asp",
        ".aspx",
        ".ashx",
        ".jsp",
        ".jspx",
    )
}
# What editors' tools leave beside the files they open: added to Pelican's IGNORE_FILES, so
# that it is neither published nor refused. (Pelican's own "**/.*" matches no file name:
# it compares patterns with names, which hold no "/".)
EDITORS_LITTER = (".DS_Store", "._*", ".#*", ".*.sw?", ".gitkeep", ".keep", ".gitignore")
# Configuration a web server reads from the folders it serves.
SERVER_CONFIGURATION = frozenset({".htaccess", ".htpasswd", ".user.ini", "web.config"})
# What an attachment may be, by its last extension, in any case: documents, images, sounds,
# videos, subtitles and tables. None of them runs in a browser (the site's _headers send
# X-Content-Type-Options: nosniff, so none is read as a script either), and none runs on
# a web server. Not here: SVG (see above), .json and .xml (no editor needs them; XML
# may be an XHTML page or a style sheet).
ATTACHMENT_KINDS = {
    "a document": ("pdf", "txt", "rtf", "doc", "docx", "odt", "epub", "ppt", "pptx", "odp"),
    "a table": ("csv", "xls", "xlsx", "ods"),
    "an image": ("png", "jpg", "jpeg", "gif", "webp", "avif"),
    "a sound": ("mp3", "m4a", "ogg", "opus", "wav"),
    "a video": ("mp4", "m4v", "webm"),
    "subtitles": ("vtt", "srt"),
    "a calendar": ("ics",),
    "an archive": ("zip",),
}
# Markdown under another name: harmless text, and content_warnings tells the editor to rename it.
_MARKDOWN = ("md", "markdown", "mdown", "mkd", "mkdn", "mdwn", "mdtxt", "mdtext")
_ACCEPTED = frozenset(ext for kinds in ATTACHMENT_KINDS.values() for ext in kinds) | frozenset(_MARKDOWN)
ACCEPTED_LIST = ", ".join(f".{ext}" for kinds in ATTACHMENT_KINDS.values() for ext in kinds)
_ATTACHMENT_FIX = "attach it as a PDF or an image, or link to where it is published elsewhere"


def active_content(source: str, path: str) -> tuple[str, str] | None:
    """Why an attachment must not be published, and the fix; None when it may be.

    `source`: the file relative to the content folder; `path`: where it is on disk (unread:
    a file's name decides, never its text)."""
    parts = source.split("/")
    name = parts[-1]
    if name.lower() in SERVER_CONFIGURATION:
        return (
            "this is a web server's configuration file: the site publishes none, as it could change what the"
            " server runs or who may read the site",
            "delete it; settings for the web server belong in its own configuration (docs/deploying.md)",
        )
    if any(part.startswith(".") for part in parts):
        return (
            "a file or folder whose name starts with a dot is not published: web servers treat such files as"
            " configuration or secrets",
            "rename it without the leading dot, or delete it",
        )
    for suffix in (s.lower() for s in name.split(".")[1:]):
        kind = _BROWSER_ACTIVE.get(f".{suffix}") or _SERVER_ACTIVE.get(f".{suffix}")
        if kind:
            return f"this attachment is {kind}: the site publishes no active content", _ATTACHMENT_FIX
    extension = name.rsplit(".", 1)[1].lower() if "." in name else ""
    if extension == "svg":
        return (
            "the site publishes no SVG image: a browser runs the scripts an SVG file may hold when it is opened",
            "export it as PNG or WebP",
        )
    if extension not in _ACCEPTED:
        return (
            f"the site publishes no file of this kind: an attachment is a document, a table, an image, a sound,"
            f" a video, subtitles, a calendar or a .zip, ending in one of {ACCEPTED_LIST}",
            "save it as one of these (a PDF or an image, most often), or link to where it is published elsewhere",
        )
    return None


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def refused_files(content_root: str, ignore_files: list[str]) -> Iterator[tuple[str, str, str]]:
    """(file, what, fix) for every link out of the content folder, every loop or broken link,
    and every file that is not a plain file (a device, a pipe), in what Pelican reads.

    `ignore_files`: Pelican's IGNORE_FILES, patterns of the names of what it never reads."""
    root = os.path.realpath(content_root)

    def ignored(name: str) -> bool:  # as Generator.get_files and _include_path compare them
        return any(fnmatch.fnmatch(name, pattern) for pattern in ignore_files)

    for folder, subfolders, files in os.walk(content_root, onerror=lambda error: None):
        relative_folder = os.path.relpath(folder, content_root)
        subfolders[:] = sorted(name for name in subfolders if not ignored(name))
        for name in [*subfolders, *sorted(name for name in files if not ignored(name))]:
            path = os.path.join(folder, name)
            source = os.path.normpath(os.path.join(relative_folder, name)).replace(os.sep, "/")
            problem = _refusal(path, root)
            if problem is not None:
                yield source, *problem


def _refusal(path: str, root: str) -> tuple[str, str] | None:
    try:
        status = os.lstat(path)
    except OSError:
        return None  # gone since the folder was listed
    if stat.S_ISLNK(status.st_mode):
        target = os.path.realpath(path)
        if not _inside(target, root):
            return (
                f"this is a link to {_shown(os.readlink(path))}, outside the content folder: the site publishes"
                " nothing from outside it",
                "copy what it leads to into the content folder instead of linking to it",
            )
        if not os.path.exists(target):
            return "this link leads to nothing", "delete it, or link to a file that exists"
        if os.path.isdir(target) and _inside(os.path.realpath(os.path.dirname(path)), target):
            return (
                "this link leads to a folder that holds it: the site would read the same files again and again",
                "delete the link",
            )
        return None
    if not (stat.S_ISREG(status.st_mode) or stat.S_ISDIR(status.st_mode)):
        return "this is not a file but a device, a pipe or a socket", "delete it"
    return None


def _shown(text: str) -> str:
    """A file name on one line of a message, whatever characters it has."""
    return "".join(c if c.isprintable() else "?" for c in text)


def links_leaving(folder: str) -> Iterator[tuple[str, str]]:
    """(path relative to `folder`, target) of every symlink in `folder` that leads out of it."""
    root = os.path.realpath(folder)
    for parent, subfolders, files in os.walk(folder, onerror=lambda error: None):
        for name in sorted([*subfolders, *files]):
            path = os.path.join(parent, name)
            if os.path.islink(path):
                target = os.path.realpath(path)
                if not _inside(target, root):
                    yield os.path.relpath(path, folder).replace(os.sep, "/"), _shown(os.readlink(path))
