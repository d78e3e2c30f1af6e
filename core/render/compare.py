"""A comparison of two regions (see :func:`xinli.core.views.compare.compare_checklists`)
as Markdown."""

from __future__ import annotations

from typing import Any

from xinli.core import vocabulary as vocab


def _cite(side: dict[str, Any]) -> str:
    c = side["citation"]
    return f"{c['document']} {c['clause']}"


def _rule(side: dict[str, Any]) -> str:
    check = side["check"]
    if not check:
        return "no check"
    value = check["value"]
    shown = "true" if check["op"] == "true" else f"{check['op']} {value}"
    return f"{check['metric']} {shown} {check['unit'] or ''} {check['per'] or ''}".replace("  ", " ").strip()


def render_compare_markdown(data: dict[str, Any], lang: str = "both") -> str:
    """A comparison as Markdown, domain by domain."""
    def t(text: dict[str, str]) -> str:
        return vocab.localize(text, lang)

    a, b = data["a"], data["b"]
    out = [f"# {t(a['name'])} (`{a['code']}`) vs {t(b['name'])} (`{b['code']}`)", ""]
    for domain, info in data["domains"].items():
        out += [f"## {vocab.label(vocab.DOMAINS, domain, lang)}", ""]
        for side, key in (("a", "only_a"), ("b", "only_b")):
            code = data[side]["code"]
            if not info["specified"][side]:
                encoded = info.get("encoded", {}).get(side, True)
                out.append(f"- `{code}`: " + ("not specified by its documents" if encoded else "not yet encoded"))
            for item in info[key]:
                out.append(f"- only in `{code}`: [{item['level']}] {t(item['text'])} — {_rule(item)} — {_cite(item)}")
        for pair in info["different"]:
            left, right = pair["a"], pair["b"]
            out.append(f"- differs: {t(left['text'])}")
            out.append(f"  - `{a['code']}`: [{left['level']}] {_rule(left)}, grades {left['grades']} — {_cite(left)}")
            out.append(f"  - `{b['code']}`: [{right['level']}] {_rule(right)}, grades {right['grades']} — {_cite(right)}")
            for diff in pair["differences"]:
                stricter = {"a": a["code"], "b": b["code"]}.get(diff["stricter"] or "", "not decidable")
                word = "broader" if diff["field"] == "grades" else "stricter"
                out.append(f"  - {diff['field']}: {diff['a']} vs {diff['b']} ({word}: {stricter})")
        if info["same"]:
            out.append(f"- {info['same']} paired requirement(s) identical")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
