"""`python -m bot`: the same as `newsbot` (with no arguments: `newsbot run`)."""

from bot.cli import main

raise SystemExit(main())
