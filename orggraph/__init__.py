"""orggraph: a city's grassroots-governance network in a graph database.

The package is layered so that imports point inward:

* ``orggraph.model``, ``orggraph.codes``, ``orggraph.errors`` - the domain, standard library only;
* ``orggraph.store`` - the only code that talks to Neo4j (it alone imports ``neo4j``);
* ``orggraph.cli`` - the console entry point; ``api`` (beside this package) is the HTTP entry point.
"""

__version__ = "0.1.0"
