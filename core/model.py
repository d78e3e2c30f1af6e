"""The data model every jurisdiction plugin speaks: attrs classes, frozen,
slotted and validated on construction, so a malformed rule fails where it is
written rather than in a user's checklist.

A plugin answers the hooks in :mod:`xinli.core.hookspecs` with
:class:`Jurisdiction` and lists of :class:`Requirement`.  Everything a
checklist shows is a requirement; the domain helpers :class:`EscalationStep`
and :class:`Partner` only add structure to some of them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs
from attrs import field, frozen

from xinli.core import vocabulary as vocab
from xinli.core.suggest import did_you_mean

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*\.[a-z]+\.[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
DATE_TEXT_PATTERN = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
EVERY_N_YEARS = re.compile(r"^every_([2-9]|[1-9][0-9])_years$")
SHARE_PATTERN = re.compile(r"^(\d+)/(\d+)$")
ALL_GRADES: tuple[int, ...] = tuple(range(1, 13))


def _one_of(choices: Any, what: str):
    def check(_instance: Any, _attribute: Any, value: Any) -> None:
        if value not in choices:
            hint = did_you_mean(value, choices) if isinstance(value, str) else ""
            raise ValueError(f"{what} must be one of {sorted(choices)}, not {value!r}{hint}")

    return check


def _nonempty(_instance: Any, attribute: attrs.Attribute, value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{attribute.name} must be a non-empty string")


def is_valid_period(period: str) -> bool:
    """True when ``period`` is a known period key or ``every_<n>_years``."""
    return period in vocab.PERIODS or EVERY_N_YEARS.match(period) is not None


def parse_share(value: str) -> Fraction:
    """Turn a share written as ``"1/2"`` into a :class:`~fractions.Fraction`."""
    match = SHARE_PATTERN.match(value)
    if not match or int(match.group(2)) == 0:
        raise ValueError(f"a share is written like '1/2', not {value!r}")
    share = Fraction(int(match.group(1)), int(match.group(2)))
    if share > 1:
        raise ValueError(f"a share cannot exceed 1: {value!r}")
    return share


@frozen
class Text:
    """A text in Chinese (as the document says it) and in English."""

    zh: str = field(validator=_nonempty)
    en: str = field(validator=_nonempty)

    def get(self, lang: str) -> str:
        """The text in ``lang`` (``zh``, ``en``, or ``both``)."""
        if lang == "zh":
            return self.zh
        if lang == "en":
            return self.en
        return f"{self.zh} / {self.en}"


def _to_text(value: Any) -> Any:
    if isinstance(value, tuple) and len(value) == 2:
        return Text(*value)
    if isinstance(value, dict):
        return Text(**value)
    return value


def _to_optional_text(value: Any) -> Any:
    return None if value is None else _to_text(value)


def _to_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


_DEADLINE_YEAR = re.compile(r"^(?:到|至|于)?(\d{4})(?:年)?(?:底|末|年底|年末|前|以前|之前)?$")
_DEADLINE_MONTH = re.compile(r"^(?:到|至|于)?(\d{4})(?:-|年)(\d{1,2})(?:月)?(?:底|末|前|以前|之前)?$")
_DEADLINE_DAY = re.compile(r"^(?:到|至|于)?(\d{4})(?:-|年)(\d{1,2})(?:-|月)(\d{1,2})(?:日)?(?:前|以前|之前)?$")


def parse_deadline(value: str) -> tuple[dt.date, bool]:
    """Read a deadline as a document writes it: ``2025-12-31``,
    ``2025``/``2025年``/``2025年底``/``到2025年`` (the last day of the year),
    ``2025-06``/``2025年6月底`` (the last day of the month) or
    ``2025年6月30日``.  Returns the date and whether it was read from
    something other than an ISO date (so the reading is worth noting)."""
    text = re.sub(r"\s+", "", value)
    if match := _DEADLINE_DAY.match(text):
        date = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return date, text != date.isoformat()
    if match := _DEADLINE_MONTH.match(text):
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"deadline {value!r}: month {month} is outside 1-12")
        following = dt.date(year + (month == 12), month % 12 + 1, 1)
        return following - dt.timedelta(days=1), True
    if match := _DEADLINE_YEAR.match(text):
        return dt.date(int(match.group(1)), 12, 31), True
    raise ValueError(f"deadline {value!r} is not a date: write 2025-12-31, 2025, 2025年底 or 2025年6月底")


@frozen
class DocumentRef:
    """A document named by another (usually the higher-level notice it
    implements) that may not be encoded in any installed plugin."""

    number: str = field(validator=_nonempty)
    title_zh: str = field(validator=_nonempty)
    issuer_zh: str = field(validator=_nonempty)
    jurisdiction: str | None = None


@frozen
class Document:
    """A source document of a jurisdiction.

    ``number`` is the official document number (文号) or, when the document
    has none, the identifier it is cited by.  ``date`` is ISO ``YYYY-MM-DD``,
    or ``YYYY`` / ``YYYY-MM`` when the document prints no more.
    """

    number: str = field(validator=_nonempty)
    title: Text = field(converter=_to_text, validator=attrs.validators.instance_of(Text))
    issuer: Text = field(converter=_to_text, validator=attrs.validators.instance_of(Text))
    date: str = field(validator=attrs.validators.matches_re(DATE_TEXT_PATTERN))
    has_official_number: bool = True
    implements: tuple[DocumentRef, ...] = field(default=(), converter=tuple)
    note: Text | None = field(default=None, converter=_to_optional_text)
    in_force_from: dt.date | None = field(default=None, converter=_to_date)
    repealed_on: dt.date | None = field(default=None, converter=_to_date)
    replaced_by: str | None = None

    def __attrs_post_init__(self) -> None:
        start = self.effective_from()
        if self.repealed_on is not None and self.repealed_on <= start:
            raise ValueError(f"document {self.number!r} is repealed on or before it comes into force")

    def year(self) -> int:
        """The year the document was issued."""
        return int(self.date[:4])

    def effective_from(self) -> dt.date:
        """The first day the document is in force: ``in_force_from`` if given,
        else the issue date; a date printed without its day or month counts
        from the first day of that month or year."""
        if self.in_force_from is not None:
            return self.in_force_from
        parts = [int(p) for p in self.date.split("-")] + [1, 1]
        return dt.date(parts[0], parts[1], parts[2])

    def in_force(self, on: dt.date) -> bool:
        """True when the document is in force on ``on`` (repealed documents
        stop the day they are repealed)."""
        return self.effective_from() <= on and (self.repealed_on is None or on < self.repealed_on)


@frozen
class Ancestor:
    """One jurisdiction above another (its city, province, the nation),
    declared by code, name and level whether or not a plugin encodes it;
    ``documents`` are its documents the child knows of, listed as not
    encoded when no plugin for it is installed."""

    code: str = field(validator=attrs.validators.matches_re(CODE_PATTERN))
    name: Text | None = field(default=None, converter=_to_optional_text)
    level: str | None = field(default=None)
    documents: tuple[DocumentRef, ...] = field(default=(), converter=tuple)

    @level.validator
    def _check_level(self, _attribute: Any, level: str | None) -> None:
        if level is not None and level not in vocab.JURISDICTION_LEVELS:
            raise ValueError(f"ancestor {self.code!r}: level must be one of {sorted(vocab.JURISDICTION_LEVELS)}, not {level!r}")


def _to_kinds(value: Any) -> tuple[str, ...]:
    """School kinds as a tuple in vocabulary order; an unknown or empty list is refused."""
    kinds = tuple(value)
    if not kinds:
        raise ValueError("school_kinds must name at least one kind (leave it out for every kind)")
    for kind in kinds:
        if kind not in vocab.KINDS_OF_SCHOOL:
            hint = did_you_mean(kind, vocab.KINDS_OF_SCHOOL) if isinstance(kind, str) else ""
            raise ValueError(f"school kind must be one of {list(vocab.KINDS_OF_SCHOOL)}, not {kind!r}{hint}")
    return tuple(k for k in vocab.KINDS_OF_SCHOOL if k in kinds)


def _to_ancestors(value: Any) -> tuple[Ancestor, ...]:
    return tuple(Ancestor(**a) if isinstance(a, dict) else a for a in value)


def _to_domains(value: Any) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


@frozen
class Jurisdiction:
    """Who a plugin speaks for: a province, prefecture city, county or
    district, its place in the hierarchy and the documents it ships.

    ``ancestors`` is the declared line above it, nearest first (county →
    city → province → national); ``parent`` is then the first of them and
    may be left out.  A plugin that names only ``parent`` still works: its
    line continues with the parent plugin's own declaration.
    ``encoded_domains`` says which domains the plugin has encoded (None:
    all of them), so the checklist tells "not yet encoded" from "not
    specified by this document"; ``encoded_clauses`` optionally lists the
    clauses encoded so far.
    """

    code: str = field(validator=attrs.validators.matches_re(CODE_PATTERN))
    name: Text = field(converter=_to_text, validator=attrs.validators.instance_of(Text))
    level: str = field(validator=_one_of(vocab.JURISDICTION_LEVELS, "level"))
    parent: str | None = None
    parent_name: Text | None = field(default=None, converter=_to_optional_text)
    documents: tuple[Document, ...] = field(default=(), converter=tuple)
    ancestors: tuple[Ancestor, ...] = field(default=(), converter=_to_ancestors)
    encoded_domains: tuple[str, ...] | None = field(default=None, converter=_to_domains)
    encoded_clauses: tuple[str, ...] = field(default=(), converter=tuple)
    #: the kinds of school the documents cover (None: every kind), keys of
    #: :data:`xinli.core.vocabulary.KINDS_OF_SCHOOL`
    school_kinds: tuple[str, ...] | None = field(default=None, converter=lambda v: None if v is None else _to_kinds(v))

    def __attrs_post_init__(self) -> None:
        if not self.documents:
            raise ValueError(f"jurisdiction {self.code!r} lists no source document")
        if self.ancestors:
            first = self.ancestors[0]
            if self.parent is None:
                object.__setattr__(self, "parent", first.code)
            elif self.parent != first.code:
                raise ValueError(f"jurisdiction {self.code!r}: parent {self.parent!r} is not the first ancestor {first.code!r}")
            if self.parent_name is None and first.name is not None:
                object.__setattr__(self, "parent_name", first.name)
            codes = [a.code for a in self.ancestors]
            if len(set(codes)) != len(codes) or self.code in codes:
                raise ValueError(f"jurisdiction {self.code!r}: ancestors repeat a code: {' -> '.join([self.code, *codes])}")
        if self.parent is not None and not CODE_PATTERN.match(self.parent):
            raise ValueError(f"parent of {self.code!r} is not a jurisdiction code: {self.parent!r}")
        if self.parent == self.code:
            raise ValueError(f"jurisdiction {self.code!r} names itself as its parent")
        for domain in self.encoded_domains or ():
            if domain not in vocab.DOMAINS:
                raise ValueError(f"jurisdiction {self.code!r}: encoded domain {domain!r} is not one of {list(vocab.DOMAINS)}")

    def declared_ancestors(self) -> tuple[Ancestor, ...]:
        """The declared line above this jurisdiction, nearest first: its
        ``ancestors``, or just its ``parent`` when that is all it names."""
        if self.ancestors:
            return self.ancestors
        if self.parent is None:
            return ()
        return (Ancestor(self.parent, self.parent_name),)

    def encodes(self, domain: str) -> bool:
        """True unless the plugin says ``domain`` is not yet encoded."""
        return self.encoded_domains is None or domain in self.encoded_domains


@frozen
class Citation:
    """Where a requirement comes from: the jurisdiction, the document number,
    the clause (``二、2``, ``附件2 二（二）2（1）``) and ``quote``, the
    document's own words that the requirement encodes; ``secondary_source``
    when those words were taken from a copy rather than the document."""

    jurisdiction: str = field(validator=attrs.validators.matches_re(CODE_PATTERN))
    document: str = field(validator=_nonempty)
    clause: str = field(validator=_nonempty)
    quote: str = field(validator=_nonempty)
    #: where the quote was taken from when it is not the document itself (a newspaper's or a portal's copy,
    #: a later document quoting it): the words are as that copy prints them, to be checked against the original
    secondary_source: str | None = field(default=None)

    @secondary_source.validator
    def _check_secondary(self, _attribute: Any, value: Any) -> None:
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ValueError("secondary_source names the copy the quote was taken from (a non-empty text)")


ATTRIBUTE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


@frozen
class Condition:
    """A test on a school attribute that decides whether a requirement
    applies, e.g. ``Condition("boarding", "==", True)``.

    ``attribute`` is a key of :data:`xinli.core.vocabulary.SCHOOL_ATTRIBUTES`
    (checked here for its type) or a yes/no or whole-number metric a plugin
    registers (checked by ``xinli plugins check``).
    """

    attribute: str = field(validator=attrs.validators.matches_re(ATTRIBUTE_PATTERN))
    op: str = field(validator=_one_of(("==", "!=", ">=", "<=", ">", "<"), "condition operator"))
    value: bool | int | str = field()

    @value.validator
    def _check_value(self, _attribute: Any, value: Any) -> None:
        known = vocab.SCHOOL_ATTRIBUTES.get(self.attribute)
        kind = known[0] if known else None
        if kind == "bool" and (not isinstance(value, bool) or self.op not in ("==", "!=")):
            raise ValueError(f"{self.attribute} is a yes/no attribute: use '==' with True or False")
        if kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"{self.attribute} takes a whole number, not {value!r}")
        if kind == "kind" and (value not in vocab.SCHOOL_KINDS or self.op not in ("==", "!=")):
            raise ValueError(f"{self.attribute} takes '==' or '!=' with one of {sorted(vocab.SCHOOL_KINDS)}, not {value!r}")
        if kind is None and (isinstance(value, str) or (isinstance(value, bool) and self.op not in ("==", "!="))):
            raise ValueError(f"{self.attribute}: a metric condition compares a number, or a yes/no with '=='")

    def holds(self, actual: bool | int | str | None) -> bool | None:
        """Whether ``actual`` satisfies the condition; None when unknown."""
        if actual is None:
            return None
        return CONDITION_OPS[self.op](actual, self.value)

    def attributes(self) -> list[str]:
        """The attributes this condition reads."""
        return [self.attribute]


CONDITION_OPS: dict[str, Any] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
}


def _to_node(value: Any) -> Any:
    """A condition tree node from a dict: a leaf ``{attribute, op, value}``
    or ``{"all": [...]}``, ``{"any": [...]}``, ``{"not": node}``."""
    if isinstance(value, Condition | ConditionGroup):
        return value
    if isinstance(value, dict):
        if "attribute" in value:
            return Condition(**value)
        if len(value) != 1:
            raise ValueError(f"a condition group has exactly one of all/any/not, not {sorted(value)}")
        ((kind, inner),) = value.items()
        if kind == "not":
            return ConditionGroup("not", (_to_node(inner),))
        if kind not in ("all", "any") or not isinstance(inner, list | tuple):
            raise ValueError(f"a condition group is all=[...], any=[...] or not={{...}}, not {kind!r}")
        return ConditionGroup(kind, tuple(_to_node(v) for v in inner))
    raise ValueError(f"not a condition: {value!r}")


@frozen
class ConditionGroup:
    """Conditions combined: ``all`` must hold, ``any`` one must hold, ``not``
    inverts its single member.  Unknown attributes make the answer unknown
    only where they could change it (three-valued logic)."""

    kind: str = field(validator=_one_of(("all", "any", "not"), "condition group"))
    items: tuple[Any, ...] = field(converter=lambda v: tuple(_to_node(x) for x in v))

    def __attrs_post_init__(self) -> None:
        if not self.items:
            raise ValueError(f"an '{self.kind}' group needs at least one condition")
        if self.kind == "not" and len(self.items) != 1:
            raise ValueError("a 'not' group holds exactly one condition")

    def attributes(self) -> list[str]:
        """Every attribute the group reads."""
        return [a for item in self.items for a in item.attributes()]


def evaluate_conditions(nodes: Any, lookup: Any, kind: str = "all") -> bool | None:
    """Three-valued evaluation of a condition tree: ``lookup(attribute)``
    gives an attribute's value (None when unknown)."""
    if isinstance(nodes, Condition):
        return nodes.holds(lookup(nodes.attribute))
    if isinstance(nodes, ConditionGroup):
        if nodes.kind == "not":
            inner = evaluate_conditions(nodes.items[0], lookup)
            return None if inner is None else not inner
        return evaluate_conditions(nodes.items, lookup, nodes.kind)
    results = [evaluate_conditions(node, lookup) for node in nodes]
    if kind == "all":
        if any(r is False for r in results):
            return False
        return None if any(r is None for r in results) else True
    if any(r is True for r in results):
        return True
    return None if any(r is None for r in results) else False


