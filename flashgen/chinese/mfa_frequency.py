"""How often the Foreign Ministry's press conferences use a word (``data/mfa-frequency.tsv``).

The table (derived by ``scripts/mfa_frequency.py`` from the ministry's regular
press conferences) gives the words of diplomatic speech with their frequency
per million words. It is read once into a ``marshal`` file in the user's
cache, keyed by a hash of its text, and only when a ranking asks for it.
"""

from __future__ import annotations

import hashlib
import marshal
import math
from functools import lru_cache
from pathlib import Path

from flashgen.cache import cache_key, cached_file
from flashgen.errors import ResourceError
from flashgen.resources import read_data_text

TABLE = "mfa-frequency.tsv"


def parse(text: str) -> dict[str, float]:
    """word → Zipf value (log10 of the frequency per billion words) from the table's text."""
    table: dict[str, float] = {}
    for line in text.splitlines():
        if not line or line.startswith("#") or line.startswith("word\t"):
            continue
        word, _, per_million = line.split("\t")
        table[word] = round(math.log10(float(per_million) * 1000), 3)
    return table


@lru_cache(maxsize=1)
def _source() -> tuple[str, str]:
    """The table's text and a hash of it."""
    text = read_data_text(TABLE)
    return text, hashlib.sha256(text.encode("utf-8")).hexdigest()


def table_digest() -> str:
    """A hash of the table's text (for caches built from it, such as the segmenter's)."""
    return _source()[1]


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    text, digest = _source()
    key = cache_key(1, digest)

    def build(tmp: Path) -> None:
        tmp.write_bytes(marshal.dumps(parse(text)))

    try:
        loaded = marshal.loads(cached_file("mfa-frequency.marshal", key, build).read_bytes())
        if isinstance(loaded, dict):
            return loaded
    except (OSError, ValueError, EOFError, ResourceError):
        pass  # no usable cache: parse in memory
    return parse(text)


def mfa_table() -> dict[str, float]:
    """The whole table: word → Zipf value (do not modify)."""
    return _table()


def mfa_zipf(word: str) -> float | None:
    """Zipf frequency of ``word`` in the ministry's press conferences (None when the table lacks it)."""
    return _table().get(word)
