"""Small things a visitor reads: an event's audiences in a list, speakers, an organisation's line."""

from __future__ import annotations


def card_facts(result, path: str = "events/") -> list[str]:
    return [li.get_text(" ", strip=True) for li in result.soup(path).select(".event-card .card-facts li")]


def parts(*audiences: str | None) -> list[dict]:
    days = ["2027-03-10", "2027-03-11", "2027-03-12"]
    return [
        {"id": f"part-{i}", "title": f"Part {i}", "start": day, **({"audience": a} if a else {})}
        for i, (day, a) in enumerate(zip(days, audiences, strict=False))
    ]


def test_a_card_gives_the_parts_audiences_in_their_order(content, build_content):
    content.event("forum", end="2027-03-12", audience="public", parts=parts("members", None, "public"))
    result = build_content(now=1780000000)
    assert result.ok, result
    assert "Members, then open to the public" in card_facts(result)


def test_a_card_of_parts_for_the_same_people_says_it_once(content, build_content):
    content.event("forum", end="2027-03-11", audience="members", parts=parts("members", None))
    result = build_content(now=1780000000)
    assert result.ok, result
    assert "Members only" in card_facts(result)


def test_a_speaker_named_as_their_unlisted_organisation_is_named_once(content, build_content):
    content.event("forum")
    content.session(
        "forum",
        "talk",
        speakers=[
            {"name": "Pacific Press Network", "organization": "pacific press network"},
            {"name": "Ana Lopez", "organization": "Pacific Press Network"},
        ],
    )
    result = build_content(now=1780000000)
    assert result.ok, result
    speakers = result.soup("events/forum/talk/").select(".facts dd ul li")
    assert [li.get_text(strip=True) for li in speakers] == ["Pacific Press Network", "Ana Lopez, Pacific Press Network"]


def test_an_organisations_line_holds_only_what_it_was_told(content, build_content):
    content.organization("member", member=True)
    content.organization("plain")
    result = build_content(now=1780000000)
    assert result.ok, result
    member = result.soup("organizations/member/")
    assert member.h1.find_next_sibling("p").get_text() == "A member of the network"
    plain = result.soup("organizations/plain/")
    assert plain.h1.find_next_sibling().name != "p"
