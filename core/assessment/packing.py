"""Each school's findings evaluated into the packed form a run stores
(:mod:`xinli.core.records.packed`), on as many processors as help.

Evaluating a province (100,000 schools, 3.7 million findings) is pure
Python and the largest part of ``assess``.  Schools are independent, so on
a machine with two or more processors a large run is split: a forked
child evaluates the later schools while this process evaluates the first,
and the child's results come back through a pipe.  The outcome is
identical to evaluating in turn (a test compares both); wherever forking
is unavailable, or the child fails, the schools are evaluated here.
"""

from __future__ import annotations

import json
import os
import pickle
import signal
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from attrs import define, field

from xinli.core.assessment.statuses import PROVENANCE_MASK, PROVENANCE_SHIFT, REASON_SHIFT, STATUS_MASK, school_tallies

#: A run with fewer schools is evaluated in this process alone: starting a
#: child costs more than it saves.
PARALLEL_FROM = 20_000


@define
class PackedSchools:
    """Schools' findings as stored, aligned with the schools given: counts
    by status and by provenance (``schools.counts`` and
    ``provenance_counts``), the packed codes and observed values (None for
    a school without findings); every packed code counted (``codes``); and
    the detail texts of school findings, ``(school index, requirement
    index, text)``."""

    counts: list[str | None] = field(factory=list)
    sources: list[str | None] = field(factory=list)
    codes_texts: list[str | None] = field(factory=list)
    observed_texts: list[str | None] = field(factory=list)
    codes: Counter[int] = field(factory=Counter)
    details: list[tuple[int, int, str]] = field(factory=list)

    def replace(self, index: int, one: PackedSchools) -> None:
        """Put the one school ``one`` evaluated in place of school ``index``."""
        old_codes = self.codes_texts[index]
        if old_codes is not None:
            self.codes.subtract(json.loads(old_codes))
        self.codes.update(one.codes)
        self.counts[index] = one.counts[0]
        self.sources[index] = one.sources[0]
        self.codes_texts[index] = one.codes_texts[0]
        self.observed_texts[index] = one.observed_texts[0]
        self.details = [d for d in self.details if d[0] != index] + one.details

    def extend(self, other: PackedSchools) -> None:
        """Append the schools ``other`` evaluated after these."""
        self.counts += other.counts
        self.sources += other.sources
        self.codes_texts += other.codes_texts
        self.observed_texts += other.observed_texts
        self.codes.update(other.codes)
        self.details += other.details


def pack_schools(evaluator: Any, prepared: list[tuple[Any, ...]], schools: Sequence[Any], start: int, stop: int,
                 progress: Callable[[Iterator[Any], int], Iterator[Any]] | None = None) -> PackedSchools:
    """Evaluate ``schools[start:stop]`` (:meth:`SchoolEvaluator.compact_rows`)
    into their stored form."""
    out = PackedSchools()
    details_before = len(evaluator.details)
    encode = json.JSONEncoder(separators=(",", ":")).encode
    encode_observed = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    seen: dict[bytes, tuple[str, str | None]] = {}
    # one byte per finding: its status, and its provenance above it (0 = measured)
    keep = PROVENANCE_MASK << PROVENANCE_SHIFT | STATUS_MASK
    shift = PROVENANCE_SHIFT - REASON_SHIFT
    counts, sources, codes_texts, observed_texts = out.counts, out.sources, out.codes_texts, out.observed_texts
    codes = out.codes
    iterator: Iterator[Any] = zip(range(start, stop), schools[start:stop], strict=True)
    if progress is not None:
        iterator = progress(iterator, stop - start)
    for index, school in iterator:
        rows = evaluator.compact_rows(school, index, prepared)
        if not rows:
            counts.append(None)
            sources.append(None)
            codes_texts.append(None)
            observed_texts.append(None)
            continue
        packed_values = [packed for _s, packed, _o in rows]
        # sorted, the key is the school's tally: a province's schools share a few thousand
        tally_key = bytes(sorted([(packed & keep) >> shift | packed & STATUS_MASK for packed in packed_values]))
        tallies = seen.get(tally_key)
        if tallies is None:
            tallies = seen[tally_key] = school_tallies(tally_key)
        counts.append(tallies[0])
        sources.append(tallies[1])
        codes.update(packed_values)
        codes_texts.append(encode(packed_values))
        observed = [value for _s, _p, value in rows]
        observed_texts.append(encode_observed(observed) if observed.count(None) != len(observed) else None)
    out.details = evaluator.details[details_before:]
    return out


