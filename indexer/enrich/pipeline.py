"""The enrichment pipeline: raw article in, :class:`~indexer.enrich.types.Enrichment` out.

Per article: clean the body, find the publication date (metadata, else a dateline at the top, else a
"Published:" line, else none), run spaCy once over title and body (``nlp.pipe``, batched, one worker
process per core, the model loaded once per process), then derive persons, organisations, countries,
places, mentioned dates, and statements and stances (:mod:`indexer.enrich.statements`).
Finished enrichments are cached by content hash and :data:`ENRICHMENT_VERSION`.

Long articles: only the first ``max_chars`` characters of the cleaned body (``enrich_max_chars``, default
1,000,000) are enriched (entities, statements, mentioned dates), cut at a paragraph or sentence end at or
below the cap; ``Enrichment["text"]`` is still the whole cleaned body, so all of it is indexed and
searchable. A text longer than ``window_chars`` (``enrich_window_chars``, default 200,000) runs through
spaCy in windows merged back into one doc with the same text (:mod:`indexer.enrich.windows`).

Statements: ``extract_statements(doc, resolver, nlp)`` receives the body's spaCy ``Doc`` (character
offsets are offsets into ``Enrichment["text"]``), an :class:`~indexer.enrich.resolver.ArticleResolver`,
and the ``nlp`` that made the doc. The doc has ``ner`` run and sentencizer sentences; tok2vec, tagger and
parser are loaded in ``nlp`` but disabled: the statements step runs them on the units it selects, for a
whole batch of articles at once (:func:`~indexer.enrich.statements.parse_candidate_units`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from indexer.cleaning import clean_body
from indexer.dates import find_dateline, find_published_line, mentioned_dates, normalise_published
from indexer.enrich import geo
from indexer.enrich.aliases import fold_name, organization_aliases
from indexer.enrich.attribution_units import UnitMode
from indexer.enrich.countries import extract_countries, extract_places
from indexer.enrich.mentions import BODY, TITLE, EntitySpan, entity_spans, split_coordinations
from indexer.enrich.nlp import PARSE_COMPONENTS, STATEMENT_COMPONENTS, load_model
from indexer.enrich.organizations import Organizations, extract_organizations
from indexer.enrich.persons import Persons, extract_persons
from indexer.enrich.resolver import ArticleResolver
from indexer.enrich.statements import STATEMENT_UNITS, ParsedUnits, extract_statements, parse_candidate_units
from indexer.enrich.types import CountryMention, Enrichment, PlaceMention, PublishedSource, Stance
from indexer.enrich.windows import enriched_part, pipe_windowed
from newsarchive.config import Settings

#: Bump whenever enrichment output for the same input can change: it invalidates the cache.
ENRICHMENT_VERSION = 51
#: The defaults of ``enrich_window_chars`` and ``enrich_max_chars`` (for callers without settings).
DEFAULT_WINDOW_CHARS: int = Settings.model_fields["enrich_window_chars"].default
DEFAULT_MAX_CHARS: int = Settings.model_fields["enrich_max_chars"].default


@dataclass(frozen=True)
class ArticleText:
    """What enrichment reads: the title, the raw body, and the raw publication-date metadata."""

    title: str
    body: str
    published: str | None = None


@dataclass(frozen=True)
class PreparedArticle:
    """An article after the cheap text steps, ready for NLP."""

    title: str
    text: str
    published: str | None
    published_source: PublishedSource


def prepare(article: ArticleText) -> PreparedArticle:
    """Clean the body and settle the publication date (no NLP).

    The publication date comes from the metadata when it parses; else from a dateline at the top of the
    body; else from a "Published: ..." line; else it is None with source ``none``. A dateline is always
    removed from the text (it is metadata, not a mention).
    """
    title = " ".join(article.title.split())
    text = clean_body(article.body)
    published = normalise_published(article.published)
    source: PublishedSource = "metadata" if published else "none"
    dateline, without_dateline = find_dateline(text)
    if dateline:
        text = without_dateline
        if published is None:
            published, source = dateline, "dateline"
    if published is None:
        published = find_published_line(text)
        source = "text" if published else "none"
    return PreparedArticle(title, text, published, source)


def pipeline_components() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(enabled, loaded-but-disabled) spaCy components: NER over the whole text, and what the statements
    step runs on the units it selects."""
    return STATEMENT_COMPONENTS, PARSE_COMPONENTS


