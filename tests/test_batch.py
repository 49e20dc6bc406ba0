"""Batch runs: parallel workers, per-document time limit, crashed workers, stable order."""

from __future__ import annotations

import io
import os
import signal
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from policy_lint.api import DocumentSettings, Options, assemble, check_document, check_paths
from policy_lint.batch import run_tasks
from policy_lint.batch_check import check_many
from policy_lint.cli import cli
from policy_lint.errors import PackError
from policy_lint.findings import Status
from policy_lint.reporters.json_format import render as render_json
from policy_lint.scorecard import DocumentResult

CONTRACT = (
    "---\ndoc_type: contract\n---\n# Agreement {n}\n\nThe Supplier shall not unlawfully "
    "discriminate within the meaning and scope of the Equality Act 2010 or any other Law "
    "relating to discrimination.\n"
)
POLICY = (
    "---\ndoc_type: policy\n---\n# Conduct policy {n}\n\nRacist language, jokes or behaviour "
    "will not be tolerated. Any breach will be dealt with under the Disciplinary Procedure "
    "and may amount to gross misconduct resulting in dismissal.\n"
)


def _register(root: Path, suppliers: int = 3) -> list[str]:
    paths = []
    for s in range(suppliers):
        folder = root / f"supplier-{s}"
        folder.mkdir(parents=True)
        for n, text in enumerate((CONTRACT, POLICY, CONTRACT * 3)):
            p = folder / f"doc-{n}.md"
            p.write_text(text.format(n=n), encoding="utf-8")
            paths.append(str(p))
    return paths


def _work(path: str, settings: DocumentSettings) -> DocumentResult:
    """Test worker: ``hang`` sleeps, ``crash`` kills its own process, ``pack`` raises."""
    name = os.path.basename(path)
    if name.startswith("hang"):
        time.sleep(600)
    if name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    if name.startswith("pack"):
        raise PackError("packs/bad/pack.yaml", "unknown kind 'x' — use requirement", 3)
    if name.startswith("boom"):
        raise RuntimeError("parser bug")
    if name.startswith("slow"):
        time.sleep(0.3)  # finishes after the later tasks: order must not change
    return check_document(path, settings)


def _tasks(tmp_path: Path, names: list[str]) -> list[tuple[str, DocumentSettings]]:
    out = []
    for i, name in enumerate(names):
        p = tmp_path / name
        p.write_text(CONTRACT.format(n=i), encoding="utf-8")
        out.append((str(p), DocumentSettings(today="2026-01-01")))
    return out


def test_jobs_1_and_2_give_byte_identical_json(tmp_path: Path) -> None:
    _register(tmp_path)
    opts = Options(today="2026-01-01")
    one = render_json(check_many([str(tmp_path)], options=opts, jobs=1))
    two = render_json(check_many([str(tmp_path)], options=opts, jobs=2))
    assert one == two
    assert one == render_json(check_paths([str(tmp_path)], options=opts))  # the library API
    assert one.count('"path": ') >= 9


def test_vet_json_identical_with_jobs_1_and_2(tmp_path: Path) -> None:
    _register(tmp_path / "reg")
    runner = CliRunner()
    outs = [
        runner.invoke(cli, ["vet", str(tmp_path / "reg"), "-f", "json", "--no-cache", "-j", j])
        for j in ("1", "2")
    ]
    assert [o.exit_code for o in outs] == [1, 1]  # error-severity standards not met
    assert outs[0].output == outs[1].output


def test_hanging_document_times_out_and_others_complete(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, ["a.md", "hang.md", "b.md", "c.md"])
    results = run_tasks(tasks, _work, jobs=2, timeout=1)
    assert [os.path.basename(r.path) for r in results] == ["a.md", "hang.md", "b.md", "c.md"]
    hung = results[1]
    assert hung.error == f"{tasks[1][0]}: timed out after 1 s — raise --timeout or check this " \
        "file on its own"
    assert (hung.error_code, hung.rag, hung.passed) == ("timeout", "error", False)
    for r in (results[0], results[2], results[3]):
        assert r.error == ""
        assert next(f for f in r.findings if f.rule_id == "AR-C01").status is Status.MET


def test_hang_in_process_times_out_with_jobs_1(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, ["hang.md", "a.md"])
    results = run_tasks(tasks, _work, jobs=1, timeout=1)
    assert results[0].error_code == "timeout"
    assert "timed out after 1 s" in results[0].error
    assert results[1].error == "" and results[1].doc_type == "contract"


def test_killed_worker_becomes_error_row_and_run_goes_on(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, ["a.md", "crash.md", "b.md", "crash2.md", "c.md"])
    results = run_tasks(tasks, _work, jobs=2, timeout=60)
    crashed = [results[1], results[3]]
    for r in crashed:
        assert r.error_code == "internal"
        assert "stopped (killed by signal 9)" in r.error
    assert [r.error for r in (results[0], results[2], results[4])] == ["", "", ""]


