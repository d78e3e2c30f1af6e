"""Stored finding texts in words: the stable forms the records keep
(``>= 12 lessons per_semester``, ``true``, ``3 school(s) unknown``) read
back in the output language through the message catalogue."""

from __future__ import annotations

import re
from typing import Any

from xinli.core import messages
from xinli.core import vocabulary as vocab

_OPS = {">=", "<=", "==", ">", "<"}


def expected_words(text: str | None, lang: str) -> str:
    """An ``expected`` text (see :func:`xinli.core.assessment.assess.expected_text`)
    in ``lang``; text of another form is returned unchanged."""
    if not text:
        return ""
    if text == "manual":
        return messages.msg("manual_expected", lang)
    alternatives = re.findall(_ALTERNATIVE, text) if text.startswith("[") else []
    if alternatives:  # an any-of check: ``[metric] expected or [metric|中文|English] expected``
        return (" 或 " if lang == "zh" else " or ").join(
            f"{_metric_label(metric, lang, zh, en)}{'：' if lang == 'zh' else ': '}{expected_words(rest, lang)}"
            for metric, zh, en, rest in alternatives)
    band = ""
    found = re.search(r" in grades (\S+)( \(one chosen grade\))?$", text)
    if found:
        mode = "any" if found.group(2) else "each"
        band = f"{messages.msg('grades', lang)} {found.group(1)}（{vocab.label(vocab.GRADES_MODES, mode, lang)}）" if lang == "zh" else \
            f"{messages.msg('grades', lang)} {found.group(1)} ({vocab.label(vocab.GRADES_MODES, mode, lang)})"
        text = text[:found.start()]
    ranged = re.match(r"^([<>]=) (\S+) \(range (\S+), (lower|upper) end binds\)(.*)$", text)
    extra = []
    if ranged:
        text = f"{ranged.group(1)} {ranged.group(2)}{ranged.group(5)}"
        binds = vocab.label(vocab.BINDS, "low" if ranged.group(4) == "lower" else "high", lang)
        extra.append(f"{ranged.group(3)}（{binds}）" if lang == "zh" else f"{ranged.group(3)} ({binds})")
    if band:
        extra.append(band)
    return ("，" if lang == "zh" else ", ").join([_expected_words(text, lang), *extra])


#: One alternative of a stored any-of expectation: the metric, the labels a
#: plugin's own metric carries (``|中文|English``), and what is expected of it.
_ALTERNATIVE = re.compile(r"\[(\w+)(?:\|([^|\]]*)\|([^|\]]*))?\] (.*?)(?= or \[\w+[|\]]|$)")


def _metric_label(key: str, lang: str, zh: str = "", en: str = "") -> str:
    """A metric's label in ``lang``: a built-in metric's own, else the
    labels stored with the expectation (``zh``, ``en``), else its key (an
    expectation recorded before labels were stored)."""
    from xinli.core.assessment.metrics import builtin_metrics

    metric = builtin_metrics().get(key)
    if metric is not None:
        zh, en = metric.label.zh, metric.label.en
    if not zh and not en:
        return key
    return zh if lang == "zh" else en if lang == "en" else f"{zh} / {en}"


def _expected_words(text: str, lang: str) -> str:
    tokens = text.split()
    out: list[str] = []
    index = 0
    if tokens[0] == "true":
        out.append(messages.pick(messages.OPERATORS["true"], lang))
        index = 1
    elif tokens[0] == "between" and len(tokens) >= 4 and tokens[2] == "and":
        out.append(f"{messages.pick(messages.OPERATORS['between'], lang)} {tokens[1]}–{tokens[3]}")
        index = 4
    elif tokens[0] in _OPS and len(tokens) >= 2:
        from xinli.core.render.markdown import amount_text

        unit = tokens[2] if len(tokens) > 2 and tokens[2] in vocab.UNITS else None
        value: Any = int(tokens[1]) if tokens[1].isdigit() else tokens[1]
        out.append(f"{messages.pick(messages.OPERATORS[tokens[0]], lang)} {amount_text(value, unit, lang)}")
        index = 3 if unit else 2
    else:
        return text
    for token in tokens[index:]:
        if token in vocab.UNITS:
            out[-1] += " " + vocab.label(vocab.UNITS, token, lang)
        elif token in vocab.PERIODS:
            out.append(vocab.label(vocab.PERIODS, token, lang))
        elif re.fullmatch(r"every_\d+_years", token):
            out.append(messages.msg("every_n_years", lang, n=token.split("_")[1]))
        else:
            out.append(token)
    return ("，" if lang == "zh" else ", ").join(out)


def observed_words(text: str | None, lang: str) -> str:
    """An ``observed`` text in ``lang``: yes/no for true/false."""
    if text is None:
        return ""
    if text == "true":
        return messages.msg("yes", lang)
    if text == "false":
        return messages.msg("no", lang)
    return text


