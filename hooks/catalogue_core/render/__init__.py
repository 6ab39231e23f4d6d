"""Stage 3, render: a validated catalogue -> view models (``views.py``) -> the Markdown of every
generated page, written by the Jinja templates in ``catalogue_core/templates/`` (``templates.py``).

Uses check, load and the shared vocabulary; nothing of publish.
"""
