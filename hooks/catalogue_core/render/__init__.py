"""Stage 3, render: a validated catalogue -> the Markdown of every generated page.

Uses check, load and the shared vocabulary; nothing of publish.
"""
