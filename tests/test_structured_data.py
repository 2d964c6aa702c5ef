"""schema.org data claims only what the editor said: prices, offers and session times."""

from __future__ import annotations

import json

import pytest

from sitebuild import ContentFolder, epoch

REGISTRATION = {"url": "https://forms.example.org/conf", "opens": "2026-11-01", "closes": "2027-03-01"}
VENUE = {"venue": {"city": "Oslo", "country": "Norway"}, "timezone": "Europe/Oslo"}


def json_ld(page) -> dict | None:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) <= 1
    return json.loads(scripts[0].string) if scripts else None


def test_a_free_event_says_price_0(content: ContentFolder, build_content):
    content.event("conf", **VENUE, registration={**REGISTRATION, "price": 0})
    result = build_content()
    assert result.ok, result
    assert json_ld(result.soup("events/conf/"))["offers"] == {
        "@type": "Offer",
        "url": "https://forms.example.org/conf",
        "price": 0,
        "availability": "https://schema.org/InStock",
        "validFrom": "2026-11-01T00:00:00+01:00",
        "validThrough": "2027-03-02T00:00:00+01:00",
    }
    assert "Registration is free." in result.soup("events/conf/").select_one("[data-registration]").get_text()


def test_a_priced_event_gives_its_price_and_currency(content: ContentFolder, build_content):
    content.event("conf", **VENUE, registration={**REGISTRATION, "price": 25.5, "currency": "eur"})
    result = build_content()
    assert result.ok, result
    offer = json_ld(result.soup("events/conf/"))["offers"]
    assert (offer["price"], offer["priceCurrency"]) == (25.5, "EUR")
    assert "Price: 25.50 EUR." in result.soup("events/conf/").select_one("[data-registration]").get_text()


def test_without_a_price_there_is_no_offer(content: ContentFolder, build_content):
    content.event("conf", **VENUE, registration=REGISTRATION)
    assert "offers" not in json_ld(build_content().soup("events/conf/"))


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_a_cancelled_or_postponed_event_offers_nothing(content: ContentFolder, build_content, status):
    content.event("conf", **VENUE, event_status=status, registration={**REGISTRATION, "price": 0})
    data = json_ld(build_content().soup("events/conf/"))
    assert "offers" not in data
    assert data["eventStatus"] == f"https://schema.org/Event{status.capitalize()}"


@pytest.mark.parametrize(
    ("moment", "availability"),
    [
        ("2026-10-15T12:00+02:00", "PreOrder"),  # before it opens
        ("2026-11-23T12:00+01:00", "InStock"),
        ("2027-03-05T12:00+01:00", None),  # registration closed, the event still to come: not sold out
        ("2027-03-12T12:00+01:00", None),  # the event is over
    ],
)
def test_an_offer_only_while_registration_is_to_open_or_open(
    content: ContentFolder, build_content, moment, availability
):
    content.event("conf", **VENUE, registration={**REGISTRATION, "price": 0})
    result = build_content(now=epoch(moment))
    assert result.ok, result
    offer = json_ld(result.soup("events/conf/")).get("offers")
    assert (offer and offer["availability"]) == (availability and f"https://schema.org/{availability}")


def test_a_full_registration_is_sold_out(content: ContentFolder, build_content):
    content.event("conf", **VENUE, registration={**REGISTRATION, "price": 0, "state": "full"})
    assert json_ld(build_content().soup("events/conf/"))["offers"]["availability"] == "https://schema.org/SoldOut"


@pytest.mark.parametrize(
    ("registration", "line"),
    [
        ({"price": 10}, "events/conf/index.md: registration.currency: is missing: a price needs its currency"),
        ({"currency": "EUR"}, "events/conf/index.md: registration.price: is missing: registration.currency is given"),
        ({"price": 10, "currency": "euro"}, 'events/conf/index.md: registration.currency: "euro" is not'),
        ({"price": -5}, "events/conf/index.md: registration.price: "),
        ({"price": "free"}, "events/conf/index.md: registration.price: "),
    ],
)
def test_a_wrong_price_is_one_clear_line(content: ContentFolder, build_content, registration, line):
    content.event("conf", **VENUE, registration={**REGISTRATION, **registration})
    result = build_content()
    assert not result.ok
    assert "Traceback" not in result.result.stderr
    errors = [e.split(str(content.root) + "/")[-1] for e in result.errors if "warning:" not in e]
    assert any(e.startswith(line) for e in errors), result
    assert not (result.output / "events/conf/index.html").exists()


def test_a_session_without_a_time_claims_no_start(content: ContentFolder, build_content):
    content.event("conf", **VENUE, start="2027-03-10", end="2027-03-11")
    content.session("conf", "tba")
    content.session("conf", "day-two", start="2027-03-11")
    result = build_content()
    assert result.ok, result
    assert json_ld(result.soup("events/conf/tba/")) is None
    day_two = json_ld(result.soup("events/conf/day-two/"))
    assert (day_two["startDate"], day_two["endDate"]) == ("2027-03-11", "2027-03-11")


def test_a_session_names_its_events_organizer_and_image(content: ContentFolder, build_content):
    content.organization("host", website="https://host.example.org")
    content.event("conf", **VENUE, host="host", image="hall.png", image_alt="The hall")
    content.picture("events/conf/hall.png")
    content.session("conf", "talk", start="2027-03-10 09:00", end="2027-03-10 10:00")
    result = build_content()
    assert result.ok, result
    event, session = (json_ld(result.soup(p)) for p in ("events/conf/", "events/conf/talk/"))
    assert (
        session["organizer"]
        == event["organizer"]
        == [{"@type": "Organization", "name": "Organisation host", "url": "https://host.example.org"}]
    )
    assert session["image"] == event["image"] == ["https://events.ifex.org/events/conf/hall.png"]
