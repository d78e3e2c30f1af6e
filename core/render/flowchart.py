"""Drawing a region's escalation chain (see
:func:`xinli.core.views.escalation.escalation_chain`) as Mermaid
(``flowchart TD``), Graphviz DOT, plain text, or an inline SVG drawing for
the HTML page.  A step's condition (parents' consent before referral, "once
anything abnormal happens") is drawn on the arrow that leads into it.
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
         {"reports_to": "reports_to", "guided_by": "guided_by", "guidance": "guidance", "parallel": "parallel",
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
    if not step["reports_to"]:
        return ""
    return f"→ {word('reports_to', lang, sep)}: {_names(step['reports_to'], lang, sep)}"


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


def _step_lines(step: dict[str, Any], lang: str, sep: str, width: float | None = None) -> list[str]:
    """The lines of a step's box: number and role (marked when it happens
    at the same time as others), action, under whose guidance, whom it
    tells; each wrapped to ``width`` when one is given."""
    parallel = f" ({word('parallel', lang, sep)})" if step.get("parallel") else ""
    lines = [f"{step['number']}. {vocab.localize(step['role_label'], lang, sep)}{parallel}"]
    texts = [step["action"]["zh"], step["action"]["en"]] if lang == "both" else [step["action"][lang]]
    extra = [t for t in (_guided(step, lang, sep), _told(step, lang, sep)) if t]
    for text in texts + extra:
        lines += wrap(text, width) if width else [text]
    return lines


def _partner_line(partner: dict[str, Any], lang: str, sep: str = " / ") -> str:
    phone = f" ☎ {partner['phone']}" if partner["phone"] else ""
    return f"{vocab.localize(partner['name'], lang, sep)}{phone}"


def _mermaid_text(text: str) -> str:
    return (text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
            .replace("\n", " "))


def render_mermaid(chain: dict[str, Any], lang: str = "both", procedure: str | None = None) -> str:
    """Each procedure as its own Mermaid ``flowchart TD`` (titled with the
    procedure's name, blank-line separated): one node per step, steps of
    the same order side by side, conditions on the arrows, guidance as a
    dotted arrow, the first procedure ending at the referral partners."""
    procedures = _procedures(chain, procedure)
    if not any(p["steps"] for p in procedures) and not chain["partners"]:
        return "flowchart TD\n" + f'  none["{_mermaid_text(none_word(chain, lang))}"]\n'
    blocks = []
    for index, proc in enumerate(procedures):
        steps = proc["steps"]
        partners = chain["partners"] if index == 0 else []
        out = []
        if len(procedures) > 1 or proc.get("clause"):
            out += ["---", f"title: {_mermaid_text(vocab.localize(proc['name'], lang))}", "---"]
        out.append("flowchart TD")
        for step in steps:
            label = "<br/>".join(_mermaid_text(line) for line in _step_lines(step, lang, " / "))
            out.append(f'  S{step["number"]}["{label}"]')
        for number, partner in enumerate(partners, start=1):
            label = f"{_mermaid_text(vocab.localize(partner['kind_label'], lang))}<br/>{_mermaid_text(_partner_line(partner, lang))}"
            out.append(f'  P{number}(["{label}"])')
        groups = order_groups(steps)
        if groups and proc["trigger"]:
            out.append(f'  start(("{_mermaid_text(word("start", lang))}"))')
            for step in groups[0]:
                out.append(f'  start -->|"{_mermaid_text(vocab.localize(proc["trigger"], lang))}"| S{step["number"]}')
        for before, after in zip(groups, groups[1:], strict=False):
            for a in before:
                for b in after:
                    if b["condition"]:
                        out.append(f'  S{a["number"]} -->|"{_mermaid_text(vocab.localize(b["condition"], lang))}"| S{b["number"]}')
                    else:
                        out.append(f'  S{a["number"]} --> S{b["number"]}')
        for step in steps:
            for n, guide in enumerate(step.get("guided_by") or (), start=1):
                node = f"G{step['number']}_{n}"
                out.append(f'  {node}[/"{_mermaid_text(vocab.localize(guide["label"], lang))}"/]')
                out.append(f'  {node} -.->|"{_mermaid_text(word("guidance", lang))}"| S{step["number"]}')
        if partners and groups:
            names = " & ".join(f"P{n}" for n in range(1, len(partners) + 1))
            for step in groups[-1]:
                out.append(f"  S{step['number']} --> {names}")
        blocks.append("\n".join(out) + "\n")
    return "\n".join(blocks)


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def render_dot(chain: dict[str, Any], lang: str = "both", procedure: str | None = None) -> str:
    """Each procedure as its own Graphviz ``digraph`` (top to bottom; one
    file may hold several, `dot` draws each), steps of the same order on
    one rank, guidance as dashed edges, partners in a cluster at the end
    of the first procedure."""
    font = "Noto Sans CJK SC"
    procedures = _procedures(chain, procedure) or [{"key": "main", "name": {"zh": WORDS["title"][0], "en": WORDS["title"][1]},
                                                    "trigger": None, "steps": [], "clause": None}]
    graphs = []
    for index, proc in enumerate(procedures):
        steps = proc["steps"]
        partners = chain["partners"] if index == 0 else []
        title = f"{vocab.localize(chain['region']['name'], lang)} — {vocab.localize(proc['name'], lang)}"
        name = "escalation" if len(procedures) == 1 else f"escalation_{proc['key']}"
        out = [
            f"digraph {name} {{",
            f'  graph [rankdir=TB, labelloc=t, label="{_dot_text(title)}", fontname="{font}"];',
            f'  node [shape=box, style=rounded, fontname="{font}"];',
            f'  edge [fontname="{font}"];',
        ]
        for step in steps:
            label = "\\n".join(_dot_text(line) for line in _step_lines(step, lang, " / ", LABEL_WIDTH))
            out.append(f'  S{step["number"]} [label="{label}"];')
        groups = order_groups(steps)
        for group in groups:
            if len(group) > 1:
                out.append("  { rank=same; " + " ".join(f"S{s['number']};" for s in group) + " }")
        if groups and proc["trigger"]:
            out.append(f'  start [shape=circle, label="{_dot_text(word("start", lang))}"];')
            for step in groups[0]:
                out.append(f'  start -> S{step["number"]} [label="{_dot_text(vocab.localize(proc["trigger"], lang))}"];')
        for before, after in zip(groups, groups[1:], strict=False):
            for a in before:
                for b in after:
                    attrs = f' [label="{_dot_text(vocab.localize(b["condition"], lang))}"]' if b["condition"] else ""
                    out.append(f'  S{a["number"]} -> S{b["number"]}{attrs};')
        for step in steps:
            for n, guide in enumerate(step.get("guided_by") or (), start=1):
                node = f"G{step['number']}_{n}"
                out.append(f'  {node} [shape=parallelogram, label="{_dot_text(vocab.localize(guide["label"], lang))}"];')
                out.append(f'  {node} -> S{step["number"]} [style=dashed, label="{_dot_text(word("guidance", lang))}"];')
        if partners:
            out.append("  subgraph cluster_partners {")
            out.append(f'    label="{_dot_text(word("partners", lang))}";')
            for number, partner in enumerate(partners, start=1):
                label = f"{_dot_text(vocab.localize(partner['kind_label'], lang))}\\n{_dot_text(_partner_line(partner, lang))}"
                out.append(f'    P{number} [shape=ellipse, label="{label}"];')
            out.append("  }")
            if groups:
                for step in groups[-1]:
                    for number in range(1, len(partners) + 1):
                        out.append(f"  S{step['number']} -> P{number};")
        out.append("}")
        graphs.append("\n".join(out) + "\n")
    return "\n".join(graphs)


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
            out.append(f"{step['number']}. {condition}{vocab.localize(step['role_label'], lang)}{parallel}" + (f" {told}" if told else ""))
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
