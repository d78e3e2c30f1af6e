"""Drawing a region's escalation chain (see
:func:`xinli.core.views.escalation.escalation_chain`) as Mermaid
(one ``flowchart TD`` with a subgraph per procedure), Graphviz DOT (one
digraph with a cluster per procedure), plain text, or an inline SVG drawing
for the HTML page.  A step's condition (parents' consent before referral,
"once anything abnormal happens") is drawn on the arrow that leads into it;
each step shows its level, and optional (鼓励/可以) steps are dashed.
"""

from __future__ import annotations

import unicodedata
from typing import Any
from xml.sax.saxutils import escape

from xinli.core import messages
from xinli.core import vocabulary as vocab
from xinli.core.views.escalation import order_groups

#: The drawing's fixed words, from the message catalogue.
WORDS = {key: messages.MESSAGES[entry] for key, entry in
         {"reports_to": "reports_to", "refers_to": "refers_to", "guided_by": "guided_by", "guidance": "guidance", "parallel": "parallel",
          "partners": "partners", "start": "trigger", "title": "flow_title", "none": "flow_none"}.items()}


def word(key: str, lang: str, sep: str = " / ") -> str:
    """A fixed label in ``lang``."""
    zh, en = WORDS[key]
    return zh if lang == "zh" else en if lang == "en" else f"{zh}{sep}{en}"


def none_word(chain: dict[str, Any], lang: str, sep: str = " / ") -> str:
    """What an empty chain says: the document sets out none, or (when a
    plugin declares escalation not yet encoded) it is not encoded yet."""
    if chain.get("encoded", True):
        return word("none", lang, sep)
    zh, en = messages.MESSAGES["flow_not_encoded"]
    return zh if lang == "zh" else en if lang == "en" else f"{zh}{sep}{en}"


def _names(actors: list[dict[str, Any]], lang: str, sep: str) -> str:
    return ("、" if lang == "zh" else ", ").join(vocab.localize(a["label"], lang, sep) for a in actors)


def _told(step: dict[str, Any], lang: str, sep: str) -> str:
    """Whom the step tells (→ 报告) and whom it refers the student to (⇒ 转介至)."""
    parts = []
    if step["reports_to"]:
        parts.append(f"→ {word('reports_to', lang, sep)}: {_names(step['reports_to'], lang, sep)}")
    if step.get("refers_to"):
        parts.append(f"⇒ {word('refers_to', lang, sep)}: {_names(step['refers_to'], lang, sep)}")
    return "; ".join(parts)


def _guided(step: dict[str, Any], lang: str, sep: str) -> str:
    if not step.get("guided_by"):
        return ""
    return f"⇠ {word('guided_by', lang, sep)}: {_names(step['guided_by'], lang, sep)}"


def _procedures(chain: dict[str, Any], procedure: str | None = None) -> list[dict[str, Any]]:
    """The chain's procedures (only ``procedure`` when one is named); a
    chain built without procedures is one unnamed procedure."""
    procedures = chain.get("procedures")
    if procedures is None:
        procedures = [{"key": "main", "name": {"zh": WORDS["title"][0], "en": WORDS["title"][1]},
                       "trigger": chain["steps"][0]["condition"] if chain["steps"] else None, "clause": None,
                       "steps": chain["steps"]}]
    if procedure is not None:
        procedures = [p for p in procedures if p["key"] == procedure]
    return procedures


#: Width, in pixels at 13 px, that DOT labels are wrapped to (Graphviz
#: does not wrap; Mermaid wraps its labels itself).
LABEL_WIDTH = 420


def _level(step: dict[str, Any], lang: str, sep: str) -> str:
    """The step's level in words (必须/应当, 建议, 鼓励, 可以)."""
    return f"[{vocab.localize(_label(vocab.LEVELS, step.get('level') or 'required'), lang, sep)}]"


def _label(table: dict[str, tuple[str, str]], key: str) -> dict[str, str]:
    zh, en = table.get(key, (key, key))
    return {"zh": zh, "en": en}


def optional(step: dict[str, Any]) -> bool:
    """Whether a step is one a school may take (鼓励/可以), drawn dashed."""
    return step.get("level") in vocab.OPTIONAL_LEVELS


