"""Measure the checker against hand labels: status agreement, precision / recall, evidence.

The labels file (``eval/labels.yaml``, format in ``eval/GUIDE.md``, schema
``eval/labels.schema.json``) lists documents, each with a ``doc_type`` and, per rule, the
status a careful reviewer gives (``met`` / ``partly_met`` / ``not_met`` / ``not_applicable``)
and, for met and partly met, the sentence(s) they would cite. A rule of the packs in
``LABELLED_PACKS`` that a document does not list is ``not_met`` where STANDARDS.md applies it
to the document type, else ``not_applicable`` (``APPLIES_TO``, copied from STANDARDS.md so
that the labels never depend on the rule packs being measured).

``run(labels, rules)`` parses every labelled document once, runs ``engine.evaluate`` with the
labelled ``doc_type`` and returns an ``Evaluation``: one ``Outcome`` per (document, rule).
The metric functions below are pure and work on ``(expected, got)`` status pairs.

Run: ``policy-lint eval eval/labels.yaml`` or ``python -m policy_lint.evaluation LABELS``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError, DocumentError, PackError
from .model import Document
from .text.normalise import normalise_text

STATUSES = ("met", "partly_met", "not_met", "not_applicable")
#: Statuses that count as "present" for precision and recall.
PRESENT = frozenset({"met", "partly_met"})
#: The three scorecard statuses of the confusion matrix, in row / column order.
MATRIX = ("met", "partly_met", "not_met")
LABELLED_PACKS = ("chscp-leaders", "chscp-commissioning", "chscp-practice")

_S, _P, _PR, _C, _H = "strategy", "policy", "procedure", "code_of_conduct", "handbook"
_K, _SS, _G = "contract", "service_specification", "practice_guidance"
#: rule id → document types it applies to (STANDARDS.md tables, "applies to" column).
APPLIES_TO: dict[str, frozenset[str]] = {
    "AR-L01": frozenset({_S, _P, _C, _H}),
    "AR-L02": frozenset({_S}),
    "AR-L03": frozenset({_S, _P}),
    "AR-L04": frozenset({_S}),
    "AR-L05": frozenset({_C, _P, _H}),
    "AR-L06": frozenset({_S, _P}),
    "AR-L07": frozenset({_S, _P}),
    "AR-L08": frozenset({_S, _P, _K, _SS}),
    "AR-L09": frozenset({_P, _PR}),
    "AR-L10": frozenset({_P, _PR, _K, _SS}),
    "AR-L11": frozenset({_C, _H, _P}),
    "AR-L12": frozenset({_C, _P}),
    "AR-L13": frozenset({_S, _P}),
    "AR-L14": frozenset({_S, _P, _H}),
    "AR-L15": frozenset({_S, _P, _PR}),
    "AR-L16": frozenset({_S, _P, _K, _SS}),
    **{f"AR-C0{n}": frozenset({_K, _SS}) for n in range(1, 10)},
    **{f"AR-P{n:02d}": frozenset({_PR, _G}) for n in range(1, 12)},
}
#: Words ignored when measuring token overlap of evidence.
_STOP = frozenset(
    "a an and are as at be by for from in is it its of on or our that the their this to we "
    "will with".split()
)
#: A reader: path → parsed document (raises ``DocumentError``).
Parse = Callable[[Path], Document]
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


@dataclass(frozen=True)
class RuleLabel:
    """A reviewer's judgement of one rule: status, citable sentences and a reason."""

    status: str
    evidence: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class DocLabels:
    """Labels of one document and the files (formats) that carry its text.

    Attributes:
        path: The entry's ``path`` as written (``docs/x.md`` or ``shared:corpus/...``).
        files: ``(shown name, resolved file)`` for the path, then each of ``formats``.
        doc_type: Document type the checker is run with.
        rules: Listed rule id → label (unlisted rules follow ``expected``).
        line: Line of the entry in the labels file.
    """

    path: str
    files: tuple[tuple[str, Path], ...]
    doc_type: str
    rules: dict[str, RuleLabel]
    line: int | None = None
    shared: bool = False

    def expected(self, rule_id: str) -> RuleLabel:
        """The label for ``rule_id``, applying the unlisted-rule convention."""
        if rule_id in self.rules:
            return self.rules[rule_id]
        applies = self.doc_type in APPLIES_TO.get(rule_id, frozenset())
        return RuleLabel("not_met" if applies else "not_applicable")


