"""``flashgen build``: every output for one transcript, in one folder.

Writes ``<slug>.apkg`` (vocabulary and cloze subdecks), ``<slug>-vocab.html``,
``<slug>-vocab.pdf`` and ``<slug>-cloze.pdf``. Each file is written through a
temporary file and renamed, so an interrupted build leaves the previous
outputs intact. A missing CJK font skips the PDFs with a warning; the deck
and the HTML list are still written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

from .atomic import atomic_write
from .errors import ResourceError
from .pipeline import Options, PathLike, analyse

#: Items in the printed list unless asked otherwise: the glossary terms and best-ranked words.
PRINT_LIMIT = 500
#: Sentences on the printed worksheet (best-ranked terms first); the deck holds every cloze note.
WORKSHEET_LIMIT = 100

#: Steps reported to the progress callback, in order.
STEPS = ("analyse", "cloze", "deck", "vocab-html", "vocab-pdf", "cloze-pdf")


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


def build(
    path: Optional[PathLike] = None,
    outdir: PathLike = "decks",
    options: Optional[Options] = None,
    *,
    font: Optional[PathLike] = None,
    paper: str = "a4",
    hint: str = "english",
    seed: int = 0,
    pdf: bool = True,
    print_limit: Optional[int] = PRINT_LIMIT,
    parallel: bool = True,
    progress: Callable[[str], None] = lambda step: None,
) -> BuildResult:
    """Build every output for the transcript at ``path`` (None: the bundled sample) into ``outdir``.

    ``pdf=False`` skips the two PDFs, which take most of a build's time
    (typesetting dozens of pages), for a quick rebuild of the deck and the HTML list.
    The printed (PDF) list holds the ``print_limit`` best-ranked items (None: all):
    a year of press conferences has thousands of words, too many to print or to
    typeset in reasonable time; the deck and the HTML list always hold every item.
    ``parallel=False`` typesets the PDFs in this process, one after the other.
    """
    from .cloze import make_cloze_items
    from .deck import write_deck
    from .printing import render_html
    from .worksheet import render_html as render_worksheet

    out = Path(outdir)
    analysis = analyse(path, options)
    progress("analyse")
    transcript = analysis.transcript
    cloze = make_cloze_items(analysis, hint=hint, seed=seed)
    progress("cloze")
    jobs: list[tuple[str, Path]] = []
    notes: list[str] = []
    if pdf:
        printed = analysis.vocab[:print_limit] if print_limit else analysis.vocab
        if len(printed) < len(analysis.vocab):
            notes.append(f"printed list: the first {len(printed)} of {len(analysis.vocab)} words (--print-limit 0 for all)")
        sheet = cloze[:WORKSHEET_LIMIT]
        if len(sheet) < len(cloze):
            notes.append(f"worksheet: the first {len(sheet)} of {len(cloze)} cloze sentences (flashgen cloze -f pdf for all)")
        jobs = [
            (render_html(transcript, printed, paper=paper, for_pdf=True), out / f"{transcript.slug}-vocab.pdf"),
            (render_worksheet(transcript, sheet, paper=paper, for_pdf=True), out / f"{transcript.slug}-cloze.pdf"),
        ]
    with _Typesetter(jobs, font, parallel) as typesetter:
        # The PDFs are typeset in other processes while the deck and the HTML list are written here.
        stats = write_deck(transcript, analysis.vocab, cloze, out / f"{transcript.slug}.apkg")
        result = BuildResult(transcript.title, [stats.path], stats.vocab_notes, stats.cloze_notes, stats.cards, notes=notes)
        progress("deck")
        html = render_html(transcript, analysis.vocab, paper=paper)
        result.outputs.append(atomic_write(out / f"{transcript.slug}-vocab.html", html))
        progress("vocab-html")
        try:
            for step, written in zip(("vocab-pdf", "cloze-pdf"), typesetter.results()):
                result.outputs.append(written)
                progress(step)
        except ResourceError as exc:
            result.warnings.append(f"PDFs skipped: {exc}")
    return result


def _typeset(html: str, path: Path, font: Optional[PathLike]) -> Path:
    """Typeset one PDF (run in a worker process)."""
    from . import pdf

    return pdf.write_pdf(html, path, font=font)


class _Typesetter:
    """Typesets PDFs in worker processes (one per PDF), or here when ``parallel`` is off.

    WeasyPrint takes seconds and hundreds of megabytes per document: in their
    own processes the two PDFs run side by side on two cores, alongside the
    deck, and their memory is returned as soon as each is written. Workers are
    started fresh ("spawn"), so they do not carry the parent's dictionaries.
    """

    def __init__(self, jobs: list[tuple[str, Path]], font: Optional[PathLike], parallel: bool) -> None:
        self.jobs, self.font, self.parallel = jobs, font, parallel
        self.pool: Any = None
        self.futures: list[Any] = []

    def __enter__(self) -> "_Typesetter":
        if self.jobs and self.parallel:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            try:
                self.pool = ProcessPoolExecutor(
                    max_workers=len(self.jobs), mp_context=multiprocessing.get_context("spawn"), initializer=_worker_init
                )
                self.futures = [self.pool.submit(_typeset, html, path, self.font) for html, path in self.jobs]
            except (OSError, NotImplementedError):  # no processes here (sandboxes): typeset in this one
                self.pool, self.futures = None, []
        return self

    def results(self) -> Iterator[Path]:
        """Each PDF's path as it is written, in job order; a ResourceError (no font) stops them."""
        if self.futures:
            for future in self.futures:
                yield future.result()
        else:
            for html, path in self.jobs:
                yield _typeset(html, path, self.font)

    def __exit__(self, exc_type: object, *exc: object) -> None:
        if self.pool is None:
            return
        if exc_type is not None:
            # Interrupted (Ctrl-C) or failed: stop the typesetting now rather than wait for it.
            # Workers unwind on SIGTERM, so their half-written temp files are removed.
            for process in list(getattr(self.pool, "_processes", {}).values()):
                process.terminate()
        self.pool.shutdown(wait=True, cancel_futures=True)


def _worker_init() -> None:
    """Worker set-up: Ctrl-C is the parent's to handle; SIGTERM unwinds like an exception."""
    import signal
    import sys

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(1))
