"""Stage 1, load: record files on disk -> parsed records (strict YAML, ids from file names),
and a new record file's skeleton (``make new``).

Uses only the shared vocabulary beside it (schemas, problems); nothing of check, render or publish.
"""
