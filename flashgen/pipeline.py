"""The whole pipeline as one library call: read → structure → annotate → select.

``analyse()`` is what every command and renderer starts from; renderers get
the :class:`Analysis` and never segment text again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from flashgen.models import Analysis, HskStandard, Transcript
from flashgen.study.select import DEFAULT_MIN_HSK, Filters, selection_note

PathLike = Union[str, Path]

#: Largest known-words file read (a learner's whole vocabulary is well under a megabyte).
KNOWN_MAX_BYTES = 8 << 20


@dataclass
class Options:
    """Options shared by the commands (see ``flashgen vocab --help``)."""

    include_names: bool = False
    min_hsk: Optional[int] = DEFAULT_MIN_HSK  # 1 (the CLI's --all) keeps HSK 1–2 and function words
    known: Optional[PathLike] = None  # file: one known word per line, excluded
    limit: Optional[int] = None
    terms_only: bool = False
    hsk_standard: HskStandard = "2025"
    overrides: Optional[PathLike] = None  # TSV word, pinyin, meaning; default: flashgen.chinese.overrides

    def filters(self) -> Filters:
        """The vocabulary filters these options ask for."""
        return Filters(
            include_names=self.include_names,
            min_hsk=self.min_hsk,
            known=load_known(self.known),
            limit=self.limit,
            terms_only=self.terms_only,
            hsk_standard=self.hsk_standard,
        )


def load_known(path: Optional[PathLike]) -> frozenset[str]:
    """Words from a known-words file (one per line; anything after a tab or space is ignored)."""
    if path is None:
        return frozenset()
    from flashgen.source.reader import read_plain

    words = set()
    for line in read_plain(str(path), KNOWN_MAX_BYTES, "a known-words file").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line.split()[0])
    return frozenset(words)


def load_transcript(path: Optional[PathLike] = None, text: Optional[str] = None) -> Transcript:
    """Read and structure a transcript: a file, raw text, or (neither) the bundled sample."""
    from flashgen.source.reader import load_sample_text, read_text, strip_invisible
    from flashgen.source.structure import parse_transcript

    from flashgen.source.convert import to_simplified

    if text is not None:
        text, name = strip_invisible(text), "<text>"
    elif path is None:
        text, name = load_sample_text()
    else:
        text, name = read_text(str(path)), Path(path).name
    text, _ = to_simplified(text)
    return parse_transcript(text, name)


def analyse(path: Optional[PathLike] = None, options: Optional[Options] = None, *, text: Optional[str] = None) -> Analysis:
    """Run the pipeline on a transcript file (None: the bundled sample) or on ``text``."""
    from flashgen.study.annotate import annotate
    from flashgen.chinese.overrides import load_overrides
    from flashgen.study.vocab import build_vocab

    options = options or Options()
    transcript = load_transcript(path, text)
    overrides = load_overrides(options.overrides).entries
    sentences = annotate(transcript.sentences, overrides)
    transcript = Transcript(transcript.title, transcript.source, sentences, transcript.slug)
    filters = options.filters()
    vocab = build_vocab(sentences, filters, overrides)
    return Analysis(transcript, vocab, selection=selection_note(filters))
