"""Config files: discovery, validation with file:line errors, and how settings apply."""

import textwrap

import pytest
from scorecard_fixtures import finding, flag

from policy_lint.api import apply_config
from policy_lint.config import Config, config_for, find_config, load_config
from policy_lint.errors import ConfigError
from policy_lint.findings import Severity, Status


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


GOOD = """
packs: [chscp-leaders]
fail_under: 60
rag: {green: 85, amber: 55}
rules:
  AR-L02: off
  AR-L03: false
  AR-L09: error
  AR-L13: {severity: info}
doc_types:
  "contracts/**": contract
exclude: ["drafts/"]
waivers:
  - rule: AR-L13
    paths: "hr/*.docx"
    reason: workforce plan due March
    expires: 2027-03-31
"""


def test_yaml_config_loads_every_setting(tmp_path):
    cfg = load_config(str(write(tmp_path / ".policy-lint.yaml", GOOD)))
    assert cfg.packs == ("chscp-leaders",)
    assert cfg.fail_under == 60
    assert (cfg.thresholds.green, cfg.thresholds.amber) == (85.0, 55.0)
    assert not cfg.rules["AR-L02"].enabled and not cfg.rules["AR-L03"].enabled
    assert cfg.rules["AR-L09"].severity == "error" and cfg.rules["AR-L09"].enabled
    assert cfg.rules["AR-L13"].severity == "info"
    assert cfg.doc_type_for(str(tmp_path / "contracts/2025/cleaning.pdf")) == "contract"
    assert cfg.doc_type_for(str(tmp_path / "hr/code.docx")) is None
    assert cfg.is_excluded(str(tmp_path / "drafts/x.md"))
    assert not cfg.is_excluded(str(tmp_path / "final/x.md"))
    (w,) = cfg.waivers
    assert (w.rule, w.paths, w.expires, w.line) == ("AR-L13", ("hr/*.docx",), "2027-03-31", 13)


def test_pyproject_table_found_walking_up(tmp_path):
    write(tmp_path / "pyproject.toml", """
        [project]
        name = "x"

        [tool.policy-lint]
        fail_under = 70
        packs = ["chscp-leaders", "chscp-language"]

        [tool.policy-lint.rules]
        AR-L02 = "off"
        """)
    doc = tmp_path / "policies" / "hr" / "code.md"
    write(doc, "# Code\n")
    assert find_config(str(doc.parent)) == str(tmp_path / "pyproject.toml")
    cfg = config_for(str(doc))
    assert cfg.fail_under == 70 and not cfg.rules["AR-L02"].enabled
    # a nearer .policy-lint.yaml wins
    write(tmp_path / "policies" / ".policy-lint.yaml", "fail_under: 40\n")
    assert config_for(str(doc)).fail_under == 40


def test_no_config_gives_defaults(tmp_path):
    write(tmp_path / "a.md", "# A\n")
    cfg = config_for(str(tmp_path / "a.md"))
    assert cfg.path == "" and cfg.fail_under is None and cfg.packs is None


@pytest.mark.parametrize(
    "text, line, fragment",
    [
        ("fail_under: 60\nrules:\n  AR-L02: maybe\n", 3, "rules.AR-L02: "),
        ("packs: [chscp-leaders]\nfail_undr: 60\n", 2, "fail_undr: unknown setting"),
        ("waivers:\n  - rule: AR-L01\n    paths: a.md\n    reason: ok then\n"
         "    expires: 2027-13-45\n", 5, "waivers[0].expires"),
        ("waivers:\n  - rule: AR-L01\n    paths: a.md\n    expires: 2027-01-01\n", 2,
         "'reason' is a required property"),
        ("rag:\n  green: 40\n  amber: 60\n", 1, "amber is above green"),
        ("fail_under: 60\npacks: [a\n", 3,
         "YAML syntax error: did not find expected ',' or ']' — fix the YAML"),
        ("fail_under: 160\n", 1, "fail_under: 160 is greater than the maximum of 100"),
    ],
)
def test_config_errors_point_at_file_and_line(tmp_path, text, line, fragment):
    path = write(tmp_path / ".policy-lint.yaml", text)
    with pytest.raises(ConfigError) as err:
        load_config(str(path))
    assert err.value.line == line
    assert err.value.message.startswith(f"{path}:{line}: ")
    assert fragment in err.value.message


