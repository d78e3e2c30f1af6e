"""End-to-end speed of ``xinli assess`` on a whole province.

Run on demand (not part of the test suite)::

    python benchmarks/assess.py [--schools 100000] [--region henan]

Generates a realistic facts file (every metric the region's checks use,
mixed grade bands, about 5% unknown cells, and every 自查 self-inspection
column answered -- mostly 是, some 否 and 不适用 -- with an evidence
reference in some 佐证 cells), runs ``xinli assess`` as a
separate process, and prints schools/s, findings/s and peak memory.  It then
measures, in the same run, two floors:

- xinli's floor: plain ``sqlite3`` ``executemany`` of the run's school rows
  (each with its facts and its findings packed, as xinli stores them since
  m009) into xinli's own schema in one transaction, to compare with the
  run's own copy of its staged schools;
- the compact floor: one row per school and requirement (the naive
  findings, 5.4M for 100,000 Henan schools) as five integers each (run,
  school, requirement, status, observed) into a bare table, plain
  ``sqlite3``, one transaction, WAL -- what writing a province's naive
  findings costs at the least;

and times ``xinli report --format json`` on the run.  ``--twice`` also runs
twice the schools, to check that the cost is linear.  The benchmark runs
``--repeat`` rounds (default 3), each measuring every command and the
compact floor once (the floor in a child process, so this process stays
small); the ratios are taken within each round and their medians printed:
on a shared machine the speed drifts by a third within minutes.

Targets on a 2-core machine (issue 13, with issue 20's self-inspection
rows: every school duty is now each school's own finding): end to end at
most 1.5x the compact floor; peak memory at most 250 MB; the JSON report at
most 0.5x the compact floor; 200,000 schools at most 2.2x 100,000 (and
within the same 250 MB).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from xinli.core.assessment.facts import columns_for
from xinli.core.assessment.metrics import collect_metrics
from xinli.core.layering import chain_of
from xinli.core.records.database import CACHE_SIZE
from xinli.core.registry import load_plugins
from xinli.core.views.checklist import build_checklist

GRADE_BANDS = ["1-6", "7-9", "10-12", "1-9", "7-12", "1-12"]


def generate(path: Path, region: str, schools: int, seed: int = 7) -> None:
    """Write a facts CSV for ``schools`` invented schools."""
    registry = load_plugins(only=[region])
    columns = columns_for(build_checklist(registry, region), collect_metrics(registry, chain_of(registry, region)[0]))
    rng = random.Random(seed)
    types = {m.key: m.type for m in columns.metrics}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns.names)
        for n in range(schools):
            row = [f"S{n:06}", f"学校{n}", rng.choice(GRADE_BANDS)]
            for key in columns.attributes:
                row.append(rng.choice(["是", "否"]) if key != "enrollment" else str(rng.randint(50, 3000)))
            for metric in columns.metrics:
                if rng.random() < 0.05:
                    row.append("")
                elif types[metric.key] == "boolean":
                    row.append(rng.choice(["是", "否", "1", "0"]))
                elif metric.unit == "share":
                    row.append(f"{rng.random():.2f}")
                else:
                    row.append(str(rng.randint(0, 20)))
            for _check in columns.self_checks:  # every 自查 column answered
                draw = rng.random()
                row.append("否" if draw < 0.05 else "不适用" if draw < 0.08 else "是")
            for _domain in columns.evidence:
                row.append(f"台账{rng.randint(1, 40)}" if rng.random() < 0.3 else "")
            writer.writerow(row)


def floor_seconds(db_path: Path, run_id: int) -> tuple[float, int]:
    """Time plain executemany of the run's school rows (each with its facts
    and its findings packed, as :mod:`xinli.core.records.packed` stores
    them) into a fresh copy of xinli's schema, in one transaction, on a
    connection set up as xinli sets up its own (WAL, same page cache,
    foreign keys not checked while a run is written), with the run's parent
    rows already in place."""
    source = sqlite3.connect(db_path)
    columns = ("id, run_id, school_id, school_name, grades, facts, counts, provenance_counts, finding_codes, "
               "finding_observed")
    rows = source.execute(f"select {columns} from schools where run_id = ?", [run_id]).fetchall()
    schema = [r[0] for r in source.execute(
        "select sql from sqlite_master where sql is not null and name not like 'sqlite_%' and type != 'view'")]
    source.close()
    target_path = db_path.with_name("floor.db")
    target = sqlite3.connect(target_path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "foreign_keys = OFF", f"cache_size = {CACHE_SIZE}"):
        target.execute(f"PRAGMA {pragma}")
    for statement in schema:
        target.execute(statement)
    target.execute("ATTACH DATABASE ? AS src", [str(db_path)])
    for table in ("runs", "requirements", "statuses", "provenances"):
        target.execute(f"insert into {table} select * from src.{table}")
    target.execute("DETACH DATABASE src")
    target.execute("BEGIN")
    started = time.perf_counter()
    target.executemany(f"insert into schools ({columns}) values ({', '.join('?' * 10)})", rows)
    target.execute("COMMIT")
    elapsed = time.perf_counter() - started
    target.close()
    target_path.unlink()
    return elapsed, len(rows)


def compact_floor_seconds(work: Path, rows: int, schools: int, requirements: int) -> float:
    """Time writing ``rows`` rows of five integers (run, school,
    requirement, status, observed) with plain sqlite3 executemany into a
    bare table, one transaction, WAL: the least a naive findings write costs."""
    path = work / "compact-floor.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("create table findings (run integer, school integer, requirement integer, status integer, observed integer)")
    data = [(1, n // requirements + 1, n % requirements + 1, n % 7 + 1, n % 13) for n in range(rows)]
    conn.execute("BEGIN")
    started = time.perf_counter()
    conn.executemany("insert into findings values (?, ?, ?, ?, ?)", data)
    conn.execute("COMMIT")
    elapsed = time.perf_counter() - started
    conn.close()
    path.unlink()
    return elapsed


def run_child(command: list[str], work: Path) -> tuple[float, str, str, float]:
    """Run ``command``; return its wall time, stdout, stderr and its own peak
    memory in MB (from ``wait4``, so earlier children do not count)."""
    out_path, err_path = work / "child.out", work / "child.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    stdout, stderr = out_path.read_text(), err_path.read_text()
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stdout}{stderr}")
    return elapsed, stdout, stderr, usage.ru_maxrss / 1024


def xinli_command() -> str:
    """The ``xinli`` script beside this interpreter, else the one on PATH."""
    script = Path(sys.executable).with_name("xinli")
    return str(script) if script.exists() else "xinli"


def assess_once(work: Path, region: str, facts: Path, name: str) -> dict:
    """One ``xinli assess`` of ``facts`` into a new database: wall time, own
    peak memory, the command's timings and the run id."""
    db = work / f"{name}.db"
    elapsed, stdout, stderr, peak_mb = run_child(
        [xinli_command(), "assess", "--region", region, "--facts", str(facts), "--db", str(db), "--as-of", "2026-11-01",
         "--timings"], work)
    return {"db": db, "elapsed": elapsed, "peak_mb": peak_mb, "timings": json.loads(stderr.strip().splitlines()[-1]),
            "run_id": int(stdout.split()[1].rstrip(":")), "summary": stdout.strip()}


