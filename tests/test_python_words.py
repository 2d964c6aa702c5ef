"""The words the plugin writes in Python, in the visitor's language (issue 16): the main
navigation's labels are extracted where they are defined; a session's links in the
calendar files and the names of its recording and slides in JSON-LD are said in each
language's files; and no English sentence is written straight into what visitors read."""

from __future__ import annotations

import ast
import json
import re
import sys

import icalendar
import pytest
from babel.messages import pofile
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file

from sitebuild import REPO, ContentFolder, build_here, epoch

sys.path.insert(0, str(REPO / "plugins"))
from eventsite import i18n  # noqa: E402
from eventsite.site_files import SITE_NAV  # noqa: E402

PLUGIN = REPO / "plugins" / "eventsite"
POT = REPO / "theme" / "translations" / "messages.pot"

# --- the navigation ------------------------------------------------------------------------


def test_every_navigation_label_is_a_msgid_of_messages_pot_from_site_files():
    """base.html says each label with _(label): `invoke translations` must find the labels
    where they are written (N_() in site_files.py), not only because a template happens to
    use the same word."""
    labels = [label for _, label in SITE_NAV]
    assert {"Events", "Campaigns", "Organisations", "News"} <= set(labels)
    marked = {
        message
        for _, message, _, _ in extract_from_file(
            "python", str(PLUGIN / "site_files.py"), keywords={**DEFAULT_KEYWORDS, **i18n.KEYWORDS}
        )
    }
    assert [label for label in labels if label not in marked] == []
    with open(POT, "rb") as file:
        template = pofile.read_po(file)
    for label in labels:
        message = template.get(label)
        assert message is not None, f"{label!r} is not in messages.pot: run `invoke translations`"
        assert "plugins/eventsite/site_files.py" in {where for where, _ in message.locations}, label


# --- the calendar files and JSON-LD, in each language -----------------------------------------

STREAM = "https://stream.example.org/forum/opening"
RECORDING = "https://video.example.org/forum/opening"
PLAYLIST = "https://video.example.org/playlists/forum-2027"
SLIDES = "https://events.ifex.org/events/forum/opening-slides.pdf"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def forum(tmp_path_factory):
    """An upcoming event in four languages with a session that has a stream, a recording and slides."""
    root = tmp_path_factory.mktemp("python-words")
    content = ContentFolder(root / "content")
    content.event(
        "forum",
        title="Forum 2027",
        start="2027-03-10 09:00",
        end="2027-03-11 17:00",
        timezone="Europe/Helsinki",
        registration="none",
        recordings=PLAYLIST,
    )
    content.session(
        "forum",
        "opening",
        title="Opening",
        start="2027-03-10 09:00",
        end="2027-03-10 10:00",
        online=STREAM,
        recording=RECORDING,
        slides="opening-slides.pdf",
    )
    content.write("events/forum/opening-slides.pdf", "%PDF-1.4\n")
    built = build_here(content.root, root / "output", now=epoch("2027-03-01T00:00+02:00"))
    assert built.ok, built
    return built


def calendar(built, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((built.output / path).read_bytes())


def opening(cal: icalendar.Calendar) -> icalendar.Event:
    return next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("session-forum-opening"))


def json_ld(built, path: str) -> dict:
    return json.loads(built.soup(path).find("script", type="application/ld+json").string)


SAID = {
    # lang: (live stream, recording, slides, "label: address" joined as the language writes it)
    "en": ("Live stream", "Recording", "Slides", ": "),
    "fr": ("Diffusion en direct", "Enregistrement", "Diapositives", f"{NBSP}: "),
    "es": ("Transmisión en directo", "Grabación", "Diapositivas", ": "),
    "ar": ("البث المباشر", "التسجيل المصوَّر", "الشرائح", ": "),
}


@pytest.mark.parametrize("lang", sorted(SAID))
@pytest.mark.parametrize("path", ["events/forum/calendar.ics", "events/forum/opening/calendar.ics"])
def test_a_sessions_links_are_labelled_in_the_calendar_files_language(forum, lang, path):
    live, recording, slides, colon = SAID[lang]
    prefix = "" if lang == "en" else f"{lang}/"
    entry = opening(calendar(forum, prefix + path))
    conference = entry["CONFERENCE"]
    assert str(conference) == STREAM and conference.params["LABEL"] == live
    description = str(entry["DESCRIPTION"])
    for label, address in ((live, STREAM), (recording, RECORDING), (slides, SLIDES)):
        assert f"{label}{colon}{address}" in description
    if lang != "en":
        assert "Live stream" not in description and "Recording:" not in description


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_languages_calendars_are_named_in_its_words(forum, lang):
    """An event's calendar is named by its title (its translation's, here the original's words);
    the site's calendar by the site's name, which is a name, not a word of the interface."""
    assert str(calendar(forum, f"{lang}/events/forum/calendar.ics")["X-WR-CALNAME"]) == "Forum 2027"
    site = calendar(forum, f"{lang}/calendar.ics")
    assert str(site["X-WR-CALNAME"]) == "IFEX Events"
    assert [str(e["SUMMARY"]) for e in site.walk("VEVENT")] == ["Forum 2027"]


