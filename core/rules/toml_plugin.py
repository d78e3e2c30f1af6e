"""Plugins written as data: a TOML rules file read by a small plugin class,
so that a policy officer who does not write Python can keep a region's
rules.

The format (``[jurisdiction]`` with its documents, ancestors and coverage,
``[[requirements]]``, ``[[exclusions]]`` and ``[[metrics]]``) is documented
field by field in ``docs/rules-format.md``;
:mod:`xinli.core.rules.toml_export` writes any installed plugin in it and
:mod:`xinli.core.rules.folders` loads such files from folders
(``XINLI_RULES_PATH``, ``xinli --rules DIR``) without packaging.

A package ships the same file unchanged with a two-line ``plugin.py``
(the bundled plugins do exactly this)::

    from xinli.core.rules.toml_plugin import TomlPlugin
    plugin = TomlPlugin.from_package(__package__)

and the entry point ``bar_county = "xinli_bar_county.plugin:plugin"``.
This module reads only; it imports no registry, so the registry can use it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from xinli.core import hookimpl
from xinli.core.errors import XinliError
from xinli.core.model import (
    Ancestor,
    AnyCheck,
    Check,
    Citation,
    Document,
    DocumentRef,
    EscalationStep,
    Exclusion,
    Jurisdiction,
    Metric,
    Partner,
    Procedure,
    Requirement,
    Timing,
)
from xinli.core.rules import bounded_toml


def _text(data: dict[str, str] | None) -> tuple[str, str] | None:
    return None if data is None else (data["zh"], data["en"])


def requirement_from_dict(data: dict[str, Any]) -> Requirement:
    """Build a :class:`Requirement` from a contract-shaped table."""
    check = data.get("check")
    step = data.get("step")
    partner = data.get("partner")
    return Requirement(
        id=data["id"],
        domain=data["domain"],
        text=_text(data["text"]),
        level=data["level"],
        duty_holder=_one_duty_holder(data),
        duty_holders=data.get("duty_holders", []),
        citation=Citation(**data["citation"]),
        subject=data.get("subject", ["students"]),
        grades=data.get("grades"),
        school_kinds=data.get("school_kinds"),
        scope=data.get("scope"),
        applies_if=data["applies_if"] if data.get("applies_if") else None,
        event=data.get("event"),
        check=check_from_dict(check) if check else None,
        deadline=data.get("deadline"),
        note=_text(data.get("note")),
        step=EscalationStep(step["order"], step["role"], step.get("reports_to", []), _text(step.get("condition")),
                            step.get("procedure", "main"), step.get("guided_by", []))
        if step else None,
        partner=Partner(partner["kind"], _text(partner["name"]), partner.get("phone")) if partner else None,
        timing=[Timing(t["kind"], t.get("month"), t.get("days")) for t in data.get("timing", [])],
        one_off=data.get("one_off", False),
    )


def _one_duty_holder(data: dict[str, Any]) -> str | None:
    """``duty_holder``, or None when the table lists ``duty_holders``
    instead (one or the other, never both)."""
    if "duty_holders" in data:
        if "duty_holder" in data:
            raise ValueError(f"requirement {data.get('id')}: write duty_holder or duty_holders, not both "
                             "(the first lead of duty_holders is the duty holder)")
        return None
    return data["duty_holder"]


def check_from_dict(check: dict[str, Any]) -> Check | AnyCheck:
    """Build a check from its table: one :class:`Check`, or an
    :class:`AnyCheck` from ``{ any = [ {...}, {...} ] }`` whose alternatives
    may each carry ``when`` conditions."""
    if "any" in check:
        if set(check) != {"any"} or not isinstance(check["any"], list):
            raise ValueError("an any-of check is written check = { any = [ {...}, {...} ] } and holds nothing else")
        return AnyCheck([check_from_dict(alt) for alt in check["any"]])
    return Check(
        metric=check["metric"], op=check["op"], value=check.get("value"), unit=check.get("unit"),
        per=check.get("per"), count_per=check.get("count_per", "school"), event=check.get("event"),
        grades=check.get("grades"), grades_mode=check.get("grades_mode", "each"), binds=check.get("binds"),
        scope=check.get("scope"), when=check.get("when"),
    )


def jurisdiction_from_dict(data: dict[str, Any]) -> Jurisdiction:
    """Build a :class:`Jurisdiction` from its table."""
    return Jurisdiction(
        code=data["code"],
        name=_text(data["name"]),
        level=data["level"],
        parent=data.get("parent"),
        parent_name=_text(data.get("parent_name")),
        ancestors=[
            Ancestor(a["code"], _text(a.get("name")), a.get("level"),
                     [DocumentRef(r["number"], r["title"], r["issuer"], r.get("jurisdiction", a["code"]))
                      for r in a.get("documents", [])])
            for a in data.get("ancestors", [])
        ],
        encoded_domains=data.get("encoded_domains"),
        encoded_clauses=data.get("encoded_clauses", []),
        school_kinds=data.get("school_kinds"),
        documents=[
            Document(
                number=doc["number"], title=_text(doc["title"]), issuer=_text(doc["issuer"]), date=doc["date"],
                has_official_number=doc.get("has_official_number", True),
                implements=[DocumentRef(r["number"], r["title"], r["issuer"], r.get("jurisdiction"))
                            for r in doc.get("implements", [])],
                note=_text(doc.get("note")), in_force_from=doc.get("in_force_from"),
                repealed_on=doc.get("repealed_on"), replaced_by=doc.get("replaced_by"),
            )
            for doc in data.get("documents", [])
        ],
    )


def metric_from_dict(data: dict[str, Any]) -> Metric:
    """Build a :class:`Metric` from a ``[[metrics]]`` table; ``help``
    defaults to the label."""
    label = _text(data["label"])
    return Metric(data["key"], label, data["type"], data.get("unit"), _text(data.get("help")) or label,
                  reported_by=data.get("reported_by", "school"), measure=data.get("measure"),
                  population=_text(data.get("population")), per=data.get("per"), at_most=data.get("at_most"))


#: The fields each table of a rules file may hold (docs/rules-format.md).
FIELDS: dict[str, frozenset[str]] = {
    "top": frozenset({"jurisdiction", "requirements", "exclusions", "metrics", "scaffold", "procedures"}),
    "jurisdiction": frozenset({"code", "name", "level", "parent", "parent_name", "ancestors", "documents",
                               "encoded_domains", "encoded_clauses", "school_kinds"}),
    "documents": frozenset({"number", "title", "issuer", "date", "has_official_number", "implements", "note",
                            "in_force_from", "repealed_on", "replaced_by"}),
    "ancestors": frozenset({"code", "name", "level", "documents"}),
    "requirements": frozenset({"id", "domain", "text", "level", "duty_holder", "duty_holders", "citation", "subject",
                               "grades", "school_kinds", "scope",
                               "applies_if", "check", "deadline", "note", "step", "partner", "timing", "event",
                               "one_off"}),
    "check": frozenset({"metric", "op", "value", "unit", "per", "count_per", "event", "scope", "grades", "grades_mode",
                        "binds", "when", "any"}),
    "step": frozenset({"order", "role", "reports_to", "condition", "procedure", "guided_by"}),
    "procedures": frozenset({"key", "name", "trigger", "clause"}),
    "exclusions": frozenset({"id", "citation", "reason"}),
    "metrics": frozenset({"key", "label", "type", "unit", "help", "reported_by", "measure", "population", "per",
                           "at_most"}),
    "duty_holders": frozenset({"actor", "role"}),
}


def unknown_fields(data: dict[str, Any]) -> list[str]:
    """Fields of a rules file that the format does not have, each with
    where it is and a "did you mean" suggestion (a misspelt field would
    otherwise be silently ignored)."""
    from xinli.core.suggest import did_you_mean

    found: list[str] = []

    def look(table: Any, kind: str, where: str) -> None:
        if not isinstance(table, dict):
            return
        for key in table:
            if key not in FIELDS[kind]:
                found.append(f"unknown field {key!r} in {where}{did_you_mean(key, FIELDS[kind])}")

    look(data, "top", "the file")
    jurisdiction = data.get("jurisdiction", {})
    look(jurisdiction, "jurisdiction", "[jurisdiction]")
    for i, doc in enumerate(jurisdiction.get("documents", []) if isinstance(jurisdiction, dict) else [], 1):
        look(doc, "documents", f"[[jurisdiction.documents]] #{i}")
    for i, anc in enumerate(jurisdiction.get("ancestors", []) if isinstance(jurisdiction, dict) else [], 1):
        look(anc, "ancestors", f"[[jurisdiction.ancestors]] #{i}")
    for i, req in enumerate(data.get("requirements", []), 1):
        name = req.get("id", f"#{i}") if isinstance(req, dict) else f"#{i}"
        look(req, "requirements", f"requirement {name}")
        if isinstance(req, dict):
            look(req.get("check"), "check", f"the check of {name}")
            for n, holder in enumerate(req.get("duty_holders") or [], 1):
                look(holder, "duty_holders", f"duty holder {n} of {name}")
            for n, alt in enumerate((req.get("check") or {}).get("any", []) if isinstance(req.get("check"), dict) else [], 1):
                look(alt, "check", f"alternative {n} of the check of {name}")
            look(req.get("step"), "step", f"the step of {name}")
    for i, exc in enumerate(data.get("exclusions", []), 1):
        look(exc, "exclusions", f"[[exclusions]] #{i}")
    for i, metric in enumerate(data.get("metrics", []), 1):
        look(metric, "metrics", f"[[metrics]] #{i}")
    for i, procedure in enumerate(data.get("procedures", []), 1):
        look(procedure, "procedures", f"[[procedures]] #{i}")
    return found


#: A table header line opening any table but ``[jurisdiction]`` and its sub-tables.
_OTHER_HEADER = re.compile(r"""^[ \t]*\[(?![\[ \t]*["']?jurisdiction["']?[ \t]*[.\]])""", re.M)
#: Tables whose hooks a plugin offers only when its file has them.
OPTIONAL_TABLES = ("exclusions", "procedures", "metrics")
#: A header line opening the jurisdiction table or an optional one.
_NAMED_HEADER = re.compile(r"""^[ \t]*\[[\[ \t]*["']?(jurisdiction|exclusions|procedures|metrics)["']?[ \t]*[.\]]""",
                           re.M)


def identity_part(text: str) -> tuple[dict[str, Any], set[str]] | None:
    """The parsed ``[jurisdiction]`` part of a rules file and which of the
    :data:`OPTIONAL_TABLES` the file has, or None when the file cannot be
    split safely (the identity is then read with the whole file).

    The file is cut at the first table header that is not ``[jurisdiction]``
    or one of its sub-tables.  A cut inside a multi-line string or array
    leaves the first part unparseable, and a later header that reopens the
    jurisdiction table is looked for in the rest, so a part that parses
    holds the whole identity."""
    found = _OTHER_HEADER.search(text)
    if found is None:
        return None
    head = text[:found.start()]
    later = {match.group(1) for match in _NAMED_HEADER.finditer(text, found.start())}
    if "jurisdiction" in later:
        return None
    try:
        data = bounded_toml.loads(head)
    except tomllib.TOMLDecodeError:
        return None
    if not isinstance(data.get("jurisdiction"), dict):
        return None
    return data, {name for name in OPTIONAL_TABLES if name in later or name in data}


def _read_on_first_use(name: str) -> property:
    """A :class:`TomlPlugin` attribute read from the whole file the first
    time it is asked for (and settable, as a test or a Python plugin may
    replace it)."""

    def get(plugin: TomlPlugin) -> Any:
        return plugin._read_rules()[name]

    def set_(plugin: TomlPlugin, value: Any) -> None:
        plugin._read_rules()[name] = value

    return property(get, set_, doc=f"The file's {name} (read on first use).")


class TomlPlugin:
    """A jurisdiction plugin whose identity and rules come from TOML text.

    Built eagerly (the default), everything is validated at once, so a
    malformed file fails when the plugin is built.  Built lazily
    (``lazy=True``, what :meth:`from_package` does), only the identity is
    read and checked then; the requirements, exclusions, procedures and
    metrics are read the first time a hook or attribute asks for them, and
    a malformed table then raises :class:`XinliError` naming the file.  A
    province with thousands of county plugins installed lists them all
    without parsing thousands of rule tables; ``xinli plugins check`` reads
    every file whole.
    """

    def __init__(self, text: str, source_text: str | None = None, origin: str = "<toml>", package: str | None = None,
                 lazy: bool = False, source_loader: Callable[[], str | None] | None = None,
                 parsed: dict[str, Any] | None = None) -> None:
        self.origin = origin
        #: the package the file ships in, if any (its other files are checked too)
        self.package = package
        self._text: str | None = text
        self._source_text = source_text
        self._source_loader = source_loader
        self._rules: dict[str, Any] | None = None
        #: ``text`` already parsed (by :func:`bounded_toml.loads`, e.g. in another process), if it was
        self._parsed = parsed
        part = identity_part(text) if lazy else None
        if part is None:
            self._read_rules()
            optional = {name: bool(getattr(self, name)) for name in OPTIONAL_TABLES}
        else:
            head, present = part
            self.jurisdiction = self._build(head, identity_only=True)["jurisdiction"]
            optional = {name: name in present for name in OPTIONAL_TABLES}
        if optional["exclusions"]:
            self.xinli_exclusions = self._exclusions_hook()
        if optional["procedures"]:
            self.xinli_escalation_procedures = self._procedures_hook()
        if optional["metrics"]:
            self.xinli_register_metrics = self._metrics_hook()

    def _build(self, data: dict[str, Any], identity_only: bool = False) -> dict[str, Any]:
        """Validate parsed tables and build the model objects."""
        try:
            unknown = unknown_fields(data)
            if unknown:
                raise ValueError("; ".join(unknown))
            built: dict[str, Any] = {"jurisdiction": jurisdiction_from_dict(data["jurisdiction"])}
            if identity_only:
                return built
            built["scaffolded_on"] = str(data["scaffold"]["created"]) if "scaffold" in data else None
            built["requirements"] = [requirement_from_dict(r) for r in data.get("requirements", [])]
            built["exclusions"] = [
                Exclusion(e["id"], Citation(**e["citation"]), _text(e["reason"])) for e in data.get("exclusions", [])
            ]
            built["procedures"] = [
                Procedure(p["key"], _text(p["name"]), _text(p["trigger"]), p.get("clause"))
                for p in data.get("procedures", [])
            ]
            built["metrics"] = [metric_from_dict(m) for m in data.get("metrics", [])]
        except (KeyError, TypeError, ValueError) as exc:
            raise XinliError(f"{self.origin}: not a valid rules file: {type(exc).__name__}: {exc}") from exc
        return built

    def _read_rules(self) -> dict[str, Any]:
        """Parse and build the whole file, once."""
        if self._rules is None:
            data, self._parsed = self._parsed, None
            if data is None:
                try:
                    data = bounded_toml.loads(self._text or "")
                except tomllib.TOMLDecodeError as exc:
                    raise XinliError(f"{self.origin}: not a valid rules file: {type(exc).__name__}: {exc}") from exc
            built = self._build(data)
            if "jurisdiction" in self.__dict__ and built["jurisdiction"] != self.jurisdiction:
                raise XinliError(f"{self.origin}: not a valid rules file: the [jurisdiction] table is defined in parts")
            self.jurisdiction = built.pop("jurisdiction")
            self._rules = built
            self._text = None  # parsed; the text is no longer needed
        return self._rules

    requirements = _read_on_first_use("requirements")
    exclusions = _read_on_first_use("exclusions")
    procedures = _read_on_first_use("procedures")
    metrics = _read_on_first_use("metrics")
    scaffolded_on = _read_on_first_use("scaffolded_on")

    @classmethod
    def from_path(cls, path: str | Path) -> TomlPlugin:
        """Load ``path``; a ``source.txt`` beside it is the document text."""
        path = Path(path)
        source = path.with_name("source.txt")
        from xinli.core.rules.sourcetext import read_utf8

        return cls(path.read_text(encoding="utf-8"), read_utf8(source) if source.exists() else None, str(path))

    @classmethod
    def from_package(cls, package: str, name: str = "rules.toml") -> TomlPlugin:
        """Load ``name`` shipped inside ``package``, lazily (its identity
        now, its rules and ``source.txt`` when first asked for)."""
        files = resources.files(package)

        def source() -> str | None:
            from xinli.core.rules.sourcetext import read_utf8

            path = files.joinpath("source.txt")
            return read_utf8(path, f"{package}/source.txt") if path.is_file() else None

        return cls(files.joinpath(name).read_text(encoding="utf-8"), origin=f"{package}/{name}", package=package,
                   lazy=True, source_loader=source)

    def source_text(self) -> str | None:
        """The document text the quotes must be found in."""
        if self._source_loader is not None:
            self._source_text, self._source_loader = self._source_loader(), None
        return self._source_text

    def _domain(self, domain: str) -> list[Requirement]:
        return [r for r in self.requirements if r.domain == domain]

    @hookimpl
    def xinli_jurisdiction(self) -> Jurisdiction:
        """The identity from ``[jurisdiction]``."""
        return self.jurisdiction

    @hookimpl
    def xinli_screening_schedule(self) -> list[Requirement]:
        """Requirements with domain ``screening``."""
        return self._domain("screening")

    @hookimpl
    def xinli_escalation_chain(self) -> list[Requirement]:
        """Requirements with domain ``escalation``."""
        return self._domain("escalation")

    @hookimpl
    def xinli_staffing_rules(self) -> list[Requirement]:
        """Requirements with domain ``staffing``."""
        return self._domain("staffing")

    @hookimpl
    def xinli_referral_partners(self) -> list[Requirement]:
        """Requirements with domain ``referral``."""
        return self._domain("referral")

    @hookimpl
    def xinli_curriculum_quotas(self) -> list[Requirement]:
        """Requirements with domain ``curriculum``."""
        return self._domain("curriculum")

    @hookimpl
    def xinli_other_requirements(self) -> list[Requirement]:
        """Requirements with domain ``other``."""
        return self._domain("other")

    def _exclusions_hook(self) -> Any:
        """The ``xinli_exclusions`` hook, offered only by a file that has
        ``[[exclusions]]`` tables (so the plugin lists only hooks it uses)."""
        plugin = self

        @hookimpl
        def xinli_exclusions() -> list[Exclusion]:
            """The ``[[exclusions]]`` tables."""
            return plugin.exclusions

        return xinli_exclusions

    def _metrics_hook(self) -> Any:
        """The ``xinli_register_metrics`` hook, offered only by a file that
        has ``[[metrics]]`` tables: the metrics its checks add."""
        plugin = self

        @hookimpl
        def xinli_register_metrics() -> list[Metric]:
            """The ``[[metrics]]`` tables."""
            return plugin.metrics

        return xinli_register_metrics

    def _procedures_hook(self) -> Any:
        """The ``xinli_escalation_procedures`` hook, offered only by a file
        with ``[[procedures]]`` tables."""
        plugin = self

        @hookimpl
        def xinli_escalation_procedures() -> list[Procedure]:
            """The ``[[procedures]]`` tables."""
            return plugin.procedures

        return xinli_escalation_procedures