def test_toml_error_line(tmp_path):
    path = write(tmp_path / "pyproject.toml", """
        [project]
        name = "x"

        [tool.policy-lint]
        packs = ["chscp-leaders"]
        fail_under = "high"
        """)
    with pytest.raises(ConfigError) as err:
        load_config(str(path))
    assert err.value.line == 6
    assert "fail_under: 'high' is not of type 'number'" in err.value.message


def test_explicit_config_must_exist(tmp_path):
    with pytest.raises(ConfigError, match="no such config file"):
        config_for("a.md", str(tmp_path / "nope.yaml"))


def test_apply_config_rules_severity_and_waivers(tmp_path):
    cfg = load_config(str(write(tmp_path / ".policy-lint.yaml", GOOD)))
    findings = [
        finding("AR-L02", Status.NOT_MET),
        finding("AR-L09", Status.NOT_MET),
        finding("AR-L13", Status.NOT_MET),
        finding("AR-L01", Status.MET),
    ]
    hr = str(tmp_path / "hr" / "code.docx")
    out, flags, warnings = apply_config(hr, findings, [flag()], cfg, "2026-11-29")
    assert [f.rule_id for f in out] == ["AR-L09", "AR-L13", "AR-L01"]
    assert out[0].severity is Severity.ERROR
    assert (out[1].severity, out[1].waived) == (Severity.INFO, "workforce plan due March")
    assert warnings == [] and len(flags) == 1
    other = str(tmp_path / "other" / "code.docx")
    out, _, _ = apply_config(other, findings, [], cfg, "2026-11-29")
    assert out[1].waived == ""


def test_expired_waiver_is_reported_and_no_longer_waives(tmp_path):
    path = write(tmp_path / ".policy-lint.yaml", GOOD)
    cfg = load_config(str(path))
    hr = str(tmp_path / "hr" / "code.docx")
    out, _, warnings = apply_config(hr, [finding("AR-L13", Status.NOT_MET)], [], cfg,
                                    "2027-04-01")
    assert out[0].waived == ""
    assert warnings == [
        f"waiver for AR-L13 (workforce plan due March) expired on 2027-03-31 — no longer "
        f"applied; renew or remove it in {path}:13"
    ]


def test_config_disables_wording_rule(tmp_path):
    loaded = load_config(str(write(tmp_path / "c.yaml", "rules:\n  AR-W01: off\n")))
    cfg = Config(rules=loaded.rules)
    _, flags, _ = apply_config("a.md", [], [flag()], cfg, "2026-01-01")
    assert flags == []


def test_config_cache_follows_edits_and_the_working_folder(tmp_path, monkeypatch):
    for name, gate in (("a", 10), ("b", 20)):
        write(tmp_path / name / ".policy-lint.yaml", f"fail_under: {gate}\n")
    monkeypatch.chdir(tmp_path / "a")
    assert load_config(".policy-lint.yaml").fail_under == 10
    monkeypatch.chdir(tmp_path / "b")  # the same relative name is another file
    assert load_config(".policy-lint.yaml").fail_under == 20
    write(tmp_path / "b" / ".policy-lint.yaml", "fail_under: 35\n")  # edited in place
    assert load_config(".policy-lint.yaml").fail_under == 35


def test_every_rule_waiver_and_pack_keeps_its_line(tmp_path):
    cfg = load_config(str(write(tmp_path / ".policy-lint.yaml", GOOD)))
    assert cfg.pack_lines == (1,)
    assert {rid: s.line for rid, s in cfg.rules.items()} == {
        "AR-L02": 5, "AR-L03": 6, "AR-L09": 7, "AR-L13": 8,
    }
    assert (cfg.waivers[0].line, cfg.waivers[0].rule_line) == (13, 13)
    toml = write(tmp_path / "pyproject.toml", """
        [tool.policy-lint]
        packs = ["chscp-leaders"]
        rules = {AR-L02 = "off"}

        [[tool.policy-lint.waivers]]
        rule = "AR-L13"
        paths = "hr/*.docx"
        reason = "plan due"
        expires = "2027-03-31"

        [[tool.policy-lint.waivers]]
        paths = "x/*.docx"
        rule = "AR-L09"
        reason = "plan due"
        expires = "2027-03-31"
        """)
    cfg = load_config(str(toml))
    assert cfg.pack_lines == (2,) and cfg.rules["AR-L02"].line == 3
    assert [(w.rule, w.line, w.rule_line) for w in cfg.waivers] == [
        ("AR-L13", 5, 6), ("AR-L09", 11, 13),
    ]
