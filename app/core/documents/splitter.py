"""Cutting pages into chunks a model can embed and a citation can point at.

How a page is cut:

1. Sections: a heading line (Markdown ``#`` or a numbered title such as ``2.1 Variations``)
   starts a section. A section joins the chunk before it only while that chunk is under a
   third of the budget (a table of contents, one-line sections), so topics rarely mix.
2. Inside a section the text is cut only as finely as needed: at blank lines, then lines, then
   sentence ends (``다.``, ``요.``, ``?``, ``!``, ``。``…), then clause punctuation, then spaces,
   and adjacent pieces are packed back together greedily up to the budget.
3. A word is never cut; a Hangul run is never cut between two syllables unless it alone is
   longer than four chunks (text with its spaces stripped), the one exception.
4. Each chunk after the first of a section starts up to ``overlap`` tokens earlier, at a
   sentence (or line) start of the chunk before, so a passage cut in two is whole in one;
   ``repeat`` says how many of its characters that overlap is (its vector leaves them out).

Sizes are estimated tokens (``tokens.estimate_tokens``); pieces are packed to
``chunk_tokens - overlap`` so that no chunk, overlap included, exceeds ``chunk_tokens``;
an overlap above half the chunk size is lowered to half.
Chunks never span pages; whitespace-only chunks are dropped, as is a heading alone at the end of
a page whose section continues on the next (that page's first chunk carries it). Every chunk
satisfies ``page.text[start:end] == text``. ``heading`` is the nearest heading above the
chunk's start: one in the text, else the PDF bookmark for that page, else the last one on an
earlier page. ``parents`` are the in-text headings of lower level that section sits under
(``# Calc`` > ``## Filters`` > ``### Options``; "2" > "2.1" for numbered titles), so the index
can carry the whole path of a passage, not just its nearest title.
"""

from __future__ import annotations

import dataclasses
import itertools
from bisect import bisect_right
from collections.abc import Iterator

from app.core.documents import segments
from app.core.documents.model import ChunkSpan, Page, ParsedDocument
from app.core.documents.segments import Heading, Span
from app.core.documents.tokens import TokenRuler

OVERSIZE_HANGUL_FACTOR = 4
SMALL_SECTION = 1 / 3  # of the budget: sections are packed together only below this size


