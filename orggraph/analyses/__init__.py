"""Analyses: pure functions of the analysis graph (:mod:`orggraph.projection`) and norms."""

from .coverage import coverage_gaps
from .escalation import NoPath, escalation_network, escalation_paths, reachability
from .norms import Norms
from .staffing import understaffed_grids
from .whatif import critical_people, without

__all__ = ["Norms", "NoPath", "coverage_gaps", "escalation_network", "escalation_paths",
           "reachability", "understaffed_grids", "critical_people", "without"]
