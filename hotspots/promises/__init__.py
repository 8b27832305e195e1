"""Medborgarlöften (citizen promises), their targets and logged activities (in progress)."""
