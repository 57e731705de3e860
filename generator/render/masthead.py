"""Who publishes the site, as pages and ClaimReview use it: content/publisher.yaml with the repository's address.

The masthead says who publishes (a name, or "the repository the site is built from"); the repository's
address arrives at build time (``build --repository-url``). This module joins the two: the publisher named in
bylines and ClaimReview, and the address of each page's error report, with the page filled in.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode, urlsplit

from generator.model import Masthead
from generator.render.structured import Publisher


def repository_name(address: str) -> str:
    """A repository's name as its host shows it: "owner/name" of https://github.com/owner/name."""
    return urlsplit(address).path.strip("/") or address


def publisher(masthead: Masthead, repository: str | None) -> Publisher | None:
    """The publisher readers and ClaimReview see; None until content/publisher.yaml (and, for a repository,
    its address) says who it is."""
    if masthead.repository:
        return Publisher(repository_name(repository), repository) if repository else None
    if masthead.name:
        return Publisher(masthead.name, masthead.address, masthead.logo)
    return None


def report_url(masthead: Masthead, repository: str | None, page_address: str, title: str) -> str | None:
    """Where a reader reports an error on one page, with the page's address and title filled in where the
    address takes them (an issue form's fields, an e-mail's subject and body); None when no address is set."""
    if masthead.issue_form:
        if not repository:
            return None
        query = urlencode({"template": masthead.issue_form, "page": page_address, "title": f"Error report: {title}"})
        return f"{repository.rstrip('/')}/issues/new?{query}"
    address = masthead.report_address
    if address and address.startswith("mailto:") and "?" not in address:
        fields = {"subject": f"Error report: {title}", "body": f"Page: {page_address}\n\nWhat is wrong:\n\nEvidence:\n"}
        return f"{address}?{urlencode(fields, quote_via=quote)}"
    return address
