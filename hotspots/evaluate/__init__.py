"""Honest scores for forecasts: hit rate, PAI, PEI* on held-out periods."""
