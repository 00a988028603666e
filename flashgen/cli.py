"""Command-line interface: parse options, call one library function, print.

Every library failure is a :class:`flashgen.errors.FlashgenError`, mapped here
to a one-line click error (exit status 1), never a traceback.
"""

from __future__ import annotations

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="flashgen")
def cli() -> None:
    """Turn a Chinese transcript into Anki decks, cloze quizzes and vocabulary lists."""


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="flashgen")
