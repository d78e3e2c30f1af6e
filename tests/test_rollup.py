"""Roll-ups: county runs in their own databases rolled up into a city's or
province's view (issue 16), on the invented test_rp hierarchy."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest
from fixture_plugins import rollup_plugins

from xinli.core.assessment.facts import columns_for
from xinli.core.assessment.metrics import collect_metrics
from xinli.core.assessment.pipeline import assess
from xinli.core.assessment.rollup import ancestors, is_within, rollup
from xinli.core.errors import XinliError
from xinli.core.records.database import open_database
from xinli.core.records.rollup import rollup_report_data
from xinli.core.registry import load_plugins
from xinli.core.views.checklist import build_checklist

AS_OF = dt.date(2026, 11, 1)

#: Per county: (grades, lessons per semester, counseling room, crisis plan) per school.
SCHOOLS = {
    # 3 of 4 in scope (grades 1-9) have a room; lessons met by 2 of 4
    "test_rx1": [("1-6", 8, True, True), ("7-9", 4, True, False), ("1-6", 10, False, True), ("7-9", 2, True, True)],
    # 1 of 3 have a room; one school is grades 10-12, outside the coverage target
    "test_rx2": [("1-6", 9, True, None), ("7-9", 1, False, None), ("10-12", 12, False, None)],
    # 4 of 5 in scope have a room, one unknown
    "test_rx3": [("1-6", 8, True, True), ("1-6", 8, True, True), ("7-9", 8, True, True), ("7-9", 8, True, True),
                 ("1-9", 8, None, True), ("1-6", 8, False, True)],
    "test_ro": [("1-6", 8, True, True)],
}


@pytest.fixture(scope="module")
def registry():
    return load_plugins(entry_points=[], extra=rollup_plugins())


def write_facts(registry, region: str, path: Path, schools=None) -> Path:
    columns = columns_for(build_checklist(registry, region, AS_OF), collect_metrics(registry))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns.names)
        for n, (grades, lessons, room, plan) in enumerate(schools or SCHOOLS[region], start=1):
            values = {"school_id": f"{region}-{n}", "school_name": f"{region} 第{n}校", "grades": grades,
                      "psych_lessons_per_semester": lessons, "has_counseling_room": room, "crisis_plan_in_place": plan,
                      "boarding": n % 2 == 1}
            writer.writerow(["" if values.get(c) is None else ("是" if values[c] is True else "否" if values[c] is False
                                                               else values[c]) for c in columns.names])
    return path


def coverage(data: dict) -> dict:
    return next(t for t in data["targets"] if t["requirement_id"] == "test_rp.other.coverage")


def county_db(registry, region: str, folder: Path, as_of=AS_OF, name: str | None = None, schools=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / (name or f"{region}.db")
    facts = write_facts(registry, region, folder / f"{db.stem}-facts.csv", schools)
    assess(registry, region, facts, db, as_of, period="2025-2026")  # a completed period: below target is not met
    facts.unlink()
    return db


def sha(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


@pytest.fixture
def counties(registry, tmp_path):
    return [county_db(registry, code, tmp_path / "in") for code in ("test_rx1", "test_rx2", "test_rx3")]


def test_ancestry_through_the_plugins(registry):
    assert ancestors(registry, "test_rx1") == ["test_rc", "test_rp"]
    assert is_within(registry, "test_rx1", "test_rp") and is_within(registry, "test_rx3", "test_rp")
    assert is_within(registry, "test_rp", "test_rp")
    assert not is_within(registry, "test_rx3", "test_rc") and not is_within(registry, "test_ro", "test_rp")


def test_three_counties_sum_their_schools_and_give_the_province_wide_share(registry, tmp_path, counties):
    target = tmp_path / "province.db"
    result = rollup(registry, "test_rp", target, counties)
    assert result.created and result.sources == 3
    assert result.schools == 4 + 3 + 6
    data = rollup_report_data(open_database(target, create=False))
    coverage = next(t for t in data["targets"] if t["requirement_id"] == "test_rp.other.coverage")
    # in scope (grades 1-9): rx1 4 (3 rooms), rx2 2 (1 room), rx3 6 (4 rooms, 1 unknown) -> 8 of 12 with 1 unknown
    assert coverage["observed"] == "8/12"
    assert coverage["detail"] == "1 school(s) unknown; not met at: test_rx1-3, test_rx2-2, test_rx3-6"  # issue 21: which ones
    # 8/12 < 3/4, but with the unknown school 9/12 = 3/4: the unknown school could tip it
    assert coverage["status"] == "unknown"
    views = {v["region"]: v for v in coverage["by_subregion"]}
    assert views["test_rx1"]["share_met"] == 0.75 and views["test_rx1"]["below_target"] is False
    assert views["test_rx2"]["share_met"] == 0.5 and views["test_rx2"]["below_target"] is True
    # each county's own view of the same target is kept beside the province-wide one
    assert views["test_rx1"]["own_finding"]["status"] == "met" and views["test_rx1"]["own_finding"]["observed"] == "3/4"
    assert views["test_rx2"]["own_finding"]["observed"] == "1/2"
    # sub-regions worst first by share of required school items met
    assert [s["region"] for s in data["subregions"]] == ["test_rx1", "test_rx2", "test_rx3"]
    rx1 = next(s for s in data["subregions"] if s["region"] == "test_rx1")
    assert rx1["required"] == {"met": 5, "not_met": 3, "unknown": 0} and rx1["schools"] == 4
    assert data["items"][0]["requirement_id"] == "test_rp.curriculum.lessons" and data["items"][0]["not_met"] == 3
    assert {p["source_file"] for p in data["provenance"]} == {"test_rx1.db", "test_rx2.db", "test_rx3.db"}
    assert all(p["facts_sha256"] and p["rules_sha256"] and p["plugins"] for p in data["provenance"])


def test_the_unknown_school_decides(registry, tmp_path):
    # the same counties with rx3's unknown school known to lack a room: 8/12 < 3/4, clearly not met
    rx3 = [s if s[2] is not None else (s[0], s[1], False, s[3]) for s in SCHOOLS["test_rx3"]]
    sources = [county_db(registry, "test_rx1", tmp_path), county_db(registry, "test_rx2", tmp_path),
               county_db(registry, "test_rx3", tmp_path, schools=rx3)]
    rollup(registry, "test_rp", tmp_path / "p.db", sources)
    data = rollup_report_data(open_database(tmp_path / "p.db", create=False))
    found = coverage(data)
    assert (found["status"], found["observed"]) == ("not_met", "8/12")
    assert found["detail"] == "not met at: test_rx1-3, test_rx2-2, test_rx3-5, test_rx3-6"


def test_province_wide_findings_equal_assessing_all_schools_at_once(registry, tmp_path, counties):
    """Rolling up three counties judges the province's targets exactly as one
    assessment of all their schools under the province's rules does."""
    rollup(registry, "test_rp", tmp_path / "province.db", counties)
    rolled = {t["requirement_id"]: (t["status"], t["observed"], t["detail"])
              for t in rollup_report_data(open_database(tmp_path / "province.db", create=False))["targets"]}
    columns = columns_for(build_checklist(registry, "test_rp", AS_OF), collect_metrics(registry))
    facts = tmp_path / "all.csv"
    rows = []
    for code in ("test_rx1", "test_rx2", "test_rx3"):
        part = write_facts(registry, code, tmp_path / f"{code}-part.csv")
        with part.open(encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            rows += [{c: row.get(c, "") for c in columns.names} for row in reader]
    with facts.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns.names)
        writer.writeheader()
        writer.writerows(rows)
    assess(registry, "test_rp", facts, tmp_path / "once.db", AS_OF)
    once = open_database(tmp_path / "once.db", create=False).execute(
        "select r.requirement_id, (select name from statuses where code = f.status), f.observed, f.detail "
        "from findings f join requirements r on r.id = f.requirement "
        "where f.school is null").fetchall()
    assert {r[0]: tuple(r[1:]) for r in once} == rolled
    assert rolled["test_rp.other.boarding-plans"][1] is not None  # the boarding condition was applied to real values


