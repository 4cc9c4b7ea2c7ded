"""Clean stage: raw documents to article bodies, keeping everything removed and why."""

from newsweave.clean.text import Cleaned, clean_text

__all__ = ["Cleaned", "clean_text"]
