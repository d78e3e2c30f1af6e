"""The policy catalogue as plain rows: every chosen region's effective
rules, its line of jurisdictions, documents, procedures, partners, metrics
and coverage per domain, ready for :mod:`xinli.core.records.catalog_db` to
write into one SQLite database (``xinli catalog``).

A requirement is stored once per layer that writes it (``requirements``)
and linked to every region where it is effective (``effective``), with
what it replaces there and why it is looser than the parent's rule; the
wording (text, quote, note) is stored once per distinct wording, since
counties often repeat their province's words.  Nothing here renders: words
for conditions are asked of a ``describe`` callable the command passes in.

Fields added by the rules-format contract of issue 24 (``duty_holders``
with roles, ``school_kinds``) are read through :func:`duty_holders_of` and
:func:`school_kinds_of`, which fall back to the older model (one
``duty_holder`` as the lead; no kinds = every kind of school).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from xinli.core import vocabulary as vocab
from xinli.core.layering import lineage, resolve
from xinli.core.model import Requirement
from xinli.core.registry import Registry
from xinli.core.views.checklist import _order_steps, check_dict, conditions_dict, document_dict

#: Words for a list of condition objects: ``(zh, en)``.
Describe = Callable[[list[dict[str, Any]]], tuple[str, str]]


def duty_holders_of(req: Any) -> list[dict[str, str]]:
    """The requirement's duty holders with their roles: ``duty_holders``
    where the model has it (issue 24), else the one ``duty_holder`` as
    the lead."""
    found = getattr(req, "duty_holders", None)
    if found:
        out = []
        for holder in found:
            if isinstance(holder, dict):
                out.append({"actor": holder["actor"], "role": holder.get("role", "lead")})
            else:
                out.append({"actor": holder.actor, "role": getattr(holder, "role", "lead")})
        return out
    return [{"actor": req.duty_holder, "role": "lead"}]


def lead_duty_holder(req: Any) -> str:
    """Who is assessed for the requirement: the first ``lead`` of its duty
    holders (the one ``duty_holder`` before issue 24)."""
    holders = duty_holders_of(req)
    return next((h["actor"] for h in holders if h["role"] == "lead"), holders[0]["actor"])


def school_kinds_of(obj: Any) -> list[str] | None:
    """The school kinds a requirement (or a jurisdiction) covers, where the
    model has them (issue 24); None (every kind) otherwise or when empty."""
    kinds = getattr(obj, "school_kinds", None)
    return list(kinds) if kinds else None


def grades_text(grades: Any) -> str:
    """Grades as compact ranges: ``1-6,10-12``."""
    from xinli.core.model import grade_runs

    return ",".join(f"{a}-{b}" if a != b else str(a) for a, b in grade_runs(grades))


#: Grade ``g`` is bit ``g + GRADE_BIT_OFFSET`` of a grades mask, so the
#: kindergarten years of issue 24 (K1-K3, numbered -2..0) have bits too.
GRADE_BIT_OFFSET = 3


def grades_mask(grades: Any) -> int:
    """Grades as a bit mask (bit ``g + 3`` set for grade ``g``), so a query
    tests one grade with ``mask & (1 << (g + 3))``."""
    mask = 0
    for grade in grades:
        mask |= 1 << (grade + GRADE_BIT_OFFSET)
    return mask


def check_alternatives(check: Any) -> tuple[Any, ...]:
    """The checks any one of which satisfies ``check``: the alternatives
    of an any-of check (issue 24, ``check = { any = [...] }``), else the
    check itself; none for no check."""
    if check is None:
        return ()
    alternatives = getattr(check, "any", None)
    return tuple(alternatives) if isinstance(alternatives, tuple) else (check,)


_LOOSER_ZH = (
    (re.compile(r"^level (\w+) -> (\w+)$"),
     lambda m: f"级别由“{vocab.label(vocab.LEVELS, m[1], 'zh')}”降为“{vocab.label(vocab.LEVELS, m[2], 'zh')}”"),
    (re.compile(r"^covers fewer grades$"), lambda m: "覆盖的年级更少"),
    (re.compile(r"^drops the check$"), lambda m: "不再设可核查的指标"),
    (re.compile(r"^longer period (\S+) -> (\S+)$"),
     lambda m: f"周期由“{vocab.label(vocab.PERIODS, m[1], 'zh')}”放宽为“{vocab.label(vocab.PERIODS, m[2], 'zh')}”"),
    (re.compile(r"^wider range (\S+) -> (\S+)$"), lambda m: f"范围由 {m[1]} 放宽为 {m[2]}"),
    (re.compile(r"^value (\S+) -> (\S+)$"), lambda m: f"数值由 {m[1]} 放宽为 {m[2]}"),
)


def looser_reason_zh(reason: str) -> str:
    """One reason why an override is looser than its parent's rule
    (:func:`xinli.core.layering.looser_reasons`), in Chinese."""
    for pattern, words in _LOOSER_ZH:
        match = pattern.match(reason)
        if match:
            return words(match)
    return reason


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str) and "/" in value:
        low, high = value.split("/")
        return int(low) / int(high)
    return None


def check_bounds(check: Any) -> tuple[float | None, float | None]:
    """The least and greatest figure a check accepts, where it states
    them: ``>= 2`` is (2, None), ``> 1`` on a count (1 excluded) is
    (2, None), ``between 2 and 3`` binding low is (2, None), ``<= 5`` is
    (None, 5).  Queries compare these instead of parsing values."""
    if check is None or check.op == "true":
        return None, None
    if check.op == "between":
        low, high = (float(v) for v in check.value)
        binding = check.binding
        return (low if binding in ("low", "both") else None), (high if binding in ("high", "both") else None)
    value = _number(check.value)
    if value is None:
        return None, None
    whole = isinstance(check.value, int)
    if check.op == ">=":
        return value, None
    if check.op == ">":
        return (value + 1 if whole else value), None
    if check.op == "<=":
        return None, value
    if check.op == "<":
        return None, (value - 1 if whole else value)
    if check.op == "==":
        return value, value
    return None, None


class CatalogRows:
    """Collects the catalogue's rows region by region; each table is a list
    of plain dicts (``tables``), wordings and requirements deduplicated."""

    def __init__(self, registry: Registry, as_of: dt.date, describe: Describe | None = None,
                 collect_metrics: Callable[[Registry], dict[str, Any]] | None = None) -> None:
        self.registry = registry
        self.as_of = as_of
        self.describe = describe
        #: the metric vocabulary's collector (the assessment's, passed in: views never import the assessment)
        self.collect_metrics = collect_metrics
        self.jurisdictions: dict[str, dict[str, Any]] = {}
        self.documents: dict[tuple[str, str], dict[str, Any]] = {}
        self.wordings: dict[tuple[str, ...], int] = {}
        self.wording_rows: list[dict[str, Any]] = []
        self.requirements: list[dict[str, Any]] = []
        self._by_object: dict[int, tuple[Requirement, int]] = {}
        self._by_content: dict[tuple[str, Requirement], int] = {}
        self.effective: list[dict[str, Any]] = []
        self.lineage: list[dict[str, Any]] = []
        self.coverage: list[dict[str, Any]] = []
        self.procedures: list[dict[str, Any]] = []
        self.steps: list[dict[str, Any]] = []
        self.partners: list[dict[str, Any]] = []
        self.excluded: list[dict[str, Any]] = []
        self.regions: list[str] = []

    # -- jurisdictions and documents --------------------------------------------------------------

    def _jurisdiction(self, code: str) -> dict[str, Any]:
        row = self.jurisdictions.get(code)
        if row is not None:
            return row
        plugin = self.registry.find(code)
        if plugin is None:
            raise KeyError(code)
        j = plugin.jurisdiction
        line = lineage(self.registry, code)
        ancestors = [a.code for a in line.declared]
        kinds = school_kinds_of(j)
        row = {
            "code": code, "name_zh": j.name.zh, "name_en": j.name.en, "level": j.level,
            "parent": ancestors[0] if ancestors else None, "ancestors": json.dumps(ancestors),
            "depth": len(ancestors), "installed": 1, "distribution": plugin.distribution, "version": plugin.version,
            "documents": json.dumps([d.number for d in j.documents], ensure_ascii=False),
            "school_kinds": json.dumps(kinds) if kinds else None,
            "items": None, "own_items": None, "looser_items": None, "in_catalog": 0, "checklist": code,
        }
        self.jurisdictions[code] = row
        for doc in j.documents:
            self._document(code, document_dict(code, doc), encoded=True, in_force=doc.in_force(self.as_of))
        for n, ancestor in enumerate(line.declared):
            if self.registry.find(ancestor.code) is None and ancestor.code not in self.jurisdictions:
                name = ancestor.name
                following = line.declared[n + 1].code if n + 1 < len(line.declared) else None
                self.jurisdictions[ancestor.code] = {
                    "code": ancestor.code, "name_zh": name.zh if name else ancestor.code,
                    "name_en": name.en if name else ancestor.code, "level": ancestor.level, "parent": following,
                    "ancestors": json.dumps([a.code for a in line.declared[n + 1:]]), "depth": len(line.declared) - n - 1,
                    "installed": 0, "distribution": None, "version": None, "documents": "[]", "school_kinds": None,
                    "items": None, "own_items": None, "looser_items": None, "in_catalog": 0, "checklist": None,
                }
        for missing in line.missing:
            for ref in missing.documents:
                owner = ref.jurisdiction or missing.code
                if owner not in self.jurisdictions:
                    continue
                self._document(owner, {"number": ref.number, "title": {"zh": ref.title_zh, "en": ref.title_zh},
                                       "issuer": {"zh": ref.issuer_zh, "en": ref.issuer_zh}, "date": None,
                                       "has_official_number": True, "implements": []}, encoded=False, in_force=None)
        return row

    def _document(self, jurisdiction: str, doc: dict[str, Any], encoded: bool, in_force: bool | None) -> int:
        key = (jurisdiction, doc["number"])
        row = self.documents.get(key)
        if row is None:
            row = {
                "id": len(self.documents) + 1, "jurisdiction": jurisdiction, "number": doc["number"],
                "title_zh": doc["title"]["zh"], "title_en": doc["title"]["en"],
                "issuer_zh": doc["issuer"]["zh"], "issuer_en": doc["issuer"]["en"], "date": doc.get("date"),
                "has_official_number": int(bool(doc.get("has_official_number", True))),
                "in_force_from": doc.get("in_force_from"), "repealed_on": doc.get("repealed_on"),
                "replaced_by": doc.get("replaced_by"), "in_force": None if in_force is None else int(in_force),
                "encoded": int(encoded),
                "implements": json.dumps(doc.get("implements") or [], ensure_ascii=False) if doc.get("implements") else None,
            }
            self.documents[key] = row
        return row["id"]

    # -- requirements ------------------------------------------------------------------------------

    def _wording(self, req: Requirement) -> int:
        note = req.note
        key = (req.text.zh, req.text.en, req.citation.quote, note.zh if note else "", note.en if note else "")
        found = self.wordings.get(key)
        if found is None:
            found = self.wordings[key] = len(self.wording_rows) + 1
            self.wording_rows.append({"id": found, "text_zh": key[0], "text_en": key[1], "quote": key[2],
                                      "note_zh": key[3] or None, "note_en": key[4] or None})
        return found

    def requirement_row(self, req: Requirement, source: str) -> int:
        """The row id of ``req`` as written by layer ``source``, adding the
        row (and its step and partner) the first time it is met."""
        known = self._by_object.get(id(req))
        if known is not None and known[0] is req:
            return known[1]
        content = self._by_content.get((source, req))
        if content is not None:
            self._by_object[id(req)] = (req, content)
            return content
        rid = len(self.requirements) + 1
        self._by_object[id(req)] = (req, rid)
        self._by_content[(source, req)] = rid
        alternatives = check_alternatives(req.check)
        # an any-of check is stored whole in check_alternatives; its single-check fields stay empty but for
        # what every alternative shares (it requires no one metric's figure)
        check = alternatives[0] if len(alternatives) == 1 else None
        shared = alternatives[0] if alternatives else None
        conditions = conditions_dict(req.applies_if)
        words = self.describe(conditions) if (conditions and self.describe) else (None, None)
        low, high = check_bounds(check)
        check_data = check_dict(check) if check is not None else None
        kinds = school_kinds_of(req)
        self._jurisdiction(source)
        scope_grades = shared.grades if shared is not None and shared.grades is not None else req.grades
        document = self.documents.get((source, req.citation.document))
        self.requirements.append({
            "id": rid, "requirement_id": req.id, "source": source, "source_level": self.jurisdictions[source]["level"],
            "document": document["id"] if document else None, "wording": self._wording(req),
            "domain": req.domain, "level": req.level, "duty_holder": lead_duty_holder(req),
            "duty_holders": json.dumps(duty_holders_of(req)), "school_kinds": json.dumps(kinds) if kinds else None,
            "subject": json.dumps(list(req.subject)), "grades": grades_text(req.grades), "grades_mask": grades_mask(req.grades),
            "conditions_zh": words[0], "conditions_en": words[1],
            "conditions": json.dumps(conditions, ensure_ascii=False) if conditions else None, "event": req.event,
            "check_metric": check.metric if check else None,
            "check_op": check.op if check else ("any" if shared is not None else None),
            "check_value": json.dumps(check_data["value"]) if check_data and check.value is not None else None,
            "check_min": low, "check_max": high,
            "check_unit": check.unit if check else None, "check_per": shared.per if shared else None,
            "check_count_per": shared.count_per if shared else None,
            "check_scope": shared.scope if shared else None,
            "check_grades": grades_text(shared.grades) if shared and shared.grades else None,
            "check_grades_mask": grades_mask(scope_grades) if shared else None,
            "check_alternatives": json.dumps([check_dict(alt) for alt in alternatives], ensure_ascii=False)
            if len(alternatives) > 1 else None,
            "deadline": req.deadline.isoformat() if req.deadline else None,
            "deadline_as_written": req.deadline_as_written,
            "clause": req.citation.clause,
            "timing": json.dumps([{"kind": t.kind, "month": t.month, "days": t.days} for t in req.timing])
            if req.timing else None,
            "regions": 0,
        })
        if req.step is not None:
            step = req.step
            self.steps.append({
                "requirement": rid, "procedure": step.procedure, "step_order": step.order, "role": step.role,
                "reports_to": json.dumps(list(step.reports_to)), "guided_by": json.dumps(list(step.guided_by)),
                "condition_zh": step.condition.zh if step.condition else None,
                "condition_en": step.condition.en if step.condition else None,
            })
        if req.partner is not None:
            partner = req.partner
            self.partners.append({"requirement": rid, "kind": partner.kind, "name_zh": partner.name.zh,
                                  "name_en": partner.name.en, "phone": partner.phone})
        return rid

    # -- regions -----------------------------------------------------------------------------------

    def add_region(self, code: str) -> None:
        """Add region ``code``: its line, its effective items in checklist
        order, its procedures and its coverage per domain."""
        from xinli.core.views.checklist import collect_procedures

        row = self._jurisdiction(code)
        line = lineage(self.registry, code)
        resolution = resolve(self.registry, code, self.as_of)
        self.regions.append(code)
        self.lineage.append({"region": code, "ancestor": code, "distance": 0})
        for distance, ancestor in enumerate(line.declared, 1):
            self.lineage.append({"region": code, "ancestor": ancestor.code, "distance": distance})
        for layer in line.chain:
            self._jurisdiction(layer.code)
        items = _order_steps(resolution.items)
        looser_count = own = 0
        counts = dict.fromkeys(vocab.DOMAINS, 0)
        owns = dict.fromkeys(vocab.DOMAINS, 0)
        for position, item in enumerate(items, 1):
            req = item.requirement
            rid = self.requirement_row(req, item.source)
            self.requirements[rid - 1]["regions"] += 1
            replaces = self.requirement_row(item.replaced, item.replaced_source) if item.replaced is not None else None
            reasons = list(item.looser)
            looser_count += bool(reasons)
            own += item.source == code
            counts[req.domain] += 1
            owns[req.domain] += item.source == code
            self.effective.append({
                "region": code, "position": position, "requirement": rid,
                "replaces": replaces, "looser": int(bool(reasons)),
                "looser_reasons": json.dumps(reasons) if reasons else None,
                "looser_reasons_zh": "；".join(looser_reason_zh(r) for r in reasons) if reasons else None,
            })
        for ex in resolution.excluded:
            citation = ex.exclusion.citation
            self._jurisdiction(ex.by)
            document = self.documents.get((ex.by, citation.document))
            self.excluded.append({
                "region": code, "requirement": self.requirement_row(ex.requirement, ex.source), "excluded_by": ex.by,
                "document": document["id"] if document else None, "clause": citation.clause, "quote": citation.quote,
                "reason_zh": ex.exclusion.reason.zh, "reason_en": ex.exclusion.reason.en,
            })
        row.update({"items": len(items), "own_items": own, "looser_items": looser_count, "in_catalog": 1})
        for domain in vocab.DOMAINS:
            not_encoded = [p.code for p in line.chain if not p.jurisdiction.encodes(domain)]
            self.coverage.append({"region": code, "domain": domain, "items": counts[domain], "own_items": owns[domain],
                                  "specified": int(counts[domain] > 0), "encoded": int(not not_encoded),
                                  "not_encoded_by": json.dumps(not_encoded) if not_encoded else None})
        for procedure in collect_procedures(self.registry, line.chain):
            self.procedures.append({
                "region": code, "key": procedure["key"], "source": procedure["source"],
                "name_zh": procedure["name"]["zh"], "name_en": procedure["name"]["en"],
                "trigger_zh": procedure["trigger"]["zh"], "trigger_en": procedure["trigger"]["en"],
                "clause": procedure["clause"],
            })

    def metrics(self) -> list[dict[str, Any]]:
        """Every metric a check may read: built-in and registered by the
        loaded plugins, with the region-reported fields of issue 24 where
        the model has them."""
        rows: list[dict[str, Any]] = []
        if self.collect_metrics is None:
            return rows
        for key, metric in sorted(self.collect_metrics(self.registry).items()):
            rows.append({
                "key": key, "label_zh": metric.label.zh, "label_en": metric.label.en, "type": metric.type,
                "unit": metric.unit, "help_zh": metric.help.zh, "help_en": metric.help.en,
                "reported_by": getattr(metric, "reported_by", None) or "school",
                "measure": getattr(metric, "measure", None),
            })
        return rows

    def tables(self) -> Iterator[tuple[str, list[dict[str, Any]]]]:
        """Every table's rows, parents before children."""
        yield "jurisdictions", list(self.jurisdictions.values())
        yield "documents", list(self.documents.values())
        yield "wordings", self.wording_rows
        yield "requirements", self.requirements
        yield "effective", self.effective
        yield "lineage", self.lineage
        yield "coverage", self.coverage
        yield "procedures", self.procedures
        yield "steps", self.steps
        yield "partners", self.partners
        yield "excluded", self.excluded
        yield "metrics", self.metrics()


def catalog_regions(registry: Registry, under: str | None = None) -> list[str]:
    """The installed regions the catalogue covers, sorted: every one, or
    ``under`` and the regions whose declared line includes it."""
    codes = registry.codes
    if under is None:
        return codes
    registry.get(under)
    return [code for code in codes if code == under or under in (a.code for a in lineage(registry, code).declared)]


def build_catalog_rows(registry: Registry, regions: list[str], as_of: dt.date, describe: Describe | None = None,
                       progress: Callable[[Any, int], Any] | None = None,
                       collect_metrics: Callable[[Registry], dict[str, Any]] | None = None) -> CatalogRows:
    """The catalogue's rows for ``regions`` on ``as_of``; ``progress(iterable,
    total)`` may wrap the loop over regions; ``collect_metrics(registry)``
    gives the metrics table (none without it)."""
    rows = CatalogRows(registry, as_of, describe, collect_metrics)
    names: Any = regions
    if progress is not None:
        names = progress(regions, len(regions))
    for code in names:
        rows.add_region(code)
    return rows
