"""Split a content file into its YAML front matter and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


class FrontMatterError(ValueError):
    """The front matter is missing or is not valid YAML; the message says where and why."""


# libyaml's parser when PyYAML has it (its wheels do): the same YAML, read ten times faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_SafeLoader):
    """PyYAML's safe loader, with two traps for editors removed.

    Dates stay text so that our own parser can explain a wrong one ("2027-02-30 is not
    a date") instead of PyYAML crashing on it; a key given twice is an error instead
    of the last one silently winning.
    """


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False):
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if not isinstance(key, str | int | float | bool | type(None)):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain word, not a list or a group", key_node.start_mark
            )
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f'the key "{key}" is given twice', key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


@dataclass(frozen=True)
class SplitFile:
    metadata: dict[str, Any]
    body: str


def split_front_matter(text: str) -> SplitFile:
    """Return the parsed front matter (a mapping) and the Markdown after it."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
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
    yaml_text = "".join(lines[1:closing])
    try:
        data = yaml.load(yaml_text, Loader=_StrictLoader)  # noqa: S506 (a safe loader)
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
                "'@' or '*' needs quotes around it, and list items start with '- '"
            )
        raise FrontMatterError(f"{where}this is not valid YAML: {reason} ({fix})") from None
    except yaml.YAMLError as error:
        raise FrontMatterError(f"this is not valid YAML: {error}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(
            "the front matter must be a list of 'key: value' lines (start each line with a key such as 'title:')"
        )
    return SplitFile(metadata=data, body="".join(lines[closing + 1 :]))
