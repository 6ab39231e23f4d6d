"""Render stage: a feed that reads as a page when someone opens it in a browser.

A feed link clicked by mistake used to show raw XML. Browsers still apply a CSS stylesheet named by
an ``<?xml-stylesheet type="text/css"?>`` instruction to an XML document, so each feed names
``assets/stylesheets/feed.css`` and carries a short note in XHTML (which the browser renders as HTML,
links included) on what a feed is and how to subscribe. Feed readers skip elements from other
namespaces (RFC 4287, section 6), so they see the same feed as before.

Not XSLT: Chromium 156 still runs an ``xml-stylesheet`` of type ``text/xsl``, but puts a red banner
above the result saying that XSLT is about to be removed from the browser and that readers should
contact the site's maintainer; with XSLT switched off (``--disable-blink-features=XSLT``, as after the
removal) a feed with only an XSLT stylesheet shows as raw XML again. The CSS stylesheet reads the
same in both (tests/browser/test_feeds.py).

The stylesheet is a file of the site, so the Content-Security-Policy of ``_headers`` (``style-src
'self'``) allows it, and the note has no script and no inline style.
"""

from __future__ import annotations

import posixpath
from xml.etree import ElementTree as ET

from ..urls import relative_path

XHTML = "http://www.w3.org/1999/xhtml"
STYLESHEET = "assets/stylesheets/feed.css"


def stylesheet_instruction(feed_path: str) -> str:
    """The processing instruction that names the stylesheet, relative to the feed at ``feed_path``."""
    href = relative_path(STYLESHEET, posixpath.dirname(feed_path))
    return f'<?xml-stylesheet type="text/css" href="{href}"?>\n'


def add_reader_note(feed: ET.Element, heading_text: str, steps_text: str, back_href: str, back_text: str) -> None:
    """A note for people who open the feed in a browser, after the title of ``feed``: ``heading_text``
    says what the feed lists, ``steps_text`` how to follow it, ending where ``back_text``, a link to
    ``back_href`` (the page it belongs to), completes the sentence."""
    note = ET.Element("div", {"xmlns": XHTML, "class": "reader-note"})
    heading = ET.SubElement(note, "p", {"class": "reader-note-heading"})
    heading.text = heading_text
    steps = ET.SubElement(note, "p")
    steps.text = steps_text
    back = ET.SubElement(steps, "a", href=back_href)
    back.text = back_text
    back.tail = "."
    feed.insert(1, note)  # after the feed's title
    # A phone lays out an XML document 980 px wide and shrinks it unless a viewport is declared;
    # Chromium honours an XHTML <meta name="viewport"> that is a child of the document's root (the
    # same element inside the note is ignored). Feed readers skip it like the note.
    feed.insert(0, ET.Element("meta", {"xmlns": XHTML, "name": "viewport",
                                       "content": "width=device-width, initial-scale=1"}))


def add_entry_date(entry: ET.Element, text: str) -> None:
    """The entry's date as people read it ("Practice, reviewed 29 November 2026"), in XHTML for the
    browser; the Atom ``updated`` element keeps the machine date for feed readers (and is hidden by
    the stylesheet)."""
    line = ET.SubElement(entry, "p", {"xmlns": XHTML, "class": "entry-date"})
    line.text = text
