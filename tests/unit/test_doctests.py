"""The Examples in the docstrings run."""

import doctest

import pytest

from orggraph import codes
from orggraph.analyses import coverage, escalation, staffing
from orggraph.events import lifecycle
from seed import agencies


@pytest.mark.parametrize("module", [codes, coverage, escalation, staffing, lifecycle, agencies])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
