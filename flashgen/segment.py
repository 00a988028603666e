"""Word segmentation with a dedicated jieba tokenizer that keeps glossary terms whole.

jieba's global tokenizer is left alone (other code in the process may use it);
ours loads jieba's default dictionary, then adds every glossary term with just
the frequency needed to beat its own split (``suggest_freq``), shortest first so
that longer terms are tuned against the shorter ones already added. jieba's
log chatter is silenced, as in wordfreq.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from typing import Any, Iterator

from .cache import cache_dir, cache_key
from .glossary import glossary
from .models import Token

_lock = threading.Lock()

#: jieba tags for glossary categories, so the POS of a term says what it is.
_CATEGORY_TAGS = {"idiom": "i", "organisation": "nt", "place": "ns", "title": "nn"}

_WHITESPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    """The POS tokenizer, built once per process."""
    with _lock:
        import jieba
        import jieba.posseg

        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.setLogLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        folder = cache_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # jieba writes its prefix-dictionary cache via a temp file + rename.
            tk.tmp_dir = str(folder)
            tk.cache_file = f"jieba-{cache_key(jieba.__version__)}.cache"
        except OSError:
            pass  # unwritable cache: jieba falls back to the system temp folder
        tk.initialize()
        terms = sorted(glossary().values(), key=lambda t: (len(t.hanzi), t.rank))
        for term in terms:
            tag = _CATEGORY_TAGS.get(term.category, "n")
            tk.add_word(term.hanzi, tag=tag)
            tk.suggest_freq(term.hanzi, tune=True)
        return jieba.posseg.POSTokenizer(tk)


def warm_up() -> None:
    """Load the tokenizer now (for benchmarks and long-running callers)."""
    _tokenizer()


def cut(text: str) -> Iterator[tuple[str, str]]:
    """Yield (word, jieba POS flag) pairs that join back into ``text`` exactly."""
    tokenizer = _tokenizer()
    for pair in tokenizer.cut(text, HMM=True):
        word, flag = pair.word, pair.flag
        if _WHITESPACE.fullmatch(word):
            flag = "x"
        yield word, flag


def segment(text: str) -> list[Token]:
    """Segment a sentence into tokens (readings are added by the reading stage)."""
    return [Token(text=word, pos=flag) for word, flag in cut(text)]
