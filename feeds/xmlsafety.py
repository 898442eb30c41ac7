"""Refuse to start on an expat that cannot stop entity-expansion ("billion laughs") attacks.

Rule order: read the linked expat's version → older than 2.4.1 (the first release with an
amplification limit) → UnsafeXmlError naming the version found and the fix. Call
`check_expat` once at start-up: parse_feed strips entity declarations from the prolog, but
expat's limit is the backstop for whatever slips past.
"""

from __future__ import annotations

import pyexpat

MIN_EXPAT = (2, 4, 1)


class UnsafeXmlError(RuntimeError):
    """The XML parser linked into Python is too old to parse untrusted feeds safely."""


def check_expat(version: tuple[int, int, int] | None = None) -> None:
    """Raise UnsafeXmlError when expat (default: the linked one) is older than 2.4.1."""
    found = pyexpat.version_info if version is None else version
    if tuple(found) < MIN_EXPAT:
        raise UnsafeXmlError(
            f"expat {_dotted(found)} is older than {_dotted(MIN_EXPAT)} and has no limit on "
            "entity expansion, so one small feed could use all CPU and memory; "
            f"use a Python linked against expat {_dotted(MIN_EXPAT)} or newer"
        )


def _dotted(version: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in version)
