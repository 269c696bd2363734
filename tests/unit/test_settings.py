"""Settings read from the environment: what each variable gives, and a bad one refused at
start with its name."""

import pytest

from orggraph.config import Settings


def test_the_areas_to_prepare_at_start():
    assert Settings.from_env({}).warm is None  # the graph's city, when it holds one
    assert Settings.from_env({"ORGGRAPH_WARM": " "}).warm is None
    assert Settings.from_env({"ORGGRAPH_WARM": "none"}).warm == ()
    assert Settings.from_env({"ORGGRAPH_WARM": "350300, 350304,"}).warm == ("350300", "350304")


def test_a_bad_area_to_prepare_is_refused_with_the_variable_named():
    with pytest.raises(SystemExit, match="ORGGRAPH_WARM: '3503' is not an area code"):
        Settings.from_env({"ORGGRAPH_WARM": "350300,3503"})


def test_a_bad_whole_number_is_refused_with_the_variable_named():
    with pytest.raises(SystemExit, match="ORGGRAPH_PORT must be a whole number"):
        Settings.from_env({"ORGGRAPH_PORT": "50o0"})