@dataclass(frozen=True)
class Outcome:
    """The checker's status against the label for one rule on one document file."""

    doc: str
    rule_id: str
    expected: str
    got: str
    expected_evidence: tuple[str, ...] = ()
    got_evidence: tuple[str, ...] = ()
    note: str = ""

    @property
    def agrees(self) -> bool:
        """Exact status agreement."""
        return self.expected == self.got

    @property
    def evidence_agrees(self) -> bool | None:
        """Whether cited and labelled evidence overlap; ``None`` unless both are present."""
        if self.expected not in PRESENT or self.got not in PRESENT or not self.expected_evidence:
            return None
        return any(
            evidence_overlaps(g, e) for g in self.got_evidence for e in self.expected_evidence
        )


@dataclass
class Evaluation:
    """Everything one run measured: outcomes, skipped entries and unreadable files."""

    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rule_ids: tuple[str, ...] = ()
    cases: int = 0
    unevaluated: tuple[str, ...] = ()


# ---------------------------------------------------------------- pure metric functions


def agreement(pairs: Iterable[tuple[str, str]]) -> float | None:
    """Share of pairs whose statuses are equal, ignoring pairs where both are not applicable.

    Args:
        pairs: ``(expected, got)`` statuses.

    Returns:
        A fraction in [0, 1], or ``None`` when no pair counts.
    """
    counted = [(e, g) for e, g in pairs if not (e == g == "not_applicable")]
    if not counted:
        return None
    return sum(e == g for e, g in counted) / len(counted)


