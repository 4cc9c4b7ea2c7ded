"""Clean stage: raw documents to article bodies, keeping everything removed and why.

- :func:`clean_text` cleans scraped plain text (:mod:`newsweave.clean.text`);
- :func:`clean_html` cleans an HTML page with trafilatura (:mod:`newsweave.clean.html`);
- :func:`clean_documents` cleans the documents of one story together, so the other articles serve
  as evidence of what is on-topic (:mod:`newsweave.clean.crossdoc`), and turns them into
  :class:`~newsweave.model.Article` records, or :class:`~newsweave.model.Rejected` ones when no body
  is left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from newsweave.clean.crossdoc import mark_offtopic
from newsweave.clean.html import clean_html
from newsweave.clean.text import Cleaned, clean_text, detect_language
from newsweave.config import CleanOptions
from newsweave.model import Article, Document, Rejected
from newsweave.words import count_words

__all__ = ["Cleaned", "clean_document", "clean_documents", "clean_html", "clean_text", "detect_language"]


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
        if words < opts.min_body_words:
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
                outlet=doc.outlet or c.outlet or _host(doc.url),
                url=doc.url,
                language=c.language,
                machine_translated=c.machine_translated,
                removed=c.removed,
                sha256=doc.sha256,
            )
        )
    return articles, rejected


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or None
