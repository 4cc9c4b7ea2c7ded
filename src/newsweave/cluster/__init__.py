"""Incremental story clustering: one pass over a stream of articles, in bounded memory.

*Representation.* An article gives three unit vectors: **terms** (stemmed content words of title and
text, BM25-saturated frequency), **names** (capitalised words that do not open a sentence) and
**numbers**, the last two only when the text has case; weights times an IDF counted on the stream itself.
A story is the sum of its articles' unit vectors per channel: its centroid and, through the sum's norm,
its *coherence* (the mean cosine between two of its articles).

*Decision.* 1. **Near-copy**: an article whose word 5-grams are mostly contained in an earlier article of
an open story (MinHash LSH, :mod:`newsweave.dedup`), and that carries its names (at least half of the
smaller set: :func:`~newsweave.cluster.reading.names_agree`; a results table or a bulletin reused for
another event keeps the wording, not the names), joins that story but adds nothing to it (copies of one
text count once). 2. **Candidates** come from an inverted index over the open stories' top terms.
3. **Topic gate**: the term cosine to the centroid, times a time decay ``0.5 ** (gap / half_life_days)``
(gap between the article's date and the story's dates, when known), must reach ``threshold * sqrt(n /
(n + length_scale))`` for ``n`` content words: the attenuation of a cosine measured on ``n`` words
(Spearman's correction, reliability ``n / (n + length_scale)``), so that snippets and long articles
share one threshold. The article must also be, on average, ``join_ratio`` as similar to the story's
articles as they are to each other. 4. **Event check** (text with case): reports of one event name the
same people, places and figures; two events of one kind (two rehab check-ins) share topic words, not
names. The names-and-numbers cosine must reach ``event_threshold``, and the highest wins (the highest
term cosine without names). No candidate left: a new story.

*Refinement* (always reflected by :meth:`StoryClusterer.assignments`). **Split**: one article cannot
always tell a new event of a known kind from one more report of the known event; a burst can. After each
join the story's last 3 to :data:`RECENT_ITEMS` articles are compared with the rest: below
``split_ratio`` (mean cross cosine over the geometric mean of the two parts' coherences) they become a
story of their own. On ECB+ and GoogleNews dev, the last articles of one story score 0.72 / 0.78 and more
(1st percentile); the first articles of a second event of one kind, 0.46-0.65 (0.72-0.79 in the three
topics whose two events also share their names). **Repair**: in a shuffled stream the articles of two
stories interleave, and one early article can bridge two unrelated stories that share a word or two
(lower-cased snippets have no names to tell them apart); both then grow as one. A story of at most
:data:`REPAIR_ITEMS` articles keeps every article's vectors and, at the sizes :data:`REPAIR_AT`, is cut
along the Fiedler vector of its articles' term similarities where the same ratio is lowest, if below
``repair_ratio``: what it cuts depends on the story's articles, not on their order. In a story with
names the same cut is then sought on term and event similarities together (each over its mean), below
``event_repair_ratio``: an early report of one rehab check-in that drew in the reports of another is
undone once the names show two groups. **Merge**: two open
stories that one article could join, or that share index terms when one is re-indexed, merge at
``merge_ratio`` of the same measure (random halves of one story: 0.85 / 0.95 and more, 5th percentile).
Without names (lower-cased text) events of one kind cannot be told apart: no burst split, and stories
merge by topic (centroid cosine ``merge_threshold``).

*Memory.* Stories idle for more than ``window_days`` of the stream's own time (its latest date) close,
and at most ``max_active`` stay open (the least recently updated close first). Closing drops a story's
vectors, index entries and sketches; its articles' assignments remain, unless the clusterer was made
without ``keep_closed`` (a store's: it has them, and follows merges, splits and closes from
:meth:`StoryClusterer.take_changes`). A story that never saw a date
has no age and closes only by ``max_active``.

Defaults were calibrated once on ECB+ dev (535 full English articles, two similar events per topic) and
GoogleNews dev (5,271 lower-cased title+snippet items, one day) together, and serve all data.
"""

from newsweave.cluster.reading import Prepared, StoryItem, prepare
from newsweave.cluster.stream import ClusterOptions, StoryChange, StoryClusterer

__all__ = ["ClusterOptions", "Prepared", "StoryChange", "StoryClusterer", "StoryItem", "prepare"]
