"""The output folder: one build writing it at a time, replaced whole, readable by a web server.

- A lock file beside the folder (`.output.lock` for `output/`), taken with flock(2) by
  every build and by `invoke publish`: a second build into the same folder waits for
  the first, saying so, and gives up after a while. The lock lives beside the folder,
  not in it, because the folder is replaced; the kernel drops it when its process
  ends, however it ends, and the file is deleted by whoever held it last.
- replace_folder() swaps a new folder into the output folder's place in one step
  (renameat2 RENAME_EXCHANGE on Linux, renamex_np RENAME_SWAP on macOS), so that the
  old site or the new one is there at every instant; elsewhere, two renames, and the
  next build puts back a site left half-way. Every build (clean or not) and `invoke
  publish` build beside the folder and swap: a failure leaves the old site.
- keep_old_files() brings into a finished new folder what a build that does not empty
  the folder (DELETE_OUTPUT_DIRECTORY false) would have left there: Pelican's keep.
- remove_leftovers() deletes what a killed build left beside the folder.
- make_readable() gives a tree the modes a web server needs, whatever the umask.
- A folder that cannot be written is said in one line: cannot write to <folder>: <reason>.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path

WAIT_SECONDS = 600  # a publish with its site check takes a minute or two on a big site


class OutputProblem(SystemExit):
    """The output folder cannot be written, or another build holds it: one line, exit 1."""

    def __init__(self, line: str) -> None:
        super().__init__(1)
        self.line = line


def shown(folder: str | os.PathLike) -> str:
    """A folder as the person who ran the build wrote it: relative to where they are, if inside."""
    relative = os.path.relpath(os.path.abspath(folder))
    return os.path.abspath(folder) if relative.startswith("..") else relative


def cannot_write(folder: str | os.PathLike, error: OSError, written: str | os.PathLike | None = None) -> OutputProblem:
    """The line for an error writing `folder` (or `written`, the folder built in its stead)."""
    reason = error.strerror or str(error)
    written = os.path.abspath(written or folder)
    if error.filename and os.path.abspath(error.filename) != written:
        reason += f" ({os.path.relpath(os.path.abspath(error.filename), written)})"
    return OutputProblem(f"cannot write to {shown(folder)}: {reason}")


def identity(folder: str | os.PathLike) -> Path:
    """The folder itself, however it is spelled (through a link, with "..", relative): its
    lock, its leftovers and its new folder are named from this, so that two builds into
    one folder under two names wait for each other instead of deleting each other's work."""
    return Path(os.path.realpath(folder))


# --- one build at a time ---------------------------------------------------------------

_held: dict[str, tuple[int, Path | None]] = {}  # folder -> (descriptor, lock file), in this process


def lock_file_of(folder: Path) -> Path:
    return folder.parent / f".{folder.name}.lock"


def lock_output(folder: str | os.PathLike, wait: float = WAIT_SECONDS) -> bool:
    """Hold the folder's lock until release_output() or the end of the process; False if
    this process held it already.

    Waits up to `wait` seconds for another build to finish, then raises OutputProblem.
    The lock file is deleted on release: whoever locks checks that the file they locked
    is still the one at its path (else it was just deleted, and they try again)."""
    spelled, folder = folder, identity(folder)  # messages name it as the editor wrote it
    if str(folder) in _held:
        return False
    deadline, said = time.monotonic() + wait, False
    while True:
        descriptor, path = _open_lock(folder, spelled)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            if wait <= 0:
                raise OutputProblem(
                    f"Another build or preview is writing to {shown(spelled)}: stop it, or give this one another folder"
                ) from None
            if time.monotonic() >= deadline:
                raise OutputProblem(
                    f"Another build is still writing to {shown(spelled)} after {wait:g} s: "
                    "wait until it ends, or stop it, then build again"
                ) from None
            if not said:
                print(f"Another build is writing to {shown(spelled)}; waiting…", file=sys.stderr, flush=True)
                said = True
            time.sleep(0.1)
            continue
        if path is None or _is_still(descriptor, path):
            _held[str(folder)] = (descriptor, path)
            return True
        os.close(descriptor)  # deleted by the build that held it: lock the new one


def _is_still(descriptor: int, path: Path) -> bool:
    try:
        at_path = os.stat(path)
    except FileNotFoundError:
        return False
    locked = os.fstat(descriptor)
    return (locked.st_dev, locked.st_ino) == (at_path.st_dev, at_path.st_ino)


def _open_lock(folder: Path, spelled: str | os.PathLike) -> tuple[int, Path | None]:
    path = lock_file_of(folder)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)  # as Pelican would make the folder
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644), path
    except OSError as beside:
        # No room beside the folder (its parent is not ours to write): lock the folder
        # itself, which nobody can then replace anyway.
        try:
            return os.open(folder, os.O_RDONLY), None
        except OSError:
            reason = beside.strerror or str(beside)
            raise OutputProblem(f"cannot write to {shown(spelled)}: {reason}; nothing was written") from None


def release_output(folder: str | os.PathLike | None = None) -> None:
    """Let go of one folder's lock, or of every lock this process holds."""
    for held in [str(identity(folder))] if folder is not None else list(_held):
        descriptor, path = _held.pop(held, (None, None))
        if descriptor is None:
            continue
        if path is not None:
            with contextlib.suppress(OSError):
                os.unlink(path)  # while still holding it
        os.close(descriptor)


