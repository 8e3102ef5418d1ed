"""The content-addressed artifact store: every published file once, named by its SHA-256.

``<root>/<first two hex digits>/<sha256>``. A file is written to a temporary name in the same
directory, flushed to disk, checked against its digest and renamed into place, so a reader never
sees half a file and two writers of the same content end with the same single file. Stored files are
read-only: a release's files never change after it is published.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from registry.errors import NotFoundError, SocleError

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1 << 20


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class ArtifactStore:
    """Files addressed by their SHA-256 under ``root``."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        """Where the file with this digest is (whether or not it exists)."""
        if not _SHA256.match(sha256):
            raise NotFoundError(
                f"{sha256!r} is not a SHA-256 digest",
                hint="Artifact addresses are 64 lower-case hexadecimal digits.",
            )
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put(self, source: Path, sha256: str | None = None) -> str:
        """Store a copy of ``source`` and return its digest (a no-op when it is already stored).

        When ``sha256`` is given, the copy is checked against it before it becomes visible.
        """
        expected = sha256 or file_sha256(source)
        target = self.path(expected)
        if target.is_file():
            return expected
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".incoming-", dir=target.parent)
        try:
            digest = hashlib.sha256()
            with os.fdopen(handle, "wb") as out, source.open("rb") as data:
                while chunk := data.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() != expected:
                raise SocleError(f"{source.name} changed while it was being stored")
            os.chmod(temporary, 0o444)
            os.replace(temporary, target)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        return expected

    def digests(self) -> set[str]:
        """Every digest stored (for checks and tests)."""
        if not self.root.is_dir():
            return set()
        return {p.name for p in self.root.glob("??/*") if _SHA256.match(p.name)}
