"""docs/reference.md, the project's own reference: what it promises is built, and it keeps
every promise of the content contract (../shared/content-contract.md, beside the
repository in this project's CI, where CONTRACT_REQUIRED makes these tests run)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from sitebuild import REPO

REFERENCE = REPO / "docs/reference.md"
CONTRACT = REPO.parent / "shared" / "content-contract.md"

needs_contract = pytest.mark.skipif(
    not CONTRACT.exists() and not os.environ.get("CONTRACT_REQUIRED"),
    reason="../shared/content-contract.md is beside the repository in this project's CI (.ci/run)",
)

# The contract's headings, and the reference's for the same kind of file.
TYPES = {"Event": "Event", "Session": "Session", "Campaign": "Campaign", "Organisation": "Organisation", "News": "News"}
# What the reference adds to the contract's addresses (the contract says: only add).
ADDED_URLS = {"/_headers"}


def section(text: str, heading: str, level: str = "##") -> str:
    """The text under a heading that starts with `heading`, up to the next heading of its level."""
    match = re.search(rf"^{level} {re.escape(heading)}.*?$(.*?)(?=^{level} |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"no heading {level} {heading}"
    return match.group(1)


def one_line(text: str) -> str:
    return " ".join(text.split())


def first_round() -> str:
    """The contract's first round: what is built now (the second round is not, yet)."""
    return CONTRACT.read_text(encoding="utf-8").split("\n---\n", 1)[0]


def second_round() -> str:
    return CONTRACT.read_text(encoding="utf-8").split("\n---\n", 1)[1]


def reference() -> str:
    return REFERENCE.read_text(encoding="utf-8")


