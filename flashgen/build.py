"""``flashgen build``: every output for one transcript (or a set of them), in one folder.

A set (several files or a folder) gives one package: one vocabulary deck over
the whole set and one cloze subdeck per transcript; the printed list and the
worksheet cover the set; files are named after the set's name (``--name``).
With a library, each note gathers the examples and sources of every
transcript the library holds for its word (see :mod:`flashgen.studyset`).

Writes ``<slug>.apkg`` (vocabulary and cloze subdecks), ``<slug>-vocab.html``,
``<slug>-vocab.pdf`` and ``<slug>-cloze.pdf``. Each file is written through a
temporary file and renamed, so an interrupted build leaves the previous
outputs intact, and temporary files a killed build left behind are removed by
the next one. A missing CJK font skips the PDFs with a warning; the deck and
the HTML list are still written. A build that fails half-way says which
outputs it replaced and which it did not.

Outputs are named after the transcript's file (its slug). When the folder
already holds ``<slug>.apkg`` of a different transcript (its deck has another
name), the outputs are named ``<slug>-2`` (``-3``…) and a note says so: a build
never replaces another transcript's outputs.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, Sequence, Union

from flashgen.atomic import atomic_write, check_output, clean_stale
from flashgen.errors import OutputError, ResourceError
from flashgen.models import ClozeItem, Hint, Paper, Transcript, VocabItem
from flashgen.pipeline import Options, PathLike

if TYPE_CHECKING:
    from flashgen.audio import AudioOptions

#: Items in the printed list unless asked otherwise: the glossary terms and best-ranked words.
PRINT_LIMIT = 500
#: Sentences on the printed worksheet (best-ranked terms first); the deck holds every cloze note.
WORKSHEET_LIMIT = 100

#: Steps reported to the progress callback, in order ("audio" only with audio).
STEPS = ("analyse", "cloze", "audio", "deck", "vocab-html", "vocab-pdf", "cloze-pdf")


@dataclass
class BuildResult:
    """What a build wrote and counted."""

    title: str
    outputs: list[Path] = field(default_factory=list)
    vocab_notes: int = 0
    cloze_notes: int = 0
    cards: int = 0
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # information, not problems
    new_words: Optional[int] = None  # words no earlier transcript of the library holds (None: no library)


def build(
    path: Union[PathLike, Sequence[PathLike], None] = None,
    outdir: PathLike = "decks",
    options: Optional[Options] = None,
    *,
    font: Optional[PathLike] = None,
    paper: Paper = "a4",
    hint: Hint = "english",
    seed: int = 0,
    pdf: bool = True,
    print_limit: Optional[int] = PRINT_LIMIT,
    progress: Callable[[str], None] = lambda step: None,
    name: Optional[str] = None,
    library: Optional[PathLike] = None,
    new_only: bool = False,
    audio: Optional[AudioOptions] = None,
    clip_progress: Callable[[int, int], None] = lambda done, total: None,
) -> BuildResult:
    """Build every output for the transcript at ``path`` (None: the bundled sample) into ``outdir``.

    ``pdf=False`` skips the two PDFs. The printed (PDF) list holds the
    ``print_limit`` best-ranked items (None: all): a year of press conferences
    has thousands of words, too many to print; the deck and the HTML list
    always hold every item. ``audio`` (default none) speaks every headword
    and sentence into the deck; ``clip_progress(done, total)`` follows the
    clips being synthesised.

    ``path`` may be several transcripts or a folder (a set, named ``name``);
    ``library`` is the library file to record them in and gather from (None:
    none); ``new_only`` leaves out the words earlier transcripts delivered.
    """
    from flashgen.anki.deck import write_deck
    from flashgen.anki.identity import deck_name
    from flashgen.printed.vocab_html import html_chunks

    from flashgen.studyset import collect, set_cloze

    paths = [path] if path is None or isinstance(path, (str, Path)) else list(path)
    out = Path(outdir)
    options = options or Options()
    if audio is not None:
        audio.check()  # a bad --tts-command fails before the analysis, not after
    with collect(paths, options, name=name, library=library, new_only=new_only) as got:
        progress("analyse")
        analysis, transcript = got.combined, got.combined.transcript
        slug, other = claim_slug(out, transcript.slug, deck_name(transcript))
        names = output_names(slug, pdf)
        inputs = [("transcript", p) for p in paths] + [("overrides file", options.overrides),
                                                       ("known-words file", options.known)]
        for file_name in names:  # before writing: no output may replace an input
            check_output(out / file_name, inputs)
        clean_stale(out)
        cloze, cloze_parts = set_cloze(got, hint=hint, seed=seed)
        progress("cloze")
        result = BuildResult(transcript.title, new_words=got.new_words)
        if analysis.selection:
            result.notes.append(f"vocabulary: {analysis.selection}")
        result.notes.extend(got.notes)
        if other:
            result.notes.append(f"{out / transcript.slug}.apkg holds another transcript ({other}); "
                                f"this one's outputs are named {slug}")
        # Typst sets the PDFs on another thread (it releases the GIL) while the audio, the deck and the HTML list are made.
        pdfs = _PdfJob(transcript, analysis.vocab, cloze, font=font, paper=paper, print_limit=print_limit) if pdf else None
        media = None
        if audio is not None:
            from flashgen.audio import speeches, synthesise

            media = synthesise(speeches(analysis.vocab, cloze), audio, progress=clip_progress)
            progress("audio")
            notes, warnings = media.summary()
            result.notes.extend(notes)
            result.warnings.extend(warnings)
        try:
            stats = write_deck(transcript, analysis.vocab, cloze, out / names[0], audio=media, sources=got.uses,
                               cloze_parts=cloze_parts)
            result.outputs.append(stats.path)
            result.vocab_notes, result.cloze_notes, result.cards = stats.vocab_notes, stats.cloze_notes, stats.cards
            progress("deck")
            # Written row by row: the list of a year of press conferences runs to tens of megabytes.
            html = html_chunks(transcript, analysis.vocab, paper=paper)
            result.outputs.append(atomic_write(out / names[1], html))
            progress("vocab-html")
            if pdfs is not None:
                _write_pdfs(result, pdfs, out, names[2:], progress)
        except OutputError as exc:
            raise OutputError(_half_way(exc, out, names, result.outputs)) from None
    return result


def output_names(slug: str, pdf: bool = True) -> list[str]:
    """The file names a build writes, in order: deck, HTML list, then the two PDFs."""
    names = [f"{slug}.apkg", f"{slug}-vocab.html"]
    return names + ([f"{slug}-vocab.pdf", f"{slug}-cloze.pdf"] if pdf else [])


def _half_way(exc: OutputError, out: Path, names: list[str], written: list[Path]) -> str:
    """The message of a build that failed after writing some outputs."""
    done = {p.name for p in written}
    rest = [n for n in names if n not in done]
    said = str(exc)
    if done:
        said += f"; replaced {', '.join(sorted(done, key=names.index))}"
    if rest:
        said += f"; not written (previous versions in {out} kept): {', '.join(rest)}"
    return said


def _deck_names(apkg: Path) -> Optional[set[str]]:
    """Names of the decks in an .apkg (empty when it is no readable Anki package), None when absent."""
    if not apkg.is_file():
        return None
    try:
        with zipfile.ZipFile(apkg) as zf:
            name = next((n for n in ("collection.anki21", "collection.anki2") if n in zf.namelist()), None)
            data = zf.read(name) if name else b""
        con = sqlite3.connect(":memory:")
        try:
            con.deserialize(data)
            (decks,) = con.execute("SELECT decks FROM col").fetchone()
        finally:
            con.close()
        return {str(d.get("name", "")) for d in json.loads(decks).values()}
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile, sqlite3.Error):
        return set()


def claim_slug(out: Path, slug: str, deck: str) -> tuple[str, str]:
    """The slug this transcript's outputs get in ``out``, and what holds ``slug`` instead ("" when it is free or ours).

    ``<slug>.apkg`` is this transcript's when its parent deck is named ``deck``;
    otherwise ``slug-2``, ``slug-3``… is tried, whichever is free or this transcript's.
    """
    candidate, n, other = slug, 1, ""
    while True:
        names = _deck_names(out / f"{candidate}.apkg")
        if names is None or deck in names:
            return candidate, other
        if not other:
            parents = sorted(name for name in names if "::" not in name)
            other = f"deck {parents[0]!r}" if parents else "not a flashgen deck"
        n += 1
        candidate = f"{slug}-{n}"


class _PdfJob(threading.Thread):
    """The printed list and the worksheet typeset in the background; the files are written by :func:`_write_pdfs`.

    Only bytes are made here: an interrupted build writes no PDF. The thread is
    a daemon, so Ctrl-C does not wait for Typst to finish.
    """

    def __init__(self, transcript: Transcript, vocab: list[VocabItem], cloze: list[ClozeItem], *,
                 font: Optional[PathLike], paper: Paper, print_limit: Optional[int]) -> None:
        super().__init__(name="flashgen-pdfs", daemon=True)
        self.transcript, self.font, self.paper = transcript, font, paper
        self.printed = vocab[:print_limit] if print_limit else vocab
        self.sheet = cloze[:WORKSHEET_LIMIT]
        self.notes: list[str] = []
        if len(self.printed) < len(vocab):
            self.notes.append(f"printed list: the first {len(self.printed)} of {len(vocab)} words (--print-limit 0 for all)")
        if len(self.sheet) < len(cloze):
            self.notes.append(f"worksheet: the first {len(self.sheet)} of {len(cloze)} cloze sentences "
                              "(flashgen cloze -f pdf for all)")
        self.pdfs: Optional[tuple[bytes, bytes]] = None
        self.error: Optional[BaseException] = None
        self.start()

    def run(self) -> None:
        from flashgen.printed.fonts import load_fonts
        from flashgen.printed.pdf import vocab_pdf, worksheet_pdf

        try:
            fonts = load_fonts(self.font)
            self.pdfs = (vocab_pdf(self.transcript, self.printed, fonts, paper=self.paper),
                         worksheet_pdf(self.transcript, self.sheet, fonts, paper=self.paper))
        except BaseException as exc:  # handed to the main thread, which raises it or warns
            self.error = exc


def _write_pdfs(result: BuildResult, job: _PdfJob, out: Path, names: list[str], progress: Callable[[str], None]) -> None:
    """Write the two PDFs of ``job`` as ``names`` (list, worksheet) in ``out``; a missing font skips both with a warning."""
    result.notes.extend(job.notes)
    job.join()
    if isinstance(job.error, ResourceError):
        result.warnings.append(f"PDFs skipped: {job.error}")
        return
    if job.error is not None:
        raise job.error
    assert job.pdfs is not None
    vocab, worksheet = job.pdfs
    result.outputs.append(atomic_write(out / names[0], vocab))
    progress("vocab-pdf")
    result.outputs.append(atomic_write(out / names[1], worksheet))
    progress("cloze-pdf")
