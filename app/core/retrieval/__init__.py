"""Finding passages: dense (Chroma), lexical (BM25 on Korean-aware tokens), fusion, rerank."""
