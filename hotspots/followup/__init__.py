"""Before/after follow-up of measures (in progress)."""
