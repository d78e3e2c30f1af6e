"""Each school's findings evaluated into the packed form a run stores
(:mod:`xinli.core.records.packed`), on as many processors as help, and
staged on disk until the run is written.

Evaluating a province (100,000 schools, 3.7 million findings) is pure
Python and the largest part of ``assess``.  Schools are independent, so on
a machine with two or more processors a large run is split: a forked
child evaluates the first half of a CSV file while this process reads and
evaluates the rest (:class:`EarlyStart`), or, for other files, the later
half once everything is read (:func:`pack_all`).  Each part writes its
schools' rows -- identity, facts, counts, packed findings -- into a scratch
SQLite file of its own, so no process holds a province's evaluated rows in
memory and nothing but a small summary passes between them; the run's
write copies the parts into the records database in one statement each.
The outcome is identical to evaluating in turn (a test compares both);
wherever forking is unavailable, or the child fails, the schools are
evaluated here.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from attrs import define, field

from xinli.core.assessment.facts import format_grades
from xinli.core.assessment.statuses import PROVENANCE_MASK, PROVENANCE_SHIFT, REASON_SHIFT, STATUS_MASK, school_tallies
from xinli.core.errors import XinliError

#: A run with fewer schools is evaluated in this process alone: starting a
#: child costs more than it saves.
PARALLEL_FROM = 20_000
#: Rows written to a part file at a time.
STAGE_BATCH = 2_000
#: The columns of a staged school, in the order ``schools`` stores them
#: after its id and run (:func:`xinli.core.records.database.write_run`).
STAGED_COLUMNS = ("school_id", "school_name", "grades", "facts", "counts", "provenance_counts", "finding_codes",
                  "finding_observed")


@define
class Packed:
    """What evaluating schools gave besides their staged rows: every packed
    code counted (``codes``), the detail texts of school findings,
    ``(school index, requirement index, text)``, and the part files holding
    the rows, in school order."""

    codes: Counter[int] = field(factory=Counter)
    details: list[tuple[int, int, str]] = field(factory=list)
    parts: list[Path] = field(factory=list)

    def extend(self, other: Packed) -> None:
        """Add the schools ``other`` evaluated after these."""
        self.codes.update(other.codes)
        self.details += other.details
        self.parts += other.parts


class _Rows:
    """Turns evaluated schools into staged rows (the per-school work of
    :func:`pack_schools`), remembering each distinct tally and grade band."""

    def __init__(self, evaluator: Any, prepared: list[tuple[Any, ...]]) -> None:
        self.evaluator = evaluator
        self.prepared = prepared
        self.encode = json.JSONEncoder(separators=(",", ":")).encode
        self.encode_text = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        self.tallies: dict[bytes, tuple[str, str | None]] = {}
        self.bands: dict[tuple[int, ...], str] = {}
        # one byte per finding: its status, and its provenance above it (0 = measured)
        self.keep = PROVENANCE_MASK << PROVENANCE_SHIFT | STATUS_MASK
        self.shift = PROVENANCE_SHIFT - REASON_SHIFT

    def row(self, index: int, school: Any) -> tuple[tuple[Any, ...], list[int]]:
        """``(staged row, packed codes)`` of school ``index``."""
        grades = self.bands.get(school.grades)
        if grades is None:
            grades = self.bands[school.grades] = format_grades(school.grades)
        head = (index, school.school_id, school.school_name, grades, self.encode_text(school.values))
        rows = self.evaluator.compact_rows(school, index, self.prepared)
        if not rows:
            return (*head, None, None, None, None), []
        packed_values = [packed for _s, packed, _o in rows]
        # sorted, the key is the school's tally: a province's schools share a few thousand
        keep, shift = self.keep, self.shift
        key = bytes(sorted([(packed & keep) >> shift | packed & STATUS_MASK for packed in packed_values]))
        tallies = self.tallies.get(key)
        if tallies is None:
            tallies = self.tallies[key] = school_tallies(key)
        observed = [value for _s, _p, value in rows]
        return (*head, tallies[0], tallies[1], self.encode(packed_values),
                self.encode_text(observed) if observed.count(None) != len(observed) else None), packed_values


def _open_part(path: Path) -> sqlite3.Connection:
    """A new scratch file for staged rows: no journal, no syncing (it is
    thrown away if anything goes wrong), a small page cache."""
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -4096"):
        conn.execute(f"PRAGMA {pragma}")
    columns = ", ".join(f"{name} text" for name in STAGED_COLUMNS)
    conn.execute(f"create table staged (idx integer primary key, {columns})")
    return conn


def pack_schools(evaluator: Any, prepared: list[tuple[Any, ...]], schools: Sequence[Any], start: int, stop: int,
                 path: Path, progress: Callable[[Iterator[Any], int], Iterator[Any]] | None = None) -> Packed:
    """Evaluate ``schools[start:stop]`` (:meth:`SchoolEvaluator.compact_rows`)
    into staged rows written to a new part file at ``path``."""
    out = Packed(parts=[path])
    details_before = len(evaluator.details)
    make = _Rows(evaluator, prepared)
    codes = out.codes
    iterator: Iterator[Any] = zip(range(start, stop), schools[start:stop], strict=True)
    if progress is not None:
        iterator = progress(iterator, stop - start)
    insert = f"insert into staged values ({', '.join('?' * (len(STAGED_COLUMNS) + 1))})"
    try:
        conn = _open_part(path)
        try:
            conn.execute("BEGIN")
            batch = []
            for index, school in iterator:
                row, packed_values = make.row(index, school)
                codes.update(packed_values)
                batch.append(row)
                if len(batch) >= STAGE_BATCH:
                    conn.executemany(insert, batch)
                    batch = []
            conn.executemany(insert, batch)
            conn.execute("COMMIT")
        finally:
            conn.close()
    except sqlite3.Error as exc:  # a full disk, a scratch directory gone
        raise XinliError(f"{path.parent}: cannot write a scratch file: {exc}") from None
    out.details = evaluator.details[details_before:]
    return out


def pack_all(evaluator: Any, prepared: list[tuple[Any, ...]], schools: Sequence[Any], work: Path,
             progress: Callable[[Iterator[Any], int], Iterator[Any]] | None = None,
             parallel_from: int | None = None) -> Packed:
    """Every school evaluated (:func:`pack_schools`) into part files in the
    directory ``work``, the later half in a forked child when there are at
    least ``parallel_from`` schools and two processors; the progress bar
    follows this process's half."""
    total = len(schools)
    if parallel_from is None:
        parallel_from = PARALLEL_FROM
    if total < parallel_from or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return pack_schools(evaluator, prepared, schools, 0, total, work / "all.db", progress)
    middle = total // 2
    child = _start_child(evaluator, prepared, schools, middle, total, work / "later.db")
    if child is None:
        return pack_schools(evaluator, prepared, schools, 0, total, work / "all.db", progress)
    pid, reader = child
    try:
        first = pack_schools(evaluator, prepared, schools, 0, middle, work / "first.db", progress)
        later = _child_result(pid, reader)
    except BaseException:
        _stop_child(pid)
        raise
    finally:
        reader.close()
    if later is None:  # the child failed: evaluate its part here
        later = pack_schools(evaluator, prepared, schools, middle, total, work / "later-again.db")
    first.extend(later)
    return first


