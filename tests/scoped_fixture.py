"""A data plugin whose check measures grades its item does not cover, for
the `plugins check` test in tests/test_verdicts.py (loaded through an entry
point, so the failure surfaces where a district's IT staff would see it)."""

from xinli.core.rules.toml_plugin import TomlPlugin

RULES = """
[jurisdiction]
code = "test_scoped"
level = "county"
name = { zh = "范围县", en = "Scope County" }

[[jurisdiction.documents]]
number = "范〔2026〕1号"
date = "2026-01-01"
title = { zh = "范围文件", en = "scope document" }
issuer = { zh = "范围局", en = "scope bureau" }

[[requirements]]
id = "test_scoped.curriculum.junior-lessons"
domain = "curriculum"
level = "required"
duty_holder = "school"
grades = [1, 2, 3, 4, 5, 6]
text = { zh = "初中每学期8课时", en = "8 lessons a semester in junior grades" }
citation = { jurisdiction = "test_scoped", document = "范〔2026〕1号", clause = "一", quote = "初中" }
check.metric = "psych_lessons_per_semester"
check.op = ">="
check.value = 8
check.grades = [7, 8, 9]
"""

PLUGIN = TomlPlugin(RULES, "初中", "test_scoped/rules.toml")
