"""Alerts on geographic deviation (in progress)."""
