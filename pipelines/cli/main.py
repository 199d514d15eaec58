"""`peermap` — the command line. Thin: parse options, call the stage functions, print.

Every command that reads or writes data takes --data-dir (env PEERMAP_DATA_DIR, default ./var);
everything time-dependent takes --as-of (env PEERMAP_AS_OF).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from pipelines.cli.options import AsOf, DaskAddress, DataDir, Sources, fail
from pipelines.cli.sources import sources_app, suppress_app
from pipelines.cli.submissions import submissions_app
from pipelines.core.config import ConfigError, resolve_as_of, resolve_data_dir, resolve_registry
from pipelines.core.registry import RegistryError

app = typer.Typer(
    help="PeerMap: find peer consultation groups, peer events and low-cost clinical supervision.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain Click help: rendering it with Rich costs ~0.2 CPU-s per call
)



@app.callback()
def main_options(
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="-v for INFO logs, -vv for DEBUG.")
    ] = 0,
    log_format: Annotated[
        str, typer.Option("--log-format", help="Log lines on stderr: kv (key=value) or json.")
    ] = "kv",
) -> None:
    """Logs are quiet (WARNING) and structured unless asked otherwise."""
    from pipelines.core.logging_setup import configure_logging

    try:
        configure_logging(verbose, log_format)
    except ValueError as exc:
        fail(str(exc))



@app.command()
def run(
    sources: Sources = None,
    data_dir: DataDir = None,
    as_of: AsOf = None,
    source: Annotated[list[str] | None, typer.Option("--source", help="Only these ids.")] = None,
    no_export: Annotated[bool, typer.Option("--no-export", help="Skip the dataset export.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    fast: Annotated[bool, typer.Option(hidden=True)] = False,
    dask_address: DaskAddress = None,
) -> None:
    """Crawl every enabled source, ingest, publish a snapshot and export the dataset."""
    from pipelines.cli.run import print_report, run_refresh

    try:
        report = run_refresh(
            registry=resolve_registry(sources), paths=resolve_data_dir(data_dir),
            as_of=resolve_as_of(as_of), source_ids=source, export=not no_export, fast=fast,
            dask_address=dask_address,
        )
    except (RegistryError, ConfigError) as exc:
        fail(str(exc))
    if as_json:
        typer.echo(json.dumps({k: v for k, v in report.items() if k != "markdown"}, indent=2))
    else:
        print_report(report)
    if report["status"] == "failed" or report.get("unpublished"):
        raise typer.Exit(1)  # an unpublished run must not look like a success to cron


@app.command()
def demo(
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Build everything, print a summary, exit.")
    ] = False,
    data_dir: DataDir = None,
    as_of: AsOf = None,
    port: Annotated[int, typer.Option(help="Demo web port on 127.0.0.1.")] = 8765,
    dashboard_port: Annotated[int, typer.Option(help="Dashboard port on 127.0.0.1.")] = 8501,
    feed_port: Annotated[int, typer.Option(help="Calendar feed port on 127.0.0.1.")] = 8502,
) -> None:
    """Serve the fictional demo web on 127.0.0.1, run the whole pipeline over it, show the map."""
    from pipelines.cli.demo import DemoUnavailable, run_demo

    try:
        code = run_demo(
            paths=resolve_data_dir(data_dir), as_of=resolve_as_of(as_of), port=port,
            serve=not no_serve, dashboard_port=dashboard_port, feed_port=feed_port,
        )
    except (RegistryError, ConfigError, OSError, DemoUnavailable) as exc:
        fail(str(exc))
    raise typer.Exit(code)


@app.command()
def preview(
    target: Annotated[str, typer.Argument(help="A file path or an http(s) URL.")],
    fmt: Annotated[
        str, typer.Option("--format", help="auto, ics, tribe, jsonld, roster or site:<name> "
                                           "(a parser in spiders/sites/<name>.py).")
    ] = "auto",
    as_of: AsOf = None,
    data_dir: DataDir = None,
    sources: Sources = None,
    timezone: Annotated[str | None, typer.Option(help="Default IANA zone.")] = None,
    region: Annotated[str | None, typer.Option(help="Default US state code.")] = None,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Allow loopback/private/link-local targets (local tests).")] = False,
) -> None:
    """Print every listing a source yields as JSON lines (kind `other` included)."""
    from pipelines.cli.options import registry_settings
    from pipelines.cli.preview import PreviewError
    from pipelines.cli.preview import preview as run_preview

    try:
        result = run_preview(
            target, fmt=fmt, as_of=resolve_as_of(as_of),
            settings=registry_settings(resolve_registry(sources)),
            data_dir=resolve_data_dir(data_dir).ensure().data_dir,
            timezone=timezone, region=region, allow_private=allow_private,
        )
    except (PreviewError, ConfigError, RegistryError) as exc:
        fail(str(exc))
    for listing in result.listings:
        sys.stdout.write(json.dumps(result.explained(listing), ensure_ascii=False, default=str)
                         + "\n")
    typer.echo(result.summary(), err=True)
    for error in result.errors[:20]:
        typer.echo(f"  error: {error}", err=True)
    if not result.listings and result.bytes == 0:
        fail(f"{target} is empty (0 bytes): nothing to read")  # exit 2: unreadable
    empty = result.empty_reason()
    if empty:  # exit 3: scripts can tell "read fine, found nothing" from success
        typer.echo(f"peermap preview: {empty}", err=True)
        raise typer.Exit(3)


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="Folder for versioned snapshots.")],
    data_dir: DataDir = None,
    as_of: AsOf = None,
) -> None:
    """Export the published snapshot as CSV, Parquet, GeoJSON, ICS, JSON-LD, HSDS, datapackage."""
    from pipelines.export import export_snapshot

    paths = resolve_data_dir(data_dir)
    if not paths.published.exists():
        fail(f"nothing published yet in {paths.data_dir}; run `peermap run` first")
    if out.exists() and not out.is_dir():
        fail(f"--out {out} is a file; give a folder (snapshots go in dated subfolders)")
    try:
        summary = export_snapshot(paths.published, out, as_of=resolve_as_of(as_of))
    except (OSError, ConfigError) as exc:
        fail(f"cannot export to {out}: {exc}")
    typer.echo(f"wrote {len(summary.files)} files to {summary.folder}")


@app.command()
def report(
    data_dir: DataDir = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print the Markdown report.")] = False,
) -> None:
    """Print the last run's report (per-source health, counts, first errors) from the store."""
    from pipelines.cli.run import last_run_report, print_report

    found = last_run_report(resolve_data_dir(data_dir))
    if found is None:
        fail("no run recorded yet; run `peermap run` or `peermap serve` first", code=1)
        return
    if as_json:
        typer.echo(json.dumps({k: v for k, v in found.items() if k != "markdown"}, indent=2))
    elif markdown:
        typer.echo(found["markdown"])
    else:
        print_report(found)


