"""The checklist as Markdown: task-list items grouped by domain, so it
renders as a checklist on any forge and prints cleanly."""

from __future__ import annotations

from typing import Any

from xinli.core import messages
from xinli.core import vocabulary as vocab
from xinli.core.model import grade_runs

#: The checklist's headings and labels live in the message catalogue.
HEADINGS = messages.MESSAGES


def h(key: str, lang: str) -> str:
    """A heading or label in ``lang``."""
    return vocab.label(HEADINGS, key, lang)


#: A ``{zh, en}`` text in ``lang`` (see :func:`xinli.core.vocabulary.localize`).
t = vocab.localize


def _stage_words(low: int, high: int, lang: str) -> str:
    """One run of grades within one stage (kindergarten, school, higher
    education) in words, in ``zh`` or ``en``."""
    if low <= 0:
        stage, names, first, last = "kindergarten", messages.msg("kindergarten_year_names", lang), low + 2, high + 2
    elif low >= 13:
        stage, names, first, last = "university", messages.msg("university_year_names", lang), low - 13, high - 13
    else:
        return f"{low}–{high}" if high != low else str(low)
    first, last = names.split("|")[first], names.split("|")[last]
    if high == low:
        return messages.msg(f"grade_{stage}", lang, year=first)
    return messages.msg(f"grades_{stage}", lang, low=first, high=last)


def _stage_runs(grades: list[int]) -> list[tuple[int, int]]:
    """Runs of consecutive grades, cut where a stage ends (K3 | 1, 12 | U1)."""
    runs = []
    for low, high in grade_runs(grades):
        for cut in (0, 12):
            if low <= cut < high:
                runs.append((low, cut))
                low = cut + 1
        runs.append((low, high))
    return runs


def grade_words(grade: int, lang: str) -> str:
    """One grade as a reader says it: school grades 1-12 as numbers, a
    kindergarten year (-2..0) as 幼儿园小班/中班/大班 (``kindergarten year
    1``-``3``), a year of higher education (13..20) as 大学一年级…大学八年级
    (``university year 1``-``8``); ``both`` joins zh and en."""
    if lang == "both" and (grade <= 0 or grade >= 13):
        return f"{grade_words(grade, 'zh')} / {grade_words(grade, 'en')}"
    return _stage_words(grade, grade, lang)


def grades_text(grades: list[int], lang: str | None = None) -> str:
    """Grades as compact ranges: ``1–6, 10``.  With ``lang`` kindergarten and
    university years are words (``幼儿园小班至大班, 1–6``, ``university years
    1–4``, see :func:`grade_words`); without it, the codes facts use
    (``K1–K3``, ``U1–U4``)."""
    if lang is None:
        label = vocab.grade_label  # K1-K3 and U1-U8 beyond school grades 1-12 (issue 24)
        return ", ".join(f"{label(low)}–{label(high)}" if high != low else label(low)
                         for low, high in grade_runs(grades))
    if lang == "both":
        zh, en = grades_text(grades, "zh"), grades_text(grades, "en")
        return zh if zh == en else f"{zh} / {en}"
    return ", ".join(_stage_words(low, high, lang) for low, high in _stage_runs(grades))


def metric_name(check: dict[str, Any], lang: str, labels: dict[str, dict[str, str]] | None = None) -> str:
    """The metric a check compares, by its label when one is known (the
    key, in backticks, only when none is)."""
    label = (labels or {}).get(check["metric"])
    return vocab.localize(label, lang) if label else f"`{check['metric']}`"


def share_text(value: Any) -> str | None:
    """A share written ``"9/10"`` as a percentage, ``90%`` (``"1/3"`` stays
    as written: it has no exact percentage); None when ``value`` is not a
    share."""
    import re
    from fractions import Fraction

    if not isinstance(value, str) or not re.fullmatch(r"\d+/\d+", value) or value.endswith("/0"):
        return None
    percent = Fraction(value) * 100
    if percent.denominator == 1:
        return f"{percent.numerator}%"
    if (percent * 10).denominator == 1:
        return f"{float(percent):.1f}%"
    return value


