"""The FastAPI service (``hotspots serve``)."""
