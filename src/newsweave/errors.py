"""Every failure newsweave raises, in one tree.

A *failure* is something the user has to fix (a missing file, a folder with no articles, a broken
option). An *expected outcome* (an empty file among fifty, an invalid JSONL line) is not an exception:
it becomes a :class:`newsweave.model.Rejected` record that is counted and reported, and the run goes on.

Each error carries a stable ``code`` (``NW1xx`` input, ``NW2xx`` pipeline, ``NW3xx`` output, ``NW4xx``
store, ``NW5xx`` HTTP requests) so that
scripts and the HTTP API can match on it, and its message says what to do about it.
"""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base class of every error newsweave raises on purpose.

    Args:
        message: what went wrong and how to fix it, in one line.
        source: the file, URL or input the error is about, when there is one.
    """

    code = "NW000"
    exit_code = 1

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"[{self.code}] {where}{self.message}"

    def to_dict(self) -> dict[str, str | None]:
        """The one JSON error shape used by the CLI's ``--format json`` and the HTTP API."""
        return {"code": self.code, "type": type(self).__name__, "message": self.message, "source": self.source}


# -- input -------------------------------------------------------------------------------------------


class InputError(NewsweaveError):
    """The input could not be used at all."""

    code = "NW100"
    exit_code = 2


class SourceNotFound(InputError):
    """A path given on the command line does not exist."""

    code = "NW101"


class NoArticles(InputError):
    """Nothing usable was read from any of the inputs."""

    code = "NW102"


class UnsupportedInput(InputError):
    """A file whose type newsweave does not read."""

    code = "NW103"


class DatasetError(InputError):
    """An evaluation data set that cannot be read (not JSONL, or rows without documents)."""

    code = "NW104"


# -- pipeline ----------------------------------------------------------------------------------------


class PipelineError(NewsweaveError):
    """A stage received records that break its contract (a bug, or records built by hand wrongly)."""

    code = "NW200"


class OptionsError(PipelineError):
    """An option is out of range or inconsistent with another."""

    code = "NW201"
    exit_code = 2


class MissingExtra(PipelineError):
    """A feature needs an optional dependency that is not installed."""

    code = "NW202"
    exit_code = 2


class WriterError(PipelineError):
    """The LLM writer could not produce a summary (endpoint down, timeouts, unusable replies).

    The extractive summary is used instead; the message says why.
    """

    code = "NW210"


# -- store -----------------------------------------------------------------------------------------


class StoreError(NewsweaveError):
    """The store cannot be opened or written (a corrupt file, a database newer than this code, …)."""

    code = "NW400"


class StoreNotFound(StoreError):
    """A command that reads a store was pointed at a file that does not exist."""

    code = "NW402"
    exit_code = 2


class StoryNotFound(StoreError):
    """No story in the store has the id asked for."""

    code = "NW401"
    exit_code = 2


class ArticleNotFound(StoreError):
    """An article id that is not in the store."""

    code = "NW403"
    exit_code = 2


# -- output ------------------------------------------------------------------------------------------


class OutputError(NewsweaveError):
    """A briefing could not be written or does not satisfy its schema."""

    code = "NW300"


class SchemaViolation(OutputError):
    """A briefing that does not validate against ``briefing.schema.json`` (always a bug)."""

    code = "NW301"


# -- HTTP requests (the web app) ---------------------------------------------------------------------


class RequestError(NewsweaveError):
    """An HTTP request the web app refuses; ``status`` is the HTTP status it answers with."""

    code = "NW500"
    status = 400


class RequestTooLarge(RequestError):
    """A request body over the server's limit."""

    code = "NW501"
    status = 413


class Unauthorized(RequestError):
    """A write request without the server's token."""

    code = "NW502"
    status = 401


class CrossSiteRequest(RequestError):
    """A form posted from another site (a browser sent it on another page's behalf)."""

    code = "NW503"
    status = 403


class InvalidRequest(RequestError):
    """A request whose parameters or body do not have the documented shape."""

    code = "NW504"
    status = 422


class NotFound(RequestError):
    """No page or endpoint at this path."""

    code = "NW505"
    status = 404


class MethodNotAllowed(RequestError):
    """The path exists, but not for this HTTP method."""

    code = "NW506"
    status = 405


class UnsupportedMediaType(RequestError):
    """An upload or body of a type the endpoint does not read."""

    code = "NW507"
    status = 415


class HostNotAllowed(RequestError):
    """A ``Host`` header the server does not answer to (a guard against DNS rebinding)."""

    code = "NW508"
    status = 400
