"""Loading, validating and extending packs; broken packs fail with one line at file:line."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from policy_lint.errors import PackError
from policy_lint.findings import Severity
from policy_lint.packs import load_packs
from policy_lint.terms import TermError, compile_set, entry_regex

PACK = "id: mini\ntitle: Mini pack\nversion: 1.0.0\nsource: tests\n"

RULE = """\
id: M-01
name: logs
title: Logs racist incidents
source: tests
applies_to: [policy]
kind: requirement
topic: racism
terms:
  logged: [~log, record*]
elements:
  - id: logs
    description: logs racist incidents
    all: [[incident*], logged]
help: Log every racist incident.
model_clause: All racist incidents are logged.
examples:
  - status: met
    text: Racist incidents are logged.
"""


def write(folder: Path, files: dict[str, str | bytes]) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return str(folder)


def pack_error(folder: str) -> PackError:
    with pytest.raises(PackError) as err:
        load_packs([folder])
    message = err.value.message
    assert "\n" not in message
    return err.value


def test_loads_a_valid_pack(tmp_path):
    rules = load_packs([write(tmp_path / "mini", {"pack.yaml": PACK, "M-01.yaml": RULE})])
    (rule,) = rules.rules
    assert (rule.id, rule.pack, rule.name, rule.kind) == ("M-01", "mini", "logs", "requirement")
    assert rule.severity is Severity.WARNING and rule.weight == 1 and rule.critical is False
    assert rule.applies_to == ("policy",)
    assert rule.examples[0].status == "met" and rule.examples[0].line == 17
    assert rule.elements[0].sets[1].entries == ("~log", "record*")
    assert rules.packs[0].id == "mini" and rules.packs[0].rule_ids == ("M-01",)
    assert rules.get("m-01") is rule


def test_every_shipped_pack_is_valid_against_the_schemas():
    from policy_lint.packs import available_packs

    rules = load_packs(tuple(available_packs()), validate=True)
    assert {p.id for p in rules.packs} == set(available_packs())


def test_shipped_packs_load_without_importing_jsonschema():
    code = (
        "import sys; from policy_lint.packs import load_packs; load_packs(['chscp-leaders']);"
        "print('jsonschema' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_shipped_pack_by_name():
    rules = load_packs(["chscp-leaders"])
    assert rules.packs[0].id == "chscp-leaders"
    assert all(r.pack == "chscp-leaders" for r in rules)


def test_unknown_pack_name():
    with pytest.raises(PackError) as err:
        load_packs(["no-such-pack"])
    assert err.value.message.startswith("no-such-pack: no such rule pack — shipped packs: ")


@pytest.mark.parametrize(
    "old, new, line, text",
    [
        (
            "applies_to: [policy]",
            "applies_to: [policy]\nscope: racism",
            6,
            "scope: unknown field 'scope'",
        ),
        ("kind: requirement", "kind: checker", 6, "kind: 'checker' is not one of"),
        (
            "    all: [[incident*], logged]",
            "    all: [[incident*], logged]\n    scope: para",
            14,
            "elements[0].scope: 'para' is not one of",
        ),
        ("  - status: met", "  - status: done", 17, "examples[0].status: 'done' is not one of"),
        (
            "    all: [[incident*], logged]",
            "    all: [[incident*], logs]",
            13,
            "unknown term set 'logs'",
        ),
        (
            "  logged: [~log, record*]",
            "  logged: [~log, 're*cord']",
            9,
            "'*' is allowed only at the end",
        ),
        ("name: logs\n", "", 1, "'name' is a required property"),
    ],
)
def test_schema_and_reference_errors_name_file_line_and_field(tmp_path, old, new, line, text):
    assert old in RULE
    folder = write(tmp_path / "mini", {"pack.yaml": PACK, "M-01.yaml": RULE.replace(old, new)})
    err = pack_error(folder)
    assert err.path.endswith("M-01.yaml")
    assert err.line == line
    assert text in err.reason


@pytest.mark.parametrize(
    "pattern, why",
    [
        ("(a+)\\1", "not valid RE2"),  # backreference
        ("(?<=racist )incident", "not valid RE2"),  # look-behind
        ("(?=x)", "not valid RE2"),  # look-ahead
        ("a*", "matches empty text"),
        ("x" * 301, "300-character limit"),
    ],
)
def test_unsafe_or_unsupported_patterns_are_rejected(tmp_path, pattern, why):
    rule = RULE.replace(
        "  logged: [~log, record*]", f"  logged:\n    - ~log\n    - pattern: '{pattern}'"
    )
    err = pack_error(write(tmp_path / "mini", {"pack.yaml": PACK, "M-01.yaml": rule}))
    assert err.line == 11
    assert why in err.reason


def test_duplicate_rule_id(tmp_path):
    folder = write(tmp_path / "mini", {"pack.yaml": PACK, "M-01.yaml": RULE, "M-01b.yaml": RULE})
    err = pack_error(folder)
    assert err.path.endswith("M-01b.yaml")
    assert "does not match the file name" in err.reason
    second = RULE  # same id in two packs loaded together
    a = write(tmp_path / "a", {"pack.yaml": PACK, "M-01.yaml": second})
    b = write(tmp_path / "b", {"pack.yaml": PACK.replace("mini", "other"), "M-01.yaml": second})
    with pytest.raises(PackError) as exc:
        load_packs([a, b])
    assert "rule M-01 is also defined in" in exc.value.reason
    assert exc.value.line == 1


def test_file_over_one_megabyte(tmp_path):
    big = RULE + "# " + "x" * (10 * 1024 * 1024) + "\n"
    err = pack_error(write(tmp_path / "mini", {"pack.yaml": PACK, "M-01.yaml": big}))
    assert "10.0 MB, over the 1 MB limit" in err.reason


BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_yaml_alias_bomb_fails_fast(tmp_path):
    err = pack_error(write(tmp_path / "mini", {"pack.yaml": PACK, "M-01.yaml": BOMB}))
    assert "(alias bomb?)" in err.reason or "YAML aliases" in err.reason
    assert err.line is not None and 1 <= err.line <= 9


def test_recursive_alias(tmp_path):
    err = pack_error(write(tmp_path / "mini", {"pack.yaml": PACK, "M-01.yaml": "a: &a [*a]\n"}))
    assert "recursive YAML alias" in err.reason


def test_yaml_syntax_error_and_unsafe_tag(tmp_path):
    err = pack_error(write(tmp_path / "m1", {"pack.yaml": PACK, "M-01.yaml": "id: [\n"}))
    assert err.reason.startswith("YAML syntax error")
    tagged = "id: !!python/object/apply:os.system ['echo hi']\n"
    err = pack_error(write(tmp_path / "m2", {"pack.yaml": PACK, "M-01.yaml": tagged}))
    assert err.line == 1 and "YAML syntax error" in err.reason


def test_missing_pack_yaml(tmp_path):
    err = pack_error(write(tmp_path / "mini", {"M-01.yaml": RULE}))
    assert "no pack.yaml in this folder" in err.reason


def test_extends_disable_override_and_add(tmp_path):
    base = write(tmp_path / "base", {"pack.yaml": PACK.replace("mini", "base"), "M-01.yaml": RULE})
    rule2 = RULE.replace("M-01", "M-02").replace("name: logs", "name: logs-two")
    child = (
        PACK.replace("mini", "child")
        + "extends: ../base\noverrides:\n  M-01: {severity: error, weight: 3, critical: true}\n"
    )
    rules = load_packs([write(tmp_path / "child", {"pack.yaml": child, "M-02.yaml": rule2})])
    assert [(r.id, r.pack) for r in rules] == [("M-01", "base"), ("M-02", "child")]
    assert (rules.rules[0].severity, rules.rules[0].weight, rules.rules[0].critical) == (
        Severity.ERROR,
        3,
        True,
    )
    assert rules.packs[0].extends == "base"
    disabled = PACK.replace("mini", "child2") + "extends: ../base\ndisable: [M-01]\n"
    rules = load_packs([write(tmp_path / "child2", {"pack.yaml": disabled, "M-02.yaml": rule2})])
    assert [r.id for r in rules] == ["M-02"]
    assert base


def test_extends_errors(tmp_path):
    write(tmp_path / "base", {"pack.yaml": PACK.replace("mini", "base"), "M-01.yaml": RULE})
    bad = PACK + "extends: ../base\ndisable: [M-09]\n"
    err = pack_error(write(tmp_path / "c1", {"pack.yaml": bad}))
    assert (err.line, err.reason) == (6, "disable: no rule M-09 in the base pack")
    dup = PACK + "extends: ../base\n"
    err = pack_error(write(tmp_path / "c2", {"pack.yaml": dup, "M-01.yaml": RULE}))
    assert "duplicate rule id M-01" in err.reason
    cyc = PACK + "extends: ../c3\n"
    err = pack_error(write(tmp_path / "c3", {"pack.yaml": cyc}))
    assert "cycle" in err.reason


def test_pack_terms_shared_and_at_references(tmp_path):
    pack = PACK + "terms:\n  logged: [~log]\n  kept: ['@logged', record*]\n"
    rule = RULE.replace("terms:\n  logged: [~log, record*]\n", "").replace(
        "all: [[incident*], logged]", "all: [[incident*], kept]"
    )
    rules = load_packs([write(tmp_path / "mini", {"pack.yaml": pack, "M-01.yaml": rule})])
    assert rules.rules[0].elements[0].sets[1].entries == ("~log", "record*")


@pytest.mark.parametrize(
    "entry, yes, no",
    [
        ("racism", ["Racism", "RACISM is"], ["racisms", "antiracism"]),
        ("gross misconduct", ["gross  misconduct", "gross-misconduct"], ["grossmisconduct"]),
        ("anti-racist", ["anti-racist", "anti racist", "antiracist"], ["anti-racists"]),
        ("record*", ["record", "recorded", "recording"], ["unrecorded"]),
        ("~report", ["reports", "reported", "reporting"], ["reporter"]),
        ("~manage", ["manage", "managed", "managing"], ["management"]),
        ("~apply", ["applies", "applied", "applying"], ["appliance"]),
        ("~log", ["logged", "logging", "logs"], ["logger"]),
        ("ED&I", ["our ED&I plan"], ["EDI"]),
    ],
)
def test_entry_syntax(entry, yes, no):
    ts = compile_set("t", [entry])
    for text in yes:
        assert ts.search(text), (entry, text)
    for text in no:
        assert not ts.search(text), (entry, text)


def test_entry_errors():
    with pytest.raises(TermError):
        entry_regex("*")
    with pytest.raises(TermError) as err:
        compile_set("a", ["x", "@a"], lambda name: ["@a"])
    assert err.value.index == 1


def test_schemas_are_valid_json_schema():
    from jsonschema import Draft202012Validator

    root = Path(__file__).resolve().parents[1] / "policy_lint" / "schemas"
    for name in ("pack.schema.json", "rule.schema.json"):
        Draft202012Validator.check_schema(json.loads((root / name).read_text()))


def test_schema_kinds_match_the_registry():
    from policy_lint.kinds import KINDS

    root = Path(__file__).resolve().parents[1] / "policy_lint" / "schemas"
    schema = json.loads((root / "rule.schema.json").read_text())
    assert sorted(schema["properties"]["kind"]["enum"]) == sorted(KINDS)


def test_broken_pack_via_cli_exits_2_with_one_line(tmp_path):
    folder = write(tmp_path / "mini", {"pack.yaml": PACK, "M-01.yaml": BOMB})
    out = subprocess.run(
        [sys.executable, "-m", "policy_lint", "rules", "test", folder],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "M-01.yaml:" in lines[0]


def test_term_offsets_are_characters_in_non_ascii_text():
    ts = compile_set("t", ["racism", "~log"])
    assert list(ts.finditer("Café — racism here; racism is logged")) == [
        (7, 13),
        (20, 26),
        (30, 36),
    ]
    assert list(ts.finditer("")) == []


def test_bad_entry_in_pack_terms_points_at_pack_yaml(tmp_path):
    pack = PACK + "terms:\n  sanction:\n    - dismiss*\n    - gross*misconduct\n"
    err = pack_error(write(tmp_path / "mini", {"pack.yaml": pack, "M-01.yaml": RULE}))
    assert err.path.endswith("pack.yaml") and err.line == 8
    assert "'*' is allowed only at the end" in err.reason


def _imports(module: Path) -> set[str]:
    import ast

    found = set()
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            found.add((node.module or "").split(".")[0])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("policy_lint"):
            found.add(node.module.split(".")[1] if "." in node.module else "")
    return found


@pytest.mark.parametrize(
    "module, forbidden",
    [
        ("kinds/__init__.py", {"engine", "packs", "cli", "parsers", "reporters", "scorecard"}),
        ("kinds/requirement.py", {"engine", "packs", "cli", "parsers", "reporters"}),
        ("kinds/wording.py", {"engine", "packs", "cli", "parsers", "reporters"}),
        ("kinds/_index.py", {"engine", "packs", "cli", "parsers", "reporters"}),
        ("engine.py", {"packs", "cli", "parsers", "reporters", "scorecard", "api"}),
        ("packs.py", {"engine", "kinds", "cli", "parsers", "reporters"}),
        ("terms.py", {"engine", "kinds", "packs", "cli", "parsers"}),
        ("text/cues.py", {"engine", "kinds", "packs", "parsers", "model"}),
    ],
)
def test_layering(module, forbidden):
    root = Path(__file__).resolve().parents[1] / "policy_lint"
    assert _imports(root / module) & forbidden == set()
