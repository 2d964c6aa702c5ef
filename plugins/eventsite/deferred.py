"""The one promise between the generators and the preview: a writer that defers jobs.

Pelican hands every generator of a build the same writer, whose class a plugin may
choose through `signals.get_writer`. A build's writer writes at once, and our
generator shares its files out over the build's workers (parallel.run_in_workers).
A writer that is a DeferringWriter (the preview's: preview.RecordingWriter) is given
each file as a job instead, with the path it writes, to run when a browser asks for
that path; the jobs write with its `renderer`, a writer that does write.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable

from pelican.writers import Writer


@runtime_checkable
class DeferringWriter(Protocol):
    """What generate_output() looks for in its writer (isinstance works on it)."""

    renderer: Writer  # what the deferred jobs write pages with

    def defer(self, save_as: str, job: Callable[[], None]) -> None:
        """Keep a job that writes `save_as` (relative to the output folder), to run later."""
