"""Rolling county records up into a city's or province's view.

:func:`rollup` reads each source database's newest run (or a chosen one),
read-only; checks through the plugins that its region is the target or lies
under it; and records in the target database one row per source run with
its provenance, the source's counts per requirement and own region
findings, and the school-level statuses behind the target region's own
region-level targets, which are then judged over all rolled-up schools.

Every source is read and checked before the target is opened, so a refused
source leaves the target byte-for-byte unchanged.  Mismatches that do not
stop a roll-up (different as-of dates, different versions of an ancestor's
rules, one region twice, one school in two sources) become warnings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from attrs import frozen

from xinli.core.errors import UnknownRegionError, XinliError
from xinli.core.registry import Registry

#: Files ``--from DIR`` picks up.
SOURCE_SUFFIXES = (".db", ".sqlite", ".sqlite3")


@frozen
class RollupResult:
    """What a roll-up did: its id, whether it was new, and what it holds."""

    rollup_id: int
    created: bool
    sources: int
    schools: int
    warnings: list[dict[str, Any]]


def ancestors(registry: Registry, code: str) -> list[str]:
    """``code``'s ancestors, nearest first, as the plugins declare them
    (:func:`xinli.core.layering.ancestry_codes`: the declared ``ancestors``,
    installed or not, continued by the installed ones' own declarations; a
    plugin naming only its ``parent`` gives that parent and, when it is
    installed, its line).

    The one place roll-ups learn the hierarchy."""
    from xinli.core.layering import ancestry_codes

    return ancestry_codes(registry, code)


def is_within(registry: Registry, region: str, target: str) -> bool:
    """True when ``region`` is ``target`` or lies under it."""
    return region == target or target in ancestors(registry, region)


def sources_in(directory: str | Path, skipped: list[dict[str, Any]] | None = None) -> list[Path]:
    """The database files in ``directory`` (``*.db``, ``*.sqlite``,
    ``*.sqlite3``, the extension in any case), sorted by name.  Every other
    entry but SQLite's own companions (``-wal``, ``-shm``, ``-journal``)
    and subdirectories is added to ``skipped`` as a warning naming it and
    why: another extension, a broken symbolic link, not a regular file."""
    from xinli.core.errors import Said

    folder = Path(directory)
    if not folder.is_dir():
        raise XinliError(f"{folder}: no such directory")
    found = []
    for path in sorted(folder.iterdir()):
        reason = None
        if path.is_symlink() and not path.exists():
            reason = Said("skip_broken_link")
        elif path.is_dir():
            continue
        elif path.suffix.lower() not in SOURCE_SUFFIXES:
            if path.name.endswith(("-wal", "-shm", "-journal")):
                continue
            reason = Said("skip_extension")
        elif not path.is_file():
            reason = Said("skip_not_file")
        if reason is None:
            found.append(path)
        elif skipped is not None:
            said = Said("from_skipped", name=path.name, reason=reason)
            skipped.append(_message("skipped-in-from", said.in_lang("zh"), said.in_lang("en"), file=path.name))
    return found


def _message(code: str, zh: str, en: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": {"zh": zh, "en": en}, **extra}


def _target_name(registry: Registry, region: str) -> tuple[str, str]:
    """The target's name (zh, en): its plugin's, else the name a child plugin
    gives its declared parent.  A target neither installed nor declared as
    an ancestor by an installed plugin is an unknown region."""
    if region in registry.plugins:
        name = registry.plugins[region].jurisdiction.name
        return name.zh, name.en
    for code in registry.codes:
        if region in ancestors(registry, code):
            jurisdiction = registry.plugins[code].jurisdiction
            if jurisdiction.parent == region and jurisdiction.parent_name is not None:
                return jurisdiction.parent_name.zh, jurisdiction.parent_name.en
    for code in registry.codes:
        if region in ancestors(registry, code):
            return region, region
    raise UnknownRegionError(region, registry.codes)


def _target_chain(registry: Registry, region: str) -> list[Any]:
    """The installed plugins of the target's line (itself and its installed
    ancestors); none when the target itself is not installed."""
    if region not in registry.plugins:
        return []
    from xinli.core.layering import lineage

    return list(lineage(registry, region).chain)


def _match(spec: str, path: Path) -> bool:
    return spec in (str(path), path.name) or Path(spec).resolve() == path.resolve()


def _check_region(registry: Registry, region: str, source_region: str, what: str) -> tuple[str, str]:
    """The source region's name, once it is known to be ``region`` or under it."""
    if source_region not in registry.plugins:
        from xinli.core.registry import unloaded_folder_hint

        hint = unloaded_folder_hint(source_region)
        raise XinliError(f"{what} is of region {source_region!r}, which is not loaded{hint}" if hint else
                         f"{what} is of region {source_region!r}, which is not installed; "
                         f"install its plugin so its place under {region!r} can be checked")
    if not is_within(registry, source_region, region):
        raise XinliError(f"{what} is of region {source_region!r}, which is not {region!r} and does not lie under it "
                         f"(its ancestors: {', '.join(ancestors(registry, source_region)) or 'none'})")
    name = registry.plugins[source_region].jurisdiction.name
    return name.zh, name.en


