"""Tests that open the built sites in Debian's chromium."""
