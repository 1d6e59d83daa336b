"""Knowledge search at 50,000 articles: cs.api.search_knowledge vs ``ilike``.

    python3 bench/bench_knowledge.py [--articles 50000] [--queries 1000] [--reuse]
    python3 bench/bench_knowledge.py --smoke     # tiny sizes, a quick check

Builds a database ``cs_bench_knowledge`` with cs_helpdesk, generates approved
articles with COPY (titles, questions, answers and keywords made of the words
of the thirty FAQ articles of cs_helpdesk/tests/knowledge_corpus.py, tokens
computed by the same tools/knowledge_text.py the module uses), then times the
same queries (the labelled colloquial questions and generated ones) through
``cs.api.search_knowledge`` and through document_page's own search
(``content ilike``, what its search view does) in one process, and prints
p50/p99 in ms and the ratios. It then compares, on the labelled set, the
precision@3 of the bigram tokens with jieba's segmentation (when jieba is
installed) and with ``ilike``.
"""

import argparse
import importlib.util
import io
import logging
import os
import random
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import benchlib
import pgenv

MODULE = os.path.join(ROOT, "addons", "cs_helpdesk")


def _load(name, path):
    """A pure-Python file of the add-on, without importing Odoo."""
    spec = importlib.util.spec_from_file_location(name, os.path.join(MODULE, path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


knowledge_text = _load("knowledge_text", "tools/knowledge_text.py")
corpus = _load("knowledge_corpus", "tests/knowledge_corpus.py")
ARTICLES, QUERIES = corpus.ARTICLES, corpus.QUERIES

DB = "cs_bench_knowledge"
MARK = "BENCH-KB"  # in every generated article's keywords
SUFFIXES = ["怎么办", "多少钱", "怎么交", "在哪里办", "可以吗", "要多久", "坏了", ""]


def vocabulary():
    """Words and sentences of the FAQ corpus to generate articles from."""
    words, sentences = set(), []
    for article in ARTICLES:
        words.update(
            w for w in knowledge_text.KEYWORD_SEPARATORS.split(article[7]) if w
        )
        for text in article[5:7]:
            sentences.extend(
                s + "。" for s in text.replace("；", "。").split("。") if s
            )
    return sorted(words), sentences


def generate(env, count, rng):
    """COPY ``count`` approved public articles, their history head (the
    answer) and their search tokens."""
    started = time.time()
    words, sentences = vocabulary()
    cr = env.cr
    cr.execute("SELECT coalesce(max(id), 0) FROM document_page")
    first = cr.fetchone()[0] + 1
    cr.execute("SELECT coalesce(max(id), 0) FROM document_page_history")
    first_history = cr.fetchone()[0] + 1
    company = env.company.id
    pages, history, tokens = io.StringIO(), io.StringIO(), io.StringIO()
    for n in range(count):
        page_id, history_id = first + n, first_history + n
        title = "".join(rng.sample(words, 2)) + rng.choice(["说明", "流程", "规定"])
        question = "".join(rng.sample(words, 2)) + rng.choice(SUFFIXES) + "？"
        body = "".join(rng.sample(sentences, 3))
        keywords = " ".join(rng.sample(words, 3) + [MARK])
        pages.write(
            f"{page_id}\t{title}\tcontent\tt\tapproved\tt\t{company}\t{question}"
            f"\t{keywords}\t{rng.randrange(20)}\t0\n"
        )
        history.write(f"{history_id}\t{page_id}\t<p>{body}</p>\t1.0\t{company}\n")
        weights = knowledge_text.document_tokens(title, question, body, keywords)
        for token, weight in weights.items():
            tokens.write(f"{page_id}\t{token}\t{weight}\n")
    for name, buffer, columns in [
        (
            "document_page",
            pages,
            [
                "id",
                "name",
                "type",
                "active",
                "cs_state",
                "cs_public",
                "company_id",
                "cs_question",
                "cs_keywords",
                "cs_answer_count",
                "cs_view_count",
            ],
        ),
        (
            "document_page_history",
            history,
            ["id", "page_id", "content", "name", "company_id"],
        ),
        ("cs_knowledge_token", tokens, ["page_id", "token", "weight"]),
    ]:
        buffer.seek(0)
        cr.copy_from(buffer, name, columns=columns)
    cr.execute(
        """UPDATE document_page p SET history_head = h.id
             FROM document_page_history h
            WHERE h.page_id = p.id AND p.id >= %s""",
        [first],
    )
    for table in ("document_page", "document_page_history"):
        cr.execute(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))")
        cr.execute(f"ANALYZE {table}")
    cr.execute("ANALYZE cs_knowledge_token")
    cr.execute("SELECT count(*) FROM cs_knowledge_token")
    print(
        f"generated {count:,} articles ({cr.fetchone()[0]:,} tokens) "
        f"in {time.time() - started:.1f}s",
        flush=True,
    )


def queries(count, rng):
    """The labelled questions, then generated ones, ``count`` in all."""
    words, _sentences = vocabulary()
    result = [q for q, _key in QUERIES][:count]
    while len(result) < count:
        result.append(
            "".join(rng.sample(words, rng.choice([1, 2]))) + rng.choice(SUFFIXES)
        )
    return result


def percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(int(len(ordered) * 0.99) - 1, 0)]


