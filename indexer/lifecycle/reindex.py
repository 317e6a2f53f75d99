"""``newsarchive reindex``: build a new physical index from the enrichment store and switch the aliases to it.

Steps, each checkpointed in the re-index state file (:mod:`indexer.lifecycle.state`):

1. with ``re_enrich``: run NLP again on the stored raw inputs (all, or only outdated) and update the store;
2. create the target index (code's mapping, no replicas, no refresh) and stream the store into it by its
   physical name, in id order, remembering the last id acknowledged; the active entity corrections
   (:mod:`indexer.corrections`) are applied on the way, here and in the catch-up (no NLP);
3. catch up with store writes made meanwhile (``newsarchive index`` / ``delete`` keep working on the live
   index through the aliases and write the store too);
4. refresh and verify that the target holds exactly as many documents as the store;
5. restore replicas and refresh interval, swap both aliases in one atomic request, catch up once more;
6. forget the state; with ``keep``, prune old indices.

Until step 5 the aliases are untouched: an interruption (Ctrl-C, crash, kill) leaves the live index serving
and ``resume`` continues from the last checkpoint.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from itertools import chain
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import scan

from indexer.bulk import ItemFailure
from indexer.corrections import CorrectionPlan, active_corrections
from indexer.corrections.apply import corrected_documents, corrected_json
from indexer.indexing import ArticleEnricher
from indexer.lifecycle.errors import LifecycleError
from indexer.lifecycle.indices import (
    create_physical_index,
    index_mapping_version,
    index_meta,
    live_index,
    restore_settings,
    swap_aliases,
)
from indexer.lifecycle.loading import (
    Checkpoints,
    LoadOutcome,
    delete_actions,
    index_actions,
    json_index_actions,
    send,
)
from indexer.lifecycle.re_enrichment import progress_bar, re_enrich_store
from indexer.lifecycle.reindex_types import CheckpointHook, ReindexError, ReindexOptions, ReindexResult
from indexer.lifecycle.replicas import wanted_replicas
from indexer.lifecycle.retention import prune_indices
from indexer.lifecycle.state import ReindexState, clear_state, load_state, reindex_lock, save_state
from indexer.store import EnrichmentStore
from newsarchive.config import Settings
from newsarchive.mapping import MAPPING_VERSION

log = logging.getLogger(__name__)

__all__ = ["ReindexError", "ReindexOptions", "ReindexResult", "reindex"]

#: Catch-up passes before giving up on a store that keeps changing.
MAX_CATCH_UP_ROUNDS = 20




def reindex(
    client: Elasticsearch,
    settings: Settings,
    store: EnrichmentStore,
    options: ReindexOptions,
    *,
    enricher: ArticleEnricher | None = None,
    on_checkpoint: CheckpointHook | None = None,
) -> ReindexResult:
    """Re-index the store into a new physical index and make it live (steps in the module docstring).

    ``on_checkpoint`` is called after every saved checkpoint (tests use it to interrupt a run). Raises
    :class:`ReindexError` or :class:`LifecycleError` without touching the aliases when the new index is not
    complete; the state is kept for ``resume``.
    """
    started = time.monotonic()
    with reindex_lock(settings):
        state = _start_state(client, settings, store, options)
        run = _Run(client, settings, store, state, options, on_checkpoint)
        enriched, not_enriched = 0, list[str]()
        if state.phase == "enrich":
            if enricher is None:
                raise LifecycleError("re-enrichment needs an enricher")
            enriched, not_enriched = run.re_enrich(enricher)
        target = run.ensure_target()
        previous: str | None
        if live_index(client, settings) == target:  # resumed after the swap: only the last catch-up is left
            previous = index_meta(client, target).get("previous_index")
            loaded = run.retry_failed().written + run.catch_up().written
        else:
            loaded = run.load()
            loaded += run.catch_up().written
            run.verify()
            restore_settings(client, target, replicas=wanted_replicas(client, settings))
            previous = live_index(client, settings)
            swap_aliases(client, settings, old=previous, new=target)
            loaded += run.catch_up().written
        documents = client.count(index=target)["count"]
        clear_state(settings)
    seconds = time.monotonic() - started  # until the new index is live and caught up; pruning is after
    pruned = prune_indices(client, settings, keep=options.keep) if options.keep is not None else []
    return ReindexResult(
        target=target,
        previous=previous,
        documents=int(documents),
        loaded=loaded,
        seconds=seconds,
        enriched=enriched,
        not_enriched=not_enriched,
        pruned=pruned,
    )


def _start_state(
    client: Elasticsearch, settings: Settings, store: EnrichmentStore, options: ReindexOptions
) -> ReindexState:
    existing = load_state(settings)
    if options.resume:
        if existing is None:
            raise LifecycleError(f"no unfinished re-index of {settings.alias} to resume")
        if existing.target is not None:
            if not client.indices.exists(index=existing.target):
                raise LifecycleError(
                    f"the target {existing.target} of the unfinished re-index is gone: start over with --restart"
                )
            if index_mapping_version(client, settings, existing.target) != MAPPING_VERSION:
                raise LifecycleError(
                    f"the unfinished re-index into {existing.target} used another mapping version: "
                    "start over with --restart"
                )
        return existing
    if existing is not None:
        if not options.restart:
            where = f" into {existing.target}" if existing.target else ""
            raise LifecycleError(
                f"an unfinished re-index{where} exists (phase {existing.phase}): continue it with --resume or "
                "discard it with --restart"
            )
        _discard(client, settings, existing)
    if options.re_enrich and options.only_outdated and options.enrichment_version is None:
        raise ValueError("only_outdated needs the code's enrichment_version")
    live = live_index(client, settings)
    if live is not None and not options.allow_fewer:
        in_live, in_store = int(client.count(index=live)["count"]), store.count()
        if in_store < in_live:
            raise LifecycleError(
                f"the enrichment store {store.path} holds {in_store} documents, the live index {live} {in_live}: "
                "a re-index would lose the difference. Is NEWSARCHIVE_DATA_DIR right? Index the missing "
                "articles again with `newsarchive index`, or pass --allow-fewer"
            )
    state = ReindexState(
        phase="enrich" if options.re_enrich else "load",
        re_enrich=options.re_enrich,
        only_outdated=options.only_outdated,
        enrichment_version=options.enrichment_version,
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    save_state(settings, state)
    return state


def _discard(client: Elasticsearch, settings: Settings, state: ReindexState) -> None:
    target = state.target
    if target is not None and client.indices.exists(index=target):
        aliases = client.indices.get_alias(index=target).body.get(target, {}).get("aliases", {})
        if aliases:
            raise LifecycleError(f"{target} has aliases {sorted(aliases)}: it is in use, not discarding it")
        client.indices.delete(index=target)
        log.warning("deleted %s, the target of the discarded re-index", target)
    clear_state(settings)


class _Run:
    """One re-index run over its state (the steps of :func:`reindex`)."""

    def __init__(
        self,
        client: Elasticsearch,
        settings: Settings,
        store: EnrichmentStore,
        state: ReindexState,
        options: ReindexOptions,
        on_checkpoint: CheckpointHook | None,
    ) -> None:
        self.client = client
        self.settings = settings
        self.store = store
        self.state = state
        self.options = options
        self.on_checkpoint = on_checkpoint
        self.chunk_size = settings.bulk_chunk_size
        # Entity corrections: the store keeps NLP's output, the new index gets it corrected.
        self.plan = CorrectionPlan.compile(active_corrections(store.path))

    def checkpoint(self, *, notify: bool = True) -> None:
        save_state(self.settings, self.state)
        if notify and self.on_checkpoint is not None:
            self.on_checkpoint(self.state)

    @property
    def target(self) -> str:
        if self.state.target is None:
            raise LifecycleError("no target index yet")
        return self.state.target

    # -- step 1 ---------------------------------------------------------------------------------------

    def re_enrich(self, enricher: ArticleEnricher) -> tuple[int, list[str]]:
        """Enrich the stored raw inputs again and store the new documents; return (count, ids left as they
        were because they have no raw input or their enrichment failed)."""
        result = re_enrich_store(self.store, self.state, enricher, self.chunk_size, self.options.progress,
                                 self.checkpoint)
        self.state.phase = "load"
        self.checkpoint(notify=False)
        return result

    # -- step 2 ---------------------------------------------------------------------------------------

    def ensure_target(self) -> str:
        """The target index, created (with loading settings) when the state has none yet."""
        if self.state.target is None:
            self.state.seq = self.store.last_seq()  # later writes are copied by catch_up
            self.state.target = create_physical_index(
                self.client, self.settings, for_loading=True, previous=live_index(self.client, self.settings)
            )
            self.checkpoint(notify=False)
            log.info("loading into %s", self.state.target)
        return self.state.target

    def load(self) -> int:
        """Stream the store into the target from the last checkpoint on; return how many were sent."""
        target = self.target
        total = self.store.count()
        done = total - self.store.count_after(self.state.load_after_id)
        bar = progress_bar(self.options.progress, total, done, f"reindex {target}")
        failures: list[ItemFailure] = []
        sent = 0
        checkpoints = Checkpoints(self.state.load_after_id)
        acknowledged = 0
        saved_at = 0

        def documents() -> Iterator[tuple[str, str]]:
            for doc_id, text in self.store.iter_json(self.chunk_size, self.state.load_after_id):
                checkpoints.fed(doc_id)
                yield doc_id, corrected_json(text, self.plan)

        def on_item(ok: bool, doc_id: str, result: str) -> None:
            nonlocal acknowledged, saved_at
            acknowledged += 1
            bar.update(1)
            if not ok:
                failures.append(ItemFailure(doc_id=doc_id, status=0, reason=result))
            if checkpoints.acknowledged(doc_id) and acknowledged - saved_at >= self.chunk_size:
                saved_at = acknowledged
                self.state.load_after_id = checkpoints.done_through
                self.state.failed_ids = [failure.doc_id for failure in failures]
                self.checkpoint()

        try:
            retried = self.retry_failed(raise_on_failure=False)
            failures.extend(retried.failures)
            sent += retried.written
            sent += self._send(json_index_actions(target, documents()), on_item).written
        finally:
            bar.close()
            self.state.load_after_id = checkpoints.done_through
            self.state.failed_ids = [failure.doc_id for failure in failures]
            save_state(self.settings, self.state)
        if failures:
            raise ReindexError(_refused_message(failures, target), failures)
        return sent

    def retry_failed(self, *, raise_on_failure: bool = True) -> LoadOutcome:
        """Send the documents refused last time again (taken out of the state; refusals go back in)."""
        retry_ids, self.state.failed_ids = self.state.failed_ids, []
        if not retry_ids:
            return LoadOutcome()
        outcome = self._send(index_actions(self.target, self._corrected(retry_ids)))
        self.state.failed_ids = [failure.doc_id for failure in outcome.failures]
        save_state(self.settings, self.state)
        if outcome.failures and raise_on_failure:
            raise ReindexError(_refused_message(outcome.failures, self.target), outcome.failures)
        return outcome

    def _corrected(self, ids: list[str]) -> list[dict[str, Any]]:
        """The stored documents with these ids, with the active entity corrections applied."""
        return corrected_documents(self.store.get_many(ids), self.plan)

    def _send(
        self, actions: Iterator[dict[str, Any]], on_item: Callable[[bool, str, str], None] | None = None
    ) -> LoadOutcome:
        return send(
            self.client,
            actions,
            chunk_size=self.chunk_size,
            max_retries=self.settings.bulk_max_retries,
            on_item=on_item,
        )

    # -- step 3 ---------------------------------------------------------------------------------------

    def catch_up(self) -> LoadOutcome:
        """Copy store writes and deletes made after ``state.seq`` into the target, until there are none."""
        total = LoadOutcome()
        for _round in range(MAX_CATCH_UP_ROUNDS):
            changes = self.store.changes_since(self.state.seq)
            if not changes.written and not changes.deleted:
                break
            documents = self._corrected(changes.written)
            outcome = self._send(
                chain(index_actions(self.target, documents), delete_actions(self.target, changes.deleted))
            )
            total.written += outcome.written
            total.deleted += outcome.deleted
            total.failures.extend(outcome.failures)
            self.state.seq = changes.last_seq
            self.state.failed_ids.extend(failure.doc_id for failure in outcome.failures)
            self.checkpoint()
            log.info("caught up %d writes and %d deletes", outcome.written, outcome.deleted)
        if total.failures:
            raise ReindexError(_refused_message(total.failures, self.target), total.failures)
        return total

    # -- step 4 ---------------------------------------------------------------------------------------

    def verify(self) -> int:
        """Refresh the target and check it holds exactly the store's documents; return the count."""
        if self.state.failed_ids:
            raise ReindexError(
                f"{len(self.state.failed_ids)} documents were refused by Elasticsearch (first: "
                f"{', '.join(self.state.failed_ids[:5])}); the live alias is unchanged. Fix them in the store "
                "and run `newsarchive reindex --resume`"
            )
        for _attempt in range(5):
            self.client.indices.refresh(index=self.target)
            actual = int(self.client.count(index=self.target)["count"])
            expected, seq = self.store.snapshot()
            if seq != self.state.seq:  # the store changed since the last catch-up: copy that first
                self.catch_up()
                continue
            if actual == expected:
                return actual
            raise ReindexError(self._difference(actual, expected))
        raise LifecycleError(
            "the store kept changing while the new index was being verified; the live alias is unchanged: "
            "run `newsarchive reindex --resume` when fewer writes are going on"
        )

    def _difference(self, actual: int, expected: int) -> str:
        in_index = {
            hit["_id"] for hit in scan(self.client, index=self.target, query={"_source": False}, size=5000)
        }
        in_store = set(self.store.iter_ids())
        missing = sorted(in_store - in_index)[:10]
        extra = sorted(in_index - in_store)[:10]
        return (
            f"{self.target} holds {actual} documents, the store {expected}; missing e.g. {missing}, "
            f"not in the store e.g. {extra}. The live alias is unchanged"
        )


def _refused_message(failures: list[ItemFailure], target: str) -> str:
    shown = "; ".join(f"{failure.doc_id}: {failure.reason}" for failure in failures[:5])
    return (
        f"Elasticsearch refused {len(failures)} documents while loading {target} ({shown}); the live alias is "
        "unchanged: fix them in the store and run `newsarchive reindex --resume`"
    )
