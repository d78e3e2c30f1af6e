"""Small plugins used by the layering tests: an invented province, a county
under it, and deliberately broken ones.  None of them is real policy."""

from __future__ import annotations

from xinli.core import hookimpl
from xinli.core.model import Check, Citation, Condition, Document, DocumentRef, Exclusion, Jurisdiction, Requirement


def _doc(number: str, implements=()) -> Document:
    return Document(number=number, title=("测试文件", "Test document"), issuer=("测试机关", "Test issuer"),
                    date="2024-01-01", implements=implements)


def _req(code: str, doc: str, slug: str, value: int, domain: str = "curriculum", level: str = "required") -> Requirement:
    return Requirement(
        id=f"{slug}",
        domain=domain,
        text=(f"测试要求{value}", f"test requirement {value}"),
        level=level,
        duty_holder="school",
        citation=Citation(code, doc, "一、1", f"测试要求{value}"),
        check=Check(metric="psych_lessons_per_semester", op=">=", value=value, unit="lessons", per="per_semester"),
    )


class Province:
    """An invented province with two curriculum rules."""

    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(code="test_province", name=("测试省", "Test Province"), level="province",
                            documents=[_doc("测省〔2024〕1号")])

    @hookimpl
    def xinli_curriculum_quotas(self):
        return [
            _req("test_province", "测省〔2024〕1号", "test_province.curriculum.lessons", 8),
            _req("test_province", "测省〔2024〕1号", "test_province.curriculum.extra", 2),
        ]

    @hookimpl
    def xinli_staffing_rules(self, region):
        # takes a subset of the spec's arguments
        return []


class County:
    """An invented county that overrides one province rule and adds one."""

    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(code="test_county", name=("测试县", "Test County"), level="county",
                            parent="test_province", documents=[_doc("测县〔2024〕2号")])

    @hookimpl
    def xinli_curriculum_quotas(self):
        return [
            _req("test_county", "测县〔2024〕2号", "test_province.curriculum.lessons", 10),
            _req("test_county", "测县〔2024〕2号", "test_county.curriculum.own", 1),
        ]


class Orphan:
    """A county whose parent is not installed."""

    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(
            code="test_orphan", name=("孤县", "Orphan County"), level="county", parent="test_missing",
            parent_name=("缺省市", "Missing City"),
            documents=[_doc("孤〔2024〕3号", implements=[DocumentRef("缺〔2023〕9号", "上级文件", "缺省市教育局", "test_missing")])],
        )

    @hookimpl
    def xinli_other_requirements(self):
        return [_req("test_orphan", "孤〔2024〕3号", "test_orphan.other.own", 1, domain="other")]


class UnknownHook:
    """Implements a hook xinli does not define."""

    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(code="test_unknown_hook", name=("坏", "Bad"), level="county", documents=[_doc("坏1号")])

    @hookimpl
    def xinli_favourite_colour(self):
        return "red"


class BadArgument:
    """Takes an argument its hook does not offer."""

    @hookimpl
    def xinli_jurisdiction(self, colour):
        return None


class NoIdentity:
    """Answers rule hooks but never says who it is."""

    @hookimpl
    def xinli_curriculum_quotas(self):
        return []


class WrongDomain:
    """Returns an 'other' item from the curriculum hook."""

    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(code="test_wrong_domain", name=("错", "Wrong"), level="county", documents=[_doc("错1号")])

    @hookimpl
    def xinli_curriculum_quotas(self):
        return [_req("test_wrong_domain", "错1号", "test_wrong_domain.other.x", 1, domain="other")]


def cycle_pair() -> list[tuple[str, object]]:
    """Two jurisdictions that name each other as parent."""

    def make(code: str, parent: str) -> object:
        class Cyclic:
            @hookimpl
            def xinli_jurisdiction(self):
                return Jurisdiction(code=code, name=(code, code), level="county", parent=parent, documents=[_doc(f"{code}1号")])

        return Cyclic()

    return [("test_cycle_a", make("test_cycle_a", "test_cycle_b")), ("test_cycle_b", make("test_cycle_b", "test_cycle_a"))]


