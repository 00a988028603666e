"""Write files so that a reader never sees a half-written one, and never replace what is not a file.

A regular file (or a new path) is written through a temporary file in the
same folder and renamed over the old one. Anything else named as an output —
``-`` (standard output), a character device such as ``/dev/null`` or a
terminal, a FIFO — is written to directly, as ``cat > PATH`` would: renaming
over it would replace the device or pipe with a regular file. Temporary files
are named ``.<name>.<random>.flashgen-tmp``; :func:`clean_stale` removes those
a killed process left behind.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable, Iterator, Optional, Union

from flashgen.errors import InputError, OutputError

PathLike = Union[str, "os.PathLike[str]"]

#: Suffix of flashgen's temporary files; nothing else uses it, so stale ones can be removed safely.
TMP_SUFFIX = ".flashgen-tmp"
#: A temporary file older than this is a leftover of a killed process, not a write in progress.
STALE_SECONDS = 3600.0


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _pieces(data: Union[str, bytes, Iterable[str]], encoding: str) -> Iterator[bytes]:
    if isinstance(data, str):
        yield data.encode(encoding)
    elif isinstance(data, bytes):
        yield data
    else:
        for piece in data:
            yield piece.encode(encoding)


def is_stream(path: PathLike) -> bool:
    """Whether ``path`` is standard output (``-``) or an existing non-regular file written in place.

    Character devices (``/dev/null``, a terminal), FIFOs and the ``/dev/fd``
    aliases of the process's own streams count; a missing path or a regular
    file does not.
    """
    name = os.fspath(path)
    if name == "-":
        return True
    try:
        mode = os.stat(name).st_mode
    except OSError:
        return False
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return True
    # /dev/stdout redirected to a file resolves to that file: still write in place, as the shell opened it.
    return name.startswith(("/dev/std", "/dev/fd/", "/proc/self/fd/"))


def _write_stream(name: str, data: Union[str, bytes, Iterable[str]], encoding: str) -> None:
    """Write to standard output, a device or a FIFO directly (no temporary file, no rename)."""
    if name == "-":
        out = sys.stdout.buffer
        for piece in _pieces(data, encoding):
            out.write(piece)
        out.flush()
        return
    try:
        # Like `cat > PATH`: a FIFO waits for its reader.
        fd = os.open(name, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise OutputError(f"cannot write {name}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            for piece in _pieces(data, encoding):
                fh.write(piece)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write {name}: {exc.strerror or exc}") from None


def check_output(output: PathLike, inputs: Iterable[tuple[str, Optional[PathLike]]] = ()) -> None:
    """Refuse an output that would replace an input file or that cannot be a file.

    Raises :class:`InputError` before any work is done when ``output`` is one
    of ``inputs`` (pairs of a name such as "transcript" and a path), and
    :class:`OutputError` for a folder, a socket or a block device.
    """
    name = os.fspath(output)
    if name == "-":
        return
    try:
        mode: Optional[int] = os.stat(name).st_mode
    except OSError:
        mode = None
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise OutputError(f"{name} is a folder; give a file name for the output")
        if stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
            raise OutputError(f"{name} is a {'block device' if stat.S_ISBLK(mode) else 'socket'}; give a file name")
    if mode is None or not stat.S_ISREG(mode):
        return
    target = os.path.realpath(name)
    for label, source in inputs:
        if source is None:
            continue
        try:
            same = os.path.samefile(source, name) or os.path.realpath(os.fspath(source)) == target
        except OSError:
            continue
        if same:
            raise InputError(f"{name} is the {label} itself; choose another output file")


def atomic_write(path: PathLike, data: Union[str, bytes, Iterable[str]], encoding: str = "utf-8") -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    ``data`` is text, bytes, or text in pieces (written as they come, so a long
    document need not be held whole). ``-``, devices and FIFOs are written to
    directly (see :func:`is_stream`); a symbolic link to a regular file keeps
    its link, and the file it points to is replaced.

    An interrupted write leaves the previous file intact (rename is atomic on
    one file system). Raises :class:`OutputError` with a one-line message when
    the folder cannot be created or written, or the disk is full.
    """
    name = os.fspath(path)
    check_output(name)
    if is_stream(name):
        _write_stream(name, data, encoding)
        return Path(name)
    target = Path(os.path.realpath(name)) if os.path.islink(name) else Path(name)
    prefix = temp_prefix(target.name)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=TMP_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write to {target.parent}: {exc.strerror or exc}; choose another output folder") from None
    except BaseException:
        # Interrupted inside mkstemp, after the file was made but before its name came back.
        _remove_own(target.parent, prefix)
        raise
    try:
        with os.fdopen(fd, "wb") as fh:
            for piece in _pieces(data, encoding):
                fh.write(piece)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600 files; outputs get the permissions a plain open() would give.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        _unlink(tmp)
        hint = "free some disk space" if exc.errno == 28 else "check the folder's permissions and free space"
        raise OutputError(f"cannot write {name}: {exc.strerror or exc}; {hint}") from None
    except BaseException:
        # KeyboardInterrupt, SIGTERM (raised as SystemExit) and friends: never leave the temp file behind.
        _unlink(tmp)
        raise
    return Path(name)


def _remove_own(folder: Path, prefix: str) -> None:
    """Remove this process's temporary files for one target (their names start with ``prefix``)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if name.startswith(prefix) and name.endswith(TMP_SUFFIX):
            _unlink(os.path.join(folder, name))


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def temp_prefix(name: str) -> str:
    """Start of a temporary file's name for output ``name``: hidden, with this process's id."""
    return f".{name}.{os.getpid()}."


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _stale(name: str, age: float, older_than: float) -> bool:
    """Whether a temporary file of flashgen's pattern was left by a process that is gone."""
    if name.endswith(TMP_SUFFIX):
        parts = name[: -len(TMP_SUFFIX)].split(".")
        pid = parts[-2] if len(parts) >= 3 else ""
        if pid.isdigit() and not _alive(int(pid)):
            return True
        return age >= older_than  # a live process id may be a reused one: only after a long time
    return _old_pattern(name) and age >= 60.0  # earlier versions' names carry no process id


def clean_stale(folder: PathLike, older_than: float = STALE_SECONDS) -> list[Path]:
    """Remove flashgen's own temporary files in ``folder`` left by a killed process; return them.

    Only names of flashgen's pattern are touched: ``.<output>.<pid>.<random>.flashgen-tmp``
    whose process is gone (or older than ``older_than`` seconds), and the
    ``.<output>.<random>.tmp`` files of earlier versions. A build running at
    the same moment keeps its temporary files.
    """
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not name.startswith(".") or not name.endswith((TMP_SUFFIX, ".tmp")):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or not _stale(name, now - info.st_mtime, older_than):
                continue
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def _old_pattern(name: str) -> bool:
    """``.X-vocab.html.k3j2l1ab.tmp``: mkstemp's 8-character random part after one of flashgen's output names."""
    stem = name[1:-4]
    base, dot, rand = stem.rpartition(".")
    return bool(dot) and len(rand) == 8 and base.endswith((".apkg", ".html", ".pdf", ".csv", ".tsv", ".json", ".md", ".txt"))
