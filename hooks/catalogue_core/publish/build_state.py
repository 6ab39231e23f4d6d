"""Publish stage: the state of one build, from the moment it starts until it ends.

A build plans the site once, then hands each page to search and gives each page its policy; at the
end it writes the search files and ``_headers``, which needs every inline script any page's policy
allowed. All of that is kept here, in one object made when a build starts and dropped when it ends,
not in the site generator's configuration or the environment. Nothing here knows MkDocs: the hook
(hooks/catalogue_hook.py) says when a build starts and ends and hands over what it sees.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .csp import with_policy
from .site_plan import SitePlan
from .static_host import headers_file

if TYPE_CHECKING:
    from .search.pages import SearchPages

EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"


@dataclass
class BuildState:
    """One build: the planned site, what search has seen, and the script hashes the pages' policies allow.

    ``live_server`` is a build for ``mkdocs serve``, which injects a live-reload script into every
    page it sends, different on every request (mkdocs/livereload/__init__.py, ``_inject_js_into_html``),
    so its pages allow inline scripts; it loads nothing from other hosts even so. ``offline`` is the
    copy opened from ``file://``, where no host reads ``_headers``.
    """

    plan: SitePlan
    search: SearchPages
    live_server: bool = False
    offline: bool = False
    script_hashes: set[str] = field(default_factory=set)
    # The caller's SOURCE_DATE_EPOCH (None: unset), given back when the build ends.
    outer_epoch: str | None = None

    def start(self, epoch: int) -> None:
        """Date the build's outputs ``epoch`` (seconds) until ``end``: same records, same bytes.

        MkDocs stamps the sitemap and its gzip header with the build time unless SOURCE_DATE_EPOCH
        is set (mkdocs/utils/__init__.py, ``get_build_timestamp``), and reads nothing but the
        environment for it.
        """
        self.outer_epoch = os.environ.get(EPOCH_VARIABLE)
        os.environ[EPOCH_VARIABLE] = str(epoch)

    def end(self) -> None:
        """Give the caller's environment back as it was before ``start``."""
        if self.outer_epoch is None:
            os.environ.pop(EPOCH_VARIABLE, None)
        else:
            os.environ[EPOCH_VARIABLE] = self.outer_epoch

    def page_with_policy(self, page: str) -> str:
        """``page`` with its Content-Security-Policy; the hashes it allows are kept for ``_headers``."""
        policed = with_policy(page, inline_scripts_allowed=self.live_server)
        self.script_hashes.update(policed.script_hashes)
        return policed.html

    def headers_file(self, site_paths: list[str], more_hashes: Iterable[str] = ()) -> str | None:
        """``_headers`` for the site's host, or None where no host reads it (serve, the offline copy);
        ``more_hashes``: the inline scripts of pages built apart from this build (its translations)."""
        if self.live_server or self.offline:
            return None
        return headers_file(self.script_hashes | set(more_hashes), site_paths)
