"""Before/after follow-up of measures: treated area, buffer, control; WDQ and a test.

See :mod:`hotspots.followup.analysis` for the method.
"""

from hotspots.followup.analysis import (
    ALPHA,
    AreaCounts,
    FollowUp,
    Period,
    fisher_test,
    follow_up,
    parse_period,
    wdq_class,
)

__all__ = [
    "ALPHA",
    "AreaCounts",
    "FollowUp",
    "Period",
    "fisher_test",
    "follow_up",
    "parse_period",
    "wdq_class",
]
