"""Atom feeds (RFC 4287): what changed in the catalogue, and each meeting's follow-up material.

Entries are dated by the records' own dates (``reviewed``, a follow-up item's ``added``), never
by the build time, so the same records give the same feeds byte for byte.
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..check.catalogue import Catalogue
from ..load.interface_strings import Words, strings
from ..load.records import Record
from ..render.addresses import atom_id, file_address
from ..render.citation import CATALOGUE_NAME, EDITORS
from ..render.markup import format_date, safe_href
from ..urls import Linker
from .feed_reading import add_entry_date, add_reader_note, stylesheet_instruction

ATOM = "http://www.w3.org/2005/Atom"
SITE_FEED = "feed.xml"
MAX_ENTRIES = 100  # newest first; older changes stay in the records' own history


def _timestamp(date: str) -> str:
    return f"{date}T00:00:00Z"


def _feed(title: str, feed_id: str, feed_url: str, alternate: str, updated: str) -> ET.Element:
    feed = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(feed, "title").text = title
    ET.SubElement(feed, "id").text = feed_id
    ET.SubElement(feed, "updated").text = _timestamp(updated)
    ET.SubElement(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    ET.SubElement(feed, "link", rel="alternate", type="text/html", href=alternate)
    author = ET.SubElement(feed, "author")
    ET.SubElement(author, "name").text = EDITORS
    return feed


def _entry(feed: ET.Element, entry_id: str, title: str, link: str, updated: str, summary: str,
           date_line: str) -> None:
    entry = ET.SubElement(feed, "entry")
    ET.SubElement(entry, "id").text = entry_id
    ET.SubElement(entry, "title").text = title
    ET.SubElement(entry, "link", rel="alternate", type="text/html", href=link)
    ET.SubElement(entry, "updated").text = _timestamp(updated)
    add_entry_date(entry, date_line)
    ET.SubElement(entry, "summary").text = summary


def _serialise(feed: ET.Element, path: str) -> str:
    ET.indent(feed)
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + stylesheet_instruction(path)
            + ET.tostring(feed, encoding="unicode") + "\n")


def site_feed(catalogue: Catalogue, linker: Linker, words: Words) -> str:
    """New and updated records, newest review first, in the language of ``words`` (interface_strings)."""
    feeds, months = words["feeds"], words["months"]["names"]
    records = sorted(catalogue.records, key=lambda r: (str(r.data["reviewed"]), r.id), reverse=True)[:MAX_ENTRIES]
    newest = str(records[0].data["reviewed"]) if records else "1970-01-01"
    # Addresses are absolute with SITE_URL, else relative to the feed (addresses.py).
    feed = _feed(feeds["site_title"].format(site=CATALOGUE_NAME), atom_id(linker, SITE_FEED),
                 file_address(linker, SITE_FEED, SITE_FEED), file_address(linker, SITE_FEED, ""), newest)
    for record in records:
        kind = catalogue.schemas.kinds[record.kind].name
        reviewed = str(record.data["reviewed"])
        _entry(feed, atom_id(linker, record.url), f"{record.title} ({kind})",
               file_address(linker, SITE_FEED, record.url), reviewed, str(record.data["summary"]),
               feeds["reviewed"].format(kind=kind, date=format_date(reviewed, months)))
    add_reader_note(feed, feeds["note_heading"].format(about=feeds["site_about"].format(site=CATALOGUE_NAME)),
                    feeds["note_steps"], file_address(linker, SITE_FEED, ""), feeds["open_catalogue"])
    return _serialise(feed, SITE_FEED)


def follow_up_feed(record: Record, path: str, items: list[dict[str, str]], type_labels: dict[str, str],
                   linker: Linker, words: Words) -> str:
    """A record's follow-up material (a meeting's), newest addition first; ``type_labels`` name the
    kinds of material as the schema does."""
    feeds, months = words["feeds"], words["months"]["names"]
    items = sorted(items, key=lambda i: (i["added"], i["url"]), reverse=True)
    newest = items[0]["added"] if items else str(record.data["reviewed"])
    feed = _feed(feeds["follow_up_title"].format(title=record.title), atom_id(linker, path),
                 file_address(linker, path, path), file_address(linker, path, record.url), newest)
    for item in items:
        url = safe_href(item["url"])
        if url is None:  # the schema admits only http(s) addresses; never pass anything else on
            continue
        label = type_labels.get(item["type"], item["type"])
        date_line = feeds["added"].format(type=label, date=format_date(item["date"], months),
                                          added=format_date(item["added"], months))
        _entry(feed, url, item["title"], url, item["added"], _note(item.get("note", ""), label) or date_line,
               date_line)
    add_reader_note(feed, feeds["note_heading"].format(about=feeds["follow_up_about"].format(title=record.title)),
                    feeds["note_steps"], file_address(linker, path, record.url), feeds["open_meeting"])
    return _serialise(feed, path)


def _note(note: str, label: str) -> str:
    """An item's note without a repetition of its type's label at its start ("Background reading,
    published before ..." under "Background reading"): the date line says the type already."""
    if note.casefold().startswith(f"{label.casefold()}, "):
        rest = note[len(label) + 2:]
        return rest[:1].upper() + rest[1:]
    return note


def feed_files(catalogue: Catalogue, linker: Linker, language: str = "en") -> dict[str, str]:
    """The site's feed and each meeting's, with their own words in ``language``."""
    words = strings(language)
    files = {SITE_FEED: site_feed(catalogue, linker, words)}
    for record in catalogue.records:
        path = catalogue.feed_path_of(record)
        if not path:
            continue
        items: list[dict[str, str]] = []
        labels: dict[str, str] = {}
        for info in catalogue.schemas.fields[record.kind].values():
            if info.format == "follow-up":
                items += record.data.get(info.name, [])
                item_schema = catalogue.schemas.resolve(info.schema.get("items", {}), f"{record.kind}.json")
                labels.update(item_schema.get("properties", {}).get("type", {}).get("x-labels", {}))
        files[path] = follow_up_feed(record, path, items, labels, linker, words)
    return files
