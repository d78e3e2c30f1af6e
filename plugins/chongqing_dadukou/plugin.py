"""Dadukou District (大渡口区), Chongqing: 渡教发〔2020〕86号.

Encodes the Dadukou District Education Commission's notice establishing the
crisis-intervention mechanism for primary and secondary students, which
implements the Chongqing notice 渝教体卫艺发〔2020〕61号.  Clauses are cited
as ``二`` or ``一（三）``.  The annexes list named individuals; none of them
is encoded.
"""

from __future__ import annotations

from xinli.core import hookimpl
from xinli.core.model import Citation, Document, DocumentRef, Jurisdiction

CODE = "chongqing_dadukou"
DOC = "渡教发〔2020〕86号"

JURISDICTION = Jurisdiction(
    code=CODE,
    name=("重庆市大渡口区", "Dadukou District, Chongqing"),
    level="district",
    parent="chongqing",
    parent_name=("重庆市", "Chongqing Municipality"),
    documents=[
        Document(
            number=DOC,
            title=(
                "重庆市大渡口区教育委员会关于建立中小学生心理危机干预工作机制的通知",
                "Notice of the Dadukou District Education Commission on establishing a psychological-crisis "
                "intervention mechanism for primary and secondary students",
            ),
            issuer=("重庆市大渡口区教育委员会", "Dadukou District Education Commission"),
            date="2020-11-06",
            implements=[
                DocumentRef(
                    "渝教体卫艺发〔2020〕61号",
                    "市教委关于建立和完善中小学生心理危机干预工作机制的通知",
                    "重庆市教育委员会",
                    "chongqing",
                ),
            ],
        )
    ],
)


def cite(clause: str, quote: str) -> Citation:
    """A citation of 渡教发〔2020〕86号."""
    return Citation(CODE, DOC, clause, quote)


@hookimpl
def xinli_jurisdiction() -> Jurisdiction:
    """Dadukou's identity and document."""
    return JURISDICTION
