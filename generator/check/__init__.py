"""Reading and checking the content: load, schema, the model's construction, cross-checks, verdict rules."""
