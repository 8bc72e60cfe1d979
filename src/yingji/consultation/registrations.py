"""Registries of the consultation app."""
