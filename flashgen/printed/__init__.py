"""Renderer: printed lists and worksheets (HTML for the screen, PDF through Typst)."""
