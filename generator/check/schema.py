"""Validate documents against the JSON Schemas in generator/schemas/ and word the errors for editors."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

from generator.check import kinds
from generator.document import Document
from generator.errors import ContentError
from generator.numbers import as_number_text

KINDS = tuple(kind.name for kind in kinds.KINDS)
COMMON = "common.schema.json"  # the definitions every schema shares through $ref
# Vocabularies kept in content/, as (name, ids) pairs: an ``x-vocabulary`` node accepts exactly those ids.
Vocabularies = tuple[tuple[str, tuple[str, ...]], ...]
_TYPES = {"string": "text", "array": "a list", "object": "a mapping", "number": "a number",
          "integer": "a whole number", "boolean": "true or false", "null": "nothing"}  # fmt: skip


@cache
def _read(name: str) -> dict[str, Any]:
    text = resources.files("generator").joinpath(f"schemas/{name}").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind of file (kinds.py) as shipped in generator/schemas/, or of "common"."""
    return _read(COMMON if kind == "common" else kinds.BY_NAME[kind].schema)


@cache
def not_prose() -> frozenset[str]:
    """The fields whose schema says ``"x-prose": false``: ids, vocabulary, verbatim seed text, addresses, dates;
    no prose of ours, so no reference or quotation in it (refs.py, quotations.py)."""
    return frozenset(
        name for schema in (COMMON, *(kind.schema for kind in kinds.KINDS)) for name in _marked(_read(schema))
    )


def _marked(node: Any) -> Iterator[str]:
    if isinstance(node, list):
        for item in node:
            yield from _marked(item)
    elif isinstance(node, dict):
        properties = node.get("properties")
        for key, value in properties.items() if isinstance(properties, dict) else ():
            if isinstance(value, dict) and value.get("x-prose") is False:
                yield key
        for value in node.values():
            yield from _marked(value)


@lru_cache(maxsize=32)  # a long preview sees a few versions of the vocabularies, not thousands
def schema_with(kind: str, vocabularies: Vocabularies = ()) -> dict[str, Any]:
    """The schema for ``kind``, each ``x-vocabulary`` node narrowed to the ids of that vocabulary.

    A vocabulary not given (its own file is broken, and reported) leaves the node as written: any slug.
    """
    return _narrowed(schema_for(kind), dict(vocabularies)) if vocabularies else schema_for(kind)


def _narrowed(node: Any, vocabularies: dict[str, tuple[str, ...]]) -> Any:
    if isinstance(node, list):
        return [_narrowed(item, vocabularies) for item in node]
    if not isinstance(node, dict):
        return node
    ids = vocabularies.get(node.get("x-vocabulary", ""))
    if ids is not None:
        return {"enum": list(ids), **{k: v for k, v in node.items() if k in ("description", "x-vocabulary")}}
    return {key: _narrowed(value, vocabularies) for key, value in node.items()}


@cache
def registry() -> Registry[Any]:
    """The shared definitions, so ``$ref``s to common.schema.json resolve without any file or network access."""
    shared: Registry[Any] = Registry().with_resource(COMMON, Resource.from_contents(_read(COMMON)))
    return shared


@cache
def _rust_registry() -> Any:
    return jsonschema_rs.Registry([(COMMON, _read(COMMON))])


def is_valid(definition: str, value: Any) -> bool:
    """Whether ``value`` meets one definition of common.schema.json (e.g. "slug"), as the check reads it."""
    return bool(_definition_validator(definition).is_valid(value))


@cache
def _definition_validator(definition: str) -> Any:
    return EcmaValidator({"$ref": f"{COMMON}#/$defs/{definition}"}, registry=registry())


@cache
def ecma_regex(pattern: str) -> re.Pattern[str]:
    """``pattern`` as JSON Schema (ECMA-262) reads it: ``$`` outside a class matches only at the very end.

    Python's ``$`` also matches before a final newline, so "extra\\n" would pass for a slug.
    """
    parts, escaped, in_class = [], False, False
    for char in pattern:
        if not escaped and not in_class and char == "$":
            char = r"\Z"
        in_class = (in_class or char == "[") and not (in_class and char == "]" and not escaped)
        escaped = not escaped and char == "\\"
        parts.append(char)
    return re.compile("".join(parts))


def _pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if validator.is_type(instance, "string") and not ecma_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


# jsonschema with ECMA-262 patterns; jsonschema-rs already reads them so.
EcmaValidator = validators.extend(Draft202012Validator, {"pattern": _pattern})  # type: ignore[no-untyped-call]


@lru_cache(maxsize=32)
def _validator(kind: str, vocabularies: Vocabularies = ()) -> Any:
    return EcmaValidator(schema_with(kind, vocabularies), registry=registry())


@lru_cache(maxsize=32)
def _fast_validator(kind: str, vocabularies: Vocabularies = ()) -> Any:
    return jsonschema_rs.validator_for(schema_with(kind, vocabularies), registry=_rust_registry())


def schema_errors(doc: Document, kind: str, vocabularies: Vocabularies = ()) -> list[ContentError]:
    """Every way ``doc`` breaks the schema for ``kind`` (with ``vocabularies``), located and worded for editors."""
    if _passes_fast(doc, kind, vocabularies):
        return []
    found = list(_validator(kind, vocabularies).iter_errors(doc.data))
    empty = {tuple(e.absolute_path) for e in found if e.validator == "minLength"}
    errors = []
    for error in found:
        if error.validator == "pattern" and tuple(error.absolute_path) in empty:
            continue  # "must not be empty" says it already
        errors.extend(_to_content_errors(doc, error))
    return errors


