"""Read the words of a user's Anki collection, strictly read-only.

Accepted: a collection file (``collection.anki2``, ``collection.anki21``), a
package (``.apkg``/``.colpkg``: a zip holding ``collection.anki21b``, which is
zstd-compressed, or ``collection.anki21``/``collection.anki2``), and Anki's
"Notes in Plain Text" export (tab-separated, ``#`` header lines).

Safety while Anki runs: the collection file and its ``-wal`` are *copied* into
a temporary folder first, and the copy is opened with SQLite's read-only mode;
the user's files are never opened for writing. A copy that cannot be made
(the file is locked) or read is a one-line :class:`InputError`.

Which fields hold the headword: by default every field that holds only Chinese
once HTML, sound tags and spaces are stripped (a field may list several words
separated by spaces, commas, 、 or /); ``field`` names one field (a 1-based
column number for a text export). ``mature`` keeps only notes with a card whose
interval is at least 21 days (Anki's "mature").
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from flashgen.chinese.hanzi import HANZI
from flashgen.errors import InputError

#: Anki calls a card mature from this interval (days) on.
MATURE_DAYS = 21
#: Package members holding the collection, best first (anki21b: zstd, Anki ≥ 2.1.50 exports).
PACKAGE_MEMBERS = ("collection.anki21b", "collection.anki21", "collection.anki2")
_SQLITE_MAGIC = b"SQLite format 3\x00"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"

_TAG = re.compile(r"<[^>]*>")
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_SEPARATORS = re.compile(r"[\s,，、/;；|·]+")
_CHINESE_WORD = re.compile(f"(?:{HANZI.pattern})+")


@dataclass(frozen=True)
class AnkiSource:
    """Where to read known words and which ones count."""

    path: Path
    field: Optional[str] = None  # field name (collections, packages) or 1-based column (text exports)
    mature: bool = False


def field_words(value: str) -> list[str]:
    """The Chinese words a field holds when it holds only Chinese ([] otherwise)."""
    text = _SOUND.sub(" ", value)
    text = _TAG.sub(" ", text)
    text = html.unescape(text).replace("\u00a0", " ").strip()
    if not text:
        return []
    parts = [p for p in _SEPARATORS.split(text) if p]
    if all(_CHINESE_WORD.fullmatch(p) for p in parts):
        return parts
    return []


def read_anki_words(source: AnkiSource) -> frozenset[str]:
    """Every word found in the notes of ``source`` (see the module's docstring)."""
    path = Path(source.path)
    if not path.exists():
        raise InputError(f"{path}: no such Anki collection, package or export")
    if path.is_dir() and (path / "collection.anki2").is_file():
        path = path / "collection.anki2"  # an Anki profile folder ("User 1")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the collection.anki2 file, an .apkg/.colpkg or a notes export")
    head = _head(path)
    if head.startswith(_SQLITE_MAGIC):
        with tempfile.TemporaryDirectory(prefix="flashgen-anki-") as tmp:
            copy = _copy_collection(path, Path(tmp))
            return frozenset(_collection_words(copy, source, path))
    if head.startswith(b"PK"):
        with tempfile.TemporaryDirectory(prefix="flashgen-anki-") as tmp:
            copy = _extract_package(path, Path(tmp))
            return frozenset(_collection_words(copy, source, path))
    return frozenset(_export_words(path, source))


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(16)
    except PermissionError:
        raise InputError(f"{path} cannot be read (locked or no permission); close Anki or export the notes") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}") from None


def _copy_collection(path: Path, folder: Path) -> Path:
    """Copy the collection and its write-ahead log (uncommitted-to-main-file changes) into ``folder``."""
    target = folder / "collection.anki2"
    try:
        shutil.copyfile(path, target)
        wal = path.with_name(path.name + "-wal")
        if wal.is_file():
            shutil.copyfile(wal, folder / "collection.anki2-wal")
    except OSError:
        raise InputError(f"{path} is locked and cannot be copied; close Anki (or sync and export the notes) and try again") from None
    return target


def _extract_package(path: Path, folder: Path) -> Path:
    """The collection inside an .apkg/.colpkg, decompressed into ``folder``."""
    try:
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            member = next((m for m in PACKAGE_MEMBERS if m in names), None)
            if member is None:
                raise InputError(f"{path} is a zip file but not an Anki package (no collection inside)")
            data = package.read(member)
    except zipfile.BadZipFile:
        raise InputError(f"{path} is not a valid Anki package (damaged zip file)") from None
    if data.startswith(_ZSTD_MAGIC):
        data = _decompress(data, path)
    target = folder / "collection.anki2"
    target.write_bytes(data)
    return target


def _decompress(data: bytes, path: Path) -> bytes:
    try:
        import zstandard
    except ImportError:
        raise InputError(f"{path} holds a zstd-compressed collection; install the zstandard package to read it") from None
    try:
        return zstandard.ZstdDecompressor().decompressobj().decompress(data)
    except zstandard.ZstdError:
        raise InputError(f"{path}: the collection inside the package is damaged") from None


