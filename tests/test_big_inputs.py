"""Big inputs: block-wise annotation (a pool of processes for long texts), progress on a terminal, FIFOs, linear folding.

The whole 20 MB benchmark is measured by scripts/bench_big.py, never here; these
tests check that the machinery for it gives the same results as the plain path.
"""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from flashgen.models import Sentence, Token
from flashgen.study import annotate as annotate_module, workers
from flashgen.study.annotate import annotate, annotate_texts
from flashgen.study.subterms import add_sub_terms

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "wang-yi-press-conference-2021-03-07.txt"


def run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "flashgen", *args], env=env, timeout=300, **kwargs)  # type: ignore[call-overload]


@pytest.mark.parametrize(
    "chars, env, expected",
    [
        (1_000, "", 1),  # a short text: this process
        (workers.PARALLEL_CHARS - 1, "4", 1),  # short stays here whatever the setting
        (workers.PARALLEL_CHARS, "3", 3),  # long: as many as asked
        (workers.PARALLEL_CHARS * 10, "1", 1),  # 1: no pool at all
    ],
)
def test_worker_count(monkeypatch: pytest.MonkeyPatch, chars: int, env: str, expected: int) -> None:
    monkeypatch.setenv(workers.WORKERS_ENV, env)
    assert workers.worker_count(chars) == expected


def test_a_long_input_without_setting_gets_one_worker_per_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(workers.WORKERS_ENV, raising=False)
    assert workers.worker_count(workers.PARALLEL_CHARS) == len(os.sched_getaffinity(0))


def test_pool_gives_what_this_process_gives(sample_analysis) -> None:  # type: ignore[no-untyped-def]
    """Blocks annotated by two forked workers = the same sentences annotated here, row for row."""
    texts = [s.text for s in sample_analysis.transcript.sentences[:240]]
    pooled = [row for block in workers.annotated_blocks(texts, {}, 50, workers=2) for row in block]
    assert pooled == annotate_texts(texts, {})
    assert len(pooled) == len(texts)


def _killed(texts: list[str]) -> None:
    """A worker's block that ends like the out-of-memory killer ends a process."""
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_killed_worker_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from flashgen.errors import ResourceError

    monkeypatch.setattr(workers, "_work", _killed)
    with pytest.raises(ResourceError, match="killed .*FLASHGEN_WORKERS=1"):
        list(workers.annotated_blocks(["中方坚定支持多边主义。"] * 4, {}, 2, workers=2))


def test_whole_pipeline_through_the_pool_matches_the_sample(monkeypatch: pytest.MonkeyPatch, sample_analysis) -> None:  # type: ignore[no-untyped-def]
    """The sample cut into blocks of 100 sentences for a pool of two: the same vocabulary, to the last field."""
    from flashgen.pipeline import analyse

    monkeypatch.setattr(annotate_module, "BLOCK_SENTENCES", 100)
    monkeypatch.setattr(workers, "PARALLEL_CHARS", 0)
    monkeypatch.setenv(workers.WORKERS_ENV, "2")
    pooled = analyse()
    assert [i.to_json() for i in pooled.vocab] == [i.to_json() for i in sample_analysis.vocab]
    assert [s.tokens for s in pooled.transcript.sentences] == [s.tokens for s in sample_analysis.transcript.sentences]


def test_progress_hears_every_block_up_to_the_end(monkeypatch: pytest.MonkeyPatch, sample_analysis) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(annotate_module, "BLOCK_SENTENCES", 25)
    sentences = [Sentence(s.index, s.paragraph, s.section, s.speaker, s.text, s.kind)
                 for s in sample_analysis.transcript.sentences[:110]]
    heard: list[tuple[int, int]] = []
    annotate(sentences, progress=lambda done, total: heard.append((done, total)))
    assert heard == [(25, 110), (50, 110), (75, 110), (100, 110), (110, 110)]


def _read_all(fd: int, proc: subprocess.Popen[bytes]) -> bytes:
    out = b""
    while True:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed its end of the terminal
                break
            if not chunk:
                break
            out += chunk
        elif proc.poll() is not None:
            break
    return out


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """stderr a terminal (a pty of this test's own): the bar shows; the output file is written as always."""
    master, slave = pty.openpty()
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "flashgen", "vocab", str(SAMPLE), "-f", "csv", "-o", str(tmp_path / "v.csv")],
                            stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    try:
        shown = _read_all(master, proc).decode("utf-8", "replace")
    finally:
        os.close(master)
    assert proc.wait(timeout=300) == 0
    assert "analysing" in shown and "100%" in shown
    assert "Traceback" not in shown
    assert (tmp_path / "v.csv").read_text(encoding="utf-8-sig").startswith("hanzi,")


