"""Henan Province (河南省): 教基〔2021〕330号.

The rules are data: ``rules.toml`` beside this file, checked against the
document's text in ``source.txt``.  Interpretations are listed in README.md.
"""

from xinli.core.rules.toml_plugin import TomlPlugin

plugin = TomlPlugin.from_package(__package__)