class EarlyStart:
    """Evaluating a large CSV file's first half while its second is read.

    Handed to :func:`xinli.core.assessment.facts.read_facts` as its
    ``halfway`` hook: with enough schools and two processors it forks a
    child evaluating the schools read so far into a part file in ``work``.
    The child knows no waivers or attestations (they are read after the
    facts), so :meth:`finish` evaluates the schools that have one again,
    here, and puts their rows in its part.  :meth:`cancel` ends the child
    when the run stops early (bad input, a run already recorded, Ctrl-C)."""

    def __init__(self, evaluator: Any, prepared: list[tuple[Any, ...]], work: Path,
                 parallel_from: int | None = None) -> None:
        self.evaluator = evaluator
        self.prepared = prepared
        self.work = work
        self.parallel_from = PARALLEL_FROM if parallel_from is None else parallel_from
        self.count = 0
        self.child: tuple[int, Any] | None = None

    def __call__(self, schools: list[Any]) -> None:
        """The ``halfway`` hook: start the child on ``schools`` (all read so far)."""
        if self.child is not None or 2 * len(schools) < self.parallel_from or not hasattr(os, "fork") \
                or (os.cpu_count() or 1) < 2:
            return
        self.child = _start_child(self.evaluator, self.prepared, schools, 0, len(schools), self.work / "early.db")
        self.count = len(schools) if self.child is not None else 0

    def finish(self, evaluator: Any, prepared: list[tuple[Any, ...]], schools: Sequence[Any],
               progress: Callable[[Iterator[Any], int], Iterator[Any]] | None = None) -> Packed:
        """Every school evaluated with the run's own ``evaluator``: the
        child's part, with its schools that have a waiver or an attestation
        evaluated again, then the rest here (or, with no child, as
        :func:`pack_all` does)."""
        if self.child is None:
            return pack_all(evaluator, prepared, schools, self.work, progress, self.parallel_from)
        pid, reader = self.child
        try:
            later = pack_schools(evaluator, prepared, schools, self.count, len(schools), self.work / "rest.db",
                                 progress)
            first = _child_result(pid, reader)
        except BaseException:
            _stop_child(pid)
            raise
        finally:
            reader.close()
            self.child = None
        if first is None:  # the child failed: evaluate its part here
            first = pack_schools(evaluator, prepared, schools, 0, self.count, self.work / "early-again.db")
        else:
            special = {school_id for school_id, _req in evaluator.waivers} | {
                school_id for school_id, _req in evaluator.attestations}
            redo = [index for index in range(self.count) if schools[index].school_id in special] if special else []
            if redo:
                _evaluate_again(first, evaluator, prepared, schools, redo)
        first.extend(later)
        return first

    def cancel(self) -> None:
        """End the child, if one is still running."""
        if self.child is not None:
            pid, reader = self.child
            reader.close()
            _stop_child(pid)
            self.child = None