def _step_lines(step: dict[str, Any], lang: str, sep: str, width: float | None = None) -> list[str]:
    """The lines of a step's box: number and role (marked when it happens
    at the same time as others) with its level, action, under whose
    guidance, whom it tells; each wrapped to ``width`` when one is given."""
    parallel = f" ({word('parallel', lang, sep)})" if step.get("parallel") else ""
    lines = [f"{step['number']}. {vocab.localize(step['role_label'], lang, sep)}{parallel} {_level(step, lang, sep)}"]
    texts = [step["action"]["zh"], step["action"]["en"]] if lang == "both" else [step["action"][lang]]
    extra = [t for t in (_guided(step, lang, sep), _told(step, lang, sep)) if t]
    for text in texts + extra:
        lines += wrap(text, width) if width else [text]
    return lines


def _partner_line(partner: dict[str, Any], lang: str, sep: str = " / ") -> str:
    """A partner's name and public number, with its level when the
    document only encourages or permits it (drawn as optional)."""
    phone = f" ☎ {partner['phone']}" if partner["phone"] else ""
    level = f" {_level(partner, lang, sep)}" if optional(partner) else ""
    return f"{vocab.localize(partner['name'], lang, sep)}{phone}{level}"


def _mermaid_text(text: str) -> str:
    return (text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
            .replace("\n", " "))


def _heading(proc: dict[str, Any], lang: str) -> str:
    clause = f" ({proc['clause']})" if proc.get("clause") else ""
    return f"{vocab.localize(proc['name'], lang)}{clause}"


