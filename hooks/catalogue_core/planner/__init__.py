"""The assessment planner: its rules (data in ``planner/planner.yml``), checked like records, and the
answer they give for a reader's choices."""