def table_rows(text: str) -> list[list[str]]:
    rows = []
    for line in text.splitlines():
        if line.startswith("|") and not line.startswith("|---"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows[1:] if rows else rows  # without the header


def without_brackets(text: str) -> str:
    return re.sub(r"\([^)]*\)", "", text)


def words(listed: str) -> list[str]:
    return [w.strip(" .`") for w in without_brackets(listed).split(",") if w.strip(" .`")]


def contract_keys(heading: str) -> dict[str, dict]:
    """Every key of one kind of file in the contract: {key: {"required": bool, "values", "default"}}."""
    text = section(first_round(), heading)
    keys: dict[str, dict] = {}
    rows = table_rows(text)
    for name_cell, required, kind, meaning in (row[:4] for row in rows if len(row) >= 4):
        for name in words(name_cell):
            entry = keys.setdefault(name, {"required": required == "yes"})
            if re.fullmatch(r"[a-z-]+(, [a-z-]+)+", kind) and kind != "map, below":  # a list of values
                entry["values"] = set(kind.split(", "))
            if default := re.search(r"default (\w+)", meaning):
                entry["default"] = default.group(1)
            group = "[]." if kind.startswith("list") else "."
            if "map:" in kind:  # a map's keys: "map: name, address, …", "list of maps: id, …"
                for sub in words(kind.split("map:", 1)[1] if "map: " in kind else kind.split("maps:", 1)[1]):
                    keys.setdefault(f"{name}{group}{sub}", {})
            elif "maps:" in kind:
                for sub in words(kind.split("maps:", 1)[1]):
                    keys.setdefault(f"{name}{group}{sub}", {})
    if not rows:  # a sentence: "title (required), organization (slug), …"
        sentence = text.strip().split(". ", 1)[0]
        if sentence.startswith("A Pelican article"):  # News
            required = re.search(r"\(([a-z, ]+) required\)", sentence).group(1)
            keys.update({name: {"required": True} for name in required.split(", ")})
            keys.update({name: {"required": False} for name in re.findall(r"`(\w+)`", sentence)})
        else:
            for item in re.split(r",\s*(?![^(]*\))", sentence):
                name = item.split("(")[0].strip()
                keys[name] = {"required": "(required)" in item}
    if heading == "Event":
        paragraph = re.search(r"^`registration`: (.*?)\n\n", text, re.MULTILINE | re.DOTALL).group(1)
        for name in re.findall(r"`(\w+)`", paragraph):
            keys.setdefault(f"registration.{name}", {})
        keys["registration.url"]["required"] = "(required" in paragraph
        keys["registration.state"]["values"] = set(re.search(r"`state` \(([a-z, ]+):", paragraph).group(1).split(", "))
        keys["registration.label"]["default"] = re.search(r'default "(\w+)"', paragraph).group(1)
    pelicans = re.search(r"Pelican's own keys keep their meaning everywhere: (.*?)\. ", one_line(first_round()))
    for item in re.findall(r"`([^`]+)`", pelicans.group(1)):
        name, _, values = item.partition(":")
        keys.setdefault(name, {})
        if values:
            keys[name]["values"] = {v.strip() for v in values.split("|")}
    return keys


def reference_keys(heading: str) -> dict[str, dict]:
    """The keys of the reference's generated table for one kind of file."""
    keys = {}
    for name, required, value, default, _ in (row[:5] for row in table_rows(section(reference(), heading, "###"))):
        entry = {"required": required == "yes", "default": default.strip("`")}
        if value.startswith("one of "):
            entry["values"] = set(value[len("one of ") :].split(", "))
        keys[name.strip("`")] = entry
    return keys


def urls(text: str) -> set[str]:
    """The addresses of a URL table: `/…` in its second column."""
    found = set()
    for row in table_rows(text):
        if len(row) >= 2:
            found.update(re.findall(r"`(/[^`]*)`", row[1]))
    return found


@needs_contract
@pytest.mark.parametrize("heading", TYPES)
def test_the_reference_has_every_key_of_the_contract(heading):
    missing = set(contract_keys(heading)) - set(reference_keys(TYPES[heading]))
    assert missing == set()


@needs_contract
@pytest.mark.parametrize("heading", TYPES)
def test_the_reference_requires_the_keys_the_contract_requires_and_no_others(heading):
    contract = contract_keys(heading)
    documented = reference_keys(TYPES[heading])
    required = {k for k, v in documented.items() if v["required"] and "." not in k}
    assert required == {k for k, v in contract.items() if v.get("required") and "." not in k}
    if heading == "Event":
        assert documented["registration.url"]["required"] and contract["registration.url"]["required"]


@needs_contract
@pytest.mark.parametrize("heading", TYPES)
def test_the_reference_gives_the_contracts_values_and_defaults(heading):
    documented = reference_keys(TYPES[heading])
    checked = 0
    for name, promised in contract_keys(heading).items():
        if "values" in promised:
            assert documented[name].get("values") == promised["values"], name
            checked += 1
        if "default" in promised:
            assert documented[name]["default"] == promised["default"], name
            checked += 1
    assert checked >= (7 if heading == "Event" else 1)  # kind, audience, event_status, state, label, status…


def test_the_reference_has_the_keys_issue_11_added():
    documented = reference_keys("Event")
    assert {"registration.price", "registration.currency"} <= set(documented)


@needs_contract
def test_the_reference_gives_every_address_the_site_builds():
    """Every URL of the contract's first round is built, so it is in the reference's table;
    of the second round's, those built so far (people…): no address the contract does not give."""
    documented = urls(section(reference(), "URLs"))
    assert urls(section(first_round(), "URLs")) - documented == set()
    second = {u for u in re.findall(r"`(/[^`]*)`", second_round())}
    assert documented - urls(section(first_round(), "URLs")) - ADDED_URLS <= second


# Pages of a kind of content the shipped site has none of, and the test that builds them.
BUILT_BY_OTHER_TESTS = {"/people/<slug>/": "tests/test_people.py"}


def test_every_address_of_the_reference_is_built(shipped):
    """What the reference promises is there, in a build of the shipped site (or, for the kinds
    of content it has none of, in the test of that kind)."""
    files = set(shipped.files())
    for url in urls(section(reference(), "URLs")) - set(BUILT_BY_OTHER_TESTS):
        path = url.lstrip("/") + ("index.html" if url.endswith("/") else "")
        parts = re.split(r"(<[a-z-]+>)", path)
        pattern = re.compile("".join("[a-z0-9-]+" if part.startswith("<") else re.escape(part) for part in parts))
        assert any(pattern.fullmatch(f) for f in files), url


@needs_contract
def test_the_reference_keeps_the_contracts_rules_of_time_and_registration():
    contract = one_line(section(first_round(), "Time and registration"))
    documented = one_line(section(reference(), "Time and registration"))
    for promise in (
        "SOURCE_DATE_EPOCH",
        "(seconds since 1970, UTC)",
        "byte-identical",
        "upcoming until its end has passed",
    ):
        assert promise in contract and promise in documented, promise
    order = re.search(r"Its registration is, in this order: (.*?)\. A page", contract).group(1)
    states = [without_brackets(state).strip() for state in order.split(" · ")]
    listed = re.findall(r"^\d\. ([^:(]+?)(?: \(.*?\))?:", section(reference(), "Time and registration"), re.M)
    assert listed == states
    without_scripts = "without scripts it shows what was true at the build"
    assert without_scripts in contract and without_scripts in documented


@needs_contract
def test_the_reference_names_every_mistake_of_the_contract():
    contract = one_line(section(first_round(), "Errors"))
    listed = re.search(r"Errors include: (.*?)\.$", contract).group(1)
    documented = one_line(section(reference(), "Mistakes"))
    for mistake in listed.split(", "):
        assert mistake in documented, mistake
    assert "non-zero exit" in documented and "writes nothing" in documented


@needs_contract
def test_the_reference_has_the_contracts_file_layout():
    def layout_of(text: str) -> list[str]:
        block = section(text, "Files").split("```")[1]
        return re.findall(r"^  (\S+)", block, re.MULTILINE)

    layout = layout_of(first_round())
    documented = set(layout_of(reference()))
    assert layout and set(layout) <= documented
    for added in documented - set(layout):  # the second round's folders (people/…), built so far
        assert f"`{added.split('/')[0]}/" in second_round(), added


def test_the_readme_points_to_the_reference_not_to_a_file_users_do_not_have():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "../shared" not in readme and "content-contract" not in readme
    assert "(docs/reference.md)" in readme
    for guide in ("editing.md", "deploying.md", "reference.md"):
        assert "../shared" not in (REPO / "docs" / guide).read_text(encoding="utf-8"), guide


def test_the_reference_links_resolve():
    for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", reference()):
        if not target.startswith("http"):
            assert (REFERENCE.parent / target).exists(), target
    assert Path(REPO / "docs/editing.md").read_text(encoding="utf-8").count("(reference.md#every-key)") == 1
