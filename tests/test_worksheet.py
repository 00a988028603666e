"""The cloze worksheet: text and HTML structure, escaping, word bank, answer key, and the PDF read back."""

from __future__ import annotations

from goldens import assert_golden, without_stylesheet

import re
import shutil
import subprocess

import pytest

from flashgen.study.cloze import make_cloze_items
from flashgen.study.cloze_syntax import cloze_segments
from flashgen.pipeline import analyse
from toy import toy_analysis  # the hand-segmented toy transcript
from flashgen.printed.pdf import write_worksheet_pdf
from flashgen.printed.content import ANSWER_KEY, WORD_BANK, answer_pinyin, word_bank
from flashgen.printed.worksheet import render_html, render_text



def _golden(name: str, text: str) -> None:
    assert_golden("cloze/" + name, text)


@pytest.fixture(scope="module")
def toy():
    analysis = toy_analysis()
    return analysis.transcript, make_cloze_items(analysis)


@pytest.fixture(scope="module")
def sample():
    analysis = analyse()
    return analysis.transcript, make_cloze_items(analysis)


def _plain_parts(cloze: str) -> list[str]:
    return [text for text, n, _ in cloze_segments(cloze) if not n and text.strip()]


# --- text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("pinyin_hints", [False, True])
def test_text_has_blanks_bank_and_key(sample, pinyin_hints):
    transcript, items = sample
    text = render_text(transcript, items, pinyin_hints=pinyin_hints)
    questions, _, rest = text.partition(WORD_BANK)
    bank, _, key = rest.partition(ANSWER_KEY)
    assert questions and bank and key
    lines = [line for line in questions.splitlines() if re.match(r"\s*\d+\. ", line)]
    assert len(lines) == len(items)
    for line, item in zip(lines, items):
        assert "{{" not in line and re.search(r"__", line)
        for part in _plain_parts(item.cloze):
            assert part in line
        for answer in item.answers:
            # A blank hides the answer (it may still occur elsewhere in the clause, unasked).
            assert line.count(answer) < item.cloze.count(answer) or answer not in line
        if pinyin_hints:
            assert f"({answer_pinyin(transcript, item, item.answers[0])})" in line
    for word, _count in word_bank(items):
        assert word in bank
    for item in items:
        assert item.sentence in key and all(a in key for a in item.answers)
    assert "CC-CEDICT" in text


def test_text_golden(toy):
    transcript, items = toy
    _golden("toy-worksheet.txt", render_text(transcript, items))
    _golden("toy-worksheet-pinyin.txt", render_text(transcript, items, pinyin_hints=True))


# --- word bank ----------------------------------------------------------------------------------


def test_word_bank_is_every_answer_once_in_a_fixed_shuffle(sample):
    _, items = sample
    bank = word_bank(items)
    answers = [a for item in items for a in item.answers]
    assert sorted(w for w, _ in bank) == sorted(set(answers))
    assert all(c == answers.count(w) for w, c in bank)
    assert bank == word_bank(list(items))
    assert [w for w, _ in bank] != sorted(w for w, _ in bank)  # shuffled, not alphabetical


# --- HTML ---------------------------------------------------------------------------------------


def test_html_structure(sample):
    transcript, items = sample
    html = render_html(transcript, items)
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html and "http" not in html.split("<footer>")[0]
    assert html.count('<span class="blank"') == sum(len(cloze_segments(i.cloze)) - len(_plain_parts(i.cloze))
                                                    for i in items)
    questions, _, key = html.partition('<section class="key">')
    assert "break-before: page" in html and ANSWER_KEY in key
    for item in items:
        for part in _plain_parts(item.cloze):
            assert part in questions
        assert item.sentence in key
    assert "Definitions from CC-CEDICT, © MDBG, CC BY-SA 4.0" in html
    assert WORD_BANK in questions


@pytest.mark.parametrize("paper, size", [("a4", "size: A4"), ("letter", "size: letter")])
def test_html_paper(toy, paper, size):
    transcript, items = toy
    assert size in render_html(transcript, items, paper=paper)


def test_html_bad_paper(toy):
    transcript, items = toy
    with pytest.raises(ValueError):
        render_html(transcript, items, paper="a5")


def test_html_pinyin_hints_in_the_blanks(toy):
    transcript, items = toy
    html = render_html(transcript, items, pinyin_hints=True)
    # 多边主义 "multilateralism" → duōbiānzhǔyì inside its blank.
    assert re.search(r'<span class="blank"[^>]*><sup>b</sup><span class="py"[^>]*>duōbiānzhǔyì</span></span>', html)
    assert 'class="py"' not in render_html(transcript, items)


def test_html_escapes_hostile_text(toy):
    transcript, items = toy
    html = render_html(transcript, items)
    # The title "外交部<记者会> & “测试”" and the sentence with <b>…</b>}} are escaped, never markup.
    assert "外交部&lt;记者会&gt; &amp; “测试”" in html
    assert "说<b>" not in html and "说&lt;b&gt;" in html and "&lt;/b&gt;}}不是口号" in html
    assert "{{c" not in html


def test_html_golden(toy):
    transcript, items = toy
    _golden("toy-worksheet.html", without_stylesheet(render_html(transcript, items, pinyin_hints=True)))


# --- PDF ----------------------------------------------------------------------------------------


def _pdf_pages(path) -> list[str]:
    """The text of each page of the PDF at ``path``, whitespace removed (pdftotext)."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return [
        re.sub(r"\s+", "", subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), str(path), "-"],
                                          capture_output=True, text=True, check=True).stdout)
        for n in range(1, pages + 1)
    ]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed; CI installs it")
def test_pdf_has_sentences_bank_and_key_on_a_later_page(sample, tmp_path):
    transcript, items = sample
    items = items[:15]
    path = write_worksheet_pdf(transcript, items, tmp_path / "cloze.pdf")
    pages = _pdf_pages(path)
    first = pages[0]
    assert re.sub(r"\s+", "", _plain_parts(items[0].cloze)[0]) in first
    assert "Answerkey" not in first
    assert items[0].answers[0] not in first.split("Wordbank")[0]  # blanks, not answers, in the sentences
    bank = "".join(pages).split("Wordbank·词库")[1].split("Answerkey")[0]
    assert all(word in bank for word, _count in word_bank(items))
    key_pages = [n for n, text in enumerate(pages) if "Answerkey" in text]
    assert key_pages and key_pages[0] > 0, "answer key not found after page 1"
    key = "".join(pages[key_pages[0]:])
    assert "Fillineachblank" not in key  # the key starts a page of its own
    for item in items:
        assert re.sub(r"\s+", "", item.sentence) in key


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) not installed; CI installs it")
def test_pdf_pinyin_hints_sit_in_the_blanks(sample, tmp_path):
    transcript, items = sample
    items = items[:5]
    path = write_worksheet_pdf(transcript, items, tmp_path / "cloze.pdf", pinyin_hints=True)
    sentences = _pdf_pages(path)[0].split("Wordbank")[0]
    reading = answer_pinyin(transcript, items[0], items[0].answers[0])
    assert reading and reading.replace(" ", "") in sentences
