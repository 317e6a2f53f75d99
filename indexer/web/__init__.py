"""Web inputs: HTML pages, WARC archives and feeds turned into articles (main text, metadata, provenance)."""
