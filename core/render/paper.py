"""What makes an HTML page work on paper: the A4 page rules with a running
header and page numbers (CSS ``@page`` margin boxes), the header block that
states region, documents, as-of and print dates and versions, the sign-off
block, and the escalation chain drawn in pieces that each fit a page.

The margin boxes are printed by browsers that support them (Chromium 131
and later, WeasyPrint); the header block at the top of the first page
carries the same facts for those that do not.
"""

from __future__ import annotations

import html
import re
from typing import Any

from xinli.core import vocabulary as vocab
from xinli.core.messages import msg
from xinli.core.render.flowchart import render_svg

#: Height, in CSS pixels, a drawing may take on an A4 page under its
#: heading (297 mm less margins, header and caption, at 96 px per inch).
FLOW_PAGE_HEIGHT = 860


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal.  Anything that could end the string
    or the ``<style>`` element around it (quotes, backslashes, ``<``, ``>``,
    ``&``, control characters) is written as a CSS escape, so no text can
    break out of the stylesheet."""
    out = []
    for char in text:
        if char in '"\\<>&\'' or ord(char) < 0x20 or 0x7F <= ord(char) < 0xA0 or char in "\u2028\u2029":
            out.append(f"\\{ord(char):x} ")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def page_css(info: dict[str, Any], lang: str) -> str:
    """The ``@page`` rules: A4 portrait (or ``info['landscape']``), the
    region and documents top left, the dates top right, the versions bottom
    left and ``page N of M`` bottom right."""
    size = "A4 landscape" if info.get("landscape") else "A4"
    # a page about one school names it in its body, never in the stylesheet
    top_left = info.get("margin_title", info.get("title", ""))
    top_right = " · ".join(x for x in (info.get("as_of_text", ""), info.get("printed_text", "")) if x)
    bottom_left = info.get("versions_text", "")
    counter = (f'{_css_string(msg("page", lang))} counter(page) {_css_string(msg("page_of", lang))} counter(pages) '
               f'{_css_string(msg("page_end", lang))}')
    box = "font-size: 8pt; color: #5d6b82;"
    return (
        f"@page {{ size: {size}; margin: 16mm 12mm 16mm;"
        f" @top-left {{ content: {_css_string(top_left)}; {box} }}"
        f" @top-right {{ content: {_css_string(top_right)}; {box} }}"
        f" @bottom-left {{ content: {_css_string(bottom_left)}; {box} }}"
        f" @bottom-right {{ content: {counter}; {box} }} }}\n"
    )


def paper_info(title: str, documents: list[str], as_of: str | None, printed: dict[str, Any] | None, lang: str,
               as_of_key: str = "as_of", margin_title: str | None = None) -> dict[str, Any]:
    """The facts a printed page states about itself, as display strings.
    ``margin_title`` (when given) heads every printed page instead of
    ``title``: a page whose title holds text from the facts (a school's
    name) passes one made of fixed words, so no such text enters the
    stylesheet."""
    printed = printed or {}
    versions = [f"xinli {printed['xinli']}"] if printed.get("xinli") else []
    versions += [f"{code} {version}" for code, version in (printed.get("plugins") or {}).items()]
    return {
        "title": f"{title} · {'; '.join(documents)}" if documents else title,
        "documents": documents,
        "as_of_text": f"{msg(as_of_key, lang)}: {as_of}" if as_of else "",
        "printed_text": f"{msg('printed', lang)}: {printed['printed']}" if printed.get("printed") else "",
        "versions_text": f"{msg('versions', lang)}: {', '.join(versions)}" if versions else "",
        **({"margin_title": margin_title} if margin_title is not None else {}),
    }


def header_block(info: dict[str, Any]) -> str:
    """The same facts as the margin boxes, as a line under the title."""
    parts = [info["as_of_text"], info["printed_text"], info["versions_text"]]
    return '<p class="printinfo">' + " · ".join(html.escape(p) for p in parts if p) + "</p>"


def sign_off(lang: str) -> str:
    """A block to sign: checked by, date, and the school's seal."""
    cells = "".join(f"<div><span>{html.escape(msg(key, lang))}</span><span class=\"line\"></span></div>"
                    for key in ("checked_by", "signed_date", "school_seal"))
    return f'<section class="signoff"><h2>{html.escape(msg("sign_off", lang))}</h2><div class="fields">{cells}</div></section>'


