"""Every exception xinli raises on purpose, in one place, so that no module
imports another just to raise or catch its error.

:class:`XinliError` and its subclasses are expected errors: the CLI shows
their message as one line (or a short list of problems) and exits with 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple


def one_line(exc: BaseException) -> str:
    """An exception as ``Type: first line of its message``, for a one-line report."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


class XinliError(Exception):
    """An expected error: shown to the user as one line, exit code 2."""

    def in_lang(self, lang: str) -> str:
        """The message in ``lang`` (errors built from English text have only that)."""
        return str(self)


class Said(str):
    """A catalogue text (:mod:`xinli.core.messages`) that remembers its key,
    so that an error built from it can be shown again in the command's
    language.  As a plain string it is the Chinese text (the default)."""

    key: str
    values: dict[str, object]

    def __new__(cls, key: str, **values: object) -> Said:
        from xinli.core.messages import msg

        text = super().__new__(cls, msg(key, "zh", **values))
        text.key = key
        text.values = values
        return text

    def in_lang(self, lang: str) -> str:
        """The text in ``lang`` (``both`` reads as Chinese: one line); a
        value that is itself a :class:`Said` is shown in ``lang`` too."""
        from xinli.core.messages import msg

        lang = "en" if lang == "en" else "zh"
        return msg(self.key, lang, **{k: in_lang(v, lang) for k, v in self.values.items()})


def in_lang(text: object, lang: str) -> str:
    """``text`` in ``lang`` when it is a :class:`Said`, else as it is."""
    return text.in_lang(lang) if isinstance(text, Said) else str(text)


class Refusal(XinliError):
    """An expected error whose text is one catalogue entry (a
    :class:`Said`): shown in the command's ``--lang``, Chinese by default."""

    def __init__(self, key: str, **values: object) -> None:
        self.said = Said(key, **values)
        super().__init__(str(self.said))

    def in_lang(self, lang: str) -> str:
        """The message in ``lang``."""
        return self.said.in_lang(lang)


class UnknownRegionError(XinliError):
    """The requested region code is not an installed jurisdiction."""

    def __init__(self, code: str, known: Sequence[str], problem: str | None = None) -> None:
        import difflib

        self.code = code
        self.known = list(known)
        self.problem = problem
        if problem is not None:
            super().__init__(f"region {code!r} is installed but its plugin failed to load: {problem}")
            return
        listed = ", ".join(self.known) or "(none installed)"
        near = difflib.get_close_matches(code, self.known, n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        super().__init__(f"unknown region {code!r}{hint}; valid codes: {listed}")


class PluginError(XinliError):
    """A plugin broke a rule of the plugin contract; the message names it."""


class ScaffoldError(XinliError):
    """The scaffold cannot be made as asked; the message says why."""


class FactProblem(NamedTuple):
    """One problem in a facts (or waivers) file: where it is and why.

    A named tuple rather than an attrs class: this module is imported by
    every command, and attrs would cost ``xinli --help`` its start-up budget."""

    file: str
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def __str__(self) -> str:
        return self.in_lang("zh")

    def in_lang(self, lang: str) -> str:
        """The problem as one line, its reason in ``lang`` when the reason is
        a catalogue text."""
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        value = f" {self.value!r}:" if self.value is not None else ""
        return f"{', '.join(where)}:{value} {in_lang(self.reason, lang)}"


class FactsError(XinliError):
    """A facts (or waivers) file has problems; nothing was written."""

    def __init__(self, problems: list[FactProblem], truncated: bool = False) -> None:
        self.problems = problems
        self.truncated = truncated
        lines = [str(p) for p in problems]
        if truncated:
            lines.append(f"… stopped after {len(problems)} problems")
        super().__init__(f"{len(problems)} problem(s) in the input; nothing was written\n" + "\n".join(lines))

    def in_lang(self, lang: str) -> str:
        """Every problem, each reason in ``lang`` where it can be."""
        lines = [p.in_lang(lang) for p in self.problems]
        if self.truncated:
            lines.append(f"… stopped after {len(self.problems)} problems")
        return f"{len(self.problems)} problem(s) in the input; nothing was written\n" + "\n".join(lines)
