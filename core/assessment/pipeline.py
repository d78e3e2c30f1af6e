"""One assessment run from files to records: read and validate everything,
evaluate into a temporary table, then write in one short transaction.

Nothing touches the database until the facts and waivers have validated, so
a bad input leaves the database byte-for-byte unchanged.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from attrs import frozen

from xinli.core.assessment.assess import REGION_REPORTED, SchoolEvaluator, compile_requirements, evaluate_region
from xinli.core.assessment.facts import columns_for, ignored_warning, read_facts
from xinli.core.assessment.metrics import collect_metrics
from xinli.core.assessment.packing import EarlyStart
from xinli.core.assessment.periods import periods_for
from xinli.core.assessment.statuses import (
    PROVENANCE_MASK,
    PROVENANCE_SHIFT,
    REASON_SHIFT,
    REQUIREMENT_SHIFT,
    STATUS_MASK,
    compact_row,
    staged_row,
)
from xinli.core.assessment.waivers import read_waivers
from xinli.core.errors import XinliError
from xinli.core.layering import chain_of
from xinli.core.records.attestations import attestations_digest, attestations_for
from xinli.core.records.database import existing_run, file_sha256, open_database, run_key, write_run
from xinli.core.registry import Registry
from xinli.core.views.checklist import build_checklist


@frozen
class RunResult:
    """What an assessment did: the run id, whether it was new, and counts."""

    run_id: int
    created: bool
    schools: int
    findings: int
    counts: dict[str, int]
    timings: dict[str, float]
    warnings: tuple[str, ...] = ()


def rules_digest(checklist: dict[str, Any]) -> str:
    """A hash of the effective rules, so a change of rules is a new run."""
    return hashlib.sha256(json.dumps(checklist["items"], sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def recorded_name(path: str | Path) -> str:
    """The name a run records for an input file: its base name only (no
    directory), once it has been checked for personal data (a facts file
    named after a student and a phone number is refused, exit 2)."""
    from xinli.core.errors import Refusal
    from xinli.core.personal_data import personal_data_kind

    name = Path(path).name
    if personal_data_kind(name) is not None:
        raise Refusal("file_name_personal", path=str(path))
    return name


@contextlib.contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector: a province's schools and
    finding rows are millions of objects that hold no cycles, and every
    full collection would walk all of them again (the cost grew faster
    than the number of schools).  Reference counting still frees
    everything; the collector's state is restored afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@_without_cyclic_gc()
def assess(
    registry: Registry,
    region: str,
    facts_path: str | Path,
    db_path: str | Path,
    as_of: dt.date | None = None,
    waivers_path: str | Path | None = None,
    progress: Callable[[Iterator[Any], int], Iterator[Any]] | None = None,
    notify: Callable[[str], None] | None = None,
    region_facts_path: str | Path | None = None,
    period: str | None = None,
    autumn_start: dt.date | None = None,
    spring_start: dt.date | None = None,
) -> RunResult:
    """Assess the schools in ``facts_path`` against ``region``'s rules as of
    ``as_of`` (default today) and record the run in ``db_path``.

    Everything is validated, then evaluated into scratch files
    (:mod:`xinli.core.assessment.packing`: a large file's first half in a
    forked child while the rest is read), before the write lock is taken;
    the run is then copied in one short transaction, waiting (and saying so
    through ``notify``) while another writer holds the lock.  Re-running the same region on the same facts,
    waivers, rules and date, even concurrently, records nothing new and
    returns the earlier run.  ``region_facts_path`` holds the region's own
    self-inspection (:mod:`xinli.core.assessment.region_facts`): its answers
    become region findings with provenance ``self_reported``.

    ``period`` is the period the facts cover (default: the one containing
    ``as_of``; semester boundaries from ``autumn_start`` / ``spring_start``
    as in ``xinli schedule``): a per-period count below target while its
    period runs is ``in_progress``.
    """
    import time

    timings: dict[str, float] = {}
    started = time.perf_counter()
    as_of = as_of or dt.date.today()
    recorded_name(facts_path)
    if waivers_path is not None:
        recorded_name(waivers_path)
    checklist = build_checklist(registry, region, as_of)
    if not checklist["items"]:
        raise XinliError(f"no rules of {region} were in force on {as_of}; "
                         "give --as-of a date on or after its documents took effect (see `xinli show`)")
    chain = chain_of(registry, region)[0]
    metrics = collect_metrics(registry, chain)
    columns = columns_for(checklist, metrics)
    periods = periods_for(as_of, period, autumn_start, spring_start)
    compiled = compile_requirements(checklist, columns, as_of, periods)
    # evaluated schools are staged in scratch files here until the run is written (removed afterwards)
    import shutil
    import tempfile

    try:
        work = Path(tempfile.mkdtemp(prefix="xinli-assess-"))
    except OSError as exc:
        raise XinliError(f"{tempfile.gettempdir()}: cannot create a scratch directory: {exc.strerror or exc} "
                         "(set TMPDIR to a writable directory)") from None
    # a province's file: its first half is evaluated in a child while the rest is read
    early_evaluator = SchoolEvaluator(compiled, as_of, {})
    early = EarlyStart(early_evaluator, early_evaluator.prepare({req.id: req.index for req in compiled}), work)
    try:
        schools = read_facts(facts_path, columns, halfway=early)
        warnings = tuple(w for w in (ignored_warning(columns),) if w)
        waivers = []
        if waivers_path is not None:
            waivers = read_waivers(waivers_path, {s.school_id for s in schools}, {i["id"] for i in checklist["items"]},
                                   {req.id for req in compiled if req.scope == "region"})
        region_answers = {}
        if region_facts_path is not None:
            from xinli.core.assessment.region_facts import read_region_facts

            region_answers = {a.requirement_id: a for a in read_region_facts(region_facts_path, checklist)}
        timings["read"] = time.perf_counter() - started

        facts_sha = file_sha256(facts_path)
        waivers_sha = file_sha256(waivers_path)
        rules_sha = rules_digest(checklist)
        if period is not None or autumn_start is not None or spring_start is not None:
            # another declared period or calendar is another assessment of the same facts
            rules_sha = hashlib.sha256(f"{rules_sha}|{period}|{autumn_start}|{spring_start}".encode()).hexdigest()
        told = (lambda message: notify(f"{db_path}: {message}")) if notify is not None else None
        new_file = not os.path.lexists(db_path)
        db = open_database(db_path, notify=told)
        written = False
        try:
            attestations = attestations_for(db, region, as_of)
            # a new attestation is a new run; without any, the key is what it always was
            region_facts_sha = file_sha256(region_facts_path)
            key = run_key(region, facts_sha, waivers_sha, rules_sha + (attestations_digest(attestations) if attestations else "")
                          + (f"|region-facts:{region_facts_sha}" if region_facts_sha else ""), as_of)
            previous = existing_run(db, key)
            if previous is not None:
                return _earlier(db, previous, timings, warnings)
            items = {item["id"]: item for item in checklist["items"]}
            requirements = [
                {
                    "requirement_id": req.id, "domain": items[req.id]["domain"], "level": items[req.id]["level"],
                    "duty_holder": items[req.id]["duty_holder"], "scope": req.scope,
                    "text_zh": items[req.id]["text"]["zh"], "text_en": items[req.id]["text"]["en"],
                    "jurisdiction": items[req.id]["citation"]["jurisdiction"],
                    "document": items[req.id]["citation"]["document"], "clause": items[req.id]["citation"]["clause"],
                    "quote": items[req.id]["citation"]["quote"], "expected": req.expected,
                    "metric_type": metrics[items[req.id]["check"]["metric"]].type if items[req.id]["check"] else None,
                    "deadline": req.deadline.isoformat() if req.deadline else None,
                }
                for req in compiled
            ]
            keys = columns.value_keys
            evaluator = SchoolEvaluator(compiled, as_of, {(w.school_id, w.requirement_id): w for w in waivers}, attestations)
            run_findings: list[tuple[Any, ...]] = []
            evaluate_started = time.perf_counter()
            # indexes, not row ids: the rows get their ids under the write lock
            prepared = evaluator.prepare({req.id: req.index for req in compiled})
            deadlines = {req.index: req.deadline.isoformat() for req in compiled if req.deadline}
            evaluated = early.finish(evaluator, prepared, schools, progress)
            codes = evaluated.codes
            for req, status, observed_text, detail in evaluate_region(compiled, schools, as_of, region_answers):
                if detail and detail.startswith(REGION_REPORTED):
                    provenance = "self_reported"  # the region's own answer (assess --region-facts)
                else:
                    provenance = "unanswered" if status in ("manual", "not_required") else "measured"
                (_school, packed, value), text = staged_row(
                    compact_row((0, None, req.index, status, observed_text, detail, provenance), deadlines))
                codes[packed] += 1
                run_findings.append((req.index, packed & STATUS_MASK, value, (packed >> REASON_SHIFT) & STATUS_MASK or None,
                                     text, (packed >> PROVENANCE_SHIFT) & PROVENANCE_MASK or 1))
            counts: Counter[int] = Counter()
            requirement_counts: Counter[tuple[int, int, int]] = Counter()
            for packed, n in codes.items():
                counts[packed & STATUS_MASK] += n
                requirement_counts[packed >> REQUIREMENT_SHIFT, packed & STATUS_MASK,
                                   (packed >> PROVENANCE_SHIFT) & PROVENANCE_MASK or 1] += n
            timings["evaluate"] = time.perf_counter() - evaluate_started
            run = {
                "region": region,
                "run_key": key,
                "plugins": {p.code: f"{p.distribution or '-'} {p.version or '-'}" for p in sorted(chain, key=lambda p: p.code)},
                "facts_file": recorded_name(facts_path),
                "facts_sha256": facts_sha,
                "waivers_sha256": waivers_sha,
                "region_facts_file": Path(region_facts_path).name if region_facts_path is not None else None,
                "region_facts_sha256": region_facts_sha,
                "rules_sha256": rules_sha,
                "as_of": as_of.isoformat(),
                "period": periods.label,
                "fact_columns": keys,
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            }
            waiver_rows = [
                {"school_id": w.school_id, "requirement_id": w.requirement_id, "justification": w.justification,
                 "approved_by": w.approved_by, "start": w.start.isoformat(), "expiry": w.expiry.isoformat()}
                for w in waivers
            ]
            write_started = time.perf_counter()
            run_id, created = write_run(db, run, evaluated.parts, requirements, waiver_rows, counts, requirement_counts,
                                        timings, told, run_findings, evaluated.details)
            written = True
            timings["write"] = time.perf_counter() - write_started
            if not created:
                return _earlier(db, run_id, timings, warnings)
            row = db.execute("select schools, findings, counts from runs where id = ?", [run_id]).fetchone()
        except BaseException:
            if new_file and not written:  # Ctrl-C or an error in a first run: leave no database behind
                db.close()
                remove_new_database(db_path)
            raise
        finally:
            db.close()
        timings["total"] = time.perf_counter() - started
        return RunResult(run_id, True, row[0], row[1], json.loads(row[2]), timings, warnings)
    finally:
        early.cancel()  # the child is no longer wanted when the run stops early
        shutil.rmtree(work, ignore_errors=True)


def remove_new_database(path: str | Path) -> None:
    """Remove a database file this run created (and its journal files)
    because the run did not finish."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def _earlier(db: Any, run_id: int, timings: dict[str, float], warnings: tuple[str, ...]) -> RunResult:
    row = db.execute("select schools, findings, counts from runs where id = ?", [run_id]).fetchone()
    return RunResult(run_id, False, row[0], row[1], json.loads(row[2]), timings, warnings)
