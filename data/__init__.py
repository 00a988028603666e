"""Data shipped with flashgen: the sample transcript and the diplomatic glossary."""
