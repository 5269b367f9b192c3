"""Text embeddings behind LangChain's ``Embeddings`` interface, chosen by name per collection."""
