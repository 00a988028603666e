"""The progress bar a long command shows on a terminal (stderr only, nothing in pipes, files or CI logs)."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from flashgen.pipeline import Options

#: Steps of the bar: per mille of the transcript's sentences annotated.
STEPS = 1000


@contextmanager
def annotation_bar(options: "Options", label: str = "analysing") -> Iterator[None]:
    """While inside, a bar on stderr follows the annotation of each transcript (when stderr is a terminal).

    The annotation is most of the work; when it is done the label says what
    remains (ranking the words), so a long input never looks stuck.
    """
    if not sys.stderr.isatty():
        yield
        return
    import click

    with click.progressbar(length=STEPS, label=label, file=sys.stderr, show_eta=True) as bar:

        def step(done: int, total: int) -> None:
            bar.label = label if done < total else "ranking words"
            bar.update(done * STEPS // max(total, 1) - bar.pos)

        options.progress = step
        try:
            yield
        finally:
            options.progress = None


def follow_annotation(bar: "ProgressBar[int]", options: "Options") -> None:
    """The build's bar (its steps are the outputs) tells in its label how far the annotation is."""

    def step(done: int, total: int) -> None:
        bar.label = f"analysing {done * 100 // max(total, 1)}%" if done < total else "building"
        bar.render_progress()

    options.progress = step