NAMES = {
    "en": ("Recordings of Forum 2027", "Recording of Opening", "Slides of Opening"),
    "fr": (
        f"Enregistrements de «{NBSP}Forum 2027{NBSP}»",
        f"Enregistrement de «{NBSP}Opening{NBSP}»",
        f"Diapositives de «{NBSP}Opening{NBSP}»",
    ),
    "es": ("Grabaciones de «Forum 2027»", "Grabación de «Opening»", "Diapositivas de «Opening»"),
    "ar": ("تسجيلات «Forum 2027»", "تسجيل «Opening»", "شرائح عرض «Opening»"),
}


@pytest.mark.parametrize("lang", sorted(NAMES))
def test_json_ld_names_the_recordings_and_slides_in_the_pages_language(forum, lang):
    playlist, recording, slides = NAMES[lang]
    prefix = "" if lang == "en" else f"{lang}/"
    assert json_ld(forum, f"{prefix}events/forum/")["recordedIn"]["name"] == playlist
    session = json_ld(forum, f"{prefix}events/forum/opening/")
    assert session["recordedIn"] == {"@type": "CreativeWork", "name": recording, "url": RECORDING}
    assert session["workFeatured"]["name"] == slides


# --- no English written straight into visitors' text ------------------------------------------

# The modules whose strings reach visitors: calendar files, JSON-LD, feeds, the model's labels.
VISITOR_MODULES = ["calendar.py", "structured_data.py", "feeds.py", "generators.py", "model.py", "site_files.py"]
# Calendar properties whose value a calendar application shows (component.add("summary", …))
SHOWN_PROPERTIES = {"summary", "description", "location", "comment", "x-wr-calname", "x-wr-caldesc", "conference"}
SHOWN_KEYS = {"name", "description", "LABEL"}  # JSON-LD names, a CONFERENCE's label
SHOWN_KEYWORDS = {"nav", "title", "label"}  # SiteFile(nav=…), atom_feed(title=…), FeedEntry(title=…)
TITLED_CALLS = {"atom_feed", "FeedEntry"}  # whose first argument is a title
LABEL_TABLES = re.compile(r"_(LABELS|STEPS)$")  # model.py's tables of labels: each one N_()
SAYING = {"t", "N_", "translate", "_", "gettext", "ngettext"}
WORDS = re.compile(r"[^\W\d_]{2,}")  # a word: two letters or more ("%(label)s: " has none outside %(…)s)


def _plain(text: str) -> str:
    return re.sub(r"%\([^)]*\)[a-z]", "", text)