def test_rerunning_the_same_rollup_is_idempotent(registry, tmp_path, counties):
    target = tmp_path / "province.db"
    first = rollup(registry, "test_rp", target, counties)
    before = {t: open_database(target).execute(f"select count(*) from {t}").fetchone()[0]
              for t in ("rollups", "rollup_sources", "rollup_items", "rollup_statuses", "rollup_targets")}
    again = rollup(registry, "test_rp", target, list(reversed(counties)))
    assert (again.rollup_id, again.created) == (first.rollup_id, False)
    after = {t: open_database(target).execute(f"select count(*) from {t}").fetchone()[0] for t in before}
    assert after == before and before["rollups"] == 1 and before["rollup_statuses"] > 0


def test_sources_are_never_written(registry, tmp_path, counties):
    hashes = [sha(p) for p in counties]
    files = sorted(p.name for p in counties[0].parent.iterdir())
    rollup(registry, "test_rp", tmp_path / "province.db", counties)
    assert [sha(p) for p in counties] == hashes
    assert sorted(p.name for p in counties[0].parent.iterdir()) == files  # no -wal or -shm left beside them


def _refused(registry, tmp_path, counties, bad: Path, match: str) -> None:
    target = tmp_path / "province.db"
    rollup(registry, "test_rp", target, counties[:1])
    before = sha(target)
    with pytest.raises(XinliError, match=match):
        rollup(registry, "test_rp", target, [*counties, bad])
    assert sha(target) == before
    fresh = tmp_path / "fresh.db"
    with pytest.raises(XinliError, match=match):
        rollup(registry, "test_rp", fresh, [*counties, bad])
    assert not fresh.exists()


