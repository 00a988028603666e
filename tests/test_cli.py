"""The command line, through click's CliRunner and through real subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashgen.cli import cli

VOCAB_KEYS = {"hanzi", "traditional", "pinyin", "pinyin_numbered", "zhuyin", "meanings", "measure_words", "hsk", "zipf", "count", "term", "category", "examples"}


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m flashgen ARGS`` in a fresh process."""
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "flashgen", *args], capture_output=True, text=True, cwd=cwd, env=full_env, timeout=300)


def test_vocab_json_contract() -> None:
    result = CliRunner().invoke(cli, ["vocab", "-f", "json", "--limit", "20"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.output)
    assert len(items) == 20
    for item in items:
        assert VOCAB_KEYS <= set(item)
        assert isinstance(item["meanings"], list) and item["meanings"]
        assert all(set(e) == {"text", "display", "speaker", "section"} for e in item["examples"])
        assert item["display"] == item["hanzi"]  # a simplified text is shown as analysed
    assert items[0]["term"] is True


def test_vocab_filters(tmp_path: Path) -> None:
    known = tmp_path / "known.txt"
    known.write_text("联合国\n香港\n", encoding="utf-8")  # United Nations, Hong Kong: already known
    result = CliRunner().invoke(cli, ["vocab", "-f", "json", "--terms-only", "--known", str(known)])
    items = json.loads(result.output)
    assert items and all(i["term"] for i in items)
    assert not {"联合国", "香港"} & {i["hanzi"] for i in items}
    result = CliRunner().invoke(cli, ["vocab", "-f", "json", "--min-hsk", "6"])
    assert all(i["hsk"] is None or i["hsk"] >= 6 for i in json.loads(result.output))


def test_names_only_on_request() -> None:
    without = {i["hanzi"] for i in json.loads(CliRunner().invoke(cli, ["vocab", "-f", "json"]).output)}
    with_names = json.loads(CliRunner().invoke(cli, ["vocab", "-f", "json", "--include-names"]).output)
    names = {i["hanzi"] for i in with_names if i["category"] == "name"}
    assert "王毅" in names and not names & without


def test_sentences_json_contract() -> None:
    result = CliRunner().invoke(cli, ["sentences", "-f", "json"])
    sentences = json.loads(result.output)
    assert [s["index"] for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert {"index", "paragraph", "section", "speaker", "text", "display", "tokens"} <= set(s)
        assert "".join(t["text"] for t in s["tokens"]) == s["text"]
        assert "".join(t["display"] for t in s["tokens"]) == s["display"]
        assert all(set(t) == {"text", "display", "pinyin", "pinyin_numbered", "pos"} for t in s["tokens"])


@pytest.mark.parametrize(
    "word, pinyin, meaning",
    [
        ("接种", "jiēzhòng", "vaccinated"),  # vaccinate
        ("人类命运共同体", "rénlèi mìngyùn gòngtóngtǐ", "community with a shared future for mankind"),
        ("重蹈覆辙", "chóngdǎo fùzhé", "mistake"),  # repeat a disastrous mistake
        ("發展", "fāzhǎn", "develop"),  # traditional input is looked up as 发展 (develop)
    ],
)
def test_lookup(word: str, pinyin: str, meaning: str) -> None:
    result = CliRunner().invoke(cli, ["lookup", word, "-f", "json"])
    item = json.loads(result.output)[0]
    assert item["pinyin"] == pinyin
    assert any(meaning in m for m in item["meanings"])


def test_table_is_plain_without_terminal() -> None:
    result = CliRunner().invoke(cli, ["vocab", "--limit", "5"])
    assert result.exit_code == 0
    assert "\x1b[" not in result.output and "人类命运共同体" not in result.output.split("\n")[0]
    assert "CC-CEDICT" in result.output


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "vocab.json"
    result = CliRunner().invoke(cli, ["vocab", "-f", "json", "--limit", "3", "-o", str(out)])
    assert result.exit_code == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 3
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".flashgen-tmp"))]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"Only English text here, nothing else.\n", "no Chinese"),
    ],
    ids=["empty", "binary", "no-chinese"],
)
def test_bad_input_is_one_line_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    proc = run("vocab", str(path))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:") and message in lines[0]


