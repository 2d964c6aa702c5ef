"""Every content error of the contract: a non-zero exit, one line naming file, key and
fix, no traceback, and nothing written.

The errors are found by a build run in this process (check_content, sitebuild.check), in
milliseconds; a few builds with the real `pelican` command show the same end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import ContentFolder, build


def assert_stopped(result, file: str, key: str, *fragments: str) -> str:
    """The build failed without a traceback, wrote nothing, and said `file: key: …`."""
    assert result.result.returncode != 0
    assert "Traceback" not in result.result.stderr + result.result.stdout
    assert not result.output.exists() or not any(result.output.iterdir()), "a failed build must write nothing"
    matching = [line for line in result.errors if f"{file}: {key}: " in line]
    assert matching, f"no line for {file}: {key}: in\n{result.result.stderr}"
    complete = [line for line in matching if all(fragment in line for fragment in fragments)]
    assert complete, f"no line with {fragments} among\n" + "\n".join(matching)
    return complete[0]


def test_a_missing_required_key(content: ContentFolder, check_content):
    content.markdown("events/meet/index.md", {"title": "A meeting", "start": "2027-03-10"})
    line = assert_stopped(check_content(), "events/meet/index.md", "kind", "is missing")
    assert "conference, meeting, workshop, webinar, other" in line


def test_an_unknown_key_suggests_the_nearest_valid_one(content: ContentFolder, check_content):
    content.event("meet", timezon="Europe/Helsinki")
    assert_stopped(check_content(), "events/meet/index.md", "timezon", "not a key", 'did you mean "timezone"?')


def test_an_unknown_nested_key_names_its_map(content: ContentFolder, check_content):
    content.event("meet", venue={"city": "Helsinki", "country": "Finland", "adress": "Main street 1"})
    assert_stopped(check_content(), "events/meet/index.md", "venue.adress", 'did you mean "address"?')


@pytest.mark.parametrize(
    ("front", "key", "fragment"),
    [
        ({"partners": {"cpj": 1}}, "partners", "a group of keys is not a slug"),
        ({"venue": "Helsinki"}, "venue", "must be a group of keys"),
        (
            {"parts": [{"id": "a", "title": "A", "audience": 3}]},
            "parts[1].audience",
            "the number 3 is not one of",
        ),
        ({"summary": ["a", "b"]}, "summary", "must be text, not a list"),
    ],
)
def test_a_value_of_the_wrong_type(content: ContentFolder, check_content, front, key, fragment):
    content.event("meet", **front)
    assert_stopped(check_content(), "events/meet/index.md", key, fragment)


def test_a_yes_no_value_where_text_belongs_says_to_quote_it(content: ContentFolder, check_content):
    content.write("organizations/nrk.md", "---\ntitle: NRK\ncountry: NO\n---\n")
    assert_stopped(check_content(), "organizations/nrk.md", "country", "yes/no", "quotes")


def test_a_value_outside_its_list(content: ContentFolder, check_content):
    content.event("meet", kind="seminar")
    assert_stopped(check_content(), "events/meet/index.md", "kind", '"seminar" is not one of', "conference")


def test_a_date_that_does_not_exist(content: ContentFolder, check_content):
    content.event("meet", start="2027-02-30")
    assert_stopped(check_content(), "events/meet/index.md", "start", "February 2027 has 28 days")


def test_a_date_in_the_wrong_format(content: ContentFolder, check_content):
    content.event("meet", start="10/03/2027")
    assert_stopped(check_content(), "events/meet/index.md", "start", "is not a date", "2027-03-10 09:30")


def test_a_time_skipped_by_daylight_saving(content: ContentFolder, check_content):
    content.event("meet", start="2027-03-28 03:30", timezone="Europe/Helsinki")
    assert_stopped(check_content(), "events/meet/index.md", "start", "does not exist in Europe/Helsinki")


def test_an_end_before_the_start(content: ContentFolder, check_content):
    content.event("meet", start="2027-03-10", end="2027-03-09")
    assert_stopped(check_content(), "events/meet/index.md", "end", "is before start")


def test_a_session_ending_before_it_starts(content: ContentFolder, check_content):
    content.event("meet")
    content.session("meet", "talk", start="2027-03-10 10:00", end="2027-03-10 09:00")
    assert_stopped(check_content(), "events/meet/sessions/talk.md", "end", "is before start")


def test_an_unknown_time_zone(content: ContentFolder, check_content):
    content.event("meet", timezone="Europe/Helsinky")
    assert_stopped(check_content(), "events/meet/index.md", "timezone", "not a known time zone", "Europe/Helsinki")


def test_a_session_outside_its_events_dates(content: ContentFolder, check_content):
    content.event("meet", start="2027-03-10", end="2027-03-11")
    content.session("meet", "late", start="2027-03-12 09:00")
    assert_stopped(
        check_content(),
        "events/meet/sessions/late.md",
        "start",
        "not inside its event's dates (2027-03-10 to 2027-03-11)",
    )


@pytest.mark.parametrize(
    ("front", "key", "fragment"),
    [
        ({"host": "cpjj"}, "host", 'there is no organisation "cpjj"'),
        ({"partners": ["nobody"]}, "partners", 'there is no organisation "nobody"'),
        ({"campaigns": ["no-impunity"]}, "campaigns", 'there is no campaign "no-impunity"'),
    ],
)
def test_a_reference_to_a_slug_that_does_not_exist(content: ContentFolder, check_content, front, key, fragment):
    content.organization("cpj")
    content.event("meet", **front)
    assert_stopped(check_content(), "events/meet/index.md", key, fragment)


def test_a_misspelt_slug_gets_a_suggestion(content: ContentFolder, check_content):
    content.organization("cpj")
    content.event("meet", host="cpjj")
    assert_stopped(check_content(), "events/meet/index.md", "host", 'did you mean "cpj"?')


def test_news_naming_an_event_that_does_not_exist(content: ContentFolder, check_content):
    content.event("meet")
    content.news("hello", event="meat")
    assert_stopped(check_content(), "news/hello.md", "event", 'there is no event "meat"', 'did you mean "meet"?')


def test_a_reference_to_a_part_that_does_not_exist(content: ContentFolder, check_content):
    content.event("meet", parts=[{"id": "members", "title": "Members' day"}])
    content.session("meet", "talk", part="public")
    assert_stopped(check_content(), "events/meet/sessions/talk.md", "part", 'no part "public"', "members")


def test_a_reference_to_a_file_that_does_not_exist(content: ContentFolder, check_content):
    content.event("meet", image="banner.jpg", image_alt="The venue")
    assert_stopped(check_content(), "events/meet/index.md", "image", 'no file "banner.jpg"')


def test_an_image_without_its_text_alternative(content: ContentFolder, check_content):
    content.event("meet", image="banner.jpg")
    (content.root / "events/meet/banner.jpg").write_bytes(b"\xff\xd8")
    assert_stopped(check_content(), "events/meet/index.md", "image_alt", "is missing")


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("http://example.org/register", "not a secure address"),
        ("/register", "not an absolute https address"),
        ("example.org/register", "not an absolute https address"),
    ],
)
def test_a_registration_url_that_is_not_absolute_https(content: ContentFolder, check_content, url, fragment):
    content.event("meet", registration={"url": url})
    assert_stopped(check_content(), "events/meet/index.md", "registration.url", fragment, "https://")


def test_a_registration_without_its_url(content: ContentFolder, check_content):
    content.event("meet", registration={"label": "Sign up"})
    assert_stopped(check_content(), "events/meet/index.md", "registration.url", "is missing")


def test_registration_closing_after_the_event(content: ContentFolder, check_content):
    content.event("meet", registration={"url": "https://forms.example/x", "closes": "2027-04-01"})
    assert_stopped(check_content(), "events/meet/index.md", "registration.closes", "after the event's last day")


def test_two_files_with_one_slug(content: ContentFolder, check_content):
    content.organization("cpj")
    content.organization("committee", slug="cpj")
    # files are read in name order: the second one is reported, naming the first
    assert_stopped(
        check_content(),
        "organizations/cpj.md",
        "slug",
        '"cpj" is also the slug of organizations/committee.md',
    )


def test_two_news_with_one_slug(content: ContentFolder, check_content):
    content.news("hello")
    content.news("hello-again", slug="hello")
    assert_stopped(check_content(), "news/hello.md", "slug", "is also the slug of news/hello-again.md")


def test_a_page_taking_the_address_of_a_site_page(content: ContentFolder, check_content):
    content.page("events")
    assert_stopped(check_content(), "pages/events.md", "slug", "one of the site's own pages")


def test_a_file_name_that_is_not_a_slug(content: ContentFolder, check_content):
    content.organization("My Org")
    assert_stopped(check_content(), "organizations/My Org.md", "slug", 'rename the file to "my-org"')


def test_yaml_that_does_not_parse(content: ContentFolder, check_content):
    content.write(
        "events/meet/index.md",
        "---\ntitle: Meeting: the sequel\nkind: meeting\nstart: 2027-03-10\n---\nBody\n",
    )
    assert_stopped(check_content(), "events/meet/index.md", "front matter", "line 2", "not valid YAML", "quotes")


def test_a_key_given_twice(content: ContentFolder, check_content):
    content.write("events/meet/index.md", "---\ntitle: A\nkind: meeting\nstart: 2027-03-10\ntitle: B\n---\n")
    assert_stopped(check_content(), "events/meet/index.md", "front matter", 'the key "title" is given twice')


def test_a_file_without_front_matter(content: ContentFolder, check_content):
    content.write("pages/about.md", "# About\n\nNo front matter here.\n")
    assert_stopped(check_content(), "pages/about.md", "front matter", "three dashes")


def test_markdown_outside_the_layout(content: ContentFolder, check_content):
    content.markdown("events/meet.md", {"title": "A meeting"})
    assert_stopped(check_content(), "events/meet.md", "file", "events/meet/index.md")


def test_a_session_whose_event_has_no_index(content: ContentFolder, check_content):
    content.session("ghost", "talk")
    assert_stopped(check_content(), "events/ghost/sessions/talk.md", "file", "no events/ghost/index.md")


def test_every_error_of_every_file_at_once(content: ContentFolder, build_with_pelican):
    content.organization("cpj")
    content.event("one", kind="seminar", timezon="UTC", host="cpjj")
    content.event("two", start="2027-13-01")
    content.session("two", "talk", start="nope")
    content.news("hello", date="yesterday")
    content.write("pages/broken.md", "---\ntitle: [unclosed\n---\n")
    result = build_with_pelican()
    assert result.result.returncode != 0
    assert "Traceback" not in result.result.stderr + result.result.stdout
    assert not result.output.exists(), "a failed build must write nothing"
    expected = [
        "events/one/index.md: kind:",
        "events/one/index.md: timezon:",
        "events/two/index.md: start:",
        "events/two/sessions/talk.md: start:",
        "news/hello.md: date:",
        "pages/broken.md: front matter:",
    ]
    for start in expected:
        assert any(start in line for line in result.errors), f"{start} missing from\n{result.result.stderr}"
    # host is checked against the organisations once the file's own keys are valid
    assert "Build stopped: 6 content errors" in result.result.stderr


def test_a_broken_file_is_not_reported_again_as_missing(content: ContentFolder, check_content):
    content.write("organizations/cpj.md", "---\ntitle: [broken\n---\n")
    content.event("meet", host="cpj")
    result = check_content()
    assert result.result.returncode != 0
    assert not any('there is no organisation "cpj"' in line for line in result.errors)


def test_a_failed_build_keeps_the_previous_site(content: ContentFolder, build_with_pelican, tmp_path: Path):
    content.event("meet")
    assert build_with_pelican(settings="publishconf.py").ok
    before = {p: p.read_bytes() for p in (tmp_path / "output").rglob("*") if p.is_file()}
    content.event("meet", kind="seminar")
    result = build_with_pelican(settings="publishconf.py")
    assert result.result.returncode != 0
    after = {p: p.read_bytes() for p in (tmp_path / "output").rglob("*") if p.is_file()}
    assert after == before


def test_a_bad_source_date_epoch_is_an_error_not_a_crash(content: ContentFolder, tmp_path: Path):
    content.event("meet")
    result = build(content.root, tmp_path / "output", env={"SOURCE_DATE_EPOCH": "yesterday"})
    assert result.result.returncode != 0
    assert "Traceback" not in result.result.stderr
    assert "SOURCE_DATE_EPOCH" in result.result.stderr


def test_a_source_date_epoch_out_of_range_is_an_error_not_a_crash(content: ContentFolder, check_content):
    content.event("meet")
    result = check_content(env={"SOURCE_DATE_EPOCH": "99999999999999"})
    assert result.result.returncode != 0
    assert "Traceback" not in result.result.stderr + result.result.stdout
    assert "SOURCE_DATE_EPOCH" in result.result.stderr


def test_registration_opening_after_the_event_starts(content: ContentFolder, check_content):
    content.event("meet", start="2027-03-10", registration={"url": "https://forms.example/x", "opens": "2027-03-11"})
    assert_stopped(check_content(), "events/meet/index.md", "registration.opens", "not before the event's start")


def test_a_key_that_is_a_list_is_explained(content: ContentFolder, check_content):
    content.write("organizations/x.md", "---\ntitle: X\n[website]: https://example.org\n---\n")
    assert_stopped(check_content(), "organizations/x.md", "front matter", "line 3", "a key must be a plain word")


def test_a_key_with_no_name_is_explained(content: ContentFolder, check_content):
    content.write("organizations/x.md", "---\ntitle: X\nnull: 1\n---\n")
    line = assert_stopped(check_content(), "organizations/x.md", "None", "is not a word")
    assert "did you mean" not in line


def test_a_tab_in_the_front_matter_says_to_use_spaces(content: ContentFolder, check_content):
    content.write(
        "events/meet/index.md", "---\ntitle: A\nkind: meeting\nstart: 2027-03-10\nvenue:\n\tcity: Oslo\n---\n"
    )
    assert_stopped(check_content(), "events/meet/index.md", "front matter", "indent with spaces")


@pytest.mark.parametrize("start", ["9999-12-31", "0001-01-01 00:30"])
def test_placeholder_years_are_refused(content: ContentFolder, check_content, start):
    content.event("meet", start=start)
    assert_stopped(check_content(), "events/meet/index.md", "start", "use a year from 1900 to 2199")


def test_a_registration_time_skipped_by_daylight_saving(content: ContentFolder, check_content):
    content.event(
        "meet",
        start="2027-04-10",
        timezone="Europe/Helsinki",
        registration={"url": "https://forms.example/x", "closes": "2027-03-28 03:30"},
    )
    assert_stopped(check_content(), "events/meet/index.md", "registration.closes", "does not exist in Europe/Helsinki")


def test_a_missing_campaign_image(content: ContentFolder, check_content):
    content.campaign("camp", image="poster.jpg", image_alt="The poster")
    assert_stopped(check_content(), "campaigns/camp.md", "image", 'no file "poster.jpg" in campaigns/')


def test_a_link_in_the_text_to_a_missing_file(content: ContentFolder, check_content):
    content.event("meet", body="Read [the agenda]({static}agenda.pdf) and [more]({filename}/pages/nope.md).\n")
    result = check_content()
    assert_stopped(result, "events/meet/index.md", "text", "{static}agenda.pdf", "put the file in events/meet/")
    assert_stopped(result, "events/meet/index.md", "text", "{filename}/pages/nope.md", "put the file in pages/")


def test_an_attachment_that_would_replace_a_generated_file(content: ContentFolder, check_content):
    content.event("meet")
    content.write("events/meet/calendar.ics", "BEGIN:VCALENDAR\nEND:VCALENDAR\n")
    assert_stopped(check_content(), "events/meet/calendar.ics", "file", "/events/meet/calendar.ics", "another name")


def test_a_slug_that_is_not_ascii_gets_an_ascii_suggestion(content: ContentFolder, check_content):
    content.organization("ääkkönen")
    assert_stopped(check_content(), "organizations/ääkkönen.md", "slug", 'rename the file to "aakkonen"')


def test_an_offset_given_as_a_time_zone_asks_for_the_citys_zone(content: ContentFolder, check_content):
    content.event("meet", timezone="UTC+2")
    line = assert_stopped(check_content(), "events/meet/index.md", "timezone", "an offset from UTC", "Europe/Helsinki")
    assert 'did you mean "UTC"' not in line


def test_a_time_zone_of_no_place_is_refused(content: ContentFolder, check_content):
    """tzdata's "Factory" (its zone for "not set", named "-00") is no event's zone; UTC is."""
    content.event("meet", timezone="Factory")
    assert_stopped(check_content(), "events/meet/index.md", "timezone", '"Factory" is the time zone of no place')


def test_a_time_zone_given_as_a_list_is_one_line(content: ContentFolder, check_content):
    content.event("meet", timezone=["Europe/Helsinki"])
    assert_stopped(check_content(), "events/meet/index.md", "timezone", "not a known time zone")


def test_utc_is_a_time_zone(content: ContentFolder, check_content):
    content.event("meet", timezone="UTC")
    assert check_content().ok


def test_a_price_that_is_not_a_number_shows_a_price(content: ContentFolder, check_content):
    content.event("meet", registration={"url": "https://forms.example/x", "price": "twenty", "currency": "EUR"})
    line = assert_stopped(
        check_content(), "events/meet/index.md", "registration.price", "e.g. 25, or 0 when it is free"
    )
    assert "60.1699" not in line
