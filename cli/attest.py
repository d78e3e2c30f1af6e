"""``xinli attest``: record manual checks of schools against items that have
no machine check (who checked, when, the result, the evidence) -- one from
the options, or many from a filled spot-check list (``--from FILE``)."""

from __future__ import annotations

from typing import Any

import click

from xinli.cli.errors import UserError, user_errors
from xinli.cli.options import DATE, lang_option, load_registry, plugins_option


def _item_lookup(registry: Any, region: str) -> Any:
    """``item_for(requirement id, day)``: the checklist item in force that
    day (one checklist built per distinct day)."""
    from xinli.core.views.checklist import build_checklist

    cache: dict[Any, dict[str, Any]] = {}

    def item_for(requirement_id: str, day: Any) -> dict[str, Any] | None:
        items = cache.get(day)
        if items is None:
            items = cache[day] = {i["id"]: i for i in build_checklist(registry, region, day)["items"]}
        return items.get(requirement_id)

    return item_for


@click.command()
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False),
              help="Records database holding the region's assessment runs.")
@click.option("--region", "-r", required=True, help="Jurisdiction code (see `xinli regions`).")
@click.option("--from", "from_file", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Record every row of FILE (.csv or .xlsx, columns school_id, requirement_id, result, by, on, "
                   "evidence, or their Chinese headers; the list `xinli sample` writes) in one transaction.")
@click.option("--school", "school_id", default=None, help="The school's identifier (school_id in the facts).")
@click.option("--requirement", "requirement_id", default=None, help="Id of a manual item of the region's checklist.")
@click.option("--by", "checked_by", default=None, help="Who checked: an office or role, e.g. 县教育局督导室.")
@click.option("--on", "checked_on", type=DATE, default=None, help="Day of the check (YYYY-MM-DD; default today).")
@click.option("--result", type=click.Choice(["met", "not_met", "符合", "不符合"]), default=None,
              help="What the check found.")
@click.option("--evidence", default=None, help="A short note on the evidence seen (no personal data).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json prints what was recorded as a JSON object.")
@lang_option()
@plugins_option()
@user_errors
def attest(db_path: str, region: str, from_file: str | None, school_id: str | None, requirement_id: str | None,
           checked_by: str | None, checked_on: Any, result: str | None, evidence: str | None, fmt: str, lang: str,
           plugins: str | None) -> None:
    """Record that schools were checked by hand against items without a
    machine check: one (--school, --requirement, --by, --result) or every
    row of a file (--from FILE).

    Every row is checked before anything is written: the school must be in
    an assessment run of REGION in DB, the item a school's own duty without
    a machine check, the result met / not_met (符合 / 不符合), who checked
    an office or role and no cell personal data.  A bad row names file, row
    and column and nothing is recorded (exit 2).  The next `assess` on or
    after the check's day shows the school's finding from the attestation,
    with provenance "verified"."""
    import datetime as dt
    import json

    from xinli.core import messages
    from xinli.core.records.attestations import (
        check_attestations,
        read_attestation_file,
        record_attestations,
        region_school_ids,
    )
    from xinli.core.records.database import open_database
    from xinli.core.render.words import notice_words

    single = {"--school": school_id, "--requirement": requirement_id, "--by": checked_by, "--result": result}
    if from_file is not None:
        given = [name for name, value in {**single, "--on": checked_on, "--evidence": evidence}.items() if value is not None]
        if given:
            raise UserError(f"--from FILE takes each check from the file; leave out {', '.join(given)}")
        records: list[tuple[int | None, dict[str, Any]]] = list(read_attestation_file(from_file))
        from pathlib import Path

        source = Path(from_file).name
    else:
        missing = [name for name, value in single.items() if value is None]
        if missing:
            raise UserError(f"give {', '.join(missing)} (one check) or --from FILE (many)")
        records = [(None, {"school_id": school_id, "requirement_id": requirement_id, "result": result,
                           "by": checked_by, "on": checked_on or dt.date.today(), "evidence": evidence})]
        source = "attest"
    registry = load_registry(plugins)
    item_for = _item_lookup(registry, region)
    item_for("", dt.date.today())  # an unknown region is refused before the database is opened
    db = open_database(db_path, create=False, readonly=False,
                       notify=lambda message: click.echo(notice_words(f"{db_path}: {message}", lang), err=True))
    try:
        schools = region_school_ids(db, region)
        if not schools:
            raise UserError(f"{db_path}: holds no assessment run of {region}; run `xinli assess` first")
        attestations, skipped = check_attestations(source, records, schools, item_for, region)
        ids = record_attestations(db, region, attestations) if attestations else []
    finally:
        db.close()
    recorded = [(n, a) for n, a in zip(ids, attestations, strict=True) if n is not None]
    already = len(ids) - len(recorded)
    if fmt == "json":
        click.echo(json.dumps({
            "region": region, "recorded": len(recorded), "already_recorded": already, "skipped_unfilled": skipped,
            "attestations": [{"id": n, "school_id": a.school_id, "requirement_id": a.requirement_id, "result": a.result,
                              "checked_by": a.checked_by, "checked_on": a.checked_on.isoformat(), "evidence": a.evidence,
                              **({"row": a.row} if a.row is not None else {})}
                             for n, a in recorded],
        }, ensure_ascii=False, indent=2))
        return
    if from_file is None:
        if not recorded:
            click.echo(messages.msg("attested_already", lang, n=1), err=True)
            return
        ((number, a),) = recorded
        click.echo(messages.msg("attested", lang, number=number, school=a.school_id, requirement=a.requirement_id,
                                result=messages.status(a.result, lang), by=a.checked_by, day=a.checked_on))
        return
    met = sum(1 for _n, a in recorded if a.result == "met")
    click.echo(messages.msg("attested_file", lang, n=len(recorded), file=source, met=met, not_met=len(recorded) - met,
                            skipped=skipped))
    if already:
        click.echo(messages.msg("attested_already", lang, n=already), err=True)
