"""Lone Actors Practice Catalogue: records in, checked catalogue and pages out.

Nothing in this package imports MkDocs, so the same code serves ``make check``, the MkDocs hook,
the tests and, later, another site generator.
"""

# First, before any module of the package is imported: the digest of the code this process runs,
# which keys everything a build keeps for the next (cache.py).
from . import cache  # noqa: E402, F401
