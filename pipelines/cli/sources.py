"""`peermap sources …` and `peermap suppress …`: the registry and the opt-out list."""

from __future__ import annotations

from typing import Annotated

import typer

from pipelines.cli.options import AsOf, DataDir, Sources, fail
from pipelines.core.config import resolve_as_of, resolve_data_dir, resolve_registry
from pipelines.core.registry import RegistryError

sources_app = typer.Typer(help="List, check and add sources in the registry.", no_args_is_help=True,
                          rich_markup_mode=None)


@sources_app.command("list")
def sources_list(sources: Sources = None) -> None:
    """List the registry's sources."""
    from pipelines.core.registry import load_registry

    try:
        registry = load_registry(resolve_registry(sources))
    except RegistryError as exc:
        fail(str(exc))
    typer.echo(f"{'run':<4} {'id':<28} {'format':<22} {'schedule':<12} {'timeout':>7} "
               f"{'pages':>5}  url")
    for s in registry.sources:
        flag = "on " if s.enabled else "off"
        private = "  [allow_private]" if s.allow_private else ""
        typer.echo(f"{flag:<4} {s.id:<28} {s.format:<22} {s.schedule:<12} {s.timeout_s:>6g}s "
                   f"{s.max_pages:>5}  {s.url}{private}")
    enabled = len(registry.enabled())
    typer.echo(f"{enabled} of {len(registry.sources)} sources will run"
               + ("" if enabled else " -- `peermap run` refuses an empty registry"))


@sources_app.command("add")
def sources_add(
    url: Annotated[str, typer.Argument(help="A homepage, calendar page, feed or roster URL.")],
    sources: Sources = None,
    source_id: Annotated[str | None, typer.Option("--id", help="Id for the new entry.")] = None,
    name: Annotated[str | None, typer.Option(help="Human name for the new entry.")] = None,
    allow_private: Annotated[
        bool, typer.Option("--allow-private", help="Allow file: and private-network targets.")
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only print what was found.")] = False,
) -> None:
    """Detect the feeds behind URL and append a registry entry for the best one."""
    from pipelines.crawl.sources_add import SourceAddError, add_source, next_steps

    registry = resolve_registry(sources)
    try:
        entry = add_source(url, registry, source_id=source_id, name=name,
                           allow_private=allow_private, dry_run=dry_run, echo=typer.echo)
    except (SourceAddError, RegistryError) as exc:
        fail(str(exc))
    typer.echo(("would add" if dry_run else "added") + f" source {entry['id']!r} "
               f"({entry['format']}, disabled until its terms are filled in): {entry['url']}")
    for line in next_steps(entry, registry):
        typer.echo(line)


suppress_app = typer.Typer(help="The opt-out list: suppressed records are never published.",
                           no_args_is_help=True, rich_markup_mode=None)


@suppress_app.command("add")
def suppress_add(
    kind: Annotated[str, typer.Argument(help="listing_id, organizer, email, domain or url_pattern")],
    value: Annotated[str, typer.Argument(help="What to suppress.")],
    reason: Annotated[str, typer.Option(help="Why (kept for the record).")] = "",
    data_dir: DataDir = None,
    as_of: AsOf = None,
) -> None:
    """Suppress matching records everywhere and republish the snapshot."""
    from pipelines.publish import publish_store
    from pipelines.store import Store

    paths = resolve_data_dir(data_dir).ensure()
    with Store(paths.store) as store:
        try:
            store.suppress(kind, value, reason)
        except ValueError as exc:
            fail(str(exc))
        published = publish_store(store, paths.published, resolve_as_of(as_of))
    typer.echo(f"suppressed {kind}={value!r}; republished {published.listings} listings")


@suppress_app.command("list")
def suppress_list(data_dir: DataDir = None) -> None:
    """Show the opt-out list."""
    from pipelines.store import Store

    with Store(resolve_data_dir(data_dir).ensure().store) as store:
        for row in store.suppressions():
            typer.echo("\t".join(str(v) for v in row.values()))
