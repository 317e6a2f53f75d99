"""Enrichment: pure functions from article text to plain values (no Elasticsearch here)."""