def _read_meta(registry: Registry, region: str, path: Path, run_id: int | None) -> list[dict[str, Any]]:
    """Open a source read-only, read its run's provenance and check its
    region.  A database holding only roll-ups (a city's, sent on) gives the
    source runs its newest roll-up (or roll-up ``run_id``) counted."""
    import sqlite3

    from xinli.core.records.database import open_readonly
    from xinli.core.records.rollup import holds_rollups_only, nested_rollup, source_run

    conn = open_readonly(path)
    try:
        if holds_rollups_only(conn):
            outer, metas = nested_rollup(conn, run_id, str(path))
        else:
            outer, metas = None, [source_run(conn, run_id, str(path))]
    except sqlite3.DatabaseError as exc:
        raise _unusable(path, exc) from None
    finally:
        conn.close()
    if outer is not None:
        _check_region(registry, region, outer["region"], f"{path}: roll-up {outer['id']}")
    for meta in metas:
        what = (f"{path}: run {meta['source_run']}" if outer is None
                else f"{path}: roll-up {outer['id']}, source {meta['inner_file']}")
        name_zh, name_en = _check_region(registry, region, meta["region"], what)
        source_file = path.name if outer is None else f"{path.name}:{meta['inner_file']}"
        meta.update(source_file=source_file, path=path, region_name_zh=name_zh, region_name_en=name_en,
                    superseded_by=None, outer=outer)
    return metas


def _unusable(path: Any, exc: Exception) -> XinliError:
    """A source database error as the one line the user sees: an
    interrupted (too long) query is said so, anything else is a damaged file."""
    from xinli.core.errors import Refusal
    from xinli.core.records.database import SOURCE_QUERY_SECONDS

    if "interrupted" in str(exc):
        return Refusal("source_query_interrupted", path=str(path), seconds=f"{SOURCE_QUERY_SECONDS:g}")
    return XinliError(f"{path}: not a usable xinli database (corrupted?): {exc}")


def _fact_ok(kind: str, value: Any) -> bool:
    """True when a stored fact has the type of its kind once SQLite's JSON
    functions read it (a yes/no fact arrives as 1 or 0)."""
    import math

    if value is None or kind == "any":
        return True
    if kind in ("bool", "boolean"):
        return value in (0, 1) and not isinstance(value, float)
    if kind in ("int", "integer"):
        return isinstance(value, int) and value >= 0
    if kind == "number":
        return isinstance(value, int | float) and math.isfinite(value) and value >= 0
    if kind == "date":
        try:
            dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            return False
        return True
    return isinstance(value, str)


