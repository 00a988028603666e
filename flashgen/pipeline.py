"""The whole pipeline as one library call: read → structure → annotate → select.

``analyse()`` is what every command and renderer starts from; renderers get
the :class:`Analysis` and never segment text again.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Optional, Sequence, Union

from flashgen.models import DEFAULT_REGION, Analysis, HskStandard, Readings, Region, ScriptChoice, Sentence, Transcript
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
    known_anki: Optional[PathLike] = None  # Anki collection, .apkg/.colpkg or notes export: its words are known
    known_field: Optional[str] = None  # the field holding the headword (default: fields holding only Chinese)
    known_mature: bool = False  # only notes with a mature card (interval ≥ 21 days) count as known
    known_quiz: Optional[PathLike] = None  # the quiz's progress file: words answered reliably are known
    script: ScriptChoice = "auto"  # the script outputs show: the text's own (auto), simplified or traditional
    region: Region = DEFAULT_REGION  # traditional forms for a simplified text shown in traditional
    readings: Readings = "mainland"  # or Taiwan's readings where CC-CEDICT notes them
    # Hears (sentences annotated, sentences in all) while a transcript is annotated: the CLI's progress bar.
    progress: Optional[Callable[[int, int], None]] = field(default=None, init=False, repr=False, compare=False)
    _known_cache: Optional[frozenset[str]] = field(default=None, init=False, repr=False, compare=False)

    def filters(self) -> Filters:
        """The vocabulary filters these options ask for."""
        return Filters(
            include_names=self.include_names,
            min_hsk=self.min_hsk,
            known=self.known_words(),
            limit=self.limit,
            terms_only=self.terms_only,
            hsk_standard=self.hsk_standard,
        )


    def known_words(self) -> frozenset[str]:
        """Every word these options count as known: the --known file, the Anki collection, the quiz (read once)."""
        if self._known_cache is not None:
            return self._known_cache
        words = load_known(self.known)
        if self.known_anki is not None:
            from flashgen.known import AnkiSource, read_anki_words

            words |= read_anki_words(AnkiSource(Path(self.known_anki), self.known_field, self.known_mature))
        if self.known_quiz is not None:
            from flashgen.known.quiz import read_quiz_words

            words |= read_quiz_words(Path(self.known_quiz))
        self._known_cache = words
        return words

    @property
    def knows_words(self) -> bool:
        """Whether any source of known words was given (coverage figures need one)."""
        return self.known is not None or self.known_anki is not None or self.known_quiz is not None


#: Files taken from a folder of transcripts.
TRANSCRIPT_SUFFIXES = (".txt", ".md", ".srt", ".vtt")


def expand_inputs(paths: Sequence[PathLike]) -> list[PathLike]:
    """Files and folders given on the command line → transcript files (a folder: its text files, by name).

    Files stay as given (their error messages name them so); problems with them are the reader's to report.
    """
    from flashgen.errors import InputError

    files: list[PathLike] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in TRANSCRIPT_SUFFIXES)
            if not found:
                raise InputError(f"{given}: the folder holds no transcript ({', '.join(TRANSCRIPT_SUFFIXES)} files)")
            files.extend(found)
        else:
            files.append(given)
    return list(dict.fromkeys(files))


def running_words(transcript: Transcript, known: frozenset[str]) -> tuple[int, int]:
    """(running words, of them known): tokens holding Chinese characters, and those in ``known``."""
    from flashgen.chinese.hanzi import has_hanzi

    total = hit = 0
    for sentence in transcript.sentences:
        for token in sentence.tokens:
            if has_hanzi(token.text):
                total += 1
                hit += token.text in known
    return total, hit


def load_known(path: Optional[PathLike]) -> frozenset[str]:
    """Words from a known-words file (one per line; anything after a tab or space is ignored).

    Each word also gives its simplified form (the analysis' key), so a list in
    traditional characters works: 發展 leaves out 发展.
    """
    if path is None:
        return frozenset()
    from flashgen.source.convert import convert
    from flashgen.source.reader import read_plain

    text = read_plain(str(path), KNOWN_MAX_BYTES, "a known-words file")
    words = set()
    for lines in (text, convert(text, "simplified")):
        for line in lines.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                words.add(line.split()[0])
    return frozenset(words)


def load_transcript(path: Optional[PathLike] = None, text: Optional[str] = None, script: ScriptChoice = "auto",
                    region: Region = DEFAULT_REGION) -> Transcript:
    """Read and structure a transcript: a file, raw text, or (neither) the bundled sample.

    The sentences are simplified for the analysis; their ``display`` and the
    title, sections and speakers are in ``script`` (auto: the text's own).
    """
    from flashgen.source.convert import convert, to_simplified
    from flashgen.source.reader import load_sample_text, read_text, strip_invisible
    from flashgen.source.structure import parse_transcript

    if text is not None:
        text, name = strip_invisible(text), "<text>"
    elif path is None:
        text, name = load_sample_text()
    else:
        text, name = read_text(str(path)), Path(path).name
    analysed, source_script = to_simplified(text)
    transcript = parse_transcript(analysed, name)
    shown_script = source_script if script == "auto" else script
    if shown_script == "simplified":  # the analysis is what is shown
        return replace(transcript, source_script=source_script, region=region)
    from flashgen.source.script import show_transcript

    shown = text if source_script == "traditional" else convert(analysed, "traditional", region)
    return show_transcript(transcript, analysed, shown, shown_script, source_script, region)


def analyse(path: Optional[PathLike] = None, options: Optional[Options] = None, *, text: Optional[str] = None) -> Analysis:
    """Run the pipeline on a transcript file (None: the bundled sample) or on ``text``."""
    from flashgen.study.annotate import annotate_blocks
    from flashgen.chinese.overrides import load_overrides
    from flashgen.study.display import show_vocab
    from flashgen.study.vocab import VocabFold

    options = options or Options()
    transcript = load_transcript(path, text, options.script, options.region)
    overrides = load_overrides(options.overrides).entries
    filters = options.filters()
    fold = VocabFold(filters)  # each block is folded in while the next is annotated (on a long text, by workers)
    sentences: list[Sentence] = []
    for block in annotate_blocks(transcript.sentences, overrides, options.progress):
        fold.add(block)
        sentences.extend(block)
    transcript = replace(transcript, sentences=sentences)
    vocab = fold.items(overrides)
    if options.readings == "tw":
        from flashgen.study.readings import taiwan_readings

        sentences, vocab = taiwan_readings(sentences, vocab, overrides)
        transcript = replace(transcript, sentences=sentences)
    vocab = show_vocab(vocab, sentences, transcript.script, transcript.region)
    return Analysis(transcript, vocab, selection=selection_note(filters))