_DETAILS = [
    (re.compile(r"^(\d+) school\(s\) unknown$"), "detail_unknown"),
    (re.compile(r"^no school in scope$"), "detail_no_school"),
    (re.compile(r"^due (\S+)$"), "detail_due"),
    (re.compile(r"^(.*) \((.*), until (\S+)\)$"), "detail_waiver"),
    (re.compile(r"^outside the document$"), "detail_outside_document"),
    (re.compile(r"^school kind$"), "detail_school_kind"),
    (re.compile(r"^reported by the region$"), "detail_region_reported"),
    # the reasons a school finding carries as a code (xinli.core.assessment.statuses.REASON_TEXTS)
    (re.compile(r"^event unknown$"), "detail_event_unknown"),
    (re.compile(r"^period still running$"), "detail_period_running"),
    (re.compile(r"^school attribute unknown$"), "detail_attribute_unknown"),
    (re.compile(r"^grades$"), "detail_grades"),
    (re.compile(r"^attributes$"), "detail_attributes"),
    (re.compile(r"^event did not happen$"), "detail_no_event"),
    (re.compile(r"^one-off duty past$"), "detail_one_off_past"),
]


_FAILING = re.compile(r"^not met at: (.*?)(?: \(\+(\d+) more\))?$")
_ELSEWHERE = re.compile(r"^measured at (\w+) level \((\S+)\): a target over all of its schools, not this region's alone$")
_ATTESTED = re.compile(r"^attested by (.*?) on (\d{4}-\d{2}-\d{2})(?:: (.*))?$", re.S)
_REGION_REPORTED = re.compile(r"^self-reported by the region(?:: (.*))?$", re.S)  # issue 20: region self-inspection


def detail_words(text: str | None, lang: str) -> str:
    """A finding's ``detail`` in ``lang`` (free text such as a waiver's
    justification or an attestation's evidence stays as written)."""
    if not text:
        return ""
    if "; " in text and _FAILING.search(text):
        return ("；" if lang == "zh" else "; ").join(detail_words(part, lang) for part in text.split("; "))
    match = _FAILING.match(text)
    if match:
        names, more = match.groups()
        words = messages.msg("detail_failing", lang, names=names)
        return words + (messages.msg("detail_failing_more", lang, n=more) if more else "")
    for pattern, key in _DETAILS:
        match = pattern.match(text)
        if match:
            return messages.pick(messages.MESSAGES[key], lang).format(*match.groups())
    match = _ELSEWHERE.match(text)
    if match:
        level, owner = match.groups()
        pair = vocab.JURISDICTION_LEVELS.get(level, messages.MESSAGES["ancestor_level"])
        return messages.pick((messages.MESSAGES["detail_elsewhere"][0].format(pair[0], owner),
                              messages.MESSAGES["detail_elsewhere"][1].format(level, owner)), lang)
    match = _ATTESTED.match(text)
    if match:
        by, day, evidence = match.groups()
        words = messages.msg("detail_attested", lang, by=by, day=day)
        return f"{words}{'：' if lang == 'zh' else ': '}{evidence}" if evidence else words
    match = _REGION_REPORTED.match(text)
    if match:
        words = messages.msg("detail_region_self_reported", lang)
        return f"{words}{'：' if lang == 'zh' else ': '}{match.group(1)}" if match.group(1) else words
    return text


#: Notices commands pass on from the records and the facts reader, in the
#: English they are written in, and the catalogue key saying them.
_NOTICES = [
    (re.compile(r"^(.*?: )?another xinli command is writing to this database; waiting for it to finish…$"), "lock_wait"),
    (re.compile(r"^(.*?: )?applying (\d+) database migration\(s\): (.*)$"), "migrating"),
    (re.compile(r"^warning: column\(s\) (.*) are not used by this region's rules "
                r"\(an excluded or another region's item\) and were ignored$"), "ignored_columns"),
]


def notice_words(text: str, lang: str) -> str:
    """A notice on stderr (waiting for a lock, migrating, columns ignored)
    in ``lang``; English stays byte-identical, anything unknown as written."""
    if lang == "en":
        return text
    for pattern, key in _NOTICES:
        match = pattern.match(text)
        if match:
            groups = match.groups()
            prefix = (groups[0] or "") if key != "ignored_columns" else ""
            values = groups[1:] if key != "ignored_columns" else groups
            return prefix + messages.pick(messages.MESSAGES[key], lang).format(*values)
    return text


def split_region_findings(data: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A report's run-level findings split in two: the authorities' duties
    (requirements assessed at region level whose duty holder is an
    authority or body, the report's 「辖区层面结论」) and the rest — school
    items without a machine check (one ``manual`` finding per run) and
    duties of students, parents and others, which are no authority's."""
    scopes = {r["requirement_id"]: r["scope"] for r in data["requirements"]}

    def authority(finding: dict[str, Any]) -> bool:
        holder = finding.get("duty_holder")
        return (scopes.get(finding["requirement_id"], "region") == "region"
                and holder not in vocab.PEOPLE and holder not in vocab.SCHOOL_SIDE)

    return ([f for f in data["region_findings"] if authority(f)],
            [f for f in data["region_findings"] if not authority(f)])