def _passes_fast(doc: Document, kind: str, vocabularies: Vocabularies = ()) -> bool:
    """A compiled validator clears valid documents a hundred times faster; jsonschema words the errors.

    Any document it does not clear goes through jsonschema, which alone decides what is wrong.
    """
    try:
        return bool(_fast_validator(kind, vocabularies).is_valid(doc.data))
    except (ValueError, TypeError, OverflowError):
        return False


def _to_content_errors(doc: Document, error: ValidationError) -> list[ContentError]:
    where = tuple(error.absolute_path)
    if error.validator == "oneOf" and error.context:  # a quote: text, or a mapping; word the branch meant
        branch = 1 if isinstance(error.instance, dict) else 0
        subs = [e for e in error.context if e.relative_schema_path[0] == branch] or list(error.context)
        if any(e.validator == "minLength" for e in subs):
            subs = [e for e in subs if e.validator != "pattern"]
        return [found for sub in subs for found in _to_content_errors(doc, sub)]
    if error.validator == "additionalProperties":
        schema: Any = error.schema
        allowed = sorted(schema.get("properties", {}))
        instance: Any = error.instance
        extra = [key for key in instance if key not in allowed]
        return [doc.error((*where, key), _unknown(key, allowed), at_key=True) for key in extra]
    if error.validator in ("required", "dependentRequired"):
        missing = _missing(error)
        message = f"required field is missing (add '{missing}:')"
        if error.validator == "dependentRequired":
            message = f"is required when {_trigger(error, missing)} is given"
        return [_at_parent(doc, where, missing, message)]
    return [doc.error(where, _message(doc, where, error))]


def _at_parent(doc: Document, where: tuple[Any, ...], missing: str, message: str) -> ContentError:
    error = doc.error(where, message)
    return ContentError(error.path, error.line, error.column, _join(error.field, missing),
                        message, error.source_line)  # fmt: skip


def _join(parent: str, key: str) -> str:
    return key if parent == "(document)" else f"{parent}.{key}"


def _missing(error: ValidationError) -> str:
    rule: Any = error.validator_value
    instance: Any = error.instance
    if error.validator == "required":  # one error per missing key; its message names the key
        return next((str(k) for k in rule if k not in instance and error.message.startswith(repr(k))), rule[0])
    return next(
        str(need) for key, needs in rule.items() if key in instance
        for need in needs if need not in instance
    )  # fmt: skip


def _trigger(error: ValidationError, missing: str) -> str:
    rule: Any = error.validator_value
    instance: Any = error.instance
    return next(str(k) for k, needs in rule.items() if missing in needs and k in instance)


def _unknown(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return f"unknown field '{key}'; {hint}expected one of: {', '.join(allowed)}"


def _message(doc: Document, where: tuple[Any, ...], error: ValidationError) -> str:
    value: Any = error.instance
    rule: Any = error.validator_value
    if error.validator == "type":
        return _type_message(doc, where, value, rule)
    if error.validator == "const":
        return f"must be {json.dumps(rule)}"
    if error.validator == "enum":
        return f"{_show(value)} is not one of {', '.join(map(str, rule))}"
    if error.validator == "pattern":  # the schema says what its pattern means (x-message)
        meant = error.schema.get("x-message") if isinstance(error.schema, dict) else None
        return f"{_show(value)} {meant or f'does not match {rule}'}"
    if error.validator == "maxItems" and rule == 0 and where[-1] == "explanation_quotes":
        return "must be left out unless explained is true: quote passages only when they explain the difference"
    if error.validator == "maxItems" and rule == 0:
        return "must be left out when the stance is silent"
    if error.validator == "minItems":
        return f"must list at least {rule} item{'s' if rule != 1 else ''}"
    if error.validator == "uniqueItems":
        return "lists the same item twice"
    if error.validator == "minLength":
        return "must not be empty"
    if error.validator == "maxLength":
        return f"is {len(value)} characters long; the limit is {rule}"
    if error.validator in ("minimum", "maximum"):
        return f"{_show(value)} must be {'at least' if error.validator == 'minimum' else 'at most'} {rule}"
    return str(error.message)


def _type_message(doc: Document, where: tuple[Any, ...], value: Any, expected: str) -> str:
    wanted = _TYPES.get(expected, expected)
    loc = doc.locs.get(where)
    if isinstance(value, bool) and loc and loc.plain:
        return f'expected {wanted}, got the YAML boolean {loc.plain}; write "{loc.plain}" in quotes'
    if value is None:
        return f"expected {wanted}, got nothing (the value is empty)"
    if expected in ("number", "integer") and isinstance(value, str) and (number := as_number_text(value)):
        return f"expected {wanted}, got the text {_show(value)}; write {number}, without quotes"
    if loc and loc.plain and expected == "string":
        return f'expected {wanted}, got {_TYPES.get(_json_type(value))} {loc.plain}; write "{loc.plain}" in quotes'
    return f"expected {wanted}, got {_TYPES.get(_json_type(value), type(value).__name__)}"


def _json_type(value: Any) -> str:
    kinds = {
        bool: "boolean",
        int: "integer",
        float: "number",
        str: "string",
        list: "array",
        dict: "object",
    }
    return kinds.get(type(value), "null")


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."