class AssessProvince:
    """An invented province whose rules exercise every finding status."""

    DOC = "测评〔2024〕5号"

    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(code="test_assess", name=("测评省", "Assess Province"), level="province",
                            documents=[_doc(self.DOC)])

    def _cite(self) -> Citation:
        return Citation("test_assess", self.DOC, "一、1", "测试")

    @hookimpl
    def xinli_curriculum_quotas(self):
        return [
            Requirement(id="test_assess.curriculum.lessons", domain="curriculum", text=("课时", "lessons"), level="required",
                        duty_holder="school", citation=self._cite(), grades=range(1, 10),
                        check=Check("psych_lessons_per_semester", ">=", 8, "lessons", "per_semester")),
            Requirement(id="test_assess.curriculum.share", domain="curriculum", text=("占比", "share"), level="required",
                        duty_holder="school", citation=self._cite(),
                        check=Check("resilience_content_share", ">=", "1/2", "share", "per_semester")),
        ]

    @hookimpl
    def xinli_staffing_rules(self):
        return [
            Requirement(id="test_assess.staffing.dorm-monitors", domain="staffing", text=("寝室心理委员", "dorm monitors"),
                        level="permitted", duty_holder="school", citation=self._cite(),
                        applies_if=[Condition("boarding", "==", True)],
                        check=Check("dorm_psych_monitors", "true", per="standing")),
            Requirement(id="test_assess.staffing.posts", domain="staffing", text=("岗位", "posts"), level="required",
                        duty_holder="school", citation=self._cite(), applies_if=[Condition("area_centre_school", "==", True)],
                        check=Check("area_fulltime_psych_posts", "between", (2, 3), "posts", "standing", "area")),
        ]

    @hookimpl
    def xinli_other_requirements(self):
        return [
            Requirement(id="test_assess.other.coverage", domain="other", text=("全覆盖", "full coverage"), level="required",
                        duty_holder="education_authority", citation=self._cite(), deadline="2024-12-31",
                        check=Check("has_counseling_room", "true", per="by_deadline", count_per="region")),
            Requirement(id="test_assess.other.future", domain="other", text=("将来", "future"), level="required",
                        duty_holder="school", citation=self._cite(), deadline="2030-12-31",
                        check=Check("crisis_plan_in_place", "true", per="by_deadline")),
            Requirement(id="test_assess.other.manual", domain="other", text=("人工", "manual"), level="required",
                        duty_holder="school", citation=self._cite()),
            Requirement(id="test_assess.other.authority", domain="other", text=("主管部门", "authority"), level="required",
                        duty_holder="education_authority", citation=self._cite()),
        ]


class LooseCounty:
    """Overrides the province's lesson rule with a looser one and excludes
    its 'extra' rule."""

    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(code="test_loose", name=("宽县", "Loose County"), level="county",
                            parent="test_province", documents=[_doc("宽〔2024〕4号")])

    @hookimpl
    def xinli_curriculum_quotas(self):
        return [_req("test_loose", "宽〔2024〕4号", "test_province.curriculum.lessons", 6, level="recommended")]

    @hookimpl
    def xinli_exclusions(self):
        return [Exclusion("test_province.curriculum.extra", Citation("test_loose", "宽〔2024〕4号", "二、1", "不适用"),
                          ("本县不适用。", "Does not apply in this county."))]


class BadOverrideCounty:
    """Overrides an id its parent does not have."""

    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(code="test_bad_override", name=("错县", "Bad County"), level="county",
                            parent="test_province", documents=[_doc("错〔2024〕5号")])

    @hookimpl
    def xinli_curriculum_quotas(self):
        return [_req("test_bad_override", "错〔2024〕5号", "test_province.curriculum.nonexistent", 6)]


class BadExclusionCounty:
    """Excludes an id its parent does not have."""

    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(code="test_bad_exclusion", name=("错县", "Bad County"), level="county",
                            parent="test_province", documents=[_doc("错〔2024〕6号")])

    @hookimpl
    def xinli_exclusions(self):
        return [Exclusion("test_province.curriculum.ghost", Citation("test_bad_exclusion", "错〔2024〕6号", "一", "不适用"),
                          ("不适用。", "Does not apply."))]


class TwoNotices:
    """A province with an old notice repealed on 2024-09-01 by a new one."""

    @hookimpl
    def xinli_jurisdiction(self):
        old = Document(number="旧〔2020〕1号", title=("旧通知", "Old notice"), issuer=("测试机关", "Test issuer"),
                       date="2020-03-01", repealed_on="2024-09-01", replaced_by="新〔2024〕2号")
        new = Document(number="新〔2024〕2号", title=("新通知", "New notice"), issuer=("测试机关", "Test issuer"),
                       date="2024-06-01", in_force_from="2024-09-01")
        return Jurisdiction(code="test_two", name=("两文省", "Two Notices"), level="province", documents=[old, new])

    @hookimpl
    def xinli_curriculum_quotas(self):
        return [
            _req("test_two", "旧〔2020〕1号", "test_two.curriculum.old-lessons", 6),
            _req("test_two", "新〔2024〕2号", "test_two.curriculum.new-lessons", 10),
        ]


