"""Hybrid search: Chroma dense + BM25 lexical, fused by rank, deduplicated, optionally reranked.

Why both arms: on the devset's Korean questions a small multilingual embedder and BM25 over Kiwi
morphemes each miss answers the other finds (numbers in ``benchmarks/tokenizers_ko.py``). An
English-only embedder ranks Korean passages at random, and in rank fusion random agreement
between the arms outvotes BM25's best hit (measured: hit@5 0.20 fused against 0.80 for BM25
alone), so the dense arm sits out questions in a language its model cannot read.

Cost per query stays independent of the collection size apart from Chroma's HNSW search and
BM25's numpy scoring over the postings of the query's terms; everything after fusion touches
at most ``2 * candidates`` chunks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.core.errors import NotFoundError
from app.core.retrieval import alignment, languages
from app.core.retrieval.alignment import alignment_for
from app.core.retrieval.bridge import WordBridges, question_words
from app.core.retrieval.contents import CONTENTS_WEIGHT, is_contents
from app.core.retrieval.fusion import Span, reciprocal_rank_fusion, remove_near_duplicates
from app.core.retrieval.languages import (
    QueryRewriter,
    is_mixed,
    language_share,
    other_language,
    query_language,
)
from app.core.retrieval.lexical import LexicalIndexes
from app.core.retrieval.lexicon import shared_lexicon
from app.core.retrieval.tokenize import lexical_tokens
from app.core.storage.catalog import (
    Catalog,
    ChunkRecord,
    CollectionRecord,
    DocStatus,
    DocumentRecord,
)
from app.core.storage.layout import DataLayout
from app.core.storage.passage import Passage
from app.core.storage.vectors import VectorStore

if TYPE_CHECKING:
    from app.core.embeddings.query import QueryEmbedder
    from app.core.retrieval.bridge import WordBridge
    from app.core.retrieval.rerank import Reranker

RERANK_AT_LEAST = 20
#: Bridge a question across languages by words (``bridge``): cross-lingual hit@5 without a model
#: 0.45 -> 0.61 on the tune half, 0.45 -> 0.56 on the test half (one-language collections).
BRIDGE = True
#: The bridged ranking's weight in the fusion (the question's own two rankings weigh 1.0). Tune
#: half, cross-lingual hit@1 / hit@5 / MRR: 1.0: 0.33 / 0.56 / 0.42; 1.5: 0.40 / 0.60 / 0.47
#: (while BM25 stemmed English, an ablation: 0.5: 0.31 / 0.51 / 0.39; 2.0: 0.33 / 0.57 / 0.42).
#: The test half preferred 1.0 (hit@5 0.56 against 0.52); it was not used to choose. With the
#: word list (``LEXICON``) in the bag, tune half: 1.0: 0.40 / 0.69 / 0.51; 1.5: 0.46 / 0.73 /
#: 0.56; 2.0: 0.46 / 0.75 / 0.57; 2.5: 0.47 / 0.74 / 0.57.
BRIDGE_WEIGHT = 2.0
#: Add the question words' translations in the bundled word list (``lexicon``) to the bridged
#: words. ``retrieval_quality.py --evalset`` against ``--no-lexicon``, cross-lingual hit@1 /
#: hit@5 / MRR: tune half 0.36 / 0.58 / 0.45 -> 0.45 / 0.74 / 0.56, test half 0.30 / 0.55 /
#: 0.40 -> 0.38 / 0.66 / 0.48; one-language questions are not bridged and do not move. Tune
#: half, at the bridge's old weight 1.5, translations kept per word (``lexicon.MIN_SHARE`` x
#: ``PER_WORD``): 0.2 x 2: 0.46 / 0.73 / 0.56; 0.1 x 3: 0.46 / 0.73 / 0.56; 0.3 x 1 and 0.2 x 1:
#: 0.46 / 0.71 / 0.56. In a folder of both languages (``--mixed``, weight 1.0), all questions:
#: tune 0.39 / 0.71 / 0.51 -> 0.41 / 0.72 / 0.53, test 0.40 / 0.64 / 0.50 -> 0.38 / 0.67 / 0.49.
LEXICON = True
#: Weight of one more dense ranking, for the question rendered word by word into the
#: collection's language (each word's translations, or the word itself where the list has
#: none: "Which function counts the days" -> "함수 개수 횟수 요일 하루"). Tune half, cross-lingual
#: hit@1 / hit@5 / MRR, from 0.46 / 0.75 / 0.57 without it: 1.0: 0.44 / 0.81 / 0.59; 1.5: 0.44 /
#: 0.81 / 0.58; with the untranslated words left out, 0.5: 0.44 / 0.78 / 0.58, 1.0: 0.44 / 0.79
#: / 0.58, 1.5: 0.43 / 0.76 / 0.56. Not in a folder of both languages, where it outvotes the
#: question's own pages (``--mixed``, tune half, hit@1 of English questions 0.65 -> 0.26 at 1.0
#: and 0.42 at 0.5, for cross-lingual hit@5 0.51 -> 0.66 and 0.60). Test half, against
#: ``--word-by-word-weight 0`` in the next run: 0.38 / 0.66 / 0.48 -> 0.40 / 0.71 / 0.51. It
#: costs one more dense search, the texts being embedded in one call (``_embedded``): Korean
#: questions on 100,000 English passages, p95 105.5 ms without the word list against 124.1 and
#: 138.2 ms with it, in the runs before and after (``search_latency.py --english-only
#: --lexicon-baseline``; random vectors, HNSW's worst case). 0 switches it off.
WORD_BY_WORD_WEIGHT = 1.0
#: The weight in a folder of both languages (each at ``languages.OTHER_LANGUAGE_MIN_SHARE`` or
#: more), where the question's own words also have pages to match: at the one-language weight
#: the bridge outvoted them ("HEPA filter" on the README's handbook folder, 44% Korean,
#: returned five Korean pages).
#: ``retrieval_quality.py --evalset --mixed`` (each page in one language only), tune half,
#: hit@1 / hit@5 / MRR of cross-lingual questions and of all: no bridge 0.02 / 0.11 / 0.05 and
#: 0.41 / 0.53 / 0.46; 0.5: 0.04 / 0.09 / 0.07 and 0.38 / 0.52 / 0.44; 1.0: 0.11 / 0.26 / 0.17 and
#: 0.40 / 0.61 / 0.48; 1.5: 0.17 / 0.33 / 0.23 and 0.37 / 0.64 / 0.48, but English questions'
#: hit@1 1.00 -> 0.59 (0.86 at 1.0).
BRIDGE_MIXED_WEIGHT = 1.0
#: In a folder of both languages, compare passages in the other language than the question's
#: with the question's vector rotated into that language (``alignment``) rather than with the
#: fixed ``languages.LANGUAGE_OFFSET``, where the embedder has a bundled rotation. Figures in
#: ``alignment.OFFSET``.
ALIGN = True


def _reads_both(embedder: QueryEmbedder) -> bool:
    """Whether ``embedder`` reads Korean as well as English, placing the two languages in one
    space: what the word bridge and the language offset rely on."""
    return embedder.reads("한국어")


def _bridges(embedder: QueryEmbedder) -> bool:
    """Whether the word bridge runs with ``embedder``."""
    return BRIDGE and _reads_both(embedder)


class HybridSearcher:
    """Searches one data folder's collections; safe to share between threads."""

    def __init__(
        self,
        catalog: Catalog,
        vectors: VectorStore,
        layout: DataLayout,
        reranker: Reranker | None = None,
    ) -> None:
        self.catalog = catalog
        self.vectors = vectors
        self.reranker = reranker
        self._lexical = LexicalIndexes(catalog, layout.lexical_index)
        self._bridges = WordBridges()

    def invalidate(self, collection_id: int) -> None:
        """After an ingest or removal: the next search checks and rebuilds the BM25 index."""
        self._lexical.invalidate(collection_id)

    def prepare(self, collection_id: int, embedder: QueryEmbedder | None = None) -> None:
        """Load or rebuild the collection's BM25 index now (it is saved for the next start),
        and with a multilingual ``embedder`` its word bridge for questions in the other
        language, into each language that holds ``languages.OTHER_LANGUAGE_MIN_SHARE``."""
        index = self._lexical.get(collection_id)
        if embedder is None or not len(index) or not _bridges(embedder):
            return
        for language in ("ko", "en"):
            if language_share(language, index.korean_share) >= languages.OTHER_LANGUAGE_MIN_SHARE:
                self.bridge(collection_id, embedder, language)

    def search(
        self,
        collection: CollectionRecord,
        query: str,
        embedder: QueryEmbedder,
        k: int = 5,
        candidates: int = 40,
        document_ids: Sequence[int] | None = None,
        rewrite: QueryRewriter | None = None,
    ) -> list[Passage]:
        """The ``k`` best passages for ``query``, best first; ``score`` is the final score.

        ``rewrite`` (a loaded model) is asked for the question in the other language where the
        collection holds enough of it; both searches are fused (``languages``)."""
        _check_embedder(collection, embedder)
        if not query.strip() or k <= 0:
            return []
        asked = self._ask(collection.id, query, embedder, rewrite)
        rankings, weights = self._rankings(
            collection.id, asked, embedder, max(candidates, k), document_ids
        )
        fused = reciprocal_rank_fusion(rankings, weights=weights)
        want = max(k, RERANK_AT_LEAST) if self.reranker else k
        kept, fused = self._distinct(fused, want)
        passages = self._passages(collection, kept, dict(fused))
        if self.reranker is not None and passages:
            passages = self.reranker.rerank(query, passages)
        return passages[:k]

    def _ask(
        self,
        collection_id: int,
        query: str,
        embedder: QueryEmbedder,
        rewrite: QueryRewriter | None,
    ) -> _Asked:
        """What the search asks with: the question, a model's rewrite into the collection's
        other language, and across languages the question's words and their word-by-word
        rendering, every text embedded in one call (``_embedded``)."""
        korean_share = self._lexical.get(collection_id).korean_share
        across = other_language(query, korean_share)
        mixed = is_mixed(korean_share)  # a folder of both languages
        queries = [query]
        if across is not None and rewrite is not None:
            rewritten = rewrite(query, across[0]).strip()
            if rewritten and rewritten != query:
                queries.append(rewritten)
        into = across[0] if across else None
        words = question_words(lexical_tokens(query)) if into else []
        rendered = self._word_by_word(words, embedder, into) if into and not mixed else ""
        bridging = into is not None and _bridges(embedder) and embedder.reads(query)
        dense_texts = [t for t in (*queries, rendered) if t and embedder.reads(t)]
        vectors = _embedded(embedder, dense_texts + (words if bridging else []))
        aligned = _aligned(embedder, into, vectors.get(query)) if into and mixed else None
        return _Asked(queries, into, mixed, words, rendered, bridging, vectors, aligned)

    def _rankings(
        self,
        collection_id: int,
        asked: _Asked,
        embedder: QueryEmbedder,
        candidates: int,
        document_ids: Sequence[int] | None,
    ) -> tuple[list[list[str]], list[float]]:
        """Each arm's ranking with its weight in the fusion: dense and BM25 for the question
        (and a rewrite), then across languages the word-by-word rendering's dense ranking and
        the bridged words' BM25 ranking."""
        rankings: list[list[str]] = []
        weights: list[float] = []
        offset = asked.mixed and _reads_both(embedder)
        for n, text in enumerate(asked.queries):
            vector = asked.vectors.get(text)
            aligned = asked.aligned if n == 0 else None
            rankings.append(
                self._dense(collection_id, text, vector, candidates, document_ids, offset, aligned)
            )
            rankings.append(self._lexical_ids(collection_id, text, candidates, document_ids))
            weights += [languages.CROSS_DENSE_WEIGHT if asked.into and n == 0 else 1.0, 1.0]
        if asked.rendered:
            vector = asked.vectors[asked.rendered]
            rankings.append(
                self._dense(collection_id, asked.rendered, vector, candidates, document_ids)
            )
            weights.append(WORD_BY_WORD_WEIGHT)
        if asked.into:
            word_vectors = [asked.vectors[w] for w in asked.words] if asked.bridging else None
            bridged = self._bridged_words(
                collection_id, asked.words, word_vectors, embedder, asked.into
            )
            if bridged:
                rankings.append(
                    self._lexical_ranking(collection_id, bridged, candidates, document_ids)
                )
                weights.append(BRIDGE_MIXED_WEIGHT if asked.mixed else BRIDGE_WEIGHT)
        return rankings, weights

    def _dense(
        self,
        collection_id: int,
        query: str,
        vector: list[float] | None,
        candidates: int,
        document_ids: Sequence[int] | None,
        offset: bool = False,
        aligned: list[float] | None = None,
    ) -> list[str]:
        """The passages nearest ``vector`` (``query``'s; None where the model cannot read it).
        With ``offset`` (a folder of both languages), passages in the other language than the
        question's are compared with ``aligned`` (the vector rotated into that language,
        ``alignment``), or, without one, moved ``languages.LANGUAGE_OFFSET`` nearer."""
        if vector is None:
            return []
        if offset and aligned is not None:
            ranked = self._in_each_language(collection_id, query, vector, aligned, document_ids)
            return ranked[:candidates]
        pool = max(candidates, languages.LANGUAGE_POOL) if offset else candidates
        hits = self.vectors.query(collection_id, vector, pool, document_ids)
        if not offset:
            return [hit.chunk_id for hit in hits]
        other = self._other_language(query, [hit.chunk_id for hit in hits])
        nearer = languages.LANGUAGE_OFFSET
        found = sorted(
            (hit.distance - (nearer if hit.chunk_id in other else 0.0), hit.chunk_id)
            for hit in hits
        )
        return [chunk_id for _, chunk_id in found[:candidates]]

    def _in_each_language(
        self,
        collection_id: int,
        query: str,
        vector: list[float],
        aligned: list[float],
        document_ids: Sequence[int] | None,
    ) -> list[str]:
        """Passages in the question's language nearest ``vector`` and passages in the other
        nearest ``aligned`` (``alignment.OFFSET`` nearer), in one ranking by distance."""
        own = self.vectors.query(collection_id, vector, alignment.POOL, document_ids)
        across = self.vectors.query(collection_id, aligned, alignment.POOL, document_ids)
        other = self._other_language(query, [h.chunk_id for h in (*own, *across)])
        found = sorted(
            [(h.distance, h.chunk_id) for h in own if h.chunk_id not in other]
            + [(h.distance - alignment.OFFSET, h.chunk_id) for h in across if h.chunk_id in other]
        )
        return list(dict.fromkeys(chunk_id for _, chunk_id in found))

    def _other_language(self, query: str, chunk_ids: list[str]) -> set[str]:
        """Those of ``chunk_ids`` written in the other language than ``query``."""
        korean = self.catalog.korean_chunks(chunk_ids)
        if query_language(query) == "ko":
            return set(chunk_ids) - korean
        return korean

    def _bridged_words(
        self,
        collection_id: int,
        words: list[str],
        word_vectors: list[list[float]] | None,
        embedder: QueryEmbedder,
        language: str,
    ) -> list[str]:
        """The question's ``words`` carried into ``language``: their translations in the
        bundled word list (``lexicon``), then, given the words' vectors, the collection's words
        the embedder places nearest (``bridge``)."""
        found = shared_lexicon().translate(words, language) if LEXICON else []
        if word_vectors:
            found += self.bridge(collection_id, embedder, language).nearest(word_vectors)
        return list(dict.fromkeys(found))

    def _word_by_word(self, words: list[str], embedder: QueryEmbedder, language: str) -> str:
        """The question's ``words`` rendered into ``language`` one by one
        (``lexicon.word_by_word``), for the dense arm to search too; empty where it would add
        nothing or the model cannot read it."""
        if not (LEXICON and WORD_BY_WORD_WEIGHT) or not words:
            return ""
        rendered = " ".join(shared_lexicon().word_by_word(words, language, embedder.reads).split())
        if not rendered or rendered == " ".join(words) or not embedder.reads(rendered):
            return ""
        return rendered

    def bridge(self, collection_id: int, embedder: QueryEmbedder, language: str) -> WordBridge:
        """The collection's words in ``language`` with ``embedder``'s vectors (``bridge``):
        built at the first question across languages, or by ``prepare`` after an ingest."""
        stamp = self._lexical.get(collection_id).stamp
        return self._bridges.get(
            self._lexical.root_for(collection_id),
            stamp,
            embedder,
            language,
            lambda: self.catalog.indexed_tokens(collection_id),
        )

    def _lexical_ids(
        self,
        collection_id: int,
        query: str,
        candidates: int,
        document_ids: Sequence[int] | None,
    ) -> list[str]:
        return self._lexical_ranking(collection_id, lexical_tokens(query), candidates, document_ids)

    def _lexical_ranking(
        self,
        collection_id: int,
        tokens: Sequence[str],
        candidates: int,
        document_ids: Sequence[int] | None,
    ) -> list[str]:
        if not tokens:
            return []
        index = self._lexical.get(collection_id)
        if not len(index):
            return []
        allowed: set[str] | None = None
        if document_ids:
            allowed = {cid for d in document_ids for cid in self.catalog.chunk_ids(int(d))}
        return [hit.chunk_id for hit in index.search(tokens, candidates, allowed)]

    def _distinct(
        self, fused: list[tuple[str, float]], want: int
    ) -> tuple[list[ChunkRecord], list[tuple[str, float]]]:
        """Best-first chunks, near duplicates dropped; ids the catalog no longer has skipped;
        contents and index passages ranked lower (``contents.CONTENTS_WEIGHT``)."""
        records = self.catalog.chunks_by_ids([cid for cid, _ in fused])
        live = {d for d in {r.document_id for r in records.values()} if self._indexed(d)}
        records = {cid: r for cid, r in records.items() if r.document_id in live}
        fused = sorted(
            (
                (cid, score * (CONTENTS_WEIGHT if is_contents(records[cid].text) else 1.0))
                for cid, score in fused
                if cid in records
            ),
            key=lambda pair: -pair[1],
        )
        spans = (_span(records[cid]) for cid, _ in fused)
        kept = [records[span.chunk_id] for span in remove_near_duplicates(spans, want)]
        return kept, fused

    def _indexed(self, document_id: int) -> bool:
        """Only finished documents are found: a document mid-(re)indexing has partial vectors."""
        try:
            return self.catalog.document(document_id).status == DocStatus.INDEXED
        except NotFoundError:
            return False

    def _passages(
        self,
        collection: CollectionRecord,
        chunks: list[ChunkRecord],
        scores: dict[str, float],
    ) -> list[Passage]:
        return passages_from_chunks(self.catalog, collection, [(c, scores[c.id]) for c in chunks])


