"""`peermap run` in a real terminal shows no Prefect telemetry notice and sends no usage event.

Prefect prints its first-run notice (and emits a first-import event) when it is imported in an
interactive terminal without DO_NOT_TRACK, outside CI. The run sets its offline environment
before Prefect is imported; this runs the real command in a pseudo-terminal with the CI markers
and DO_NOT_TRACK removed, so the test fails if an import ever moves ahead of that environment.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.support.fixture_server import ROBOTS_ALLOW_ALL, FixtureServer, Route

ICS = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
       b"UID:1@t\r\nDTSTART:20261210T230000Z\r\nDTEND:20261211T003000Z\r\n"
       b"SUMMARY:Peer consultation group for counselors\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
CI_MARKERS = ("CI", "GITHUB_ACTIONS", "GITLAB_CI", "JENKINS_URL", "TRAVIS", "CIRCLECI", "BUILDKITE",
              "TF_BUILD", "CODEBUILD_BUILD_ID", "BITBUCKET_COMMIT", "TEAMCITY_VERSION", "DRONE",
              "SEMAPHORE", "APPVEYOR", "BUDDY", "CI_NAME")
REPO = Path(__file__).resolve().parents[3]


def _run_in_terminal(args: list[str], env: dict[str, str], timeout_s: float) -> tuple[int, str]:
    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=follower, env=env,
                                cwd=REPO)
        os.close(follower)
        chunks: list[bytes] = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        return proc.wait(timeout=timeout_s), b"".join(chunks).decode("utf-8", "replace")
    finally:
        os.close(leader)


def test_run_in_a_terminal_shows_no_telemetry_notice(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in CI_MARKERS and k not in ("DO_NOT_TRACK", "PREFECT_HOME")
           and not k.startswith("PREFECT_")}
    env["PYTHONPATH"] = str(REPO)
    routes = {"/cal.ics": Route(ICS, content_type="text/calendar"),
              "/robots.txt": Route(ROBOTS_ALLOW_ALL)}
    with FixtureServer(routes) as srv:
        registry = tmp_path / "sources.toml"
        registry.write_text(
            '[settings]\ncontact_url = "https://example.org/tests"\ndownload_delay = 0.0\n\n'
            f'[[source]]\nid = "one"\nname = "One"\nurl = "{srv.url("/cal.ics")}"\n'
            'format = "ics"\nterms = "test"\nallow_private = true\n')
        code, output = _run_in_terminal(
            [sys.executable, "-m", "pipelines.cli.main", "run", "--sources", str(registry),
             "--data-dir", str(tmp_path / "var"), "--as-of", "2026-12-01T12:00:00+00:00"],
            env, timeout_s=600)
    assert code == 0, output[-3000:]
    assert "Published" in output
    assert "anonymous usage data" not in output
    assert not (tmp_path / "var" / "prefect" / ".sdk_telemetry" / "notice_shown").exists()
