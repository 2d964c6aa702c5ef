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
