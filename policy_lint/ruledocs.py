"""Rule documentation from the packs: ``rules explain ID`` and the generated ``docs/rules.md``.

One source (the rule files) feeds the engine, the terminal explanation, the Markdown page and
SARIF rule metadata (the idea markdownlint and Ruff use). ``docs/rules.md`` is committed and a
test regenerates it and fails when it is stale: run ``policy-lint rules docs`` to refresh it.
"""

from __future__ import annotations

from .ruleset import Element, Rule, RuleSet

_SCOPE = {
    "sentence": "in one sentence",
    "paragraph": "within one paragraph",
    "section": "within one section",
    "document": "anywhere in the document",
}


def _logic(value: str | tuple[str, ...], what: str) -> str:
    if value == "all":
        return f"every element {what}"
    if value == "any":
        return f"at least one element {what}"
    if value == "none":
        return "never (no partly-met path)"
    return f"{', '.join(value)} {what}"


def _terms_preview(element: Element, limit: int = 8) -> str:
    parts = []
    for ts in element.sets:
        shown = [e for e in ts.entries[:limit]]
        more = f", … (+{len(ts.entries) - limit})" if len(ts.entries) > limit else ""
        parts.append("{" + ", ".join(shown) + more + "}")
    return " + ".join(parts)


def element_lines(rule: Rule) -> list[str]:
    """One Markdown bullet per element: description, scope, topic, terms."""
    lines = []
    for el in rule.elements:
        extra = [_SCOPE[el.scope]]
        if el.topic == "racism":
            extra.append("about racism (general equality wording = partly met)")
        if el.weak_ok:
            extra.append("a weak commitment counts")
        if el.near is not None:
            extra.append(f"near {{{', '.join(el.near.terms.entries[:5])}}}")
        lines.append(
            f"- `{el.id}` — {el.description} ({'; '.join(extra)}); looks for {_terms_preview(el)}"
        )
    return lines


def rule_markdown(rule: Rule, level: int = 2) -> str:
    """The Markdown section for one rule."""
    h = "#" * level
    out = [f"{h} {rule.id} {rule.name}", "", f"**{rule.title}**", ""]
    facts = [
        f"pack `{rule.pack}`",
        f"kind `{rule.kind}`",
        f"severity `{rule.severity.value}`",
        f"weight {rule.weight}",
    ]
    if rule.critical:
        facts.append("**critical**")
    out += [" · ".join(facts), "", f"*Applies to:* {', '.join(rule.applies_to)}  "]
    out += [f"*Source:* {rule.source}", ""]
    if rule.kind == "requirement":
        out += ["*What is checked:*", ""] + element_lines(rule) + [""]
        out += [
            f"*Met* when {_logic(rule.met_when, 'is found, firm and on topic')}; "
            f"*partly met* when {_logic(rule.partly_when, 'is found at all')}.",
            "",
        ]
    elif rule.wording is not None:
        flagged = ", ".join(e for ts in rule.wording.flag for e in ts.entries[:12])
        out += [f"*Flags:* {flagged}", "", f"*Message:* {rule.wording.message}", ""]
    out += [rule.help.strip(), ""]
    if rule.model_clause:
        quoted = "\n".join(
            f"> {line}" if line else ">" for line in rule.model_clause.strip().splitlines()
        )
        out += ["*Model clause:*", "", quoted, ""]
    counts: dict[str, int] = {}
    for ex in rule.examples:
        key = ex.status or ("flagged" if ex.flags else "not flagged")
        counts[key] = counts.get(key, 0) + 1
    out += ["*Examples:* " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()), ""]
    return "\n".join(out)


def rules_markdown(rules: RuleSet) -> str:
    """The whole ``docs/rules.md`` page for a rule set."""
    out = [
        "# Rules",
        "",
        "<!-- Generated from policy_lint/standards by `policy-lint rules docs`; do not edit. -->",
        "",
    ]
    for pack in rules.packs:
        out += [f"- [{pack.id}](#pack-{pack.id}) — {pack.title} (v{pack.version})"]
    out.append("")
    for pack in rules.packs:
        out += [
            f"## Pack {pack.id}",
            "",
            f"{pack.title}, version {pack.version}.",
            "",
            f"Source: {pack.source}",
            "",
        ]
        out += ["| id | name | applies to | severity | weight |", "|---|---|---|---|---|"]
        members = [r for r in rules if r.id in pack.rule_ids]
        for r in members:
            out.append(
                f"| [{r.id}](#{r.id.lower()}-{r.name}) | {r.name} | {', '.join(r.applies_to)} "
                f"| {r.severity.value} | {r.weight}{' critical' if r.critical else ''} |"
            )
        out.append("")
        for r in members:
            out.append(rule_markdown(r, 3))
    return "\n".join(out).rstrip() + "\n"


def explain_text(rule: Rule) -> str:
    """Plain-text explanation for ``policy-lint rules explain ID``."""
    return rule_markdown(rule, 1)


def shipped_rules() -> RuleSet:
    """Every shipped pack, in name order (what ``docs/rules.md`` documents)."""
    from .packs import available_packs, load_packs

    return load_packs(tuple(available_packs()))
