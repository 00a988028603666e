"""The library file: one SQLite database beside the quiz's progress file.

Tables: ``transcripts`` (slug, title, source, when first added, content hash,
running words and how many of them were known) and ``words`` (per transcript
and word: count and up to three examples as JSON). Writes happen in explicit
transactions (``BEGIN IMMEDIATE`` … ``COMMIT``), so an interrupted build leaves
the file as it was; a locked or damaged file is a one-line ResourceError.

A transcript is known by its slug: recording it again with the same content
changes nothing; with new content its words are replaced (its date is kept).
A transcript whose file name gives no slug ("transcript") is named by its
content hash instead, so two such files never overwrite each other.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Optional, Sequence, Union

from flashgen.errors import InputError
from flashgen.models import Example, SourceUse
from flashgen.sqlite_file import FileKind, SqliteFile

SCHEMA_VERSION = 1
#: Examples kept per transcript and word.
KEPT_EXAMPLES = 3

_SCHEMA = """
CREATE TABLE IF NOT EXISTS transcripts (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    source TEXT NOT NULL,
    added TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    tokens INTEGER NOT NULL,
    known_tokens INTEGER
);
CREATE TABLE IF NOT EXISTS words (
    transcript_id INTEGER NOT NULL REFERENCES transcripts (id) ON DELETE CASCADE,
    hanzi TEXT NOT NULL,
    count INTEGER NOT NULL,
    examples TEXT NOT NULL,
    PRIMARY KEY (transcript_id, hanzi)
);
CREATE INDEX IF NOT EXISTS words_hanzi ON words (hanzi);
"""


def default_library_path() -> Path:
    """``$FLASHGEN_LIBRARY``, else ``library.sqlite`` beside the quiz's progress file in the user data folder."""
    env = os.environ.get("FLASHGEN_LIBRARY")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("flashgen")) / "library.sqlite"


@dataclass(frozen=True)
class LibraryTranscript:
    """One transcript of the library, with its figures."""

    slug: str
    title: str
    source: str
    added: str
    content_hash: str
    tokens: int  # running words (tokens holding Chinese characters)
    known_tokens: Optional[int]  # of them known when it was built (None: no known words given)
    words: int  # its study words
    new_words: int  # its words no transcript added before it holds

    @property
    def coverage(self) -> Optional[float]:
        """Share of the running words known, None when unknown."""
        if self.known_tokens is None or not self.tokens:
            return None
        return self.known_tokens / self.tokens


def library_slug(slug: str, content_hash: str) -> str:
    """The slug under which a transcript is kept ("transcript" files: by content)."""
    return f"{slug}-{content_hash[:8]}" if slug in ("transcript", "") else slug


def _example_json(example: Example) -> dict[str, object]:
    return {"text": example.text, "speaker": example.speaker, "section": example.section,
            "pinyin": example.pinyin, "pinyin_numbered": example.pinyin_numbered,
            "sense": example.sense, "display": example.display, "word": example.word}


def _example(data: dict[str, object]) -> Example:
    def text(key: str) -> str:
        value = data.get(key)
        return value if isinstance(value, str) else ""

    speaker, section = data.get("speaker"), data.get("section")
    return Example(text("text"), speaker if isinstance(speaker, str) else None,
                   section if isinstance(section, str) else None, sentence_index=-1, pinyin=text("pinyin"),
                   pinyin_numbered=text("pinyin_numbered"), sense=text("sense"), display=text("display"), word=text("word"))


