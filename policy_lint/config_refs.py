"""Check a config's references against the rule packs: rule ids and pack names.

``config.load_config`` validates a config on its own (schema, types, dates). Whether
``rules: {AR-L1O: off}`` or a waiver's ``rule: AR-L1O`` names a real rule, and whether
``packs: [chscp-lead]`` names a real pack, is only known once packs are found, so
``api.settings_for`` calls ``check_references`` where a config meets the packs it will be
used with. Like ruff and ESLint, which reject an unknown rule code in their config, a typo
stops the run with a one-line ``ConfigError`` at the config's ``file:line`` (exit status 2)
instead of silently disabling, re-grading or waiving nothing.

Known rules are every rule of the shipped packs (a rule of a shipped pack that a document
type does not use is still a real rule, as ruff accepts codes of linters not selected) plus
every rule of the packs in use (``--packs``, else the config's ``packs``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

from .config import Config
from .errors import ConfigError

#: Characters easily typed or read for one another in a rule id (letter O and zero …).
_CONFUSABLE = {frozenset(p) for p in ("0O", "1I", "1L", "5S", "8B", "2Z")}

#: Configs already checked in this process: (path, packs in use, references).
_CHECKED: set[tuple[object, ...]] = set()


def check_references(cfg: Config, packs: Sequence[str] | None = None) -> None:
    """Reject a config that names an unknown rule pack or rule id.

    Args:
        cfg: A loaded config (``config.load_config``) or one built in code.
        packs: The packs in use for this run (``--packs``, else ``cfg.packs``); ``None`` for
            the per-document-type default (shipped packs only).

    Raises:
        ConfigError: ``path:line: unknown rule pack …`` for an entry of ``packs`` that is no
            shipped pack and no pack folder; ``path:line: unknown rule 'X' — did you mean
            Y?`` (or ``— known rules: …``) for a ``rules`` key or a waiver's ``rule``.
        PackError: A pack in use is itself invalid (as the run would report it).
    """
    if not (cfg.packs or cfg.rules or cfg.waivers):
        return
    in_use = tuple(packs or cfg.packs or ())
    key = (
        cfg.path,
        cfg.root,
        os.getcwd(),  # pack paths are relative to the working folder
        in_use,
        cfg.packs,
        tuple((rid, s.line) for rid, s in cfg.rules.items()),
        tuple((w.rule, w.rule_line) for w in cfg.waivers),
    )
    if key in _CHECKED:
        return
    _check_pack_names(cfg)
    if cfg.rules or cfg.waivers:
        known = known_rules(in_use)
        named = [(rid, s.line) for rid, s in cfg.rules.items()]
        named += [(w.rule, w.rule_line or w.line) for w in cfg.waivers]
        for rule_id, line in named:
            if rule_id not in known:
                raise ConfigError(cfg.path, unknown_rule_reason(rule_id, known), line)
    _CHECKED.add(key)


def _check_pack_names(cfg: Config) -> None:
    from .packs import available_packs, pack_path

    shipped = available_packs()
    for i, name in enumerate(cfg.packs or ()):
        line = cfg.pack_lines[i] if i < len(cfg.pack_lines) else None
        looks_like_path = "/" in name or os.sep in name or os.path.isdir(name)
        if not looks_like_path and name not in shipped:
            hint = did_you_mean(name, shipped)
            tail = f"did you mean {hint}?" if hint else f"shipped packs: {', '.join(shipped)}"
            raise ConfigError(cfg.path, f"unknown rule pack '{name}' — {tail}", line)
        folder = pack_path(name) if not looks_like_path else name
        if not os.path.isdir(folder):
            raise ConfigError(
                cfg.path,
                f"no rule pack folder '{name}' — give a folder holding a pack.yaml (relative "
                f"to the working folder) or a shipped pack: {', '.join(shipped)}",
                line,
            )
        if not os.path.isfile(os.path.join(folder, "pack.yaml")):
            raise ConfigError(
                cfg.path,
                f"'{name}' has no pack.yaml, so it is not a rule pack — see docs/rule-format.md §1",
                line,
            )


def known_rules(in_use: Sequence[str] = ()) -> frozenset[str]:
    """Ids of every rule in the shipped packs and in the packs ``in_use``.

    Raises:
        PackError: A pack is invalid or unknown.
    """
    from .packs import available_packs, load_packs

    ids: set[str] = set()
    for name in (*available_packs(), *in_use):
        ids.update(rule.id for rule in load_packs((name,)))
    return frozenset(ids)


def unknown_rule_reason(rule_id: str, known: Iterable[str]) -> str:
    """``unknown rule 'X' — did you mean Y?``, or ``— known rules: …`` without a clear match.

    Args:
        rule_id: The id as written in the config.
        known: Every known rule id.

    Returns:
        The reason part of the one-line message.
    """
    known = sorted(known)
    hint = did_you_mean(rule_id, known)
    if hint:
        return f"unknown rule '{rule_id}' — did you mean {hint}?"
    return f"unknown rule '{rule_id}' — known rules: {summarise(known) or 'none'}"


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The one choice nearest to ``word``, if it is clearly the one meant.

    Distance is Damerau–Levenshtein (optimal string alignment) on upper-cased text, where
    swapping look-alike characters (``O``/``0``, ``I``/``1`` …) costs a quarter. A choice is
    suggested when it is within ``max(1, len(word) // 4)`` and no other choice is as near.

    Returns:
        The choice, or ``None`` (no choice near enough, or a tie).
    """
    scored = sorted((_distance(word.upper(), c.upper()), c) for c in choices)
    if not scored or scored[0][0] > max(1, len(word) // 4):
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


def _distance(a: str, b: str) -> float:
    if abs(len(a) - len(b)) > 4:
        return float(abs(len(a) - len(b)))
    rows = [[float(j) for j in range(len(b) + 1)]]
    for i, ca in enumerate(a, 1):
        row = [float(i)]
        for j, cb in enumerate(b, 1):
            cost = 0.0 if ca == cb else 0.25 if frozenset((ca, cb)) in _CONFUSABLE else 1.0
            best = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, rows[-2][j - 2] + 1)
            row.append(best)
        rows.append(row)
    return rows[-1][-1]


def summarise(ids: Iterable[str]) -> str:
    """Rule ids in natural order with runs shortened: ``AR-L01 to AR-L16, AR-W01, AR-W02``.

    A run is three or more ids with the same prefix and digit width, numbered one after
    another.
    """
    parts: list[str] = []
    run: list[str] = []

    def flush() -> None:
        parts.extend([f"{run[0]} to {run[-1]}"] if len(run) > 2 else run)
        run.clear()

    for rid in sorted(ids, key=_natural):
        if run and _follows(run[-1], rid):
            run.append(rid)
            continue
        flush()
        run.append(rid)
    flush()
    return ", ".join(parts)


def _natural(rid: str) -> tuple[str, int, str]:
    """Sort key: ``B-2`` before ``B-10``."""
    m = re.fullmatch(r"(.*?)(\d+)", rid)
    return (m[1], int(m[2]), rid) if m else (rid, -1, rid)


def _follows(prev: str, rid: str) -> bool:
    a, b = re.fullmatch(r"(.*?)(\d+)", prev), re.fullmatch(r"(.*?)(\d+)", rid)
    return bool(a and b and a[1] == b[1] and len(a[2]) == len(b[2]) and int(b[2]) == int(a[2]) + 1)
