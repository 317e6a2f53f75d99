"""The archive's one settings object, read from environment variables with the prefix ``NEWSARCHIVE_``.

This is the only module that reads the environment. Everything else receives a :class:`Settings`
instance (``create_app(settings)``, ``run_index(settings, ...)``), so tests and scripts can build their own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The Elasticsearch release the archive fetches, runs and is tested against.
ES_VERSION = "8.19.21"
#: The Lucene release inside that Elasticsearch (the analysis plugin is compiled against it).
LUCENE_VERSION = "9.12.2"

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_data_dir() -> Path:
    return Path.home() / ".local" / "share" / "newsarchive"


def _default_cache_dir() -> Path:
    return Path.home() / ".cache" / "newsarchive"


class Settings(BaseSettings):
    """All configuration of the archive. Each field can be set as ``NEWSARCHIVE_<FIELD>`` (upper case)."""

    model_config = SettingsConfigDict(env_prefix="NEWSARCHIVE_", env_file=None, extra="ignore")

    es_url: str | None = Field(
        default=None,
        description="URL of an existing Elasticsearch cluster. When unset, the archive runs its own local node.",
    )
    es_username: str | None = Field(default=None, description="Basic-auth user for es_url.")
    es_password: SecretStr | None = Field(
        default=None, description="Basic-auth password for es_url (a SecretStr: never shown by repr or logs)."
    )
    es_credentials_file: Path | None = Field(
        default=None,
        description="JSON file {\"username\": ..., \"password\": ...}, readable only by its owner (mode 0600), "
        "naming the Elasticsearch user instead of es_username/es_password.",
    )
    es_ca_certs: Path | None = Field(
        default=None,
        description="CA certificate (PEM) that signed the cluster's HTTPS certificate; default for the secured "
        "local node: the CA it created under data_dir.",
    )
    es_secure: bool = Field(
        default=False,
        description="Run the local node with security on: TLS on HTTP, file-realm users and roles "
        "(`newsarchive es start --secure`). See docs/security.md.",
    )
    es_port: int = Field(default=9200, description="HTTP port of the archive's own local node (127.0.0.1).")
    es_heap: str = Field(default="768m", description="JVM heap of the local node (-Xms/-Xmx), e.g. 512m or 1g.")
    es_nodes: int = Field(
        default=1,
        ge=1,
        le=9,
        description="Nodes of the archive's own local Elasticsearch (`newsarchive es start --nodes N` overrides; "
        "once started, the count is remembered). Node k listens on es_port + k - 1. See docs/elasticsearch.md.",
    )
    es_replicas: int | None = Field(
        default=None,
        ge=0,
        description="number_of_replicas of the archive's indices; unset: 1 when the cluster has two or more "
        "data nodes, else 0 (decided when an index is created and re-checked by `newsarchive setup`).",
    )
    index_shards: int = Field(
        default=1,
        ge=1,
        le=64,
        description="number_of_shards of a new physical index (`setup` on an empty archive, `reindex`). One "
        "shard suits up to a few hundred thousand articles; at a million, one shard per core of the data nodes "
        "halves facet latency on two cores (BENCHMARKS.md, DEPLOYMENT.md). Changed by a `reindex`.",
    )
    es_java_home: Path | None = Field(
        default=None, description="JDK 17 used to run the local node; default: the machine's Java 17."
    )
    es_user: str = Field(
        default="newsarchive",
        description="Unprivileged system user that runs the local node when the archive is started as root.",
    )
    es_request_timeout: float = Field(default=30.0, description="Seconds per Elasticsearch request.")
    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="The archive's own directory: local node data and logs, rejects, enrichment store.",
    )
    cache_dir: Path = Field(
        default_factory=_default_cache_dir,
        description="Download cache (the Elasticsearch distribution, enrichment cache).",
    )
    index_prefix: str = Field(
        default="", description="Prefix for every index and alias name (tests use a throwaway prefix)."
    )
    host: str = Field(default="127.0.0.1", description="Address the web app listens on.")
    port: int = Field(default=8000, description="Port the web app listens on.")
    page_size: int = Field(default=20, ge=1, le=100, description="Search results per page by default.")
    bulk_chunk_size: int = Field(default=500, ge=1, description="Documents per bulk request.")
    bulk_max_retries: int = Field(default=5, ge=0, description="Retries of a bulk chunk answered with 429.")
    enrich_processes: int = Field(default=0, ge=0, description="Worker processes for NLP; 0 = one per core.")
    enrich_batch_size: int = Field(default=32, ge=1, description="Texts per spaCy nlp.pipe batch.")
    enrich_max_chars: int = Field(
        default=1_000_000,
        ge=1000,
        description="Characters of an article's body that are enriched (entities, statements, dates); the "
        "rest is indexed and searchable but not enriched.",
    )
    enrich_window_chars: int = Field(
        default=200_000,
        ge=1000,
        description="A body longer than this is run through spaCy in windows of at most this many "
        "characters (cut at paragraph or sentence ends), merged with the right offsets.",
    )
    enrich_corpus_rules: bool = Field(
        default=True,
        description="Run the person-extraction rules for the 1996 Reuters sports layouts (cricket scorecards, "
        "goal scorers, line-ups, results and league tables); off: those stages are skipped. See docs/enrichment.md.",
    )
    enrich_statements: Literal["speech", "stance"] = Field(
        default="speech",
        description="Which sentences are parsed for who-said-what statements: speech (every sentence with a "
        "speech cue: every attribution becomes a statement) or stance (only sentences that can carry a "
        "stance: faster enrichment, but plain reports elsewhere are missed). See docs/statements.md.",
    )
    dask_scheduler: str | None = Field(
        default=None,
        description="Address of a Dask distributed scheduler (tcp://HOST:8786): `index` then enriches on that "
        "cluster's workers instead of a local process pool. See docs/distributed.md.",
    )
    index_retry_seconds: float = Field(
        default=120.0,
        ge=0,
        description="How long `index` keeps retrying, with backoff, while Elasticsearch is unreachable before "
        "it stops and says how to resume.",
    )
    web_es_timeout: float = Field(
        default=10.0,
        gt=0,
        description="Seconds the web app waits for Elasticsearch per request (client timeout; searches also "
        "carry it as their own `timeout`), so a stuck node answers 503 instead of hanging a page.",
    )
    curation_token: SecretStr | None = Field(
        default=None,
        description="Bearer token of the web app's entity curation API and form (merge, reject, rename, "
        "rollback; see docs/corrections.md). Unset (the default): curation is off and its routes answer 404.",
    )

    fetch_contact_url: str = Field(
        default="https://example.invalid/newsarchive-operator",
        description="Where site owners can reach whoever runs this archive (a web page or mailto: URL); named "
        "in the user agent of `newsarchive fetch`. Set it before fetching from the web.",
    )
    fetch_user_agent: str | None = Field(
        default=None,
        description="User-Agent header of `newsarchive fetch`; default: "
        "'newsarchive/<version> (news archive; +<fetch_contact_url>)'.",
    )
    fetch_host_interval: float = Field(
        default=2.0,
        ge=0,
        description="Seconds between the starts of two requests to the same host (a robots.txt Crawl-delay "
        "that is longer wins, up to fetch_max_crawl_delay).",
    )
    fetch_max_crawl_delay: float = Field(
        default=60.0, ge=0, description="The longest robots.txt Crawl-delay `fetch` honours (seconds)."
    )
    fetch_timeout: float = Field(default=20.0, gt=0, description="Seconds per HTTP request of `fetch`.")
    fetch_retries: int = Field(
        default=3, ge=0, description="Retries of a request answered 429 or 5xx, or failing to connect."
    )
    fetch_backoff_seconds: float = Field(
        default=2.0,
        ge=0,
        description="First wait before a retry; it doubles with each retry (a Retry-After header that is longer "
        "wins, up to 10 minutes).",
    )
    fetch_max_bytes: int = Field(
        default=20_000_000, ge=1000, description="Largest response body `fetch` keeps; a longer one is cut."
    )
    fetch_max_links: int = Field(
        default=1000,
        ge=1,
        description="Most new pages fetched from one feed or sitemap in one round (the rest wait for the next).",
    )

    @property
    def alias(self) -> str:
        """Read alias of the articles index (``<prefix>articles``)."""
        return f"{self.index_prefix}articles"

    @property
    def write_alias(self) -> str:
        """Write alias of the articles index (``<prefix>articles-write``)."""
        return f"{self.index_prefix}articles-write"

    @property
    def rejects_dir(self) -> Path:
        """Where rejected records are written, one JSON Lines file per run."""
        return self.data_dir / "rejects"

    @property
    def es_home_dir(self) -> Path:
        """Where the local node's distribution is unpacked and configured."""
        return self.data_dir / "elasticsearch"


def load_settings() -> Settings:
    """Build the settings from the environment (the only place the environment is read)."""
    return Settings()
