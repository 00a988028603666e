"""flashgen's own SQLite files (the library, the quiz's progress): one way to open, check and write them.

Both files are opened in autocommit mode and written in explicit
transactions (``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any
exception), so an interrupted command leaves the file as it was. Any SQLite
failure becomes a one-line :class:`~flashgen.errors.ResourceError` that says
what is really wrong — locked by another program, read-only file or folder,
full disk, damaged file — and names the option that picks another file.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Iterator, Union

from flashgen.errors import ResourceError

log = logging.getLogger("flashgen")


class FileBusy(ResourceError):
    """Another program holds the file's lock; trying again later may work."""


@dataclass(frozen=True)
class FileKind:
    """What one kind of file is called and holds."""

    noun: str  # "library", "progress file": how messages name the file
    option: str  # the command-line option that picks another file ("--library")
    schema: str  # CREATE … IF NOT EXISTS statements
    version: int  # PRAGMA user_version of the schema
    tables: frozenset[str]  # tables a file of this kind must have
    empty_note: str  # what starts in place of an empty file, and what it may have held
    full_note: str  # what a full disk did not lose
    integrity_check: bool = False  # run SQLite's quick_check on open (small files only)


class SqliteFile:
    """An open file of ``kind``; use as a context manager."""

    kind: ClassVar[FileKind]

    def __init__(self, path: Union[str, Path], timeout: float) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise ResourceError(f"{self.kind.noun} {self.path} is a folder; pass {self.kind.option} with a file name")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ResourceError(f"cannot create the folder of {self.kind.noun} {self.path}: {exc.strerror or exc}; "
                                f"pass {self.kind.option}") from None
        self._size = self.path.stat().st_size if self.path.is_file() else -1
        with self._guard():
            self.conn = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
        try:
            self._prepare()
        except BaseException:
            self.conn.close()
            raise

    def close(self) -> None:
        """Close the file (every write is already committed)."""
        self.conn.close()

    def __enter__(self) -> "SqliteFile":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn any SQLite failure into a one-line ResourceError saying what is really wrong."""
        try:
            yield
        except sqlite3.Error as exc:
            text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise self._explain(text) from None

    def _explain(self, text: str) -> ResourceError:
        """The error for SQLite's ``text``: busy, full disk, read-only, or damaged."""
        noun, option, lower = self.kind.noun, self.kind.option, text.lower()
        if "locked" in lower or "busy" in lower:
            return FileBusy(f"{noun} {self.path} is locked by another program; close it or pass {option}")
        if "full" in lower:
            return ResourceError(f"the disk holding {noun} {self.path} is full; free some space ({self.kind.full_note})")
        if "readonly" in lower or "read-only" in lower or "unable to open" in lower or "disk i/o" in lower:
            unwritable = self._unwritable()
            if unwritable:
                return ResourceError(f"{noun} {self.path}: {unwritable}; or pass {option}")
        return ResourceError(f"{noun} {self.path} is damaged ({text}); move it away or pass {option}")

    def check_writable(self) -> None:
        """Raise the one-line reason when the file could not be written (read-only file or folder, full disk)."""
        unwritable = self._unwritable()
        if unwritable:
            raise ResourceError(f"{self.kind.noun} {self.path}: {unwritable}; or pass {self.kind.option}")

    def _unwritable(self) -> str:
        """Why the file cannot be written, tried for real (root ignores permission bits): "" if it can."""
        try:
            os.close(os.open(self.path, os.O_WRONLY | os.O_APPEND))
        except FileNotFoundError:
            pass
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                return "the disk is full; free some space"
            return f"the file is read-only ({exc.strerror}); make it writable"
        try:
            fd, probe = tempfile.mkstemp(prefix=".flashgen-probe-", dir=self.path.parent)
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                return "the disk is full; free some space"
            return (f"its folder {self.path.parent} is read-only ({exc.strerror}); SQLite needs to write a journal "
                    "file beside it: make the folder writable")
        return ""

    def _prepare(self) -> None:
        """Check the file's kind and version; give a new or empty file the schema."""
        kind = self.kind
        with self._guard():
            if kind.integrity_check:
                check = self.conn.execute("PRAGMA quick_check").fetchone()
                if not check or check[0] != "ok":
                    raise sqlite3.DatabaseError("integrity check failed")
            self.conn.execute("PRAGMA foreign_keys = ON")
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if version > kind.version:
                raise ResourceError(f"{kind.noun} {self.path} was written by a newer flashgen; upgrade flashgen "
                                    f"or pass {kind.option}")
            if version == 0 and tables:
                raise ResourceError(f"{self.path} is not a flashgen {kind.noun}; move it away or pass {kind.option}")
            if version == 0:
                if self._size >= 0:  # a 0-byte or empty database file: say so rather than silently starting afresh
                    log.warning(f"{kind.noun} {self.path} was empty ({self._size} bytes); starting {kind.empty_note}")
                # One transaction; IF NOT EXISTS makes a second process creating it at once harmless.
                self.conn.executescript(f"BEGIN IMMEDIATE; {kind.schema} PRAGMA user_version = {kind.version}; COMMIT;")
            elif not kind.tables <= tables:
                raise sqlite3.DatabaseError("tables missing")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: committed when the block ends, rolled back if it raises.

        Raises :class:`FileBusy` when another program holds the lock.
        """
        with self._guard():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
