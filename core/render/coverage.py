"""The coverage table (see :func:`xinli.core.views.coverage.coverage_rows`)
as Markdown, every fixed word from the message catalogue; in English it is
the page ``docs/coverage.md``."""

from __future__ import annotations

from typing import Any

from xinli.core import vocabulary as vocab
from xinli.core.messages import msg

#: The command that writes docs/coverage.md (the bundled plugins, in English).
DOCS_COMMAND = ("xinli coverage --lang en --plugins chongqing_dadukou,chongqing_qijiang,henan,nanchang,sichuan_quxian "
                "-o docs/coverage.md")


def render_coverage_markdown(rows: list[dict[str, Any]], lang: str = "en") -> str:
    """The coverage table as Markdown; "not specified" where a document is
    silent on a domain, "not yet encoded" where the plugin says it has not
    encoded the domain yet."""
    domains = list(vocab.DOMAINS)
    heads = [msg("cov_jurisdiction", lang), msg("cov_document", lang),
             *(vocab.label(vocab.DOMAINS, d, lang) if lang != "en" else d for d in domains),
             msg("cov_total", lang), msg("cov_school_duties", lang)]
    lines = [f"# {msg('cov_title', lang)}", "", msg("cov_intro", lang, command=DOCS_COMMAND), "",
             "| " + " | ".join(heads) + " |",
             "|---|---|" + "---:|" * (len(domains) + 2)]
    for row in rows:
        cells = [_cell(row["domains"][d], row.get("encoded", {}).get(d, True), lang) for d in domains]
        documents = "; ".join(row["documents"])
        lines.append(f"| `{row['code']}` | {documents} | " + " | ".join(cells) + f" | {row['total']} | {row['school_duties']} |")
    return "\n".join(lines) + "\n"


def _cell(count: int, encoded: bool, lang: str) -> str:
    if encoded:
        return str(count) if count else f"*{msg('cov_unspecified', lang)}*"
    if count:
        return f"{count} *{msg('cov_partial', lang)}*"
    return f"*{msg('not_encoded_yet', lang)}*"
