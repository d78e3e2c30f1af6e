"""Hook specifications: the questions xinli asks every jurisdiction plugin.

One plugin encodes one jurisdiction's documents.  Hooks are always called
with keyword arguments; an implementation may accept any subset of them
(usually none), so a spec can gain an argument later without breaking
plugins.

Layering works like pytest's conftest files.  A region's effective rules are
collected from its chain of jurisdictions, root first (province, then city,
then county); each layer is asked on its own
(:func:`xinli.core.hookcall.call_alone`) and an item from a nearer layer replaces an item with
the same id from a farther one, while every other item accumulates.
"""

from __future__ import annotations

import datetime as dt

import pluggy

from xinli.core.model import Exclusion, Jurisdiction, Metric, Procedure, Requirement

hookspec = pluggy.HookspecMarker("xinli")


@hookspec
def xinli_jurisdiction() -> Jurisdiction:
    """Return who this plugin speaks for: code, zh/en names, level, the
    parent jurisdiction's code (or its whole line as ``ancestors``) and the
    source documents.

    Every jurisdiction plugin must implement it.  It is asked of each plugin
    separately and never merged across layers.

    Example::

        @hookimpl
        def xinli_jurisdiction():
            return Jurisdiction(code="henan", name=("河南省", "Henan Province"),
                                level="province", parent="national",
                                documents=[Document(number="教基〔2021〕330号", ...)])
    """


@hookspec
def xinli_screening_schedule(region: str, as_of: dt.date | None) -> list[Requirement]:
    """Return the screening and assessment requirements: who is screened,
    which grades, how often, and by whom (domain ``screening``).

    Layers merge: items accumulate from province to county and a nearer
    layer's item replaces a farther one's with the same id.  Return an
    empty list when the document is silent; the checklist then says the
    domain is not specified by this document (or "not yet encoded" when
    the jurisdiction's ``encoded_domains`` leaves the domain out).

    :param region: code of the region whose checklist is being built (the
        plugin's own code, or a descendant's).
    :param as_of: the date the rules are wanted for, or None for today.

    Example: ``Requirement(id="henan.screening.annual-survey", domain=
    "screening", check=Check(metric="psych_survey_rounds", op=">=", value=1,
    unit="times", per="per_year"), grades=grades_range(4, 12), ...)``.
    """


@hookspec
def xinli_escalation_chain(region: str, as_of: dt.date | None) -> list[Requirement]:
    """Return the reporting and intervention chain as requirements in the
    document's order, each carrying an :class:`EscalationStep` (domain
    ``escalation``): who notices, who is told, who decides, who contacts
    parents, and the referral, with any consent condition on the step.

    Layers merge by id, nearest wins.  Steps are ordered by
    ``step.order`` within each document.

    :param region: code of the region whose checklist is being built.
    :param as_of: the date the rules are wanted for, or None for today.

    Example: ``Requirement(id="nanchang.escalation.class-group-reports",
    step=EscalationStep(order=1, role="class_psych_monitor",
    reports_to=("head_teacher", "psych_teacher")), ...)``.
    """


@hookspec
def xinli_staffing_rules(region: str, as_of: dt.date | None) -> list[Requirement]:
    """Return staffing requirements: psychology teachers per school,
    posts per area, research staff, monitors per class, and the teams a
    school must form (domain ``staffing``).

    Layers merge by id, nearest wins.

    :param region: code of the region whose checklist is being built.
    :param as_of: the date the rules are wanted for, or None for today.

    Example: ``Check(metric="fulltime_psych_teachers", op=">=", value=1,
    unit="persons", per="standing", count_per="school")``.
    """


@hookspec
def xinli_referral_partners(region: str, as_of: dt.date | None) -> list[Requirement]:
    """Return referral partners and referral duties: hospitals, centres and
    public hotlines named by the document, each with a :class:`Partner`
    where the item names one (domain ``referral``).  Public numbers only;
    never a private person's name or mobile number.

    Layers merge by id, nearest wins.

    :param region: code of the region whose checklist is being built.
    :param as_of: the date the rules are wanted for, or None for today.

    Example: ``Partner(kind="hotline", name=("青少年服务台",
    "Youth service line"), phone="12355")``.
    """