def test_a_source_of_another_region_is_refused(registry, tmp_path, counties):
    other = county_db(registry, "test_ro", tmp_path / "other")
    _refused(registry, tmp_path, counties, other, r"test_ro.*not 'test_rp' and does not lie under it")


def test_a_county_outside_the_city_is_refused(registry, tmp_path, counties):
    with pytest.raises(XinliError, match="test_rx3"):
        rollup(registry, "test_rc", tmp_path / "city.db", counties)
    assert rollup(registry, "test_rc", tmp_path / "city.db", counties[:2]).schools == 7


def test_a_non_xinli_file_is_refused(registry, tmp_path, counties):
    text = tmp_path / "notes.db"
    text.write_text("school_id,grades\n", encoding="utf-8")
    _refused(registry, tmp_path, counties, text, "not an xinli database")
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("create table runs (id integer)")
    conn.commit()
    conn.close()
    _refused(registry, tmp_path, counties, foreign, "not an xinli database")


def test_a_corrupted_file_is_refused(registry, tmp_path, counties):
    broken = tmp_path / "broken.db"
    data = bytearray(counties[0].read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    broken.write_bytes(bytes(data))
    _refused(registry, tmp_path, counties, broken, "broken.db")


def test_a_target_that_is_not_xinli_is_refused(registry, tmp_path, counties):
    target = tmp_path / "target.db"
    target.write_text("not a database", encoding="utf-8")
    with pytest.raises(XinliError, match="not an xinli database"):
        rollup(registry, "test_rp", target, counties)
    assert target.read_text(encoding="utf-8") == "not a database"


def test_same_region_twice_latest_wins_unless_told(registry, tmp_path, counties):
    older = county_db(registry, "test_rx1", tmp_path / "old", as_of=dt.date(2026, 9, 1), name="rx1-september.db",
                      schools=SCHOOLS["test_rx1"][:2])
    result = rollup(registry, "test_rp", tmp_path / "a.db", [older, *counties])
    assert result.schools == 13 and result.sources == 3
    [twice] = [w for w in result.warnings if w["code"] == "same-region-twice"]
    assert "rx1-september.db" in twice["message"]["en"] and "test_rx1.db is used" in twice["message"]["en"]
    told = rollup(registry, "test_rp", tmp_path / "b.db", [older, *counties], prefer=["rx1-september.db"])
    assert told.schools == 2 + 3 + 6
    assert "as told by --prefer" in next(w for w in told.warnings if w["code"] == "same-region-twice")["message"]["en"]
    provenance = rollup_report_data(open_database(tmp_path / "b.db", create=False))["provenance"]
    assert {p["source_file"]: p["superseded_by"] for p in provenance}["test_rx1.db"] == "rx1-september.db"


def test_different_dates_and_rules_versions_are_warnings(registry, tmp_path, counties):
    newer = load_plugins(entry_points=[], extra=rollup_plugins(province_minimum=10))
    rx2 = county_db(newer, "test_rx2", tmp_path / "new", as_of=dt.date(2026, 10, 1))
    result = rollup(registry, "test_rp", tmp_path / "p.db", [counties[0], rx2, counties[2]])
    codes = {w["code"]: w for w in result.warnings}
    assert "2026-10-01: test_rx2" in codes["different-as-of"]["message"]["en"]
    rules = codes["different-ancestor-rules"]
    # a new version of the province's notice: another document number, a higher lesson minimum
    assert rules["jurisdiction"] == "test_rp" and "test_rp.curriculum.lessons" in rules["requirements"]
    assert "规则版本不同" in rules["message"]["zh"]
    stored = rollup_report_data(open_database(tmp_path / "p.db", create=False))["rollup"]["warnings"]
    assert {w["code"] for w in stored} == set(codes)


def test_run_of_takes_an_earlier_run(registry, tmp_path, counties):
    facts = write_facts(registry, "test_rx1", tmp_path / "more.csv", SCHOOLS["test_rx1"][:1])
    assess(registry, "test_rx1", facts, counties[0], AS_OF)
    assert rollup(registry, "test_rp", tmp_path / "a.db", counties).schools == 1 + 3 + 6
    assert rollup(registry, "test_rp", tmp_path / "b.db", counties, run_of={"test_rx1.db": 1}).schools == 4 + 3 + 6
    with pytest.raises(XinliError, match="no run 7"):
        rollup(registry, "test_rp", tmp_path / "c.db", counties, run_of={"test_rx1.db": 7})
    assert not (tmp_path / "c.db").exists()


def _targets(path: Path) -> dict[str, tuple]:
    data = rollup_report_data(open_database(path, create=False))
    return {t["requirement_id"]: (t["status"], t["observed"], t["detail"]) for t in data["targets"]}


def test_a_city_rollup_rolls_up_into_its_province(registry, tmp_path, counties):
    city = tmp_path / "city.db"
    rollup(registry, "test_rc", city, counties[:2])
    before = sha(city)
    result = rollup(registry, "test_rp", tmp_path / "province.db", [city, counties[2]])
    assert result.schools == 13 and result.sources == 3 and result.warnings == []
    rollup(registry, "test_rp", tmp_path / "direct.db", counties)
    assert _targets(tmp_path / "province.db") == _targets(tmp_path / "direct.db")
    provenance = rollup_report_data(open_database(tmp_path / "province.db", create=False))["provenance"]
    assert {p["source_file"] for p in provenance} == {"city.db:test_rx1.db", "city.db:test_rx2.db", "test_rx3.db"}
    assert sha(city) == before
    with pytest.raises(XinliError, match=r"roll-up 1.*test_rc.*not 'test_ro'"):
        rollup(registry, "test_ro", tmp_path / "other.db", [city])
    with pytest.raises(XinliError, match="no roll-up 5"):
        rollup(registry, "test_rp", tmp_path / "p2.db", [city], run_of={"city.db": 5})


def test_a_county_both_direct_and_via_its_city_counts_once(registry, tmp_path, counties):
    city = tmp_path / "city.db"
    rollup(registry, "test_rc", city, counties[:2])
    result = rollup(registry, "test_rp", tmp_path / "province.db", [city, *counties])
    assert result.schools == 13
    assert {w["region"] for w in result.warnings if w["code"] == "same-region-twice"} == {"test_rx1", "test_rx2"}


def test_a_city_rollup_under_other_rules_leaves_those_schools_unknown(registry, tmp_path, counties):
    newer = load_plugins(entry_points=[], extra=rollup_plugins(province_minimum=10))
    city = tmp_path / "city.db"
    rollup(newer, "test_rc", city, counties[:2])  # its targets cite the province's newer notice
    result = rollup(registry, "test_rp", tmp_path / "province.db", [city, counties[2]])
    missing = [w for w in result.warnings if w["code"] == "target-not-in-source-rollup"]
    assert {(w["source"], w["requirement"]) for w in missing} == {
        (f"city.db:{c}.db", t) for c in ("test_rx1", "test_rx2") for t in ("test_rp.other.coverage", "test_rp.other.boarding-plans")}
    # rx3 alone: 4 of 6 with one unknown, plus rx1's 4 and rx2's 3 schools unknown
    assert _targets(tmp_path / "province.db")["test_rp.other.coverage"] == (
        "unknown", "4/13", "8 school(s) unknown; not met at: test_rx3-6")


def test_a_concurrent_identical_rollup_is_not_recorded_twice(registry, tmp_path, counties, monkeypatch):
    import xinli.core.records.rollup as records

    target = tmp_path / "province.db"
    first = rollup(registry, "test_rp", target, counties)
    real = records.existing_rollup
    calls = []

    def looks_too_early(db, key):
        # the first look finds nothing, as if another process wrote the same roll-up just after it
        calls.append(key)
        return None if len(calls) == 1 else real(db, key)

    monkeypatch.setattr(records, "existing_rollup", looks_too_early)
    again = rollup(registry, "test_rp", target, counties)
    assert (again.rollup_id, again.created) == (first.rollup_id, False) and len(calls) == 2
    assert open_database(target).execute("select count(*) from rollups").fetchone()[0] == 1


def test_different_versions_of_a_city_between_province_and_counties(registry, tmp_path, counties):
    old_city = load_plugins(entry_points=[], extra=rollup_plugins(city_minimum=4))
    new_city = load_plugins(entry_points=[], extra=rollup_plugins(city_minimum=6))
    rx1 = county_db(old_city, "test_rx1", tmp_path / "a")
    rx2 = county_db(new_city, "test_rx2", tmp_path / "b")
    result = rollup(registry, "test_rp", tmp_path / "p.db", [rx1, rx2, counties[2]])
    [city] = [w for w in result.warnings if w["code"] == "different-ancestor-rules"]
    assert city["jurisdiction"] == "test_rc" and city["requirements"] == ["test_rc.curriculum.city-lessons"]
    same = rollup(registry, "test_rp", tmp_path / "q.db", counties)
    assert not [w for w in same.warnings if w["code"] == "different-ancestor-rules"]
