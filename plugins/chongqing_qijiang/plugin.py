"""Qijiang District (綦江区), Chongqing: the District Education Commission's
reply letter to proposal No. 049 of the second session of the third district
CPPCC, dated 2023-06-26.

The letter has no document number; it is cited by its title and date.  It
reports what the district has done (history, not encoded as requirements)
and what it requires of schools (encoded).  Clauses are cited as
``二（二）`` (part two, item two).
"""

from __future__ import annotations

from xinli.core import hookimpl
from xinli.core.model import Citation, Document, Jurisdiction

CODE = "chongqing_qijiang"
DOC = "綦江区教委关于区政协三届二次会议第049号提案的复函（2023-06-26）"

JURISDICTION = Jurisdiction(
    code=CODE,
    name=("重庆市綦江区", "Qijiang District, Chongqing"),
    level="district",
    parent="chongqing",
    parent_name=("重庆市", "Chongqing Municipality"),
    documents=[
        Document(
            number=DOC,
            has_official_number=False,
            title=(
                "重庆市綦江区教育委员会关于区政协三届二次会议第049号提案的复函",
                "Reply of the Qijiang District Education Commission to proposal No. 049 of the second session "
                "of the third Qijiang District CPPCC",
            ),
            issuer=("重庆市綦江区教育委员会", "Qijiang District Education Commission"),
            date="2023-06-26",
            note=(
                "复函未印文号，按标题和日期引用。",
                "The reply prints no document number; it is cited by its title and date.",
            ),
        )
    ],
)


def cite(clause: str, quote: str) -> Citation:
    """A citation of the Qijiang reply letter."""
    return Citation(CODE, DOC, clause, quote)


@hookimpl
def xinli_jurisdiction() -> Jurisdiction:
    """Qijiang's identity and document."""
    return JURISDICTION