@dataclass(frozen=True)
class ArticleEntities:
    """The canonical entities of one article."""

    persons: Persons
    organizations: Organizations
    countries: list[CountryMention]
    places: list[PlaceMention]


def extract_entities(spans: list[EntitySpan], texts: tuple[str, str], corpus_rules: bool = True) -> ArticleEntities:
    """Persons, organisations, countries and places from the NER spans of (title, body); ``corpus_rules``
    False skips the person rules for the 1996 sports layouts (:func:`~indexer.enrich.persons.extract_persons`)."""
    spans = split_coordinations(spans, _known_label)
    persons = extract_persons(spans, texts, corpus_rules=corpus_rules)
    organizations = extract_organizations(spans, texts, is_person=persons.is_person)
    person_names = set(persons.canonical_of) | set(persons.counts)
    countries = extract_countries(spans, texts, organizations.found.values(), exclude=person_names)
    places = extract_places(spans, exclude=person_names)
    return ArticleEntities(persons, organizations, countries, places)


def enrich_docs(
    article: PreparedArticle,
    title_doc: Doc,
    body_doc: Doc,
    nlp: Language | None = None,
    parsed: ParsedUnits | None = None,
    corpus_rules: bool = True,
    statement_units: UnitMode = STATEMENT_UNITS,
) -> Enrichment:
    """The enrichment of one prepared article from its title and body docs (pure: no I/O). ``parsed``: the
    body's statement units parsed ahead (``statements.parse_candidate_units``), else parsed here;
    ``corpus_rules`` as for :func:`extract_entities`; ``statement_units`` which units are searched for
    statements ("all": every unit with a reporting cue; "stance": only those that can carry a stance,
    cheaper, see docs/statements.md)."""
    entities = extract_entities(
        entity_spans(title_doc, TITLE) + entity_spans(body_doc, BODY), (article.title, article.text), corpus_rules
    )
    persons, organizations, countries, places = (
        entities.persons,
        entities.organizations,
        entities.countries,
        entities.places,
    )
    statements = extract_statements(body_doc, ArticleResolver(persons, organizations), nlp, parsed=parsed,
                                    mode=statement_units, title=title_doc)
    stances: list[Stance] = sorted({s["stance"] for s in statements})
    return Enrichment(
        title=article.title,
        text=article.text,
        published=article.published,
        published_source=article.published_source,
        enrichment_version=ENRICHMENT_VERSION,
        dates=mentioned_dates(f"{article.title}\n\n{article.text}", article.published),
        persons=[
            {"name": name, "mentions": count}
            for name, count in sorted(persons.counts.items(), key=lambda item: (-item[1], item[0]))
        ],
        countries=countries,
        places=places,
        organizations=[
            {"name": name, "country": organizations.found[name]}
            for name in sorted(organizations.found, key=lambda n: (-organizations.counts[n], n))
        ],
        statements=statements,
        stances=stances,
    )


def _known_label(name: str) -> str | None:
    """The label of a name the lexicons know: GPE for countries and places, ORG for organisations."""
    cleaned = name.removeprefix("the ").removeprefix("The ")
    if geo.country_code(cleaned) or geo.place(cleaned):
        return "GPE"
    if fold_name(cleaned) in organization_aliases():
        return "ORG"
    return None


def _parse_statement_units(body_docs: list[Doc], nlp: Language, mode: UnitMode) -> list[ParsedUnits | None]:
    """The bodies' statement units (``mode``) parsed in one batch (much cheaper than one parser call per
    article); Nones (each article then parses its own) when the batch fails."""
    try:
        return list(parse_candidate_units(body_docs, nlp, mode))
    except Exception:  # one bad article must not fail the batch: each is then parsed on its own
        return [None] * len(body_docs)


