"""The kinds of content file: where each is kept, the schema it meets, and the function that builds its model."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from generator.check import construct
from generator.document import Document

T = TypeVar("T")


@dataclass(frozen=True)
class Kind(Generic[T]):
    """One kind of content file."""

    name: str  # names the kind in messages and in code
    location: str  # relative to the project: a folder of <id>.yaml files, or one file
    folder: bool  # whether ``location`` is a folder, one file per item
    schema: str  # its JSON Schema in generator/schemas/, which editors' IDEs read too
    build: Callable[[Document, construct.Inputs], T]  # the model, from a schema-valid document
    optional: bool = False  # a single file the check accepts missing (its absence is the model's default)
    vocabulary: bool = False  # its ids are an ``x-vocabulary`` of the kinds after it (named by ``name``)


STANCES = Kind("stances", "content/stances.yaml", False, "stances.schema.json", construct.stances, vocabulary=True)
PARTIES = Kind("parties", "content/parties.yaml", False, "parties.schema.json", construct.parties, vocabulary=True)
SOURCE_KINDS = Kind(
    "source-kinds", "content/source-kinds.yaml", False, "source-kinds.schema.json", construct.source_kinds,
    vocabulary=True,
)  # fmt: skip
VERDICTS = Kind("verdicts", "content/verdicts.yaml", False, "verdicts.schema.json", construct.verdicts)
TOPICS = Kind("topics", "content/topics.yaml", False, "topics.schema.json", construct.topics)
EDITION = Kind("edition", "content/edition.yaml", False, "edition.schema.json", construct.edition)
PUBLISHER = Kind("publisher", "content/publisher.yaml", False, "publisher.schema.json", construct.publisher, True)
SOURCE = Kind("source", "content/sources", True, "source.schema.json", construct.source)
CLAIM = Kind("claim", "content/claims", True, "claim.schema.json", construct.claim)
# In the order the check reads them: the vocabularies first, since the schemas after them accept their ids.
KINDS: tuple[Kind[Any], ...] = (STANCES, PARTIES, SOURCE_KINDS, VERDICTS, TOPICS, EDITION, PUBLISHER, SOURCE, CLAIM)
BY_NAME: dict[str, Kind[Any]] = {kind.name: kind for kind in KINDS}
