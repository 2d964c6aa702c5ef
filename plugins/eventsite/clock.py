"""The moment of the build: the only place that reads the clock."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, datetime


class BadSourceDateEpoch(ValueError):
    pass


# ASCII digits only: int() would also take " 12 ", "+12", "1_2" and full-width "１２".
_SECONDS = re.compile(r"[0-9]+")


def build_moment(environ: Mapping[str, str] | None = None) -> datetime:
    """ "Now", in UTC: SOURCE_DATE_EPOCH when it is set (reproducible builds), else the clock."""
    environ = os.environ if environ is None else environ
    raw = environ.get("SOURCE_DATE_EPOCH", "")
    if raw == "":
        return datetime.now(UTC).replace(microsecond=0)
    shown = repr(raw) if len(raw) <= 40 else f"{raw[:20]!r}… ({len(raw)} characters)"
    if not _SECONDS.fullmatch(raw):
        raise BadSourceDateEpoch(
            f"SOURCE_DATE_EPOCH is {shown}: it must be a whole number of seconds since "
            "1970-01-01 UTC, in the digits 0 to 9 alone (for example 1700000000), or unset"
        )
    digits = raw.lstrip("0") or "0"
    try:
        if len(digits) > 12:  # the year 10000 is 253402300800
            raise OverflowError(raw)
        return datetime.fromtimestamp(int(digits), tz=UTC)
    except (ValueError, OverflowError, OSError):
        raise BadSourceDateEpoch(
            f"SOURCE_DATE_EPOCH is {shown}: that is after the year 9999 "
            "(give the build's moment in seconds since 1970-01-01 UTC, for example 1700000000, or unset it)"
        ) from None
