"""Stage 4, publish: everything else a site serves (open data, feeds, redirects, the search names,
the Content-Security-Policy, the published-URL promise), and the plan that gathers it all.

Uses render, check, load and the shared vocabulary; nothing uses it but the adapters.
"""
