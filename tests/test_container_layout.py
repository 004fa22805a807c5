"""The container's own files, laid out as its COPY lines say, serve the catalog with its CMD, and its
HEALTHCHECK command passes against that server. (No container engine is needed: this runs the same
command on the same files, with the port and data directory changed.)"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import APP_ENV_NAMES, ROOT, free_port

TABLE = '[data-testid="stDataFrame"] canvas'


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(instruction, arguments) with continuation lines joined."""
    text = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def image_layout(target: Path) -> None:
    """Copy what the Dockerfile COPYs (the app's own files) into target, as in its WORKDIR."""
    for word, args in dockerfile_instructions():
        if word != "COPY":
            continue
        *sources, dest = args.split()
        for source in sources:
            src, dst = ROOT / source, target / dest.rstrip("/")
            if dest.endswith("/") or dest == "." or len(sources) > 1:
                dst = target / dest / Path(source).name
            dst.parent.mkdir(parents=True, exist_ok=True)
            if src.is_dir():
                shutil.copytree(src, dst, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(src, dst)


def exec_form(word: str) -> list[str]:
    args = next(rest for w, rest in dockerfile_instructions() if w == word)
    if word == "HEALTHCHECK":
        args = args[args.index("CMD") + 3 :].strip()
    return json.loads(args)


def test_the_images_files_serve_the_catalog_and_pass_its_healthcheck(tmp_path: Path, page) -> None:
    app = tmp_path / "app"
    image_layout(app)
    copied = {p.name for p in app.iterdir()}
    assert copied == {
        "requirements.txt",
        "constraints.txt",
        "app.py",
        "serve.py",
        ".streamlit",
        "components",
        "explorer",
        "pages",
    }
    port = free_port()
    command = [
        arg.replace("--server.port=8501", f"--server.port={port}").replace("0.0.0.0", "127.0.0.1")
        for arg in exec_form("CMD")
    ]
    assert command[:2] == ["python", "serve.py"]
    env = {k: v for k, v in os.environ.items() if k not in APP_ENV_NAMES}
    env["EXPLORER_DATA_DIR"] = str(tmp_path / "var")  # the image's /app/var
    log = (tmp_path / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, *command[1:]], cwd=app, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    health = [sys.executable, *[a.replace("8501", str(port)) for a in exec_form("HEALTHCHECK")[1:]]]
    try:
        deadline = time.monotonic() + 40
        while subprocess.run(health, capture_output=True, timeout=10).returncode != 0:
            assert proc.poll() is None and time.monotonic() < deadline, (tmp_path / "server.log").read_text()
            time.sleep(0.5)
        page.goto(f"http://127.0.0.1:{port}/")
        page.get_by_text("Snapshot of 2026-08-19").wait_for()
        page.locator(TABLE).first.wait_for()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(10)
        log.close()
    # Stopped: the same health command now fails, so it does check the server.
    assert subprocess.run(health, capture_output=True, timeout=10).returncode != 0
