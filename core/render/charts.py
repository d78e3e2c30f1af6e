"""Small bar charts drawn as inline SVG for the HTML report: no script, no
external reference, text in the page's own fonts."""

from __future__ import annotations

from xml.sax.saxutils import escape

from xinli.core.render.flowchart import text_width

#: Fill colours of the finding statuses, in the order they are stacked.
STATUS_COLOURS = {
    "met": "#2e7d32",
    "not_met": "#c62828",
    "unknown": "#9e9e9e",
    "not_applicable": "#d7d7d7",
    "not_yet_due": "#1565c0",
    "waived": "#6a1b9a",
    "manual": "#ef8f00",
    "adopted": "#66bb6a",
    "not_adopted": "#b0bec5",
    "not_required": "#eceff1",
    "in_progress": "#4fc3f7",
}
ROW = 22
BAR = 14
FONT = 12


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def _fit(label: str, width: float) -> str:
    """``label`` shortened with an ellipsis to fit ``width`` pixels."""
    if text_width(label, FONT) <= width:
        return label
    while label and text_width(label + "…", FONT) > width:
        label = label[:-1]
    return label + "…"


def share_bars(rows: list[tuple[str, float | None, str]], title: str, label_width: int = 300, width: int = 680) -> str:
    """Horizontal bars of shares (0–1): one row per ``(label, share, tooltip)``;
    a share of None (nothing decided) is drawn as an empty track marked ``–``."""
    bar_width = width - label_width - 60
    height = ROW * len(rows) + 28
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="{_attr(title)}"><title>{escape(title)}</title>']
    for tick in (0, 0.5, 1):
        x = label_width + tick * bar_width
        parts.append(f'<line x1="{x:.0f}" y1="4" x2="{x:.0f}" y2="{height - 22}" class="grid"/>')
        parts.append(f'<text x="{x:.0f}" y="{height - 8}" class="tick" text-anchor="middle">{tick:.0%}</text>')
    for n, (label, share, tip) in enumerate(rows):
        y = 6 + n * ROW
        parts.append(f'<text x="{label_width - 6}" y="{y + BAR - 2}" class="label" text-anchor="end">'
                     f"<title>{escape(tip)}</title>{escape(_fit(label, label_width - 10))}</text>")
        parts.append(f'<rect x="{label_width}" y="{y}" width="{bar_width}" height="{BAR}" class="track"/>')
        if share is not None:
            parts.append(f'<rect x="{label_width}" y="{y}" width="{share * bar_width:.1f}" height="{BAR}" '
                         f'fill="{STATUS_COLOURS["met"]}"><title>{escape(tip)}</title></rect>')
        value = "–" if share is None else f"{share:.0%}"
        parts.append(f'<text x="{label_width + bar_width + 6}" y="{y + BAR - 2}" class="value">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def stacked_bars(rows: list[tuple[str, dict[str, int]]], title: str, statuses: tuple[str, ...],
                 legend: dict[str, str], label_width: int = 200, width: int = 680) -> str:
    """Horizontal stacked bars of counts per status, one row per
    ``(label, counts)``, each bar scaled to the largest total, with a legend."""
    bar_width = width - label_width - 50
    largest = max((sum(c.values()) for _, c in rows), default=0) or 1
    places, legend_height = legend_layout([legend[s] for s in statuses], width)
    top = legend_height + 6
    height = top + ROW * len(rows) + 6
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'aria-label="{_attr(title)}"><title>{escape(title)}</title>']
    for status, (x, y) in zip(statuses, places, strict=True):
        parts.append(f'<rect x="{x:.0f}" y="{y}" width="12" height="12" fill="{STATUS_COLOURS.get(status, "#475467")}"/>')
        parts.append(f'<text x="{x + 16:.0f}" y="{y + 11}" class="legend">{escape(legend[status])}</text>')
    for n, (label, counts) in enumerate(rows):
        y = top + n * ROW
        parts.append(f'<text x="{label_width - 6}" y="{y + BAR - 2}" class="label" text-anchor="end">'
                     f"{escape(_fit(label, label_width - 10))}</text>")
        x = float(label_width)
        for status in statuses:
            count = counts.get(status, 0)
            if not count:
                continue
            w = count / largest * bar_width
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR}" fill="{STATUS_COLOURS.get(status, "#475467")}">'
                         f"<title>{escape(legend[status])}: {count}</title></rect>")
            x += w
        parts.append(f'<text x="{x + 6:.0f}" y="{y + BAR - 2}" class="value">{sum(counts.values())}</text>')
    parts.append("</svg>")
    return "".join(parts)


#: Legend line height and the gap after each entry, in pixels.
LEGEND_ROW = 18
LEGEND_GAP = 18


def legend_layout(labels: list[str], width: float) -> tuple[list[tuple[float, int]], int]:
    """Where each legend entry (a 12-pixel swatch and its label) starts,
    laid out left to right by their measured widths and wrapped before an
    entry that would cross ``width`` — so no label runs into the next —
    and the height the legend takes."""
    places: list[tuple[float, int]] = []
    x, y = 4.0, 4
    for label in labels:
        entry = 16 + text_width(label, FONT)
        if x > 4 and x + entry > width - 4:
            x, y = 4.0, y + LEGEND_ROW
        places.append((x, y))
        x += entry + LEGEND_GAP
    return places, (y + LEGEND_ROW if labels else 0)


def status_legend(lang: str) -> dict[str, str]:
    """Status labels in ``lang`` (from the message catalogue)."""
    from xinli.core import messages

    return {key: messages.status(key, lang) for key in messages.STATUS_LABELS}
