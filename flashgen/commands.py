"""Library functions behind the ``vocab`` and ``sentences`` commands: analyse, then format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional, Sequence, Union

from flashgen.atomic import atomic_write, check_output
from flashgen.errors import FlashgenError, InputError
from flashgen.models import Analysis, ClozeFormat, GroupBy, Hint, Paper, SentenceFormat, VocabFormat
from flashgen.pipeline import Options, PathLike, analyse

#: One transcript, several (a study set), or None (the bundled sample).
Paths = Union[PathLike, Sequence[PathLike], None]


def _paths(path: Paths) -> list[Optional[PathLike]]:
    if path is None or isinstance(path, (str, Path)):
        return [path]
    return list(path) or [None]

VOCAB_FORMATS = ("table", "json", "csv", "tsv", "markdown", "pleco", "html", "pdf")
SENTENCE_FORMATS = ("text", "json")


def _guard(path: Paths, output: Optional[PathLike], fmt: str = "", options: Optional[Options] = None) -> None:
    """Check the output before any work: a PDF needs a file, and no output replaces an input file."""
    if fmt == "pdf" and output is None:
        raise InputError("the pdf format needs an output file; add -o FILE.pdf (or -o - for standard output)")
    if output is None:
        return
    inputs = [("transcript", p) for p in _paths(path)]
    if options:
        inputs += [("overrides file", options.overrides), ("known-words file", options.known)]
    check_output(output, inputs)


def _deliver(text: str, output: Optional[PathLike]) -> Optional[str]:
    """Write ``text`` to ``output`` (atomically) and return None, or return it for printing."""
    if output is None:
        return text
    atomic_write(output, text)
    return None


def format_vocab(analysis: Analysis, fmt: VocabFormat, *, colour: bool = False, paper: Paper = "a4", group_by: GroupBy = "section",
                 study: bool = False) -> str:
    """The vocabulary in a text format (every format but pdf)."""
    items = analysis.vocab
    script = analysis.transcript.script
    if fmt == "table":
        from flashgen.export.table import vocab_table

        return vocab_table(items, colour=colour, note=analysis.selection, script=script)
    if fmt == "json":
        return json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=2) + "\n"
    if fmt in ("csv", "tsv", "markdown", "pleco"):
        from flashgen.export import files as exports

        title = analysis.transcript.title
        if fmt == "pleco":  # categories nest under the transcript's name in Pleco's flashcard tree
            return exports.to_pleco(items, parent=title)
        if fmt == "markdown":
            return exports.to_markdown(items, title=title, script=script)
        return exports.to_csv(items, script) if fmt == "csv" else exports.to_tsv(items, script)
    if fmt == "html":
        from flashgen.printed.vocab_html import render_html

        return render_html(analysis.transcript, items, paper=paper, group_by=group_by, study=study)
    raise FlashgenError(f"unknown format {fmt!r}; choose one of {', '.join(VOCAB_FORMATS)}")


def vocab(
    path: Paths,
    options: Options,
    fmt: VocabFormat = "table",
    output: Optional[PathLike] = None,
    *,
    colour: bool = False,
    paper: Paper = "a4",
    group_by: GroupBy = "section",
    font: Optional[PathLike] = None,
    study: bool = False,
) -> Optional[str]:
    """Run ``flashgen vocab``: write ``output`` (returning None) or return the text to print.

    ``study`` (html, pdf) leaves the meanings blank to be filled in, with an answer key at the end.
    """
    from flashgen.studyset import analyse_paths

    _guard(path, output, fmt, options)
    analysis, _ = analyse_paths(_paths(path), options)
    if fmt == "pdf":
        from flashgen.printed.pdf import write_vocab_pdf

        assert output is not None  # _guard refuses pdf without -o
        write_vocab_pdf(analysis.transcript, analysis.vocab, output, font=font, paper=paper, group_by=group_by,
                        study=study)
        return None
    text = format_vocab(analysis, fmt, colour=colour and output is None, paper=paper, group_by=group_by, study=study)
    return _deliver(text, output)


def sentences(path: Optional[PathLike], fmt: SentenceFormat = "text", output: Optional[PathLike] = None, *,
              options: Optional[Options] = None) -> Optional[str]:
    """Run ``flashgen sentences``: each sentence with its place, speaker and tokens (as shown, ``options.script``)."""
    _guard(path, output)
    analysis = analyse(path, options or Options())
    if fmt == "json":
        text = json.dumps([s.to_json() for s in analysis.transcript.sentences], ensure_ascii=False, indent=2) + "\n"
    else:
        lines = []
        for s in analysis.transcript.sentences:
            who = f"{s.speaker}：" if s.speaker else f"[{s.kind}] "
            lines.append(f"{s.index:4d} ¶{s.paragraph:<3d} {who}{s.shown}")
        text = "\n".join(lines) + "\n"
    return _deliver(text, output)


def cloze(
    path: Paths,
    fmt: ClozeFormat = "text",
    output: Optional[PathLike] = None,
    *,
    hint: Hint = "english",
    seed: int = 0,
    limit: Optional[int] = None,
    paper: Paper = "a4",
    font: Optional[PathLike] = None,
    options: Optional[Options] = None,
) -> Optional[str]:
    """Run ``flashgen cloze``: the worksheet (text, html, pdf) or the items as JSON.

    Of ``options`` only the script, region and readings matter: cloze items ask the glossary terms.
    """
    from flashgen.printed import worksheet
    from flashgen.studyset import analyse_paths

    _guard(path, output, fmt)
    script = options or Options()
    analysis, items = analyse_paths(_paths(path), Options(script=script.script, region=script.region, readings=script.readings),
                                    cloze=True, hint=hint, seed=seed, limit=limit)
    pinyin_hints = hint == "pinyin"
    if fmt == "pdf":
        from flashgen.printed.pdf import write_worksheet_pdf

        assert output is not None  # _guard refuses pdf without -o
        write_worksheet_pdf(analysis.transcript, items, output, font=font, paper=paper, pinyin_hints=pinyin_hints)
        return None
    if fmt == "json":
        text = json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        text = worksheet.render_html(analysis.transcript, items, pinyin_hints=pinyin_hints, paper=paper)
    else:
        text = worksheet.render_text(analysis.transcript, items, pinyin_hints=pinyin_hints)
    return _deliver(text, output)