def split_document(
    doc: ParsedDocument, chunk_tokens: int = 256, overlap: int = 32
) -> list[ChunkSpan]:
    """All chunks of ``doc`` in reading order; ``index`` is the position in the document."""
    if chunk_tokens < 8 or overlap < 0:
        raise ValueError("chunk_tokens must be at least 8 and overlap at least 0")
    overlap = min(overlap, chunk_tokens // 2)  # more would leave chunks mostly repetition
    chunks: list[ChunkSpan] = []
    carried = (0, "")  # the last heading seen: (page number, title)
    outline: list[tuple[int, str]] = []  # in-text headings so far: (level, title)
    for page in doc.pages:
        in_text = segments.find_headings(page.text)
        headings = _page_headings(doc, page, carried, in_text)
        splitter = _PageSplitter(page.text, chunk_tokens, overlap, [h.start for h in in_text])
        pending = [(h.start, heading_level(page.text, h), h.title) for h in in_text]
        for start, end, own in splitter.chunks():
            while pending and pending[0][0] <= start:
                outline.append(pending.pop(0)[1:])
            heading = _heading_at(headings, start)
            text = page.text[start:end]
            chunks.append(
                ChunkSpan(
                    len(chunks),
                    page.number,
                    start,
                    end,
                    text,
                    heading,
                    own - start,
                    _parents(outline, heading),
                )
            )
        outline += [(level, title) for _, level, title in pending]
        last = _heading_at(headings, len(page.text) + 1)
        if last and (in_text or last != carried[1]):
            carried = (page.number, last)
    return _without_stranded_headings(chunks)


def heading_level(text: str, heading: Heading) -> int:
    """1 for ``#`` or "2.", 2 for ``##`` or "2.1", and so on; other titles count as 1."""
    line = text[heading.start : heading.start + 12]
    hashes = len(line) - len(line.lstrip("#"))
    if hashes:
        return hashes
    number = line.split(maxsplit=1)[0].rstrip(".") if line.strip() else ""
    parts = number.split(".")
    return len(parts) if all(p.isdigit() for p in parts) else 1


def _parents(outline: list[tuple[int, str]], heading: str) -> tuple[str, ...]:
    """The chain of ever lower levels above the nearest heading, outermost first."""
    if not outline or outline[-1][1] != heading:
        return ()
    level, chain = outline[-1][0], []
    for lvl, title in reversed(outline[:-1]):
        if lvl < level:
            chain.append(title)
            level = lvl
    return tuple(reversed(chain))


def _without_stranded_headings(chunks: list[ChunkSpan]) -> list[ChunkSpan]:
    """Drop a page's last chunk when it is only a heading whose section opens the next page.

    The next page's first chunk already carries that heading (and is indexed with it), so the
    heading alone is a passage with nothing to cite, which still matched a question phrased
    like the heading better than the answer under it did (devset d-ko-01: BM25's first hit).
    """
    kept = [
        chunk
        for chunk, following in itertools.zip_longest(chunks, chunks[1:])
        if not (
            following is not None
            and following.page > chunk.page
            and following.heading == chunk.heading
            and " ".join(chunk.text.split()) == " ".join(chunk.heading.split())
        )
    ]
    return [dataclasses.replace(c, index=i) for i, c in enumerate(kept)]


def _page_headings(
    doc: ParsedDocument, page: Page, carried: tuple[int, str], in_text: list[Heading]
) -> list[Heading]:
    """Headings that apply on this page, by position; -1 means "from an earlier page".

    A bookmark on an earlier page replaces the carried heading only if it is at least as
    recent, so a PDF with chapter bookmarks keeps its finer in-text section titles.
    """
    since, title = carried
    for number, bookmark in doc.outline:
        if since <= number < page.number:
            since, title = number, bookmark
    found = [Heading(-1, title)] if title else []
    for number, bookmark in doc.outline:
        if number == page.number:
            found.append(Heading(max(page.text.find(bookmark), 0), bookmark))
    return sorted([*found, *in_text], key=lambda h: h.start)


def _heading_at(headings: list[Heading], position: int) -> str:
    index = bisect_right([h.start for h in headings], position) - 1
    return headings[index].title if index >= 0 else ""


class _PageSplitter:
    """Chunks of one page's text, as spans."""

    def __init__(self, text: str, chunk_tokens: int, overlap: int, heading_starts: list[int]):
        self.text = text
        self.heading_starts = heading_starts
        self.ruler = TokenRuler(text)
        self.limit = chunk_tokens
        self.budget = chunk_tokens - overlap
        self.overlap = overlap

    def chunks(self) -> Iterator[tuple[int, int, int]]:
        for section in self._sections():
            pieces = self._split(*section, level=0)
            yield from self._with_overlap(pieces)

    def _sections(self) -> list[Span]:
        """Heading-led sections, with runs of small whole sections packed together."""
        starts = sorted({0, *self.heading_starts})
        bounds = [*starts, len(self.text)]
        sections = [(a, b) for a, b in itertools.pairwise(bounds) if b > a]
        packed: list[Span] = []
        for start, end in sections:
            if packed and self._packs_with(packed[-1], end):
                packed[-1] = (packed[-1][0], end)
            else:
                packed.append((start, end))
        return packed

    def _packs_with(self, current: Span, end: int) -> bool:
        """Whether a section joins the chunk before it: only when that chunk is still small."""
        small = self.ruler.tokens(*current) < self.budget * SMALL_SECTION
        return small and self.ruler.tokens(current[0], end) <= self.budget

    def _split(self, start: int, end: int, level: int) -> list[Span]:
        start, end = self._trim(start, end)
        if start >= end:
            return []
        if self.ruler.tokens(start, end) <= self.budget:
            return [(start, end)]
        if level >= len(segments.LEVELS):
            return self._oversized(start, end)
        parts = segments.LEVELS[level](self.text, start, end)
        if len(parts) <= 1:
            return self._split(start, end, level + 1)
        pieces = [piece for part in parts for piece in self._split(*part, level=level + 1)]
        return self._pack(pieces)

    def _oversized(self, start: int, end: int) -> list[Span]:
        """One unbreakable Hangul run: kept whole unless it dwarfs the chunk size."""
        if self.ruler.tokens(start, end) <= OVERSIZE_HANGUL_FACTOR * self.limit:
            return [(start, end)]
        return self._pack(segments.hangul_syllables(self.text, start, end))

    def _pack(self, pieces: list[Span]) -> list[Span]:
        packed: list[Span] = []
        for start, end in pieces:
            if packed and self.ruler.tokens(packed[-1][0], end) <= self.budget:
                packed[-1] = (packed[-1][0], end)
            else:
                packed.append((start, end))
        return packed

    def _trim(self, start: int, end: int) -> Span:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def _with_overlap(self, pieces: list[Span]) -> Iterator[tuple[int, int, int]]:
        """``(start, end, own_start)``: the chunk, and where the text it repeats ends."""
        previous: Span | None = None
        for start, end in pieces:
            first = self._overlap_start(previous, start, end) if previous else start
            yield first, end, start
            previous = (start, end)

    def _overlap_start(self, previous: Span, start: int, end: int) -> int:
        """The earliest sentence start in ``previous`` that adds at most ``overlap`` tokens."""
        if self.overlap == 0:
            return start
        for candidate in self._sentence_starts(*previous):
            if self.ruler.tokens(candidate, start) <= self.overlap and (
                self.ruler.tokens(candidate, end) <= self.limit
            ):
                return candidate
        return start

    def _sentence_starts(self, start: int, end: int) -> list[int]:
        """Where sentences and lines begin inside a span, its own start excluded."""
        starts = {
            s
            for line in segments.lines(self.text, start, end)
            for s, _ in segments.sentences(self.text, *line)
        }
        return sorted(self._trim(s, end)[0] for s in starts if s > start)
