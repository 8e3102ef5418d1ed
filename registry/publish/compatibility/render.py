"""A verdict as text a standards editor reads, or as JSON."""

from __future__ import annotations

import json

from registry.publish.compatibility.model import Level, Verdict

_HEADINGS = {
    "fr": {
        Level.MAJOR: "Changements majeurs, incompatibles",
        Level.MINOR: "Changements mineurs, compatibles",
        Level.PATCH: "Changements correctifs, rédaction seulement",
    },
    "en": {
        Level.MAJOR: "Major changes, breaking",
        Level.MINOR: "Minor changes, compatible",
        Level.PATCH: "Patch changes, wording only",
    },
}


def render_text(verdict: Verdict, lang: str) -> str:
    """The changes grouped by level, one sentence each, the verdict last."""
    lang = "fr" if lang == "fr" else "en"
    lines = [f"{verdict.domain} {verdict.old_version} → {verdict.new_version}", ""]
    if not verdict.changes:
        lines += ["Aucun changement." if lang == "fr" else "No change.", ""]
    for level in (Level.MAJOR, Level.MINOR, Level.PATCH):
        found = [c for c in verdict.changes if c.level is level]
        if not found:
            continue
        colon = " :" if lang == "fr" else ":"
        lines.append(f"{_HEADINGS[lang][level]} ({len(found)}){colon}")
        lines += [f"  - {c.message(lang)}" for c in found]
        lines.append("")
    label = "Verdict :" if lang == "fr" else "Verdict:"
    lines.append(f"{label} {verdict.summary(lang)}")
    return "\n".join(lines) + "\n"


def render_json(verdict: Verdict, lang: str) -> str:
    """The verdict and every change (both languages, and ``message`` in ``lang``)."""
    lang = "fr" if lang == "fr" else "en"
    document = verdict.to_dict()
    document["lang"] = lang
    document["summary"] = verdict.summary(lang)
    for key in ("changes", "offending"):
        for entry in document[key]:
            entry["message"] = entry[f"message_{lang}"]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
