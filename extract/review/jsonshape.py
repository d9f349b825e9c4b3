"""Checking parsed JSON against the shape a reader expects, with messages that name the place
(`task 12.annotations[0].result[3].value.start must be an integer, not false`) and never print a
value whole (it may be huge or deeply nested). Owns reading a JSON file without a traceback on
bad bytes, bad syntax or nesting deeper than Python can parse. It knows nothing of Label Studio
(labelstudio.py says what its export looks like).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Mapping

class ShapeError(ValueError):
    """A place in a JSON document that does not have the expected shape; the message names it."""


MAX_ID_CHARS = 200  # an identifier longer than this is not one
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")  # control characters and lone surrogates
_TYPE_WORDS = {"object": "an object", "list": "a list", "string": "a string", "integer": "an integer",
               "boolean": "true or false"}


def short(s: str, n: int = 40) -> str:
    """repr of a string, cut after n characters."""
    return repr(s if len(s) <= n else s[:n] + "…")


def describe(value: Any) -> str:
    """A JSON value named for a message, never printed whole (it may be huge or deeply nested)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}" if len(repr(value)) <= 30 else "a huge number"
    if isinstance(value, str):
        return f"the string {short(value)}"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def need(value: Any, typ: str, where: str) -> Any:
    """`value` when it is of `typ` (object, list, string, integer, boolean: JSON's, so true is no integer)."""
    ok = {"object": isinstance(value, dict), "list": isinstance(value, list), "string": isinstance(value, str),
          "integer": type(value) is int, "boolean": type(value) is bool}[typ]
    if not ok:
        raise ShapeError(f"{where} must be {_TYPE_WORDS[typ]}, not {describe(value)}")
    return value


def get(obj: Mapping, key: str, typ: str, where: str, required: bool = False, default: Any = None) -> Any:
    """obj[key] checked to be of `typ`; a missing key (or null) is `default`, or an error when required."""
    if obj.get(key) is None:
        if required:
            raise ShapeError(f"{where}.{key} is missing")
        return default
    return need(obj[key], typ, f"{where}.{key}")


def identifier(value: str, where: str) -> str:
    """`value` when it can name something: not empty, not too long, no control character or lone surrogate."""
    if not value:
        raise ShapeError(f"{where} is empty")
    if len(value) > MAX_ID_CHARS:
        raise ShapeError(f"{where} {short(value)} is longer than {MAX_ID_CHARS} characters")
    if _CONTROL.search(value):
        raise ShapeError(f"{where} {short(value)} holds a control character or a lone surrogate")
    return value


def read_json(path: str | Path) -> Any:
    """The parsed JSON of a file (UTF-8, optional BOM); ShapeError saying why it cannot be read."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ShapeError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ShapeError(f"{path} is not UTF-8: {exc.reason} at byte {exc.start}") from None
    except RecursionError:
        raise ShapeError(f"{path} is nested too deeply to read") from None
    except ValueError as exc:
        raise ShapeError(f"{path} is not JSON: {exc}") from None
