"""The catalogue: which standards and versions exist, their statuses and artifacts (bottom layer)."""