def test_exception_in_one_document_is_its_row(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, ["boom.md", "a.md"])
    for jobs in (1, 2):
        results = run_tasks(tasks, _work, jobs=jobs, timeout=60)
        assert results[0].error == (
            f"{tasks[0][0]}: internal error while checking (RuntimeError: parser bug) — please "
            "report it with the document if you can"
        )
        assert results[1].error == ""


def test_pack_error_in_a_worker_stops_the_run(tmp_path: Path) -> None:
    tasks = _tasks(tmp_path, ["a.md", "pack.md", "b.md"])
    for jobs in (1, 2):
        with pytest.raises(PackError) as info:
            run_tasks(tasks, _work, jobs=jobs, timeout=60)
        assert info.value.message == "packs/bad/pack.yaml:3: unknown kind 'x' — use requirement"


def test_results_keep_task_order_whatever_finishes_first(tmp_path: Path) -> None:
    names = ["slow1.md", "a.md", "slow2.md", "b.md", "c.md", "d.md"]
    tasks = _tasks(tmp_path, names)
    seen: list[str] = []
    results = run_tasks(
        tasks, _work, jobs=2, timeout=60, on_done=lambda i, r: seen.append((i, r.path))
    )
    assert [os.path.basename(r.path) for r in results] == names
    assert sorted(seen) == [(i, p) for i, (p, _) in enumerate(tasks)]
    inline = run_tasks(tasks, _work, jobs=1)
    assert render_json(assemble(results, DocumentSettings().thresholds)) == render_json(
        assemble(inline, DocumentSettings().thresholds)
    )


def test_vet_reports_timeout_row_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A parser that hangs (patched here, inherited by forked workers) gives a timeout row."""
    import policy_lint.parsers as parsers

    real = parsers.parse_file

    def parse(path: str, **kw: object) -> object:
        if path.endswith("hang.md"):
            time.sleep(600)
        return real(path, **kw)

    monkeypatch.setattr(parsers, "parse_file", parse)
    reg = tmp_path / "reg"
    _register(reg, suppliers=2)
    (reg / "supplier-1" / "hang.md").write_text(CONTRACT.format(n=9), encoding="utf-8")
    out = CliRunner().invoke(
        cli, ["vet", str(reg), "--no-cache", "-j", "2", "--timeout", "1", "-f", "json"]
    )
    assert out.exit_code == 1
    hung = str(reg / "supplier-1" / "hang.md")
    assert f'"error": "{hung}: timed out after 1 s' in out.output
    assert out.output.count('"error": ""') == 6


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_for_more_than_a_handful() -> None:
    from policy_lint.progress import PROGRESS_MIN, progress

    for stream, total in ((io.StringIO(), 50), (_Tty(), PROGRESS_MIN)):
        with progress(total, stream=stream) as tick:
            for i in range(total):
                tick(f"doc{i}.md")
        assert stream.getvalue() == ""
    tty = _Tty()
    with progress(8, stream=tty) as tick:
        for i in range(8):
            tick(f"doc{i}.md")
    assert "checking" in tty.getvalue() and "8/8" in tty.getvalue()


def test_check_cli_jobs_1_and_2_and_cache_give_identical_json(tmp_path: Path) -> None:
    _register(tmp_path / "reg")
    runner = CliRunner()
    cache = str(tmp_path / "cache")
    base = ["check", str(tmp_path / "reg"), "-f", "json"]
    outs = [
        runner.invoke(cli, [*base, "--no-cache", "-j", "1"]),
        runner.invoke(cli, [*base, "--no-cache", "-j", "2"]),
        runner.invoke(cli, [*base, "--cache-dir", cache, "-j", "2"]),
        runner.invoke(cli, [*base, "--cache-dir", cache, "-j", "1"]),
    ]
    assert {o.exit_code for o in outs} == {1}
    assert len({o.output for o in outs}) == 1
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 9


def test_check_cli_timeout_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import policy_lint.parsers as parsers

    real = parsers.parse_file

    def parse(path: str, **kw: object) -> object:
        if path.endswith("hang.md"):
            time.sleep(600)
        return real(path, **kw)

    monkeypatch.setattr(parsers, "parse_file", parse)
    (tmp_path / "a.md").write_text(CONTRACT.format(n=1), encoding="utf-8")
    (tmp_path / "hang.md").write_text(CONTRACT.format(n=2), encoding="utf-8")
    for jobs in ("1", "2"):
        out = CliRunner().invoke(
            cli, ["check", str(tmp_path), "--no-cache", "-j", jobs, "--timeout", "1", "-f", "csv"]
        )
        assert out.exit_code == 1
        rows = [r for r in out.output.splitlines() if "hang.md" in r]
        assert rows == [
            f"{tmp_path / 'hang.md'},,,,error,false,,,error,,,,,,,{tmp_path / 'hang.md'}: timed "
            "out after 1 s — raise --timeout or check this file on its own,"
        ]
