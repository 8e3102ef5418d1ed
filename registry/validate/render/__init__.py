"""Faces of the one validation report: JSON, the standard ``sh:ValidationReport`` (Turtle or
JSON-LD), HTML and terminal text, in French (the default) or English.

Each renderer takes a :class:`~registry.validate.report.ValidationReport` whose results carry their
messages (``registry.validate.messages.add_messages``) and groups them by rule
(``registry.validate.grouping``).
"""

from registry.validate.render.common import Language, choose_language, verdict

__all__ = ["Language", "choose_language", "verdict"]
