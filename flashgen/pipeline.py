"""The whole pipeline as one library call: read → structure → annotate → select.

``analyse()`` is what every command and renderer starts from; renderers get
the :class:`Analysis` and never segment text again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from flashgen.models import Analysis, Transcript
from flashgen.study.vocab import Filters

PathLike = Union[str, Path]


@dataclass
class Options:
    """Options shared by the commands (see ``flashgen vocab --help``)."""

    include_names: bool = False
    min_hsk: Optional[int] = None
    known: Optional[PathLike] = None  # file: one known word per line, excluded
    limit: Optional[int] = None
    terms_only: bool = False
    hsk_standard: str = "2025"
    overrides: Optional[PathLike] = None  # TSV word, pinyin, meaning; default: the user's config file

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


def default_overrides_path() -> Path:
    """The user's overrides file, kept outside every output folder so it survives rebuilds."""
    env = os.environ.get("FLASHGEN_OVERRIDES")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir("flashgen", appauthor=False)) / "overrides.tsv"


def load_known(path: Optional[PathLike]) -> frozenset[str]:
    """Words from a known-words file (one per line; anything after a tab or space is ignored)."""
    if path is None:
        return frozenset()
    from flashgen.source.reader import read_text

    words = set()
    for line in read_text(str(path)).splitlines():
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
    from flashgen.chinese.meaning import load_overrides
    from flashgen.study.vocab import build_vocab

    options = options or Options()
    transcript = load_transcript(path, text)
    overrides_path = options.overrides
    if overrides_path is None and default_overrides_path().is_file():
        overrides_path = default_overrides_path()
    overrides = load_overrides(Path(overrides_path)) if overrides_path else {}
    sentences = annotate(transcript.sentences, overrides)
    transcript = Transcript(transcript.title, transcript.source, sentences, transcript.slug)
    vocab = build_vocab(sentences, options.filters(), overrides)
    return Analysis(transcript, vocab)
