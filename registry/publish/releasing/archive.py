"""Unpacking an examples archive without trusting it (``SECURITY.md``).

A zip archive can name files outside the folder it is unpacked in (``../``, absolute paths), hold
links, or expand a few kilobytes into gigabytes. :func:`extract_examples` refuses all of that before
writing anything outside ``target``: at most ``max_entries`` entries, ``max_file_bytes`` per file and
``max_total_bytes`` in all (counted while decompressing, never taken from the archive's own
headers), plain relative names only, no links, no encryption. Every refusal is an
:class:`UnsafeInputError` or :class:`InputError` (HTTP 422), never a crash.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from registry.errors import InputError, UnsafeInputError
from registry.publish.releasing.sources import refuse_yaml_aliases

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    """How much an examples archive may hold."""

    max_entries: int = 2_000
    max_file_bytes: int = 20 * 1024 * 1024
    max_total_bytes: int = 100 * 1024 * 1024


def _safe_name(name: str) -> PurePosixPath:
    """The entry's relative path, or :class:`UnsafeInputError` when it could land outside."""
    if not name or "\\" in name or "\0" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise UnsafeInputError(
            f"The examples archive holds an entry with an absolute or unusual name: {name[:200]!r}.",
            hint="Zip the examples folder with relative paths (valid/…, invalid/…).",
        )
    path = PurePosixPath(name)
    if any(part in ("..", "") for part in path.parts) or path.is_absolute():
        raise UnsafeInputError(
            f"The examples archive holds an entry outside its folder: {name[:200]!r}.",
            hint="Zip the examples folder with relative paths, without '..'.",
        )
    return path


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)


def extract_examples(data: bytes, target: Path, limits: ArchiveLimits = ArchiveLimits()) -> Path:
    """Unpack the zip archive ``data`` into ``target`` and return the examples folder in it (the
    archive's single top folder when its examples are zipped with their folder)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise InputError(
            f"The examples are not a readable zip archive: {exc}.", hint="Send the examples as a .zip file."
        ) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.max_entries:
            raise UnsafeInputError(
                f"The examples archive holds {len(entries):,} entries; "
                f"at most {limits.max_entries:,} are read.",
                hint="Send only the examples' source files.",
            )
        seen: set[str] = set()
        total = 0
        target.mkdir(parents=True, exist_ok=True)
        for info in entries:
            relative = _safe_name(info.filename)
            if _is_link(info):
                raise UnsafeInputError(
                    f"The examples archive holds a link: {info.filename[:200]!r}.",
                    hint="Zip the files themselves, not links to them.",
                )
            if info.flag_bits & 0x1:
                raise UnsafeInputError(
                    f"The examples archive holds an encrypted entry: {info.filename[:200]!r}.",
                    hint="Send an archive without a password.",
                )
            key = relative.as_posix().casefold()
            if key in seen:
                raise UnsafeInputError(
                    f"The examples archive holds {info.filename[:200]!r} twice.",
                    hint="Each file may appear once.",
                )
            seen.add(key)
            destination = target.joinpath(*relative.parts)
            try:
                if info.is_dir():
                    destination.mkdir(parents=True, exist_ok=True)
                    continue
                destination.parent.mkdir(parents=True, exist_ok=True)
            except OSError:
                raise _file_and_folder(info) from None
            total = _copy_entry(archive, info, destination, total, limits)
            if destination.suffix.lower() in (".yaml", ".yml"):
                text = destination.read_text(encoding="utf-8", errors="replace")
                refuse_yaml_aliases(text, f"{info.filename[:200]!r} in the examples archive")
    return _examples_folder(target)


def _copy_entry(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, destination: Path, total: int, limits: ArchiveLimits
) -> int:
    size = 0
    try:
        with archive.open(info) as source, destination.open("xb") as out:
            while chunk := source.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if size > limits.max_file_bytes:
                    raise UnsafeInputError(
                        f"{info.filename[:200]!r} in the examples archive expands beyond "
                        f"{limits.max_file_bytes:,} bytes.",
                        hint="Send smaller examples.",
                    )
                if total > limits.max_total_bytes:
                    raise UnsafeInputError(
                        f"The examples archive expands beyond {limits.max_total_bytes:,} bytes.",
                        hint="Send only the examples' source files.",
                    )
                out.write(chunk)
    except (FileExistsError, IsADirectoryError, NotADirectoryError):
        raise _file_and_folder(info) from None
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError, zlib.error) as exc:
        raise InputError(
            f"{info.filename[:200]!r} in the examples archive cannot be read: {exc}.",
            hint="Zip the examples again (stored or deflated).",
        ) from None
    return total


def _file_and_folder(info: zipfile.ZipInfo) -> UnsafeInputError:
    return UnsafeInputError(
        f"The examples archive holds {info.filename[:200]!r} as both a file and a folder.",
        hint="Each path may appear once.",
    )


def _examples_folder(target: Path) -> Path:
    if (target / "valid").is_dir() or (target / "invalid").is_dir():
        return target
    children = [p for p in target.iterdir() if not p.name.startswith(".")]
    if len(children) == 1 and children[0].is_dir():
        return children[0]
    return target
