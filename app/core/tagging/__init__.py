"""Tags: the user names labels per collection, documents are tagged by zero-shot classification."""
