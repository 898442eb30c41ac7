"""Pure digest core: domain objects, the summariser that builds digest cards, text folding.

Nothing here does I/O or imports telegram, sqlalchemy, httpx or our outer packages.
"""