def amount_text(value: Any, unit: str | None, lang: str) -> str:
    """A check's figure with its unit: a share as a percentage and no unit
    (``不少于 90%``, never ``9/10 人``); in English one of a unit is singular
    (``1 person``)."""
    share = share_text(value)
    if share is not None:
        return share
    if not unit:
        return str(value)
    word = vocab.label(vocab.UNITS, unit, lang)
    if lang == "en" and value == 1 and word.endswith("s"):
        word = word[:-1]
    return f"{value} {word}"


def check_text(check: dict[str, Any] | None, lang: str, labels: dict[str, dict[str, str]] | None = None) -> str:
    """A check in words: ``心理课 不少于 12 课时, 每学年, 每个年级``;
    ``labels`` maps metric keys to ``{zh, en}`` labels."""
    if not check:
        return ""
    if check.get("any"):  # issue 24: an any-of check, each alternative with its conditions
        parts = []
        for alt in check["any"]:
            text = check_text({**alt, "any": None}, lang, labels)
            if alt.get("when"):
                when = conditions_text(alt["when"], lang, labels)
                text = f"{text}（{when}）" if lang == "zh" else f"{text} (where {when})"
            parts.append(text)
        return (" 或 " if lang == "zh" else " or ").join(parts)
    value = check["value"]
    name = metric_name(check, lang, labels)
    op = messages.pick(messages.OPERATORS[check["op"]], lang)
    if check["op"] == "true":
        rule = f"{name}: {op}"
    elif check["op"] == "between":
        rule = f"{name} {op} {value[0]}–{value[1]}"
        binds = check.get("binds")
        if binds:
            rule += f" ({vocab.label(vocab.BINDS, binds, lang)})"
    else:
        rule = f"{name} {op} {amount_text(value, check['unit'], lang)}"
    parts = [rule]
    if check["unit"] and check["op"] == "between":
        parts[0] += " " + vocab.label(vocab.UNITS, check["unit"], lang)
    if check["per"]:
        per = check["per"]
        if per.startswith("every_") and per.endswith("_years"):
            per_label = messages.msg("every_n_years", lang, n=per.split("_")[1])
        else:
            per_label = vocab.label(vocab.PERIODS, per, lang)
        parts.append(per_label)
    if check.get("event"):
        parts.append(check["event"])
    parts.append(vocab.label(vocab.COUNT_PER, check["count_per"], lang))
    if check.get("grades"):
        band = grades_text(check["grades"], lang)
        parts.append(f"{band} ({vocab.label(vocab.GRADES_MODES, check.get('grades_mode') or 'each', lang)})")
    return ("，" if lang == "zh" else ", ").join(parts)


def _condition_text(node: dict[str, Any], lang: str, labels: dict[str, dict[str, str]] | None = None) -> str:
    if "not" in node:
        inner = _condition_text(node["not"], lang, labels)
        return f"非（{inner}）" if lang == "zh" else f"not ({inner})"
    if "all" in node or "any" in node:
        kind = "all" if "all" in node else "any"
        joiner = {("zh", "all"): "且", ("zh", "any"): "或", ("en", "all"): " and ", ("en", "any"): " or "}
        parts = [_condition_text(n, lang, labels) for n in node[kind]]
        return "（" + joiner.get((lang, kind), joiner[("en", kind)]).join(parts) + "）" if lang == "zh" else \
            "(" + joiner[("en", kind)].join(parts) + ")"
    attribute = node["attribute"]
    if attribute not in vocab.SCHOOL_ATTRIBUTES and attribute in (labels or {}):
        name = vocab.localize(labels[attribute], lang)  # a yes/no or count metric, by its label
    else:
        name = vocab.label(vocab.SCHOOL_ATTRIBUTES, attribute, lang)
    value = node["value"]
    if isinstance(value, bool):
        positive = (value is True) == (node["op"] == "==")
        return name if positive else (f"非{name}" if lang == "zh" else f"not {name}")
    if isinstance(value, str):
        value = vocab.label(vocab.SCHOOL_KINDS, value, lang)
    op = messages.pick(messages.OPERATORS[node["op"]], lang) if node["op"] in messages.OPERATORS else node["op"]
    return f"{name} {op} {value}"


