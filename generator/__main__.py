"""``python -m generator`` is the ``duopress`` command."""

from .cli import main

raise SystemExit(main())
