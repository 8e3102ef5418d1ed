"""The report as terminal text (``socle validate``): the verdict, the counts, then each rule broken with
its count and its first results located as ``file:row column``.

Values come from the producer's data: control characters (terminal escape sequences among them)
are shown escaped, never sent to the terminal.
"""

from __future__ import annotations

import re

from registry.validate.grouping import DEFAULT_CAP, group_results
from registry.validate.render.common import (
    counted,
    focus_text,
    location_text,
    severity_label,
    standard_name,
    verdict,
)
from registry.validate.report import ValidationReport

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")

_WORDS = {
    "fr": {
        "checked": "Vérifié avec",
        "engine": "moteur",
        "shapes": "formes",
        "input": "données",
        "notices": "À savoir",
        "rules": "Règles non respectées",
        "more": "… et {n} autre(s)",
        "none": "aucun résultat",
    },
    "en": {
        "checked": "Checked against",
        "engine": "engine",
        "shapes": "shapes",
        "input": "input",
        "notices": "Notices",
        "rules": "Rules broken",
        "more": "… and {n} more",
        "none": "no result",
    },
}


def inert(text: str) -> str:
    """``text`` with control characters escaped and line breaks shown as ``⏎``."""
    text = text.replace("\r\n", "\n").replace("\n", " ⏎ ")
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def render_text(report: ValidationReport, lang: str = "fr", *, cap: int = DEFAULT_CAP) -> str:
    """The report for a terminal, in ``lang``."""
    words = _WORDS["fr" if lang == "fr" else "en"]
    lines = [inert(verdict(report, lang))]
    checked = report.checked_against
    facts = [standard_name(report)]
    if checked.engine:
        facts.append(f"{words['engine']} {checked.engine} {checked.engine_version}".strip())
    if checked.shapes_digest:
        facts.append(f"{words['shapes']} {checked.shapes_digest[:12]}")
    if checked.input_digest:
        facts.append(f"{words['input']} {checked.input_digest[:12]}")
    facts = [fact for fact in facts if fact]
    colon = " :" if lang == "fr" else ":"
    if facts:
        lines.append(f"{words['checked']}{colon} " + " · ".join(facts))
    if report.notices:
        lines += ["", f"{words['notices']}{colon}"]
        lines += [f"  - {inert(notice.message(lang))}" for notice in report.notices]
    groups = group_results(report.results, cap)
    if groups:
        heading = f"{words['rules']} ({counted(report, lang)})"
        lines += ["", heading + colon]
        for group in groups:
            lines.append(f"  [{severity_label(group.severity, lang)}] {inert(group.summary(lang))}")
            for member in group.members:
                where = location_text(member.location) or focus_text(member.focus_node, lang)
                message = member.message(lang) or ""
                lines.append(f"      {inert(where)}: {inert(message)}")
            if group.truncated:
                lines.append("      " + words["more"].format(n=group.unlisted))
    return "\n".join(lines) + "\n"
