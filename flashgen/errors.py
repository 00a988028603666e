"""Typed exceptions of the library; the CLI maps each to a one-line error."""

from __future__ import annotations


class FlashgenError(Exception):
    """Base class: the message is one line saying what is wrong and what to do."""


class InputError(FlashgenError):
    """The input transcript (or another input file) cannot be used."""


class OutputError(FlashgenError):
    """An output file or folder cannot be written."""


class ResourceError(FlashgenError):
    """A needed resource (dictionary, font, progress store) is missing or broken."""
