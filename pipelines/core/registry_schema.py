"""The registry's schema: every field's type and range, checked at load (pydantic, strict).

Strict means no coercion: `enabled = "false"` (a string) and `concurrency = "four"` are errors,
not a crawled source and a traceback later. Ranges stop settings that are accepted and then
misbehave (`timeout_s = -5` hung a run). The cron schedule is parsed by the croniter that
Prefect's CronSchedule runs (its vendored copy), so what loads here is what `serve` can schedule.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from pipelines.core.model import GEO_PRECISIONS

DEFAULT_SCHEDULE = "0 6 * * *"
_STRICT = ConfigDict(strict=True, extra="forbid", frozen=True)


def _croniter() -> Any:
    """Prefect's vendored croniter, without importing all of Prefect (seconds at start-up):
    the module is self-contained, so it is loaded from its file when Prefect isn't loaded yet."""
    loaded = sys.modules.get("prefect._vendor.croniter.croniter")
    if isinstance(loaded, ModuleType):
        return loaded.croniter
    spec = importlib.util.find_spec("prefect")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Prefect is not installed; cannot check cron schedules")
    path = Path(next(iter(spec.submodule_search_locations))) / "_vendor/croniter/croniter.py"
    module_spec = importlib.util.spec_from_file_location("peermap_prefect_croniter", path)
    if module_spec is None or module_spec.loader is None:
        raise RuntimeError(f"cannot load Prefect's croniter from {path}")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module.croniter


def _cron(value: str) -> str:
    # The same two checks as prefect._internal.schemas.validators.validate_cron_string.
    if len(value.split()) != 5 or not _croniter().is_valid(value):
        raise ValueError(f"{value!r} is not a valid 5-field cron expression")
    if any(part.casefold() in ("r", "h") for part in value.split()):
        raise ValueError(f"{value!r}: random and hashed cron fields are not supported")
    return value


def _zone(value: str | None) -> str | None:
    if value is not None:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"{value!r} is not an IANA zone") from exc
    return value


def _web_address(value: str | None) -> str | None:
    if value is not None and not re.match(r"^https?://\S+$", value):
        raise ValueError("must be an http:// or https:// address")
    return value


NonEmpty = Annotated[str, Field(min_length=1, pattern=r"\S")]


class SourceSchema(BaseModel):
    model_config = _STRICT

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{1,62}$")]
    name: NonEmpty
    url: Annotated[str, Field(pattern=r"^(https?|file)://")]
    format: NonEmpty
    timezone: Annotated[str | None, AfterValidator(_zone)] = None
    region: Annotated[str | None, Field(pattern=r"^[A-Z]{2}$")] = None
    terms: str = ""
    attribution: str = ""
    enabled: bool = True
    schedule: Annotated[str, AfterValidator(_cron)] = DEFAULT_SCHEDULE
    precision_cap: Annotated[str | None, AfterValidator(
        lambda v: _one_of(v, GEO_PRECISIONS))] = None
    max_pages: Annotated[int, Field(ge=1, le=10_000)] = 50
    timeout_s: Annotated[float, Field(gt=0, le=3600)] = 60.0
    max_bytes: Annotated[int, Field(ge=1024, le=1024**3)] = 20 * 1024 * 1024
    follow_links: bool = True
    columns: dict[str, str] = Field(default_factory=dict)
    allow_private: bool = False
    homepage: Annotated[str | None, AfterValidator(_web_address)] = None


class SettingsSchema(BaseModel):
    model_config = _STRICT

    contact_url: NonEmpty = "https://github.com/peermap/peermap"
    user_agent: NonEmpty = "PeerMap/0.1 (+{contact_url}; peer consultation finder)"
    horizon_days: Annotated[int, Field(ge=0, le=3660)] = 90
    grace_days: Annotated[int, Field(ge=0, le=3660)] = 14
    concurrency: Annotated[int, Field(ge=1, le=64)] = 4
    download_delay: Annotated[float, Field(ge=0, le=600)] = 1.0
    source_retries: Annotated[int, Field(ge=0, le=10)] = 1
    retry_delay_s: Annotated[float, Field(ge=0, le=3600)] = 10.0
    submission_ttl_days: Annotated[int, Field(ge=1, le=3660)] = 120
    parse_workers: Annotated[int, Field(ge=0, le=64)] = 0
    parse_cpu_s: Annotated[int, Field(ge=1, le=3600)] = 30
    parse_memory_mb: Annotated[int, Field(ge=256, le=1_048_576)] = 1024


def _one_of(value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is not None and value not in allowed:
        raise ValueError(f"must be one of {allowed}")
    return value


def one_line(exc: ValidationError, where: str) -> str:
    """`where: 'field' message (got value)`, every problem on one line."""
    problems = []
    for error in exc.errors():
        field = ".".join(str(p) for p in error["loc"]) or "entry"
        message = str(error["msg"]).removeprefix("Value error, ")
        if error["type"] == "extra_forbidden":
            message = "is not a known key (unknown keys are not allowed)"
        elif error["type"] == "missing":
            message = "is required"
        got = error.get("input")
        shown = "" if error["type"] in ("missing", "extra_forbidden") or isinstance(
            got, dict) else f" (got {got!r})"
        problems.append(f"'{field}' {message}{shown}")
    return f"{where}: " + "; ".join(problems)
