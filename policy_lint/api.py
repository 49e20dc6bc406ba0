"""``check_paths``: read, judge and score documents — the library behind ``policy-lint check``.

Pipeline per document (``check_document``, a top-level picklable function so a process pool
or a result cache can wrap it): parse → decide the document type → choose the rule packs
for that type → evaluate every rule and flag wording → apply the config (rules on/off,
severity, waivers) → score (``scorecard``). An unreadable document becomes a
``DocumentResult`` with ``error`` set; a bad config or pack raises (exit status 2).
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from . import __version__
from .config import Config, config_for
from .errors import ConfigError, DocumentError, PackError
from .findings import Finding, Flag, Severity, Status
from .scorecard import (
    DocumentResult,
    Result,
    RuleInfo,
    Thresholds,
    display_title,
    organisation_scorecard,
    score_document,
)

#: Packs applied when neither the command line nor the config names any.
DEFAULT_PACKS: tuple[str, ...] = ("chscp-leaders", "chscp-language")

#: Extra default packs per document type (STANDARDS.md: ``chscp-commissioning`` applies to
#: contracts and service specifications). A pack listed here that is not installed yet is
#: skipped, so a new pack switches on by adding its folder under ``standards/``.
PACKS_BY_DOC_TYPE: dict[str, tuple[str, ...]] = {
    "contract": ("chscp-leaders", "chscp-commissioning", "chscp-language"),
    "service_specification": ("chscp-leaders", "chscp-commissioning", "chscp-language"),
    "procedure": ("chscp-leaders", "chscp-practice", "chscp-language"),
    "practice_guidance": ("chscp-leaders", "chscp-practice", "chscp-language"),
}


@dataclass(frozen=True, slots=True)
class Options:
    """Command-line overrides; ``None`` means "use the config, else the default"."""

    packs: tuple[str, ...] | None = None
    fail_under: float | None = None
    doc_type: str | None = None
    pdf_engine: str | None = None
    config: str | None = None
    today: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentSettings:
    """Everything ``check_document`` needs besides the path; picklable.

    Attributes:
        config: The config governing this document (defaults when none was found).
        packs: Packs to apply, or ``None`` for the per-type default.
        doc_type: Document type forced with ``--doc-type``.
        pdf_engine: ``pypdfium2`` or ``pdfplumber``.
        fail_under: Score gate.
        thresholds: RAG thresholds.
        today: ISO date used to decide whether a waiver has expired.
    """

    config: Config = field(default_factory=Config)
    packs: tuple[str, ...] | None = None
    doc_type: str | None = None
    pdf_engine: str = "pypdfium2"
    fail_under: float | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    today: str = "1970-01-01"


def settings_for(path: str, options: Options, config: Config | None = None) -> DocumentSettings:
    """Resolve the settings for one document from ``options`` and its config.

    Raises:
        ConfigError: When the config found (or named) is invalid, or names an unknown rule
            pack or rule id (``config_refs.check_references``).
        PackError: When a pack in use is invalid.
    """
    from .config_refs import check_references

    cfg = config if config is not None else config_for(path, options.config)
    check_references(cfg, options.packs or cfg.packs)
    return DocumentSettings(
        config=cfg,
        packs=options.packs or cfg.packs,
        doc_type=options.doc_type,
        pdf_engine=options.pdf_engine or cfg.pdf_engine or "pypdfium2",
        fail_under=options.fail_under if options.fail_under is not None else cfg.fail_under,
        thresholds=cfg.thresholds,
        today=options.today or _dt.date.today().isoformat(),
    )


def packs_for(doc_type: str, configured: tuple[str, ...] | None) -> tuple[str, ...]:
    """Packs for a document type: the configured ones, else the per-type default."""
    if configured:
        return configured
    return tuple(p for p in PACKS_BY_DOC_TYPE.get(doc_type, DEFAULT_PACKS) if _installed(p))


@lru_cache(maxsize=32)
def _installed(pack: str) -> bool:
    return resources.files("policy_lint").joinpath(f"standards/{pack}/pack.yaml").is_file()


@lru_cache(maxsize=32)
def _load(packs: tuple[str, ...]) -> Any:
    from .packs import load_packs

    return load_packs(packs)


def rule_info(rule: Any) -> RuleInfo:
    """``RuleInfo`` from a ``packs.Rule``."""
    severity = getattr(rule.severity, "value", rule.severity)
    return RuleInfo(
        id=rule.id,
        pack=rule.pack,
        name=rule.name,
        title=rule.title,
        source=str(getattr(rule, "source", "") or ""),
        help=str(getattr(rule, "help", "") or ""),
        model_clause=str(getattr(rule, "model_clause", "") or ""),
        severity=str(severity),
        weight=int(rule.weight),
        critical=bool(rule.critical),
    )


def check_document(path: str, settings: DocumentSettings) -> DocumentResult:
    """Read, judge and score one document.

    Args:
        path: The document.
        settings: Resolved settings (``settings_for``).

    Returns:
        A scored ``DocumentResult``; ``error`` is set when the file cannot be read.

    Raises:
        PackError: A rule pack is invalid (the run cannot go on).
        ConfigError: The document type override is invalid.
    """
    from .parsers import parse_file

    try:
        doc = parse_file(path, pdf_engine=settings.pdf_engine)
    except DocumentError as exc:
        base = DocumentResult(path, error=exc.message, error_code=exc.code)
        return score_document(base, settings.thresholds, settings.fail_under)
    try:
        base = _judge(path, doc, settings)
    except (PackError, ConfigError):
        raise
    except Exception as exc:  # noqa: BLE001 - one document's bug must not stop the run
        base = DocumentResult(
            path,
            format=doc.format,
            error=f"{path}: internal error while checking ({type(exc).__name__}: "
            f"{str(exc)[:160]}) — please report it with the document if you can",
            error_code="internal",
        )
    return score_document(base, settings.thresholds, settings.fail_under)


def _judge(path: str, doc: Any, settings: DocumentSettings) -> DocumentResult:
    """Type, packs, findings, flags and config for a parsed document (unscored)."""
    from .doctype import detect_doc_type
    from .engine import evaluate, flag_wording

    cfg = settings.config
    override, reason = settings.doc_type, "set with --doc-type"
    if override is None:
        override = cfg.doc_type_for(path)
        reason = f"set by doc_types in {os.path.basename(cfg.path)}"
    doc_type, detected_reason = detect_doc_type(doc, override)
    if override is None:
        reason = detected_reason
    packs = packs_for(doc_type, settings.packs)
    rules = _load(packs)
    findings = list(evaluate(doc, rules, doc_type))
    flags = list(flag_wording(doc, rules))
    findings, flags, warnings = apply_config(path, findings, flags, cfg, settings.today)
    return DocumentResult(
        path=path,
        format=doc.format,
        title=display_title(doc),
        doc_type=doc_type,
        doc_type_reason=reason,
        packs=packs,
        findings=tuple(sorted(findings, key=lambda f: f.rule_id)),
        flags=tuple(flags),
        warnings=tuple(doc.warnings) + tuple(warnings),
    )


def apply_config(
    path: str, findings: list[Finding], flags: list[Flag], cfg: Config, today: str
) -> tuple[list[Finding], list[Flag], list[str]]:
    """Apply rules on/off, severity overrides and waivers from ``cfg`` to one document.

    Returns:
        ``(findings, flags, warnings)``; warnings report expired waivers, which no longer
        waive anything.
    """
    out: list[Finding] = []
    warnings: list[str] = []
    for f in findings:
        setting = cfg.rules.get(f.rule_id)
        if setting is not None and not setting.enabled:
            continue
        if setting is not None and setting.severity:
            f = replace(f, severity=Severity(setting.severity))
        if f.status in (Status.NOT_MET, Status.PARTLY_MET):
            for w in cfg.waivers:
                if w.rule != f.rule_id or not cfg.matches(w.paths, path):
                    continue
                if w.expires < today:
                    where = f"{cfg.path}:{w.line}" if w.line else cfg.path
                    warnings.append(
                        f"waiver for {w.rule} ({w.reason}) expired on {w.expires} — no longer "
                        f"applied; renew or remove it in {where}"
                    )
                    continue
                f = replace(f, waived=w.reason)
                break
        out.append(f)
    kept = [
        fl for fl in flags
        if cfg.rules.get(fl.rule_id) is None or cfg.rules[fl.rule_id].enabled
    ]
    kept = [
        replace(fl, severity=Severity(cfg.rules[fl.rule_id].severity or fl.severity.value))
        if fl.rule_id in cfg.rules else fl
        for fl in kept
    ]
    return out, kept, warnings


def check_paths(
    paths: Sequence[str | os.PathLike[str]],
    config: Config | str | None = None,
    options: Options | None = None,
) -> Result:
    """Check documents and return scorecards for each, plus an organisation scorecard.

    Args:
        paths: Files, folders (walked recursively) and globs.
        config: A ``Config``, a config file path, or ``None`` to find the nearest config
            above each document.
        options: Command-line style overrides (packs, fail-under, doc type, PDF engine).

    Returns:
        A ``Result`` (documents in discovery order).

    Raises:
        ConfigError: A config file is invalid.
        PackError: A rule pack is invalid or unknown.
    """
    # One pipeline for the API and the CLI: the batch runner, in this process, no cache.
    from .batch_check import check_many

    return check_many(paths, config, options, jobs=1, timeout=None, cache=None)


def assemble(docs: Sequence[DocumentResult], thresholds: Thresholds) -> Result:
    """Build the ``Result``: rule metadata for every pack used, and the organisation view.

    The organisation view is made only when at least two documents could be read; one
    document alone is its own scorecard.
    """
    infos: dict[str, RuleInfo] = {}
    for packs in sorted({d.packs for d in docs if d.packs}):
        for rule in _load(packs).rules:
            infos.setdefault(rule.id, rule_info(rule))
    readable = sum(1 for d in docs if not d.error)
    org = organisation_scorecard(docs, thresholds) if readable > 1 else None
    return Result(
        documents=tuple(docs),
        organisation=org,
        rules=tuple(infos[k] for k in sorted(infos)),
        thresholds=thresholds,
        version=__version__,
    )
