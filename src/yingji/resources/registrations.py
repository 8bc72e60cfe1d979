"""Registries of this app (see yingji.core.registry)."""