def _check_rules(registry: Registry, source: dict[str, Any], conn: Any) -> None:
    """Refuse a source whose region label does not match its rules: its
    requirements must come from its region or that region's ancestors;
    and where it was assessed with the very plugin versions installed
    here (each with a version number), its rules digest and fact columns must be what those plugins
    give for its region and as-of date."""
    from xinli.core.assessment.facts import columns_for
    from xinli.core.assessment.metrics import collect_metrics
    from xinli.core.assessment.pipeline import rules_digest
    from xinli.core.layering import chain_of
    from xinli.core.records.rollup import fact_columns, inconsistent
    from xinli.core.views.checklist import build_checklist

    region = source["region"]
    name = str(source["path"])
    line = {region, *ancestors(registry, region)}
    others = sorted({item["jurisdiction"] for item in source["items"]} - line - {None})
    if others:
        raise inconsistent(name, source["source_run"], "why_region_rules", others=", ".join(others), region=region)
    chain = chain_of(registry, region)[0]
    installed = {p.code: f"{p.distribution or '-'} {p.version or '-'}" for p in chain}
    if source["plugins"] != installed or any(p.version is None for p in chain):
        return  # other (or unversioned) plugins: the ancestor-rules warnings tell
    try:
        as_of = dt.date.fromisoformat(source["as_of"])
    except (TypeError, ValueError):
        raise inconsistent(name, source["source_run"], "why_rules_digest", region=region, as_of=source["as_of"]) from None
    checklist = build_checklist(registry, region, as_of)
    if rules_digest(checklist) != source["rules_sha256"]:
        raise inconsistent(name, source["source_run"], "why_rules_digest", region=region, as_of=source["as_of"])
    recorded = fact_columns(conn, source["source_run"], name)
    if recorded is not None:
        columns = columns_for(checklist, collect_metrics(registry, chain))
        if recorded != columns.value_keys:
            raise inconsistent(name, source["source_run"], "why_fact_columns", region=region)


def _read_body(source: dict[str, Any], targets: list[Any], keys: list[str],
               rules: dict[str, tuple[Any, ...]] | None = None, registry: Registry | None = None,
               kinds_of: dict[str, str] | None = None) -> None:
    """Read a source's per-requirement counts and, for each school, its
    status towards each checkable target (facts are read, never copied).
    A yes/no fact arrives from SQLite's JSON functions as 1 or 0, which
    counts and compares exactly as True or False."""
    import sqlite3

    from xinli.core.assessment.assess import region_school_status
    from xinli.core.assessment.facts import parse_grades
    from xinli.core.records.database import open_readonly
    from xinli.core.records.rollup import inconsistent, source_items, source_schools

    conn = open_readonly(source["path"])
    name = str(source["path"])
    if source["outer"] is not None:
        try:
            _read_nested_body(conn, source, targets, rules or {})
        except sqlite3.DatabaseError as exc:
            raise _unusable(source["path"], exc) from None
        finally:
            conn.close()
        return
    try:
        source["items"] = source_items(conn, source["source_run"], source, name)
        if registry is not None:
            _check_rules(registry, source, conn)
        statuses: list[tuple[str, str, str]] = []
        school_ids: list[str] = []
        # only the facts the targets read (pulled out by SQLite), each grades text parsed once
        needed = sorted({req.metric_index for req in targets} | {c for req in targets for c in req.reads})
        kinds = [(kinds_of or {}).get(keys[i], "any") for i in needed]
        grades_of: dict[str, tuple[int, ...]] = {}
        values: list[Any] = [None] * len(keys)
        for school_id, grades_text, *picked in source_schools(conn, source["source_run"], [keys[i] for i in needed], name):
            school_ids.append(school_id)
            if not targets:
                continue
            for index, value, kind in zip(needed, picked, kinds, strict=True):
                if not _fact_ok(kind, value):
                    raise inconsistent(name, source["source_run"], "why_fact_type", school=school_id, fact=keys[index],
                                       value=repr(value)[:40], kind=kind)
                values[index] = value
            grades = grades_of.get(grades_text)
            if grades is None:
                grades = grades_of[grades_text] = parse_grades(grades_text or "1-12")
            for req in targets:
                statuses.append((school_id, req.id, region_school_status(req, grades, values)))
        source["statuses"] = statuses
        source["school_ids"] = school_ids
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise _unusable(source["path"], exc) from None
    finally:
        conn.close()


