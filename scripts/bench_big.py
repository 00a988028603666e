#!/usr/bin/env python3
"""Big-input benchmark: ``flashgen vocab`` against the bare jieba + pypinyin script on one long file.

    python3 scripts/bench_big.py FILE [--skip-bare] [--jsonl MFA.jsonl]

With ``--jsonl`` FILE is first written from the press-conference corpus (each
line's title, a blank line, its text, a blank line: the whole corpus as one
transcript). Each command runs once, in a fresh process (the commands take
minutes: run it on a quiet machine and compare the two in one run). Reported:
wall seconds, CPU seconds (the workers' included: on a shared machine
the fairer figure), the peak of the largest process (what ``/usr/bin/time`` shows)
and the peak of all the command's processes together (``flashgen`` annotates a
long input in forked worker processes; their proportional set sizes, so pages
they share with the parent count once; sampled from /proc every 0.2 s), the ratio to
the bare script and the load average before each run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import BARE  # noqa: E402  (the same bare script as the small benchmark)


def _pss(pid: int) -> int:
    """Proportional set size in KiB: resident memory, pages shared with forked workers counted once in all."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, IndexError, ValueError):
        return 0
    return 0


def _tree_rss(root: int) -> int:
    """Memory in KiB (PSS) of ``root`` and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError, ValueError):
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = _pss(pid)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


def run(cmd: list[str]) -> tuple[float, float, float, float]:
    """Wall seconds, CPU seconds (workers included), largest process's peak MiB, peak MiB of the process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.2):
            peak[0] = max(peak[0], _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    elapsed = time.perf_counter() - start
    if status != 0:
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        raise SystemExit(f"command failed ({status}): {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, max(peak[0], usage.ru_maxrss) / 1024


def write_corpus(jsonl: Path, out: Path) -> None:
    with jsonl.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            record = json.loads(line)
            dst.write(f"{record.get('title', '')}\n\n{record.get('text', '')}\n\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", type=Path)
    parser.add_argument("--jsonl", type=Path, help="write FILE from this JSONL corpus first")
    parser.add_argument("--skip-bare", action="store_true")
    args = parser.parse_args()
    if args.jsonl:
        write_corpus(args.jsonl, args.file)
    work = Path(tempfile.mkdtemp(prefix="flashgen-bench-big-"))
    os.environ["FLASHGEN_LIBRARY"] = str(work / "library.sqlite")
    bare = work / "bare.py"
    bare.write_text(BARE, encoding="utf-8")
    py = sys.executable
    print(f"{args.file}: {args.file.stat().st_size / 1e6:.1f} MB")
    print(f"{'command':<16} {'wall s':>8} {'cpu s':>8} {'largest MiB':>12} {'all MiB':>8} {'wall vs bare':>13} "
          f"{'cpu vs bare':>12} {'load before':>12}")
    base = cpu_base = None
    commands = [("bare", [py, str(bare), str(args.file)])] if not args.skip_bare else []
    commands.append(("flashgen vocab", [py, "-m", "flashgen", "vocab", str(args.file), "-f", "csv", "-o", str(work / "v.csv")]))
    for label, cmd in commands:
        load = os.getloadavg()[0]
        secs, cpu, largest, total = run(cmd)
        if label == "bare":
            base, cpu_base = secs, cpu
        ratio = f"{secs / base:.2f}x" if base and label != "bare" else ""
        cpu_ratio = f"{cpu / cpu_base:.2f}x" if cpu_base and label != "bare" else ""
        print(f"{label:<16} {secs:>8.1f} {cpu:>8.1f} {largest:>12.0f} {total:>8.0f} {ratio:>13} {cpu_ratio:>12} {load:>12.2f}",
              flush=True)


if __name__ == "__main__":
    main()
