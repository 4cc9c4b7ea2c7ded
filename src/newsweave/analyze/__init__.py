"""Cross-source analysis: claims, numbers, quotes, dates, conflicts and framing.

One module per concern: ``numbers`` (parse and normalise quantities), ``dates`` (resolve date
expressions, infer article dates, the timeline), ``quotes`` (quotations and their speakers),
``claims`` (sentences aligned across articles, their status), ``conflicts`` (where sources disagree),
``framing`` (loaded words per outlet). :func:`newsweave.analyze.run.analyze` runs them all.
"""
