"""Annotating a long input on every core: blocks of sentences go to a pool of worker processes.

Segmenting (jieba) and reading (the polyphone model) are pure Python and hold
the interpreter's lock, so threads would not help; processes do. Each worker
loads jieba, the lexicon and the model once (about two seconds), which pays off
only on long inputs: shorter ones are annotated in this process, block by
block. A worker sends back each distinct (word, tag, reading) of its block once
and the sentences as lists of numbers into that table, not millions of tuples.
Workers are forked (so a script calling the library needs no ``__main__``
guard, and what the parent loaded is shared); each opens its own connection to
the lexicon, as SQLite asks of a child process. Where there is no fork, the
input is annotated in this process.
"""

from __future__ import annotations

import os
import signal
from typing import Iterator, Mapping, Optional, Sequence

from flashgen.chinese.overrides import Override
from flashgen.study.annotate import Cut, annotate_texts

#: Inputs with fewer characters than this are annotated in this process.
PARALLEL_CHARS = 400_000
#: Environment variable: how many worker processes a long input gets (default: one per core; 1: none).
WORKERS_ENV = "FLASHGEN_WORKERS"

_overrides: Mapping[str, Override] = {}


def worker_count(chars: int) -> int:
    """How many processes annotate ``chars`` characters of text: 1 (this one) for short texts, else one per core."""
    if not hasattr(os, "fork"):
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    given = os.environ.get(WORKERS_ENV, "").strip()
    if given.isdigit() and int(given) >= 1:
        cores = int(given)
    return 1 if chars < PARALLEL_CHARS else cores


def annotated_blocks(texts: Sequence[str], overrides: Mapping[str, Override], block: int,
                     workers: Optional[int] = None) -> Iterator[list[list[Cut]]]:
    """The (word, tag, syllables) rows of ``texts``, one list per block of ``block`` sentences, in order."""
    blocks = [texts[i : i + block] for i in range(0, len(texts), block)]
    workers = worker_count(sum(map(len, texts))) if workers is None else workers
    if workers <= 1 or len(blocks) <= 1:
        for part in blocks:
            yield annotate_texts(part, overrides)
        return
    yield from _in_pool(blocks, overrides, min(workers, len(blocks)))


def _in_pool(blocks: list[Sequence[str]], overrides: Mapping[str, Override], workers: int) -> Iterator[list[list[Cut]]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from flashgen.chinese.lexicon import lexicon
    from flashgen.errors import ResourceError

    lexicon()  # a missing lexicon cache is built here once, not by every worker at the same time
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start, initargs=(dict(overrides),))
    try:
        for table, rows in pool.map(_work, [list(b) for b in blocks]):
            yield [[table[i] for i in row] for row in rows]
    except BrokenProcessPool:
        pool.shutdown(wait=False, cancel_futures=True)
        raise ResourceError(f"a worker process annotating the text was killed (out of memory?); "
                            f"{WORKERS_ENV}=1 annotates in one process") from None
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _start(overrides: Mapping[str, Override]) -> None:
    """Worker start: the user's overrides, a lexicon connection of its own; Ctrl-C is the parent's to handle."""
    global _overrides
    import flashgen.chinese.lexicon

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    flashgen.chinese.lexicon._LEXICON = None  # the parent's SQLite connection is not to be used here
    _overrides = overrides


def _work(texts: list[str]) -> tuple[list[Cut], list[list[int]]]:
    """One block in a worker: its distinct cuts and each sentence as numbers into them."""
    table: dict[Cut, int] = {}
    rows = [[table.setdefault(c, len(table)) for c in row] for row in annotate_texts(texts, _overrides)]
    return list(table), rows
