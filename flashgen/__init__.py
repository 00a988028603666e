"""flashgen: turn a Chinese transcript into study material.

Importing this package loads nothing heavy: jieba, pypinyin, CC-CEDICT and
the frequency lists are loaded lazily by the stages that need them.
"""

__version__ = "0.1.0"