CheckValue = int | float | str | tuple[int | float, int | float] | None


def _to_check_value(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(value)
    return value


@frozen
class Check:
    """The machine-checkable part of a requirement.

    ``grades`` scopes the measurement to a band of grades within the school
    (the facts then ask for the metric for that band only, one column per
    band); ``grades_mode`` says whether ``each`` grade of the band must meet
    the figure or ``any`` one the school chose.  For ``between``, ``binds``
    says which end is enforced (``low``, the default: at least the lower
    figure; ``high``; or ``both``).

    ``metric`` names a school-level fact; ``op`` compares it with ``value``
    (a number, a ``(low, high)`` range for ``between``, a share such as
    ``"1/2"``, or nothing for ``true``); ``per`` is the period the count
    is taken over and ``count_per`` the unit it is counted in (each school,
    each class, each area...).  ``event`` names the triggering event when
    ``per`` is ``on_event``.
    """

    metric: str = field(validator=attrs.validators.matches_re(r"^[a-z][a-z0-9_]*$"))
    op: str = field(validator=_one_of(vocab.OPERATORS, "op"))
    value: CheckValue = field(default=None, converter=_to_check_value)
    unit: str | None = field(default=None)
    per: str | None = field(default=None)
    count_per: str = field(default="school", validator=_one_of(vocab.COUNT_PER, "count_per"))
    event: str | None = None
    grades: tuple[int, ...] | None = field(default=None, converter=lambda v: None if v is None else _to_grades(v))
    grades_mode: str = field(default="each", validator=_one_of(vocab.GRADES_MODES, "grades_mode"))
    binds: str | None = field(default=None)
    #: in an any-of check only: the school conditions (``applies_if`` syntax)
    #: under which this alternative counts
    when: tuple[Any, ...] | None = field(default=None, converter=lambda v: _to_conditions(v))

    @binds.validator
    def _check_binds(self, _attribute: Any, binds: Any) -> None:
        if binds is not None and binds not in vocab.BINDS:
            raise ValueError(f"binds must be one of {sorted(vocab.BINDS)}, not {binds!r}")
    scope: str | None = field(default=None)

    @scope.validator
    def _check_scope(self, _attribute: Any, scope: Any) -> None:
        if scope is not None and scope not in vocab.TARGET_SCOPES:
            raise ValueError(f"scope must be one of {sorted(vocab.TARGET_SCOPES)}, not {scope!r}")

    @unit.validator
    def _check_unit(self, _attribute: Any, unit: Any) -> None:
        if unit is not None and unit not in vocab.UNITS:
            raise ValueError(f"unit must be one of {sorted(vocab.UNITS)}, not {unit!r}")

    @per.validator
    def _check_per(self, _attribute: Any, per: Any) -> None:
        if per is not None and not is_valid_period(per):
            raise ValueError(f"per must be a known period or 'every_<n>_years', not {per!r}")

    def __attrs_post_init__(self) -> None:
        value = self.value
        if self.op == "true":
            if value is not None:
                raise ValueError("op 'true' takes no value")
        elif self.op == "between":
            if not (isinstance(value, tuple) and len(value) == 2 and all(_is_number(v) for v in value)):
                raise ValueError("op 'between' takes a (low, high) pair of numbers")
            if value[0] > value[1]:
                raise ValueError(f"range {value!r} has low > high")
        elif isinstance(value, str):
            parse_share(value)
        elif not _is_number(value):
            raise ValueError(f"op {self.op!r} takes a number or a share like '1/2', not {value!r}")
        elif value < 0:
            raise ValueError(f"check value cannot be negative: {value!r}")
        if self.per == "on_event" and not self.event:
            raise ValueError("a check with per='on_event' must name its event")
        if self.binds is not None and self.op != "between":
            raise ValueError("only a 'between' range says which end binds")
        if self.grades is not None:
            if not self.grades or any(isinstance(g, bool) or not isinstance(g, int) or g not in vocab.GRADE_NUMBERS
                                      for g in self.grades):
                raise ValueError(f"check grades {self.grades!r} must be grades (K1-K3 as -2..0, 1-12, U1-U8 as 13..20)")
        elif self.grades_mode != "each":
            raise ValueError("grades_mode needs the check's grades")
        if self.scope is not None and self.count_per != "region":
            raise ValueError("only a region-level target (count_per='region') states a scope")

    @property
    def alternatives(self) -> tuple[Check, ...]:
        """The checks any one of which satisfies this one: itself."""
        return (self,)

    def when_attributes(self) -> list[str]:
        """The attributes the alternative's ``when`` reads."""
        return [a for node in self.when or () for a in node.attributes()]

    @property
    def binding(self) -> str | None:
        """Which end of a range is enforced (``low`` unless stated)."""
        if self.op != "between":
            return None
        return self.binds or "low"

    def column(self) -> str:
        """The facts column this check reads: the metric key, followed for a
        grade-scoped check by its band, e.g. ``psych_lessons_per_school_year__g1to6``."""
        return scoped_metric_key(self.metric, self.grades)


def scoped_metric_key(metric: str, grades: Iterable[int] | None) -> str:
    """The facts column of ``metric`` measured over ``grades`` (None: the
    whole school): ``metric__g1to6``, ``metric__g4_7_10``, ``metric__g1to6_10to12``."""
    if grades is None:
        return metric
    def name(grade: int) -> str:
        return vocab.grade_label(grade).lower()

    band = "_".join(f"{name(a)}to{name(b)}" if a != b else name(a) for a, b in grade_runs(grades))
    return f"{metric}__g{band}"


@frozen
class AnyCheck:
    """A check met by any one of several alternatives (``check = { any =
    [...] }``), e.g. 「专（兼）职…配备」: a full-time teacher, or a
    full- or part-time one.  Each alternative is a full :class:`Check` and
    may carry ``when`` conditions: it counts only for schools meeting them.

    A school meets it when an alternative that applies to it is met; it
    fails only when every alternative that applies is known and not met;
    otherwise it is unknown.  The alternatives share what the item is
    counted over (``count_per``, ``per``, ``scope``); the first one gives the
    fields a reader of a single check expects (``metric``, ``op``...)."""

    any: tuple[Check, ...] = field(converter=lambda v: tuple(_to_check(c) for c in v))

    def __attrs_post_init__(self) -> None:
        if len(self.any) < 2:
            raise ValueError("an any-of check needs at least two alternatives")
        first = self.any[0]
        for alt in self.any[1:]:
            for name in ("count_per", "scope"):
                if getattr(alt, name) != getattr(first, name):
                    raise ValueError(f"the alternatives of an any-of check differ in {name}: "
                                     f"{getattr(first, name)!r} and {getattr(alt, name)!r}")

    @property
    def alternatives(self) -> tuple[Check, ...]:
        """The alternatives, in the order written."""
        return self.any

    def when_attributes(self) -> list[str]:
        """Every attribute the alternatives' ``when`` conditions read."""
        return [a for alt in self.any for a in alt.when_attributes()]

    def __getattr__(self, name: str) -> Any:
        # metric, op, value, unit, per, count_per, event, grades, grades_mode,
        # binds, scope, binding, column: those of the first alternative
        if name.startswith("_") or name == "any":
            raise AttributeError(name)
        return getattr(self.any[0], name)


def _to_check(value: Any) -> Any:
    """A :class:`Check` or :class:`AnyCheck` from a dict (``{"any": [...]}``
    for an any-of check), or the object itself."""
    if isinstance(value, dict):
        if "any" in value:
            if len(value) != 1:
                raise ValueError(f"an any-of check holds only 'any', not {sorted(value)}")
            return AnyCheck(value["any"])
        return Check(**value)
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


METRIC_TYPES = ("integer", "number", "boolean", "date")


@frozen
class Metric:
    """A fact that checks compare against: by default a school-level fact
    (a count, a number, a yes/no or a date, never about a student).

    ``type`` is ``integer`` (a count, never negative), ``number``,
    ``boolean`` or ``date``; ``unit`` is a key of
    :data:`xinli.core.vocabulary.UNITS` or None.

    A **region-reported** metric (``reported_by = "region"``) is a figure the
    region gives about itself, not a school's fact: ``measure`` says what it
    is (``count``; ``share`` of a named ``population``, e.g. communities,
    guidance stations, students; ``per_population``: a ratio per ``per``
    people of ``population``).  Checks on it are region findings, judged
    from the region's own facts."""

    key: str = field(validator=_nonempty)
    label: Text = field(converter=_to_text)
    type: str = field(validator=_one_of(METRIC_TYPES, "metric type"))
    unit: str | None
    help: Text = field(converter=_to_text)
    reported_by: str = field(default="school", validator=_one_of(vocab.REPORTED_BY, "reported_by"))
    measure: str | None = field(default=None, validator=attrs.validators.optional(_one_of(vocab.MEASURES, "measure")))
    population: Text | None = field(default=None, converter=_to_optional_text)
    per: int | None = None
    #: a declared relation between facts: this count never exceeds the metric
    #: named here (full-time teachers <= all teachers); a school breaking it
    #: is refused, and a known figure here is a floor for the other when blank
    at_most: str | None = None

    def __attrs_post_init__(self) -> None:
        if not re.fullmatch(r"[a-z][a-z0-9_]*", self.key):
            raise ValueError(f"metric key {self.key!r} must be lowercase letters, digits and underscores")
        if self.at_most is not None:
            if self.at_most == self.key or not re.fullmatch(r"[a-z][a-z0-9_]*", str(self.at_most)):
                raise ValueError(f"metric {self.key!r}: at_most names another metric's key, not {self.at_most!r}")
            if self.type not in ("integer", "number") or self.reported_by != "school":
                raise ValueError(f"metric {self.key!r}: at_most relates two numbers schools report")
        if self.reported_by == "school":
            if self.measure is not None or self.population is not None or self.per is not None:
                raise ValueError(f"metric {self.key!r}: measure, population and per belong to region-reported metrics "
                                 "(reported_by = \"region\")")
            return
        if self.measure is None:
            raise ValueError(f"metric {self.key!r}: a region-reported metric says its measure: {list(vocab.MEASURES)}")
        if self.measure in ("share", "per_population") and self.population is None:
            raise ValueError(f"metric {self.key!r}: a {self.measure} names its population, e.g. "
                             "population = { zh = \"城市社区\", en = \"urban communities\" }")
        if (self.measure == "per_population") != (self.per is not None):
            raise ValueError(f"metric {self.key!r}: per (e.g. 100000) goes with measure 'per_population' and only with it")
        if self.per is not None and (isinstance(self.per, bool) or not isinstance(self.per, int) or self.per < 1):
            raise ValueError(f"metric {self.key!r}: per is a whole number of people, e.g. 100000")
        wanted = {"count": ("integer",), "share": ("number",), "per_population": ("number", "integer")}[self.measure]
        if self.type not in wanted:
            raise ValueError(f"metric {self.key!r}: a {self.measure} is of type {' or '.join(wanted)}, not {self.type!r}")

    @property
    def region_reported(self) -> bool:
        """True for a figure the region reports about itself."""
        return self.reported_by == "region"


@frozen
class EscalationStep:
    """One step of a reporting or intervention procedure, in the document's
    order: which ``procedure`` it belongs to (a key the plugin's
    ``[[procedures]]`` name, ``main`` by default), its ``order`` there
    (steps sharing an order happen at the same time), who acts (``role``),
    whom they tell (``reports_to``), under whose guidance they act
    (``guided_by``, which is not reporting) and any condition such as
    parents' consent before referral."""

    order: int = field(validator=attrs.validators.ge(1))
    role: str = field(validator=_one_of(vocab.ACTORS, "role"))
    reports_to: tuple[str, ...] = field(default=(), converter=tuple)
    condition: Text | None = field(default=None, converter=_to_optional_text)
    procedure: str = field(default="main", validator=attrs.validators.matches_re(CODE_PATTERN))
    guided_by: tuple[str, ...] = field(default=(), converter=tuple)

    @reports_to.validator
    def _check_reports_to(self, _attribute: Any, value: tuple[str, ...]) -> None:
        for actor in value:
            if actor not in vocab.ACTORS:
                raise ValueError(f"reports_to entry {actor!r} is not a known actor")

    @guided_by.validator
    def _check_guided_by(self, _attribute: Any, value: tuple[str, ...]) -> None:
        for actor in value:
            if actor not in vocab.ACTORS:
                raise ValueError(f"guided_by entry {actor!r} is not a known actor")


@frozen
class Procedure:
    """A named escalation procedure (routine reporting and referral; the
    emergency response to an incident...): its key, name and trigger, and
    where the document sets it out."""

    key: str = field(validator=attrs.validators.matches_re(CODE_PATTERN))
    name: Text = field(converter=_to_text, validator=attrs.validators.instance_of(Text))
    trigger: Text = field(converter=_to_text, validator=attrs.validators.instance_of(Text))
    clause: str | None = None


@frozen
class Partner:
    """An institution or public hotline that takes referrals.  Only public
    numbers belong here; a private person's name or mobile never does."""

    kind: str = field(validator=_one_of(vocab.PARTNER_KINDS, "partner kind"))
    name: Text = field(converter=_to_text, validator=attrs.validators.instance_of(Text))
    phone: str | None = field(default=None)

    @phone.validator
    def _check_phone(self, _attribute: Any, phone: str | None) -> None:
        if phone is not None and re.fullmatch(r"1[3-9]\d{9}", re.sub(r"[\s-]", "", phone)):
            raise ValueError("a mobile number is personal data and never belongs to a partner")


TIMING_KINDS: dict[str, tuple[str, str]] = {
    "semester_start": ("每学期开学后", "from the start of each semester"),
    "semester_end": ("每学期末", "at the end of each semester"),
    "month": ("每年固定月份", "a fixed month each year"),
    "intake": ("新生入学后", "after new students arrive"),
    "exams": ("考试前后", "around examinations"),
    "holidays": ("放假前后", "before and after holidays"),
    "graduation": ("毕业生离校前", "before graduates leave"),
    "season_change": ("季节交替前后", "at changes of season"),
    "major_events": ("重大活动前后", "around major events"),
    # --- issue 21: a period the document names without a time within it ---
    "semester": ("每学期内（文件未定具体时间）", "within each semester (no date given)"),
    "calendar_year": ("每年内（文件未定具体时间）", "within each calendar year (no date given)"),
}


@frozen
class Timing:
    """When in the school year a requirement falls, where the document says
    so: e.g. ``Timing("semester_start", days=31)`` for 每学期开学第一个月,
    ``Timing("month", month=5)`` for 每年五月."""

    kind: str = field(validator=_one_of(TIMING_KINDS, "timing kind"))
    month: int | None = field(default=None)
    days: int | None = field(default=None)

    def __attrs_post_init__(self) -> None:
        if (self.kind == "month") != (self.month is not None):
            raise ValueError("a 'month' timing needs its month, and only it takes one")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is outside 1-12")
        if self.days is not None and self.days < 1:
            raise ValueError("a timing window lasts at least one day")


def _to_grades(value: Any) -> tuple[int, ...]:
    if isinstance(value, range):
        value = tuple(value)
    return tuple(sorted(set(value)))


def _to_conditions(value: Any) -> tuple[Any, ...] | None:
    if value is None:
        return None
    if isinstance(value, dict | Condition | ConditionGroup):
        value = [value]
    return tuple(_to_node(v) for v in value)


@frozen
class DutyHolder:
    """One of several units a requirement binds: its ``actor`` (a key of
    :data:`xinli.core.vocabulary.ACTORS`) and ``role`` (``lead`` 牵头单位 or
    ``responsible`` 责任单位, :data:`xinli.core.vocabulary.DUTY_ROLES`)."""

    actor: str = field(validator=_one_of(vocab.ACTORS, "duty holder"))
    role: str = field(default="responsible", validator=_one_of(vocab.DUTY_ROLES, "duty-holder role"))


def _to_duty_holder(value: Any) -> DutyHolder:
    if isinstance(value, dict):
        return DutyHolder(**value)
    if isinstance(value, tuple | list):
        return DutyHolder(*value)
    return value


@frozen
class Requirement:
    """One thing a document asks for, with everything needed to print it,
    check it and trace it back to the document's words.

    ``duty_holder`` is who must act (the effective duty holder: who is
    assessed); ``duty_holders`` optionally lists every unit the document
    names with its role (lead or responsible), the first lead being
    ``duty_holder``; ``subject`` whom it concerns;
    ``grades`` the school grades (1-12) it covers; ``applies_if`` any
    school-attribute conditions (all must hold; each may be an ``all``,
    ``any`` or ``not`` group); ``event`` an event (a key of
    :data:`xinli.core.vocabulary.EVENTS`) the item depends on: where it has
    not happened the item does not apply.  ``note`` records the
    interpretations made, e.g. which grades 小学高年级 covers.
    """

    id: str = field(validator=attrs.validators.matches_re(ID_PATTERN))
    domain: str = field(validator=_one_of(vocab.DOMAINS, "domain"))
    text: Text = field(converter=_to_text, validator=attrs.validators.instance_of(Text))
    level: str = field(validator=_one_of(vocab.LEVELS, "level"))
    duty_holder: str | None = field(validator=attrs.validators.optional(_one_of(vocab.ACTORS, "duty_holder")))
    citation: Citation = field(validator=attrs.validators.instance_of(Citation))
    subject: tuple[str, ...] = field(default=("students",), converter=tuple)
    grades: tuple[int, ...] = field(default=None, converter=lambda v: None if v is None else _to_grades(v))
    applies_if: tuple[Any, ...] | None = field(default=None, converter=_to_conditions)
    check: Check | AnyCheck | None = field(default=None, converter=lambda v: None if v is None else _to_check(v))
    deadline: dt.date | None = field(default=None)
    note: Text | None = field(default=None, converter=_to_optional_text)
    step: EscalationStep | None = None
    partner: Partner | None = None
    timing: tuple[Timing, ...] = field(default=(), converter=tuple)
    event: str | None = field(default=None)

    @event.validator
    def _check_event(self, _attribute: Any, value: Any) -> None:
        if value is not None and value not in vocab.EVENTS:
            raise ValueError(f"{self.id}: event must be one of {sorted(vocab.EVENTS)}, not {value!r}")
    deadline_as_written: str | None = None
    duty_holders: tuple[DutyHolder, ...] = field(default=(), converter=lambda v: tuple(_to_duty_holder(d) for d in v))
    #: the kinds of school the item applies to (None: every kind its grades reach)
    school_kinds: tuple[str, ...] | None = field(default=None, converter=lambda v: None if v is None else _to_kinds(v))
    #: where a region target without a machine check (or any region target) is
    #: measured: ``jurisdiction`` or ``each_subregion`` (a checked target may say it in its check)
    scope: str | None = field(default=None, validator=attrs.validators.optional(_one_of(vocab.TARGET_SCOPES, "scope")))
    #: a duty done once, by its ``deadline`` (a one-off submission): after the
    #: deadline it is history -- never a current duty, never a failure (issue 21)
    one_off: bool = field(default=False, validator=attrs.validators.instance_of(bool))

    @subject.validator
    def _check_subject(self, _attribute: Any, value: tuple[str, ...]) -> None:
        if not value:
            raise ValueError(f"{self.id}: subject must name at least one group")
        for actor in value:
            if actor not in vocab.ACTORS:
                raise ValueError(f"{self.id}: subject {actor!r} is not a known group")

    @grades.validator
    def _check_grades(self, _attribute: Any, value: tuple[int, ...] | None) -> None:
        if value is None:
            return
        if not value:
            raise ValueError(f"{self.id}: grades must not be empty")
        for grade in value:
            if isinstance(grade, bool) or not isinstance(grade, int) or grade not in vocab.GRADE_NUMBERS:
                raise ValueError(f"{self.id}: grade {grade!r} is outside 1-12 (K1-K3 are -2..0, U1-U8 13..20)")

    def __attrs_post_init__(self) -> None:
        if self.grades is None:  # every grade of its kinds; school grades 1-12 when it names none
            grades = sorted({g for k in self.school_kinds for g in vocab.KIND_GRADES[k]}) if self.school_kinds else ALL_GRADES
            object.__setattr__(self, "grades", tuple(grades))
        if self.duty_holders:
            lead = next((d.actor for d in self.duty_holders if d.role == "lead"), None)
            if lead is None:
                raise ValueError(f"{self.id}: duty_holders name no lead unit (role = \"lead\")")
            if self.duty_holder is None:
                object.__setattr__(self, "duty_holder", lead)
            elif self.duty_holder != lead:
                raise ValueError(f"{self.id}: duty_holder {self.duty_holder!r} is not the first lead of duty_holders {lead!r}")
            pairs = [(d.actor, d.role) for d in self.duty_holders]
            if len({a for a, _r in pairs}) != len(pairs):
                raise ValueError(f"{self.id}: duty_holders name an actor twice")
        elif self.duty_holder is None:
            raise ValueError(f"{self.id}: give duty_holder, or duty_holders with a lead unit")
        if isinstance(self.deadline, str):
            date, read = parse_deadline(self.deadline)
            if read and self.deadline_as_written is None:
                object.__setattr__(self, "deadline_as_written", self.deadline)
            object.__setattr__(self, "deadline", date)
        elif self.deadline is not None and not isinstance(self.deadline, dt.date):
            raise ValueError(f"{self.id}: deadline must be a date or text like 2025-12-31, not {self.deadline!r}")
        if self.one_off:
            if self.deadline is None:
                raise ValueError(f"{self.id}: a one-off duty (one_off = true) needs its deadline")
            if self.check is not None and any(alt.per not in (None, "by_deadline", "standing") for alt in self.check.alternatives):
                raise ValueError(f"{self.id}: a one-off duty is done once by its deadline; its check cannot count per period")
        if self.scope is not None:
            if self.check is not None and self.check.count_per != "region":
                raise ValueError(f"{self.id}: only a region target states a scope (a check with count_per = 'region', "
                                 "or an item without a check that is not a school's duty)")
            if self.check is None and self.school_duty:
                raise ValueError(f"{self.id}: a school's own duty checked by hand has no scope; a scope belongs to a region target")
            if self.check is not None and self.check.scope not in (None, self.scope):
                raise ValueError(f"{self.id}: scope {self.scope!r} differs from the check's scope {self.check.scope!r}")
        if self.id.split(".")[1] != self.domain:
            raise ValueError(f"{self.id}: the id's middle part must be its domain {self.domain!r}")
        if self.step is not None and self.domain != "escalation":
            raise ValueError(f"{self.id}: only escalation items carry a step")
        if self.partner is not None and self.domain != "referral":
            raise ValueError(f"{self.id}: only referral items carry a partner")
        if self.check is not None and self.check.per == "by_deadline" and self.deadline is None:
            raise ValueError(f"{self.id}: a check due by a deadline needs the deadline")
        for alt in self.check.alternatives if self.check is not None else ():
            if alt.grades is not None and not set(alt.grades) <= set(self.grades):
                raise ValueError(f"{self.id}: the check measures grades {list(alt.grades)} the item does not cover")
            if alt.when is not None and not isinstance(self.check, AnyCheck):
                raise ValueError(f"{self.id}: only an alternative of an any-of check takes 'when'; "
                                 "a condition on the whole item is applies_if")
            if alt.per == "by_deadline" and self.deadline is None:
                raise ValueError(f"{self.id}: a check due by a deadline needs the deadline")

    @property
    def school_duty(self) -> bool:
        """True when a school answers for this requirement itself."""
        return self.duty_holder in vocab.SCHOOL_SIDE

    @property
    def optional(self) -> bool:
        """True for encouraged and permitted items: adopted or not, never failed."""
        return self.level in vocab.OPTIONAL_LEVELS

    def conditions_attributes(self) -> list[str]:
        """Every attribute ``applies_if`` and the check's ``when``
        conditions read."""
        found = [a for node in self.applies_if or () for a in node.attributes()]
        return found + (self.check.when_attributes() if self.check is not None else [])

    def one_off_past(self, on: dt.date) -> bool:
        """True when this is a one-off duty whose deadline lies before ``on``:
        history, no longer a current duty."""
        return self.one_off and self.deadline is not None and self.deadline < on

    def deadline_reading(self) -> Text | None:
        """How a deadline written as text (``2025年底``) was read, or None
        when it was given as a date."""
        if self.deadline is None or self.deadline_as_written is None:
            return None
        date = self.deadline.isoformat()
        return Text(f"期限“{self.deadline_as_written}”按 {date} 理解", f"deadline {self.deadline_as_written!r} read as {date}")


@frozen
class Exclusion:
    """A child jurisdiction's statement that an ancestor's requirement does
    not apply in it, with the child's own citation and the reason."""

    id: str = field(validator=attrs.validators.matches_re(ID_PATTERN))
    citation: Citation = field(validator=attrs.validators.instance_of(Citation))
    reason: Text = field(converter=_to_text, validator=attrs.validators.instance_of(Text))


def grades_range(first: int, last: int) -> tuple[int, ...]:
    """Grades ``first`` to ``last`` inclusive (1-6 primary, 7-9 junior
    secondary, 10-12 senior secondary)."""
    return tuple(range(first, last + 1))


def grade_runs(grades: Iterable[int]) -> list[tuple[int, int]]:
    """Grades as consecutive runs: ``[1, 2, 3, 10]`` → ``[(1, 3), (10, 10)]``."""
    runs: list[tuple[int, int]] = []
    for grade in sorted(set(grades)):
        if runs and grade == runs[-1][1] + 1 and grade not in (1, 13):  # K3 -> 1 and 12 -> U1 are new stages
            runs[-1] = (runs[-1][0], grade)
        else:
            runs.append((grade, grade))
    return runs


PRIMARY = grades_range(1, 6)
JUNIOR = grades_range(7, 9)
SENIOR = grades_range(10, 12)
SECONDARY = grades_range(7, 12)
COMPULSORY = grades_range(1, 9)
