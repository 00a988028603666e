"""The standalone HTML document shared by the printed list and the worksheet."""

from __future__ import annotations

from string import Template

_DOCUMENT = Template(
    """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="flashgen">
<title>$title</title>
<style>$css</style>
</head>
<body class="$body_class">
$body
</body>
</html>
"""
)


def document(title: str, css: str, body_class: str, body: str) -> str:
    """A complete page; ``title`` and ``body`` must already be escaped HTML."""
    return _DOCUMENT.substitute(title=title, css=css, body_class=body_class, body=body)
