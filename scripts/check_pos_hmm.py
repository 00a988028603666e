#!/usr/bin/env python3
"""Check flashgen's decoder of posseg's HMM against jieba's own on every unknown-character run of a corpus.

flashgen.chinese.pos_hmm.viterbi must find exactly the path jieba.posseg's
``viterbi`` finds. This collects every distinct run of characters posseg's
dictionary lacks (what posseg hands its HMM) in the documents of a corpus
split, decodes each with both, and prints the number of runs, the number of
differences (0 expected) and the seconds each decoder took.

    python3 scripts/check_pos_hmm.py [--corpus mfa] [--split heldout]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import documents  # noqa: E402 - scripts/ is on sys.path when a script runs

HAN = re.compile("([\u4E00-\u9FD5]+)")  # posseg's own split of a run into hanzi blocks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="mfa", choices=["mfa", "work-reports", "congress-reports"])
    parser.add_argument("--split", default="heldout", choices=["derive", "heldout", "all"])
    args = parser.parse_args()

    from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
    from jieba.posseg.viterbi import viterbi as jieba_viterbi

    from flashgen.chinese.pos_hmm import viterbi
    from flashgen.chinese.segment import _tokenizer

    tokenizer = _tokenizer()
    runs: set[str] = set()
    detail = tokenizer._POSTokenizer__cut_detail

    def collect(buf: str) -> object:
        runs.update(block for block in HAN.split(buf) if HAN.fullmatch(block))
        return detail(buf)

    tokenizer._POSTokenizer__cut_detail = collect
    for doc in documents(args.corpus, args.split):
        for line in doc.text.splitlines():
            for _ in tokenizer.cut(line):
                pass
    theirs = ours = 0.0
    differences = 0
    for run in sorted(runs):
        start = time.perf_counter()
        expected = jieba_viterbi(run, char_state_tab_P, start_P, trans_P, emit_P)[1]
        theirs += time.perf_counter() - start
        start = time.perf_counter()
        found = viterbi(run)
        ours += time.perf_counter() - start
        if found != expected:
            differences += 1
            print(f"differs: {run}", file=sys.stderr)
    print(f"{args.corpus}/{args.split}: {len(runs)} distinct runs, {sum(map(len, runs))} characters, "
          f"{differences} differences; jieba {theirs:.1f} s, flashgen {ours:.1f} s")


if __name__ == "__main__":
    main()