def enrich_prepared(
    articles: Sequence[PreparedArticle],
    batch_size: int,
    window_chars: int = DEFAULT_WINDOW_CHARS,
    max_chars: int = DEFAULT_MAX_CHARS,
    corpus_rules: bool = True,
    statement_units: UnitMode = STATEMENT_UNITS,
) -> list[Enrichment | str]:
    """Run spaCy over the articles' titles and bodies in batches and derive their enrichments
    (``corpus_rules`` as for :func:`extract_entities`, ``statement_units`` as for :func:`enrich_docs`).

    Only the first ``max_chars`` characters of a body are enriched (:func:`~indexer.enrich.windows.
    enriched_part`: cut at a paragraph or sentence end at or below the cap; entities, statements and
    mentioned dates come from that part), while the enrichment's ``text`` stays the whole body. A text
    longer than ``window_chars`` runs through spaCy in windows merged into one doc. Articles at or under
    both limits are enriched exactly as without them. An article whose enrichment raises gets the error
    message instead; the others are unaffected.
    """
    nlp = load_model(*pipeline_components())
    enriched = [replace(article, text=enriched_part(article.text, max_chars)) for article in articles]
    texts: list[str] = []
    for article in enriched:
        texts.extend((article.title, article.text))
    docs = pipe_windowed(nlp, texts, batch_size, window_chars)
    parsed = _parse_statement_units(docs[1::2], nlp, statement_units)
    results: list[Enrichment | str] = []
    for i, article in enumerate(enriched):
        try:
            result = enrich_docs(article, docs[2 * i], docs[2 * i + 1], nlp, parsed[i], corpus_rules,
                                 statement_units)
            result["text"] = articles[i].text
            results.append(result)
        except Exception as error:  # one bad article must not lose the batch: reported by the caller
            results.append(f"{type(error).__name__}: {error}")
    return results


class EnrichmentError(RuntimeError):
    """Raised by :meth:`~indexer.enrich.enricher.Enricher.enrich_many` for an article whose enrichment failed."""


def enrich_texts(
    articles: Sequence[ArticleText],
    batch_size: int,
    window_chars: int = DEFAULT_WINDOW_CHARS,
    max_chars: int = DEFAULT_MAX_CHARS,
    corpus_rules: bool = True,
    statement_units: UnitMode = STATEMENT_UNITS,
) -> list[Enrichment | str]:
    """:func:`prepare` (cleaning, publication date) then :func:`enrich_prepared` (with the window size, the
    cap on enriched characters, the corpus-rules switch and the statement units), per article: an article
    that fails either step gets the error message instead, in input order."""
    results: list[Enrichment | str | None] = []
    prepared: list[PreparedArticle] = []
    for article in articles:
        try:
            prepared.append(prepare(article))
            results.append(None)
        except Exception as error:  # reported by the caller like an enrichment failure
            results.append(f"{type(error).__name__}: {error}")
    enriched = iter(enrich_prepared(prepared, batch_size, window_chars, max_chars, corpus_rules, statement_units))
    return [next(enriched) if result is None else result for result in results]


def bare_enrichment(article: ArticleText, max_chars: int) -> Enrichment:
    """What can be had without NLP, for an article whose full enrichment raised (pure; never raises on
    the article's content): the title, the cleaned body (the raw body when :func:`prepare` raises) as
    ``text``, the publication date :func:`prepare` finds (else the metadata date when it parses, else
    none), :data:`ENRICHMENT_VERSION`, and no dates, persons, countries, places, organisations,
    statements or stances. ``max_chars`` is the enrichment cap of the full path; no field here is
    computed from the enriched part, so it does not change the result (the caller passes its settings'
    ``enrich_max_chars`` as for :class:`~indexer.enrich.enricher.Enricher`)."""
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, not {max_chars}")
    try:
        prepared = prepare(article)
    except Exception:  # the bare enrichment must not fail where the full one did
        try:
            published = normalise_published(article.published)
        except Exception:
            published = None
        title = " ".join(article.title.split())
        prepared = PreparedArticle(title, article.body, published, "metadata" if published else "none")
    return Enrichment(
        title=prepared.title, text=prepared.text, published=prepared.published,
        published_source=prepared.published_source, enrichment_version=ENRICHMENT_VERSION,
        dates=[], persons=[], countries=[], places=[], organizations=[], statements=[], stances=[],
    )  # fmt: skip
