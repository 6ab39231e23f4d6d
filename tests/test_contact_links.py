"""Contacts read as links: web and e-mail addresses and phone numbers inside contact text."""

from __future__ import annotations

import pytest

from catalogue_core.render.markup import first_sentence
from catalogue_core.render.record_page import contact_pieces
from catalogue_core.render.templates import Templates
from catalogue_core.render.views import Contacts

VALUE = Templates().macro("values.html", "value")  # how the pages write a value


def linkify(text: str) -> str:
    return str(VALUE(Contacts(tuple(contact_pieces(text)))))


@pytest.mark.parametrize("text,expected", [
    ("Hotline 0911 943 43 43 (as given by BR in December 2021)",
     'Hotline <a href="tel:09119434343">0911 943 43 43</a> (as given by BR in December 2021)'),
    ("Call +43 1 234 5678.", 'Call <a href="tel:+4312345678">+43 1 234 5678</a>.'),
    ("Through the ministry: https://bmj.gv.at/a-(KED).html.",
     'Through the ministry: <a href="https://bmj.gv.at/a-(KED).html">https://bmj.gv.at/a-(KED).html</a>.'),
    ("Write to info@example.org", 'Write to <a href="mailto:info@example.org">info@example.org</a>'),
    ("Since 2006, 116 clients; 01.12.2021", "Since 2006, 116 clients; 01.12.2021"),  # years and dates stay text
    ("<b>x</b> javascript:alert(1)", "&lt;b&gt;x&lt;/b&gt; javascript:alert(1)"),  # only http(s) become links
])
def test_contact_text_becomes_links(text: str, expected: str) -> None:
    assert linkify(text) == expected


def test_the_first_sentence_of_a_text_is_plain() -> None:
    assert first_sentence("It is **used** by [trained](https://x.org) staff. More follows.") == \
        "It is used by trained staff."
