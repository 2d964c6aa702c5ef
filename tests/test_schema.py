"""The front-matter schema: every key of the contract, its type and default."""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path

import pytest

from eventsite import schema
from eventsite.model import Registration, Speaker, Venue

CONTRACT = Path(__file__).resolve().parents[2] / "shared" / "content-contract.md"


def clean(content_type: str, front: dict):
    problems: list[tuple[str, str, str | None]] = []
    values = schema.clean(content_type, front, lambda key, what, fix=None: problems.append((key, what, fix)))
    return values, problems


def contract_keys(heading: str) -> set[str]:
    """The keys listed in one table of the content contract."""
    text = CONTRACT.read_text(encoding="utf-8")
    section = text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    keys = set()
    for match in re.finditer(r"^\| ([a-z_, ]+) \|", section, re.MULTILINE):
        keys.update(k.strip() for k in match.group(1).split(","))
    return keys - {"key"}


@pytest.mark.skipif(
    not CONTRACT.exists() and not os.environ.get("CONTRACT_REQUIRED"),
    reason="../shared/content-contract.md is beside the repository in this project's CI (.ci/run)",
)
@pytest.mark.parametrize(("heading", "content_type"), [("Event", "event"), ("Session", "session")])
def test_every_key_of_the_contract_is_in_the_schema(heading, content_type):
    known = {f.name for f in schema.SCHEMAS[content_type].fields}
    assert contract_keys(heading) - known == set()


@pytest.mark.parametrize("key", ["status", "lang", "translation", "date", "modified", "slug"])
@pytest.mark.parametrize("content_type", sorted(schema.SCHEMAS))
def test_pelicans_own_keys_are_accepted_everywhere(content_type, key):
    assert key in {f.name for f in schema.SCHEMAS[content_type].fields}


def test_a_minimal_event_gets_its_defaults():
    values, problems = clean("event", {"title": "T", "kind": "Workshop", "start": "2016-05-02"})
    assert problems == []
    assert values == {
        "title": "T",
        "kind": "workshop",
        "start": date(2016, 5, 2),
        "audience": "public",
        "event_status": "scheduled",
        "status": "published",
    }


def test_a_full_event_is_converted_to_typed_values():
    values, problems = clean(
        "event",
        {
            "title": "T",
            "kind": "conference",
            "start": "2027-03-10 09:00",
            "end": "2027-03-11 17:30",
            "timezone": "Pacific/Auckland",
            "venue": {
                "name": "Hall",
                "city": "Wellington",
                "country": "New Zealand",
                "lat": -41.29,
                "lon": 174.78,
            },
            "online": "https://stream.example/live",
            "host": "ifex",
            "partners": ["cpj", "cchr"],
            "registration": {"url": "https://forms.example/x", "opens": "2027-01-10", "state": "waitlist"},
            "parts": [{"id": "day-one", "title": "Day one", "start": "2027-03-10", "audience": "members"}],
            "tags": "solo tag",
        },
    )
    assert problems == []
    assert values["start"] == datetime(2027, 3, 10, 9, 0)
    assert values["venue"] == Venue(city="Wellington", country="New Zealand", name="Hall", lat=-41.29, lon=174.78)
    assert values["host"] == ("ifex",)  # one slug or a list of them
    assert values["registration"] == Registration(
        url="https://forms.example/x", opens=date(2027, 1, 10), state="waitlist"
    )
    assert values["parts"][0].audience == "members"
    assert values["tags"] == ("solo tag",)


def test_speakers_are_names_or_maps():
    values, problems = clean(
        "session", {"title": "T", "speakers": ["Ann", {"name": "Bo", "organization": "cpj", "role": "chair"}]}
    )
    assert problems == []
    assert values["speakers"] == (Speaker("Ann"), Speaker("Bo", "cpj", "chair"))


def test_an_empty_optional_key_counts_as_absent():
    values, problems = clean(
        "event", {"title": "T", "kind": "other", "start": "2027-01-01", "summary": None, "venue": None}
    )
    assert problems == []
    assert "summary" not in values and "venue" not in values


def test_every_problem_of_a_file_is_reported_with_its_key_path():
    _, problems = clean(
        "event",
        {
            "kind": "gala",
            "start": "2027-01-01",
            "venue": {"city": "Helsinki"},
            "parts": [{"id": "A B", "title": "x"}],
            "registration": {"url": "https://f.example", "opens": "2027-02-01", "closes": "2027-01-01"},
        },
    )
    assert [key for key, *_ in problems] == [
        "kind",
        "venue.country",
        "parts[1].id",
        "registration.closes",
        "title",
    ]


def test_venue_coordinates_come_in_pairs():
    _, problems = clean(
        "event",
        {
            "title": "T",
            "kind": "other",
            "start": "2027-01-01",
            "venue": {"city": "a", "country": "b", "lat": 1.0},
        },
    )
    assert problems[0][0] == "venue.lon"


@pytest.mark.parametrize("content_type", ["news"])
def test_news_needs_a_date(content_type):
    _, problems = clean(content_type, {"title": "T"})
    assert problems[0][:2] == ("date", "is missing")
