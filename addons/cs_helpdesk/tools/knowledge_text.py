# Copyright 2026 Customer Service Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Chinese-aware tokens of knowledge articles and queries: pure functions.

PostgreSQL's text search does not segment Chinese, and trigrams miss the
two-character words Chinese is mostly made of (装修, 停车). An article is
indexed as the set of its character bigrams (and Latin words / numbers), each
weighted by the field it comes from; a query is tokenised the same way plus
its single characters, which only ever meet the one-character keywords an
editor gave an article (吵 for 噪音). ``score`` is the ranking the database
query of ``document.page._cs_knowledge_rank`` computes, in plain Python, for
table tests and for comparing tokenisers (bench/bench_knowledge.py).
"""

import math
import re
import unicodedata

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUNS = re.compile(f"[{CJK}]+|[0-9a-z]+")
KEYWORD_SEPARATORS = re.compile(r"[,，、;；/|\s]+")
# Weight of a token by the field it comes from (summed over the fields).
WEIGHTS = {"title": 3, "keywords": 3, "question": 2, "body": 1}
# How much each "This answered it" adds to an article's score (log-damped).
USAGE_WEIGHT = 0.3


def normalize(text):
    """Full-width to half-width, lower case."""
    return unicodedata.normalize("NFKC", text or "").lower()


def bigrams(text):
    """Distinct tokens of ``text``: bigrams of Chinese runs (a lone Chinese
    character gives nothing), Latin words and numbers whole."""
    tokens = set()
    for run in RUNS.findall(normalize(text)):
        if run[0].isascii():
            tokens.add(run)
        else:
            tokens.update(run[i : i + 2] for i in range(len(run) - 1))
    return tokens


def keywords(text):
    """An editor's keywords and synonyms (separated by commas, 、, spaces):
    each whole, plus its bigrams."""
    tokens = set()
    for word in KEYWORD_SEPARATORS.split(normalize(text)):
        if word:
            tokens.add(word)
            tokens.update(bigrams(word))
    return tokens


def document_tokens(title="", question="", body="", keyword_text=""):
    """``{token: weight}`` of an article, body given as plain text."""
    weights = {}
    for field, tokens in (
        ("title", bigrams(title)),
        ("question", bigrams(question)),
        ("body", bigrams(body)),
        ("keywords", keywords(keyword_text)),
    ):
        for token in tokens:
            weights[token] = weights.get(token, 0) + WEIGHTS[field]
    return weights


def query_tokens(query):
    """Tokens of a query: its bigrams and words, and its Chinese characters
    one by one (to meet one-character keywords)."""
    text = normalize(query)
    tokens = bigrams(text)
    tokens.update(
        char for run in RUNS.findall(text) if not run[0].isascii() for char in run
    )
    return tokens


def idf(total, frequency):
    """Inverse document frequency of a token found in ``frequency`` of
    ``total`` articles."""
    return math.log(1 + total / frequency)


def score(matched, total, frequencies, uses=0):
    """Score of an article: ``matched`` ``{token: weight}`` it shares with the
    query, ``frequencies`` ``{token: articles holding it}``, ``uses`` how many
    tickets it answered."""
    relevance = sum(w * idf(total, frequencies[t]) for t, w in matched.items())
    return relevance + USAGE_WEIGHT * math.log(1 + uses)


def rank(documents, query, tokenize_query=query_tokens, limit=3):
    """Rank in memory: ``documents`` ``{key: {token: weight}}``; the keys of
    the best ``limit`` articles sharing a token with ``query``."""
    tokens = tokenize_query(query)
    frequencies = {}
    for weights in documents.values():
        for token in tokens & weights.keys():
            frequencies[token] = frequencies.get(token, 0) + 1
    scored = []
    for key, weights in documents.items():
        matched = {t: weights[t] for t in tokens & weights.keys()}
        if matched:
            scored.append((score(matched, len(documents), frequencies), key))
    scored.sort(key=lambda item: (-item[0], str(item[1])))
    return [key for _score, key in scored[:limit]]
