"""The coverage table as data: for each installed jurisdiction, the number
of items its own documents give each domain (inherited items not counted)
and, from the plugin's own declaration (``encoded_domains``), whether the
domain is encoded at all, so that silence is told from work not yet done.

:func:`xinli.core.render.coverage.render_coverage_markdown` writes it as
``docs/coverage.md`` (``xinli coverage --lang en``, for the bundled plugins);
a test fails when the checked-in file is stale.
"""

from __future__ import annotations

from typing import Any

from xinli.core import vocabulary as vocab
from xinli.core.layering import effective_rules
from xinli.core.registry import Registry


def coverage_rows(registry: Registry, codes: list[str] | None = None) -> list[dict[str, Any]]:
    """One row per jurisdiction (``codes``, default every loaded one, in
    that order): its code, name, document numbers, its own item count per
    domain, whether each domain is encoded, total and school duties."""
    rows = []
    for code in codes if codes is not None else registry.codes:
        plugin = registry.get(code)
        own = [i.requirement for i in effective_rules(registry, code) if i.source == code]
        rows.append({
            "code": code,
            "name": {"zh": plugin.jurisdiction.name.zh, "en": plugin.jurisdiction.name.en},
            "documents": [doc.number for doc in plugin.jurisdiction.documents],
            "domains": {domain: sum(1 for r in own if r.domain == domain) for domain in vocab.DOMAINS},
            "encoded": {domain: plugin.jurisdiction.encodes(domain) for domain in vocab.DOMAINS},
            "clauses": list(plugin.jurisdiction.encoded_clauses),
            "total": len(own),
            "school_duties": sum(1 for r in own if r.school_duty),
            "distribution": plugin.distribution,
        })
    return rows
