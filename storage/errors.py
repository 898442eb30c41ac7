"""Errors raised by the storage layer."""


class StorageError(RuntimeError):
    """A database operation failed; the message says which one and why."""


class SubscriptionLimitError(StorageError):
    """A chat already has the maximum number of subscriptions."""


class ConflictError(StorageError):
    """A write broke a unique or foreign-key constraint (e.g. the row already exists)."""