def render_mermaid(chain: dict[str, Any], lang: str = "both", procedure: str | None = None) -> str:
    """One Mermaid ``flowchart TD`` for the whole region: each procedure a
    ``subgraph`` titled with its name (node ids prefixed with the
    procedure's key), one node per step with its level, steps of the same
    order side by side, conditions on the arrows, guidance as a dotted
    arrow, optional (鼓励/可以) steps dashed, the referral partners in a
    subgraph of their own after the first procedure."""
    procedures = [p for p in _procedures(chain, procedure) if p["steps"]]
    partners = chain["partners"]
    out = ["---", f"title: {_mermaid_text(vocab.localize(chain['region']['name'], lang))} — "
                  f"{_mermaid_text(word('title', lang))}", "---", "flowchart TD"]
    if not procedures and not partners:
        return "\n".join(out) + "\n" + f'  none["{_mermaid_text(none_word(chain, lang))}"]\n'
    dashed: list[str] = []
    edges: list[str] = []
    for proc in procedures:
        key = proc["key"]
        out.append(f'  subgraph {key}["{_mermaid_text(_heading(proc, lang))}"]')
        out.append("    direction TB")
        for step in proc["steps"]:
            label = "<br/>".join(_mermaid_text(line) for line in _step_lines(step, lang, " / "))
            node = f"{key}_S{step['number']}"
            out.append(f'    {node}["{label}"]')
            if optional(step):
                dashed.append(node)
        groups = order_groups(proc["steps"])
        if groups and proc["trigger"]:
            out.append(f'    {key}_start(("{_mermaid_text(word("start", lang))}"))')
            for step in groups[0]:
                edges.append(f'  {key}_start -->|"{_mermaid_text(vocab.localize(proc["trigger"], lang))}"| {key}_S{step["number"]}')
        for step in proc["steps"]:
            for n, guide in enumerate(step.get("guided_by") or (), start=1):
                node = f"{key}_G{step['number']}_{n}"
                out.append(f'    {node}[/"{_mermaid_text(vocab.localize(guide["label"], lang))}"/]')
                edges.append(f'  {node} -.->|"{_mermaid_text(word("guidance", lang))}"| {key}_S{step["number"]}')
        out.append("  end")
        for before, after in zip(groups, groups[1:], strict=False):
            for a in before:
                for b in after:
                    arrow = "-.->" if optional(b) else "-->"
                    cond = f'|"{_mermaid_text(vocab.localize(b["condition"], lang))}"|' if b["condition"] else ""
                    edges.append(f'  {key}_S{a["number"]} {arrow}{cond} {key}_S{b["number"]}')
    if partners:
        out.append(f'  subgraph partners["{_mermaid_text(word("partners", lang))}"]')
        for number, partner in enumerate(partners, start=1):
            label = f"{_mermaid_text(vocab.localize(partner['kind_label'], lang))}<br/>{_mermaid_text(_partner_line(partner, lang))}"
            out.append(f'    P{number}(["{label}"])')
            if optional(partner):
                dashed.append(f"P{number}")
        out.append("  end")
        if procedures:
            first = procedures[0]
            for step in order_groups(first["steps"])[-1]:
                edges.append(f"  {first['key']}_S{step['number']} --> partners")
    out += edges
    if dashed:
        out.append("  classDef optional stroke-dasharray: 5 5")
        out.append(f"  class {','.join(dashed)} optional")
    return "\n".join(out) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def render_dot(chain: dict[str, Any], lang: str = "both", procedure: str | None = None) -> str:
    """One Graphviz ``digraph`` for the whole region (so ``dot -Tsvg``
    makes one SVG): each procedure a ``cluster`` titled with its name,
    steps of the same order on one rank, guidance as dashed edges, optional
    (鼓励/可以) steps dashed, the partners in a cluster of their own after
    the first procedure."""
    font = "Noto Sans CJK SC"
    procedures = [p for p in _procedures(chain, procedure) if p["steps"]]
    title = f"{vocab.localize(chain['region']['name'], lang)} — {word('title', lang)}"
    out = [
        "digraph escalation {",
        f'  graph [rankdir=TB, labelloc=t, label="{_dot_text(title)}", fontname="{font}", compound=true];',
        f'  node [shape=box, style=rounded, fontname="{font}"];',
        f'  edge [fontname="{font}"];',
    ]
    if not procedures and not chain["partners"]:
        out.append(f'  none [shape=plaintext, label="{_dot_text(none_word(chain, lang))}"];')
    edges: list[str] = []
    for proc in procedures:
        key = proc["key"]
        out.append(f"  subgraph cluster_{key} {{")
        out.append(f'    label="{_dot_text(_heading(proc, lang))}";')
        for step in proc["steps"]:
            label = "\\n".join(_dot_text(line) for line in _step_lines(step, lang, " / ", LABEL_WIDTH))
            style = ', style="rounded,dashed"' if optional(step) else ""
            out.append(f'    {key}_S{step["number"]} [label="{label}"{style}];')
        groups = order_groups(proc["steps"])
        for group in groups:
            if len(group) > 1:
                out.append("    { rank=same; " + " ".join(f"{key}_S{s['number']};" for s in group) + " }")
        if groups and proc["trigger"]:
            out.append(f'    {key}_start [shape=circle, label="{_dot_text(word("start", lang))}"];')
            for step in groups[0]:
                edges.append(f'  {key}_start -> {key}_S{step["number"]} '
                             f'[label="{_dot_text(vocab.localize(proc["trigger"], lang))}"];')
        for step in proc["steps"]:
            for n, guide in enumerate(step.get("guided_by") or (), start=1):
                node = f"{key}_G{step['number']}_{n}"
                out.append(f'    {node} [shape=parallelogram, label="{_dot_text(vocab.localize(guide["label"], lang))}"];')
                edges.append(f'  {node} -> {key}_S{step["number"]} [style=dashed, label="{_dot_text(word("guidance", lang))}"];')
        out.append("  }")
        for before, after in zip(groups, groups[1:], strict=False):
            for a in before:
                for b in after:
                    attrs = [f'label="{_dot_text(vocab.localize(b["condition"], lang))}"'] if b["condition"] else []
                    if optional(b):
                        attrs.append("style=dashed")
                    edges.append(f'  {key}_S{a["number"]} -> {key}_S{b["number"]}' + (f" [{', '.join(attrs)}]" if attrs else "") + ";")
    if chain["partners"]:
        out.append("  subgraph cluster_partners {")
        out.append(f'    label="{_dot_text(word("partners", lang))}";')
        for number, partner in enumerate(chain["partners"], start=1):
            label = f"{_dot_text(vocab.localize(partner['kind_label'], lang))}\\n{_dot_text(_partner_line(partner, lang))}"
            style = ", style=dashed" if optional(partner) else ""
            out.append(f'    P{number} [shape=ellipse, label="{label}"{style}];')
        out.append("  }")
        if procedures:
            first = procedures[0]
            for step in order_groups(first["steps"])[-1]:
                edges.append(f"  {first['key']}_S{step['number']} -> P1 [lhead=cluster_partners];")
    out += edges
    out.append("}")
    return "\n".join(out) + "\n"