def _collection_words(copy: Path, source: AnkiSource, original: Path) -> Iterator[str]:
    """Words of the notes in the copied collection ``copy`` (opened read-only)."""
    try:
        conn = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    except sqlite3.Error:
        raise InputError(f"{original} cannot be opened as an Anki collection") from None
    try:
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not {"notes", "col"} <= tables:
                raise InputError(f"{original} is an SQLite database but not an Anki collection")
            names = _field_names(conn, tables)
            rows = _note_rows(conn, source.mature)
            words = []
            for mid, fields in rows:
                words.extend(_wanted_words(fields.split("\x1f"), names.get(mid, []), source.field))
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc):
                raise InputError(f"{original} is locked by another program; close Anki and try again") from None
            raise InputError(f"{original} cannot be read as an Anki collection ({exc})") from None
        except sqlite3.DatabaseError:
            raise InputError(f"{original} is damaged or not an Anki collection") from None
    finally:
        conn.close()
    if source.field is not None and not any(source.field in fields for fields in names.values()):
        raise InputError(f"{original}: no note type has a field named {source.field!r}")
    yield from words


def _field_names(conn: sqlite3.Connection, tables: set[str]) -> dict[int, list[str]]:
    """Note type id → field names in order (the ``fields`` table of schema 18, else ``col.models`` JSON)."""
    names: dict[int, list[str]] = {}
    if "fields" in tables:
        for ntid, _, name in conn.execute("SELECT ntid, ord, name FROM fields ORDER BY ntid, ord"):
            names.setdefault(int(ntid), []).append(str(name))
        return names
    (models,) = conn.execute("SELECT models FROM col").fetchone()
    for mid, model in (json.loads(models) or {}).items():
        flds = sorted(model.get("flds", []), key=lambda f: f.get("ord", 0))
        names[int(mid)] = [str(f.get("name", "")) for f in flds]
    return names


def _note_rows(conn: sqlite3.Connection, mature: bool) -> list[tuple[int, str]]:
    if mature:
        query = ("SELECT mid, flds FROM notes WHERE id IN "
                 "(SELECT nid FROM cards GROUP BY nid HAVING MAX(ivl) >= ?)")
        return [(int(m), str(f)) for m, f in conn.execute(query, (MATURE_DAYS,))]
    return [(int(m), str(f)) for m, f in conn.execute("SELECT mid, flds FROM notes")]


def _wanted_words(values: list[str], names: list[str], field: Optional[str]) -> list[str]:
    if field is not None:
        return [w for name, value in zip(names, values) if name == field for w in field_words(value)]
    return [w for value in values for w in field_words(value)]


def _export_words(path: Path, source: AnkiSource) -> list[str]:
    """Words of Anki's "Notes in Plain Text" export (tab-separated, optional ``#key:value`` header lines)."""
    if source.mature:
        raise InputError(f"{path}: a plain-text export holds no review intervals; --known-mature needs a collection or .colpkg")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{path} is not an Anki collection, package or UTF-8 notes export") from None
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}") from None
    header, rows = _parse_export(text)
    if not rows or not set(header) <= _HEADER_KEYS or (not header and not any("\t" in r for r in rows)):
        raise InputError(f"{path} is not an Anki collection, package or notes export (no tab-separated notes)")
    separator = _SEPARATOR_NAMES.get(header.get("separator", "tab"), header.get("separator", "\t"))
    skip = {int(header[key]) - 1 for key in ("tags column", "guid column", "notetype column", "deck column")
            if header.get(key, "").isdigit()}
    column: Optional[int] = None
    if source.field is not None:
        if not source.field.isdigit() or int(source.field) < 1:
            raise InputError(f"{path}: a plain-text export has no field names; give --known-field a column number (1, 2, …)")
        column = int(source.field) - 1
    words: list[str] = []
    for row in rows:
        values = _split_row(row, separator)
        for index, value in enumerate(values):
            if index in skip or (column is not None and index != column):
                continue
            words.extend(field_words(value))
    return words


#: Header keys of Anki's text exports (``#separator:tab``, ``#html:true``, ``#tags column:3`` …).
_HEADER_KEYS = frozenset({"separator", "html", "tags column", "guid column", "notetype column", "deck column",
                          "notetype", "deck", "columns", "tags", "if matches"})
_SEPARATOR_NAMES = {"tab": "\t", "comma": ",", "semicolon": ";", "space": " ", "pipe": "|", "colon": ":"}


def _parse_export(text: str) -> tuple[dict[str, str], list[str]]:
    header: dict[str, str] = {}
    rows: list[str] = []
    for line in text.splitlines():
        if line.startswith("#") and not rows:
            key, _, value = line[1:].partition(":")
            header[key.strip().lower()] = value.strip()
        elif line.strip():
            rows.append(line)
    return header, rows


def _split_row(row: str, separator: str) -> list[str]:
    """Fields of one exported note; Anki quotes fields holding the separator ("…""…")."""
    import csv

    return next(csv.reader([row], delimiter=separator, quotechar='"'))

