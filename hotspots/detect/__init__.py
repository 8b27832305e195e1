"""Hotspot detection: estimators that take projected points (metres) and find hotspots."""