def precision_recall(pairs: Iterable[tuple[str, str]]) -> dict[str, float | int | None]:
    """Precision, recall and F1 of "present" (met or partly met) against "not met".

    Pairs where either side is ``not_applicable`` are left out. Precision is
    TP / (TP + FP), recall TP / (TP + FN); each is ``None`` when its denominator is 0.

    Returns:
        ``{"tp", "fp", "fn", "tn", "precision", "recall", "f1"}``.
    """
    tp = fp = fn = tn = 0
    for expected, got in pairs:
        if "not_applicable" in (expected, got):
            continue
        e, g = expected in PRESENT, got in PRESENT
        tp += e and g
        fp += g and not e
        fn += e and not g
        tn += not e and not g
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall
        else None
    )
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def confusion(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """3×3 confusion matrix expected → got over met / partly_met / not_met.

    Pairs with ``not_applicable`` on either side are not in the matrix.
    """
    matrix = {e: {g: 0 for g in MATRIX} for e in MATRIX}
    for expected, got in pairs:
        if expected in matrix and got in matrix[expected]:
            matrix[expected][got] += 1
    return matrix


def normalise_quote(text: str) -> str:
    """Typography-normalised, case-folded text with whitespace collapsed (for comparing)."""
    return " ".join(normalise_text(text).casefold().split())


def tokens(text: str) -> set[str]:
    """Content words of ``text`` (lower case, stop words removed)."""
    return {t for t in _TOKEN.findall(normalise_quote(text)) if t not in _STOP}


def evidence_overlaps(cited: str, labelled: str, threshold: float = 0.5) -> bool:
    """Whether a cited sentence matches a labelled one.

    True when either normalised text contains the other, or when at least ``threshold`` of
    the labelled sentence's content words are in the cited one.
    """
    a, b = normalise_quote(cited), normalise_quote(labelled)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    want = tokens(labelled)
    return bool(want) and len(want & tokens(cited)) / len(want) >= threshold


def evidence_agreement(outcomes: Iterable[Outcome]) -> tuple[float | None, int]:
    """Share of outcomes (both sides present, labelled evidence given) whose evidence overlaps.

    Returns:
        ``(fraction or None, number of outcomes counted)``.
    """
    judged = [o.evidence_agrees for o in outcomes if o.evidence_agrees is not None]
    return (sum(judged) / len(judged) if judged else None), len(judged)


def summarise(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """All figures for a set of outcomes: agreement, precision / recall, matrix, evidence."""
    pairs = [(o.expected, o.got) for o in outcomes]
    evidence, judged = evidence_agreement(outcomes)
    return {
        "n": sum(not (e == g == "not_applicable") for e, g in pairs),
        "agreement": agreement(pairs),
        "present": precision_recall(pairs),
        "confusion": confusion(pairs),
        "evidence_agreement": evidence,
        "evidence_judged": judged,
        "applicability_mismatches": sum(
            (e == "not_applicable") != (g == "not_applicable") for e, g in pairs
        ),
    }


# ---------------------------------------------------------------- labels and running


def default_shared(labels_path: str | os.PathLike[str]) -> Path:
    """The shared folder next to the repository holding ``eval/labels.yaml``."""
    return Path(labels_path).resolve().parent.parent.parent / "shared"


def load_labels(
    labels_path: str | os.PathLike[str], shared: str | os.PathLike[str] | None = None
) -> list[DocLabels]:
    """Read and validate a labels file.

    Raises:
        ConfigError: ``file:line: reason`` when the file is not valid YAML, does not match
            ``labels.schema.json`` (when present beside it), or names a missing own file.
    """
    from ._yaml import line_of, load_yaml

    spath = os.fspath(labels_path)
    try:
        data, lines = load_yaml(spath)
    except PackError as exc:  # the reader's error kind; a labels file is configuration
        raise ConfigError(exc.path, exc.reason, exc.line) from None
    schema_file = Path(spath).parent / "labels.schema.json"
    if schema_file.exists():
        _validate(spath, data, lines, schema_file)
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise ConfigError(spath, "expected a mapping with a 'documents' list — see eval/GUIDE.md")
    base = Path(spath).resolve().parent
    shared_dir = Path(shared) if shared is not None else default_shared(spath)
    out: list[DocLabels] = []
    for n, entry in enumerate(data["documents"]):
        line = line_of(lines, ("documents", n))
        is_shared = entry["path"].startswith("shared:")
        root = shared_dir if is_shared else base
        names = [entry["path"].removeprefix("shared:"), *entry.get("formats", [])]
        prefix = "shared:" if is_shared else ""
        files = tuple((prefix + name, root / name) for name in names)
        if not is_shared:
            for _, file in files:
                if not file.exists():
                    raise ConfigError(
                        spath, f"{file}: labelled file not found — build or fix it", line
                    )
        rules = {
            rid: RuleLabel(v["status"], tuple(v.get("evidence", ())), v.get("note", ""))
            for rid, v in entry.get("rules", {}).items()
        }
        out.append(DocLabels(entry["path"], files, entry["doc_type"], rules, line, is_shared))
    return out


def _validate(path: str, data: Any, lines: Any, schema_file: Path) -> None:
    """Validate ``data`` against the JSON Schema in ``schema_file``; ConfigError at file:line."""
    import json

    import jsonschema

    from ._yaml import line_of

    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(schema).iter_errors(data)
    )
    if error is not None:
        where = tuple(error.absolute_path)
        raise ConfigError(path, f"{error.message} — see eval/GUIDE.md", line_of(lines, where))


def run(
    entries: Sequence[DocLabels],
    rules: Any,
    rule_ids: Sequence[str] | None = None,
    parse: Parse | None = None,
) -> Evaluation:
    """Run the checker on every labelled file and compare with the labels.

    Args:
        entries: From ``load_labels``.
        rules: A ``RuleSet`` (``packs.load_packs``).
        rule_ids: Rules to score (default: every rule of ``rules`` with an ``APPLIES_TO``
            entry, i.e. the labelled packs).
        parse: Reader (default ``parsers.parse_file``); pass a cached one to parse once.

    Returns:
        An ``Evaluation``; shared entries whose folder is missing are in ``skipped``,
        unreadable files in ``errors``.
    """
    from .engine import evaluate
    from .parsers import parse_file

    parse_doc = parse or parse_file
    ids = (
        tuple(rule_ids)
        if rule_ids is not None
        else tuple(r.id for r in rules if r.id in APPLIES_TO)
    )
    labelled = {rid for entry in entries for rid in entry.rules}
    result = Evaluation(rule_ids=ids, unevaluated=tuple(sorted(labelled - set(ids))))
    for entry in entries:
        for shown, file in entry.files:
            if not file.exists():
                result.skipped.append(f"{shown}: not found (shared folder absent?)")
                continue
            try:
                doc = parse_doc(file)
            except DocumentError as exc:
                result.errors.append(exc.message)
                continue
            result.cases += 1
            found = {f.rule_id: f for f in evaluate(doc, rules, entry.doc_type)}
            for rid in ids:
                label = entry.expected(rid)
                finding = found.get(rid)
                got = finding.status.value if finding is not None else "not_applicable"
                quotes = tuple(e.quote for e in finding.evidence) if finding is not None else ()
                result.outcomes.append(
                    Outcome(shown, rid, label.status, got, label.evidence, quotes, label.note)
                )
    return result


def main(argv: Sequence[str] | None = None) -> Any:
    """``python -m policy_lint.evaluation LABELS [--format text|json]``."""
    from .commands.eval import eval_command

    return eval_command.main(
        args=list(argv) if argv is not None else None, prog_name="policy-lint eval"
    )


if __name__ == "__main__":  # pragma: no cover
    main()
