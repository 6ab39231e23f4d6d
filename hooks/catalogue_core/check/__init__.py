"""Stage 2, check: parsed records -> a validated ``Catalogue`` with its links, or every problem.

Uses load and the shared vocabulary; nothing of render or publish.
"""
