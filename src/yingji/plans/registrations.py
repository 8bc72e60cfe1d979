"""Registries, permissions and outbox consumers of this app."""