def pack_all(evaluator: Any, prepared: list[tuple[Any, ...]], schools: Sequence[Any],
             progress: Callable[[Iterator[Any], int], Iterator[Any]] | None = None,
             parallel_from: int | None = None) -> PackedSchools:
    """Every school evaluated (:func:`pack_schools`), the later half in a
    forked child when there are at least ``parallel_from`` schools and two
    processors; the progress bar follows this process's half."""
    total = len(schools)
    if parallel_from is None:
        parallel_from = PARALLEL_FROM
    if total < parallel_from or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return pack_schools(evaluator, prepared, schools, 0, total, progress)
    middle = total // 2
    child = _start_child(evaluator, prepared, schools, middle, total)
    if child is None:
        return pack_schools(evaluator, prepared, schools, 0, total, progress)
    pid, reader = child
    try:
        first = pack_schools(evaluator, prepared, schools, 0, middle, progress)
        later = _child_result(pid, reader)
    except BaseException:
        _stop_child(pid)
        raise
    finally:
        reader.close()
    if later is None:  # the child failed: evaluate its part here
        later = pack_schools(evaluator, prepared, schools, middle, total)
    first.extend(later)
    return first


class EarlyStart:
    """Evaluating a large CSV file's first half while its second is read.

    Handed to :func:`xinli.core.assessment.facts.read_facts` as its
    ``halfway`` hook: with enough schools and two processors it forks a
    child evaluating the schools read so far.  The child knows no waivers
    or attestations (they are read after the facts), so :meth:`finish`
    evaluates the schools that have one again, here.  :meth:`cancel` ends
    the child when the run stops early (bad input, a run already recorded,
    Ctrl-C)."""

    def __init__(self, evaluator: Any, prepared: list[tuple[Any, ...]], parallel_from: int | None = None) -> None:
        self.evaluator = evaluator
        self.prepared = prepared
        self.parallel_from = PARALLEL_FROM if parallel_from is None else parallel_from
        self.count = 0
        self.child: tuple[int, Any] | None = None

    def __call__(self, schools: list[Any]) -> None:
        """The ``halfway`` hook: start the child on ``schools`` (all read so far)."""
        if self.child is not None or 2 * len(schools) < self.parallel_from or not hasattr(os, "fork") \
                or (os.cpu_count() or 1) < 2:
            return
        self.child = _start_child(self.evaluator, self.prepared, schools, 0, len(schools))
        self.count = len(schools) if self.child is not None else 0

    def finish(self, evaluator: Any, prepared: list[tuple[Any, ...]], schools: Sequence[Any],
               progress: Callable[[Iterator[Any], int], Iterator[Any]] | None = None) -> PackedSchools:
        """Every school evaluated with the run's own ``evaluator``: the
        child's part, with its schools that have a waiver or an attestation
        evaluated again, then the rest here (or, with no child, as
        :func:`pack_all` does)."""
        if self.child is None:
            return pack_all(evaluator, prepared, schools, progress, self.parallel_from)
        pid, reader = self.child
        try:
            later = pack_schools(evaluator, prepared, schools, self.count, len(schools), progress)
            first = _child_result(pid, reader)
        except BaseException:
            _stop_child(pid)
            raise
        finally:
            reader.close()
            self.child = None
        if first is None:  # the child failed: evaluate its part here
            first = pack_schools(evaluator, prepared, schools, 0, self.count)
        else:
            special = {school_id for school_id, _req in evaluator.waivers} | {
                school_id for school_id, _req in evaluator.attestations}
            for index in range(self.count) if special else ():
                if schools[index].school_id in special:
                    first.replace(index, pack_schools(evaluator, prepared, schools, index, index + 1))
            first.codes = +first.codes  # only codes some finding still has
        first.extend(later)
        return first

    def cancel(self) -> None:
        """End the child, if one is still running."""
        if self.child is not None:
            pid, reader = self.child
            reader.close()
            _stop_child(pid)
            self.child = None


def _start_child(evaluator: Any, prepared: list[tuple[Any, ...]], schools: Sequence[Any], start: int,
                 stop: int) -> tuple[int, Any] | None:
    """Fork a child evaluating ``schools[start:stop]`` and writing its
    pickled :class:`PackedSchools` to a pipe; ``(pid, reading end)``, or
    None when no child could be started."""
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
            result = pack_schools(evaluator, prepared, schools, start, stop)
            with os.fdopen(write_fd, "wb") as out:
                pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    return pid, os.fdopen(read_fd, "rb")


def _child_result(pid: int, reader: Any) -> PackedSchools | None:
    """The child's evaluated schools, or None when it did not finish."""
    try:
        result = pickle.load(reader)
    except Exception:  # noqa: BLE001 -- a child that died gives an empty or cut pipe
        result = None
    _, status = os.waitpid(pid, 0)
    if status != 0 or not isinstance(result, PackedSchools):
        return None
    return result


def _stop_child(pid: int) -> None:
    """End and reap a child whose result is no longer wanted."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):
        pass