class EnglishFinder(ast.NodeVisitor):
    """String literals with words that reach a visitor without t(): those given to a sink
    (above), directly, through a name assigned or looped over in the same function, or
    through what a function of the same module returns.

    Its limits, on purpose: it knows the sinks listed above and nothing else (a new kind
    of output needs its sink added here); a value that comes in as a function's parameter,
    an attribute of an object (the content's values: a title, a venue) or another module's
    is not followed; a name stands for every value it is given in its function, whatever
    the conditions (it may report too much, never too little of what it follows); the
    keys of a dict and the names given to getattr() are code, not words; words inside a
    t()/N_() call are the catalog's, checked by test_interface_languages.py."""

    def __init__(self, filename: str, module: ast.Module) -> None:
        self.filename = filename
        self.found: list[str] = []
        self._functions = {
            node.name: node for node in ast.walk(module) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        }
        self._scopes: list[dict[str, list[ast.expr]]] = [self._assignments(module.body)]

    @staticmethod
    def _assignments(body: list[ast.stmt]) -> dict[str, list[ast.expr]]:
        """Each name's values in `body` (not in a nested function's, which has its own scope):
        what it is assigned, and what it is taken from in a for loop or a comprehension."""
        found: dict[str, list[ast.expr]] = {}

        def give(target: ast.expr, value: ast.expr) -> None:
            for name in (n for n in ast.walk(target) if isinstance(n, ast.Name)):
                found.setdefault(name.id, []).append(value)

        def own(nodes: list[ast.AST]):  # the nodes of this scope: not a nested function's or class's
            for node in nodes:
                yield node
                if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
                    yield from own(list(ast.iter_child_nodes(node)))

        for node in own(list(body)):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    give(target, node.value)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)) and node.value is not None:
                give(node.target, node.value)
            elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
                give(node.target, node.iter)
        return found

    def _scope_of(self, function: ast.FunctionDef) -> dict[str, list[ast.expr]]:
        return self._assignments(function.body)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._scopes.append(self._scope_of(node))
        self.generic_visit(node)
        self._scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    # the sinks
    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        if (
            isinstance(func, ast.Attribute)
            and name == "add"
            and len(node.args) >= 2
            and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).lower() in SHOWN_PROPERTIES
        ):
            self._check(node.args[1], f'.add("{node.args[0].value}")')
        if name in TITLED_CALLS and node.args:
            self._check(node.args[0], f"{name}(title)")
        for keyword in node.keywords:
            if keyword.arg in SHOWN_KEYWORDS:
                self._check(keyword.value, f"{name}({keyword.arg}=)")
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value in SHOWN_KEYS:
                self._check(value, f'"{key.value}":')
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            if isinstance(target, ast.Name) and LABEL_TABLES.search(target.id) and isinstance(node.value, ast.Dict):
                for value in node.value.values:
                    if not self._said(value):
                        self._report(value, f"{target.id}'s value", "is not N_() or t()")
        self.generic_visit(node)

    # the check
    @staticmethod
    def _said(node: ast.expr) -> bool:
        return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in SAYING

    def _check(self, node: ast.expr, sink: str, seen: frozenset[str] = frozenset()) -> None:
        if self._said(node):
            return
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str) and WORDS.search(_plain(node.value)):
                self._report(node, sink, f"says {node.value!r}")
            return
        if isinstance(node, ast.Name):
            if node.id not in seen:
                scope = next((scope for scope in reversed(self._scopes) if node.id in scope), {})
                for value in scope.get(node.id, ()):
                    self._check(value, sink, seen | {node.id})
            return
        if isinstance(node, ast.Dict):  # its values (its keys are code)
            children = [value for value in node.values if value is not None]
        elif isinstance(node, ast.Subscript):  # what is looked into (its key is code)
            children = [node.value]
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in ("getattr", "hasattr", "isinstance"):
                children = node.args[:1]  # the names given to it are code
            else:  # what it is given, its receiver (links.items()), and its returns if it is ours
                children = [*node.args, *(k.value for k in node.keywords)]
                if isinstance(func, ast.Attribute):
                    children.append(func.value)
                elif isinstance(func, ast.Name) and func.id in self._functions and func.id + "()" not in seen:
                    calls = {name for name in seen if name.endswith("()")}  # its own names are others
                    self._check_returns(self._functions[func.id], sink, calls | {func.id + "()"})
        else:  # an attribute's object (a local name is followed; a parameter is not), a tuple's items…
            children = [child for child in ast.iter_child_nodes(node) if isinstance(child, ast.expr)]
        for child in children:
            self._check(child, sink, seen)

    def _check_returns(self, function: ast.FunctionDef, sink: str, seen: frozenset[str]) -> None:
        self._scopes.append(self._scope_of(function))
        try:
            for node in ast.walk(function):
                if isinstance(node, ast.Return) and node.value is not None:
                    self._check(node.value, sink, seen)
        finally:
            self._scopes.pop()

    def _report(self, node: ast.AST, sink: str, what: str) -> None:
        self.found.append(f"{self.filename}:{node.lineno}: {sink} {what}")


def english_in(source: str, filename: str = "<test>") -> list[str]:
    module = ast.parse(source)
    finder = EnglishFinder(filename, module)
    finder.visit(module)
    return list(dict.fromkeys(finder.found))


def test_the_finder_finds_english_given_to_each_kind_of_sink():
    found = english_in(
        "def entry(component, session, x):\n"
        '    component.add("summary", "Live stream")\n'
        '    component.add("description", _text(f"Recording: {x}"))\n'
        '    name = f"Slides of {session.title}"\n'
        '    data = {"@type": "CreativeWork", "name": name}\n'
        '    atom_feed("All the news", x)\n'
        '    SiteFile("news", nav="News")\n'
        'STATUS_LABELS = {"cancelled": "Cancelled"}\n'
    )
    assert [line.split(":")[1] for line in found] == ["2", "3", "4", "6", "7", "8"]


def test_the_finder_follows_a_label_through_a_loop_and_a_function_of_the_module():
    found = english_in(
        "def links(session):\n"
        '    found = [("Live stream", session.online), ("Slides", session.slides)]\n'
        "    return [(label, url) for label, url in found if url]\n"
        "def entry(component, session):\n"
        "    for label, url in links(session):\n"
        '        component.add("attach", url, parameters={"LABEL": label})\n'
    )
    assert found == ["<test>:2: \"LABEL\": says 'Live stream'", "<test>:2: \"LABEL\": says 'Slides'"]


def test_the_finder_lets_words_through_t_and_the_contents_values():
    assert (
        english_in(
            "def entry(component, session, x):\n"
            '    component.add("summary", _text(session.title))\n'
            '    component.add("description", t("%(label)s: %(address)s", label=x, address=x) + "\\n\\n")\n'
            '    component.add("status", "CONFIRMED")\n'
            '    name = t("Slides of %(session)s", session=session.title)\n'
            '    data = {"@type": "Place", "name": name or session.city}\n'
            '    SiteFile("news", nav=N_("News"))\n'
            'STATUS_LABELS = {"cancelled": N_("Cancelled")}\n'
        )
        == []
    )


@pytest.mark.parametrize("module", VISITOR_MODULES)
def test_no_visitor_facing_english_is_written_without_t(module):
    path = PLUGIN / module
    assert english_in(path.read_text(encoding="utf-8"), module) == []
