"""The DuckDB store: runs, raw items, listings with stable ids, dedup links, suppressions, and
the atomic publish of the read-only snapshot (docs/data-model.md)."""

from pipelines.store.store import Store
from pipelines.store.suppress import SUPPRESSION_KINDS, SuppressionError
from pipelines.store.types import PublishSummary, RunSummary, SourceResult, SourceRunSummary

__all__ = ["SUPPRESSION_KINDS", "PublishSummary", "RunSummary", "SourceResult",
           "SourceRunSummary", "Store", "SuppressionError"]
