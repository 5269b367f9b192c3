"""Qt item models over plain-Python core records (collections, conversations, sources, chat)."""
