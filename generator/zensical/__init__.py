"""The Zensical engine: its build, its preview, and the guard that stops a plain zensical build."""
