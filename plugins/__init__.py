"""Jurisdiction plugins bundled with xinli, one package per document."""
