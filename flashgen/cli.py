"""Command-line interface: parse options, call one library function, print.

Every library failure is a :class:`flashgen.errors.FlashgenError`, mapped here
to a one-line click error (exit status 1), never a traceback. Heavy modules are
imported inside the commands so that ``flashgen --help`` stays instant.
"""

from __future__ import annotations

import functools
import logging
import sys
from typing import TYPE_CHECKING, Any, Callable, Optional, get_args

import click

from flashgen import __version__
from flashgen.models import (DEFAULT_REGION, AudioEngine, ClozeFormat, GroupBy, Hint, HskStandard, LookupFormat, Paper,
                             QuizMode, Readings, Region, ScriptChoice, SentenceFormat, VocabFormat)

if TYPE_CHECKING:
    from flashgen.pipeline import Options

# No checks here: the reader's one-line errors say what is wrong with the path (missing, a folder…).
TRANSCRIPT = click.argument("transcript", required=False, type=click.Path())
#: Several transcripts (or folders of them) make one study set.
TRANSCRIPTS = click.argument("transcripts", nargs=-1, type=click.Path())
LIBRARY = click.option("--library", "library_path", type=click.Path(dir_okay=False), help="Library file (default: $FLASHGEN_LIBRARY, else library.sqlite beside the quiz's progress file).")


def _library(library_path: Optional[str], no_library: bool = False) -> Optional[str]:
    """The library file to use, None when switched off."""
    if no_library:
        if library_path:
            raise click.UsageError("--library and --no-library contradict each other")
        return None
    from flashgen.library import default_library_path

    return library_path or str(default_library_path())


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every clean-up (temporary files, open transactions) runs."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated


