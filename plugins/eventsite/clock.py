"""The moment of the build: the only place that reads the clock."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, datetime


class BadSourceDateEpoch(ValueError):
    pass


def build_moment(environ: Mapping[str, str] | None = None) -> datetime:
    """ "Now", in UTC: SOURCE_DATE_EPOCH when it is set (reproducible builds), else the clock."""
    environ = os.environ if environ is None else environ
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return datetime.now(UTC).replace(microsecond=0)
    try:
        return datetime.fromtimestamp(int(raw), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise BadSourceDateEpoch(
            f'SOURCE_DATE_EPOCH is "{raw}": it must be a whole number of seconds since '
            "1970-01-01 UTC (for example 1700000000), or unset"
        ) from None
