"""Lone Actors Practice Catalogue: records in, checked catalogue and pages out.

Nothing in this package imports MkDocs, so the same code serves ``make check``, the MkDocs hook,
the tests and, later, another site generator.
"""