class Library(SqliteFile):
    """The library in one SQLite file; use as a context manager."""

    kind = FileKind(
        noun="library", option="--library", schema=_SCHEMA, version=SCHEMA_VERSION,
        tables=frozenset({"transcripts", "words"}),
        empty_note="a new library in it (restore it from a backup if it held transcripts)",
        full_note="the library is as it was",
    )

    def __init__(self, path: Union[str, Path], timeout: float = 10.0) -> None:
        super().__init__(path, timeout)

    def __enter__(self) -> "Library":
        return self

    # ------------------------------------------------------------------ writing

    def record(self, slug: str, title: str, source: str, content_hash: str, tokens: int, known_tokens: Optional[int],
               words: Iterable[tuple[str, int, Sequence[Example]]], now: Optional[datetime] = None) -> str:
        """Record one transcript and its words (inside :meth:`transaction`); returns the slug it is kept under.

        The same content already recorded (under any slug) keeps its words and
        date; only its coverage is brought up to date when known words are given.
        """
        slug = library_slug(slug, content_hash)
        with self._guard():
            same = self.conn.execute("SELECT id, slug FROM transcripts WHERE content_hash = ?", (content_hash,)).fetchone()
            if same is not None:
                if known_tokens is not None:
                    self.conn.execute("UPDATE transcripts SET known_tokens = ? WHERE id = ?", (known_tokens, same[0]))
                return str(same[1])
            row = self.conn.execute("SELECT id FROM transcripts WHERE slug = ?", (slug,)).fetchone()
            if row is None:
                added = (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
                cur = self.conn.execute(
                    "INSERT INTO transcripts (slug, title, source, added, content_hash, tokens, known_tokens)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)", (slug, title, source, added, content_hash, tokens, known_tokens))
                tid = cur.lastrowid
            else:
                tid = row[0]
                self.conn.execute("UPDATE transcripts SET title = ?, source = ?, content_hash = ?, tokens = ?,"
                                  " known_tokens = ? WHERE id = ?", (title, source, content_hash, tokens, known_tokens, tid))
                self.conn.execute("DELETE FROM words WHERE transcript_id = ?", (tid,))
            self.conn.executemany(
                "INSERT INTO words (transcript_id, hanzi, count, examples) VALUES (?, ?, ?, ?)",
                ((tid, hanzi, count, json.dumps([_example_json(e) for e in list(examples)[:KEPT_EXAMPLES]],
                                                 ensure_ascii=False))
                 for hanzi, count, examples in words))
        return slug

    def forget(self, slug: str) -> None:
        """Remove one transcript and everything it contributed."""
        with self.transaction():
            cur = self.conn.execute("DELETE FROM transcripts WHERE slug = ?", (slug,))
            if cur.rowcount == 0:
                raise InputError(f"no transcript {slug!r} in the library {self.path}; `flashgen library` lists them")

    # ------------------------------------------------------------------ reading

    def uses(self, words: Iterable[str]) -> dict[str, list[SourceUse]]:
        """Word → every transcript holding it, most recent first."""
        wanted = list(dict.fromkeys(words))
        out: dict[str, list[SourceUse]] = {}
        with self._guard():
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self.conn.execute(
                    "SELECT w.hanzi, t.slug, t.title, t.added, w.count, w.examples FROM words w"
                    f" JOIN transcripts t ON t.id = w.transcript_id WHERE w.hanzi IN ({marks})"
                    " ORDER BY t.added DESC, t.id DESC", chunk)
                for hanzi, slug, title, added, count, examples in rows:
                    parsed = tuple(_example(e) for e in json.loads(examples) if isinstance(e, dict))
                    out.setdefault(hanzi, []).append(SourceUse(slug, title, added, count, parsed))
        return out

    def words_elsewhere(self, exclude: Sequence[str]) -> set[str]:
        """Every word of the transcripts not named in ``exclude`` (slugs)."""
        marks = ",".join("?" * len(exclude))
        with self._guard():
            rows = self.conn.execute(
                "SELECT DISTINCT w.hanzi FROM words w JOIN transcripts t ON t.id = w.transcript_id"
                + (f" WHERE t.slug NOT IN ({marks})" if exclude else ""), list(exclude))
            return {r[0] for r in rows}

    def transcripts(self) -> list[LibraryTranscript]:
        """Every transcript, oldest first, with its word counts (new: held by no transcript added before it)."""
        with self._guard():
            rows = self.conn.execute(
                "SELECT t.id, t.slug, t.title, t.source, t.added, t.content_hash, t.tokens, t.known_tokens,"
                " (SELECT COUNT(*) FROM words w WHERE w.transcript_id = t.id),"
                " (SELECT COUNT(*) FROM words w WHERE w.transcript_id = t.id AND NOT EXISTS ("
                "   SELECT 1 FROM words o JOIN transcripts p ON p.id = o.transcript_id"
                "   WHERE o.hanzi = w.hanzi AND (p.added < t.added OR (p.added = t.added AND p.id < t.id))))"
                " FROM transcripts t ORDER BY t.added, t.id").fetchall()
        return [LibraryTranscript(*row[1:]) for row in rows]

    def word_count(self) -> int:
        with self._guard():
            return int(self.conn.execute("SELECT COUNT(DISTINCT hanzi) FROM words").fetchone()[0])
