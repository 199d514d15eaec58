"""Schedules from sources.toml: one deployment per distinct cron, or one interval plan."""

from pathlib import Path

from pipelines.core.registry import load_registry
from pipelines.flows.refresh import make_task_runner, refresh_flow_for
from pipelines.flows.schedule import plan_schedules


def registry(tmp_path: Path, schedules: dict[str, str | None]):
    text = '[settings]\ncontact_url = "https://example.org/tests"\n'
    for sid, cron in schedules.items():
        text += (f'\n[[source]]\nid = "{sid}"\nname = "{sid}"\nurl = "http://127.0.0.1:9/{sid}"\n'
                 'format = "ics"\ntimezone = "America/Chicago"\nallow_private = true\n')
        if cron:
            text += f'schedule = "{cron}"\n'
    path = tmp_path / "sources.toml"
    path.write_text(text)
    return load_registry(path)


def test_one_cron_is_the_daily_deployment(tmp_path):
    plans = plan_schedules(registry(tmp_path, {"aa": None, "bb": None}))
    assert [(p.name, p.source_ids) for p in plans] == [("peermap-refresh-daily", ("aa", "bb"))]


def test_sources_are_grouped_by_cron(tmp_path):
    plans = plan_schedules(registry(tmp_path, {"aa": "0 6 * * *", "bb": "0 */6 * * *",
                                               "cc": "0 6 * * *"}))
    assert sorted((p.cron, p.source_ids) for p in plans) == [
        ("0 */6 * * *", ("bb",)), ("0 6 * * *", ("aa", "cc"))]


def test_interval_plan_covers_every_enabled_source(tmp_path):
    plans = plan_schedules(registry(tmp_path, {"aa": None, "bb": "0 1 * * *"}), interval_s=5)
    assert [(p.interval_s, p.cron, p.source_ids) for p in plans] == [(5, None, ("aa", "bb"))]


def test_thread_runner_follows_settings_concurrency():
    assert make_task_runner(7)._max_workers == 7
    assert refresh_flow_for(3).task_runner._max_workers == 3
