"""Exemptions: a requirement waived for one school, with its justification
and the office or document that approved it, for a period.

A waiver is in force from ``start`` to ``expiry`` inclusive; outside that
period the requirement counts again.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from attrs import frozen

from xinli.core.assessment.facts import MAX_PROBLEMS, _Collector, csv_rows, decode_bytes, load_document, normalise_id
from xinli.core.assessment.values import check_value, shown
from xinli.core.errors import FactProblem, FactsError, XinliError

WAIVER_FIELDS = ("school_id", "requirement_id", "justification", "approved_by", "start", "expiry")


@frozen
class Waiver:
    """One school's exemption from one requirement."""

    school_id: str
    requirement_id: str
    justification: str
    approved_by: str
    start: dt.date
    expiry: dt.date

    def active(self, on: dt.date) -> bool:
        """True when the waiver is in force on ``on``."""
        return self.start <= on <= self.expiry


def _csv_records(name: str, data: bytes) -> list[tuple[int, dict[str, Any]]]:
    rows = csv_rows(decode_bytes(data, name), name)
    first = next(rows, None)
    header = [cell.strip() for cell in first[1]] if first else []
    missing = [f for f in WAIVER_FIELDS if f not in header]
    if missing:
        raise FactsError([FactProblem(name, 1, f, None, "required column is missing") for f in missing])
    unknown = [h for h in header if h not in WAIVER_FIELDS]
    if unknown:
        raise FactsError([FactProblem(name, 1, shown(h, 40), None, f"unknown column; waivers have {', '.join(WAIVER_FIELDS)}")
                          for h in unknown[:MAX_PROBLEMS]])
    records = []
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            more_or_fewer = "more" if len(cells) > len(header) else "fewer"
            raise FactsError([FactProblem(name, number, None, None, f"{len(cells)} cells, {more_or_fewer} than the "
                                          f"header's {len(header)} columns (a missing or extra comma?)")])
        records.append((number, dict(zip(header, cells, strict=True))))
    return records


def _toml_records(name: str, data: bytes) -> list[tuple[int, dict[str, Any]]]:
    doc = load_document(name, data, ".toml")
    unknown = [key for key in doc if key != "waivers"]
    if unknown:
        raise FactsError([FactProblem(name, None, shown(key, 40), None,
                                      "unknown table or key; waivers are [[waivers]] tables") for key in unknown[:MAX_PROBLEMS]])
    waivers = doc.get("waivers", [])
    if not isinstance(waivers, list) or not all(isinstance(w, dict) for w in waivers):
        raise FactsError([FactProblem(name, None, "waivers", None, "expected [[waivers]] tables (an array of tables)")])
    problems = [FactProblem(name, i, shown(key, 40), None, f"unknown field; waivers have {', '.join(WAIVER_FIELDS)}")
                for i, w in enumerate(waivers, start=1) for key in w if key not in WAIVER_FIELDS]
    if problems:
        raise FactsError(problems[:MAX_PROBLEMS], len(problems) > MAX_PROBLEMS)
    return list(enumerate(waivers, start=1))


def _date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        raise ValueError("expected a date like 2026-09-01, not a date and time")
    if isinstance(raw, dt.date):
        return raw
    if not isinstance(raw, str):
        raise ValueError("expected a date like 2026-09-01")
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        raise ValueError("expected a date like 2026-09-01") from None


def read_waivers(path: str | Path, school_ids: set[str], requirement_ids: set[str],
                 region_ids: set[str] = frozenset()) -> list[Waiver]:
    """Read and validate a waivers file (``.csv`` or ``.toml`` with
    ``[[waivers]]`` tables).  Unknown schools or requirements, a waiver of
    a region-scope requirement (``region_ids``: a school cannot be exempted
    from the authority's duty), two waivers for one school and requirement,
    missing fields, bad dates, personal data and unknown tables or columns
    are reported together; nothing is written.  School ids are normalised
    as the facts' are (NFKC: ``ＨＮ００１`` is ``HN001``); zero-width and
    bidirectional control characters in them are refused."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise XinliError(f"{path}: cannot read waivers file: {exc.strerror or exc}") from None
    out = _Collector(path.name, MAX_PROBLEMS)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        records = _csv_records(path.name, data)
    elif suffix == ".toml":
        records = _toml_records(path.name, data)
    else:
        raise XinliError(f"{path}: unsupported waivers format; use .csv or .toml")
    waivers: list[Waiver] = []
    seen: dict[tuple[str, str], int] = {}
    for row, record in records:
        values = {f: record.get(f) for f in WAIVER_FIELDS}
        bad = False
        for name in WAIVER_FIELDS:
            raw = values[name]
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                out.add(row, name, None, "required field is empty")
                bad = True
                continue
            refused = check_value(name, raw, identifier=name in ("school_id", "requirement_id"))
            if refused is None and name not in ("start", "expiry") and (isinstance(raw, bool) or not isinstance(raw, str | int)):
                refused = (shown(raw), "expected text")
            if refused is not None:
                out.add(row, name, refused[0], refused[1])
                bad = True
        if bad:
            continue
        school_id = normalise_id(str(values["school_id"]).strip())  # as the facts' ids: ＨＮ００１ is HN001
        requirement_id = str(values["requirement_id"]).strip()
        if school_id not in school_ids:
            out.add(row, "school_id", shown(school_id), "unknown school (not in the facts file)")
            bad = True
        if requirement_id in region_ids:
            out.add(row, "requirement_id", shown(requirement_id, 80), "a region finding (the authority's duty); "
                    "only a school's own requirements can be waived")
            bad = True
        elif requirement_id not in requirement_ids:
            out.add(row, "requirement_id", shown(requirement_id, 80), "unknown requirement for this region")
            bad = True
        previous = seen.get((school_id, requirement_id))
        if previous is not None:
            out.add(row, "requirement_id", shown(requirement_id, 80),
                    f"a second waiver for school {shown(school_id)} and this requirement (first in row {previous}); "
                    "keep one")
            bad = True
        else:
            seen[(school_id, requirement_id)] = row
        dates: dict[str, dt.date] = {}
        for name in ("start", "expiry"):
            try:
                dates[name] = _date(values[name])
            except ValueError as exc:
                out.add(row, name, shown(values[name]), str(exc))
                bad = True
        if not bad and dates["start"] > dates["expiry"]:
            out.add(row, "expiry", str(dates["expiry"]), "expiry is before start")
            bad = True
        if not bad:
            waivers.append(Waiver(school_id, requirement_id, str(values["justification"]).strip(),
                                  str(values["approved_by"]).strip(), dates["start"], dates["expiry"]))
    out.raise_if_any()
    return waivers
