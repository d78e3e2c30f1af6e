"""Small plugins used by the layering tests: an invented province, a county
under it, and deliberately broken ones.  None of them is real policy."""

from __future__ import annotations

from xinli.core import hookimpl
from xinli.core.model import Check, Citation, Document, DocumentRef, Jurisdiction, Requirement


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
