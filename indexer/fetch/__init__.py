"""``newsarchive fetch``: polite fetching of pages, feeds and sitemaps into WARC files, then indexing.

- :mod:`indexer.fetch.http_client`: one HTTP client with the archive's user agent, a per-host rate limit,
  timeouts, retries with backoff and conditional requests;
- :mod:`indexer.fetch.robots`: robots.txt rules per host;
- :mod:`indexer.fetch.fetcher`: one URL fetched politely (robots, redirects), every exchange recorded;
- :mod:`indexer.fetch.warc_writer`: the WARC files of a run (pages to index; the crawl log);
- :mod:`indexer.fetch.feeds`, :mod:`indexer.fetch.sitemap`: the links a feed or sitemap lists;
- :mod:`indexer.fetch.state`: what was fetched before (validators, pages done, failures), in SQLite;
- :mod:`indexer.fetch.rounds`: one pass over the sources; :mod:`indexer.fetch.poll`: the ``--every`` loop;
- :mod:`indexer.fetch.warc_indexing`: a round's pages WARC indexed by the archive's indexer.
"""
