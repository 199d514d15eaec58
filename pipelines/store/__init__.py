"""The DuckDB store: runs, raw items, listings with stable ids, dedup links, suppressions and the
change log, one transaction per run (docs/data-model.md). pipelines/publish/ reads it."""

from pipelines.store.store import Store
from pipelines.store.suppress import SUPPRESSION_KINDS, SuppressionError

__all__ = ["SUPPRESSION_KINDS", "Store", "SuppressionError"]