@app.command()
def dashboard(
    data_dir: DataDir = None,
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1.")] = 8501,
) -> None:
    """Serve the map (Streamlit) over the published snapshot on 127.0.0.1."""
    from pipelines.cli.demo import serve_dashboard

    raise typer.Exit(serve_dashboard(resolve_data_dir(data_dir), port=port))


@app.command()
def feed(
    data_dir: DataDir = None,
    host: Annotated[str, typer.Option(help="Address to listen on (a reverse proxy's upstream).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8502,
) -> None:
    """Serve each search as a calendar subscription: GET /calendar.ics?<share-link parameters>."""
    from pipelines.cli.demo import serve_feed

    if not 0 <= port < 65536:
        fail(f"--port {port} is not a TCP port (0-65535; 0 picks a free one)")
    raise typer.Exit(serve_feed(resolve_data_dir(data_dir), host=host, port=port))


@app.command()
def geocode(
    text: Annotated[str | None, typer.Argument(help="A ZIP, 'City, ST', address or 'Zoom'.")] = None,
    batch: Annotated[
        Path | None, typer.Option("--batch", help="A file with one query per line.")
    ] = None,
) -> None:
    """Geocode offline: one JSON object per query."""
    from pipelines.cli.geocode import geocode_batch, geocode_one
    from pipelines.geocode import GeocoderChain

    chain = GeocoderChain.from_config(None)
    if batch is not None:
        try:
            lines = batch.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            fail(f"cannot read {batch}: {exc}")
        for row in geocode_batch(lines, chain):
            typer.echo(json.dumps(row, ensure_ascii=False))
    elif text:
        typer.echo(json.dumps(geocode_one(text, chain), ensure_ascii=False))
    else:
        fail("give a query or --batch FILE")


@app.command()
def serve(
    sources: Sources = None,
    data_dir: DataDir = None,
    port: Annotated[int, typer.Option(help="Port of the local Prefect server.")] = 4200,
    interval: Annotated[
        float | None, typer.Option(help="Run every N seconds instead of the cron schedules.")
    ] = None,
    dask_address: DaskAddress = None,
) -> None:
    """Run the refresh on the schedules in sources.toml (starts a local Prefect server if needed)."""
    from pipelines.core.registry import load_registry
    from pipelines.flows.preflight import preflight
    from pipelines.flows.schedule import serve_schedules

    registry_path = resolve_registry(sources)
    paths = resolve_data_dir(data_dir)
    try:
        registry = load_registry(registry_path)
        preflight(paths)  # before the Prefect server: its home is in the data folder
    except (RegistryError, ConfigError) as exc:
        fail(str(exc))
    serve_schedules(registry, registry_path=registry_path, paths=paths.ensure(), port=port,
                    interval_s=interval, dask_address=dask_address)


app.add_typer(sources_app, name="sources")
app.add_typer(suppress_app, name="suppress")
app.add_typer(submissions_app, name="submissions")


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
