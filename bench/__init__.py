"""Benchmarks: `python -m bench` runs them all; each module prints its figures (see bench/README.md)."""
