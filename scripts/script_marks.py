"""Print the script marks of flashgen/source/convert.py: common characters that only one script writes.

Derived from the reader's most common characters (flashgen.source.reader._COMMON_HANZI)
and OpenCC's own character tables: a simplified character counts when OpenCC's
s2t turns it into another character and it is never itself one of its traditional
forms (ALSO_TRADITIONAL: 干, 台, 里, 只 are written in traditional texts too); its traditional form
counts when t2s turns it back. Run with OpenCC installed; paste the output into
convert.py when the tables change.
"""

from __future__ import annotations

import opencc

from flashgen.source.reader import _COMMON_HANZI

#: Simplified characters that traditional texts write too (干涉, 于 the surname, 皇后, 公里, 幺, 台灣, 只有).
ALSO_TRADITIONAL = "干于后里么台只"


def main() -> None:
    """Print the simplified-only and the traditional-only marks."""
    s2t, t2s = opencc.OpenCC("s2t.json"), opencc.OpenCC("t2s.json")
    simplified, traditional = [], []
    for ch in sorted(_COMMON_HANZI):
        trad = s2t.convert(ch)
        # Every traditional region's form must differ (s2hk, s2tw keep 台, 着, 里…).
        forms = {trad, opencc.OpenCC("s2hk.json").convert(ch), opencc.OpenCC("s2tw.json").convert(ch)}
        if ch in ALSO_TRADITIONAL or ch in forms or t2s.convert(ch) != ch or any(t2s.convert(f) != ch for f in forms):
            continue
        simplified.append(ch)
        traditional.extend(sorted(f for f in forms if f not in traditional))
    print("SIMPLIFIED_MARKS =", repr("".join(simplified)))
    print("TRADITIONAL_MARKS =", repr("".join(traditional)))


if __name__ == "__main__":
    main()
