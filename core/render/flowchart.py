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

#: The drawing's fixed words, from the message catalogue.
WORDS = {key: messages.MESSAGES[entry] for key, entry in
         {"reports_to": "reports_to", "partners": "partners", "start": "trigger", "title": "flow_title",
          "none": "flow_none"}.items()}


def word(key: str, lang: str, sep: str = " / ") -> str:
    """A fixed label in ``lang``."""
    zh, en = WORDS[key]
    return zh if lang == "zh" else en if lang == "en" else f"{zh}{sep}{en}"


def _told(step: dict[str, Any], lang: str, sep: str) -> str:
    if not step["reports_to"]:
        return ""
    names = ("、" if lang == "zh" else ", ").join(vocab.localize(a["label"], lang, sep) for a in step["reports_to"])
    return f"→ {word('reports_to', lang, sep)}: {names}"


#: Width, in pixels at 13 px, that DOT labels are wrapped to (Graphviz
#: does not wrap; Mermaid wraps its labels itself).
LABEL_WIDTH = 420


def _step_lines(step: dict[str, Any], lang: str, sep: str, width: float | None = None) -> list[str]:
    """The lines of a step's box: number and role, action, whom it tells;
    each wrapped to ``width`` when one is given."""
    lines = [f"{step['number']}. {vocab.localize(step['role_label'], lang, sep)}"]
    texts = [step["action"]["zh"], step["action"]["en"]] if lang == "both" else [step["action"][lang]]
    told = _told(step, lang, sep)
    for text in texts + ([told] if told else []):
        lines += wrap(text, width) if width else [text]
    return lines


def _partner_line(partner: dict[str, Any], lang: str, sep: str = " / ") -> str:
    phone = f" ☎ {partner['phone']}" if partner["phone"] else ""
    return f"{vocab.localize(partner['name'], lang, sep)}{phone}"


def _mermaid_text(text: str) -> str:
    return (text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
            .replace("\n", " "))


def render_mermaid(chain: dict[str, Any], lang: str = "both") -> str:
    """The chain as a Mermaid ``flowchart TD``: one node per step in order,
    conditions on the arrows, ending at the referral partners."""
    out = ["flowchart TD"]
    steps = chain["steps"]
    if not steps and not chain["partners"]:
        out.append(f'  none["{_mermaid_text(word("none", lang))}"]')
        return "\n".join(out) + "\n"
    for step in steps:
        label = "<br/>".join(_mermaid_text(line) for line in _step_lines(step, lang, " / "))
        out.append(f'  S{step["number"]}["{label}"]')
    for number, partner in enumerate(chain["partners"], start=1):
        label = f"{_mermaid_text(vocab.localize(partner['kind_label'], lang))}<br/>{_mermaid_text(_partner_line(partner, lang))}"
        out.append(f'  P{number}(["{label}"])')
    if steps and steps[0]["condition"]:
        out.append(f'  start(("{_mermaid_text(word("start", lang))}"))')
        out.append(f'  start -->|"{_mermaid_text(vocab.localize(steps[0]["condition"], lang))}"| S1')
    for before, step in zip(steps, steps[1:], strict=False):
        if step["condition"]:
            out.append(f'  S{before["number"]} -->|"{_mermaid_text(vocab.localize(step["condition"], lang))}"| S{step["number"]}')
        else:
            out.append(f'  S{before["number"]} --> S{step["number"]}')
    if chain["partners"]:
        last = f"S{steps[-1]['number']}" if steps else None
        names = " & ".join(f"P{n}" for n in range(1, len(chain["partners"]) + 1))
        if last:
            out.append(f"  {last} --> {names}")
    return "\n".join(out) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def render_dot(chain: dict[str, Any], lang: str = "both") -> str:
    """The chain as a Graphviz ``digraph`` (top to bottom), partners in a
    cluster at the end."""
    title = f"{vocab.localize(chain['region']['name'], lang)} — {word('title', lang)}"
    font = "Noto Sans CJK SC"
    out = [
        "digraph escalation {",
        f'  graph [rankdir=TB, labelloc=t, label="{_dot_text(title)}", fontname="{font}"];',
        f'  node [shape=box, style=rounded, fontname="{font}"];',
        f'  edge [fontname="{font}"];',
    ]
    steps = chain["steps"]
    for step in steps:
        label = "\\n".join(_dot_text(line) for line in _step_lines(step, lang, " / ", LABEL_WIDTH))
        out.append(f'  S{step["number"]} [label="{label}"];')
    if steps and steps[0]["condition"]:
        out.append(f'  start [shape=circle, label="{_dot_text(word("start", lang))}"];')
        out.append(f'  start -> S1 [label="{_dot_text(vocab.localize(steps[0]["condition"], lang))}"];')
    for before, step in zip(steps, steps[1:], strict=False):
        attrs = f' [label="{_dot_text(vocab.localize(step["condition"], lang))}"]' if step["condition"] else ""
        out.append(f'  S{before["number"]} -> S{step["number"]}{attrs};')
    if chain["partners"]:
        out.append("  subgraph cluster_partners {")
        out.append(f'    label="{_dot_text(word("partners", lang))}";')
        for number, partner in enumerate(chain["partners"], start=1):
            label = f"{_dot_text(vocab.localize(partner['kind_label'], lang))}\\n{_dot_text(_partner_line(partner, lang))}"
            out.append(f'    P{number} [shape=ellipse, label="{label}"];')
        out.append("  }")
        if steps:
            for number in range(1, len(chain["partners"]) + 1):
                out.append(f"  S{steps[-1]['number']} -> P{number};")
    out.append("}")
    return "\n".join(out) + "\n"


