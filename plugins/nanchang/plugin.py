"""Nanchang (南昌市), Jiangxi: 洪教健字〔2019〕1号.

Encodes the Nanchang Education Bureau's notice and its two annexes:
附件1 《南昌市教育局心理服务体系建设工作实施方案（试行）》 (the
service-system plan) and 附件2 《南昌市中小学校心理危机管理工作方案（试行）》
(the crisis-management plan).  Clauses are cited as ``附件1 四（二）`` or
``附件2 二（二）2（1）``; the covering notice as ``通知``.
"""

from __future__ import annotations

from xinli.core import hookimpl
from xinli.core.model import Citation, Document, DocumentRef, Jurisdiction

CODE = "nanchang"
DOC = "洪教健字〔2019〕1号"

JURISDICTION = Jurisdiction(
    code=CODE,
    name=("南昌市", "Nanchang"),
    level="city",
    parent="jiangxi",
    parent_name=("江西省", "Jiangxi Province"),
    documents=[
        Document(
            number=DOC,
            title=(
                "南昌市教育局关于印发《南昌市教育局心理服务体系建设工作实施方案（试行）》的通知",
                "Notice of the Nanchang Education Bureau issuing the implementation plan for building the "
                "psychological service system (trial) and the crisis-management plan for primary and secondary schools (trial)",
            ),
            issuer=("南昌市教育局", "Nanchang Education Bureau"),
            date="2019",
            implements=[
                DocumentRef("洪卫医字（2017）107号", "关于转发《转发关于加强心理健康服务的指导意见的通知》的通知", "南昌市卫生和计划生育委员会等19个部门", CODE),
                DocumentRef("洪政法字〔2018〕42号", "关于印发<南昌市加强社会心理服务体系建设工作指导意见>的通知", "南昌市委政法委", CODE),
            ],
            note=("文件未印日期，仅可确定为2019年。", "The document prints no day; only the year 2019 is certain."),
        )
    ],
)


def cite(clause: str, quote: str) -> Citation:
    """A citation of 洪教健字〔2019〕1号."""
    return Citation(CODE, DOC, clause, quote)


@hookimpl
def xinli_jurisdiction() -> Jurisdiction:
    """Nanchang's identity and document."""
    return JURISDICTION
