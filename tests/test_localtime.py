"""Dates and times as editors write them."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from eventsite.localtime import TimeSpan, parse_local, skipped_by_dst

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2016-05-02", date(2016, 5, 2)),
        ("2027-03-10 09:30", datetime(2027, 3, 10, 9, 30)),
        ("2027-03-10T09:30", datetime(2027, 3, 10, 9, 30)),
        ("2028-02-29", date(2028, 2, 29)),
    ],
)
def test_dates_and_times_are_read(text, value):
    assert parse_local(text) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2027-02-29", "February 2027 has 28 days"),
        ("2027-04-31", "April 2027 has 30 days"),
        ("2027-13-01", "there is no month 13"),
        ("2027-03-10 24:00", "use 00:00 to 23:59"),
        ("10 March 2027", "is not a date or a date and time"),
        ("2027-3-10", "is not a date or a date and time"),
    ],
)
def test_impossible_dates_say_why(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_local(text)


def test_a_time_in_the_hour_skipped_by_dst_is_detected():
    assert skipped_by_dst(datetime(2027, 3, 28, 3, 30), HELSINKI)
    assert not skipped_by_dst(datetime(2027, 3, 28, 4, 30), HELSINKI)
    assert not skipped_by_dst(datetime(2027, 10, 31, 3, 30), HELSINKI)  # repeated, not skipped


def test_a_span_of_dates_is_all_day_and_ends_after_its_last_day():
    span = TimeSpan(date(2013, 6, 17), date(2013, 6, 20), ZoneInfo("Asia/Phnom_Penh"))
    assert span.all_day
    assert span.ends_at.isoformat() == "2013-06-21T00:00:00+07:00"
    assert [d.day for d in span.days()] == [17, 18, 19, 20]


def test_a_timed_span_keeps_each_moments_own_offset():
    span = TimeSpan(datetime(2027, 3, 27, 9, 0), datetime(2027, 3, 29, 17, 0), HELSINKI)
    assert not span.all_day
    assert span.starts_at.isoformat() == "2027-03-27T09:00:00+02:00"
    assert span.ends_at.isoformat() == "2027-03-29T17:00:00+03:00"
