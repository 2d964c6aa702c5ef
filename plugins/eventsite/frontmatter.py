"""Split a content file into its YAML front matter and its Markdown body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml


class FrontMatterError(ValueError):
    """The front matter is missing or is not valid YAML; the message says where and why."""


# libyaml's parser when PyYAML has it (its wheels do): the same YAML, read several times faster.
try:
    from yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover (PyYAML built without libyaml)
    _CParser = None
_PARSER = (_CParser,) if _CParser else (yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser)

# No key of the contract needs more than three levels (parts: a list of groups of keys).
MAX_DEPTH = 8
# A number with more digits than this is not a date, an order or a coordinate, and turning
# one of thousands of digits into text is refused by Python itself.
MAX_DIGITS = 18

# Characters that XML, and so the feeds, the sitemap and the calendars, cannot carry, and
# that no editor means to type: C0 and C1 controls other than tab and line ends, and the
# two non-characters. libyaml reads U+0085, U+2028 and U+2029 as line ends, which would
# make every line number after them wrong.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_FRONT_MATTER_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


class _Refused(yaml.MarkedYAMLError):
    """Valid YAML that the site does not read, with what to write instead."""

    def __init__(self, problem: str, fix: str, mark) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.fix = fix


class _StrictLoader(yaml.composer.Composer, *_PARSER, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """PyYAML's safe loader, with the traps for editors and the dangers of YAML removed.

    Dates stay text so that our own parser can explain a wrong one ("2027-02-30 is not
    a date") instead of PyYAML crashing on it; a key given twice is an error instead
    of the last one silently winning. Anchors, aliases, merge keys and tags are refused:
    no editor needs them, and an alias repeated inside aliases makes a small file
    billions of values long. Nesting is limited (libyaml's own composer, which this one
    replaces, crashes the process on a hundred thousand '['), and so are numbers.
    """

    def __init__(self, stream: str) -> None:
        if _CParser:
            _CParser.__init__(self, stream)
        else:  # pragma: no cover
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(
                f'"*{event.anchor}" repeats a value from elsewhere: the site does not read YAML aliases',
                "write the value out in full here",
                event.start_mark,
            )
        if event.anchor is not None:
            raise _Refused(
                f'"&{event.anchor}" marks a value to repeat: the site does not read YAML anchors',
                f'remove "&{event.anchor}", and write the value out wherever it is needed',
                event.start_mark,
            )
        if event.tag is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(
                f'"{tag}" is a YAML tag: the site does not read tags',
                "remove it; text that starts with '!' needs quotes around it",
                event.start_mark,
            )
        if isinstance(event, yaml.CollectionStartEvent):
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise _Refused(
                    f"the front matter is nested more than {MAX_DEPTH} levels deep",
                    "no key needs more than 3: check the indentation, the brackets and the dashes",
                    event.start_mark,
                )
            node = super().compose_node(parent, index)
            self._depth -= 1
            return node
        return super().compose_node(parent, index)


_StrictLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        # "=" (YAML's "value" key) stays text like any other word
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    seen: set = set()
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise _Refused(
                '"<<" merges keys from elsewhere: the site does not read YAML merge keys',
                "write the keys out in full",
                key_node.start_mark,
            )
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, str | int | float | bool | type(None)):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain word, not a list or a group", key_node.start_mark
            )
        if (type(key), key) in seen:  # by type too: true == 1 == 1.0 in Python, not in YAML
            raise yaml.constructor.ConstructorError(None, None, f'the key "{key}" is given twice', key_node.start_mark)
        seen.add((type(key), key))
    return loader.construct_mapping(node, deep=deep)


def _construct_int(loader: _StrictLoader, node: yaml.ScalarNode) -> int:
    digits = node.value.lstrip("+-").replace("_", "")
    value = None if len(digits) > MAX_DIGITS + 2 else loader.construct_yaml_int(node)
    if value is None or abs(value) >= 10**MAX_DIGITS:
        shown = digits if len(digits) <= 24 else f"{digits[:8]}…{digits[-8:]}"
        raise _Refused(
            f"{shown} is a number of {len(digits)} digits, too long to be read",
            f"write a number of at most {MAX_DIGITS} digits, or put quotes around it if it is text",
            node.start_mark,
        )
    return value


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)


def control_characters_by_line(text: str) -> list[tuple[int, str]]:
    """(line, counted from 1; its first control character) for every line that has one."""
    if not CONTROL_CHARACTERS.search(text):
        return []
    found = ((number, CONTROL_CHARACTERS.search(line)) for number, line in enumerate(text.split("\n"), start=1))
    return [(number, match.group()) for number, match in found if match]


_NAMES = {0x0: "null", 0x9: "tab", 0xB: "vertical tab", 0xC: "form feed", 0x1B: "escape", 0x7F: "delete"}
_NAMES |= {0x85: "next line", 0x2028: "line separator", 0x2029: "paragraph separator"}


def describe_character(character: str) -> str:
    """The code point, and the name of the common ones: "U+000B, vertical tab"."""
    name = _NAMES.get(ord(character))
    return f"U+{ord(character):04X}, {name}" if name else f"U+{ord(character):04X}"


@dataclass(frozen=True)
class SplitFile:
    metadata: dict[str, Any]
    body: str
    body_line: int = 1  # the line of the file the body starts on, counted from 1


def split_front_matter(text: str) -> SplitFile:
    """Return the parsed front matter (a mapping) and the Markdown after it."""
    # Lines end at a line feed only: Python's splitlines() also ends them at a vertical tab,
    # a form feed or U+2028, which editors see as no line end at all.
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[0].strip() != "---":
        raise FrontMatterError(
            "the file does not start with a line of three dashes "
            "(put the front matter between two '---' lines at the very top)"
        )
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            closing = index
            break
    else:
        raise FrontMatterError(
            "the front matter is never closed (add a line of three dashes, '---', after the last key)"
        )
    yaml_text = "\n".join(lines[1:closing]) + "\n"
    refused = _FRONT_MATTER_REFUSED.search(yaml_text)
    if refused:
        line = yaml_text.count("\n", 0, refused.start()) + 2
        raise FrontMatterError(
            f"line {line}: there is an invisible character ({describe_character(refused.group())}) "
            "in the front matter (delete it, or type the line again: it often comes with text pasted "
            "from another program)"
        )
    try:
        data = yaml.load(yaml_text, Loader=_StrictLoader)  # noqa: S506 (a safe loader)
    except _Refused as error:
        raise FrontMatterError(f"line {error.problem_mark.line + 2}: {error.problem} ({error.fix})") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        # +2: the opening '---' line, and YAML counts from 0
        where = f"line {mark.line + 2}: " if mark else ""
        reason = error.problem or error.context or "it cannot be read"
        yaml_lines = yaml_text.splitlines()
        line_text = yaml_lines[mark.line] if mark and mark.line < len(yaml_lines) else ""
        if "\t" in line_text or "\\t" in reason:
            fix = "indent with spaces: YAML does not allow tabs"
        elif "is given twice" in reason:
            fix = "keep one of the two lines"
        else:
            fix = (
                "check that line: a value containing ': ' or starting with a quote, '[', '{', "
                "'@', '*', '&', '!', '|' or '>' needs quotes around it, and list items start with '- '"
            )
        raise FrontMatterError(f"{where}this is not valid YAML: {reason} ({fix})") from None
    except yaml.YAMLError as error:
        raise FrontMatterError(f"this is not valid YAML: {' '.join(str(error).split())}") from None
    except (RecursionError, MemoryError, ValueError, OverflowError) as error:
        raise FrontMatterError(f"this YAML cannot be read: {error} (write plain 'key: value' lines)") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            "the front matter must be a list of 'key: value' lines (start each line with a key such as 'title:')"
        )
    return SplitFile(metadata=data, body="\n".join(lines[closing + 1 :]), body_line=closing + 2)
