"""`python -m app` is the same as the `pagefold` script."""

from app.cli import main

raise SystemExit(main())
