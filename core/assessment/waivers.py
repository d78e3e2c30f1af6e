"""Exemptions: a requirement waived for one school, with its justification
and the office or document that approved it, for a period.

A waiver is in force from ``start`` to ``expiry`` inclusive; outside that
period the requirement counts again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tomllib
from pathlib import Path
from typing import Any

from attrs import frozen

from xinli.core.assessment.facts import _Collector, decode_bytes
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


def read_waivers(path: str | Path, school_ids: set[str], requirement_ids: set[str]) -> list[Waiver]:
    """Read and validate a waivers file (``.csv`` or ``.toml`` with
    ``[[waivers]]`` tables).  Unknown schools or requirements, missing
    fields and bad dates are reported together; nothing is written."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise XinliError(f"{path}: cannot read waivers file: {exc.strerror or exc}") from None
    out = _Collector(path.name, 50)
    records: list[tuple[int, dict[str, Any]]]
    if path.suffix.lower() == ".csv":
        reader = csv.DictReader(io.StringIO(decode_bytes(data), newline=""))
        missing = [f for f in WAIVER_FIELDS if f not in (reader.fieldnames or [])]
        if missing:
            raise FactsError([FactProblem(path.name, 1, f, None, "required column is missing") for f in missing])
        records = [(i, row) for i, row in enumerate(reader, start=2)]
    elif path.suffix.lower() == ".toml":
        try:
            doc = tomllib.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise FactsError([FactProblem(path.name, None, None, None, f"cannot parse: {exc}")]) from None
        records = list(enumerate(doc.get("waivers", []), start=1))
    else:
        raise XinliError(f"{path}: unsupported waivers format; use .csv or .toml")
    waivers: list[Waiver] = []
    for row, record in records:
        values = {f: record.get(f) for f in WAIVER_FIELDS}
        bad = False
        for name in WAIVER_FIELDS:
            if values[name] is None or not str(values[name]).strip():
                out.add(row, name, None, "required field is empty")
                bad = True
        if bad:
            continue
        if str(values["school_id"]).strip() not in school_ids:
            out.add(row, "school_id", values["school_id"], "unknown school (not in the facts file)")
            bad = True
        if str(values["requirement_id"]).strip() not in requirement_ids:
            out.add(row, "requirement_id", values["requirement_id"], "unknown requirement for this region")
            bad = True
        dates: dict[str, dt.date] = {}
        for name in ("start", "expiry"):
            raw = values[name]
            try:
                dates[name] = raw if isinstance(raw, dt.date) else dt.date.fromisoformat(str(raw).strip())
            except ValueError:
                out.add(row, name, raw, "expected a date like 2026-09-01")
                bad = True
        if not bad and dates["start"] > dates["expiry"]:
            out.add(row, "expiry", values["expiry"], "expiry is before start")
            bad = True
        if not bad:
            waivers.append(Waiver(str(values["school_id"]).strip(), str(values["requirement_id"]).strip(),
                                  str(values["justification"]).strip(), str(values["approved_by"]).strip(),
                                  dates["start"], dates["expiry"]))
    out.raise_if_any()
    return waivers