SIGNOFF_CSS = """
.printinfo { color: var(--muted); font-size: 12px; margin: 2px 0 8px; }
.signoff { break-inside: avoid; page-break-inside: avoid; margin-top: 28px; }
.signoff .fields { display: flex; gap: 24px; flex-wrap: wrap; }
.signoff .fields div { flex: 1 1 180px; display: flex; gap: 6px; align-items: flex-end; min-height: 40px; }
.signoff .line { flex: 1; border-bottom: 1px solid var(--ink); height: 1.4em; }
.keep { break-inside: avoid; page-break-inside: avoid; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
figure.flowchart svg { max-height: 240mm; }
ol.steps { font-size: 13px; padding-left: 22px; }
"""


def procedures(chain: dict[str, Any]) -> list[dict[str, Any]]:
    """The chain's procedures, each as a chain of its own (the referral
    partners close the last).  A chain without ``procedures`` is one."""
    named = chain.get("procedures")
    if not named:
        return [chain]
    return [{**chain, "procedures": [procedure], "steps": procedure["steps"],
             "partners": chain["partners"] if index == len(named) - 1 else []}
            for index, procedure in enumerate(named)]


def _part(chain: dict[str, Any], steps: list[dict[str, Any]], partners: bool) -> dict[str, Any]:
    """``chain`` holding only ``steps`` (and its partners when asked)."""
    part = {**chain, "steps": steps, "partners": chain["partners"] if partners else []}
    if chain.get("procedures"):
        part["procedures"] = [{**procedure, "steps": steps} for procedure in chain["procedures"][:1]]
    return part


def _height(svg: str) -> float:
    match = re.search(r'viewBox="0 0 [\d.]+ ([\d.]+)"', svg)
    return float(match.group(1)) if match else 0.0


def flow_pieces(chain: dict[str, Any], lang: str, limit: float = FLOW_PAGE_HEIGHT) -> list[str]:
    """One procedure drawn as SVG pieces no taller than ``limit``: steps are
    added to a piece while it fits; the referral partners close the last.
    A single step taller than ``limit`` still gets a piece of its own."""
    steps = chain["steps"]
    if not steps:
        return [render_svg(chain, lang)]
    pieces: list[str] = []
    start = 0
    while start < len(steps):
        end = start + 1
        best = None
        while end <= len(steps):
            last = end == len(steps)
            svg = render_svg(_part(chain, steps[start:end], last), lang)
            if best is not None and _height(svg) > limit:
                break
            best = (end, svg)
            end += 1
        assert best is not None
        end, svg = best
        if end == len(steps) and chain["partners"] and _height(svg) > limit and end - start > 0:
            # the partners box alone did not fit with the last steps: draw it separately
            pieces.append(render_svg(_part(chain, steps[start:end], False), lang))
            pieces.append(render_svg(_part(chain, [], True), lang))
            return pieces
        pieces.append(svg)
        start = end
    return pieces


def flow_figures(chain: dict[str, Any], lang: str) -> list[str]:
    """The escalation drawing as figures, one or more per procedure, each
    fitting a page, then the chain's steps as a numbered text list."""
    out: list[str] = []
    for procedure in procedures(chain):
        pieces = flow_pieces(procedure, lang)
        for index, svg in enumerate(pieces):
            caption = msg("flow_caption", lang) + (msg("flow_continued", lang) if index else "")
            if len(pieces) > 1:
                caption += f" {index + 1}/{len(pieces)}"
            out.append(f'<figure class="flowchart keep">{svg}<figcaption>{html.escape(caption)}</figcaption></figure>')
        if procedure["steps"]:
            colon = "：" if lang == "zh" else ": "
            items = []
            for step in procedure["steps"]:
                condition = f"[{vocab.localize(step['condition'], lang)}] " if step["condition"] else ""
                role = vocab.localize(step["role_label"], lang)
                items.append(f"<li>{html.escape(condition)}<strong>{html.escape(role)}</strong>{colon}"
                             f"{html.escape(vocab.localize(step['action'], lang))}</li>")
            out.append(f'<h3>{html.escape(msg("flow_steps", lang))}</h3><ol class="steps">{"".join(items)}</ol>')
    return out
