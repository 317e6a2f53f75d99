"""Response shapes of the quote search (``/api/statements``; also what ``/quotes`` renders)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class StatementHit(BaseModel):
    """One statement and the article it is in. ``content_html`` is the content HTML-escaped with ``<mark>``
    around the matched words (safe to insert as HTML); empty when the statement has no content."""

    article_id: str
    article_title: str
    published: str | None = None
    article_url: str = Field(description="The article page, /articles/{id}.")
    speaker: str
    speaker_text: str = ""
    resolved: bool = Field(description="True when the speaker is a known person or organisation.")
    stance: str
    cue: str = ""
    direct: bool = Field(default=False, description="A direct quote (in quotation marks).")
    content: str | None = None
    content_html: str = ""
    target: str | None = None
    evidence: str = ""


class StatementSearchResponse(BaseModel):
    """One page of a quote search. Pages count articles: each brings its matching statements (at most 10,
    ``more_in_articles`` says how many were left out)."""

    total: int = Field(description="Statements matching in all articles.")
    articles: int = Field(description="Articles holding a matching statement.")
    page: int
    size: int = Field(description="Articles per page.")
    pages: int
    hits: list[StatementHit]
    more_in_articles: int = Field(default=0, description="Matching statements of this page not listed.")
    took_ms: int = Field(description="Elasticsearch's own time for the search.")
