"""Publish stage: which of the settings for the published site a build was not given, in one line.

``SITE_URL`` is the published address and ``REPO_URL`` the repository the records are edited in
(mkdocs.yml reads both from the environment). A build without them is complete and names no host
it does not know; the line says what it leaves out, so that a build meant for publishing is not
mistaken for one that is ready.
"""

from __future__ import annotations

WITHOUT_SITE_URL = "permanent links and citations take the address the page is opened at, hand-outs have no QR code"
WITHOUT_REPO_URL = "no link to the repository and no edit links"


def missing_settings_notice(site_url: str | None, repo_url: str | None) -> str | None:
    """One line naming what is not set and what the site does without it, or None when both are set."""
    missing = []
    if not site_url:
        missing.append(f"SITE_URL ({WITHOUT_SITE_URL})")
    if not repo_url:
        missing.append(f"REPO_URL ({WITHOUT_REPO_URL})")
    if not missing:
        return None
    verb = "is" if len(missing) == 1 else "are"
    return f"{' and '.join(missing)} {verb} not set; set them to build the published site (docs: Publish the site)."
