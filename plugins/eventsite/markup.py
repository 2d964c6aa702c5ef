"""The Markdown editors write, made into HTML.

CommonMark, as GitHub and most writing tools read it, with tables, strikethrough,
footnotes, definition lists, and typographic quotes, dashes and ellipses. Raw HTML
passes through: editors are trusted staff.

markdown-it-py rather than Pelican's default Python-Markdown: it follows the
CommonMark rules editors meet elsewhere (a list needs no blank line before it, nested
items need two spaces, not four) and reads the same text several times faster, which
is most of a build's reading (bench/README.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import markdown_it
import mdit_py_plugins
from markdown_it import MarkdownIt
from markdown_it.rules_core.replacements import RARE_RE, replace_rare
from markupsafe import Markup
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

# What the HTML of a text depends on besides the text: kept readings are checked against it.
VERSION = f"markdown-it-py {markdown_it.__version__}, mdit-py-plugins {mdit_py_plugins.__version__}"


def markdown_renderer(intrasite_link_regex: str) -> Callable[[str], str]:
    """A function from Markdown text to HTML.

    `intrasite_link_regex` is Pelican's INTRASITE_LINK_REGEX: links such as
    `{static}/images/map.png` keep their braces, which Pelican replaces after reading,
    instead of having them percent-encoded like the rest of an address."""
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
    return markdown.render


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
