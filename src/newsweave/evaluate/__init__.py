"""Evaluation against labelled benchmarks (``newsweave eval …``): an edge of the pipeline, like the CLI.

- :mod:`newsweave.evaluate.summaries`: ROUGE of the summariser beside lead, LexRank and TextRank.
"""
