"""'Now' is SOURCE_DATE_EPOCH when set, else the clock."""

from datetime import UTC, datetime

import pytest

from eventsite.clock import BadSourceDateEpoch, build_moment


def test_source_date_epoch_is_now():
    assert build_moment({"SOURCE_DATE_EPOCH": "1462147200"}) == datetime(2016, 5, 2, tzinfo=UTC)


def test_without_it_now_is_the_clock():
    before = datetime.now(UTC).replace(microsecond=0)
    assert before <= build_moment({}) <= datetime.now(UTC)


def test_a_value_that_is_not_a_number_is_explained():
    with pytest.raises(BadSourceDateEpoch, match="whole number of seconds"):
        build_moment({"SOURCE_DATE_EPOCH": "2016-05-02"})


@pytest.mark.parametrize("value", ["１２３", " 123", "123 ", "-5", "+5", "1_000", " ", "1e9", "99999999999999"])
def test_only_plain_ascii_digits_are_a_moment(value):
    with pytest.raises(BadSourceDateEpoch, match="SOURCE_DATE_EPOCH is"):
        build_moment({"SOURCE_DATE_EPOCH": value})


def test_an_empty_value_is_the_clock():
    assert build_moment({"SOURCE_DATE_EPOCH": ""}).year >= 2026
