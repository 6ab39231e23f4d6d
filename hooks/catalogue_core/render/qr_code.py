"""Render stage: a QR code of an address, as inline SVG, made at build time by segno.

No online service and no script in the browser: the code is drawn once, when the page is built, and
only for an address the build knows (a page's address under ``SITE_URL``). Error correction level M
(15 % of the code may be damaged) survives a creased or photocopied hand-out.
"""

from __future__ import annotations

import segno

from .markup import escape


def qr_svg(address: str, label: str) -> str:
    """An ``<svg>`` element with ``address`` as a QR code, sized by CSS, named ``label`` for screen readers."""
    code = segno.make_qr(address, error="m")
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="lac-qr", lineclass=None)
    opening = "<svg "
    return svg.replace(opening, f'{opening}role="img" aria-label="{escape(label)}" ', 1)
