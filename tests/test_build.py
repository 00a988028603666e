"""flashgen build: what it writes, and what an interruption leaves."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashgen import build as build_module
from flashgen.errors import ResourceError

SLUG = "wang-yi-press-conference-2021-03-07"


def test_interrupted_build_keeps_previous_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "decks"
    out.mkdir()
    old_pdf = out / f"{SLUG}-vocab.pdf"
    old_pdf.write_bytes(b"%PDF-1.7 previous list")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # Ctrl-C while Typst sets the PDF

    monkeypatch.setattr("flashgen.printed.pdf.compile_pdf", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_module.build(None, out)
    assert old_pdf.read_bytes() == b"%PDF-1.7 previous list"
    assert (out / f"{SLUG}.apkg").stat().st_size > 10_000  # finished before the interruption
    assert not [p.name for p in out.iterdir() if p.name.endswith((".tmp", ".flashgen-tmp"))]


def test_missing_font_skips_pdfs_but_writes_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_font(*args: object, **kwargs: object) -> None:
        raise ResourceError("no Chinese font found; install one (Debian: apt-get install fonts-noto-cjk) or pass --font PATH")

    monkeypatch.setattr("flashgen.printed.fonts.load_fonts", no_font)
    result = build_module.build(None, tmp_path)
    names = sorted(p.name for p in result.outputs)
    assert names == [f"{SLUG}-vocab.html", f"{SLUG}.apkg"]
    assert result.warnings and "fonts-noto-cjk" in result.warnings[0]


def test_printed_list_is_capped_but_deck_is_whole(tmp_path: Path) -> None:
    import subprocess

    result = build_module.build(None, tmp_path, print_limit=50)
    assert result.vocab_notes > 300
    assert f"printed list: the first 50 of {result.vocab_notes} words (--print-limit 0 for all)" in result.notes
    assert f"worksheet: the first 100 of {result.cloze_notes} cloze sentences (flashgen cloze -f pdf for all)" in result.notes
    text = subprocess.run(["pdftotext", str(tmp_path / f"{SLUG}-vocab.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "50 words" in text


def test_bad_font_becomes_a_warning(tmp_path: Path) -> None:
    # A font that is no font skips the PDFs; the build still writes the deck and the HTML list.
    bogus = tmp_path / "not-a-font.ttf"
    bogus.write_bytes(b"this is not a font")
    result = build_module.build(None, tmp_path / "out", font=bogus)
    assert sorted(p.name for p in result.outputs) == [f"{SLUG}-vocab.html", f"{SLUG}.apkg"]
    assert result.warnings and result.warnings[0].startswith("PDFs skipped:")


def test_ctrl_c_during_the_build_is_clean(tmp_path: Path) -> None:
    # Ctrl-C from a terminal reaches the whole process group.
    import os
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "decks"
    # Every word printed (--print-limit 0), so that drawing the PDFs leaves time to interrupt.
    proc = subprocess.Popen([sys.executable, "-m", "flashgen", "build", "-o", str(out), "--print-limit", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not (out / f"{SLUG}.apkg").exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGINT)  # the deck is written: the HTML list and the PDFs are on their way
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert err.strip() == "interrupted"
    assert not [p.name for p in out.iterdir() if p.name.endswith((".tmp", ".flashgen-tmp"))]


def test_odd_characters_reach_the_pdfs_without_harm(tmp_path: Path) -> None:
    # Tabs, control characters, emoji, an extension-B character, right-to-left text, markup and
    # a 300-letter token with no space: the PDFs are still written and read back.
    import subprocess

    odd = (
        "中美\t关系<script>alert(1)</script>🙂𠀀 שלום \x07" + "a" * 300 + "\n\n"
        "外交部发言人：我们\u200d坚持多边主义，\t维护联合国权威。中方愿同各方一道，推动构建人类命运共同体。\n"
    )
    src = tmp_path / "odd.txt"
    src.write_text(odd, encoding="utf-8")
    result = build_module.build(src, tmp_path / "out")
    assert not result.warnings
    pdfs = [p for p in result.outputs if p.suffix == ".pdf"]
    assert len(pdfs) == 2
    for path in pdfs:
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
        assert "人类命运共同体" in "".join(text.split()) or "联合国" in text
        assert "\x07" not in text and "\t" not in text


def test_html_list_is_written_in_pieces_that_make_the_whole_document(tmp_path: Path) -> None:
    # build streams the HTML list row by row; the file is exactly render_html's document.
    from flashgen.pipeline import analyse
    from flashgen.printed.vocab_html import html_chunks, render_html

    analysis = analyse(None)
    chunks = list(html_chunks(analysis.transcript, analysis.vocab))
    assert len(chunks) > len(analysis.vocab)  # a piece per row at least
    written = build_module.build(None, tmp_path, pdf=False).outputs[1]
    assert written.name == f"{SLUG}-vocab.html"
    assert written.read_text(encoding="utf-8") == render_html(analysis.transcript, analysis.vocab) == "".join(chunks)


def test_a_failing_piece_leaves_no_file(tmp_path: Path) -> None:
    from flashgen.atomic import atomic_write

    def pieces():
        yield "<html>"
        raise RuntimeError("renderer failed")

    target = tmp_path / "list.html"
    target.write_text("previous list", encoding="utf-8")
    with pytest.raises(RuntimeError):
        atomic_write(target, pieces())
    assert target.read_text(encoding="utf-8") == "previous list"
    assert [p.name for p in tmp_path.iterdir()] == ["list.html"]
