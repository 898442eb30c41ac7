"""`digest/` is pure: no I/O libraries and no imports of the outer packages."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

DIGEST = Path(__file__).resolve().parents[2] / "digest"
FORBIDDEN = frozenset(
    {
        "telegram",
        "sqlalchemy",
        "httpx",
        "aiohttp",
        "feedparser",
        "trafilatura",
        "bot",
        "handlers",
        "feeds",
        "storage",
        "requests",
        "urllib",
        "socket",
        "asyncio",
        "subprocess",
    }
)
# Pure-Python text libraries a digest rule may use besides the standard library.
ALLOWED_THIRD_PARTY = frozenset({"digest"})


def imported_roots(path: Path) -> set[str]:
    """Return the top-level package of every import in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


MODULES = sorted(DIGEST.glob("*.py"))


def test_digest_has_modules() -> None:
    names = {path.stem for path in MODULES}
    assert {"card", "clean", "sentences", "quotes", "figures", "lang", "jsoncard"} <= names


@pytest.mark.parametrize("path", MODULES, ids=[path.stem for path in MODULES])
def test_module_imports_nothing_impure(path: Path) -> None:
    roots = imported_roots(path)
    assert not roots & FORBIDDEN
    outside = roots - set(sys.stdlib_module_names) - ALLOWED_THIRD_PARTY - {"__future__"}
    assert not outside, f"{path.name} imports non-stdlib {sorted(outside)}"


def test_the_check_catches_a_forbidden_import(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("import os\nfrom feeds.fetch import get\nimport httpx.client\n")
    assert imported_roots(module) == {"os", "feeds", "httpx"}
