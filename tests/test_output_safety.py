"""Outputs never replace what is not theirs: devices, pipes, standard output, the input, another transcript's files.

Everything happens under tmp_path: device nodes are made there (mknod, as the
CI runs as root) or are a pseudo-terminal this test opens itself; the real
/dev is never named.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from flashgen.atomic import atomic_write, check_output, clean_stale, is_stream
from flashgen.build import build, claim_slug
from flashgen.cli import cli
from flashgen.errors import InputError, OutputError
from flashgen.source.structure import make_slug

# A short press-conference excerpt: "Foreign Ministry spokesperson: China supports multilateralism."
TEXT = "外交部发言人：中方坚定支持多边主义，维护以联合国为核心的国际体系。\n记者：请问中方如何看待这一问题？\n"
# Another one: "The Foreign Minister met the press: cooperation and common development."
OTHER = "外交部长会见记者：双方同意加强合作，实现共同发展。\n"


def run(*args: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "flashgen", *args], stdout=stdout, stderr=subprocess.PIPE, env=env,
                          timeout=300)  # type: ignore[call-overload]


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".flashgen-tmp"))]


@pytest.fixture()
def transcript(tmp_path: Path) -> Path:
    path = tmp_path / "briefing.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_fifo_output_is_streamed_not_replaced(tmp_path: Path, transcript: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = CliRunner().invoke(cli, ["vocab", str(transcript), "-f", "csv", "-o", str(fifo)])
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and got[0].decode("utf-8").startswith("\ufeffhanzi,traditional")
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "mknod") or os.geteuid() != 0, reason="mknod of a device needs root")
def test_character_device_output_stays_a_device(tmp_path: Path, transcript: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a null device of our own, under tmp_path
    result = CliRunner().invoke(cli, ["vocab", str(transcript), "-f", "csv", "-o", str(null)])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert leftovers(tmp_path) == []


def test_terminal_output_gets_the_text(tmp_path: Path) -> None:
    master, slave = os.openpty()  # a terminal opened by this test, reached through a link under tmp_path
    try:
        link = tmp_path / "tty"
        link.symlink_to(os.ttyname(slave))
        assert is_stream(link)
        atomic_write(link, "联合国\tLiánhéguó\n")
        assert os.read(master, 1000).decode("utf-8").startswith("联合国\tLiánhéguó")
        assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)
        assert leftovers(tmp_path) == []
    finally:
        os.close(master)
        os.close(slave)


def test_dash_writes_to_standard_output(transcript: Path) -> None:
    proc = run("vocab", str(transcript), "-f", "csv", "-o", "-")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8").startswith("\ufeffhanzi,")
    assert b"wrote" not in proc.stderr


def test_own_stdout_redirected_to_a_file_is_written_in_place(tmp_path: Path, transcript: Path) -> None:
    # Like `flashgen vocab -o /dev/stdout > out.csv`, through the /proc alias of the same descriptor.
    target = tmp_path / "out.csv"
    with target.open("wb") as fh:
        inode = os.fstat(fh.fileno()).st_ino
        proc = run("vocab", str(transcript), "-f", "csv", "-o", "/proc/self/fd/1", stdout=fh)
    assert proc.returncode == 0, proc.stderr
    assert target.stat().st_ino == inode  # the same file, not a replacement
    assert target.read_text(encoding="utf-8-sig").startswith("hanzi,")
    assert leftovers(tmp_path) == []


def test_symlink_to_a_regular_file_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda p: p.mkdir(), OutputError, "is a folder"),
        (lambda p: p.write_text(TEXT, encoding="utf-8"), InputError, "is the transcript itself"),
    ],
)
def test_check_output_refuses(tmp_path: Path, make, error: type, message: str) -> None:
    target = tmp_path / "x"
    make(target)
    with pytest.raises(error, match=message):
        check_output(target, [("transcript", target)])


def test_build_never_writes_over_its_transcript(tmp_path: Path) -> None:
    # A transcript whose name is the deck's name: briefing.apkg (plain text despite the extension).
    source = tmp_path / "briefing.apkg"
    source.write_text(TEXT, encoding="utf-8")
    proc = run("build", str(source), "-o", str(tmp_path), "--no-pdf")
    assert proc.returncode == 0, proc.stderr
    assert "briefing.apkg holds another transcript (not a flashgen deck); this one's outputs are named briefing-2" \
        in proc.stdout.decode()
    assert source.read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing-2-vocab.html", "briefing-2.apkg", "briefing.apkg"]


# ------------------------------------------------------------------- slugs


@pytest.mark.parametrize(
    ("source", "slug"),
    [
        ("王毅记者会.txt", "王毅记者会"),  # Wang Yi press conference: the Chinese name is kept
        ("外交部发布会.txt", "外交部发布会"),  # Foreign Ministry briefing
        ("2021年 两会/记者会.txt", "记者会"),  # only the file name counts
        ("wang-yi-press-conference-2021-03-07.txt", "wang-yi-press-conference-2021-03-07"),
        ("a b;c'd.txt", "a-b-c-d"),
        ("\u202e\u200b.txt", "transcript"),  # only invisible characters
        ("<text>", "transcript"),
    ],
)
def test_slugs_keep_chinese_names(source: str, slug: str) -> None:
    assert make_slug(source) == slug


def test_chinese_named_transcripts_get_their_own_outputs(tmp_path: Path) -> None:
    a, b = tmp_path / "王毅记者会.txt", tmp_path / "外交部发布会.txt"
    a.write_text(TEXT, encoding="utf-8")
    b.write_text(OTHER, encoding="utf-8")
    out = tmp_path / "out"
    build(a, out, pdf=False)
    build(b, out, pdf=False)
    assert sorted(p.name for p in out.iterdir()) == [
        "外交部发布会-vocab.html", "外交部发布会.apkg", "王毅记者会-vocab.html", "王毅记者会.apkg"]


def test_same_name_different_transcript_is_not_overwritten(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = tmp_path / "a" / "讲话.txt", tmp_path / "b" / "讲话.txt"  # two different "speech.txt"
    a.write_text(TEXT, encoding="utf-8")
    b.write_text(OTHER, encoding="utf-8")
    out = tmp_path / "out"
    build(a, out, pdf=False)
    first = (out / "讲话.apkg").read_bytes()
    second = build(b, out, pdf=False)
    assert [p.name for p in second.outputs] == ["讲话-2.apkg", "讲话-2-vocab.html"]
    assert any("holds another transcript" in n and "讲话-2" in n for n in second.notes)
    assert (out / "讲话.apkg").read_bytes() == first
    again = build(a, out, pdf=False)  # the first transcript rebuilt: its own files, no note
    assert [p.name for p in again.outputs] == ["讲话.apkg", "讲话-vocab.html"]
    assert not [n for n in again.notes if "another transcript" in n]
    assert claim_slug(out, "讲话", "not a deck here")[0] == "讲话-3"


# --------------------------------------------------------------- leftovers


def test_stale_temp_files_of_gone_processes_are_removed(tmp_path: Path) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
        gone = tmp_path / f".x-vocab.html.{dead.stdout.strip()}.abcd1234.flashgen-tmp"
        alive = tmp_path / f".x-vocab.html.{sleeper.pid}.abcd1234.flashgen-tmp"
        old_style = tmp_path / ".x-vocab.html.k3j2l1ab.tmp"  # earlier versions' name
        someone_elses = tmp_path / ".notes.txt.swp.tmp"
        for p in (gone, alive, old_style, someone_elses):
            p.write_text("partial", encoding="utf-8")
        os.utime(old_style, (0, 0))
        os.utime(someone_elses, (0, 0))
        removed = clean_stale(tmp_path)
        assert sorted(removed) == sorted([gone, old_style])
        assert alive.exists() and someone_elses.exists()
    finally:
        sleeper.kill()
        sleeper.wait()


_SLOW_BUILD = """
import sys, time
import flashgen.printed.vocab_html as page
real = page.html_chunks
def slow(*args, **kwargs):
    for i, chunk in enumerate(real(*args, **kwargs)):
        if i == 3:
            time.sleep(60)  # the HTML list half-written: its temporary file exists now
        yield chunk
