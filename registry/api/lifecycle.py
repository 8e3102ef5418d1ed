"""Headers that tell clients where a release is in its life (DESIGN.md decisions 7 and 8).

A deprecated or retired release is still served (old versions stay downloadable and validatable),
with ``Deprecation`` (RFC 9745: ``@`` and the Unix time it was deprecated) and, when a newer
version is current, ``Link: <…>; rel="successor-version"`` (RFC 5829).
"""

from __future__ import annotations

from registry.catalog.models import ReleaseStatus
from registry.catalog.releases import Release, ReleaseCatalog, version_key
from registry.errors import NotFoundError

_ENDED = (ReleaseStatus.DEPRECATED.value, ReleaseStatus.RETIRED.value)


def lifecycle_headers(catalog: ReleaseCatalog, release: Release) -> dict[str, str]:
    """``Deprecation`` and ``Link`` for a deprecated or retired release; nothing otherwise."""
    if release.status not in _ENDED:
        return {}
    history = catalog.status_history(release.domain, release.version)
    when = next((c.changed_at for c in history if c.to_status == ReleaseStatus.DEPRECATED.value), None)
    when = when or (history[-1].changed_at if history else None)
    headers = {"Deprecation": f"@{int(when.timestamp())}" if when else "true"}
    try:
        current = catalog.resolve(release.domain)
    except NotFoundError:  # no current version: nothing to point to
        return headers
    if version_key(current.version) > version_key(release.version):
        headers["Link"] = f'</def/{current.domain}/{current.version}>; rel="successor-version"'
    return headers
