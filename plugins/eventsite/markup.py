"""The Markdown editors write, made into HTML.

CommonMark, as GitHub and most writing tools read it, with tables, strikethrough,
footnotes, definition lists, and typographic quotes, dashes and ellipses.

Raw HTML in a body is cleaned with nh3 (the Rust sanitiser ammonia) to an allow-list:
the tags and attributes Markdown itself writes, and a few harmless ones more (see
ALLOWED_TAGS, and docs/editing.md for editors). Content can come from a pull request or
a paste, and the site's CSP trusts whatever is served from the site itself. Each
removal is reported with the line of the body it was found on. A site that wants raw
HTML as written sets EVENTSITE_RAW_HTML = True.

markdown-it-py rather than Pelican's default Python-Markdown: it follows the
CommonMark rules editors meet elsewhere (a list needs no blank line before it, nested
items need two spaces, not four) and reads the same text several times faster, which
is most of a build's reading (bench/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown_it
import mdit_py_plugins
import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core.replacements import RARE_RE, replace_rare
from markupsafe import Markup
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

# What the HTML of a text depends on besides the text: kept readings are checked against it.
VERSION = (
    f"markdown-it-py {markdown_it.__version__}, mdit-py-plugins {mdit_py_plugins.__version__}, nh3 {nh3.__version__}"
)

# The HTML a body may hold: what Markdown writes (headings, paragraphs, lists, tables,
# code, emphasis, links, images, quotes, rules, footnotes, definition lists) and a few
# harmless tags more. docs/editing.md lists them for editors: keep the two the same.
ALLOWED_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code"}
    | {"ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td"}
    | {"a", "img", "em", "strong", "s", "del", "ins", "sup", "sub", "section"}
    | {"abbr", "b", "i", "u", "kbd", "samp", "var", "mark", "small", "cite", "q", "dfn", "time"}
    | {"span", "div", "figure", "figcaption", "details", "summary"}
)
ALLOWED_ATTRIBUTES = {
    "*": {"title", "lang", "dir"},
    "a": {"href", "id", "aria-label"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "li": {"id", "value"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "td": {"style", "colspan", "rowspan"},
    "code": {"class"},  # language-python and the like, from fenced code
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "time": {"datetime"},
    "details": {"open"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
}
# Classes only where Markdown's footnotes write them.
ALLOWED_CLASSES = {
    "sup": {"footnote-ref"},
    "a": {"footnote-backref"},
    "hr": {"footnotes-sep"},
    "section": {"footnotes"},
    "ol": {"footnotes-list"},
    "li": {"footnote-item"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})  # and addresses without a scheme
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
_STYLE_PROPERTIES = frozenset({"text-align"})  # the alignment of table columns
_REMOVED_WITH_CONTENT = frozenset({"script", "style"})  # nh3's default: their text is code, not text
_SANITISER = {
    "tags": set(ALLOWED_TAGS),
    "clean_content_tags": set(_REMOVED_WITH_CONTENT),
    "attributes": {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    "allowed_classes": {tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
    "url_schemes": set(URL_SCHEMES),
    "filter_style_properties": set(_STYLE_PROPERTIES),
    "link_rel": None,  # links stay as written: no rel added
    "strip_comments": True,
}


@dataclass(frozen=True)
class Removal:
    """Something the sanitiser took out of a body: its line (of the body, from 1) and what."""

    line: int
    what: str


@dataclass(frozen=True)
class Rendered:
    html: str
    removals: tuple[Removal, ...] = ()


def markdown_renderer(intrasite_link_regex: str, raw_html: bool = False) -> Callable[[str], Rendered]:
    """A function from Markdown text to HTML, and what was removed from its raw HTML.

    `intrasite_link_regex` is Pelican's INTRASITE_LINK_REGEX: links such as
    `{static}/images/map.png` keep their braces, which Pelican replaces after reading,
    instead of having them percent-encoded like the rest of an address.

    `raw_html`: keep the HTML written in the text as it is, instead of cleaning it."""
    markdown = (
        MarkdownIt("commonmark", {"typographer": True, "xhtmlOut": False})
        .enable(["table", "strikethrough", "replacements", "smartquotes"])
        .use(footnote_plugin)
        .use(deflist_plugin)
    )
    intrasite = re.compile(intrasite_link_regex)
    encode = markdown.normalizeLink

    def normalize_link(url: str) -> str:
        match = intrasite.match(url)
        if match is None:
            return encode(url)
        return match.group(0) + encode(url[match.end() :])

    markdown.normalizeLink = normalize_link  # what markdown-it calls for every link and image
    markdown.core.ruler.at("replacements", _dashes_and_ellipses)

    backref = markdown.renderer.rules["footnote_anchor"]

    def footnote_backref(renderer, tokens, index, options, env) -> str:
        # The link back from a footnote is an arrow: say in words where it goes.
        link = backref(tokens, index, options, env)
        return link.replace('class="footnote-backref"', 'class="footnote-backref" aria-label="Back to the text"', 1)

    markdown.add_render_rule("footnote_anchor", footnote_backref)

    def render(text: str) -> Rendered:
        env: dict = {}
        tokens = markdown.parse(text, env)
        html = markdown.renderer.render(tokens, markdown.options, env)
        if raw_html or "<" not in text:  # no raw HTML without a "<"
            return Rendered(html)
        raw = list(_raw_html(tokens))
        if not raw:
            # What markdown-it writes from Markdown alone is safe: it escapes all text and
            # refuses javascript:, vbscript:, file: and data: links. Left as it is.
            return Rendered(html)
        removals = tuple(removal for line, fragment in raw for removal in _removals(line, fragment))
        return Rendered(nh3.clean(html, **_SANITISER), removals)

    return render


def _raw_html(tokens) -> Iterator[tuple[int, str]]:
    """Each piece of raw HTML of a text, with the line (from 0) it starts on.

    The text of a footnote written inline (`^[...]`) comes last, with no line of its own:
    it is on the line of its mark in the paragraph that holds it."""
    footnote_lines: dict[int, int] = {}  # footnote id -> the line of its mark
    footnote = None
    for token in tokens:
        if token.type == "footnote_open":
            footnote = token.meta.get("id")
        elif token.type == "html_block" and token.map:
            yield token.map[0], token.content
        elif token.type == "inline" and token.children:
            line = token.map[0] if token.map else footnote_lines.get(footnote, 0)
            for child in token.children:
                if child.type == "html_inline":
                    yield line, child.content
                    line += child.content.count("\n")
                elif child.type in ("softbreak", "hardbreak"):
                    line += 1
                elif child.type == "footnote_ref":
                    footnote_lines.setdefault(child.meta.get("id"), line)


def describe_removals(removals: Iterable[Removal], first_line: int = 1) -> list[str]:
    """One line for each kind of removal, with the lines it was made on, in the order of
    the text: "line 7: <iframe> was removed", "lines 3, 7, 12 and 197 more: the style
    attribute of <span> was removed" (a paste from Word holds the same on every line).

    `first_line`: the line of the file that is the body's first."""
    lines_of: dict[str, list[int]] = {}
    for removal in removals:
        lines = lines_of.setdefault(removal.what, [])
        line = first_line - 1 + removal.line
        if line not in lines:
            lines.append(line)
    described = []
    for what, lines in sorted(lines_of.items(), key=lambda item: (min(item[1]), item[0])):
        lines.sort()
        if len(lines) == 1:
            where = f"line {lines[0]}"
        elif len(lines) <= 3:
            where = f"lines {', '.join(map(str, lines[:-1]))} and {lines[-1]}"
        else:
            where = f"lines {', '.join(map(str, lines[:3]))} and {len(lines) - 3} more"
        described.append(f"{where}: {what}")
    return described


