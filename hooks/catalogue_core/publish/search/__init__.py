"""Publish stage: the catalogue's own search.

``words`` holds the word rules both sides share (the browser gets them as data); ``record_names``
gives each record's other names; ``pages`` collects the built pages and reads the synonym groups;
``index_files`` writes the small script files the browser loads for the words a reader types.
"""