#: Module-level instances for entry-point tests (an entry point loads an object).
BAD_OVERRIDE = BadOverrideCounty()
LOOSE_COUNTY = LooseCounty()
PROVINCE = Province()


class IdentityOnly:
    """A county that has an identity (the test province's documents) and
    nothing else; tests give it the hooks they need."""

    def __init__(self, code: str) -> None:
        self.code = code

    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(code=self.code, name=(self.code, self.code), level="county",
                            documents=PROVINCE.xinli_jurisdiction().documents)


class _RollupLayer:
    """A jurisdiction of the invented roll-up hierarchy (test_rp province,
    test_rc city under it, counties test_rx1/test_rx2 under the city and
    test_rx3 directly under the province; test_ro an unrelated province)."""

    def __init__(self, code: str, zh: str, level: str, parent: str | None, rules: list | None = None,
                 version: str = "1") -> None:
        self.code, self.zh, self.level, self.parent = code, zh, level, parent
        self.doc = f"{zh}〔2024〕{version}号"
        self.rules = rules or []

    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(code=self.code, name=(self.zh, self.code), level=self.level, parent=self.parent,
                            documents=[_doc(self.doc)])

    def _cite(self) -> Citation:
        return Citation(self.code, self.doc, "一、1", "测试")

    @hookimpl
    def xinli_curriculum_quotas(self):
        return [r for r in (rule(self) for rule in self.rules) if r.domain == "curriculum"]

    @hookimpl
    def xinli_other_requirements(self):
        return [r for r in (rule(self) for rule in self.rules) if r.domain == "other"]


def _rp_lessons(layer: _RollupLayer, minimum: int = 8) -> Requirement:
    return Requirement(id="test_rp.curriculum.lessons", domain="curriculum", text=("课时", "lessons"), level="required",
                       duty_holder="school", citation=layer._cite(),
                       check=Check("psych_lessons_per_semester", ">=", minimum, "lessons", "per_semester"))


def _rp_coverage(layer: _RollupLayer) -> Requirement:
    return Requirement(id="test_rp.other.coverage", domain="other", text=("四分之三学校建成辅导室", "3/4 of schools have a room"),
                       level="required", duty_holder="education_authority", citation=layer._cite(), grades=range(1, 10),
                       check=Check("has_counseling_room", ">=", "3/4", None, "standing", "region"))


def _rp_boarding_plans(layer: _RollupLayer) -> Requirement:
    return Requirement(id="test_rp.other.boarding-plans", domain="other", text=("寄宿制学校均有预案", "boarding schools all have plans"),
                       level="required", duty_holder="education_authority", citation=layer._cite(),
                       applies_if=[Condition("boarding", "==", True)],
                       check=Check("crisis_plan_in_place", "true", per="standing", count_per="region"))


def _rx_plan(layer: _RollupLayer) -> Requirement:
    return Requirement(id=f"{layer.code}.other.plan", domain="other", text=("预案", "plan"), level="required",
                       duty_holder="school", citation=layer._cite(), check=Check("crisis_plan_in_place", "true", per="standing"))


def _rc_lessons(layer: _RollupLayer, minimum: int) -> Requirement:
    return Requirement(id="test_rc.curriculum.city-lessons", domain="curriculum", text=("市级课时", "city lessons"),
                       level="recommended", duty_holder="school", citation=layer._cite(),
                       check=Check("psych_lessons_per_semester", ">=", minimum, "lessons", "per_semester"))


def rollup_plugins(province_minimum: int = 8, city_minimum: int | None = None) -> list[tuple[str, object]]:
    """The invented roll-up hierarchy as ``(code, plugin)`` pairs; a
    different ``province_minimum`` stands for a newer version of the
    province's rules, a ``city_minimum`` for a city rule (recommended)."""
    version = "1" if province_minimum == 8 else "2"
    city_rules = [] if city_minimum is None else [lambda layer: _rc_lessons(layer, city_minimum)]
    return [
        ("test_rp", _RollupLayer("test_rp", "汇总省", "province", None,
                                 [lambda layer: _rp_lessons(layer, province_minimum), _rp_coverage, _rp_boarding_plans],
                                 version)),
        ("test_rc", _RollupLayer("test_rc", "汇总市", "city", "test_rp", city_rules)),
        ("test_rx1", _RollupLayer("test_rx1", "甲县", "county", "test_rc", [_rx_plan])),
        ("test_rx2", _RollupLayer("test_rx2", "乙县", "county", "test_rc")),
        ("test_rx3", _RollupLayer("test_rx3", "丙县", "county", "test_rp", [_rx_plan])),
        ("test_ro", _RollupLayer("test_ro", "他省", "province", None, [_rx_plan])),
    ]
