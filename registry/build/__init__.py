"""The build: LinkML modules in, every published artifact out (pure functions, schema in, text out)."""