def report_once(work: Path, db: Path, name: str) -> tuple[float, float]:
    """One ``xinli report --format json``: wall time and peak memory."""
    elapsed, _out, _err, peak_mb = run_child(
        [xinli_command(), "report", "--db", str(db), "--format", "json", "--output", str(work / f"{name}.json")], work)
    return elapsed, peak_mb


def compact_floor_in_child(work: Path, rows: int, schools: int, requirements: int) -> float:
    """:func:`compact_floor_seconds` in a child process, so this process
    stays small (a later child's peak memory starts from it) and every
    round of the benchmark can measure its own floor."""
    _elapsed, stdout, _err, _mb = run_child(
        [sys.executable, __file__, "--compact-floor", f"{rows},{schools},{requirements}", "--work", str(work)], work)
    return float(stdout.strip())


def _seconds(figures: list[float]) -> str:
    return "/".join(f"{f:.2f}" for f in figures) + " s"


def _generate(work: Path, region: str, schools: int, name: str) -> Path:
    facts = work / f"{name}.csv"
    started = time.perf_counter()
    generate(facts, region, schools)
    print(f"generated {schools} schools in {time.perf_counter() - started:.1f} s ({facts.stat().st_size / 1e6:.1f} MB)")
    return facts


def main() -> int:
    """Generate, then in each round assess, measure the compact floor and
    report (and assess twice the schools); print medians of the rounds'
    ratios, so that a machine's speed drifting between rounds moves both
    sides of each ratio."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--schools", type=int, default=100_000)
    parser.add_argument("--region", default="henan")
    parser.add_argument("--twice", action="store_true", help="also assess twice the schools (linearity)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds; each measures every command and the floor once, and medians are compared")
    parser.add_argument("--compact-floor", help=argparse.SUPPRESS)  # rows,schools,requirements: run the floor only
    parser.add_argument("--work", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.compact_floor:
        rows, schools, requirements = (int(n) for n in args.compact_floor.split(","))
        print(compact_floor_seconds(Path(args.work), rows, schools, requirements))
        return 0
    work = Path(tempfile.mkdtemp(prefix="xinli-bench-"))
    try:
        facts_one = _generate(work, args.region, args.schools, "one")
        facts_two = _generate(work, args.region, 2 * args.schools, "two") if args.twice else None
        rounds = []
        for n in range(args.repeat):
            one = assess_once(work, args.region, facts_one, f"one-{n}")
            if n == 0:
                print(one["summary"])
                conn = sqlite3.connect(one["db"])
                findings = conn.execute("select findings from runs where id = ?", [one["run_id"]]).fetchone()[0]
                requirements = conn.execute("select count(*) from requirements where run_id = ?",
                                            [one["run_id"]]).fetchone()[0]
                conn.close()
                naive = args.schools * requirements  # one finding per school and requirement
            floor = compact_floor_in_child(work, naive, args.schools, requirements)
            report, report_mb = report_once(work, one["db"], f"one-{n}")
            two = assess_once(work, args.region, facts_two, f"two-{n}") if facts_two is not None else None
            rounds.append({"one": one, "floor": floor, "report": report, "report_mb": report_mb, "two": two})
            print(f"round {n + 1}: assess {one['elapsed']:.2f} s, compact floor {floor:.2f} s, report {report:.2f} s"
                  + (f", {2 * args.schools} schools {two['elapsed']:.2f} s" if two else ""))

        def median(key: Any) -> float:
            return statistics.median(key(r) for r in rounds)

        elapsed, compact, report = median(lambda r: r["one"]["elapsed"]), median(lambda r: r["floor"]), median(lambda r: r["report"])
        assess_ratio = median(lambda r: r["one"]["elapsed"] / r["floor"])
        report_ratio = median(lambda r: r["report"] / r["floor"])
        peak = max(r["one"]["peak_mb"] for r in rounds)
        write = median(lambda r: r["one"]["timings"].get("findings_write", 0.0))
        floor, rows = floor_seconds(rounds[0]["one"]["db"], rounds[0]["one"]["run_id"])
        print(f"medians of {args.repeat} rounds (ratios taken within each round)")
        print(f"end to end         {elapsed:8.2f} s   ({assess_ratio:.2f}x compact floor, target <= 1.5x)")
        print(f"schools/s          {args.schools / elapsed:10.0f}")
        print(f"findings/s         {findings / elapsed:10.0f}   ({findings} findings)")
        print(f"peak memory        {peak:8.0f} MB  (target <= 250 MB)")
        print(f"schools write      {write:8.2f} s   (inside the run: each school with its facts and packed findings)")
        print(f"xinli's floor      {floor:8.2f} s   ({rows} school rows into xinli's schema; write / floor "
              f"{write / floor:.2f})")
        print(f"compact floor      {compact:8.2f} s   ({naive} naive rows of five integers, bare table)")
        print(f"report (json)      {report:8.2f} s   ({report_ratio:.2f}x compact floor, target <= 0.5x; "
              f"peak {max(r['report_mb'] for r in rounds):.0f} MB)")
        ok = assess_ratio <= 1.5 and peak <= 250 and report_ratio <= 0.5
        if facts_two is not None:
            ratio = median(lambda r: r["two"]["elapsed"] / r["one"]["elapsed"])
            two_elapsed = median(lambda r: r["two"]["elapsed"])
            print(f"{2 * args.schools} schools  {two_elapsed:8.2f} s   ({ratio:.2f}x {args.schools}, target <= 2.2x; "
                  f"peak {max(r['two']['peak_mb'] for r in rounds):.0f} MB, target <= 250 MB)")
            ok = ok and ratio <= 2.2 and max(r["two"]["peak_mb"] for r in rounds) <= 250
        print("targets met" if ok else "targets MISSED")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
