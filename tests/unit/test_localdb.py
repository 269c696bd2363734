"""The local server's provisioning says plainly what is missing."""

import pytest

from orggraph.store.localdb import Instance, LocalDbError, provision


def test_missing_java_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # neither java nor mvn on it
    with pytest.raises(LocalDbError, match="java not found.*Java 17"):
        Instance(tmp_path, "x", port=7999).start(timeout=1, echo=lambda m: None)


def test_missing_maven_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LocalDbError, match="mvn not found.*Maven"):
        provision(tmp_path, echo=lambda m: None)


def test_status_of_an_instance_never_started(tmp_path):
    st = Instance(tmp_path, "never", port=7998).status()
    assert st["running"] is False and st["pid"] is None
