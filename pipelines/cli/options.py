"""Options and helpers shared by the `peermap` commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from pipelines.core.registry import Settings

DataDir = Annotated[
    str | None,
    typer.Option("--data-dir", envvar="PEERMAP_DATA_DIR", help="Data folder (default ./var)."),
]
AsOf = Annotated[
    str | None,
    typer.Option("--as-of", envvar="PEERMAP_AS_OF", help="Reference time, ISO 8601 (default now)."),
]
Sources = Annotated[
    str | None,
    typer.Option("--sources", envvar="PEERMAP_SOURCES", help="Source registry (sources.toml)."),
]


DaskAddress = Annotated[
    str | None,
    typer.Option("--dask-address", envvar="PEERMAP_DASK_ADDRESS",
                 help="Run tasks on this Dask scheduler (tcp://host:8786) instead of threads."),
]


def fail(message: str, code: int = 2) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def registry_settings(registry: Path) -> Settings:
    """The registry's [settings] when a registry exists, else defaults (preview of a lone file)."""
    from pipelines.core.registry import Settings, load_registry

    return load_registry(registry).settings if registry.exists() else Settings()