def check_writable(folder: str | os.PathLike) -> None:
    """Before anything is written or deleted: the folder exists, or can be made, and takes a file."""
    try:
        os.makedirs(folder, exist_ok=True)
        probe = os.open(os.path.join(folder, f".write-test-{os.getpid()}"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(probe, b"x")
        finally:
            os.close(probe)
            os.unlink(os.path.join(folder, f".write-test-{os.getpid()}"))
    except OSError as error:
        raise OutputProblem(
            f"cannot write to {shown(folder)}: {error.strerror or error}; nothing was written"
        ) from None


# --- replacing the folder whole --------------------------------------------------------


def new_folder_prefix(output: Path) -> str:
    return f".{output.name}.new-"


def previous_folder(output: Path) -> Path:
    return output.with_name(f".{output.name}.previous")


def remove_leftovers(output: Path) -> None:
    """What a killed build or publish left beside `output` (hold its lock first).

    A publish killed half-way through the two-rename fallback of replace_folder() left
    no `output/` but the previous site in `.output.previous`: that is put back."""
    output = identity(output)
    previous = previous_folder(output)
    if previous.is_dir() and not output.exists():
        os.rename(previous, output)
    for leftover in [previous, *output.parent.glob(new_folder_prefix(output) + "*")]:
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def replace_folder(new: Path, output: Path) -> None:
    """Put `new` in `output`'s place; `new` then holds the previous site, to be deleted.
    (A link named `output` stays: the folder it leads to is replaced.)"""
    output = identity(output)
    if not os.path.lexists(output):
        os.rename(new, output)
        return
    if _exchange(new, output):
        return
    previous = previous_folder(output)  # no atomic exchange here: two renames
    shutil.rmtree(previous, ignore_errors=True)
    os.rename(output, previous)
    os.rename(new, output)
    os.rename(previous, new)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step; False where the system or the file system cannot."""
    libc = _libc()
    try:
        if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
            at_fdcwd, rename_exchange = -100, 2
            done = libc.renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
        elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
            rename_swap = 2
            done = libc.renamex_np(os.fsencode(first), os.fsencode(second), rename_swap)
        else:
            return False
    except (AttributeError, OSError):
        return False
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
        return False  # not on this file system: the fallback says what really goes wrong
    raise OSError(code, os.strerror(code), str(second))


def _libc():
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    except OSError:
        return None


def staging_folder(output: str | os.PathLike, content: str | os.PathLike, retention) -> Path | None:
    """A new folder beside `output` to build into, swapped in by replace_folder() once
    the whole site is written (after keep_old_files() for a build that keeps what it does
    not write); None where the build must write in place: the content lies inside the
    output folder, the folder keeps files between builds (OUTPUT_RETENTION), is a mount
    point, or its parent cannot be written."""
    output, content = identity(output), identity(content)
    if content == output or output in content.parents:
        return None
    if output.exists():
        if not output.is_dir() or any((output / name).exists() for name in retention):
            return None
        if os.stat(output).st_dev != os.stat(output.parent).st_dev:
            return None
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=new_folder_prefix(output), dir=output.parent))
    except OSError:
        return None
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(folder, 0o777 & ~umask)  # as a folder made by the build would be, not mkdtemp's 0700
    return folder


def keep_old_files(old: Path, new: Path) -> None:
    """Into `new`, a site whose build has finished writing it: every file, folder and link
    of `old` (the output folder) at a path the build did not write, as a build in place
    would have left it. Files are hard links where the file system allows (nothing
    writes to them any more: the next build writes into a folder of its own), copies
    elsewhere; a link is made again with the same target, never followed, so the site
    check judges it as it would have in place; a folder whose name the new site uses
    for a file, or a file where it has a folder, gives way to the new site."""
    with os.scandir(old) as entries:
        for entry in entries:
            target = os.path.join(new, entry.name)
            try:
                there = os.lstat(target)
            except FileNotFoundError:
                there = None
            if entry.is_dir(follow_symlinks=False):
                if there is None:
                    os.mkdir(target)
                    os.chmod(target, stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode))
                elif not stat.S_ISDIR(there.st_mode):
                    continue
                keep_old_files(Path(entry.path), Path(target))
            elif there is not None:
                continue  # written by the new build
            elif entry.is_symlink():
                os.symlink(os.readlink(entry.path), target)
            elif entry.is_file(follow_symlinks=False):
                try:
                    os.link(entry.path, target, follow_symlinks=False)
                except OSError:  # no hard links here (another file system, a FAT disk, not our file)
                    shutil.copy2(entry.path, target, follow_symlinks=False)
            else:  # a pipe or a socket: nothing a web server serves
                with contextlib.suppress(OSError):
                    os.link(entry.path, target, follow_symlinks=False)


# --- modes -----------------------------------------------------------------------------


def make_readable(folder: Path) -> None:
    """Folders 0755 and files 0644, so that a web server running as another user reads them."""
    os.chmod(folder, 0o755)
    for root, folders, files in os.walk(folder):
        for name in folders + files:
            path = os.path.join(root, name)
            mode = os.lstat(path).st_mode
            if stat.S_ISDIR(mode):
                os.chmod(path, 0o755)
            elif stat.S_ISREG(mode):
                os.chmod(path, 0o644)
