"""Publish stage: ``site/_headers``, the response headers for static hosts that read that file.

Netlify and Cloudflare Pages read ``_headers`` at the site's root: a path pattern on a line of its
own, then its headers, indented (https://docs.netlify.com/routing/headers/,
https://developers.cloudflare.com/pages/configuration/headers/). Every path gets:

- ``Content-Security-Policy``: the pages' own policy (csp.py) and ``frame-ancestors 'none'``, which
  only a header can carry, so that no other site can show ours in a frame. A page's ``<meta>``
  policy still applies: a browser enforces both, so a script runs only if both allow it. The header
  therefore allows each inline script that some page's ``<meta>`` allows (the union of the pages'
  hashes, a handful: Material's scripts differ only by the page's depth), and each page still runs
  exactly its own. Files without a ``<meta>`` policy (feeds, data, former ids' pages) get the header
  alone;
- ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer`` (nothing on the site needs
  a referrer, and a reader's path through pages on extremism is nobody else's business) and a
  ``Permissions-Policy`` that turns off the powerful browser features the site never uses.

Material's bundles have their content's hash in their names (``bundle.a5f9d56c.min.js``); they are
listed one by one with a one-year, immutable cache lifetime. Everything else is left to the host's
default, which revalidates, so a new build shows at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .csp import policy

FRAME_ANCESTORS = "frame-ancestors 'none'"
SECURITY_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": ", ".join(f"{feature}=()" for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope", "hid", "magnetometer",
        "microphone", "midi", "payment", "serial", "usb",
    )),
}
IMMUTABLE = "public, max-age=31536000, immutable"
# A file whose name carries the hash of its content, e.g. assets/javascripts/bundle.a5f9d56c.min.js.
HASHED_NAME = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)(?:\.map)?$")
def header_policy(script_hashes: Iterable[str]) -> str:
    """The header's policy: the pages' own, allowing every inline script any page allows, no framing.
    ``script_hashes`` are the hashes the pages' policies allow, as csp.with_policy returns them."""
    return f"{policy(sorted(set(script_hashes)))}; {FRAME_ANCESTORS}"


def headers_file(script_hashes: Iterable[str], site_paths: Iterable[str]) -> str:
    """The ``_headers`` file for a site whose pages allow the inline scripts of ``script_hashes`` and
    that holds ``site_paths`` (every file, relative to the site's root)."""
    lines = ["# Response headers for static hosts that read this file (Netlify, Cloudflare Pages).",
             "# Written by the build; see the page 'Publish the site'.", "/*",
             f"  Content-Security-Policy: {header_policy(script_hashes)}"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS.items()]
    for path in sorted(p for p in site_paths if HASHED_NAME.search(p)):
        lines += ["", f"/{path}", f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"
