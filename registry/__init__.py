"""Socle: the shared data-standards registry for smart territories."""
