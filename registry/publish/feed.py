"""Atom feeds of releases (RFC 4287): every standard's at ``/feed.atom``, one standard's at
``/def/{domain}/feed.atom``.

One entry per release: its id is the version IRI (``{base}def/{domain}/{version}``), ``updated`` and
``published`` its release time, ``link rel="alternate"`` its version page, ``summary`` the
compatibility verdict's sentence (French, then English) and ``content`` its changes grouped by level,
as escaped HTML. The XML is built with ElementTree (never by pasting strings), and depends on the
catalogue state only: the same releases give the same bytes, hence the same strong ETag.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime

from registry.publish.changelog import ReleaseNote

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ATOM_MEDIA_TYPE = "application/atom+xml"
PUBLISHER = "Conseil national des données des territoires connectés"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedInfo:
    """What a feed says of itself: ``id`` (an IRI), its title, its own URL, its page's URL, and the
    root URL of the site that serves the version pages (``https://registry.example/``)."""

    id: str
    title: str
    self_url: str
    page_url: str
    site_url: str


def instant(when: datetime | None) -> str:
    """An RFC 3339 date-time in UTC (``2026-11-24T23:00:42Z``)."""
    moment = (when or _EPOCH).astimezone(UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


def _atom(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    """A child element of the Atom namespace (the root declares it as the default namespace)."""
    element = ET.SubElement(parent, name, attributes)
    if text is not None:
        element.text = text
    return element


def changes_html(note: ReleaseNote) -> str:
    """The release's verdict and changes as an HTML fragment (French, English alongside)."""
    root = ET.Element("div")
    ET.SubElement(root, "p").text = note.summary("fr")
    ET.SubElement(root, "p", {"lang": "en"}).text = note.summary("en")
    for group in note.groups():
        heading = ET.SubElement(root, "h3")
        heading.text = f"{group.heading_fr} "
        ET.SubElement(heading, "span", {"lang": "en"}).text = f"/ {group.heading_en}"
        items = ET.SubElement(root, "ul")
        for change in group.changes:
            item = ET.SubElement(items, "li")
            item.text = f"{change['message_fr']} "
            ET.SubElement(item, "span", {"lang": "en"}).text = f"/ {change['message_en']}"
    return ET.tostring(root, encoding="unicode", method="html")


def atom_feed(info: FeedInfo, notes: list[ReleaseNote], titles: dict[str, str], base_uri: str) -> bytes:
    """The Atom document of ``notes`` (newest first); ``titles`` gives each domain's title, entry ids
    are version IRIs under ``base_uri``."""
    site = info.site_url.rstrip("/")
    # Unprefixed names under a default namespace declared on the root: what Atom readers expect, without
    # registering a prefix in ElementTree's process-wide map.
    feed = ET.Element("feed", {"xmlns": ATOM, XML_LANG: "fr"})
    _atom(feed, "id", info.id)
    _atom(feed, "title", info.title)
    updated = max((n.release.created_at or _EPOCH for n in notes), default=_EPOCH)
    _atom(feed, "updated", instant(updated))
    author = _atom(feed, "author")
    _atom(author, "name", PUBLISHER)
    _atom(author, "uri", base_uri)
    _atom(feed, "link", rel="self", type=ATOM_MEDIA_TYPE, href=info.self_url)
    _atom(feed, "link", rel="alternate", type="text/html", href=info.page_url)
    _atom(feed, "generator", "Socle")
    for note in notes:
        release = note.release
        entry = _atom(feed, "entry")
        _atom(entry, "id", f"{base_uri}def/{release.domain}/{release.version}")
        title = titles.get(release.domain, release.domain)
        _atom(entry, "title", f"{title} {release.version} — {note.headline('fr')}")
        _atom(entry, "updated", instant(release.created_at))
        _atom(entry, "published", instant(release.created_at))
        if release.created_by:
            _atom(_atom(entry, "author"), "name", release.created_by)
        page = f"{site}/def/{release.domain}/{release.version}"
        _atom(entry, "link", rel="alternate", type="text/html", href=page)
        _atom(entry, "summary", f"{note.summary('fr')} / {note.summary('en')}")
        _atom(entry, "content", changes_html(note), type="html")
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))
