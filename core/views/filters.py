"""Narrowing a checklist to what one reader answers for: a principal's list
of school duties for their stage and grades, or only the required items.

:func:`filter_checklist` returns a new checklist dictionary (same shape as
:func:`xinli.core.views.checklist.build_checklist`'s) holding the matching
items, recounted per domain, with the filters used under ``filters``.
"""

from __future__ import annotations

import difflib
from typing import Any

from xinli.core import vocabulary as vocab
from xinli.core.errors import XinliError

#: School stages and the grades (1–12) they teach.  Secondary vocational
#: schools teach the upper-secondary years, so they take grades 10–12.
STAGES: dict[str, tuple[int, ...]] = {
    "primary": tuple(range(1, 7)),
    "junior": tuple(range(7, 10)),
    "senior": tuple(range(10, 13)),
    "vocational": tuple(range(10, 13)),
    # --- issue 24: kinds of school beyond grades 1-12, and special-education schools ---
    "kindergarten": vocab.KINDERGARTEN_GRADES,
    "higher": vocab.HIGHER_GRADES,
    "special": vocab.SCHOOL_GRADES,
}

STAGE_LABELS: dict[str, tuple[str, str]] = {
    "primary": ("小学", "primary"),
    "junior": ("初中", "junior secondary"),
    "senior": ("普通高中", "senior secondary"),
    "vocational": ("中等职业学校", "secondary vocational"),
    "kindergarten": ("幼儿园", "kindergarten"),
    "higher": ("高校", "higher education"),
    "special": ("特殊教育学校", "special education"),
}

#: ``--duty-holder school`` selects every duty a school answers for (the
#: school itself, its principal, head teachers...); any other actor key
#: selects that duty holder only.
SCHOOL = "school"


def parse_grade_range(text: str) -> tuple[int, ...]:
    """Grades written ``1-6``, ``7`` or ``1-3,7-9``; each between 1 and 12."""
    grades: set[int] = set()
    for part in text.replace("，", ",").split(","):
        part = part.strip()
        if not part:
            continue
        low, _, high = part.partition("-")
        try:
            first, last = int(low), int(high or low)
        except ValueError:
            raise XinliError(f"grades {text!r}: write them like 1-6 or 7,8,9") from None
        if not 1 <= first <= last <= 12:
            raise XinliError(f"grades {text!r}: grades run from 1 to 12, low to high")
        grades.update(range(first, last + 1))
    if not grades:
        raise XinliError(f"grades {text!r}: no grade given")
    return tuple(sorted(grades))


def check_duty_holder(key: str) -> None:
    """Refuse an unknown duty-holder key, suggesting the nearest."""
    if key not in vocab.ACTORS:
        near = difflib.get_close_matches(key, list(vocab.ACTORS), n=1)
        hint = f"; did you mean {near[0]!r}?" if near else f"; one of: {', '.join(vocab.ACTORS)}"
        raise XinliError(f"unknown duty holder {key!r}{hint}")


def filter_checklist(checklist: dict[str, Any], duty_holder: str | None = None, stage: str | None = None,
                     grades: tuple[int, ...] | None = None, level: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The items of ``checklist`` that a reader with these filters answers
    for.  ``stage`` and ``grades`` keep items covering at least one of the
    grades; ``level`` keeps those levels; ``duty_holder`` as described at
    :data:`SCHOOL`.  With no filter the checklist is returned unchanged."""
    if not any((duty_holder, stage, grades, level)):
        return checklist
    if duty_holder:
        check_duty_holder(duty_holder)
    wanted: set[int] | None = None
    if stage:
        wanted = set(STAGES[stage])
    if grades:
        wanted = set(grades) if wanted is None else wanted & set(grades)
        if not wanted:
            raise XinliError(f"grades {grades[0]}–{grades[-1]} are not taught at stage {stage!r}")

    def outside(item: dict[str, Any]) -> bool:  # issue 24: the stage is a kind the item or its document leaves out
        return bool(stage) and any(stage not in kinds for kinds in (item.get("document_school_kinds"), item.get("school_kinds"))
                                   if kinds is not None)

    def keep(item: dict[str, Any]) -> bool:
        if outside(item):
            return False
        if duty_holder == SCHOOL and not item["school_duty"]:
            return False
        if duty_holder and duty_holder != SCHOOL and item["duty_holder"] != duty_holder:
            return False
        if level and item["level"] not in level:
            return False
        return wanted is None or bool(wanted & set(item["grades"]))

    items = [item for item in checklist["items"] if keep(item)]
    domains = {}
    for domain, info in checklist["domains"].items():
        count = sum(1 for item in items if item["domain"] == domain)
        domains[domain] = {**info, "count": count}
    filters = {"duty_holder": duty_holder, "stage": stage, "grades": sorted(wanted) if wanted else None,
               "level": list(level) if level else None}
    warnings = list(checklist["warnings"]) + (_kinds_warnings(checklist, stage) if stage else [])
    return {**checklist, "items": items, "domains": domains, "filters": filters, "warnings": warnings}


def _kinds_warnings(checklist: dict[str, Any], stage: str) -> list[dict[str, Any]]:
    """One warning per layer whose documents do not cover ``stage``'s kind
    of school: the reader learns why its items are missing."""
    from xinli.core import messages

    out = []
    by_layer: dict[str, list[dict[str, Any]]] = {}
    for doc in checklist["documents"]:
        kinds = doc.get("school_kinds")
        if doc.get("encoded") and kinds is not None and stage not in kinds:
            by_layer.setdefault(doc["jurisdiction"], []).append(doc)
    for layer, docs in by_layer.items():
        numbers = "、".join(d["number"] for d in docs)
        kinds = docs[0]["school_kinds"]
        texts = {}
        for lang in ("zh", "en"):
            sep = "、" if lang == "zh" else ", "
            texts[lang] = messages.msg("kinds_not_covered", lang, documents=numbers if lang == "zh" else numbers.replace("、", ", "),
                                       covered=sep.join(vocab.label(vocab.KINDS_OF_SCHOOL, k, lang) for k in kinds),
                                       stage=vocab.label(vocab.KINDS_OF_SCHOOL, stage, lang))
        out.append({"code": "kinds-not-covered", "jurisdiction": layer, "message": texts})
    return out
