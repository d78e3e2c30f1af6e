"""Dadukou District (大渡口区), Chongqing: 渡教发〔2020〕86号.

The rules are data: ``rules.toml`` beside this file, checked against the
document's text in ``source.txt``.  Interpretations are listed in README.md.
"""

from xinli.core.rules.toml_plugin import TomlPlugin

plugin = TomlPlugin.from_package(__package__)
