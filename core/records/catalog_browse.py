"""What ``xinli serve --catalog`` tells Datasette about a policy catalogue
(``xinli catalog``): Chinese titles and descriptions of every table and
column, facets, the full-text search on requirements, and canned queries in
Chinese.

Each canned query is one indexed query over
:mod:`xinli.core.records.catalog_db`'s schema (``tests/test_catalog.py``
checks their plans and answers).  Parameters left blank mean "any" where
the query says so.
"""

from __future__ import annotations

from typing import Any

TABLES: dict[str, tuple[str, str, dict[str, str]]] = {
    "jurisdictions": (
        "辖区", "已安装的各辖区及其声明的上级（未安装的上级也列出，installed = 0）。每个辖区一页，链接到其清单。",
        {
            "code": "辖区代码", "name_zh": "中文名称", "name_en": "英文名称",
            "level": "行政级别（province 省级、city 地级市、county 县、district 区）",
            "parent": "上级辖区代码", "ancestors": "全部上级代码，由近及远（JSON）", "depth": "上级层数",
            "installed": "是否已安装（1 是，0 仅被下级声明）", "distribution": "提供插件的发行包", "version": "插件版本",
            "documents": "本辖区自己的文件号（JSON）", "school_kinds": "文件覆盖的学校类型（JSON；空 = 全部）",
            "items": "生效条款数", "own_items": "其中出自本辖区文件的条款数", "looser_items": "比上级宽松的条款数",
            "in_catalog": "是否编入本目录（1 是）", "checklist": "本辖区的清单（链接）",
        },
    ),
    "documents": (
        "文件", "各辖区的源文件；encoded = 0 为上级文件未编码（只知其文号与标题）。",
        {
            "id": "行号", "jurisdiction": "发文辖区", "number": "文件号", "title_zh": "标题", "title_en": "英文标题",
            "issuer_zh": "发文机关", "issuer_en": "发文机关（英文）", "date": "发文日期",
            "has_official_number": "是否有正式文号", "in_force_from": "生效日期", "repealed_on": "废止日期",
            "replaced_by": "被哪份文件取代", "in_force": "编目日是否有效（1 是）", "encoded": "是否已编码（1 是）",
            "implements": "本文件贯彻落实的上级文件（JSON）",
        },
    ),
    "wordings": (
        "条款原文", "每种措辞只存一次：条款中文、英文、原文引文与说明（下级照抄上级的措辞时共用一行）。全文检索即建在此表上。",
        {"id": "行号", "text_zh": "条款（中文）", "text_en": "条款（英文）", "quote": "文件原文", "note_zh": "编码说明",
         "note_en": "编码说明（英文）"},
    ),
    "requirements": (
        "条款", "各辖区文件写下的每一条要求（每个来源一行），含级别、责任主体、学校类型、年级、适用条件、核查指标、期限与出处。"
                "搜索框按条款和原文全文检索。",
        {
            "id": "行号", "requirement_id": "条款编号", "source": "出自哪个辖区的文件",
            "source_level": "出自辖区的行政级别", "document": "文件（documents.id）", "wording": "措辞（wordings.id）",
            "domain": "领域：screening 筛查、escalation 预警上报、staffing 人员配备、referral 转介、curriculum 课程、other 其他",
            "level": "要求级别：required 必须、recommended 建议、encouraged 鼓励、permitted 可以",
            "duty_holder": "主责单位（被评估者）", "duty_holders": "全部责任主体及其角色（JSON）",
            "school_kinds": "适用的学校类型（JSON；空 = 全部）", "subject": "涉及对象（JSON）", "grades": "适用年级",
            "grades_mask": "适用年级的位掩码（第 g+3 位 = g 年级）", "conditions_zh": "适用条件（文字）",
            "conditions_en": "适用条件（英文）", "conditions": "适用条件（JSON）", "event": "所依赖的事件",
            "check_metric": "核查指标", "check_op": "比较方式", "check_value": "标准值（JSON）",
            "check_min": "可接受的最小值", "check_max": "可接受的最大值", "check_unit": "单位", "check_per": "周期",
            "check_count_per": "计数单位（每校、每班、每片区、全辖区）", "check_scope": "辖区目标的范围",
            "check_grades": "指标所量的年级", "check_grades_mask": "指标所量年级的位掩码",
            "check_alternatives": "“任一即可”的各项核查（JSON；此时 check_op 为 any）", "deadline": "期限",
            "deadline_as_written": "文件所写的期限", "clause": "条款号", "timing": "时间安排（JSON）",
            "regions": "在多少个辖区生效",
        },
    ),
    "effective": (
        "各辖区生效条款", "每个辖区实际生效的条款（上级条款被本级覆盖或排除后的结果），按清单顺序；"
                      "replaces 为被覆盖的上级条款，looser = 1 表示比上级宽松。",
        {
            "region": "辖区", "position": "清单中的顺序", "requirement": "生效的条款（requirements.id）",
            "replaces": "被本条覆盖的上级条款（requirements.id）", "looser": "是否比上级宽松（1 是）",
            "looser_reasons": "宽松之处（英文关键词，JSON）", "looser_reasons_zh": "宽松之处",
        },
    ),
    "lineage": (
        "上下级关系", "每个辖区与其每一级上级（distance 0 为自身），用于“某辖区下属”的查询。",
        {"region": "辖区", "ancestor": "上级（或自身）", "distance": "相隔层数"},
    ),
    "coverage": (
        "各领域覆盖情况", "每个辖区在每个领域的生效条款数，及文件是否作了规定、插件是否已编码该领域。",
        {"region": "辖区", "domain": "领域", "items": "生效条款数", "own_items": "出自本辖区的条款数",
         "specified": "文件是否作了规定（1 是）", "encoded": "是否已编码（1 是）", "not_encoded_by": "未编码该领域的辖区（JSON）"},
    ),
    "procedures": (
        "上报与处置流程", "各辖区适用的预警上报与处置流程（下级同名流程取代上级）。",
        {"id": "行号", "region": "辖区", "key": "流程代码", "source": "出自哪个辖区", "name_zh": "流程名称",
         "name_en": "流程名称（英文）", "trigger_zh": "启动情形", "trigger_en": "启动情形（英文）", "clause": "条款号"},
    ),
    "steps": (
        "流程步骤", "预警上报条款的步骤：顺序、谁来做、向谁报告、在谁指导下。",
        {"id": "行号", "requirement": "条款（requirements.id）", "procedure": "所属流程", "step_order": "步骤顺序",
         "role": "执行者", "reports_to": "报告对象（JSON）", "guided_by": "指导者（JSON）", "condition_zh": "前提条件",
         "condition_en": "前提条件（英文）"},
    ),
    "partners": (
        "转介机构", "转介条款所列的机构与公共热线（不含任何个人电话）。",
        {"id": "行号", "requirement": "条款（requirements.id）", "kind": "机构类别", "name_zh": "名称", "name_en": "名称（英文）",
         "phone": "公共电话"},
    ),
    "excluded": (
        "排除的上级条款", "下级文件明确写明不在本辖区适用的上级条款，附下级的条款号、原文与理由。",
        {"id": "行号", "region": "辖区", "requirement": "被排除的上级条款（requirements.id）", "excluded_by": "由哪个辖区排除",
         "document": "排除所依据的文件（documents.id）", "clause": "条款号", "quote": "文件原文", "reason_zh": "理由",
         "reason_en": "理由（英文）"},
    ),
    "metrics": (
        "核查指标", "核查可用的各项指标：内置的与插件登记的。",
        {"key": "指标代码", "label_zh": "名称", "label_en": "名称（英文）", "type": "类型", "unit": "单位",
         "help_zh": "填报说明", "help_en": "填报说明（英文）", "reported_by": "由谁填报（school 学校、region 辖区）",
         "measure": "计量方式"},
    ),
}

