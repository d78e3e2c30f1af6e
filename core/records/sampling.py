"""Reproducible spot-check lists (``xinli sample``): which schools an
inspector checks against which self-inspection items.

A county verifies schools' self-inspection (学校自查) by checking a sample
of it on site (抽查).  The draw is reproducible and independent of file
order: each school (``--rate``) or each school and item (``--per-item``)
gets a rank, the SHA-256 of the seed and its ids, and the lowest ranks are
drawn.  The same seed on the same run gives the same schools; a larger
rate with the same seed keeps every school a smaller rate drew.  Each
draw is recorded once in the database (``samples`` and ``sample_items``,
migration ``m008_samples``) with its run, seed and rule, so the list an
inspector brings back can be traced to how it was drawn.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from typing import Any

import sqlite_utils

from xinli.core import vocabulary as vocab
from xinli.core.errors import XinliError

#: Finding statuses of a school's self-inspection item that leave nothing to check on site.
NOTHING_TO_CHECK = ("not_applicable", "not_yet_due", "waived")


def rank(seed: int, *ids: str) -> str:
    """The draw order of ``ids`` under ``seed``: a hex SHA-256, lowest first."""
    return hashlib.sha256("\x1f".join([str(seed), *ids]).encode("utf-8")).hexdigest()


def rule_of(rate: float | None, per_item: int | None) -> dict[str, Any]:
    """The sampling rule as stored: ``{"rate": r}`` (a share of the run's
    schools, 0 < r <= 1) or ``{"per_item": n}`` (n schools for each item)."""
    if (rate is None) == (per_item is None):
        raise XinliError("give --rate R (a share of schools) or --per-item N (schools per item), one of them")
    if rate is not None:
        if not 0 < rate <= 1:
            raise XinliError(f"--rate must be above 0 and at most 1 (0.1 = 10% of schools), not {rate}")
        return {"rate": rate}
    assert per_item is not None
    if per_item < 1:
        raise XinliError(f"--per-item must be at least 1, not {per_item}")
    return {"per_item": per_item}


def _run(db: sqlite_utils.Database, run_id: int | None, region: str | None) -> dict[str, Any]:
    where, args = ("id = ?", [run_id]) if run_id is not None else (("region = ?", [region]) if region else ("1", []))
    row = db.execute(f"select id, region, as_of from runs where {where} order by created desc, id desc limit 1",
                     args).fetchone()
    if row is None:
        what = f"run {run_id}" if run_id is not None else (f"a run of {region}" if region else "a run")
        raise XinliError(f"the database holds no {what}; run `xinli assess` first")
    if run_id is not None and region and row[1] != region:
        raise XinliError(f"run {run_id} is of {row[1]}, not {region}")
    return {"id": row[0], "region": row[1], "as_of": row[2]}


def candidates(db: sqlite_utils.Database, run_id: int) -> tuple[list[tuple[str, str]], dict[str, Any], dict[str, Any]]:
    """What could be checked in ``run_id``: ``(school id, requirement id)``
    pairs of school duties without a machine check (required and
    recommended items; encouraged and permitted ones are left out), with
    each school's name and each item's text, level and clause, and each
    pair's finding as ``(status, provenance)`` where the run holds one.

    A pair whose finding leaves nothing to check -- outside the school's
    grades or conditions, not yet due, waived -- is left out; a school's
    own 不适用 answer is kept (it is a claim to check)."""
    from xinli.core.assessment.statuses import STATUS_NAMES

    optional = tuple(vocab.OPTIONAL_LEVELS)
    items = {row[0]: {"id": row[1], "text_zh": row[2], "text_en": row[3], "level": row[4], "clause": row[5],
                      "document": row[6]}
             for row in db.execute(
                 "select id, requirement_id, text_zh, text_en, level, clause, document from requirements "
                 f"where run_id = ? and scope = 'manual' and level not in ({', '.join('?' * len(optional))})",
                 [run_id, *optional])}
    schools = {row[0]: (row[1], row[2]) for row in db.execute(
        "select id, school_id, school_name from schools where run_id = ?", [run_id])}
    has_provenance = "provenance" in {row[1] for row in db.execute("PRAGMA table_info(findings)")}
    per_school: dict[tuple[int, int], tuple[str, str]] = {}
    if items:
        from xinli.core.assessment.statuses import PROVENANCE_NAMES

        marks = ", ".join("?" * len(items))
        provenance = "provenance" if has_provenance else "null"
        for school, requirement, status, source in db.execute(
                f"select school, requirement, status, {provenance} from findings_of_schools where run_id = ? "
                f"and requirement in ({marks})", [run_id, *items]):
            per_school[(school, requirement)] = (STATUS_NAMES.get(status, status), PROVENANCE_NAMES.get(source, "measured"))
    pairs = []
    findings: dict[tuple[str, str], tuple[str, str]] = {}
    for school_row, (school_id, _name) in schools.items():
        for req_row, item in items.items():
            found = per_school.get((school_row, req_row))
            if found is not None and found[0] in NOTHING_TO_CHECK and not (
                    found[0] == "not_applicable" and found[1] == "self_reported"):
                continue
            pairs.append((school_id, item["id"]))
            if found is not None:
                findings[(school_id, item["id"])] = found
    names = {school_id: name for school_id, name in schools.values()}
    by_id = {item["id"]: item for item in items.values()}
    return pairs, {"schools": names, "items": by_id}, findings


def draw(pairs: list[tuple[str, str]], seed: int, rule: dict[str, Any]) -> list[tuple[str, str]]:
    """The drawn pairs, in school then item order: with ``rate``, every
    pair of ``ceil(rate x schools)`` schools of lowest rank; with
    ``per_item``, for each item the ``per_item`` schools of lowest rank for
    that item."""
    if "rate" in rule:
        schools = sorted({school for school, _item in pairs})
        take = math.ceil(rule["rate"] * len(schools) - 1e-9) if schools else 0
        chosen = set(sorted(schools, key=lambda s: rank(seed, s))[:max(take, 1 if schools else 0)])
        drawn = [p for p in pairs if p[0] in chosen]
    else:
        by_item: dict[str, list[str]] = {}
        for school, item in pairs:
            by_item.setdefault(item, []).append(school)
        drawn = [(school, item) for item, schools in by_item.items()
                 for school in sorted(schools, key=lambda s, i=item: rank(seed, i, s))[:rule["per_item"]]]
    return sorted(drawn)


def draw_sample(db: sqlite_utils.Database, seed: int, rate: float | None = None, per_item: int | None = None,
                run_id: int | None = None, region: str | None = None) -> dict[str, Any]:
    """Draw a spot-check list from a run (``run_id``, else the newest run of
    ``region``, else the newest run) without recording it: the run, the
    seed, the rule and the rows, each with the school's name, the item's
    text, level and clause and the school's self-reported answer (None when
    it gave none: ``{"status": ..., "provenance": ...}`` of its finding in
    the run, ``self_reported`` for its 自查 answer)."""
    rule = rule_of(rate, per_item)
    run = _run(db, run_id, region)
    pairs, about, found = candidates(db, run["id"])
    if not pairs:
        raise XinliError(f"run {run['id']} ({run['region']}) has no school item to check by hand")
    rows = []
    for school_id, requirement_id in draw(pairs, seed, rule):
        item = about["items"][requirement_id]
        rows.append({"school_id": school_id, "school_name": about["schools"][school_id], "requirement_id": requirement_id,
                     "text": {"zh": item["text_zh"], "en": item["text_en"]}, "level": item["level"],
                     "clause": f"{item['document']} {item['clause']}".strip(),
                     "self_report": _self_report(found.get((school_id, requirement_id)))})
    return {"run": run, "seed": seed, "rule": rule, "rows": rows, "schools": len({r["school_id"] for r in rows}),
            "population": {"schools": len({s for s, _i in pairs}), "pairs": len(pairs)}}


def _self_report(found: tuple[str, str] | None) -> dict[str, str] | None:
    """A pair's finding as the list shows it: ``{"status", "provenance"}``
    (None for a run without per-school rows for the item)."""
    if found is None:
        return None
    return {"status": found[0], "provenance": found[1]}


def record_sample(db: sqlite_utils.Database, sample: dict[str, Any]) -> int:
    """Record a drawn sample (its run, seed, rule and rows) and return its
    number; the same draw recorded before keeps its number."""
    from xinli.core.records.database import begin_write

    rule = json.dumps(sample["rule"], sort_keys=True)
    conn = db.conn
    begin_write(conn)
    try:
        row = conn.execute("select id from samples where run_id = ? and seed = ? and rule = ?",
                           [sample["run"]["id"], sample["seed"], rule]).fetchone()
        if row is not None:
            conn.execute("ROLLBACK")
            return row[0]
        number = conn.execute(
            "insert into samples (run_id, region, seed, rule, created, schools, items) values (?, ?, ?, ?, ?, ?, ?)",
            [sample["run"]["id"], sample["run"]["region"], sample["seed"], rule,
             dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), sample["schools"], len(sample["rows"])],
        ).lastrowid
        conn.executemany("insert into sample_items (sample_id, school_id, requirement_id) values (?, ?, ?)",
                         [(number, r["school_id"], r["requirement_id"]) for r in sample["rows"]])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return number
