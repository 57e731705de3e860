"""The MkDocs engine: the plugin and what it needs of MkDocs and Material."""
