"""``make bench``: synthetic catalogues, measured against the floor MkDocs, Material and PyYAML set.

``generate`` makes the records, ``project`` assembles our project and its plain floor, ``measure``
times and weighs them, ``report`` checks the budgets and writes the results; ``run`` ties them up.
"""