def _friendly(func: Callable[..., Any]) -> Callable[..., Any]:
    """Map library errors to one-line click errors; end quietly on Ctrl-C, SIGTERM and closed pipes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from flashgen.errors import FlashgenError

        try:
            return func(*args, **kwargs)
        except FlashgenError as exc:
            raise click.ClickException(str(exc)) from None
        except Terminated:
            click.echo("terminated", err=True)
            sys.exit(143)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.stderr.close()  # output piped into `head`: not an error
            sys.exit(0)

    return wrapper


OVERRIDES = click.option("--overrides", type=click.Path(dir_okay=False), help="TSV of word, pinyin, meaning that wins over everything (default: $FLASHGEN_OVERRIDES, else the user's overrides.tsv).")


def _script_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The script outputs show, shared by every command that reads a transcript (and lookup)."""
    decorators = [
        click.option("--script", type=click.Choice(get_args(ScriptChoice)), default="auto", show_default=True,
                     help="Characters the outputs show: the text's own (auto), simplified or traditional; the other script is shown small."),
        click.option("--region", type=click.Choice(get_args(Region)), default=DEFAULT_REGION, show_default=True,
                     help="Traditional forms for a simplified text shown in traditional: Taiwan, Hong Kong, or OpenCC's standard (cn)."),
        click.option("--readings", type=click.Choice(get_args(Readings)), default="mainland", show_default=True,
                     help="Readings: the mainland standard, or Taiwan's where CC-CEDICT notes one (垃圾 lèsè)."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _vocab_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Filters shared by the commands that select vocabulary (and the script options)."""
    decorators = [
        _script_options,
        click.option("--include-names", is_flag=True, help="Keep person names (left out by default)."),
        click.option("--min-hsk", type=click.IntRange(1, 7), help="Leave out words graded below this HSK level (7 = band 7–9; default 3: HSK 1–2 and function words are left out)."),
        click.option("--all", "keep_all", is_flag=True, help="Keep every word: HSK 1–2 and function words too (same as --min-hsk 1)."),
        click.option("--known", type=click.Path(exists=True, dir_okay=False), help="File of known words, one per line, to leave out."),
        click.option("--known-anki", type=click.Path(), help="Anki collection (collection.anki2), .apkg/.colpkg or notes-in-plain-text export: its words are known (read-only, safe while Anki runs)."),
        click.option("--known-field", help="Field holding the headword in --known-anki (a column number for a text export; default: every field holding only Chinese)."),
        click.option("--known-mature", is_flag=True, help="With --known-anki: only notes with a mature card (interval ≥ 21 days) count as known."),
        click.option("--known-quiz", is_flag=True, help="Words answered reliably in `flashgen quiz` (a card reviewed at an interval ≥ 21 days) are known."),
        click.option("--limit", type=click.IntRange(1), help="At most this many items."),
        click.option("--terms-only", is_flag=True, help="Only diplomatic glossary terms."),
        click.option("--hsk", "hsk_standard", type=click.Choice(get_args(HskStandard)), default="2025", show_default=True, help="HSK word list: 2025 exam syllabus, 2021 standard, or HSK 2.0."),
        OVERRIDES,
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _progress_file() -> str:
    """The quiz's progress file ($FLASHGEN_PROGRESS or the user data folder)."""
    from flashgen.quiz.store import default_progress_path

    return str(default_progress_path())


def _options(include_names: bool, min_hsk: Optional[int], keep_all: bool, known: Optional[str], known_anki: Optional[str],
             known_field: Optional[str], known_mature: bool, known_quiz: bool, limit: Optional[int], terms_only: bool, hsk_standard: HskStandard,
             overrides: Optional[str], script: ScriptChoice = "auto", region: Region = DEFAULT_REGION,
             readings: Readings = "mainland") -> "Options":
    from flashgen.pipeline import Options

    if keep_all and min_hsk not in (None, 1):
        raise click.UsageError("--all keeps every level; leave out --min-hsk or use --min-hsk 1")
    level = 1 if keep_all else min_hsk
    if (known_field or known_mature) and not known_anki:
        raise click.UsageError("--known-field and --known-mature go with --known-anki PATH")
    return Options(include_names=include_names, known=known, known_anki=known_anki, known_field=known_field,
                   known_mature=known_mature, known_quiz=_progress_file() if known_quiz else None, limit=limit,
                   terms_only=terms_only, hsk_standard=hsk_standard, overrides=overrides, script=script, region=region,
                   readings=readings, **({} if level is None else {"min_hsk": level}))


def _script(script: ScriptChoice, region: Region, readings: Readings) -> "Options":
    """Options holding only the script and readings choices (commands without vocabulary filters)."""
    from flashgen.pipeline import Options

    return Options(script=script, region=region, readings=readings)


class _Warnings(logging.Handler):
    """Library warnings (the ``flashgen`` logger) as ``warning: …`` lines on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"warning: {record.getMessage()}", err=True)


def _report_warnings() -> None:
    logger = logging.getLogger("flashgen")
    if not any(isinstance(h, _Warnings) for h in logger.handlers):
        logger.addHandler(_Warnings(logging.WARNING))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="flashgen")
def cli() -> None:
    """Turn a Chinese transcript into Anki decks, cloze quizzes and vocabulary lists.

    Every command takes a transcript file (UTF-8, UTF-16, GB18030 or Big5);
    without one it uses the bundled sample press conference.
    """
    _report_warnings()


@cli.command()
@TRANSCRIPTS
@click.option("-f", "--format", "fmt", type=click.Choice(get_args(VocabFormat)), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
@click.option("--paper", type=click.Choice(get_args(Paper)), default="a4", show_default=True, help="Paper size for html/pdf.")
@click.option("--group-by", type=click.Choice(get_args(GroupBy)), default="section", show_default=True, help="Grouping of the printed list after the terms.")
@click.option("--font", type=click.Path(exists=True, dir_okay=False), help="CJK font file for the PDF.")
@click.option("--study", is_flag=True, help="html/pdf: ruled blanks for the meanings, answer key at the end.")
@_vocab_options
@_friendly
def vocab(transcripts: tuple[str, ...], fmt: VocabFormat, output: Optional[str], paper: Paper, group_by: GroupBy, font: Optional[str],
          study: bool, **filters: Any) -> None:
    """List the transcript's vocabulary, ranked: readings, meanings, levels (several transcripts: one list)."""
    from flashgen import commands
    from flashgen.export.table import use_colour

    from flashgen.progress import annotation_bar
    with annotation_bar(options := _options(**filters)):
        text = commands.vocab(list(transcripts) or None, options, fmt, output, colour=use_colour(), paper=paper,
                              group_by=group_by, font=font, study=study)
    if text is not None:
        click.echo(text, nl=False)
    elif output != "-":
        click.echo(f"wrote {output}", err=True)


@cli.command()
@TRANSCRIPT
@click.option("-f", "--format", "fmt", type=click.Choice(get_args(SentenceFormat)), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
@_script_options
@_friendly
def sentences(transcript: Optional[str], fmt: SentenceFormat, output: Optional[str], script: ScriptChoice, region: Region,
              readings: Readings) -> None:
    """Show the transcript's sentences with paragraph, section, speaker and tokens."""
    from flashgen import commands

    text = commands.sentences(transcript, fmt, output, options=_script(script, region, readings))
    if text is not None:
        click.echo(text, nl=False)


@cli.command()
@TRANSCRIPTS
@click.option("-o", "--output-dir", "outdir", type=click.Path(file_okay=False), default="decks", show_default=True, help="Folder for the deck, lists and worksheet.")
@click.option("--name", help="Name of the deck and its files (default for several transcripts: the folder's name, else the first title + N more).")
@click.option("--paper", type=click.Choice(get_args(Paper)), default="a4", show_default=True)
@click.option("--font", type=click.Path(exists=True, dir_okay=False), help="CJK font file for the PDFs.")
@click.option("--hint", type=click.Choice(get_args(Hint)), default="english", show_default=True, help="Cloze hints.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for multiple-choice options.")
@click.option("--pdf/--no-pdf", default=True, show_default=True, help="Write the two PDFs (printed list and worksheet).")
@click.option("--print-limit", type=click.IntRange(0), default=500, show_default=True, help="Words in the printed list, best-ranked first (0: all).")
@click.option("--new-only", is_flag=True, help="Leave out the words earlier transcripts in the library delivered.")
@LIBRARY
@click.option("--no-library", is_flag=True, help="Neither record this build in the library nor gather from it.")
@click.option("--audio", type=click.Choice(get_args(AudioEngine)), help="Speak every word and sentence into the deck: espeak (offline), command (--tts-command), edge (online neural voices).")
@click.option("--tts-command", help="With --audio command: e.g. 'piper -m voice.onnx -f {out}' ({text}/{reading} or standard input; {out} or standard output).")
@click.option("--voice", help="Voice of the engine (espeak: cmn-latn-pinyin; edge: zh-CN-XiaoxiaoNeural).")
@_vocab_options
@_friendly
def build(transcripts: tuple[str, ...], outdir: str, name: Optional[str], paper: Paper, font: Optional[str], hint: Hint, seed: int,
          pdf: bool, print_limit: int, new_only: bool, library_path: Optional[str], no_library: bool,
          audio: Optional[AudioEngine], tts_command: Optional[str], voice: Optional[str], **filters: Any) -> None:
    """Build the Anki deck, printable lists and cloze worksheet for one transcript, several, or a folder of them.

    Several transcripts make one package: one vocabulary deck (each word once,
    with examples and a source:: tag from every transcript) and one cloze
    subdeck per transcript. Each build is recorded in the library, and each
    note gathers what the library holds for its word, so importing a later
    deck keeps the earlier transcripts' examples and tags.
    """
    from flashgen.build import STEPS, build as do_build
    from flashgen.progress import follow_annotation

    options = _options(**filters)
    library = _library(library_path, no_library)
    if new_only and library is None:
        raise click.UsageError("--new-only needs the library; leave out --no-library")
    speak = None
    if audio:
        from flashgen.audio import AudioOptions

        speak = AudioOptions(audio, voice=voice, command=tts_command)
    kwargs: dict[str, Any] = dict(font=font, paper=paper, hint=hint, seed=seed, pdf=pdf, print_limit=print_limit or None,
                                  name=name, library=library, new_only=new_only, audio=speak)
    paths = list(transcripts) or None
    if sys.stderr.isatty():  # a progress bar for people, nothing for scripts
        steps = len(STEPS) - (0 if pdf else 2) - (0 if audio else 1)
        with click.progressbar(length=steps, label="building", file=sys.stderr, show_eta=False) as bar:

            def clips(done: int, total: int) -> None:
                bar.label = f"speaking {done}/{total}" if done < total else "building"
                bar.render_progress()

            follow_annotation(bar, options)
            result = do_build(paths, outdir, options, progress=lambda step: bar.update(1), clip_progress=clips, **kwargs)
    else:
        result = do_build(paths, outdir, options, **kwargs)
    click.echo(f"{result.title}: {result.vocab_notes} vocabulary notes, {result.cloze_notes} cloze notes, {result.cards} cards")
    for path in result.outputs:
        click.echo(f"  wrote {path}")
    for note in result.notes:
        click.echo(f"  {note}")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)


@cli.command()
@TRANSCRIPTS
@click.option("-f", "--format", "fmt", type=click.Choice(get_args(ClozeFormat)), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of standard output.")
@click.option("--hint", type=click.Choice(get_args(Hint)), default="english", show_default=True, help="Cloze hint (json); pinyin also prints pinyin under the blanks.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for the choices and the word bank.")
@click.option("--limit", type=click.IntRange(1), help="At most this many items.")
@click.option("--paper", type=click.Choice(get_args(Paper)), default="a4", show_default=True)
@click.option("--font", type=click.Path(exists=True, dir_okay=False), help="CJK font file for the PDF.")
@_script_options
@_friendly
def cloze(transcripts: tuple[str, ...], fmt: ClozeFormat, output: Optional[str], hint: Hint, seed: int, limit: Optional[int], paper: Paper,
          font: Optional[str], script: ScriptChoice, region: Region, readings: Readings) -> None:
    """Cloze sentences on the transcript's diplomatic terms: worksheet, JSON or PDF."""
    from flashgen import commands

    text = commands.cloze(list(transcripts) or None, fmt, output, hint=hint, seed=seed, limit=limit, paper=paper, font=font,
                          options=_script(script, region, readings))
    if text is not None:
        click.echo(text, nl=False)
    elif output != "-":
        click.echo(f"wrote {output}", err=True)


@cli.command()
@click.argument("words", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(get_args(LookupFormat)), default="table", show_default=True)
@click.option("--hsk", "hsk_standard", type=click.Choice(get_args(HskStandard)), default="2025", show_default=True)
@OVERRIDES
@_script_options
@_friendly
def lookup(words: tuple[str, ...], fmt: LookupFormat, hsk_standard: HskStandard, overrides: Optional[str],
           script: ScriptChoice, region: Region, readings: Readings) -> None:
    """Look up words: reading, meaning, level (glossary first, then CC-CEDICT)."""
    import json

    from flashgen.study.lookup import lookup as do_lookup, shown_script
    from flashgen.export.table import use_colour, vocab_table

    items = do_lookup(list(words), overrides, hsk_standard=hsk_standard, script=script, region=region, readings=readings)
    if fmt == "json":
        click.echo(json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=2))
    else:
        click.echo(vocab_table(items, colour=use_colour(), meaning_width=100, script=shown_script(items)), nl=False)


PROGRESS = click.option("--progress", type=click.Path(dir_okay=False), help="Progress file (default: $FLASHGEN_PROGRESS, else progress.sqlite in the user data folder).")


@cli.command()
@TRANSCRIPTS
@click.option("--mode", type=click.Choice(get_args(QuizMode)), default="mixed", show_default=True, help="What to ask: the English meaning, the pinyin, the 汉字 for a meaning, a cloze gap, or all.")
@click.option("-n", "--count", type=click.IntRange(1), default=20, show_default=True, help="At most this many questions.")
@click.option("--choices", is_flag=True, help="Pick meanings and readings from 4 options (hanzi and cloze always offer them).")
@click.option("--new", "new_per_day", type=click.IntRange(0), default=20, show_default=True, help="New cards per day; cards due for review come first.")
@PROGRESS
@click.option("--seed", type=int, help="Same seed, same order and options.")
@click.option("--audio", type=click.Choice(get_args(AudioEngine)), help="Say the word after each answer where sound can play (engines as for build).")
@click.option("--tts-command", help="With --audio command: the engine's command template (see build).")
@click.option("--voice", help="Voice of the engine.")
@_vocab_options
@_friendly
def quiz(transcripts: tuple[str, ...], mode: QuizMode, count: int, choices: bool, new_per_day: int, progress: Optional[str], seed: Optional[int],
         audio: Optional[AudioEngine], tts_command: Optional[str], voice: Optional[str], **filters: Any) -> None:
    """Quiz yourself in the terminal, scheduled by FSRS; progress is saved after every answer.

    Answers are read one per line (so they can be piped in). Ctrl-D ends the
    session; Ctrl-C ends it too, with the summary and exit status 130.
    """
    from flashgen.quiz import run_quiz

    speak = None
    if audio:
        from flashgen.audio import AudioOptions

        speak = AudioOptions(audio, voice=voice, command=tts_command)
    result = run_quiz(list(transcripts) or None, mode=mode, count=count, choices=choices, new_per_day=new_per_day, seed=seed,
                      progress=progress, options=_options(**filters), audio=speak)
    if result.interrupted:
        sys.exit(130)


@cli.command()
@PROGRESS
@_friendly
def stats(progress: Optional[str]) -> None:
    """Show what is due, learned, and the retention so far, per quiz mode."""
    from flashgen.quiz import stats_report

    click.echo(stats_report(progress))


@cli.group(invoke_without_command=True)
@LIBRARY
@click.pass_context
@_friendly
def library(ctx: click.Context, library_path: Optional[str]) -> None:
    """List the transcripts built so far: words, new words and coverage of each."""
    ctx.obj = _library(library_path)
    if ctx.invoked_subcommand is None:
        from flashgen.library.report import library_report

        click.echo(library_report(ctx.obj), nl=False)


@library.command()
@click.argument("slug")
@click.pass_obj
@_friendly
def forget(path: str, slug: str) -> None:
    """Remove one transcript (by its slug, as `flashgen library` lists it) and what it contributed."""
    from flashgen.library import Library

    with Library(path) as lib:
        lib.forget(slug)
    click.echo(f"forgot {slug}")


def main() -> None:
    """Console-script entry point: SIGTERM ends a command like Ctrl-C (clean-up included)."""
    import signal

    signal.signal(signal.SIGTERM, _on_sigterm)
    cli(prog_name="flashgen")
