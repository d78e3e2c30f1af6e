"""A comparison of two regions (see :func:`xinli.core.views.compare.compare_checklists`)
as Markdown, every fixed word from the message catalogue."""

from __future__ import annotations

from typing import Any

from xinli.core import messages
from xinli.core import vocabulary as vocab
from xinli.core.messages import msg
from xinli.core.render.markdown import check_text, conditions_text, grades_text

#: Differences whose "stricter" side is the one covering more schools (as the comparison view marks them).
BROADER_FIELDS = ("grades", "applies_if", "school_kinds")


def _cite(side: dict[str, Any]) -> str:
    c = side["citation"]
    return f"{c['document']} {c['clause']}"


def _rule(side: dict[str, Any], lang: str, labels: dict[str, dict[str, str]] | None) -> str:
    check = side["check"]
    if not check:
        return msg("no_check", lang)
    return check_text(check, lang, labels).replace("`", "")


def kinds_text(kinds: list[str] | None, lang: str) -> str:
    """School kinds in words; every kind when None."""
    if not kinds:
        return msg("cmp_every_kind", lang)
    table = getattr(vocab, "KINDS_OF_SCHOOL", vocab.SCHOOL_KINDS)
    return ("、" if lang == "zh" else ", ").join(vocab.label(table, k, lang) for k in kinds)


def scope_text(scope: dict[str, Any], lang: str) -> str:
    """Where an item is assessed, in words."""
    where = msg("cmp_at_region" if scope["assessed_at"] == "region" else "cmp_at_school", lang)
    if scope.get("target_scope"):
        where += ("，" if lang == "zh" else ", ") + vocab.label(vocab.TARGET_SCOPES, scope["target_scope"], lang)
    return where


def applicability(side: dict[str, Any], lang: str, full: bool = True) -> str:
    """Whom and when a side binds: conditions (or every school), school
    kinds, grades, deadline and where it is assessed; ``full=False``
    leaves out what is the default (no condition, every kind, grades
    1–12, no deadline)."""
    sep = "；" if lang == "zh" else "; "
    parts = []
    if full or side.get("applies_if"):
        conditions = conditions_text(side.get("applies_if"), lang) or msg("cmp_every_school", lang)
        parts.append(f"{msg('applies_if', lang)}: {conditions}")
    if full or side.get("school_kinds"):
        parts.append(f"{msg('cmp_school_kinds', lang)}: {kinds_text(side.get('school_kinds'), lang)}")
    if full or list(side["grades"]) != list(range(1, 13)):
        parts.append(f"{msg('grades', lang)} {grades_text(side['grades'], lang)}")
    if full or side["deadline"]:
        parts.append(f"{msg('field_deadline', lang)}: {side['deadline'] or msg('cmp_no_deadline', lang)}")
    parts.append(f"{msg('cmp_scope', lang)}: {scope_text(side['scope'], lang)}")
    return sep.join(parts)


def _value(field: str, value: Any, lang: str, labels: dict[str, dict[str, str]] | None) -> str:
    """One side of a difference in words."""
    if field == "applies_if":
        return conditions_text(value, lang) or msg("cmp_every_school", lang)
    if field == "school_kinds":
        return kinds_text(value, lang)
    if field == "deadline" and value is None:
        return msg("cmp_no_deadline", lang)
    if field == "scope":
        return scope_text(value, lang)
    if value is None:
        return "–"
    if field == "level":
        return vocab.label(vocab.LEVELS, value, lang)
    if field == "grades":
        return grades_text(value, lang)
    if field == "per":
        return vocab.label(vocab.PERIODS, value, lang)
    if field == "unit":
        return vocab.label(vocab.UNITS, value, lang)
    if field == "count_per":
        return vocab.label(vocab.COUNT_PER, value, lang)
    if field == "op":
        return messages.pick(messages.OPERATORS.get(value, (value, value)), lang)
    if field == "metric":
        return vocab.localize(labels[value], lang) if labels and value in labels else value
    if field == "check":
        return check_text(value, lang, labels).replace("`", "")
    if isinstance(value, list):
        return "–".join(str(v) for v in value)
    return str(value)


def render_compare_markdown(data: dict[str, Any], lang: str = "zh", labels: dict[str, dict[str, str]] | None = None) -> str:
    """A comparison as Markdown, domain by domain (``labels``: metric labels)."""
    def t(text: dict[str, str]) -> str:
        return vocab.localize(text, lang)

    def level(key: str) -> str:
        return vocab.label(vocab.LEVELS, key, lang)

    a, b = data["a"], data["b"]
    out = [f"# {t(a['name'])} (`{a['code']}`) {msg('vs', lang)} {t(b['name'])} (`{b['code']}`)", ""]
    for domain, info in data["domains"].items():
        out += [f"## {vocab.label(vocab.DOMAINS, domain, lang)}", ""]
        for side, key in (("a", "only_a"), ("b", "only_b")):
            code = data[side]["code"]
            if not info["specified"][side]:
                encoded = info.get("encoded", {}).get(side, True)
                out.append(f"- `{code}`: {msg('cmp_unspecified' if encoded else 'not_encoded_yet', lang)}")
            for item in info[key]:
                out.append(f"- {msg('only_in', lang, code=f'`{code}`')}: [{level(item['level'])}] {t(item['text'])} — "
                           f"{_rule(item, lang, labels)} — {_cite(item)}")
                out.append(f"  - {applicability(item, lang, full=False)}")
        for pair in info["different"]:
            left, right = pair["a"], pair["b"]
            out.append(f"- {msg('differs', lang)}: {t(left['text'])}")
            if pair.get("paired_by", "id") != "id":
                note = "cmp_paired_apart" if pair.get("applicability_differs") else "cmp_paired_by_metric"
                out.append(f"  - {msg(note, lang)}")
            for code, side in ((a["code"], left), (b["code"], right)):
                out.append(f"  - `{code}`: [{level(side['level'])}] {_rule(side, lang, labels)} — {_cite(side)}")
                out.append(f"    - {applicability(side, lang)}")
            for diff in pair["differences"]:
                field = diff["field"]
                winner = {"a": a["code"], "b": b["code"]}.get(diff["stricter"] or "") or msg("not_decidable", lang)
                word = msg("broader" if field in BROADER_FIELDS else "stricter", lang)
                name = msg("field_" + field, lang) if "field_" + field in messages.MESSAGES else field
                out.append(f"  - {name}: {_value(field, diff['a'], lang, labels)} {msg('vs', lang)} "
                           f"{_value(field, diff['b'], lang, labels)} ({word}: {winner})")
        if info["same"]:
            out.append(f"- {msg('identical', lang, n=info['same'])}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
