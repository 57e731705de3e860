"""The order readers meet claims in: grouped by topic, by importance (content/edition.yaml)."""

from __future__ import annotations

from typing import TypeVar

from generator.model import Claim, Content, Topic

_Item = TypeVar("_Item", Topic, Claim)
Groups = list[tuple[Topic, list[Claim]]]


def topic_groups(content: Content) -> Groups:
    """The claims under their first topic, topics and claims in the order of content/edition.yaml.

    Topics and claims the edition does not order follow those it does, in file order. A withdrawn claim is
    in no group: it leaves every list, table and previous/next link.
    """
    topics = _ordered(content.topics, content.edition.topic_order)
    claims = _ordered(content.listed, content.edition.claim_order)
    groups = [(topic, [claim for claim in claims if claim.topics[0] == topic.id]) for topic in topics]
    return [(topic, members) for topic, members in groups if members]


def _ordered(items: tuple[_Item, ...], order: tuple[str, ...]) -> list[_Item]:
    rank = {item_id: index for index, item_id in enumerate(order)}
    return sorted(items, key=lambda item: rank.get(item.id, len(rank)))  # sorted() is stable: file order after


def neighbours(groups: Groups) -> dict[str, tuple[Topic, Claim | None, Claim | None]]:
    """For each claim: its topic, and the claims before and after it there (previous/next links)."""
    found: dict[str, tuple[Topic, Claim | None, Claim | None]] = {}
    for topic, members in groups:
        for index, claim in enumerate(members):
            before = members[index - 1] if index else None
            after = members[index + 1] if index + 1 < len(members) else None
            found[claim.id] = (topic, before, after)
    return found
