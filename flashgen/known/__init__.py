"""Words the learner already knows, from outside flashgen: an Anki collection, package or notes export."""

from __future__ import annotations

from flashgen.known.anki import AnkiSource, read_anki_words

__all__ = ["AnkiSource", "read_anki_words"]
