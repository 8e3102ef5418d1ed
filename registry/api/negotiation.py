"""Content negotiation between HTML and the four RDF syntaxes (W3C recipes for RDF vocabularies)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RdfFormat:
    media_type: str
    rdflib_format: str
    suffix: str


HTML = "text/html"
FORMATS = {
    "text/turtle": RdfFormat("text/turtle", "turtle", "ttl"),
    "application/ld+json": RdfFormat("application/ld+json", "json-ld", "jsonld"),
    "application/rdf+xml": RdfFormat("application/rdf+xml", "pretty-xml", "rdf"),
    "application/n-triples": RdfFormat("application/n-triples", "nt", "nt"),
}
BY_SUFFIX = {f.suffix: f for f in FORMATS.values()}
ALIASES = {
    "application/x-turtle": "text/turtle",
    "text/n3": "text/turtle",
    "application/json": "application/ld+json",
}


def parse_accept(accept: str) -> list[tuple[float, int, str]]:
    """Media ranges by preference: (quality, -position, media type), best first."""
    ranked = []
    for index, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if not media:
            continue
        quality = 1.0
        for param in pieces[1:]:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        ranked.append((quality, -index, media))
    return sorted(ranked, reverse=True)


def negotiate(accept: str | None, requested: str | None = None) -> str:
    """The media type to answer with: ``?format=`` first, then ``Accept`` (HTML by default)."""
    if requested:
        key = requested.lower()
        if key in BY_SUFFIX:
            return BY_SUFFIX[key].media_type
        if key in ("html", HTML):
            return HTML
        if key in FORMATS:
            return key
    for quality, _, media in parse_accept(accept or ""):
        if quality <= 0:
            continue
        media = ALIASES.get(media, media)
        if media in FORMATS or media == HTML:
            return media
        if media in ("application/xhtml+xml",):
            return HTML
        if media in ("*/*", "text/*"):
            return HTML
    return HTML
