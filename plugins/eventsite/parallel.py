"""Use every core of the machine for the two slow, independent parts of a build:
reading Markdown files, and writing pages and calendar files.

Both fork the build process (Linux and macOS): the workers share everything read so
far without copying it, and write files or hand back plain data. The output does not
depend on how many workers there are.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def worker_count(settings: dict) -> int:
    """EVENTSITE_WORKERS, else one per core; 1 where processes cannot be forked."""
    if not hasattr(os, "fork"):
        return 1
    return max(1, int(settings.get("EVENTSITE_WORKERS") or os.cpu_count() or 1))


def map_in_workers(function: Callable, items: list, workers: int, chunksize: int = 32) -> list:
    """[function(item) for item in items], shared out over forked workers and this process.

    The workers are forked with `function` (e.g. a functools.partial holding a reader):
    it is never pickled, so it may hold anything; its results must pickle."""
    if workers <= 1 or len(items) < 2 * chunksize:
        return [function(item) for item in items]
    chunks = [items[start : start + chunksize] for start in range(0, len(items), chunksize)]
    results: list = [None] * len(chunks)
    taken = multiprocessing.get_context("fork").Value("i", 0)  # the next chunk to take, shared

    def work() -> list[tuple[int, list]]:
        done = []
        while True:
            with taken.get_lock():
                index = taken.value
                taken.value += 1
            if index >= len(chunks):
                return done
            done.append((index, [function(item) for item in chunks[index]]))

    with _frozen_heap():
        children = []  # (process id, the pipe it sends its results on)
        for _ in range(workers - 1):
            sys.stdout.flush()
            sys.stderr.flush()
            reading, writing = os.pipe()
            child = os.fork()
            if child == 0:  # a worker: its chunks' results, or its failure, then leave without cleanup
                status = 0
                try:
                    os.close(reading)
                    try:
                        message = pickle.dumps((True, work()), protocol=pickle.HIGHEST_PROTOCOL)
                    except BaseException as error:
                        status, message = 1, pickle.dumps((False, _failure(error, "reading")))
                    with os.fdopen(writing, "wb") as pipe:
                        pipe.write(message)
                finally:
                    sys.stdout.flush()
                    sys.stderr.flush()
                    os._exit(status)
            os.close(writing)
            children.append((child, reading))
        failure = None
        try:
            for index, result in work():
                results[index] = result
        except BaseException as error:
            failure = error
        for child, reading in children:
            with os.fdopen(reading, "rb") as pipe:
                reported = pipe.read()  # before waiting: a worker ends once its results are read
            os.waitpid(child, 0)
            try:
                succeeded, sent = pickle.loads(reported)
            except Exception:  # killed before it could say
                succeeded, sent = False, RuntimeError("a worker reading the site failed (see above)")
            if not succeeded:
                failure = failure or sent
                continue
            for index, result in sent:
                results[index] = result
        if failure is not None:
            raise failure
    return [result for chunk in results for result in chunk]


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Keep the garbage collector off what exists already (see gc.freeze in Python's
    documentation): the site read so far is not scanned again and again while pages
    are written; and collecting in a forked worker would write to, and so copy, memory
    it shares with this process."""
    frozen_already = gc.get_freeze_count() > 0  # by someone else, who will unfreeze it
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_already:
            gc.unfreeze()


def run_in_workers(jobs: list[tuple[str, Callable[[], None]]], workers: int) -> None:
    """Run jobs that write files, shared out over forked workers and this process.

    Jobs come with a group (e.g. an event's slug): a group's jobs run in one worker, so
    what they share (an event's calendar entries) is worked out once. Workers take the
    next group when they are done with one, biggest groups first: a core that the machine
    gives less time to simply writes fewer groups."""
    with _frozen_heap():
        if workers <= 1 or len(jobs) < 2 * workers:
            for _, job in jobs:
                job()
        else:
            _run_in_forked_workers(jobs, workers)


def _run_in_forked_workers(jobs: list[tuple[str, Callable[[], None]]], workers: int) -> None:
    by_group: dict[str, list[Callable[[], None]]] = {}
    for group, job in jobs:
        by_group.setdefault(group, []).append(job)
    groups = sorted(by_group.values(), key=len, reverse=True)
    taken = multiprocessing.get_context("fork").Value("i", 0)  # the next group to take, shared

    def work() -> None:
        while True:
            with taken.get_lock():
                index = taken.value
                taken.value += 1
            if index >= len(groups):
                return
            for job in groups[index]:
                job()

    children = []  # (process id, the pipe it reports a failure on)
    for _ in range(workers - 1):
        sys.stdout.flush()
        sys.stderr.flush()
        reading, writing = os.pipe()
        child = os.fork()
        if child == 0:  # a worker: write its groups, then leave without running any cleanup
            status = 0
            try:
                os.close(reading)
                work()
            except BaseException as error:
                status = 1
                os.write(writing, _as_bytes(error))
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(status)
        os.close(writing)
        children.append((child, reading))
    failure = None
    try:
        work()
    except BaseException as error:
        failure = error
    for child, reading in children:
        _, status = os.waitpid(child, 0)
        with os.fdopen(reading, "rb") as pipe:
            reported = pipe.read()
        if os.waitstatus_to_exitcode(status) != 0 and failure is None:
            failure = _from_bytes(reported)
    if failure is not None:
        raise failure


def _failure(error: BaseException, doing: str = "writing") -> BaseException:
    """A worker's failure, for the build process to raise as its own: an error writing
    a file (disk full, read-only folder) is then said in one line, like anywhere else."""
    if isinstance(error, OSError):
        return OSError(error.errno, error.strerror, error.filename)
    if isinstance(error, SystemExit):  # its lines were printed where it was raised
        return SystemExit(error.code)
    traceback.print_exc()
    return RuntimeError(f"a worker {doing} the site failed: {type(error).__name__}: {error}"[:1000])


def _as_bytes(error: BaseException) -> bytes:
    # Less than a pipe holds: the build process reads it after the worker ends.
    return pickle.dumps(_failure(error))[:4000]


def _from_bytes(reported: bytes) -> BaseException:
    try:
        return pickle.loads(reported)
    except Exception:  # killed before it could say why
        return RuntimeError("a worker writing the site failed (see above)")