def test_no_progress_bar_in_a_pipe(tmp_path: Path) -> None:
    done = run("vocab", str(SAMPLE), "-f", "csv", "-o", str(tmp_path / "v.csv"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert done.returncode == 0
    assert done.stderr.decode() == f"wrote {tmp_path / 'v.csv'}\n"  # no bar, no escape codes


def test_fifo_transcript_is_read_as_a_stream(tmp_path: Path) -> None:
    """A named pipe as the transcript: read to its end like a file, the same vocabulary as the file gives."""
    fifo = tmp_path / "briefing.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(SAMPLE.read_bytes()))
    writer.start()
    piped = run("vocab", str(fifo), "-f", "json", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    writer.join(timeout=60)
    assert piped.returncode == 0, piped.stderr.decode()
    from_file = run("vocab", str(SAMPLE), "-f", "json", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert json.loads(piped.stdout) == json.loads(from_file.stdout)


def test_fifo_closed_without_a_word_is_a_one_line_error(tmp_path: Path) -> None:
    fifo = tmp_path / "silent.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(b""))
    writer.start()
    done = run("vocab", str(fifo), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    writer.join(timeout=60)
    assert done.returncode == 1
    message = done.stderr.decode()
    assert "empty" in message and "Traceback" not in message and len(message.strip().splitlines()) == 1


def _naive_sub_terms(seen: dict[str, "_Occ"]) -> dict[str, list[str]]:
    """The sub-term expansion written the plain quadratic way: the reference the heap and id sets must match."""
    from collections import defaultdict

    from flashgen.chinese.glossary import glossary
    from flashgen.chinese.lexicon import lexicon
    from flashgen.models import PERSON_FLAGS
    from flashgen.study.subterms import _sub_token, sub_terms

    links: dict[str, list[str]] = defaultdict(list)
    queue = sorted(seen, key=len, reverse=True)
    done: set[str] = set()
    while queue:
        word = queue.pop(0)
        if word in done:
            continue
        done.add(word)
        occ = seen[word]
        for sub in sub_terms(word, occ.tokens[0].pos if occ.tokens else "n"):
            term = glossary().get(sub)
            tag = term.tag if term is not None else (lexicon().jieba_tag(sub) or "n")
            if tag in PERSON_FLAGS:
                continue
            target = seen.setdefault(sub, _Occ())
            target.tokens.extend(_sub_token(t, sub, tag) for t in occ.tokens)
            for sentence in occ.sentences:
                if not any(s is sentence for s in target.sentences):
                    target.sentences.append(sentence)
            target.sentences.sort(key=lambda s: s.index)
            links[word].append(sub)
            links[sub].append(word)
            if len(sub) >= 4:
                queue.append(sub)
                queue.sort(key=len, reverse=True)
    return links


class _Occ:
    def __init__(self) -> None:
        self.tokens: list[Token] = []
        self.sentences: list[Sentence] = []


# Long terms and their parts: 中欧投资协定 "EU–China investment agreement", 投资协定 "investment agreement",
# 联合国安理会 "UN Security Council", 联合国 "UN", 安理会 "Security Council", 人类命运共同体 "community with a
# shared future for mankind", 命运共同体 "community of shared future", 共同体 "community".
WORDS = ["中欧投资协定", "投资协定", "联合国安理会", "联合国", "安理会", "人类命运共同体", "命运共同体", "共同体", "合作"]
READINGS = {"中欧投资协定": "zhong1 ou1 tou2 zi1 xie2 ding4", "投资协定": "tou2 zi1 xie2 ding4",
            "联合国安理会": "lian2 he2 guo2 an1 li3 hui4", "联合国": "lian2 he2 guo2", "安理会": "an1 li3 hui4",
            "人类命运共同体": "ren2 lei4 ming4 yun4 gong4 tong2 ti3", "命运共同体": "ming4 yun4 gong4 tong2 ti3",
            "共同体": "gong4 tong2 ti3", "合作": "he2 zuo4"}


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4), min_size=1, max_size=30))
def test_sub_term_expansion_matches_the_plain_reference(sentence_words: list[list[str]]) -> None:
    """Whatever words the sentences hold, the linear expansion gives the reference's tokens, sentences and links."""

    def seen_of() -> dict[str, _Occ]:
        seen: dict[str, _Occ] = {}
        for k, words_ in enumerate(sentence_words):
            sentence = sentences[k]
            for word in words_:
                occ = seen.setdefault(word, _Occ())
                occ.tokens.append(Token(word, "n", "", READINGS[word]))
                if not occ.sentences or occ.sentences[-1] is not sentence:
                    occ.sentences.append(sentence)
        return seen

    sentences = [Sentence(k, k, None, None, "".join(w)) for k, w in enumerate(sentence_words)]
    fast, slow = seen_of(), seen_of()
    fast_links = add_sub_terms(fast, _Occ)
    slow_links = _naive_sub_terms(slow)
    assert dict(fast_links) == dict(slow_links)
    assert list(fast) == list(slow)
    for word in slow:
        assert fast[word].tokens == slow[word].tokens
        assert [s.index for s in fast[word].sentences] == [s.index for s in slow[word].sentences]


def test_fold_shares_contexts_and_counts_every_occurrence(sample_analysis) -> None:  # type: ignore[no-untyped-def]
    """Folding the same annotated block again and again: counts grow, the table of distinct contexts does not."""
    from flashgen.study.vocab import VocabFold

    block = sample_analysis.transcript.sentences[:50]
    fold = VocabFold()
    fold.add(block)
    contexts, total = len(fold._contexts), fold.total
    for _ in range(20):
        fold.add(block)
    assert len(fold._contexts) == contexts
    assert fold.total == 21 * total
    items = {(i.hanzi, i.pinyin_numbered): i for i in fold.items()}
    once = VocabFold()
    once.add(block)
    for item in once.items():
        assert items[item.hanzi, item.pinyin_numbered].count == 21 * item.count
        assert set(fold.seen[item.hanzi].uses) <= set(fold._contexts.values())