#: The blank-means-any filter on regions under a code (the code itself included).
UNDER = "(:under = '' or e.region in (select region from lineage where ancestor = :under))"


def search_condition(tokenizer: str, param: str = ":q") -> str:
    """The ``match`` expression for a search text: a phrase of the text
    itself (trigram index), or of its two-character pieces (bigram index)."""
    if tokenizer == "trigram":
        return f"wordings_fts match '\"' || replace({param}, '\"', '\"\"') || '\"'"
    pieces = (f"(with recursive p(i, s) as (select 1, '' union all select i + 1, s || ' ' || substr({param}, i, 2) "
              f"from p where i < length({param})) select '\"' || replace(trim(s), '\"', '') || '\"' from p "
              "order by i desc limit 1)")
    return f"wordings_fts match {pieces}"


def catalog_queries(tokenizer: str = "trigram") -> dict[str, dict[str, Any]]:
    """The canned queries, titled and described in Chinese; the search
    query follows the catalogue's ``tokenizer``."""
    return {
        "counties_fulltime_teachers": {
            "title": "哪些县要求每校至少 N 名专职心理教师",
            "description": "县、区两级中，生效条款要求每所学校至少配备 n 名专职心理健康教育教师的辖区（必须级）。"
                           "under 填上级辖区代码（如 henan）只看其下属，留空为全部。",
            "sql": f"""
select j.code as 代码, j.name_zh as 辖区, j.level as 级别, j.parent as 上级, r.check_min as 至少人数,
       r.requirement_id as 条款编号, r.source as 出自, d.number as 文件号, r.clause as 条款号
from requirements r
join effective e on e.requirement = r.id
join jurisdictions j on j.code = e.region
left join documents d on d.id = r.document
where r.check_metric = 'fulltime_psych_teachers' and r.check_min >= cast(:n as real)
  and r.check_count_per = 'school' and r.level = 'required' and j.level in ('county', 'district')
  and {UNDER}
order by j.code
""".strip(),
        },
        "looser_than_parent": {
            "title": "比上级宽松的条款",
            "description": "各辖区覆盖上级条款、且比上级宽松的条款（级别降低、年级变少、数值或周期放宽、取消核查），"
                           "并列出上级原条款。under 留空为全部辖区。",
            "sql": f"""
select e.region as 辖区代码, j.name_zh as 辖区, r.requirement_id as 条款编号, w.text_zh as 本级条款,
       e.looser_reasons_zh as 宽松之处, r.level as 本级级别, p.level as 上级级别, p.source as 上级,
       pw.text_zh as 上级条款, d.number as 文件号, r.clause as 条款号
from effective e
join jurisdictions j on j.code = e.region
join requirements r on r.id = e.requirement
join wordings w on w.id = r.wording
left join requirements p on p.id = e.replaces
left join wordings pw on pw.id = p.wording
left join documents d on d.id = r.document
where e.looser = 1 and {UNDER}
order by e.region, e.position
""".strip(),
        },
        "grade_lessons": {
            "title": "某年级的课时要求",
            "description": "规定某一年级（grade，1–12）心理健康课课时的条款，每个文件的条款一行，并列出在多少个辖区生效。"
                           "region 填辖区代码只看该辖区生效的，留空为全部。",
            "sql": """
select r.source as 出自, j.name_zh as 辖区, d.number as 文件号, r.clause as 条款号, w.text_zh as 条款,
       r.check_op as 比较, r.check_value as 课时, r.check_per as 周期, coalesce(r.check_grades, r.grades) as 年级,
       r.level as 级别, r.regions as 生效辖区数, r.requirement_id as 条款编号
from requirements r
join jurisdictions j on j.code = r.source
join wordings w on w.id = r.wording
left join documents d on d.id = r.document
where r.check_unit = 'lessons' and (r.check_grades_mask & (1 << (cast(:grade as integer) + 3))) != 0
  and (:region = '' or r.id in (select requirement from effective where region = :region))
order by r.source, r.clause
""".strip(),
        },
        "document_items": {
            "title": "某文件的全部条款",
            "description": "某一文件号（number，如 教基〔2021〕330号）编码的全部条款，按条款号排列，并列出在多少个辖区生效。",
            "sql": """
select d.jurisdiction as 发文辖区, d.title_zh as 文件标题, r.clause as 条款号, r.requirement_id as 条款编号,
       r.domain as 领域, r.level as 级别, r.duty_holder as 主责单位, w.text_zh as 条款, w.quote as 原文,
       r.regions as 生效辖区数
from documents d
join requirements r on r.document = d.id
join wordings w on w.id = r.wording
where d.number = :number
order by d.jurisdiction, r.id
""".strip(),
        },
        "region_checklist": {
            "title": "某辖区的清单",
            "description": "某辖区（region）生效的全部条款，按清单顺序：级别、主责单位、核查指标、出处与原文。",
            "sql": """
select e.position as 序号, r.domain as 领域, r.level as 级别, w.text_zh as 条款, r.duty_holder as 主责单位,
       r.grades as 年级, r.conditions_zh as 适用条件, r.check_metric as 核查指标, r.check_op as 比较,
       r.check_value as 标准值, r.check_unit as 单位, r.check_per as 周期, r.deadline as 期限, r.source as 出自,
       d.number as 文件号, r.clause as 条款号, w.quote as 原文, e.looser_reasons_zh as 比上级宽松之处,
       r.requirement_id as 条款编号
from effective e
join requirements r on r.id = e.requirement
join wordings w on w.id = r.wording
left join documents d on d.id = r.document
where e.region = :region
order by e.position
""".strip(),
        },
        "search": {
            "title": "全文检索条款",
            "description": "在条款和文件原文中检索 q（至少三个字，如 心理委员），每个文件的条款一行（同样措辞的排在一起，最多 1000 行），"
                           "并列出在多少个辖区生效。",
            "sql": f"""
select r.source as 出自, j.name_zh as 辖区, r.requirement_id as 条款编号, w.text_zh as 条款, w.quote as 原文,
       d.number as 文件号, r.clause as 条款号, r.level as 级别, r.regions as 生效辖区数
from requirements r
join wordings w on w.id = r.wording
join jurisdictions j on j.code = r.source
left join documents d on d.id = r.document
where r.wording in (select rowid from wordings_fts where {search_condition(tokenizer)})
order by r.wording, r.id
limit 1000
""".strip(),
        },
    }