def render_text(chain: dict[str, Any], lang: str = "both", procedure: str | None = None) -> str:
    """Each procedure as a titled list: its trigger, then numbered steps
    (steps at the same time marked), guidance, whom each tells, sources."""
    out = [f"{vocab.localize(chain['region']['name'], lang)} — {word('title', lang)}", ""]
    procedures = _procedures(chain, procedure)
    if not any(p["steps"] for p in procedures):
        out.append(none_word(chain, lang))
    for proc in procedures:
        if not proc["steps"]:
            continue
        clause = f" ({proc['clause']})" if proc.get("clause") else ""
        out.append(f"## {vocab.localize(proc['name'], lang)}{clause}")
        if proc["trigger"]:
            out.append(f"{word('start', lang)}: {vocab.localize(proc['trigger'], lang)}")
        for step in proc["steps"]:
            condition = f"[{vocab.localize(step['condition'], lang)}] " if step["condition"] else ""
            parallel = f" ({word('parallel', lang)})" if step.get("parallel") else ""
            told = _told(step, lang, " / ")
            out.append(f"{step['number']}. {condition}{vocab.localize(step['role_label'], lang)}{parallel} {_level(step, lang, ' / ')}"
                       + (f" {told}" if told else ""))
            guided = _guided(step, lang, " / ")
            if guided:
                out.append(f"   {guided}")
            if lang == "both":
                out += [f"   {step['action']['zh']}", f"   {step['action']['en']}"]
            else:
                out.append(f"   {step['action'][lang]}")
            cite = step["citation"]
            out.append(f"   ({cite['document']} {cite['clause']})")
        out.append("")
    if chain["partners"]:
        out += [f"{word('partners', lang)}:"]
        for partner in chain["partners"]:
            out.append(f"- {vocab.localize(partner['kind_label'], lang)}: {_partner_line(partner, lang)}")
    return "\n".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------- inline SVG

SVG_WIDTH = 680
BOX_WIDTH = 560
FONT = 13
LINE = 18
PAD = 10
GAP = 44


def text_width(text: str, size: float = FONT) -> float:
    """Approximate rendered width of ``text``: full-width (CJK) characters
    take one em, others a little over half."""
    return sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.56 for ch in text)


#: Punctuation that never starts a line in Chinese typesetting.
NO_LINE_START = frozenset("。，、；：！？）」』》〉”’.,;:!?)")


def wrap(text: str, width: float, size: float = FONT) -> list[str]:
    """``text`` broken into lines no wider than ``width``; Latin words are
    kept whole, CJK text breaks between any two characters except before
    closing punctuation, which stays on the line it closes."""
    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        if current and token not in NO_LINE_START and text_width(current + token, size) > width:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current += token
    if current.strip():
        lines.append(current.rstrip())
    return lines or [""]


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    word_ = ""
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            if word_:
                tokens.append(word_)
                word_ = ""
            tokens.append(ch)
        elif ch == " ":
            tokens.append(word_ + " ")
            word_ = ""
        else:
            word_ += ch
    if word_:
        tokens.append(word_)
    return tokens


def _svg_lines(x: float, y: float, lines: list[tuple[str, str]]) -> list[str]:
    """``<text>`` elements, one per (line, css class)."""
    out = []
    for n, (line, cls) in enumerate(lines):
        out.append(f'<text x="{x:.0f}" y="{y + n * LINE:.0f}" class="{cls}">{escape(line)}</text>')
    return out


