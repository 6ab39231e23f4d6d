"""A module whose docstring mentions <p>, which does not count."""

# A comment with <b> does not count either.
PARAGRAPH = '<p>'
LINK = f'<a href="{href}">'  # noqa: F821
