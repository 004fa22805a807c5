"""Hosting: safe Streamlit defaults, a container passing hadolint, compose and Kubernetes manifests that validate."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import kubernetes_validate
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
MANIFESTS = sorted((ROOT / "deploy").glob("*.yaml"))


def test_streamlit_config_is_safe_for_hosting() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
    assert config["client"]["toolbarMode"] == "viewer"
    assert config["client"]["showSidebarNavigation"] is False
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["fileWatcherType"] == "none"  # no reloads when hosted; `make run` turns it on
    assert config["browser"]["gatherUsageStats"] is False


def test_dockerfile_passes_hadolint_at_warning_level() -> None:
    hadolint = Path(sys.executable).parent / "hadolint"
    result = subprocess.run(
        [str(hadolint), "--failure-threshold", "warning", str(ROOT / "Dockerfile")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dockerfile_runs_as_a_numeric_non_root_user_with_a_curl_free_healthcheck() -> None:
    lines = (ROOT / "Dockerfile").read_text().splitlines()
    user = next(line.split()[1] for line in lines if line.startswith("USER "))
    assert user.isdigit() and int(user) > 0
    assert "EXPOSE 8501" in lines
    healthcheck = "\n".join(lines[next(i for i, line in enumerate(lines) if line.startswith("HEALTHCHECK")) :][:2])
    assert "/_stcore/health" in healthcheck and "curl" not in healthcheck
    assert (ROOT / "Dockerfile").read_text().count("-r requirements.txt") == 1


@pytest.mark.parametrize("manifest", MANIFESTS, ids=lambda p: p.name)
def test_kubernetes_manifests_validate(manifest: Path) -> None:
    for resource in yaml.safe_load_all(manifest.read_text()):
        kubernetes_validate.validate(resource, "1.37.0", strict=True)


def test_deployment_probes_the_health_endpoint_and_ingress_pins_sessions() -> None:
    resources = {r["kind"]: r for m in MANIFESTS for r in yaml.safe_load_all(m.read_text())}
    container = resources["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/_stcore/health"
    assert container["livenessProbe"]["httpGet"]["path"] == "/_stcore/health"
    assert all("valueFrom" in env for env in container["env"] if env["name"] == "OPENROUTER_API_KEY")
    assert resources["Ingress"]["metadata"]["annotations"]["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    job = resources["CronJob"]["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]
    assert job["command"] == ["python", "-m", "explorer", "snapshot"]


def test_compose_runs_the_app_with_postgres_and_keeps_secrets_out_of_git() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    app, db = compose["services"]["app"], compose["services"]["db"]
    assert app["env_file"] == ".env"
    assert app["environment"]["EXPLORER_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert app["depends_on"]["db"]["condition"] == "service_healthy"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert any(v.startswith("pgdata:") for v in db["volumes"])
    ignored = (ROOT / ".gitignore").read_text().splitlines()
    assert ".env" in ignored and ".streamlit/secrets.toml" in ignored
    example = (ROOT / ".env.example").read_text()
    for name in ("OPENROUTER_API_KEY", "POSTGRES_PASSWORD", "EXPLORER_ALLOWED_EMAILS", "EXPLORER_ALLOWED_DOMAINS"):
        assert f"{name}=" in example
