"""The key reference of docs/reference.md, generated from the schema (`invoke docs`)."""

from __future__ import annotations

from pathlib import Path

from .content_types import CONTENT_TYPES
from .schema import _SPEAKER_MAP, Field, ListOf, Mapping, SpeakerKind

START = "<!-- key reference: generated from plugins/eventsite/schema.py by `invoke docs`; edit the schema, not this -->"
END = "<!-- end of the key reference -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(field: Field) -> str:
    if field.default is None:
        return ""
    if isinstance(field.default, bool):
        return "true" if field.default else "false"
    return f"`{field.default}`"


def _rows(fields, prefix: str = "") -> list[str]:
    rows = []
    for field in fields:
        kind = field.kind
        meaning = field.doc
        if field.word:  # schema.WORDS: what a translation (<name>.<lang>.md) gives
            meaning = f"{meaning}; a word: translations give it" if meaning else "a word: translations give it"
        rows.append(
            f"| `{prefix}{field.name}` | {'yes' if field.required else ''} | {_cell(kind.description)} "
            f"| {_default(field)} | {_cell(meaning)} |"
        )
        if isinstance(kind, Mapping):
            rows += _rows(kind.fields, f"{prefix}{field.name}.")
        elif isinstance(kind, ListOf) and isinstance(kind.item, Mapping):
            rows += _rows(kind.item.fields, f"{prefix}{field.name}[].")
        elif isinstance(kind, ListOf) and isinstance(kind.item, SpeakerKind):
            rows += _rows(_SPEAKER_MAP.fields, f"{prefix}{field.name}[].")
    return rows


def key_reference() -> str:
    parts = [START, ""]
    for content_type in CONTENT_TYPES.values():
        parts += [
            f"### {content_type.title}",
            "",
            "| key | required | value | default | meaning |",
            "|---|---|---|---|---|",
        ]
        parts += _rows(content_type.schema.fields)
        parts.append("")
    parts.append(END)
    return "\n".join(parts)


def _split(text: str) -> tuple[str, str]:
    if START not in text or END not in text:
        raise ValueError(f"the guide has no key reference markers ({START} … {END})")
    before, rest = text.split(START, 1)
    return before, rest.split(END, 1)[1]


def reference_is_current(path: Path) -> bool:
    before, after = _split(path.read_text(encoding="utf-8"))
    return path.read_text(encoding="utf-8") == before + key_reference() + after


def update_reference(path: Path) -> bool:
    """Rewrite the generated section; True when it changed."""
    text = path.read_text(encoding="utf-8")
    before, after = _split(text)
    new = before + key_reference() + after
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text
