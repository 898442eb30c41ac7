"""DATABASE_URL as people write it, mapped to the async drivers the bot runs on.

Rule order (on the scheme, the part before "://", lower-cased):
1. `sqlite+aiosqlite` and `postgresql+asyncpg` are kept as written.
2. `sqlite` and `sqlite+pysqlite` become `sqlite+aiosqlite`.
3. `postgres`, `postgresql` and `postgresql+<any other driver>` (psycopg2, psycopg, pg8000)
   become `postgresql+asyncpg`; a libpq `sslmode=…` query parameter becomes asyncpg's `ssl=…`.
4. Anything else (no "://", another database) is refused with what to write instead.
"""

from __future__ import annotations

import re

HELP = (
    "write sqlite+aiosqlite:///newsbot.db (a file next to the bot) or "
    "postgresql+asyncpg://user:password@host:5432/dbname"
)
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
_SSLMODE = re.compile(r"([?&])sslmode=")


def async_url(url: str) -> str:
    """Return `url` with an async driver, or raise ValueError saying what to write."""
    url = url.strip()
    match = _SCHEME.match(url)
    if match is None:
        raise ValueError(f"not a database URL; {HELP}")
    scheme, rest = match.group(1).lower(), url[match.end() :]
    if scheme in ("sqlite+aiosqlite", "postgresql+asyncpg"):
        return f"{scheme}://{rest}"
    if scheme in ("sqlite", "sqlite+pysqlite"):
        return f"sqlite+aiosqlite://{rest}"
    if scheme in ("postgres", "postgresql") or scheme.startswith("postgresql+"):
        return "postgresql+asyncpg://" + _SSLMODE.sub(r"\1ssl=", rest)
    raise ValueError(f"{scheme}://… is not supported; {HELP}")


def mapping_note(url: str) -> str | None:
    """Return a log line when `async_url` changed `url`'s scheme, else None."""
    try:
        mapped = async_url(url)
    except ValueError:
        return None
    if mapped == url.strip():
        return None
    old, new = url.strip().split("://", 1)[0], mapped.split("://", 1)[0]
    return f"DATABASE_URL {old}://… read as {new}://… (the driver newsbot runs on)"