def conditions_text(conditions: list[dict[str, Any]] | None, lang: str,
                    labels: dict[str, dict[str, str]] | None = None) -> str:
    """Applicability conditions in words (all must hold; groups in brackets);
    a condition on a metric is named by the metric's label from ``labels``,
    never by its key."""
    if not conditions:
        return ""
    return "; ".join(_condition_text(cond, lang, labels) for cond in conditions)


def render_item(item: dict[str, Any], lang: str, labels: dict[str, dict[str, str]] | None = None) -> list[str]:
    """The Markdown lines of one checklist item (``labels``: metric labels)."""
    level = vocab.label(vocab.LEVELS, item["level"], lang)
    lines = [f"- [ ] **[{level}]** {t(item['text'], lang)} `{item['id']}`"]
    duty = vocab.label(vocab.ACTORS, item["duty_holder"], lang)
    whose = h("school_duty", lang) if item["school_duty"] else h("authority_duty", lang)
    details = [f"{h('duty', lang)}: {duty} ({whose})", f"{h('grades', lang)}: {grades_text(item['grades'], lang)}"]
    subject = ", ".join(vocab.label(vocab.ACTORS, s, lang) for s in item["subject"])
    details.append(f"{h('subject', lang)}: {subject}")
    lines.append("  - " + " · ".join(details))
    # issue 24: several duty holders with their roles, and the kinds of school
    holders = item.get("duty_holders") or []
    if len(holders) > 1:
        sep = "、" if lang == "zh" else ", "
        roles = [f"{vocab.label(vocab.DUTY_ROLES, role, lang)}: "
                 + sep.join(vocab.label(vocab.ACTORS, d["actor"], lang) for d in holders if d["role"] == role)
                 for role in vocab.DUTY_ROLES if any(d["role"] == role for d in holders)]
        lines.append("  - " + " · ".join(roles))
    if item.get("school_kinds"):
        sep = "、" if lang == "zh" else ", "
        kinds = sep.join(vocab.label(vocab.KINDS_OF_SCHOOL, k, lang) for k in item["school_kinds"])
        lines.append(f"  - {messages.msg('vocab_kind', lang)}: {kinds}")
    if item["applies_if"]:
        lines.append(f"  - {h('applies_if', lang)}: {conditions_text(item['applies_if'], lang, labels)}")
    if item.get("event"):
        lines.append(f"  - {h('event', lang)}: {vocab.label(vocab.EVENTS, item['event'], lang)}")
    if item["step"]:
        step = item["step"]
        told = ", ".join(vocab.label(vocab.ACTORS, a, lang) for a in step["reports_to"])
        text = f"{step['order']}. {vocab.label(vocab.ACTORS, step['role'], lang)}"
        guided = ", ".join(vocab.label(vocab.ACTORS, a, lang) for a in step.get("guided_by") or ())
        if guided:
            text += f" ⇠ {h('guided_by', lang)}: {guided}"
        if told:
            text += f" → {told}"
        if step["condition"]:
            text += f" ({t(step['condition'], lang)})"
        lines.append(f"  - {h('step', lang)}: {text}")
    if item["partner"]:
        partner = item["partner"]
        phone = f" ☎ {partner['phone']}" if partner["phone"] else ""
        lines.append(f"  - {h('partner', lang)}: {t(partner['name'], lang)}{phone}")
    if item["check"]:
        lines.append(f"  - {h('check', lang)}: {check_text(item['check'], lang, labels)}")
    if item["deadline"]:
        reading = f" ({t(item['deadline_reading'], lang)})" if item.get("deadline_reading") else ""
        once = ""
        if item.get("one_off"):  # a one-off duty: past once its deadline is (issue 21)
            once = f" ({h('one_off_past' if item.get('one_off_past') else 'one_off', lang)})"
        lines.append(f"  - {h('deadline', lang)}: {item['deadline']}{reading}{once}")
    cite = item["citation"]
    lines.append(f"  - {h('source', lang)}: {cite['document']} {cite['clause']} —「{cite['quote']}」")
    if item.get("source") and item["source"] != item["id"].split(".", 1)[0] or item.get("replaces"):
        lines.append(f"  - {h('from', lang)}: `{item['source']}`")
    if item.get("replaces"):
        old = item["replaces"]["citation"]
        lines.append(f"  - {h('replaces', lang)}: {old['document']} {old['clause']} (`{item['replaces']['jurisdiction']}`)")
    if item.get("looser_than_parent"):
        old = item["replaces"]["citation"]
        reasons = "; ".join(item["looser_than_parent"])
        lines.append(f"  - ⚠ {h('looser', lang)}: {reasons} — {old['document']} {old['clause']} → "
                     f"{item['citation']['document']} {item['citation']['clause']}")
    if item["note"]:
        lines.append(f"  - {h('note', lang)}: {t(item['note'], lang)}")
    return lines


