"""The region's own self-inspection (辖区自查): the education bureau's
answers for its own duties and those of the other authorities in its
documents, read from a file given to ``xinli assess --region-facts``.

An authority's duty without a machine check is otherwise one ``manual``
region finding per run.  With an answer (是 / 否 / 不适用, with an evidence
note) it becomes a region finding with provenance ``self_reported``:
``met``, ``not_met`` or ``not_applicable`` (an encouraged or permitted
item: adopted or not).  Blank stays unanswered.  Nothing here is a machine
check: the answers are the bureau's word, shown as such, until a higher
level verifies them.

The same file carries the figures the region reports about itself for
checks on a region-reported metric (``[[metrics]] reported_by = "region"``,
issue 24: a count, a share, a ratio per N people): one row per metric
(``metric``, ``value``, ``evidence``), judged against every item checking
that metric as a region finding with provenance ``self_reported``.  A share
or a ratio may be given as ``count/population`` (e.g. ``45/50``).

The file is CSV, xlsx, TOML or JSON.  CSV and xlsx have one row per item
(``requirement_id``, ``answer``, ``evidence``) or per figure (``metric``,
``value``, ``evidence``); the Chinese headers 要求编号, 自查结论, 佐证, 指标,
填报数值 are accepted, and the template's other columns are read and
ignored.  TOML and JSON hold ``[[answers]]`` and ``[[figures]]`` tables with
the same keys.  ``xinli facts-template --region-facts`` writes the template.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from attrs import frozen

from xinli.core import vocabulary as vocab
from xinli.core.errors import FactProblem, FactsError, XinliError

#: Actors a requirement concerns rather than binds (students, parents ...): their items are nobody's self-inspection.
CONCERNED_PEOPLE = frozenset({"students", "parents", "families", "returning_students", "at_risk_students", "new_students",
                              "staff", "crisis_responders", "residents", "left_behind_children"})
#: The columns of a region facts file, in template order; ``attest``-style
#: context columns (text, level, duty holder, clause) are written for the
#: reader's benefit and ignored.
KEYS = ("requirement_id", "text", "level", "duty_holder", "clause", "answer", "evidence", "metric", "value")
FIELDS = ("requirement_id", "answer", "evidence", "metric", "value")
HEADERS: dict[str, tuple[str, ...]] = {
    "metric": ("metric", "指标"),
    "value": ("value", "填报数值", "数值"),
    "requirement_id": ("requirement_id", "要求编号", "条目编号"),
    "answer": ("answer", "自查结论", "自查", "结论"),
    "evidence": ("evidence", "佐证", "佐证材料"),
    "text": ("text", "要求内容"),
    "level": ("level", "要求等级"),
    "duty_holder": ("duty_holder", "责任主体"),
    "clause": ("clause", "条款"),
}
#: Accepted answers (English ones in any case) and the outcome each stands for.
ANSWERS = {"是": "met", "否": "not_met", "不适用": "not_applicable", "符合": "met", "不符合": "not_met",
           "yes": "met", "no": "not_met", "n/a": "not_applicable", "na": "not_applicable", "met": "met",
           "not_met": "not_met", "not_applicable": "not_applicable"}
#: The answers the template offers.
ANSWER_CHOICES = ("是", "否", "不适用")
MAX_PROBLEMS = 50


@frozen
class RegionAnswer:
    """The region's answer for one of its own duties: ``outcome`` is
    ``met``, ``not_met`` or ``not_applicable``."""

    requirement_id: str
    outcome: str
    evidence: str | None
    row: int | None = None
    #: the figure as judged, for an item on a region-reported metric
    observed: str | None = None


def is_authority(actor: str) -> bool:
    """True for a duty holder outside the school that is a body, not a
    person concerned (the education authority, other departments, a
    leading group, a community body ...)."""
    return actor not in vocab.SCHOOL_SIDE and actor not in CONCERNED_PEOPLE


def region_items(checklist: dict[str, Any]) -> list[dict[str, Any]]:
    """The items a region's self-inspection answers: duties of authorities,
    assessed as region findings, without a machine check."""
    return [item for item in checklist["items"]
            if item["assessed_at"] == "region" and item["check"] is None and is_authority(item["duty_holder"])]


def _map_header(name: str, header: list[str]) -> list[str | None]:
    keys = {alias.lower(): key for key, aliases in HEADERS.items() for alias in aliases}
    problems = []
    mapped: list[str | None] = []
    for raw in header:
        cell = str(raw or "").strip()
        key = keys.get(cell.lower()) if cell else None
        if cell and key is None:
            problems.append(FactProblem(name, 1, cell[:40], None, f"unknown column; a region facts file has "
                                        f"{', '.join(FIELDS)} (or their Chinese headers)"))
        elif key is not None and key in mapped:
            problems.append(FactProblem(name, 1, cell[:40], None, f"a second {key} column"))
        mapped.append(key)
    if not ({"requirement_id", "answer"} <= set(mapped) or {"metric", "value"} <= set(mapped)):
        problems += [FactProblem(name, 1, f, None, "required column is missing") for f in ("requirement_id", "answer")
                     if f not in mapped]
    if problems:
        raise FactsError(problems[:MAX_PROBLEMS], len(problems) > MAX_PROBLEMS)
    return mapped


def _records(path: Path, data: bytes) -> list[tuple[int, dict[str, Any]]]:
    from xinli.core.assessment.facts import csv_rows, decode_bytes, load_document

    name = path.name
    suffix = path.suffix.lower()
    if suffix in (".toml", ".json"):
        doc = load_document(name, data, suffix)
        if not isinstance(doc, dict) or any(key not in ("answers", "figures") for key in doc):
            raise FactsError([FactProblem(name, None, None, None, "expected only [[answers]] tables "
                                          "(requirement_id, answer, evidence) and [[figures]] tables "
                                          "(metric, value, evidence)")])
        records: list[tuple[int, dict[str, Any]]] = []
        for table, allowed in (("answers", ("requirement_id", "answer", "evidence")),
                               ("figures", ("metric", "value", "evidence"))):
            rows = doc.get(table, [])
            if not isinstance(rows, list) or not all(isinstance(a, dict) for a in rows):
                raise FactsError([FactProblem(name, None, table, None, f"expected [[{table}]] tables (an array of tables)")])
            problems = [FactProblem(name, n, str(key)[:40], None, f"unknown field; {table} have {', '.join(allowed)}")
                        for n, a in enumerate(rows, start=1) for key in a if key not in allowed and key not in HEADERS]
            if problems:
                raise FactsError(problems[:MAX_PROBLEMS], len(problems) > MAX_PROBLEMS)
            records += list(enumerate(rows, start=len(records) + 1))
        return records
    if suffix == ".csv":
        rows = csv_rows(decode_bytes(data, name), name)
        first = next(rows, None)
        if first is None:
            raise FactsError([FactProblem(name, None, None, None, "the file is empty")])
        mapped = _map_header(name, first[1])
        return [(n, {k: c for k, c in zip(mapped, cells, strict=False) if k is not None})
                for n, cells in rows if any(c.strip() for c in cells)]
    if suffix == ".xlsx":
        try:
            import openpyxl
        except ImportError:
            raise XinliError(f"{path}: reading .xlsx needs openpyxl: pip install 'xinli[xlsx]'") from None
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            ws = workbook["辖区自查"] if "辖区自查" in workbook.sheetnames else (
                workbook["region-facts"] if "region-facts" in workbook.sheetnames else workbook.worksheets[0])
            all_rows = list(ws.iter_rows(values_only=True))
        except Exception as exc:  # a damaged workbook
            raise FactsError([FactProblem(name, None, None, None, f"cannot open as an xlsx workbook: {exc}")]) from None
        if not all_rows:
            raise FactsError([FactProblem(name, None, None, None, "the sheet is empty")])
        mapped = _map_header(name, ["" if c is None else str(c) for c in all_rows[0]])
        out = []
        for n, cells in enumerate(all_rows[1:], start=2):
            record = {k: c for k, c in zip(mapped, cells, strict=False) if k is not None}
            if any(v is not None and str(v).strip() for v in record.values()):
                out.append((n, record))
        return out
    raise XinliError(f"{path}: unsupported region facts format {suffix or '(none)'}; use .csv, .xlsx, .toml or .json")


def read_region_facts(path: str | Path, checklist: dict[str, Any]) -> list[RegionAnswer]:
    """Read and check the region's answers and figures against
    ``checklist``: every problem (an unknown item or metric, an item that is
    a school's or has a machine check, an answer other than 是/否/不适用, a
    figure that is not a count / share / ratio as its metric measures, an
    item answered or a figure reported twice, personal data or control
    characters) is reported with file, row and column, and nothing is
    written.  A row with an empty answer or value is unanswered and left
    out.  A figure becomes one answer per item checking its metric, judged
    by :func:`judge_figure` (``outcome`` met or not met, ``observed`` the
    figure)."""
    from xinli.core.assessment.values import check_value, shown
    from xinli.core.records.attestations import personal_data_in

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise XinliError(f"{path}: cannot read region facts file: {exc.strerror or exc}") from None
    items = {item["id"]: item for item in checklist["items"]}
    answerable = {item["id"] for item in region_items(checklist)}
    figure_items = region_figure_items(checklist)
    problems: list[FactProblem] = []
    answers: list[RegionAnswer] = []
    seen: dict[str, int] = {}
    seen_figures: dict[str, int] = {}

    def add(row: int | None, column: str, value: Any, reason: str) -> None:
        problems.append(FactProblem(path.name, row, column, None if value is None else str(value), reason))

    for row, record in _records(path, data):
        bad = False
        for key in FIELDS:
            value = record.get(key)
            why = check_value(key, value, identifier=key == "requirement_id")
            if why is None and isinstance(value, str) and key == "evidence" and personal_data_in(value):
                why = (value.strip()[:3] + "…", "looks like a phone or ID-card number (personal data); name the "
                       "document or record, never a person")
            if why is None and value is not None and not isinstance(value, str | int | float | dt.date):
                why = (shown(value), "expected text")
            if why is not None:
                add(row, key, why[0], why[1])
                bad = True
        if bad:
            continue
        requirement_id = str(record.get("requirement_id") or "").strip()
        raw = record.get("answer")
        answer = "" if raw is None else str(raw).strip()
        metric = str(record.get("metric") or "").strip()
        if metric and not requirement_id:
            figure = record.get("value")
            if figure is None or (isinstance(figure, str) and not figure.strip()):
                continue  # not reported: the items on it stay manual
            checking = figure_items.get(metric)
            if checking is None:
                known = ", ".join(sorted(figure_items)) or "none"
                add(row, "metric", shown(metric, 80), f"not a figure this region reports about itself (its rules ask for: "
                    f"{known})")
                continue
            if metric in seen_figures:
                add(row, "metric", shown(metric, 80), f"reported twice (first in row {seen_figures[metric]})")
                continue
            seen_figures[metric] = row
            evidence = str(record.get("evidence") or "").strip() or None
            try:
                for item in checking:
                    status, observed = judge(item["check"], figure)
                    answers.append(RegionAnswer(item["id"], status, evidence, row, observed))
            except ValueError as exc:
                add(row, "value", shown(figure), str(exc))
            continue
        if not requirement_id:
            if answer:
                add(row, "requirement_id", None, "required field is empty")
            continue
        item = items.get(requirement_id)
        if item is None:
            add(row, "requirement_id", shown(requirement_id, 80), "not an item of this region's checklist")
            continue
        if requirement_id not in answerable:
            why = ("has a machine check; its finding comes from the schools' facts" if item["check"] is not None else
                   f"not an authority's duty ({item['duty_holder']}); schools answer it in their facts"
                   if item["assessed_at"] == "school" else
                   f"its duty holder ({item['duty_holder']}) is not an authority; it stays a manual item")
            add(row, "requirement_id", shown(requirement_id, 80), why)
            continue
        if not answer:
            continue
        outcome = ANSWERS.get(answer.lower())
        if outcome is None:
            add(row, "answer", shown(answer), "expected 是, 否 or 不适用 (yes, no, n/a)")
            continue
        if requirement_id in seen:
            add(row, "requirement_id", shown(requirement_id, 80), f"answered twice (first in row {seen[requirement_id]})")
            continue
        seen[requirement_id] = row
        evidence = str(record.get("evidence") or "").strip() or None
        answers.append(RegionAnswer(requirement_id, outcome, evidence, row))
    if problems:
        raise FactsError(problems[:MAX_PROBLEMS], len(problems) > MAX_PROBLEMS)
    return answers


def region_figure_items(checklist: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Region-reported metric key -> the checklist items whose check
    compares it (issue 24's ``reported_by = "region"`` metrics)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for item in checklist["items"]:
        check = item["check"]
        if check and check.get("reported_by") == "region":
            found.setdefault(check["metric"], []).append(item)
    return found


def judge(check: dict[str, Any], figure: Any) -> tuple[str, str | None]:
    """A region-reported figure judged against ``check``: ``(met or
    not_met, the figure as text)``, by the rules format's own judge
    (:func:`xinli.core.assessment.metrics.judge_region_figure`, issue 24);
    a malformed figure is a ``ValueError`` saying what was expected."""
    from xinli.core.assessment import metrics

    status, observed = metrics.judge_region_figure(check, figure)
    return status, observed


def template_keys(checklist: dict[str, Any]) -> tuple[str, ...]:
    """The template's columns: :data:`KEYS`, without ``metric`` and
    ``value`` when the region's rules ask for no figure."""
    return KEYS if region_figure_items(checklist) else KEYS[:-2]


def region_template_rows(checklist: dict[str, Any], lang: str = "zh") -> list[list[str]]:
    """The template's rows in :func:`template_keys` order: each authority
    duty (answer and evidence empty), then each figure the region reports
    about itself (metric named, value and evidence empty)."""
    side = "zh" if lang == "zh" else "en"
    rows = [[item["id"], item["text"][side], vocab.label(vocab.LEVELS, item["level"], side),
             vocab.label(vocab.ACTORS, item["duty_holder"], side),
             f"{item['citation']['document']} {item['citation']['clause']}".strip(), "", "", "", ""]
            for item in region_items(checklist)]
    for metric, items in region_figure_items(checklist).items():
        check = items[0]["check"]
        population = check.get("population") or {}
        what = " / ".join(item["text"][side] for item in items)
        if population:
            what += f" ({population.get(side, '')})"
        rows.append(["", what, "", "", "; ".join(f"{i['citation']['document']} {i['citation']['clause']}".strip()
                                                 for i in items), "", "", metric, ""])
    width = len(template_keys(checklist))
    return [row[:width] for row in rows]
