"""What the commands promise a script: exit codes, one-line usage errors, and no input dropped without a word."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.ingest.readers import iter_documents

runner = CliRunner()
GOOD = "Protesters marched in Almaty on Friday. Police arrested dozens of them."


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "eventwire.cli", *args], capture_output=True, timeout=600, text=True)


def test_folder_entries_that_are_not_read_are_named(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "NOSUFFIX").write_text(GOOD, encoding="utf-8")  # read as text
    (tmp_path / "Biden 2.0 speech").write_text(GOOD, encoding="utf-8")  # a dot in the name is no suffix
    (tmp_path / "chart.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "blob.bin").write_bytes(b"\x00" * 10)
    (tmp_path / ".DS_Store").write_bytes(b"\x00")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    skipped: list[tuple[str, str]] = []
    names = [Path(raw.path).name for raw in iter_documents([str(tmp_path)], skipped=skipped)]
    assert names == ["Biden 2.0 speech", "NOSUFFIX", "story.txt"]
    reasons = {Path(name).name: why for name, why in skipped}
    assert reasons == {".DS_Store": "hidden", "blob.bin": "not an input kind (.bin)",
                       "chart.png": "not an input kind (.png)", "gone.txt": "broken symbolic link"}


def test_extract_names_the_skipped_files_and_exits_0(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "chart.png").write_bytes(b"\x89PNG\r\n")
    proc = _cli("extract", str(tmp_path), "-o", str(tmp_path / "out.jsonl"))
    assert proc.returncode == 0, proc.stderr
    assert "not an input kind (.png)" in proc.stderr and "chart.png" in proc.stderr


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_nothing_found_exits_4(tmp_path: Path, command: str) -> None:
    (tmp_path / "empty-folder").mkdir()
    extra = ["--db", str(tmp_path / "ew.duckdb")] if command == "ingest" else []
    proc = _cli(command, str(tmp_path / "empty-folder"), *extra)
    assert proc.returncode == 4, proc.stderr
    assert "no input found" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_a_missing_file_exits_1_and_says_so(tmp_path: Path, command: str) -> None:
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    extra = ["--db", str(tmp_path / "ew.duckdb")] if command == "ingest" else ["-o", str(tmp_path / "o.jsonl")]
    proc = _cli(command, str(tmp_path / "story.txt"), str(tmp_path / "missing.txt"), *extra)
    assert proc.returncode == 1, proc.stderr
    assert "1 of 2 inputs did not become a complete document" in proc.stderr
    if command == "ingest":  # the rerun skips the failure it knows, and still says the input failed
        again = _cli(command, str(tmp_path / "story.txt"), str(tmp_path / "missing.txt"), *extra)
        assert again.returncode == 1, again.stderr


@pytest.mark.parametrize("args, words", [
    (["--published", "notadate"], "not an ISO 8601 date"),
    (["--kb", "/no/such/kb.yaml"], "no such file"),
    (["--lexicon", "/no/such/lexicon.yaml"], "no such file"),
    (["-o", "/no/such/dir/x.jsonl"], "does not exist"),
    (["--clean", "sometimes"], "--clean must be auto or none"),
])
def test_bad_options_are_one_line_and_exit_2(tmp_path: Path, args: list[str], words: str) -> None:
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "story.txt"), *args])
    assert result.exit_code == 2, result.output
    assert words in result.output


def test_a_broken_kb_file_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "kb.yaml").write_text("actors: [unclosed\n", encoding="utf-8")
    for command in (["extract"], ["ingest", "--db", str(tmp_path / "ew.duckdb")]):
        result = runner.invoke(app, [*command, str(tmp_path / "story.txt"), "--kb", str(tmp_path / "kb.yaml")])
        assert result.exit_code == 2, result.output
        assert "--kb: cannot use" in result.output
        assert not (tmp_path / "ew.duckdb").exists()  # nothing was started


def test_ingest_takes_max_bytes_as_its_message_says(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text(GOOD * 20, encoding="utf-8")
    proc = _cli("ingest", str(tmp_path / "big.txt"), "--db", str(tmp_path / "ew.duckdb"), "--max-bytes", "100")
    assert proc.returncode == 1, proc.stderr
    proc = _cli("query", "SELECT message FROM errors", "--db", str(tmp_path / "ew.duckdb"))
    assert "--max-bytes" in proc.stdout


def test_version_prints_the_package_version_and_exits_0() -> None:
    from eventwire.version import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"eventwire {__version__}"


def _options(command, path: str = "eventwire"):
    """(command path, option flag, help) for every option of every command under `command`."""
    for param in command.params:
        if param.param_type_name == "option":  # typer carries its own copy of click: no isinstance
            for flag in param.opts:
                yield path, flag, param.help
    for name, sub in getattr(command, "commands", {}).items():
        yield from _options(sub, f"{path} {name}")


def test_each_option_means_one_thing_in_every_command() -> None:
    """A flag shared by commands is declared once (cli/options.py), so its help cannot drift between them."""
    import typer.main

    helps: dict[str, set[str]] = {}
    for _, flag, help_text in _options(typer.main.get_command(app)):
        helps.setdefault(flag, set()).add(help_text or "")
    # --format is the one exception: one meaning (the format written), with each command's own choices
    drifted = {flag: texts for flag, texts in helps.items() if len(texts) > 1 and flag not in ("--format", "-f")}
    assert not drifted
