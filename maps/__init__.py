"""Maps and reports: self-contained offline HTML (Leaflet inlined from installed packages)."""
