"""Plugins written as data: a TOML file of requirements, loaded by a small
plugin class, so that a policy officer who does not write Python can keep a
district's rules.

The file has a ``[jurisdiction]`` table (with ``[[jurisdiction.documents]]``),
``[[requirements]]`` tables with the same fields as the checklist contract
(docs/checklist-format.md; absent keys mean "none"), and optional
``[[exclusions]]``.  :func:`export_rules` writes an installed plugin in this
form with tomli-w; :class:`TomlPlugin` reads it back.

A package ships such a plugin with two lines (the bundled plugins do
exactly this)::

    # xinli_bar_county/plugin.py
    from xinli.core.rules.toml_plugin import TomlPlugin
    plugin = TomlPlugin.from_package(__package__)

and the entry point ``bar_county = "xinli_bar_county.plugin:plugin"``.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from xinli.core import hookimpl
from xinli.core.errors import XinliError
from xinli.core.layering import EffectiveItem
from xinli.core.model import (
    Check,
    Citation,
    Condition,
    Document,
    DocumentRef,
    EscalationStep,
    Exclusion,
    Jurisdiction,
    Partner,
    Requirement,
    Timing,
)
from xinli.core.registry import Registry
from xinli.core.views.checklist import citation_dict, item_dict, text_dict

#: Checklist fields that describe a region's layering, not the rule itself.
DERIVED_FIELDS = ("school_duty", "source", "replaces", "looser_than_parent")


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


def _text(data: dict[str, str] | None) -> tuple[str, str] | None:
    return None if data is None else (data["zh"], data["en"])


def requirement_to_dict(requirement: Requirement) -> dict[str, Any]:
    """A requirement as a TOML-ready table: the checklist contract's fields,
    without derived ones and without empty values."""
    data = item_dict(EffectiveItem(requirement, requirement.citation.jurisdiction))
    for key in DERIVED_FIELDS:
        data.pop(key, None)
    if not data.get("timing"):
        data.pop("timing", None)
    return _drop_none(data)


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
        duty_holder=data["duty_holder"],
        citation=Citation(**data["citation"]),
        subject=data.get("subject", ["students"]),
        grades=data.get("grades", list(range(1, 13))),
        applies_if=[Condition(**c) for c in data["applies_if"]] if data.get("applies_if") else None,
        check=Check(
            metric=check["metric"], op=check["op"], value=check.get("value"), unit=check.get("unit"),
            per=check.get("per"), count_per=check.get("count_per", "school"), event=check.get("event"),
        ) if check else None,
        deadline=data.get("deadline"),
        note=_text(data.get("note")),
        step=EscalationStep(step["order"], step["role"], step.get("reports_to", []), _text(step.get("condition")))
        if step else None,
        partner=Partner(partner["kind"], _text(partner["name"]), partner.get("phone")) if partner else None,
        timing=[Timing(t["kind"], t.get("month"), t.get("days")) for t in data.get("timing", [])],
    )


def jurisdiction_to_dict(jurisdiction: Jurisdiction) -> dict[str, Any]:
    """A jurisdiction's identity as a TOML-ready table."""
    return _drop_none({
        "code": jurisdiction.code,
        "name": text_dict(jurisdiction.name),
        "level": jurisdiction.level,
        "parent": jurisdiction.parent,
        "parent_name": text_dict(jurisdiction.parent_name),
        "documents": [
            {
                "number": doc.number,
                "title": text_dict(doc.title),
                "issuer": text_dict(doc.issuer),
                "date": doc.date,
                "has_official_number": doc.has_official_number,
                "implements": [{"number": r.number, "title": r.title_zh, "issuer": r.issuer_zh, "jurisdiction": r.jurisdiction}
                               for r in doc.implements],
                "note": text_dict(doc.note),
                "in_force_from": doc.in_force_from,
                "repealed_on": doc.repealed_on,
                "replaced_by": doc.replaced_by,
            }
            for doc in jurisdiction.documents
        ],
    })


def jurisdiction_from_dict(data: dict[str, Any]) -> Jurisdiction:
    """Build a :class:`Jurisdiction` from its table."""
    return Jurisdiction(
        code=data["code"],
        name=_text(data["name"]),
        level=data["level"],
        parent=data.get("parent"),
        parent_name=_text(data.get("parent_name")),
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


class TomlPlugin:
    """A jurisdiction plugin whose identity and rules come from TOML text.

    Everything is validated when the plugin is built, so a malformed file
    fails at load time and is reported with the plugin's name.
    """

    def __init__(self, text: str, source_text: str | None = None, origin: str = "<toml>", package: str | None = None) -> None:
        self.origin = origin
        #: the package the file ships in, if any (its other files are checked too)
        self.package = package
        try:
            data = tomllib.loads(text)
            self.jurisdiction = jurisdiction_from_dict(data["jurisdiction"])
            self.requirements = [requirement_from_dict(r) for r in data.get("requirements", [])]
            self.exclusions = [
                Exclusion(e["id"], Citation(**e["citation"]), _text(e["reason"])) for e in data.get("exclusions", [])
            ]
        except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
            raise XinliError(f"{origin}: not a valid rules file: {type(exc).__name__}: {exc}") from exc
        self._source_text = source_text
        if self.exclusions:
            self.xinli_exclusions = self._exclusions_hook()

    @classmethod
    def from_path(cls, path: str | Path) -> TomlPlugin:
        """Load ``path``; a ``source.txt`` beside it is the document text."""
        path = Path(path)
        source = path.with_name("source.txt")
        return cls(path.read_text(encoding="utf-8"),
                   source.read_text(encoding="utf-8") if source.exists() else None, str(path))

    @classmethod
    def from_package(cls, package: str, name: str = "rules.toml") -> TomlPlugin:
        """Load ``name`` (and ``source.txt``) shipped inside ``package``."""
        files = resources.files(package)
        source = files.joinpath("source.txt")
        return cls(files.joinpath(name).read_text(encoding="utf-8"),
                   source.read_text(encoding="utf-8") if source.is_file() else None, f"{package}/{name}", package)

    def source_text(self) -> str | None:
        """The document text the quotes must be found in."""
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
        exclusions = self.exclusions

        @hookimpl
        def xinli_exclusions() -> list[Exclusion]:
            """The ``[[exclusions]]`` tables."""
            return exclusions

        return xinli_exclusions


def export_rules(registry: Registry, code: str) -> dict[str, Any]:
    """Plugin ``code``'s identity, own requirements (including its
    overrides of ancestors' ids) and exclusions, as a TOML-ready dict."""
    from xinli.core.layering import resolve

    plugin = registry.get(code)
    resolution = resolve(registry, code)
    own = [item.requirement for item in resolution.items if item.source == code]
    exclusions = [
        {"id": ex.exclusion.id, "citation": citation_dict(ex.exclusion.citation), "reason": text_dict(ex.exclusion.reason)}
        for ex in resolution.excluded
        if ex.by == code
    ]
    data: dict[str, Any] = {
        "jurisdiction": jurisdiction_to_dict(plugin.jurisdiction),
        "requirements": [requirement_to_dict(r) for r in own],
    }
    if exclusions:
        data["exclusions"] = exclusions
    return data


def export_rules_toml(registry: Registry, code: str) -> str:
    """:func:`export_rules` written as TOML text by tomli-w."""
    import tomli_w

    header = (f"# xinli rules for {code}, exported by `xinli export-rules`.\n"
              "# Field meanings: docs/checklist-format.md. Load with xinli.core.rules.toml_plugin.TomlPlugin.\n\n")
    return header + tomli_w.dumps(export_rules(registry, code))
