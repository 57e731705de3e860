"""The benchmark: synthetic content, the MkDocs baseline, build and preview timings."""
