"""Stable identities of flashgen's notes and decks (see :mod:`flashgen.anki.deck`): same input, same IDs."""

from __future__ import annotations

import hashlib
import re
import time

from flashgen.anki.card_html import _clean
from flashgen.models import Transcript

__all__ = ["cloze_guid", "deck_id", "deck_name", "vocab_guid"]


def vocab_guid(hanzi: str) -> str:
    """GUID of the vocabulary note for ``hanzi`` (independent of transcript, reading, meaning)."""
    import genanki

    return str(genanki.guid_for("flashgen-vocab", hanzi))


def cloze_guid(item_id: str) -> str:
    """GUID of the cloze note of a :class:`ClozeItem` id."""
    import genanki

    return str(genanki.guid_for("flashgen-cloze", item_id))


def deck_id(name: str) -> int:
    """A stable deck ID for a full deck name (same name → same ID on every run and machine)."""
    digest = hashlib.sha256(("flashgen-deck\x1f" + name).encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def deck_name(transcript: Transcript) -> str:
    """The parent deck's name: the transcript's title, safe as one Anki deck level."""
    title = _clean(transcript.title).strip() or _clean(transcript.slug).strip() or "flashgen"
    # "::" separates deck levels in Anki; a title must stay one level.
    title = re.sub(r"\s*::+\s*", ": ", title)
    return re.sub(r"\s+", " ", title)


_last_build = 0


def build_time() -> float:
    """Now, as a whole second later than this process's previous deck: Anki keeps a note's
    modification time in whole seconds and applies an import only when it is newer, so two
    decks built within one second (two transcripts from a script) must not share it."""
    global _last_build
    _last_build = max(int(time.time()), _last_build + 1)
    return float(_last_build)
