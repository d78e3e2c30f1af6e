"""Qu County (渠县), Dazhou, Sichuan: 渠府办〔2022〕129号.

Encodes the Qu County government office's notice issuing the county's plan
for strengthening mental-health education in schools.  Clauses are cited as
``四（二）6`` (section, subsection, numbered measure).
"""

from __future__ import annotations

from xinli.core import hookimpl
from xinli.core.model import Citation, Document, DocumentRef, Jurisdiction

CODE = "sichuan_quxian"
DOC = "渠府办〔2022〕129号"

JURISDICTION = Jurisdiction(
    code=CODE,
    name=("四川省达州市渠县", "Qu County, Dazhou, Sichuan"),
    level="county",
    parent="sichuan_dazhou",
    parent_name=("四川省达州市", "Dazhou, Sichuan"),
    documents=[
        Document(
            number=DOC,
            title=(
                "渠县人民政府办公室关于印发《渠县加强学校心理健康教育工作实施方案》的通知",
                "Notice of the Qu County Government Office issuing the Qu County plan for strengthening "
                "mental-health education in schools",
            ),
            issuer=("渠县人民政府办公室", "Qu County Government Office"),
            date="2022-08-08",
            implements=[
                DocumentRef(
                    "达市府办发〔2022〕42号",
                    "达州市人民政府办公室关于印发达州市加强学校心理健康教育工作实施方案的通知",
                    "达州市人民政府办公室",
                    "sichuan_dazhou",
                ),
            ],
        )
    ],
)


def cite(clause: str, quote: str) -> Citation:
    """A citation of 渠府办〔2022〕129号."""
    return Citation(CODE, DOC, clause, quote)


@hookimpl
def xinli_jurisdiction() -> Jurisdiction:
    """Qu County's identity and document."""
    return JURISDICTION
