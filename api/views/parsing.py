"""How views parse their arguments: query strings parsed once, and no field ignored.

Parsing a query string through its schema (webargs, then marshmallow over every declared field)
was about a third of what the app adds to a lookup's statement (0.33 of 0.9 ms, in process),
and the same few query strings come back again and again: other systems look up the same
communities and agencies all day. A query string and its schema decide the parsed arguments
completely, so what one parsed to is kept (a bounded table per process) and the next request
with the same string gets a copy. Only results made of immutable values are kept; a string
that fails to parse is parsed, and refused, every time.

A query parameter the endpoint does not declare is refused (422), as a body's unknown field
is: dropping a misspelt filter (``comunity=``) or another list's paging word (``limit=`` where
a list takes ``page_size``) would answer a question that was not asked, and the caller could
not tell. The refusal names what the endpoint takes. Open311's blueprint is lenient: GeoReport
clients send the standard's parameters (``jurisdiction_id``, ``lat``, ``email``) to every
server, and what this one has no use for is dropped.
"""

from __future__ import annotations

import datetime
import difflib
import enum
import threading

import flask_smorest
from marshmallow import EXCLUDE, RAISE, Schema, ValidationError
from marshmallow.exceptions import SCHEMA
from webargs.flaskparser import FlaskParser

IMMUTABLE = (str, int, float, bool, datetime.date, datetime.time, enum.Enum, type(None))


class ArgumentParser(FlaskParser):
    """webargs' Flask parser, remembering what each query string parsed to and naming what an
    endpoint takes when a name is unknown. ``strict`` refuses undeclared query parameters
    (webargs drops them); lenient drops unknown names everywhere, bodies included."""

    def __init__(self, size: int = 4096, *, strict: bool = True):
        super().__init__()
        self.size = size
        defaults = FlaskParser.DEFAULT_UNKNOWN_BY_LOCATION
        self.DEFAULT_UNKNOWN_BY_LOCATION = (
            {**defaults, "query": RAISE} if strict else dict.fromkeys(defaults, EXCLUDE))
        self._lock = threading.Lock()
        self._parsed: dict[tuple, dict] = {}

    def parse(self, argmap, req=None, *, location=None, **options):
        if (location or self.location) != "query" or not isinstance(argmap, Schema):
            return super().parse(argmap, req, location=location, **options)
        req = req if req is not None else self.get_default_request()
        # The schema object lives as long as the app (one per endpoint, made at import); the
        # options are the endpoint's own, fixed when it was declared.
        key = (id(argmap), repr(sorted(options.items())), req.query_string)
        parsed = self._parsed.get(key)
        if parsed is None:
            parsed = super().parse(argmap, req, location=location, **options)
            if isinstance(parsed, dict) and all(isinstance(v, IMMUTABLE)
                                                for v in parsed.values()):
                with self._lock:
                    if len(self._parsed) >= self.size:
                        self._parsed.clear()
                    self._parsed[key] = parsed
            else:
                return parsed
        return dict(parsed)

    def _raw_load_json(self, req):
        try:
            return super()._raw_load_json(req)
        except RecursionError:
            # Python's decoder gives up on arrays or objects nested some thousand deep; the
            # body is refused like any other that does not parse, not answered with a 500.
            self._handle_invalid_json_error(ValueError("arrays or objects nested too deeply"),
                                            req)

    def handle_error(self, error: ValidationError, req, schema: Schema, **kwargs):
        error.messages = {location: name_what_is_taken(schema, location, fields)
                          if isinstance(fields, dict) else fields
                          for location, fields in error.messages.items()}
        super().handle_error(error, req, schema, **kwargs)


def name_what_is_taken(schema: Schema, location: str, messages: dict) -> dict:
    """marshmallow's "Unknown field." on a top-level name, said with what ``schema`` takes
    instead (and the closest of them, for a misspelling); a body that is not an object, said
    with the object it should be."""
    unknown = schema.error_messages["unknown"]
    declared = [f.data_key or name for name, f in schema.fields.items() if not f.dump_only]
    what, where = ("parameter", "this endpoint") if location == "query" else ("field", "the body")
    takes = ", ".join(declared) or "nothing"
    out = {}
    for name, msgs in messages.items():
        if name == SCHEMA:  # marshmallow's name for the whole; people call it the body
            name = "body" if location == "json" else location
            if msgs == [schema.error_messages["type"]]:
                msgs = [f"send a JSON object ({{\"name\": value, …}}); {where} takes {takes}"]
        elif msgs == [unknown]:
            close = difflib.get_close_matches(str(name), declared, n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            msgs = [f"not a {what} here; {hint}{where} takes {takes}"]
        out[name] = msgs
    return out


class Blueprint(flask_smorest.Blueprint):
    """flask-smorest's blueprint with :class:`ArgumentParser` for its arguments."""

    ARGUMENTS_PARSER = ArgumentParser()


class LenientBlueprint(Blueprint):
    """For a standard's endpoints, whose clients send parameters this server has no use for."""

    ARGUMENTS_PARSER = ArgumentParser(strict=False)
