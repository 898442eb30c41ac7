"""Persistence: SQLAlchemy 2 async on SQLite (default) or PostgreSQL, Alembic migrations."""

from storage.errors import StorageError, SubscriptionLimitError
from storage.repository import Storage, open_storage

__all__ = ["Storage", "StorageError", "SubscriptionLimitError", "open_storage"]
