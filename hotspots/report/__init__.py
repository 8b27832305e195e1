"""The weekly lägesbild report: what the leadership group reads (drawn by :mod:`maps.report`)."""
