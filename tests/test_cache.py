"""Result cache: content-keyed JSON entries, warm runs, corrupt entries, invalidation."""

from __future__ import annotations

import json
import os
from pathlib import Path

from policy_lint.api import DocumentSettings, Options, check_document
from policy_lint.batch import error_row
from policy_lint.batch_check import check_many
from policy_lint.cache import ResultCache, decode_result, open_cache
from policy_lint.cache import _plain as plain
from policy_lint.reporters.json_format import render as render_json

CONTRACT = (
    "---\ndoc_type: contract\n---\n# Agreement\n\nThe Supplier shall not unlawfully "
    "discriminate within the meaning and scope of the Equality Act 2010.\n\nThe nursery "
    "welcomes children of all races and backgrounds.\n"
)
OPTS = Options(today="2026-01-01")


def _doc(tmp_path: Path, name: str = "c.md", text: str = CONTRACT) -> str:
    p = tmp_path / "docs" / name
    p.parent.mkdir(exist_ok=True)
    p.write_text(text, encoding="utf-8")
    return str(p)


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


def test_round_trip_gives_an_equal_result(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    result = check_document(path, DocumentSettings(today="2026-01-01"))
    assert result.findings and result.flags  # evidence spans and a wording flag to carry
    assert decode_result(json.loads(json.dumps(plain(result)))) == result


def test_warm_run_answers_from_cache_with_identical_output(tmp_path: Path) -> None:
    _doc(tmp_path, "a.md")
    _doc(tmp_path, "b.md", CONTRACT.replace("Agreement", "Other agreement"))
    folder = tmp_path / "cache"
    cold = ResultCache(str(folder))
    docs = [str(tmp_path / "docs")]
    first = render_json(check_many(docs, options=OPTS, jobs=1, cache=cold))
    assert (cold.hits, cold.misses) == (0, 2)
    assert len(_entries(folder)) == 2
    warm = ResultCache(str(folder))
    second = render_json(check_many(docs, options=OPTS, jobs=1, cache=warm))
    assert (warm.hits, warm.misses) == (2, 0)
    assert second == first


def test_entries_are_plain_json_named_by_key(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    cache = ResultCache(str(tmp_path / "cache"))
    check_many([path], options=OPTS, cache=cache)
    (entry,) = _entries(tmp_path / "cache")
    data = json.loads(entry.read_text(encoding="utf-8"))
    assert data["format"] == 1
    assert entry.name == data["key"] + ".json"
    assert entry.parent.name == data["key"][:2]
    assert data["result"]["path"] == path


def test_changed_content_or_settings_miss(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    cache = ResultCache(str(tmp_path / "cache"))
    settings = DocumentSettings(today="2026-01-01")
    key = cache.key(path, settings)
    assert key is not None and key == cache.key(path, DocumentSettings(today="2030-05-05"))
    assert cache.key(path, DocumentSettings(today="2026-01-01", fail_under=70)) != key
    assert cache.key(path, DocumentSettings(today="2026-01-01", packs=("chscp-leaders",))) != key
    Path(path).write_text(CONTRACT + "\nMore text.\n", encoding="utf-8")
    assert cache.key(path, settings) != key
    assert cache.key(str(tmp_path / "missing.md"), settings) is None


def test_corrupt_or_foreign_entries_are_ignored_and_replaced(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    folder = tmp_path / "cache"
    expected = render_json(check_many([path], options=OPTS, cache=ResultCache(str(folder))))
    (entry,) = _entries(folder)
    for junk in ("{not json", '{"format": 1, "key": "other", "result": {}}',
                 '{"format": 1, "key": "' + entry.stem + '", "result": {"path": 3}}', ""):
        entry.write_text(junk, encoding="utf-8")
        cache = ResultCache(str(folder))
        assert render_json(check_many([path], options=OPTS, cache=cache)) == expected
        assert (cache.hits, cache.misses) == (0, 1)
    assert json.loads(entry.read_text(encoding="utf-8"))["key"] == entry.stem


def test_deleting_the_cache_is_safe(tmp_path: Path) -> None:
    import shutil

    path = _doc(tmp_path)
    folder = tmp_path / "cache"
    first = render_json(check_many([path], options=OPTS, cache=ResultCache(str(folder))))
    shutil.rmtree(folder)
    again = ResultCache(str(folder))
    assert render_json(check_many([path], options=OPTS, cache=again)) == first
    assert again.misses == 1 and len(_entries(folder)) == 1


def test_timeouts_are_not_cached_and_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    path = _doc(tmp_path)
    settings = DocumentSettings(today="2026-01-01")
    cache = ResultCache(str(tmp_path / "cache"))
    key = cache.key(path, settings)
    assert key is not None
    cache.put(key, error_row(path, settings, "timed out after 1 s", "timeout"))
    assert _entries(tmp_path / "cache") == []
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    stuck = ResultCache(str(blocker))  # a file where the folder should be
    stuck.put(key, check_document(path, settings))
    assert stuck.get(key) is None


def test_open_cache_default_and_disabled(tmp_path: Path, monkeypatch: object) -> None:
    import platformdirs

    assert open_cache(None, enabled=False) is None
    cache = open_cache(str(tmp_path))
    assert cache is not None and cache.folder == os.path.join(str(tmp_path), "v1")
    default = open_cache(None)
    assert default is not None
    assert default.folder == os.path.join(platformdirs.user_cache_dir("policy-lint"), "v1")


def test_a_file_name_that_is_not_utf8_is_checked_and_not_cached(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    name = os.fsdecode(os.fsencode(docs) + b"/bad\x9bname.md")
    with open(name, "w", encoding="utf-8") as fh:
        fh.write(CONTRACT)
    cache = ResultCache(str(tmp_path / "cache"))
    result = check_many([str(docs)], options=OPTS, jobs=1, cache=cache)
    assert [(d.path, d.error, d.doc_type) for d in result.documents] == [(name, "", "contract")]
    assert _entries(tmp_path / "cache") == []
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]  # no temp file left