def render_text(chain: dict[str, Any], lang: str = "both") -> str:
    """The chain as numbered plain-text lines with conditions and sources."""
    out = [f"{vocab.localize(chain['region']['name'], lang)} — {word('title', lang)}", ""]
    if not chain["steps"]:
        out.append(word("none", lang))
    for step in chain["steps"]:
        condition = f"[{vocab.localize(step['condition'], lang)}] " if step["condition"] else ""
        told = _told(step, lang, " / ")
        out.append(f"{step['number']}. {condition}{vocab.localize(step['role_label'], lang)}" + (f" {told}" if told else ""))
        if lang == "both":
            out += [f"   {step['action']['zh']}", f"   {step['action']['en']}"]
        else:
            out.append(f"   {step['action'][lang]}")
        cite = step["citation"]
        out.append(f"   ({cite['document']} {cite['clause']})")
    if chain["partners"]:
        out += ["", f"{word('partners', lang)}:"]
        for partner in chain["partners"]:
            out.append(f"- {vocab.localize(partner['kind_label'], lang)}: {_partner_line(partner, lang)}")
    return "\n".join(out) + "\n"


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
    """The chain drawn as an inline ``<svg>`` element (no ``xmlns`` URL, no
    script, no external reference): boxes top to bottom, conditions beside
    the arrows, the referral partners in a last box."""
    inner = BOX_WIDTH - 2 * PAD
    left = (SVG_WIDTH - BOX_WIDTH) / 2
    parts: list[str] = []
    y = 10.0
    boxes: list[tuple[float, float]] = []
    steps = chain["steps"]
    for index, step in enumerate(steps):
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
        elif step["condition"]:
            label = wrap(vocab.localize(step["condition"], lang), inner, FONT - 2)
            parts += _svg_lines(left, y + LINE - 4, [(line, "cond") for line in label])
            y += LINE * len(label) + 4
        lines: list[tuple[str, str]] = [(f"{step['number']}. {vocab.localize(step['role_label'], lang)}", "role")]
        for text in ([step["action"]["zh"], step["action"]["en"]] if lang == "both" else [step["action"][lang]]):
            lines += [(line, "act") for line in wrap(text, inner)]
        told = _told(step, lang, " / ")
        if told:
            lines += [(line, "told") for line in wrap(told, inner)]
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
        parts += _svg_lines(left, y + LINE, [(word("none", lang), "act")])
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
