"""Demo data: a seeded generator of synthetic Höör incidents and walk observations."""