def test_missing_file_and_unwritable_output(tmp_path: Path) -> None:
    proc = run("vocab", str(tmp_path / "nope.txt"))
    assert proc.returncode != 0 and "Traceback" not in proc.stderr and "nope.txt" in proc.stderr
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = run("vocab", "--limit", "2", "-f", "json", "-o", str(blocker / "sub" / "out.json"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_installed_package_runs_outside_the_checkout(tmp_path: Path) -> None:
    # From another folder the installed package (and its bundled data) is used, not the checkout.
    proc = run("vocab", "-f", "json", "--limit", "2", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 2


def test_help_is_fast_and_light() -> None:
    code = "import sys; from flashgen.cli import cli; print(sorted(m for m in ('jieba','pypinyin','genanki','typst','fsrs','wordfreq') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert run("--help").returncode == 0


@pytest.mark.parametrize("command", [["vocab"], ["sentences"], ["cloze"], ["build", "-o", "OUT"], ["quiz", "--progress", "OUT/p.sqlite"]])
def test_every_command_refuses_bad_input_in_one_line(tmp_path: Path, command: list[str]) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes("\u00e9t\u00e9 only latin text".encode("latin-1"))  # undecodable as UTF-8, no Chinese
    args = [a.replace("OUT", str(tmp_path / "out")) for a in command]
    proc = run(*args[:1], str(bad), *args[1:])
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_folder_as_transcript_is_one_line(tmp_path: Path) -> None:
    proc = run("sentences", str(tmp_path))
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip() == f"Error: {tmp_path}: is a folder, not a file; give the path of a transcript file"


@pytest.mark.parametrize("command", ["vocab", "cloze", "build"])
def test_a_folder_without_transcripts_is_one_line(tmp_path: Path, command: str) -> None:
    """vocab, cloze and build take a folder of transcripts: an empty one is a one-line error."""
    proc = run(command, str(tmp_path))
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.strip() == f"Error: {tmp_path}: the folder holds no transcript (.txt, .md, .srt, .vtt files)"


def test_build_into_unwritable_folder_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the output folder should be")
    proc = run("build", "-o", str(blocker / "decks"))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and "blocker" in proc.stderr


def test_pleco_export_nests_under_the_transcript() -> None:
    lines = CliRunner().invoke(cli, ["vocab", "-f", "pleco", "--limit", "3"]).output.splitlines()
    assert lines[0].startswith("//国务委员兼外交部长") and lines[0].endswith("/Diplomatic terms")
    headword, pinyin, definition = lines[1].split("\t")
    assert headword == "联合国[聯合國]" and pinyin == "lian2he2guo2" and "United Nations" in definition


def test_encodings_give_identical_vocabulary(tmp_path: Path) -> None:
    # The seed saved as GB18030 with CRLF, and as UTF-16 with BOM, gives the same list as UTF-8.
    text = (Path(__file__).resolve().parents[1] / "data" / "wang-yi-press-conference-2021-03-07.txt").read_text(encoding="utf-8")
    variants = {
        "utf8.txt": text.encode("utf-8"),
        "gb.txt": text.replace("\n", "\r\n").encode("gb18030"),
        "utf16.txt": text.encode("utf-16"),
    }
    outputs = set()
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        result = CliRunner().invoke(cli, ["vocab", str(tmp_path / name), "-f", "json", "--limit", "60"])
        assert result.exit_code == 0, result.output
        outputs.add(result.output)
    assert len(outputs) == 1


def test_quick_build_without_pdfs(tmp_path: Path) -> None:
    proc = run("build", "--no-pdf", "-o", str(tmp_path / "out"))
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["wang-yi-press-conference-2021-03-07-vocab.html", "wang-yi-press-conference-2021-03-07.apkg"]
    assert proc.stdout.splitlines()[0].endswith("cards") and "vocabulary notes" in proc.stdout


@pytest.mark.parametrize("command", ["vocab", "sentences", "cloze"])
def test_output_never_overwrites_the_transcript(tmp_path: Path, command: str) -> None:
    transcript = tmp_path / "talk.txt"
    original = "王毅：我们坚定维护多边主义。\n".encode("utf-8")
    transcript.write_bytes(original)
    result = CliRunner().invoke(cli, [command, str(transcript), "-o", str(transcript)])
    assert result.exit_code == 1 and "transcript itself" in result.output
    assert transcript.read_bytes() == original


@pytest.mark.parametrize("command", ["vocab", "cloze"])
def test_pdf_needs_an_output_file(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "-f", "pdf"])
    assert result.exit_code == 1 and "needs an output file" in result.output
