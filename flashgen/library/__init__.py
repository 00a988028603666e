"""The learner's library: every transcript built, and what each contributed to each word (SQLite)."""

from __future__ import annotations

from flashgen.library.store import Library, LibraryTranscript, default_library_path

__all__ = ["Library", "LibraryTranscript", "default_library_path"]
