"""Faults with real processes: four writers on one database, a concurrent
duplicate, and ``kill -9`` during a write.  Inputs are small so the tests
stay quick; the write lock is held by the test itself so that the
interesting moments (every writer waiting, a writer mid-transaction)
happen for certain rather than by luck."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_assess_cli import filled_template, to_csv

from xinli.core.records.database import open_database


def xinli_command() -> list[str]:
    script = Path(sys.executable).with_name("xinli")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from xinli.cli.main import cli; cli()"]


def facts_file(run, path: Path, schools: int, tag: str) -> Path:
    header, rows = filled_template(run)
    out = []
    for n in range(schools):
        row = list(rows[n % len(rows)])
        row[0], row[1] = f"{tag}{n:05}", f"{tag}学校{n}"
        out.append(row)
    path.write_text(to_csv(header, out), encoding="utf-8")
    return path


def start(args: list[str], tmp_path: Path, name: str) -> tuple[subprocess.Popen, Path]:
    err = tmp_path / f"{name}.err"
    env = {**os.environ, "XINLI_PLUGINS": "henan"}
    process = subprocess.Popen([*xinli_command(), *args], stdout=subprocess.PIPE, stderr=err.open("w"), text=True, env=env)
    return process, err


def wait_for(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


def first_run(run, tmp_path: Path) -> Path:
    db = tmp_path / "records.db"
    facts = facts_file(run, tmp_path / "first.csv", 5, "F")
    result = run("assess", "--region", "henan", "--facts", str(facts), "--db", str(db), "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    return db


def holding_the_write_lock(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    return conn


def test_four_writers_wait_for_the_lock_and_a_duplicate_is_answered(run, tmp_path):
    db = first_run(run, tmp_path)
    inputs = [facts_file(run, tmp_path / f"{tag}.csv", 20, tag) for tag in ("A", "B", "C")]
    lock = holding_the_write_lock(db)
    writers = []
    for n, facts in enumerate([*inputs, inputs[0]]):
        writers.append(start(["assess", "--region", "henan", "--facts", str(facts), "--db", str(db),
                              "--as-of", "2026-11-01", "--lang", "en"], tmp_path, f"w{n}"))
    try:
        wait_for(lambda: all("waiting for it to finish" in err.read_text(encoding="utf-8") for _p, err in writers))
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    outputs = []
    for process, err in writers:
        stdout, _ = process.communicate(timeout=120)
        assert process.returncode == 0, (stdout, err.read_text(encoding="utf-8"))
        outputs.append(stdout)
    created = [o for o in outputs if "already holds" not in o]
    assert len(created) == 3
    duplicate = [o for o in outputs if "already holds this assessment" in o]
    assert len(duplicate) == 1
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("select count(*) from runs").fetchone()[0] == 4
    for run_id, findings in conn.execute("select id, findings from runs"):
        assert conn.execute("select count(*) from findings where run_id = ?", [run_id]).fetchone()[0] == findings


@pytest.mark.parametrize("delay", [0.1])
def test_kill_9_during_the_write_leaves_earlier_runs_intact(run, tmp_path, delay):
    db = first_run(run, tmp_path)
    conn = sqlite3.connect(db)
    before = conn.execute("select count(*) from findings where run_id = 1").fetchone()[0]
    conn.close()
    facts = facts_file(run, tmp_path / "big.csv", 800, "K")
    lock = holding_the_write_lock(db)
    process, err = start(["assess", "--region", "henan", "--facts", str(facts), "--db", str(db), "--as-of", "2026-11-01"],
                         tmp_path, "killed")
    try:
        wait_for(lambda: "等待其完成" in err.read_text(encoding="utf-8"))
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    time.sleep(delay)  # let it into the write transaction
    process.kill()
    process.wait(timeout=30)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("select count(*) from findings where run_id = 1").fetchone()[0] == before
    for run_id, findings in conn.execute("select id, findings from runs"):
        assert conn.execute("select count(*) from findings where run_id = ?", [run_id]).fetchone()[0] == findings
    conn.close()
    open_database(db).close()  # still an xinli database that opens for writing