def passages_from_chunks(
    catalog: Catalog,
    collection: CollectionRecord,
    scored: Sequence[tuple[ChunkRecord, float]],
) -> list[Passage]:
    """Scored chunks as citable passages (document path and title, OCR flag), in that order."""
    documents: dict[int, DocumentRecord] = {}
    passages = []
    for chunk, score in scored:
        if chunk.document_id not in documents:
            documents[chunk.document_id] = catalog.document(chunk.document_id)
        doc = documents[chunk.document_id]
        passages.append(
            Passage(
                chunk_id=chunk.id,
                text=chunk.text,
                document_id=chunk.document_id,
                path=doc.path,
                title=doc.title,
                page=chunk.page,
                start=chunk.start,
                end=chunk.end,
                score=float(score),
                collection=collection.name,
                ocr=chunk.page in doc.ocr_pages,
            )
        )
    return passages


def _aligned(embedder: QueryEmbedder, into: str, vector: list[float] | None) -> list[float] | None:
    """The question's ``vector`` rotated into ``into`` where the embedder has a bundled
    rotation (``alignment``), else None."""
    if not ALIGN or vector is None:
        return None
    rotation = alignment_for(embedder.name, embedder.dimension)
    return rotation.into(into, vector) if rotation else None


def _span(chunk: ChunkRecord) -> Span:
    return Span(
        chunk.id,
        chunk.document_id,
        chunk.page,
        chunk.start,
        chunk.end,
        frozenset(chunk.tokens.split()),
    )


