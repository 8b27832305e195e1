"""Maps and reports (Folium, offline HTML). Rendering arrives with the weekly report."""
