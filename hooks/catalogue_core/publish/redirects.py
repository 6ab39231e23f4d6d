"""Former ids keep working: each alias in a record gets a page that sends readers on.

A renamed or merged record lists its former ids in ``aliases``; the old URL (in the record's kind
folder) becomes a small page with a meta refresh, a canonical link and a plain link for readers
whose browser does not follow the refresh.
"""

from __future__ import annotations

from ..check.catalogue import Catalogue
from ..render.addresses import PageAddress
from ..render.markup import escape
from ..urls import Linker, record_src

FAVICON = "assets/images/favicon.png"  # Material's; without a link browsers ask for /favicon.ico

TEMPLATE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved: {title}</title>
<meta name="robots" content="noindex">
<link rel="icon" href="{icon}">
<link rel="canonical" href="{canonical}">
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body>
<main>
<h1>This record has moved</h1>
<p><a href="{href}">{title}</a> now lives at a new address. Please update your link.</p>
</main>
</body>
</html>
"""


def redirect_path(linker: Linker, src: str) -> str:
    """The file that serves ``src``'s URL: ``tools/old/index.html`` or ``tools/old.html``."""
    url = linker.url(src)
    return url + "index.html" if url.endswith("/") else url


def redirect_files(catalogue: Catalogue, linker: Linker) -> dict[str, str]:
    files = {}
    for alias, record in sorted(catalogue.aliases.items()):
        old_src = record_src(record.plural, alias)
        new_src = record.src
        files[redirect_path(linker, old_src)] = TEMPLATE.format(
            title=escape(record.title),
            href=escape(linker.href(old_src, new_src)),
            canonical=escape(PageAddress(linker, new_src).url or linker.href(old_src, new_src)),
            icon=escape(linker.file_href(old_src, FAVICON)),
        )
    return files