#: Facets shown on each table's page.
FACETS = {
    "requirements": ["domain", "level", "duty_holder", "source_level"],
    "jurisdictions": ["level", "installed"],
    "documents": ["jurisdiction", "encoded"],
    "coverage": ["domain", "specified"],
}

#: The column Datasette shows in place of a foreign key's bare value.
LABEL_COLUMNS = {"jurisdictions": "name_zh", "requirements": "requirement_id", "documents": "number",
                 "wordings": "text_zh"}


def catalog_metadata(database: str, tokenizer: str = "trigram") -> dict[str, Any]:
    """Datasette metadata for the catalogue named ``database`` (the file's
    stem): Chinese titles and descriptions, facets, full-text search on
    requirements (through their wording) and the canned queries."""
    tables: dict[str, Any] = {}
    for name, (title, description, columns) in TABLES.items():
        # Datasette 0.65 shows a table's description but not its title on the table and row pages
        tables[name] = {"title": title, "description": f"{title}：{description}", "columns": dict(columns)}
        if name in FACETS:
            tables[name]["facets"] = list(FACETS[name])
        if name in LABEL_COLUMNS:
            tables[name]["label_column"] = LABEL_COLUMNS[name]
    tables["requirements"].update({"fts_table": "wordings_fts", "fts_pk": "wording"})
    tables["wordings"].update({"fts_table": "wordings_fts", "fts_pk": "id"})
    tables["jurisdictions"]["sort"] = "code"
    tables["effective"]["sort"] = "position"
    for hidden in ("meta", "wordings_fts", "wordings_fts_config", "wordings_fts_data", "wordings_fts_docsize",
                   "wordings_fts_idx", "wordings_fts_content"):
        tables[hidden] = {"hidden": True}
    return {
        "title": "xinli 政策目录",
        "description": "各辖区中小学生心理危机预防与干预文件的生效条款：辖区、文件、条款、上报流程、转介机构、核查指标与各领域覆盖情况。"
                       "每条均注明文件号、条款号与原文。",
        "databases": {
            database: {
                "title": "政策目录",
                "description": "由 xinli catalog 生成。条款（requirements）每个来源一行，各辖区生效条款（effective）指向它们。",
                "tables": tables,
                "queries": catalog_queries(tokenizer),
            }
        },
    }