def _removals(first_line: int, fragment: str) -> list[Removal]:
    finder = _RemovalFinder(first_line)
    finder.feed(fragment)
    finder.close()
    return finder.found


def _shown(value: str | None) -> str:
    """An attribute's value in a one-line message: on one line, and not too long."""
    shown = " ".join((value or "").split())
    shown = re.sub(r"[\x00-\x1f\x7f]", "", shown)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _allowed_address(value: str | None) -> bool:
    # Browsers ignore tabs, line breaks and leading spaces in an address ("java\tscript:").
    address = re.sub(r"[\x00-\x20\x7f]", "", value or "")
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", address)
    return scheme is None or scheme.group(1).lower() in URL_SCHEMES


class _RemovalFinder(HTMLParser):
    """What nh3 takes out of a piece of raw HTML, found by reading it against the same
    allow-list: nh3 cleans but does not say what it removed."""

    def __init__(self, first_line: int) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.found: list[Removal] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        def removed(what: str) -> None:
            self.found.append(Removal(self.first_line + self.getpos()[0], what))

        if tag not in ALLOWED_TAGS:
            removed(f"<{tag}> was removed{' with its content' if tag in _REMOVED_WITH_CONTENT else ''}")
            return
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name == "class" and tag in ALLOWED_CLASSES:
                for word in (value or "").split():
                    if word not in ALLOWED_CLASSES[tag]:
                        removed(f'the class "{_shown(word)}" of <{tag}> was removed')
            elif name not in allowed:
                removed(f"the {name} attribute of <{tag}> was removed")
            elif name in _URL_ATTRIBUTES and not _allowed_address(value):
                removed(f'the address "{_shown(value)}" of <{tag}> was removed')
            elif name == "style":
                for declaration in (value or "").split(";"):
                    prop = declaration.split(":", 1)[0].strip().lower()
                    if prop and prop not in _STYLE_PROPERTIES:
                        removed(f'the style "{_shown(declaration.strip())}" of <{tag}> was removed')

    handle_startendtag = handle_starttag


_FOOTNOTE_REFERENCE = re.compile(r'<sup class="footnote-ref">.*?</sup>')


def without_footnote_references(html: str) -> str:
    """A summary shown away from its text (lists, feeds, meta tags): its footnote marks
    would point at notes that are not there."""
    return _FOOTNOTE_REFERENCE.sub("", html)


def summary_as_text(html: str | None) -> str:
    """A summary as plain text, for meta tags, feeds and calendars."""
    return Markup(without_footnote_references(html or "")).striptags()


def _dashes_and_ellipses(state) -> None:
    """markdown-it's typographic replacements without (c) → ©, (r) → ® and (tm) → ™,
    so that a list of points "(a), (b), (c)" stays as written."""
    for token in state.tokens:
        if token.type == "inline" and token.children is not None and RARE_RE.search(token.content):
            replace_rare(token.children)