def render_svg(chain: dict[str, Any], lang: str = "both") -> str:
    """The procedures drawn as an inline ``<svg>`` element (no ``xmlns``
    URL, no script, no external reference): each procedure under its own
    heading with its trigger, boxes top to bottom (steps at the same time
    marked), conditions beside the arrows, the referral partners in a last
    box."""
    inner = BOX_WIDTH - 2 * PAD
    left = (SVG_WIDTH - BOX_WIDTH) / 2
    parts: list[str] = []
    y = 10.0
    boxes: list[tuple[float, float]] = []
    procedures = [p for p in _procedures(chain) if p["steps"]]
    steps: list[dict[str, Any]] = []
    for proc_index, proc in enumerate(procedures):
        if len(procedures) > 1 or proc.get("clause"):
            if proc_index:
                y += GAP / 2
            heading = vocab.localize(proc["name"], lang) + (f" ({proc['clause']})" if proc.get("clause") else "")
            parts += _svg_lines(left, y + LINE - 4, [(line, "role") for line in wrap(heading, inner + 2 * PAD)])
            y += LINE * len(wrap(heading, inner + 2 * PAD)) + 4
        for index, step in enumerate(proc["steps"]):
            steps.append(step)
            if index:
                condition = step["condition"]
                label = wrap(vocab.localize(condition, lang), SVG_WIDTH - left - BOX_WIDTH / 2 - 24, FONT - 2) if condition else []
                gap = max(GAP, 16 + LINE * len(label))
                top = y
                y += gap
                parts.append(f'<line x1="{SVG_WIDTH / 2:.0f}" y1="{top:.0f}" x2="{SVG_WIDTH / 2:.0f}" y2="{y - 2:.0f}" '
                             'class="arrow" marker-end="url(#head)"/>')
                parts += _svg_lines(SVG_WIDTH / 2 + 10, top + (gap - LINE * len(label)) / 2 + LINE - 4,
                                    [(line, "cond") for line in label])
            elif proc["trigger"]:
                label = wrap(vocab.localize(proc["trigger"], lang), inner, FONT - 2)
                parts += _svg_lines(left, y + LINE - 4, [(line, "cond") for line in label])
                y += LINE * len(label) + 4
            lines = [(line, "role") for line in _step_lines(step, lang, " / ")[:1]]
            for text in ([step["action"]["zh"], step["action"]["en"]] if lang == "both" else [step["action"][lang]]):
                lines += [(line, "act") for line in wrap(text, inner)]
            for extra in (_guided(step, lang, " / "), _told(step, lang, " / ")):
                if extra:
                    lines += [(line, "told") for line in wrap(extra, inner)]
            height = 2 * PAD + LINE * len(lines) - 4
            parts.append(f'<rect x="{left:.0f}" y="{y:.0f}" width="{BOX_WIDTH}" height="{height:.0f}" rx="8" '
                         f'class="step level-{step["level"]}"/>')
            parts += _svg_lines(left + PAD, y + PAD + LINE - 6, lines)
            boxes.append((y, height))
            y += height
    if chain["partners"]:
        if steps:
            top = y
            y += GAP
            parts.append(f'<line x1="{SVG_WIDTH / 2:.0f}" y1="{top:.0f}" x2="{SVG_WIDTH / 2:.0f}" y2="{y - 2:.0f}" '
                         'class="arrow" marker-end="url(#head)"/>')
        lines = [(word("partners", lang), "role")]
        for partner in chain["partners"]:
            text = f"{vocab.localize(partner['kind_label'], lang)}: {_partner_line(partner, lang)}"
            lines += [(line, "act") for line in wrap(text, inner)]
        height = 2 * PAD + LINE * len(lines) - 4
        parts.append(f'<rect x="{left:.0f}" y="{y:.0f}" width="{BOX_WIDTH}" height="{height:.0f}" rx="18" class="partners"/>')
        parts += _svg_lines(left + PAD, y + PAD + LINE - 6, lines)
        y += height
    if not steps and not chain["partners"]:
        parts += _svg_lines(left, y + LINE, [(none_word(chain, lang), "act")])
        y += LINE * 2
    total = y + 10
    title = escape(f"{vocab.localize(chain['region']['name'], lang)} — {word('title', lang)}", {'"': "&quot;"})
    return (
        f'<svg class="flow" viewBox="0 0 {SVG_WIDTH} {total:.0f}" width="{SVG_WIDTH}" height="{total:.0f}" '
        f'role="img" aria-label="{title}">'
        f"<title>{title}</title>"
        '<defs><marker id="head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" '
        'orient="auto"><path d="M0,0 L10,5 L0,10 z" class="head"/></marker></defs>'
        + "".join(parts)
        + "</svg>"
    )
