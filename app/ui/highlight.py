"""Query words highlighted in a snippet: plain Python so it is cheap and easy to test.

Korean attaches particles to words ("수도는" = "수도" + "는"), so a Hangul query word also
matches without its trailing particle; everything else matches case-insensitively as typed.
"""

from __future__ import annotations

import html
import re

from app.core.hangul import has_syllable

_WORD = re.compile(r"\w+", re.UNICODE)
_PARTICLES = sorted(
    [
        "은",
        "는",
        "이",
        "가",
        "을",
        "를",
        "의",
        "에",
        "에서",
        "으로",
        "로",
        "와",
        "과",
        "도",
        "만",
        "까지",
        "부터",
        "에게",
        "한테",
        "이다",
        "입니다",
        "인가요",
        "나요",
        "가요",
        "요",
        "이란",
        "란",
        "이나",
        "나",
        "처럼",
        "보다",
    ],
    key=len,
    reverse=True,
)
_STOP = {
    "the",
    "and",
    "for",
    "what",
    "which",
    "who",
    "how",
    "are",
    "was",
    "were",
    "is",
    "does",
    "did",
    "with",
    "from",
    "that",
    "this",
    "about",
    "into",
    "of",
    "in",
    "on",
    "to",
    "a",
    "an",
}


def query_terms(query: str) -> list[str]:
    """Distinct words worth highlighting, longest first so longer matches win."""
    terms: set[str] = set()
    for word in _WORD.findall(query.lower()):
        if len(word) < 2 or word in _STOP:
            continue
        terms.add(word)
        if has_syllable(word):
            for particle in _PARTICLES:
                if word.endswith(particle) and len(word) - len(particle) >= 1:
                    stem = word[: -len(particle)]
                    if len(stem) >= 2:
                        terms.add(stem)
                    break
    return sorted(terms, key=len, reverse=True)


def snippet(text: str, terms: list[str], width: int = 320) -> str:
    """About ``width`` characters of ``text`` around its first match, on one line."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    lower = flat.lower()
    hits = [lower.find(t) for t in terms if t in lower]
    first = min(hits) if hits else 0
    start = max(0, min(first - width // 4, len(flat) - width))
    end = start + width
    return ("…" if start else "") + flat[start:end].strip() + ("…" if end < len(flat) else "")


def highlight_html(text: str, terms: list[str], mark_style: str = "") -> str:
    """HTML-escaped ``text`` with every term wrapped in a highlighted span."""
    if not terms:
        return html.escape(text)
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    out: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(f'<span style="{mark_style}">{html.escape(match.group(0))}</span>')
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)