def _read_nested_body(conn: Any, source: dict[str, Any], targets: list[Any], rules: dict[str, tuple[Any, ...]]) -> None:
    """A source that reached us inside another roll-up: its counts as that
    roll-up recorded them, and its schools' statuses towards each target
    that roll-up judged under the same rule (same expectation, share and
    citation).  Targets it did not record are listed in ``missing``."""
    from xinli.core.records.rollup import nested_items, nested_school_ids, nested_statuses, verify_totals

    source["items"] = nested_items(conn, source["nested"])
    verify_totals(source["items"], source, str(source["path"]), source["source_run"], source["schools"])
    definitions = source["outer"]["definitions"]
    same, missing = [], []
    for req in targets:
        (same if definitions.get(req.id) == rules[req.id] else missing).append(req.id)
    source["statuses"] = nested_statuses(conn, source["nested"], same)
    source["missing"] = missing
    source["school_ids"] = nested_school_ids(conn, source["nested"])


def _dedupe(sources: list[dict[str, Any]], prefer: Iterable[str]) -> list[dict[str, Any]]:
    """One source per region: the preferred one, else the newest (as-of
    date, then recording time); the others are marked superseded."""
    preferred = list(prefer)
    warnings = []
    by_region: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for source in sources:
        by_region[source["region"]].append(source)
    for region, group in by_region.items():
        if len(group) < 2:
            continue
        chosen = [s for s in group if any(_match(spec, s["path"]) for spec in preferred)]
        if len(chosen) > 1:
            raise XinliError(f"--prefer names {len(chosen)} sources of region {region!r}; prefer one")
        winner = chosen[0] if chosen else max(group, key=lambda s: (s["as_of"], s["created"]))
        losers = [s for s in group if s is not winner]
        for loser in losers:
            loser["superseded_by"] = winner["source_file"]
        why_zh = "按 --prefer 指定" if chosen else "取评估日期最新者"
        why_en = "as told by --prefer" if chosen else "the latest as-of date wins"
        names = ", ".join(f"{s['source_file']} (run {s['source_run']}, {s['as_of']})" for s in losers)
        warnings.append(_message(
            "same-region-twice",
            f"辖区 {region} 有 {len(group)} 个来源；采用 {winner['source_file']}（{why_zh}），未计入：{names}。",
            f"region {region} comes from {len(group)} sources; {winner['source_file']} is used ({why_en}); left out: {names}.",
            region=region))
    return warnings


def _as_of_warning(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    dates: dict[str, list[str]] = defaultdict(list)
    for source in sources:
        dates[source["as_of"]].append(source["region"])
    if len(dates) < 2:
        return []
    listed = "; ".join(f"{date}: {', '.join(regions)}" for date, regions in sorted(dates.items()))
    return [_message("different-as-of", f"各来源的评估日期不同（{listed}）。", f"sources were assessed as of different dates ({listed}).",
                     dates={date: regions for date, regions in sorted(dates.items())})]


def _fingerprint(item: dict[str, Any]) -> str:
    fields = [item[k] for k in ("level", "scope", "expected", "document", "clause", "text_zh")]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode()).hexdigest()[:16]


