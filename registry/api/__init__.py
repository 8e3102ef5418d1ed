"""The HTTP service (FastAPI): an app factory and thin routes over the library."""
