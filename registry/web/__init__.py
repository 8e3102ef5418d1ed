"""Server-rendered pages: Jinja2 templates (autoescaped) and static files."""
