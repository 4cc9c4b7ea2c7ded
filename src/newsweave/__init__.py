"""newsweave: turn many news articles about the same events into briefings a reader can check."""

from newsweave.errors import NewsweaveError

__version__ = "0.1.0"

__all__ = ["NewsweaveError", "__version__"]
