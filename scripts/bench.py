#!/usr/bin/env python3
"""Benchmark flashgen against a bare jieba + pypinyin script, in one run.

Every measurement is a fresh process (cold interpreter, warm disk caches: one
untimed run of each command first builds flashgen's and jieba's caches). For
each command the median wall time of ``--repeat`` runs and the peak resident
memory are reported, with the ratio to the bare script on the same text.

    python3 scripts/bench.py [--repeat 5] [--corpus-mb 1.0] [--skip-build]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "wang-yi-press-conference-2021-03-07.txt"

# The bare baseline: what any jieba + pypinyin script pays to segment and romanise a text.
BARE = """
import sys, jieba, pypinyin, logging
jieba.setLogLevel(logging.WARNING)
text = open(sys.argv[1], encoding="utf-8").read()
tk = jieba.Tokenizer()
words = list(tk.cut(text))
readings = pypinyin.lazy_pinyin(words, style=pypinyin.Style.TONE3)
print(len(words), len(readings))
"""


def run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"command failed ({status}): {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss / 1024


def measure(cmd: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time and max peak memory over ``repeat`` runs (after one warm-up)."""
    run(cmd)
    results = [run(cmd) for _ in range(repeat)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--corpus-mb", type=float, default=1.0)
    parser.add_argument("--skip-build", action="store_true", help="leave out the full `flashgen build` (PDFs), keep --no-pdf")
    args = parser.parse_args()

    py = sys.executable
    work = Path(tempfile.mkdtemp(prefix="flashgen-bench-"))
    os.environ["FLASHGEN_LIBRARY"] = str(work / "library.sqlite")  # builds record here, never in the user's library
    bare = work / "bare.py"
    bare.write_text(BARE, encoding="utf-8")
    sample_text = SAMPLE.read_text(encoding="utf-8")
    corpus = work / "corpus.txt"
    times = max(1, int(args.corpus_mb * 1024 * 1024 / len(sample_text.encode("utf-8"))))
    corpus.write_text("\n\n".join([sample_text] * times), encoding="utf-8")
    flashgen = [py, "-m", "flashgen"]

    rows: list[tuple[str, float, float, str]] = []

    def add(label: str, cmd: list[str], base: float | None = None) -> float:
        secs, mem = measure(cmd, args.repeat)
        ratio = f"{secs / base:.2f}x" if base else ""
        rows.append((label, secs, mem, ratio))
        return secs

    size_kb = corpus.stat().st_size / 1024
    base_sample = add("bare jieba+pypinyin, sample", [py, str(bare), str(SAMPLE)])
    add("flashgen vocab, sample", flashgen + ["vocab", str(SAMPLE), "-f", "json"], base_sample)
    add("flashgen build --no-pdf, sample", flashgen + ["build", "--no-pdf", str(SAMPLE), "-o", str(work / "quick")], base_sample)
    if not args.skip_build:
        add("flashgen build, sample", flashgen + ["build", str(SAMPLE), "-o", str(work / "decks")], base_sample)
    base_corpus = add(f"bare jieba+pypinyin, corpus {size_kb:.0f} KiB", [py, str(bare), str(corpus)])
    add(f"flashgen vocab, corpus {size_kb:.0f} KiB", flashgen + ["vocab", str(corpus), "-f", "json"], base_corpus)
    add(f"flashgen build --no-pdf, corpus {size_kb:.0f} KiB", flashgen + ["build", "--no-pdf", str(corpus), "-o", str(work / "quick2")], base_corpus)
    if not args.skip_build:
        add(f"flashgen build, corpus {size_kb:.0f} KiB", flashgen + ["build", str(corpus), "-o", str(work / "decks2")], base_corpus)
    add("flashgen --help", flashgen + ["--help"])

    print(f"{'command':<40} {'median s':>9} {'peak MiB':>9} {'vs bare':>8}")
    for label, secs, mem, ratio in rows:
        print(f"{label:<40} {secs:>9.3f} {mem:>9.0f} {ratio:>8}")


if __name__ == "__main__":
    main()
