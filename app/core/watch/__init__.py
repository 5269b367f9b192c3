"""Keeping collections in step with the folders they follow, while Pagefold runs."""