page.html_chunks = slow
from flashgen.cli import main
sys.argv = ["flashgen", "build", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGKILL"])
def test_killed_build_leaves_nothing_behind(tmp_path: Path, transcript: Path, signal_name: str) -> None:
    import signal
    import time

    out, scratch = tmp_path / "out", tmp_path / "scratch"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_BUILD, str(transcript), "-o", str(out), "--no-pdf"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    while not ((out / "briefing.apkg").is_file() and leftovers(out)) and time.monotonic() < deadline \
            and proc.poll() is None:
        time.sleep(0.02)
    assert leftovers(out), "the build never reached the HTML list"
    proc.send_signal(getattr(signal, signal_name))
    _, err = proc.communicate(timeout=60)
    if signal_name == "SIGTERM":
        assert proc.returncode == 143 and err.decode().strip() == "terminated"
        assert leftovers(out) == []
    else:  # kill -9 cannot be caught: the next build removes what it left
        assert leftovers(out)
        build(transcript, out, pdf=False)
        assert leftovers(out) == []
    assert (out / "briefing.apkg").is_file()
    assert list(scratch.iterdir()) == []  # no scratch folder in the temporary folder


def _full_disk_build(tmp_path: Path, transcript: Path, size: str) -> subprocess.CompletedProcess[bytes]:
    """A build into a tmpfs of ``size`` mounted in a private mount namespace (nothing outside sees it)."""
    out = tmp_path / "small"
    out.mkdir()
    script = f'mount -t tmpfs -o size={size} tmpfs "$1" && shift && exec "$@"'
    return subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(out), sys.executable, "-m", "flashgen",
                           "build", str(transcript), "-o", str(out), "--no-pdf"],
                          capture_output=True, timeout=300, env={**os.environ, "NO_COLOR": "1"})


