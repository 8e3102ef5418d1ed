"""Compatibility between two versions of a module (DESIGN.md decision 8).

``compare(old, new)`` diffs the LinkML elements, the resulting SHACL shapes and the JSON-LD context,
classifies each :class:`Change` by its effect on data that was valid before (major, minor, patch),
explains it in French and English, and returns a :class:`Verdict` on the declared version bump.
The rules are written in ``docs/COMPATIBILITY.md``.
"""

from registry.publish.compatibility.compare import (
    ModuleVersion,
    changes,
    compare,
    from_module,
    from_release,
)
from registry.publish.compatibility.model import (
    Change,
    Level,
    Verdict,
    declared_bump,
    make_verdict,
    parse_version,
    verdict_from_dict,
)

__all__ = [
    "Change",
    "Level",
    "ModuleVersion",
    "Verdict",
    "changes",
    "compare",
    "declared_bump",
    "from_module",
    "from_release",
    "make_verdict",
    "parse_version",
    "verdict_from_dict",
]
