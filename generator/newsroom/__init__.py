"""Commands that write into a project on an editor's request: init, new-source, new."""