@dataclass(frozen=True)
class _Asked:
    """One search's question side (``HybridSearcher._ask``)."""

    queries: list[str]  # the question, then a model's rewrite
    into: str | None  # the other language it goes across into, if any
    mixed: bool  # a folder of both languages
    words: list[str]  # across languages: the question's words worth carrying
    rendered: str  # ... and those words rendered word by word ("" where not searched)
    bridging: bool  # whether the embedder's word bridge runs
    vectors: dict[str, list[float]]  # every text above that the model embeds
    aligned: list[float] | None = None  # in a folder of both: the question's vector, rotated


def _embedded(embedder: QueryEmbedder, texts: list[str]) -> dict[str, list[float]]:
    """Every text a search embeds (the question, its word-by-word rendering, the words the
    bridge carries) in one model call. Why one: multilingual-e5-small on 2 CPU cores takes
    22 ms a call for one question, 24 ms for two texts in one call and 36 ms in two calls, and
    24 ms for eight words (median of 30)."""
    unique = list(dict.fromkeys(texts))
    return dict(zip(unique, embedder.embed_queries(unique), strict=True)) if unique else {}


def _check_embedder(collection: CollectionRecord, embedder: QueryEmbedder) -> None:
    from app.core.embeddings.query import check_compatible

    check_compatible(
        collection.name, collection.embedding_model, collection.embedding_dim, embedder
    )
