"""Function words: the few English ones BM25 leaves out of every text (``BM25_ENGLISH``,
``tokenize.lexical_tokens``), and the longer lists a question leaves behind when its words are
bridged into the other language (``BRIDGE_STOPWORDS``, ``bridge.question_words``).

Why two: inside one language BM25's term weights already mute common words, and its short list
leaves "up", "down" or "off" matchable where a manual uses them as content ("page down").
Carried across languages, though, such words land on content words: "I" became 이미지 (image), "up"
사용자 (user), 있 (exist) "hole" and "lib". Measured with the dense arm searched exactly
(``storage.vectors.EF_SEARCH``), cross-lingual hit@1 / hit@5 / MRR without and with them: tune
half 0.40 / 0.60 / 0.47 -> 0.40 / 0.61 / 0.48, test half 0.32 / 0.54 / 0.40 -> 0.32 / 0.56 /
0.41; in a folder of both languages (``--mixed``) the tune half holds (hit@5 of all 0.61) and
the test half's hit@1 of all goes 0.38 -> 0.40. Ranking the bridge's targets by CSLS instead
(Conneau et al. 2018, against hub words such as 브라우저 that many English words land on) lost on
the tune half (hit@5 0.59 -> 0.54) and is not used.

Why copies, not the libraries' lists read at run time: these are NLTK's English list as bm25s
ships it (``bm25s.stopwords.STOPWORDS_EN_PLUS``) and the forms of Kiwi's Korean list
(``kiwipiepy.utils.Stopwords``) whose tags BM25's tokens keep (``tokenize.CONTENT_TAGS``), but
importing bm25s pulls in scipy: 0.26 s of every ``pagefold search``, which reads BM25 with numpy
alone. ``tests/core/retrieval/test_stopwords.py`` checks the copies against both libraries.
"""

from __future__ import annotations

_BM25_ENGLISH_TEXT = """a an and are as at be but by can do does for from has have how if in into
is it its no not of on or such that the their then there these they this to was were what when
where which who why will with you your"""

_ENGLISH_TEXT = """
a about above after again against ain all am an and any are aren aren't as at be because been
before being below between both but by can couldn couldn't d did didn didn't do does doesn
doesn't doing don don't down during each few for from further had hadn hadn't has hasn hasn't
have haven haven't having he her here hers herself him himself his how i if in into is isn isn't
it it's its itself just ll m ma me mightn mightn't more most mustn mustn't my myself needn
needn't no nor not now o of off on once only or other our ours ourselves out over own re s same
shan shan't she she's should should've shouldn shouldn't so some such t than that that'll the
their theirs them themselves then there these they this those through to too under until up ve
very was wasn wasn't we were weren weren't what when where which while who whom why will with
won won't wouldn wouldn't y you you'd you'll you're you've your yours yourself yourselves
"""
_KOREAN_TEXT = (
    "같 것 년 대하 되 등 따르 때 때문 만 말 명 받 보 사람 수 없 원 월 위하 일 있 중 지역 통하 하"
)

BM25_ENGLISH = frozenset(_BM25_ENGLISH_TEXT.split())
ENGLISH = frozenset(_ENGLISH_TEXT.split())
KOREAN = frozenset(_KOREAN_TEXT.split())
BRIDGE_STOPWORDS = ENGLISH | KOREAN