def _ancestor_rules_warnings(registry: Registry, region: str, sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sources that applied different versions of a shared ancestor's rules
    (the target's, its ancestors', or a city's between the target and its
    counties): different plugin versions recorded, or the same requirement
    of that jurisdiction written differently."""
    lineage = {id(source): {source["region"], *ancestors(registry, source["region"])} for source in sources}
    codes = [region, *ancestors(registry, region)] if region in registry.plugins else [region]
    for source in sources:
        codes += [code for code in reversed(ancestors(registry, source["region"])) if code not in codes]
    warnings = []
    for code in codes:
        group = [source for source in sources if code in lineage[id(source)]]
        if len(group) < 2:
            continue
        versions: dict[str, list[str]] = defaultdict(list)
        for source in group:
            if code in source["plugins"]:
                versions[source["plugins"][code]].append(source["region"])
        items: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for source in group:
            for item in source["items"]:
                if item["jurisdiction"] == code:
                    items[item["requirement_id"]][_fingerprint(item)].append(source["region"])
        differing = sorted(req for req, prints in items.items() if len(prints) > 1)
        if len(versions) < 2 and not differing:
            continue
        listed = "; ".join(f"{version}: {', '.join(regions)}" for version, regions in sorted(versions.items()))
        shown = ", ".join(differing[:5]) + (f" … (+{len(differing) - 5})" if len(differing) > 5 else "")
        zh = f"各来源采用的 {code} 规则版本不同（{listed}）" + (f"；写法不同的要求：{shown}" if differing else "") + "。"
        en = f"sources applied different versions of {code}'s rules ({listed})" + (
            f"; requirements written differently: {shown}" if differing else "") + "."
        warnings.append(_message("different-ancestor-rules", zh, en, jurisdiction=code,
                                 versions={v: r for v, r in sorted(versions.items())}, requirements=differing))
    return warnings


def _missing_warnings(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Targets a city's roll-up did not judge under the same rule."""
    warnings = []
    for source in sources:
        for requirement in source.get("missing", ()):
            warnings.append(_message(
                "target-not-in-source-rollup",
                f"{source['source_file']} 所在的汇总没有按相同规则评估 {requirement}：其 {source['schools']} 所学校在该目标中计为未知。",
                f"the roll-up holding {source['source_file']} did not judge {requirement} under the same rule: its "
                f"{source['schools']} schools count as unknown towards it.", requirement=requirement, source=source["source_file"]))
    return warnings


def _duplicate_schools(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, str] = {}
    clashes: Counter[tuple[str, str]] = Counter()
    examples: list[str] = []
    for source in sources:
        for school_id in source["school_ids"]:
            other = seen.setdefault(school_id, source["region"])
            if other != source["region"]:
                clashes[(other, source["region"])] += 1
                if len(examples) < 5:
                    examples.append(school_id)
    if not clashes:
        return []
    total = sum(clashes.values())
    pairs = ", ".join(f"{a}/{b}" for a, b in sorted(clashes))
    return [_message("school-in-two-sources",
                     f"{total} 个学校代码同时出现在两个辖区的来源中（{pairs}），例如 {', '.join(examples)}；这些学校被重复计数。",
                     f"{total} school ids appear in the sources of two regions ({pairs}), e.g. {', '.join(examples)}; "
                     "those schools are counted twice.", count=total)]


def rollup(
    registry: Registry,
    region: str,
    db_path: str | Path,
    source_paths: list[Path],
    run_of: dict[str, int] | None = None,
    prefer: Iterable[str] = (),
    as_of: dt.date | None = None,
    progress: Callable[[Iterator[Any], int], Iterator[Any]] | None = None,
    skipped: Iterable[dict[str, Any]] = (),
) -> RollupResult:
    """Roll the runs in ``source_paths`` up into ``region``'s view, recorded
    in ``db_path``.  ``run_of`` maps a source (path or file name) to the run
    to take instead of its newest; ``prefer`` names the sources that win
    when one region comes twice; ``as_of`` (default: the latest source
    as-of date) is the date the target's own targets are judged on;
    ``skipped`` are warnings about files ``--from`` did not take
    (:func:`sources_in`), recorded with the roll-up's own.

    Sources are verified, not believed: counts are recounted from each
    run's findings and its provenance must agree with them; its region
    must match its rules; its facts must have their types; a source
    written by a newer xinli, or holding a view where xinli keeps a table,
    is refused; every query on a source is bounded in time.

    Raises :class:`XinliError` (nothing written) for a source that is not an
    xinli database, is corrupted, holds no such run, or belongs to a region
    that is neither ``region`` nor under it.  Re-running the same roll-up
    records nothing new and returns the earlier one.
    """
    import sqlite3

    from xinli.core import vocabulary as vocab
    from xinli.core.assessment.assess import compile_requirements
    from xinli.core.assessment.facts import columns_for
    from xinli.core.assessment.metrics import collect_metrics
    from xinli.core.assessment.pipeline import rules_digest
    from xinli.core.errors import Refusal
    from xinli.core.records.database import database_kind, is_sqlite_file, open_database, open_readonly
    from xinli.core.records.rollup import existing_rollup, write_rollup
    from xinli.core.views.checklist import build_checklist

    name_zh, name_en = _target_name(registry, region)
    target = Path(db_path)
    if not source_paths:
        raise XinliError("no source databases given; name them or use --from DIR")
    if target.exists() and target.stat().st_size:
        if not is_sqlite_file(target):
            raise XinliError(f"{target}: not an xinli database (not an SQLite file); choose another --db")
        if database_kind(target) != "xinli":  # an xinli target another roll-up is creating right now is fine
            open_readonly(target).close()
    run_of = dict(run_of or {})
    unmatched = [spec for spec in run_of if not any(_match(spec, p) for p in source_paths)]
    if unmatched:
        raise XinliError(f"--run-of names {unmatched[0]!r}, which is not among the sources")
    prefer = list(prefer)
    unmatched = [spec for spec in prefer if not any(_match(spec, p) for p in source_paths)]
    if unmatched:
        raise XinliError(f"--prefer names {unmatched[0]!r}, which is not among the sources")
    seen_paths: set[Path] = set()
    sources = []
    for path in source_paths:
        resolved = path.resolve()
        if resolved == target.resolve():
            raise XinliError(f"{path}: the target database cannot be one of its own sources")
        if target.exists() and path.exists() and os.path.samefile(path, target):
            raise Refusal("target_is_source", path=str(path), target=str(target))
        if resolved in seen_paths:
            raise XinliError(f"{path}: named twice as a source")
        seen_paths.add(resolved)
        chosen = next((run for spec, run in run_of.items() if _match(spec, path)), None)
        sources += _read_meta(registry, region, path, chosen)

    if not sources:
        raise XinliError("the sources hold no run to roll up")
    warnings = [*skipped, *_dedupe(sources, prefer)]
    used = [s for s in sources if s["superseded_by"] is None]
    on = as_of or max(dt.date.fromisoformat(s["as_of"]) for s in used)
    warnings += _as_of_warning(used)
    compiled: list[Any] = []
    keys: list[str] = []
    kinds_of: dict[str, str] = {}
    rules_sha = None
    if region in registry.plugins:
        checklist = build_checklist(registry, region, on)
        rules_sha = rules_digest(checklist)
        columns = columns_for(checklist, collect_metrics(registry))
        keys = columns.attributes + [m.key for m in columns.metrics]
        kinds_of = {m.key: m.type for m in columns.metrics}
        kinds_of.update({key: (vocab.attribute_info(key) or ("any",))[0] for key in columns.attributes})
        compiled = [req for req in compile_requirements(checklist, columns) if req.scope == "region"]
        items = {item["id"]: item for item in checklist["items"]}
    else:
        items = {}
        warnings.append(_message(
            "target-not-installed",
            f"{region} 的插件未安装：只汇总各来源，不评估 {region} 本级的辖区目标。",
            f"{region}'s plugin is not installed: the sources are rolled up, but {region}'s own region-level targets "
            "are not judged."))
    checkable = [req for req in compiled if req.region_share is not None and req.metric_index is not None
                 and not (req.deadline is not None and req.deadline > on)
                 and not (req.one_off and req.deadline is not None and req.deadline < on)]
    # each target as a roll-up records it, to recognise the same rule in a city's roll-up
    rules = {req.id: (req.expected, float(req.region_share), items[req.id]["citation"]["document"],
                      items[req.id]["citation"]["clause"]) for req in checkable}
    iterator: Iterator[Any] = iter(sources)
    if progress is not None:
        iterator = progress(iterator, len(sources))
    for source in iterator:
        _read_body(source, checkable if source["superseded_by"] is None else [], keys, rules, registry, kinds_of)
        if source["superseded_by"] is not None:
            source["statuses"] = []
    warnings += _missing_warnings(used)
    warnings += _ancestor_rules_warnings(registry, region, used)
    warnings += _duplicate_schools(used)

    targets = _judge_targets(compiled, checkable, used, items, on)
    key_parts = {"region": region, "as_of": on.isoformat(), "rules": rules_sha,
                 "sources": sorted([s["region"], s["run_key"], s["source_file"], s["superseded_by"] is not None]
                                   for s in sources)}
    key = hashlib.sha256(json.dumps(key_parts, sort_keys=True).encode()).hexdigest()
    schools = sum(s["schools"] or 0 for s in used)
    db = open_database(target)
    try:
        previous = existing_rollup(db, key)
        if previous is not None:
            row = db.execute("select sources, schools, warnings from rollups where id = ?", [previous]).fetchone()
            return RollupResult(previous, False, row[0], row[1], json.loads(row[2] or "[]"))
        record = {
            "region": region, "region_name_zh": name_zh, "region_name_en": name_en, "rollup_key": key, "as_of": on.isoformat(),
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "rules_sha256": rules_sha,
            # the plugins whose rules were applied: the target's own line, not every plugin that happened to load
            "plugins": {p.code: f"{p.distribution or '-'} {p.version or '-'}"
                        for p in sorted(_target_chain(registry, region), key=lambda p: p.code)},
            "sources": len(used), "schools": schools, "warnings": warnings,
        }
        try:
            rollup_id = write_rollup(db, record, sources, targets)
        except sqlite3.IntegrityError:
            # another process recorded the same roll-up between our check and our write
            previous = existing_rollup(db, key)
            if previous is None:
                raise
            return RollupResult(previous, False, len(used), schools, warnings)
    finally:
        db.close()
    return RollupResult(rollup_id, True, len(used), schools, warnings)


def _judge_targets(compiled: list[Any], checkable: list[Any], sources: list[dict[str, Any]], items: dict[str, Any],
                   on: dt.date) -> list[dict[str, Any]]:
    """The target region's region-level requirements judged over every
    rolled-up school (the same rule a single run applies)."""
    from xinli.core.assessment.assess import FAILING_NAMED, ONE_OFF_PAST, failing_detail, region_verdict

    tallies: dict[str, Counter[str]] = {req.id: Counter() for req in checkable}
    failing: dict[str, list[str]] = {req.id: [] for req in checkable}
    for source in sources:
        for school, requirement, status in source["statuses"]:
            tallies[requirement][status] += 1
            if status == "not_met" and len(failing[requirement]) <= FAILING_NAMED:
                failing[requirement].append(school)
        for requirement in source.get("missing", ()):
            # a city's roll-up that did not judge this rule: its schools are unknown, never guessed
            tallies[requirement]["unknown"] += source["schools"] or 0
    targets = []
    for req in compiled:
        item = items[req.id]
        if req.deadline is not None and req.deadline > on:
            status, observed, detail = "not_yet_due", None, f"due {req.deadline}"
        elif req.one_off and req.deadline is not None and req.deadline < on:
            status, observed, detail = "not_applicable", None, ONE_OFF_PAST  # history (issue 21)
        elif req.id not in tallies:
            status, observed, detail = "manual", None, None
        else:
            tally = tallies[req.id]
            status, observed, detail = region_verdict(req, tally["met"], tally["met"] + tally["not_met"] + tally["unknown"],
                                                      tally["unknown"])
            if tally["not_met"] and not req.optional:  # name the failing schools, as a single run does
                detail = "; ".join(d for d in (detail, failing_detail(failing[req.id], tally["not_met"])) if d)
        targets.append({
            "requirement_id": req.id, "level": item["level"], "text_zh": item["text"]["zh"], "text_en": item["text"]["en"],
            "expected": req.expected, "target_share": float(req.region_share) if req.region_share is not None else None,
            "deadline": item["deadline"], "document": item["citation"]["document"], "clause": item["citation"]["clause"],
            "quote": item["citation"]["quote"], "status": status, "observed": observed, "detail": detail,
        })
    return targets
