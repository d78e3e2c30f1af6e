"""End-to-end speed of ``xinli assess`` on a whole province.

Run on demand (not part of the test suite)::

    python benchmarks/assess.py [--schools 100000] [--region henan]

Generates a realistic facts file (every metric the region's checks use,
mixed grade bands, about 5% unknown cells), runs ``xinli assess`` as a
separate process, and prints schools/s, findings/s and peak memory.  It then
measures, in the same run, the floor: plain ``sqlite3`` ``executemany`` of
the same finding rows into the same schema in one transaction.

Targets on a 2-core machine: 100,000 schools end to end in under 30 s; the
findings write within 1.5x of the floor; peak memory under 500 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
            writer.writerow(row)


def floor_seconds(db_path: Path, run_id: int) -> tuple[float, int]:
    """Time plain executemany of the run's finding rows into a fresh copy of
    the same schema, in one transaction, on a connection set up as xinli
    sets up its own (WAL, foreign keys enforced, same page cache), with the
    run's parent rows (run, schools, requirements) already in place."""
    source = sqlite3.connect(db_path)
    rows = source.execute(
        "select run_id, school, requirement, status, observed, detail from findings where run_id = ?", [run_id]
    ).fetchall()
    schema = [r[0] for r in source.execute(
        "select sql from sqlite_master where sql is not null and name not like 'sqlite_%' and type != 'view'")]
    source.close()
    target_path = db_path.with_name("floor.db")
    target = sqlite3.connect(target_path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "foreign_keys = ON", f"cache_size = {CACHE_SIZE}"):
        target.execute(f"PRAGMA {pragma}")
    for statement in schema:
        target.execute(statement)
    target.execute("ATTACH DATABASE ? AS src", [str(db_path)])
    for table in ("runs", "schools", "requirements"):
        target.execute(f"insert into {table} select * from src.{table}")
    target.execute("DETACH DATABASE src")
    target.execute("BEGIN")
    started = time.perf_counter()
    target.executemany(
        "insert into findings (run_id, school, requirement, status, observed, detail) values (?, ?, ?, ?, ?, ?)", rows
    )
    target.execute("COMMIT")
    elapsed = time.perf_counter() - started
    target.close()
    return elapsed, len(rows)


def main() -> int:
    """Generate, assess, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--schools", type=int, default=100_000)
    parser.add_argument("--region", default="henan")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="xinli-bench-"))
    try:
        facts = work / "facts.csv"
        started = time.perf_counter()
        generate(facts, args.region, args.schools)
        print(f"generated {args.schools} schools in {time.perf_counter() - started:.1f} s ({facts.stat().st_size / 1e6:.1f} MB)")
        script = Path(sys.executable).with_name("xinli")
        command = [str(script) if script.exists() else "xinli", "assess", "--region", args.region, "--facts", str(facts),
                   "--db", str(work / "records.db"), "--as-of", "2026-11-01", "--timings"]
        started = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            print(result.stdout, result.stderr)
            return 1
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        timings = json.loads(result.stderr.strip().splitlines()[-1])
        run_id = int(result.stdout.split()[1].rstrip(":"))
        floor, findings = floor_seconds(work / "records.db", run_id)
        write = timings["findings_write"]
        print(result.stdout.strip())
        print(f"end to end        {elapsed:8.2f} s   (target < 30 s)")
        print(f"schools/s         {args.schools / elapsed:10.0f}")
        print(f"findings/s        {findings / elapsed:10.0f}   ({findings} findings)")
        print(f"peak memory       {peak_mb:8.0f} MB  (target < 500 MB)")
        print(f"findings write    {write:8.2f} s")
        print(f"floor executemany {floor:8.2f} s   (ratio {write / floor:.2f}, target <= 1.5)")
        started = time.perf_counter()
        reported = subprocess.run([command[0], "report", "--db", str(work / "records.db"), "--format", "json",
                                   "--output", str(work / "report.json")], capture_output=True, text=True)
        print(f"report (json)     {time.perf_counter() - started:8.2f} s   (exit {reported.returncode}; no target)")
        ok = elapsed < 30 and peak_mb < 500 and write <= 1.5 * floor
        print("targets met" if ok else "targets MISSED")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
