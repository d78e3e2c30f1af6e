"""Henan Province (河南省): 教基〔2021〕330号.

Encodes the Henan Department of Education's notice on identifying and
intervening in primary and secondary students' psychological crises.
Clauses are cited as ``一、2``.
"""

from __future__ import annotations

from xinli.core import hookimpl
from xinli.core.model import Citation, Document, DocumentRef, Jurisdiction

CODE = "henan"
DOC = "教基〔2021〕330号"

JURISDICTION = Jurisdiction(
    code=CODE,
    name=("河南省", "Henan Province"),
    level="province",
    parent="national",
    parent_name=("国家（教育部）", "national (Ministry of Education)"),
    documents=[
        Document(
            number=DOC,
            title=(
                "河南省教育厅关于加强中小学生心理危机识别和干预工作的通知",
                "Notice of the Henan Department of Education on strengthening the identification of and "
                "intervention in primary and secondary students' psychological crises",
            ),
            issuer=("河南省教育厅", "Henan Department of Education"),
            date="2021",
            implements=[
                DocumentRef("中小学心理健康教育指导纲要（2012年修订）", "中小学心理健康教育指导纲要（2012年修订）", "教育部", "national"),
                DocumentRef("教思政厅函〔2021〕10号", "关于加强学生心理健康管理工作的通知", "教育部", "national"),
            ],
            note=("文件未印发文日期，仅可确定为2021年。", "The document prints no day; only the year 2021 is certain."),
        )
    ],
)


def cite(clause: str, quote: str) -> Citation:
    """A citation of 教基〔2021〕330号."""
    return Citation(CODE, DOC, clause, quote)


@hookimpl
def xinli_jurisdiction() -> Jurisdiction:
    """Henan's identity and document."""
    return JURISDICTION