@hookspec
def xinli_curriculum_quotas(region: str, as_of: dt.date | None) -> list[Requirement]:
    """Return curriculum requirements: psychology lessons per week,
    semester or school year by grade band, and required content shares
    (domain ``curriculum``).

    Layers merge by id, nearest wins.

    :param region: code of the region whose checklist is being built.
    :param as_of: the date the rules are wanted for, or None for today.

    Example: ``Check(metric="psych_lessons_per_school_year", op=">=",
    value=12, unit="lessons", per="per_school_year")`` with
    ``grades=PRIMARY``.
    """


@hookspec
def xinli_other_requirements(region: str, as_of: dt.date | None) -> list[Requirement]:
    """Return the document's other requirements: organisation, family-school
    work, home visits, training, awareness month, records and
    confidentiality, facilities, legal education, funding, inspection and
    deadlines (domain ``other``).

    Layers merge by id, nearest wins.

    :param region: code of the region whose checklist is being built.
    :param as_of: the date the rules are wanted for, or None for today.

    Example: ``Requirement(id="nanchang.other.awareness-month",
    domain="other", ...)`` for 每年五月 as the awareness month.
    """


@hookspec
def xinli_exclusions(region: str, as_of: dt.date | None) -> list[Exclusion]:
    """Return the ancestors' requirements that do not apply in this
    jurisdiction, each as an :class:`Exclusion` with the id, this plugin's
    own citation and the reason.

    Asked of each layer after its rules are merged; an excluded item is
    removed from the region's checklist and listed under ``excluded``.
    Excluding an id that no ancestor has is an error naming the plugin and
    the id.

    :param region: code of the region whose checklist is being built.
    :param as_of: the date the rules are wanted for, or None for today.

    Example::

        @hookimpl
        def xinli_exclusions():
            return [Exclusion("henan.staffing.dorm-psych-monitors", cite("三、1", "…"),
                              ("本县无寄宿制学校。", "The county has no boarding schools."))]
    """


@hookspec
def xinli_register_metrics() -> list[Metric]:
    """Return metrics this plugin's checks use beyond the built-in ones
    (:mod:`xinli.core.assessment.metrics`): school-level facts with zh/en labels, a
    type, a unit and a help text.

    Contributions accumulate across all loaded plugins (not only a region's
    chain); two different definitions of one key are an error naming both
    plugins.

    Example::

        @hookimpl
        def xinli_register_metrics():
            return [Metric("sand_tray_rooms", ("沙盘室数", "sand-tray rooms"), "integer",
                           "rooms", ("学校沙盘室间数。", "Number of sand-tray rooms."))]
    """


@hookspec
def xinli_escalation_procedures() -> list[Procedure]:
    """Return the named escalation procedures this plugin's steps belong to
    (``EscalationStep.procedure``): each with its key, zh/en name, trigger
    and clause.  A document that runs routine reporting and the emergency
    response to an incident as separate procedures names both; steps of a
    procedure no layer names are drawn under its key.

    Example::

        @hookimpl
        def xinli_escalation_procedures():
            return [Procedure("routine", ("预警上报与转介", "routine reporting and referral"),
                              ("发现学生心理异常", "a student shows signs of crisis"), "四（三）12")]
    """


#: The rule hooks, in the order the checklist prints their domains.
RULE_HOOKS: dict[str, str] = {
    "screening": "xinli_screening_schedule",
    "escalation": "xinli_escalation_chain",
    "staffing": "xinli_staffing_rules",
    "referral": "xinli_referral_partners",
    "curriculum": "xinli_curriculum_quotas",
    "other": "xinli_other_requirements",
}
