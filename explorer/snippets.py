"""Ready-to-copy requests for one model: the key always comes from the environment, never the page."""

from __future__ import annotations

import json
import shlex

KEY_VARIABLE = "OPENROUTER_API_KEY"
EXAMPLE_INPUT = "The quick brown fox jumps over the lazy dog"


def embeddings_url(base_url: str) -> str:
    """The embeddings endpoint under a configured API base URL."""
    return base_url.rstrip("/") + "/embeddings"


def curl_snippet(base_url: str, model_id: str) -> str:
    """A curl command for POST {base}/embeddings; ids are shell-quoted so a hostile id stays data."""
    body = json.dumps({"model": model_id, "input": EXAMPLE_INPUT}, ensure_ascii=False)
    return "\n".join(
        [
            f"curl {shlex.quote(embeddings_url(base_url))} \\",
            f'  -H "Authorization: Bearer ${KEY_VARIABLE}" \\',
            '  -H "Content-Type: application/json" \\',
            f"  -d {shlex.quote(body)}",
        ]
    )


def python_snippet(base_url: str, model_id: str) -> str:
    """A Python `requests` call for POST {base}/embeddings; literals are JSON-escaped so any id stays a string."""
    return "\n".join(
        [
            "import os",
            "",
            "import requests",
            "",
            "response = requests.post(",
            f"    {_literal(embeddings_url(base_url))},",
            f'    headers={{"Authorization": "Bearer " + os.environ[{_literal(KEY_VARIABLE)}]}},',
            f'    json={{"model": {_literal(model_id)}, "input": [{_literal(EXAMPLE_INPUT)}]}},',
            "    timeout=30,",
            ")",
            "response.raise_for_status()",
            'vector = response.json()["data"][0]["embedding"]',
            'print(len(vector), "dimensions")',
        ]
    )


def _literal(text: str) -> str:
    """A double-quoted string literal valid in Python (JSON escapes are a subset of Python's)."""
    return json.dumps(text)
