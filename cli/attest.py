"""``xinli attest``: record a manual check of one school against one item
that has no machine check (who checked, when, the result, the evidence)."""

from __future__ import annotations

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import DATE, lang_option, load_registry, plugins_option


@click.command()
@click.option("--db", "db_path", required=True, type=click.Path(dir_okay=False), help="Records database (created if absent).")
@click.option("--region", "-r", required=True, help="Jurisdiction code (see `xinli regions`).")
@click.option("--school", "school_id", required=True, help="The school's identifier (school_id in the facts).")
@click.option("--requirement", "requirement_id", required=True, help="Id of a manual item of the region's checklist.")
@click.option("--by", "checked_by", required=True, help="Who checked: an office or role, e.g. 县教育局督导室.")
@click.option("--on", "checked_on", type=DATE, default=None, help="Day of the check (YYYY-MM-DD; default today).")
@click.option("--result", type=click.Choice(["met", "not_met"]), required=True, help="What the check found.")
@click.option("--evidence", default=None, help="A short note on the evidence seen (no personal data).")
@lang_option()
@plugins_option()
@user_errors
def attest(db_path: str, region: str, school_id: str, requirement_id: str, checked_by: str, checked_on,
           result: str, evidence: str | None, lang: str, plugins: str | None) -> None:
    """Record that SCHOOL was checked by hand against REQUIREMENT.

    Items without a machine check are one "manual" row per assessment run;
    the next `assess` on or after the check's day shows this school's
    finding from the attestation instead (encouraged and permitted items as
    adopted / not adopted).  Only items a school answers for and that have
    no machine check can be attested."""
    import datetime as dt

    from xinli.core import messages
    from xinli.core.errors import XinliError
    from xinli.core.records.attestations import record_attestation
    from xinli.core.records.database import open_database
    from xinli.core.views.checklist import build_checklist

    day = checked_on or dt.date.today()
    checklist = build_checklist(load_registry(plugins), region, day)
    item = next((i for i in checklist["items"] if i["id"] == requirement_id), None)
    if item is None:
        raise XinliError(f"{requirement_id}: not an item of the {region} checklist on {day}")
    if item["check"] is not None:
        raise XinliError(f"{requirement_id}: has a machine check; its finding comes from the school's facts")
    if item["assessed_at"] != "school":
        raise XinliError(f"{requirement_id}: is not a school's duty ({item['duty_holder']}); it is a region finding")
    db = open_database(db_path)
    try:
        number = record_attestation(db, region, school_id, requirement_id, checked_by, day, result, evidence)
    finally:
        db.close()
    click.echo(messages.msg("attested", lang, number=number, school=school_id, requirement=requirement_id,
                            result=messages.status(result, lang), by=checked_by, day=day))
