"""Clean stage: raw documents to article bodies, keeping everything removed and why.

- :func:`clean_text` cleans scraped plain text (:mod:`newsweave.clean.text`);
- :func:`clean_html` cleans an HTML page with trafilatura (:mod:`newsweave.clean.html`);
- :func:`clean_documents` cleans the documents of one story together, so the other articles serve
  as evidence of what is on-topic (:mod:`newsweave.clean.crossdoc`), and turns them into
  :class:`~newsweave.model.Article` records, or :class:`~newsweave.model.Rejected` ones when no body
  is left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from newsweave.clean.crossdoc import mark_offtopic
from newsweave.clean.html import clean_html
from newsweave.clean.outlets import name_outlet
from newsweave.clean.text import Cleaned, clean_text, detect_language
from newsweave.config import CleanOptions
from newsweave.model import Article, Document, Rejected
from newsweave.words import count_words

__all__ = [
    "Cleaned",
    "clean_document",
    "clean_documents",
    "clean_html",
    "clean_text",
    "detect_language",
    "mark_offtopic_articles",
]


def clean_document(doc: Document, *, boilerplate: bool = True) -> Cleaned:
    """Clean one document by its kind (HTML or scraped text), without cross-document evidence.

    Args:
        doc: the document.
        boilerplate: remove boilerplate from text. ``False`` keeps text as given, paragraph by
            paragraph (for corpora whose text was extracted already, such as CC-News JSONL); HTML is
            always extracted.
    """
    if doc.kind == "html":
        return clean_html(doc.content, url=doc.url)
    if not boilerplate:
        paragraphs = tuple(" ".join(line.split()) for line in doc.content.splitlines() if line.strip())
        return Cleaned(paragraphs, (), language=detect_language(doc.content[:2000]))
    return clean_text(doc.content)


def clean_documents(
    documents: Iterable[Document],
    *,
    options: CleanOptions | None = None,
    progress: Callable[[Document], None] | None = None,
) -> tuple[list[Article], list[Rejected]]:
    """Clean the documents of one story into articles.

    Args:
        documents: the story's documents, with unique ids.
        options: cleaning options.
        progress: called after each document is cleaned (for progress bars).

    Returns:
        The articles with a body, in input order, and the documents rejected for having none.
    """
    opts = options or CleanOptions()
    docs = list(documents)
    cleaned: dict[str, Cleaned] = {}
    for doc in docs:
        cleaned[doc.id] = clean_document(doc, boilerplate=opts.boilerplate)
        if progress:
            progress(doc)
    if opts.cross_document:
        cleaned = mark_offtopic(cleaned)

    articles: list[Article] = []
    rejected: list[Rejected] = []
    for doc in docs:
        c = cleaned[doc.id]
        words = count_words(c.text)
        short = False
        if words < max(opts.min_body_words, 1) and (item := _short_item(doc, c)) is not None:
            c, words, short = item, count_words(item.text), True
        if words < opts.min_body_words and not short:
            rejected.append(
                Rejected(
                    doc.source,
                    "no_body",
                    f"no article body found ({words} words kept of {count_words(doc.content)}; "
                    f"{len(c.removed)} pieces were boilerplate)",
                )
            )
            continue
        articles.append(
            Article(
                id=doc.id,
                source=doc.source,
                text=c.text,
                title=doc.title or c.title,
                published=doc.published or c.published,
                outlet=name_outlet(doc.outlet, doc.url, [r.text for r in c.removed], site_name=c.outlet),
                url=doc.url,
                language=c.language,
                machine_translated=c.machine_translated,
                removed=c.removed,
                sha256=doc.sha256,
                short=short,
            )
        )
    return articles, rejected


# A short item: a whole input of at most this many words (a headline and a sentence or two, as news
# feeds and aggregators deliver them), of which at least SHORT_ITEM_MIN_WORDS are prose.
SHORT_ITEM_WORDS = 80
SHORT_ITEM_MIN_WORDS = 8
# What the line model says of a line (not a known phrase: an ad, an appeal, a cookie notice).
_MODEL_DETAILS = frozenset({"short line", "heading or link", "outside the article body"})


def _short_item(doc: Document, c: Cleaned) -> Cleaned | None:
    """The short item a document is, when the cleaner kept too little of it only because it is short:
    the whole input is at most :data:`SHORT_ITEM_WORDS` words, and every line the cleaner removed was
    removed by the line model for its shape (a heading, a short line), none as a known piece of
    furniture. Its body is those lines (a line that repeats the title stays out, as furniture), with at
    least :data:`SHORT_ITEM_MIN_WORDS` different words, half its words different."""
    if doc.kind != "text" or count_words(doc.content) > SHORT_ITEM_WORDS:
        return None
    if not c.removed or any(r.reason != "boilerplate" or r.detail not in _MODEL_DETAILS for r in c.removed):
        return None
    title = " ".join((doc.title or c.title or "").split()).lower()
    body = [r for r in c.removed if " ".join(r.text.split()).lower() != title]
    content = " ".join(doc.content.split())
    pieces = list(c.paragraphs) + [r.text for r in body]
    kept = tuple(sorted(pieces, key=lambda p: (content.find(" ".join(p.split())), pieces.index(p))))  # input order
    words = " ".join(kept).lower().split()
    if count_words(" ".join(kept)) < SHORT_ITEM_MIN_WORDS or len(set(words)) < max(
        SHORT_ITEM_MIN_WORDS, len(words) / 2
    ):
        return None  # too little, or one word over and over ("nothing nothing …"): no item
    removed = tuple(r for r in c.removed if r not in body)
    return Cleaned(kept, removed, title=c.title, published=c.published, language=c.language,
                   machine_translated=c.machine_translated, outlet=c.outlet)  # fmt: skip


def mark_offtopic_articles(articles: Sequence[Article]) -> list[Article]:
    """The cross-document pass (:func:`~newsweave.clean.crossdoc.mark_offtopic`) over articles cleaned
    one by one, as a store keeps them: the same story briefed from the store and from its files gets
    the same bodies (a second story glued after one article's body moves to ``removed`` either way)."""
    cleaned = {
        a.id: Cleaned(tuple(a.text.split("\n\n")) if a.text else (), a.removed, language=a.language) for a in articles
    }
    marked = mark_offtopic(cleaned)
    return [
        a if marked[a.id] is cleaned[a.id] else replace(a, text=marked[a.id].text, removed=marked[a.id].removed)
        for a in articles
    ]