def relevance():
    """precision@3 on the labelled set in memory: bigrams vs jieba vs ilike."""
    documents = {
        a[0]: knowledge_text.document_tokens(a[3], a[4], a[5] + a[6], a[7])
        for a in ARTICLES
    }

    def precision(docs, tokenize):
        hits = sum(
            key in knowledge_text.rank(docs, query, tokenize) for query, key in QUERIES
        )
        return hits / len(QUERIES)

    lines = [
        f"bigrams  precision@3 {precision(documents, knowledge_text.query_tokens):.3f}"
    ]
    try:
        import jieba
    except ImportError:
        lines.append("jieba    not installed (pip install jieba to compare)")
    else:
        jieba.setLogLevel(logging.WARNING)

        def segment(text):
            return {
                w
                for w in jieba.lcut_for_search(knowledge_text.normalize(text))
                if knowledge_text.RUNS.fullmatch(w)
            }

        segmented = {}
        for a in ARTICLES:
            weights = {}
            for field, text in (
                ("title", a[3]),
                ("question", a[4]),
                ("body", a[5] + a[6]),
            ):
                for token in segment(text):
                    weights[token] = (
                        weights.get(token, 0) + knowledge_text.WEIGHTS[field]
                    )
            for token in segment(a[7]) | knowledge_text.keywords(a[7]):
                weights[token] = (
                    weights.get(token, 0) + knowledge_text.WEIGHTS["keywords"]
                )
            segmented[a[0]] = weights
        lines.append(f"jieba    precision@3 {precision(segmented, segment):.3f}")
    bodies = {a[0]: "".join(a[3:8]) for a in ARTICLES}
    found = sum(
        key in [k for k, body in bodies.items() if query in body][:3]
        for query, key in QUERIES
    )
    lines.append(f"ilike    precision@3 {found / len(QUERIES):.3f} (whole question)")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--db", default=DB, help=f"database name (default {DB})")
    parser.add_argument("--smoke", action="store_true", help="300 articles, 50 queries")
    args = parser.parse_args()
    if args.smoke:
        args.articles, args.queries = 300, 50
    pgenv.require_odoo()
    rng = random.Random(args.seed)
    with pgenv.postgres() as pg:
        if not (args.reuse and pg.db_exists(args.db)):
            benchlib.install(pg, args.db, "cs_helpdesk")
        env = benchlib.open_env(pg, args.db)
        cr = env.cr
        with cr:
            cr.execute(
                "SELECT count(*) FROM document_page WHERE cs_keywords LIKE %s",
                [f"%{MARK}"],
            )
            if cr.fetchone()[0] != args.articles:
                cr.execute(
                    "DELETE FROM document_page WHERE cs_keywords LIKE %s", [f"%{MARK}"]
                )
                generate(env, args.articles, rng)
                cr.commit()  # the bench's own cursor: keep the data for --reuse
                # what autovacuum does on a live database: the visibility map
                # lets the posting lists be read from the index alone
                pg.psql("VACUUM ANALYZE cs_knowledge_token", dbname=args.db)
            agent = env.ref("base.user_admin")
            api = env["cs.api"].with_user(agent)
            pages = env["document.page"].with_user(agent)
            texts = queries(args.queries, rng)
            for text in texts[:20]:  # warm caches and plans
                api.search_knowledge(text)
                pages.search_read([("content", "ilike", text)], ["name"], limit=5)
            # Each query through both, one after the other, so that both
            # meet the same load of the machine.
            ours, theirs, answered = [], [], 0
            for text in texts:
                t0 = time.perf_counter()
                result = api.search_knowledge(text)
                ours.append((time.perf_counter() - t0) * 1000)
                answered += bool(result)
                t0 = time.perf_counter()
                pages.search_read([("content", "ilike", text)], ["name"], limit=5)
                theirs.append((time.perf_counter() - t0) * 1000)
            cr.rollback()
    o50, o99 = percentiles(ours)
    t50, t99 = percentiles(theirs)
    print(f"articles: {args.articles:,}  queries: {len(texts)} ({answered} answered)")
    print(f"cs.api.search_knowledge        p50 {o50:8.3f} ms   p99 {o99:8.3f} ms")
    print(f"document.page content ilike    p50 {t50:8.3f} ms   p99 {t99:8.3f} ms")
    print(f"ratio ilike/search_knowledge: p50 {t50 / o50:,.1f}x  p99 {t99 / o99:,.1f}x")
    for line in relevance():
        print(line)
    return 0 if args.smoke or o99 <= 50 else 1


if __name__ == "__main__":
    sys.exit(main())
