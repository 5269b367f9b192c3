"""Everything that touches disk: the data folder layout, the SQLite catalog, the vector store."""
