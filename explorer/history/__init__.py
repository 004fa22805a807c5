"""Catalog history: snapshots in a database, the differences between them as change events."""