def render_markdown(checklist: dict[str, Any], lang: str = "both") -> str:
    """The whole checklist as Markdown in ``lang`` (``zh``, ``en``, ``both``)."""
    region = checklist["region"]
    out = [f"# {t(region['name'], lang)} — {h('title', lang)}", ""]
    level = vocab.label(vocab.JURISDICTION_LEVELS, region["level"], lang)
    out.append(f"- {h('region', lang)}: `{region['code']}` ({level})")
    if region["parents"]:
        chain = " → ".join(f"{t(p['name'], lang)} (`{p['code']}`)" + ("" if p.get("installed", True) else f", {h('not_encoded', lang)}")
                           for p in region["parents"])
        out.append(f"- {h('parents', lang)}: {chain}")
    if checklist.get("as_of"):
        out.append(f"- {h('as_of', lang)}: {checklist['as_of']}")
    out += ["", f"## {h('documents', lang)}", ""]
    for doc in checklist["documents"]:
        flag = "" if doc["encoded"] else f" — **{h('not_encoded', lang)}**"
        date = f", {doc['date']}" if doc["date"] else ""
        out.append(f"- {doc['number']}{vocab.book_title(t(doc['title'], lang))}, {t(doc['issuer'], lang)}{date}{flag}")
    if checklist["warnings"]:
        out += ["", f"## {h('warnings', lang)}", ""]
        out += [f"> ⚠ {t(w['message'], lang)}" for w in checklist["warnings"]]
    for domain, (zh, en) in vocab.DOMAINS.items():
        heading = zh if lang == "zh" else en if lang == "en" else f"{zh} / {en}"
        out += ["", f"## {heading}", ""]
        items = [item for item in checklist["items"] if item["domain"] == domain]
        encoded = checklist.get("domains", {}).get(domain, {}).get("encoded", True)
        if not items:
            out.append(f"_{h('not_specified' if encoded else 'not_yet_encoded', lang)}_")
            continue
        for item in items:
            out += render_item(item, lang, checklist.get("metric_labels"))
        if not encoded:
            out += ["", f"_{h('partly_encoded', lang)}_"]
    if checklist.get("excluded"):
        out += ["", f"## {h('excluded', lang)}", ""]
        for ex in checklist["excluded"]:
            cite, by = ex["citation"], ex["exclusion_citation"]
            out.append(f"- ~~`{ex['id']}`~~ ({cite['document']} {cite['clause']}) — {t(ex['reason'], lang)} "
                       f"({h('excluded_by', lang)} {by['document']} {by['clause']}「{by['quote']}」)")
    return "\n".join(out) + "\n"