def test_disk_full_half_way_names_what_was_replaced(tmp_path: Path, transcript: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    if shutil.which("unshare") and os.geteuid() == 0:
        probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    else:
        probe = None
    if probe is not None and probe.returncode == 0:
        # Room for the deck (about 10 kB) but not for the HTML list after it (about 14 kB).
        proc = _full_disk_build(tmp_path, transcript, "12k")
        message = proc.stderr.decode().strip()
        assert proc.returncode == 1, message
    else:  # no mount namespace here: the same failure, simulated at the HTML list
        import flashgen.build as build_module

        def full(path: object, data: object) -> None:
            raise OutputError(f"cannot write {path}: No space left on device; free some disk space")

        monkeypatch.setattr(build_module, "atomic_write", full)
        with pytest.raises(OutputError) as info:
            build(transcript, tmp_path / "small", pdf=False)
        message = "Error: " + str(info.value)
    assert message.startswith("Error: cannot write") and "No space left on device" in message
    assert "replaced briefing.apkg" in message
    assert message.endswith("not written (previous versions in " + str(tmp_path / "small") + " kept): briefing-vocab.html")
    assert "\n" not in message


def test_interrupt_inside_mkstemp_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Ctrl-C can land after mkstemp made the file but before its name came back: the file is still removed.
    import tempfile

    from flashgen.atomic import atomic_write

    real = tempfile.mkstemp

    def made_then_interrupted(*args: object, **kwargs: object) -> tuple[int, str]:
        fd, name = real(*args, **kwargs)  # type: ignore[call-overload]
        os.close(fd)
        raise KeyboardInterrupt

    monkeypatch.setattr(tempfile, "mkstemp", made_then_interrupted)
    (tmp_path / "list.html").write_text("old")
    with pytest.raises(KeyboardInterrupt):
        atomic_write(tmp_path / "list.html", "new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.html"]
    assert (tmp_path / "list.html").read_text() == "old"
