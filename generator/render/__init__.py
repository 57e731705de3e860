"""From the checked content to pages: the list of pages, templates' helpers, structured data, the feed."""