def _evaluate_again(packed: Packed, evaluator: Any, prepared: list[tuple[Any, ...]], schools: Sequence[Any],
                    indexes: list[int]) -> None:
    """Evaluate the schools at ``indexes`` again with ``evaluator`` and put
    their rows, codes and detail texts in place of those ``packed`` (one
    part file) holds for them."""
    make = _Rows(evaluator, prepared)
    redone = set(indexes)
    packed.details = [detail for detail in packed.details if detail[0] not in redone]
    conn = sqlite3.connect(packed.parts[0], isolation_level=None)
    setters = ", ".join(f"{name} = ?" for name in STAGED_COLUMNS)
    try:
        conn.execute("BEGIN")
        for index in indexes:
            (old,) = conn.execute("select finding_codes from staged where idx = ?", [index]).fetchone()
            if old is not None:
                packed.codes.subtract(json.loads(old))
            before = len(evaluator.details)
            row, packed_values = make.row(index, schools[index])
            packed.codes.update(packed_values)
            packed.details += evaluator.details[before:]
            conn.execute(f"update staged set {setters} where idx = ?", [*row[1:], index])
        conn.execute("COMMIT")
    finally:
        conn.close()
    packed.codes = +packed.codes  # only codes some finding still has


def _start_child(evaluator: Any, prepared: list[tuple[Any, ...]], schools: Sequence[Any], start: int,
                 stop: int, path: Path) -> tuple[int, Any] | None:
    """Fork a child evaluating ``schools[start:stop]`` into the part file
    ``path`` and writing its pickled :class:`Packed` summary to a pipe;
    ``(pid, reading end)``, or None when no child could be started."""
    try:
        read_fd, write_fd = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_fd)
        os.close(write_fd)
        return None
    if pid == 0:  # the child: evaluate, send, and leave without running any of the parent's clean-up
        status = 1
        try:
            os.close(read_fd)
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the child at once; the parent reports it
            result = pack_schools(evaluator, prepared, schools, start, stop, path)
            with os.fdopen(write_fd, "wb") as out:
                pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    return pid, os.fdopen(read_fd, "rb")


def _child_result(pid: int, reader: Any) -> Packed | None:
    """The child's summary, or None when it did not finish."""
    try:
        result = pickle.load(reader)
    except Exception:  # noqa: BLE001 -- a child that died gives an empty or cut pipe
        result = None
    _, status = os.waitpid(pid, 0)
    if status != 0 or not isinstance(result, Packed):
        return None
    return result


def _stop_child(pid: int) -> None:
    """End and reap a child whose result is no longer wanted."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
