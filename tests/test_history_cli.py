"""`python -m explorer snapshot` against the loopback API: one line of output and an exit code a scheduler reads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.fake_openrouter import FakeOpenRouter, Reply
from tests.history_fixtures import ROOT, changed_catalog, history_records


def run_snapshot(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("OPENROUTER_", "EXPLORER_"))}
    return subprocess.run(
        [sys.executable, "-m", "explorer", "snapshot"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def env_for(api: FakeOpenRouter, data_dir: Path) -> dict[str, str]:
    return {"OPENROUTER_BASE_URL": api.base_url, "OPENROUTER_API_KEY": "sk-or-test", "EXPLORER_DATA_DIR": str(data_dir)}


def test_snapshot_records_then_reports_an_unchanged_catalog(api: FakeOpenRouter, tmp_path: Path) -> None:
    api.records = list(history_records().values())
    first = run_snapshot(env_for(api, tmp_path))
    # The live catalog equals the seeded 2026-08-19 one, so it is seen again rather than stored again.
    assert (first.returncode, first.stdout) == (0, "unchanged: 34 models, same as snapshot 2; last seen updated\n")
    assert (tmp_path / "history.sqlite3").exists()
    api.records = list(changed_catalog(history_records()).values())
    second = run_snapshot(env_for(api, tmp_path))
    assert second.returncode == 0
    assert second.stdout == (
        "recorded snapshot 3: 33 models, 1 new model versions, 2 changes (1 removed, 1 price changed)\n"
    )


def test_snapshot_fetch_failure_exits_2_with_the_reason(api: FakeOpenRouter, tmp_path: Path) -> None:
    api.always = Reply(503, {"error": {"code": 503, "message": "upstream trouble"}})
    result = run_snapshot(env_for(api, tmp_path) | {"EXPLORER_FETCH_TIMEOUT": "2"})
    assert result.returncode == 2 and result.stdout.startswith("snapshot failed: ")
    assert len(result.stdout.splitlines()) == 1 and "sk-or-test" not in result.stdout + result.stderr


def test_snapshot_history_failure_exits_3_without_the_password(api: FakeOpenRouter, tmp_path: Path) -> None:
    from tests.postgres_server import _free_port

    env = env_for(api, tmp_path) | {
        "EXPLORER_DATABASE_URL": f"postgresql+psycopg://u:pw-s3cret@127.0.0.1:{_free_port()}/h"
    }
    result = run_snapshot(env)
    assert result.returncode == 3
    assert result.stdout == "snapshot not recorded: the history database cannot be reached\n"
    assert "s3cret" not in result.stdout + result.stderr


def test_an_empty_list_is_not_recorded_and_exits_2(api: FakeOpenRouter, tmp_path: Path) -> None:
    api.records = []
    result = run_snapshot(env_for(api, tmp_path))
    assert (result.returncode, result.stdout) == (
        2,
        "snapshot failed: OpenRouter returned no models; nothing was recorded\n",
    )
    api.records = list(history_records().values())
    again = run_snapshot(env_for(api, tmp_path))
    # Had the empty list been recorded, this would be a new snapshot with 34 models added back.
    assert again.stdout.startswith("unchanged: 34 models")
