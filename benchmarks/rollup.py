"""Speed of ``xinli rollup``: 150 county databases holding 100,000 schools in
total rolled up into their province, against assessing those schools once.

Run on demand (not part of the test suite)::

    python benchmarks/rollup.py [--counties 150] [--schools 100000]

An invented province (one rule per built-in metric, two region-level
targets) and its counties are registered in-process; each county's schools
(mixed grade bands, about 5% unknown cells) are assessed into its own
database.  The benchmark then times, in the same process:

- assessing all the schools once, in one run against the province's rules
  (the baseline);
- rolling the 150 county databases up into the province;
- building the roll-up report.

Target on a 2-core machine: the roll-up takes no longer than the single
assessment.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from xinli.core import hookimpl
from xinli.core.assessment.facts import columns_for
from xinli.core.assessment.metrics import BUILTIN_METRICS, collect_metrics
from xinli.core.assessment.pipeline import assess
from xinli.core.assessment.rollup import rollup
from xinli.core.model import Check, Citation, Document, Jurisdiction, Requirement
from xinli.core.records.database import open_database
from xinli.core.records.rollup import rollup_report_data
from xinli.core.registry import load_plugins
from xinli.core.views.checklist import build_checklist

AS_OF = dt.date(2026, 11, 1)
GRADE_BANDS = ["1-6", "7-9", "10-12", "1-9", "7-12", "1-12"]
PROVINCE = "bench_province"


def _document(number: str) -> Document:
    return Document(number=number, title=("基准测试文件", "Benchmark notice"), issuer=("基准机关", "Benchmark issuer"),
                    date="2024-01-01")


class BenchProvince:
    """An invented province: one school rule per built-in metric and two
    region-level targets."""

    DOC = "基准〔2024〕1号"

    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(code=PROVINCE, name=("基准省", "Benchmark Province"), level="province",
                            documents=[_document(self.DOC)])

    @hookimpl
    def xinli_other_requirements(self):
        cite = Citation(PROVINCE, self.DOC, "一、1", "基准")
        rules = []
        for metric in BUILTIN_METRICS:
            if metric.type == "boolean":
                check = Check(metric.key, "true", per="standing")
            elif metric.unit == "share":
                check = Check(metric.key, ">=", "1/2", per="standing")
            else:
                check = Check(metric.key, ">=", 2, per="standing")
            rules.append(Requirement(id=f"{PROVINCE}.other.{metric.key.replace('_', '-')}", domain="other",
                                     text=(metric.label.zh, metric.label.en), level="required", duty_holder="school",
                                     citation=cite, check=check))
        rules.append(Requirement(id=f"{PROVINCE}.other.room-coverage", domain="other", text=("辅导室全覆盖", "room coverage"),
                                 level="required", duty_holder="education_authority", citation=cite,
                                 check=Check("has_counseling_room", "true", per="standing", count_per="region")))
        rules.append(Requirement(id=f"{PROVINCE}.other.plan-share", domain="other", text=("九成学校有预案", "9/10 plans"),
                                 level="required", duty_holder="education_authority", citation=cite,
                                 check=Check("crisis_plan_in_place", ">=", "9/10", per="standing", count_per="region")))
        return rules


class BenchCounty:
    """A county under the province with no rules of its own."""

    def __init__(self, code: str) -> None:
        self.code = code

    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(code=self.code, name=(f"基准县{self.code[-3:]}", self.code), level="county", parent=PROVINCE,
                            documents=[_document(f"{self.code}〔2024〕1号")])


def write_facts(path: Path, columns, schools: range, rng: random.Random) -> None:
    """A facts CSV for the schools numbered ``schools``."""
    types = {m.key: m.type for m in columns.metrics}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns.names)
        for n in schools:
            row = [f"S{n:06}", f"学校{n}", rng.choice(GRADE_BANDS)]
            row += [rng.choice(["是", "否"]) if key != "enrollment" else str(rng.randint(50, 3000)) for key in columns.attributes]
            values: dict[str, str] = {}
            for metric in columns.metrics:
                if rng.random() < 0.05:
                    values[metric.key] = ""
                elif types[metric.key] == "boolean":
                    values[metric.key] = rng.choice(["是", "否", "是"])
                elif metric.unit == "share":
                    values[metric.key] = f"{rng.random():.2f}"
                else:
                    values[metric.key] = str(rng.randint(0, 6))
            for metric in columns.metrics:  # keep the declared relations (fulltime <= total teachers)
                larger = metric.at_most
                if larger in values and values[metric.key] and values[larger] \
                        and float(values[metric.key]) > float(values[larger]):
                    values[larger] = values[metric.key]
            writer.writerow(row + [values[metric.key] for metric in columns.metrics])


def main() -> int:
    """Generate, assess, roll up, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", action="store_true", help="also print a profile of one roll-up")
    parser.add_argument("--counties", type=int, default=150)
    parser.add_argument("--schools", type=int, default=100_000)
    args = parser.parse_args()
    counties = [f"bench_c{n:03}" for n in range(1, args.counties + 1)]
    registry = load_plugins(entry_points=[], extra=[(PROVINCE, BenchProvince()), *((c, BenchCounty(c)) for c in counties)])
    work = Path(tempfile.mkdtemp(prefix="xinli-rollup-bench-"))
    try:
        rng = random.Random(7)
        metrics = collect_metrics(registry)
        columns = columns_for(build_checklist(registry, PROVINCE, AS_OF), metrics)
        per_county = -(-args.schools // args.counties)
        sources = []
        started = time.perf_counter()
        county_seconds = 0.0
        for index, code in enumerate(counties):
            numbers = range(index * per_county, min(args.schools, (index + 1) * per_county))
            facts = work / f"{code}.csv"
            write_facts(facts, columns, numbers, rng)
            begun = time.perf_counter()
            assess(registry, code, facts, work / f"{code}.db", AS_OF)
            county_seconds += time.perf_counter() - begun
            sources.append(work / f"{code}.db")
        print(f"generated and assessed {args.counties} county databases in {time.perf_counter() - started:.1f} s "
              f"(assessing: {county_seconds:.1f} s)")

        everything = work / "all.csv"
        write_facts(everything, columns, range(args.schools), random.Random(7))
        started = time.perf_counter()
        once = assess(registry, PROVINCE, everything, work / "once.db", AS_OF)
        assess_seconds = time.perf_counter() - started

        target = work / "province.db"
        if args.profile:  # into a database of its own, before the timed roll-up
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(rollup, registry, PROVINCE, work / "profiled.db", sources)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        started = time.perf_counter()
        result = rollup(registry, PROVINCE, target, sources)
        rollup_seconds = time.perf_counter() - started
        started = time.perf_counter()
        data = rollup_report_data(open_database(target, create=False))
        report_seconds = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size_mb = sum(p.stat().st_size for p in sources) / 1e6

        print(f"sources           {result.sources} databases, {result.schools} schools, {size_mb:.0f} MB")
        print(f"assess once       {assess_seconds:8.2f} s   ({once.schools} schools, {once.findings} findings; baseline)")
        print(f"roll-up           {rollup_seconds:8.2f} s   (ratio {rollup_seconds / assess_seconds:.2f}, target <= 1)")
        print(f"roll-up report    {report_seconds:8.2f} s   ({len(data['subregions'])} sub-regions, "
              f"{len(data['targets'])} targets; no target)")
        print(f"peak memory       {peak_mb:8.0f} MB  (whole benchmark process)")
        for target_row in data["targets"]:
            print(f"  {target_row['requirement_id']}: {target_row['status']} {target_row['observed']}")
        ok = rollup_seconds <= assess_seconds and result.schools == args.schools
        print("targets met" if ok else "targets MISSED")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
