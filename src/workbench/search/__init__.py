"""Concordance: the words of a phrase looked up across every unit of every document and
every translation memory, in a SQLite FTS5 index kept in the project's cache folder.

    index = ConcordanceIndex(path, source_lang="ru", target_lang="en")
    index.sync(sources)           # only what changed since is read again
    index.search(Query("коммунистической партии", lemma=True))

A source of rows is anything with a name and a stamp: a document's working file, an
imported translation memory. Which sources a project has is the use case
(`workbench.ops.search`); this package knows only rows, words and the index.
"""

from workbench.search.index import ConcordanceIndex, Hit, Query, Result, Row, Source, SyncReport

__all__ = ["ConcordanceIndex", "Hit", "Query", "Result", "Row", "Source", "SyncReport"]
