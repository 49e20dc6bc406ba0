"""JUnit XML: one test suite per document, one test case per rule.

A rule not met (and not waived) is a ``<failure>``; a waived or not-applicable rule is
``<skipped>``; met and partly met pass (partly met notes its gap in ``system-out``). An
unreadable document is one test case with an ``<error>``. Built with ``xml.etree`` (so every
value is escaped); control characters, which XML 1.0 forbids, are stripped first.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..findings import Status
from ..scorecard import Result
from ._common import advice, clean, status_text, where


def render(result: Result) -> str:
    """JUnit XML text (``<testsuites>`` root) ending in a newline."""
    root = ET.Element("testsuites", name="policy-lint")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for doc in result.documents:
        suite = ET.SubElement(root, "testsuite", name=clean(doc.path))
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if doc.error:
            case = ET.SubElement(suite, "testcase", classname=clean(doc.path), name="read document")
            ET.SubElement(case, "error", message=clean(doc.error), type=doc.error_code or "error")
            counts["tests"] += 1
            counts["errors"] += 1
        for f in doc.findings:
            name = f"{f.rule_id} {f.name}"
            case = ET.SubElement(suite, "testcase", classname=clean(doc.path), name=name)
            counts["tests"] += 1
            if f.waived or f.status is Status.NOT_APPLICABLE:
                ET.SubElement(case, "skipped", message=status_text(f))
                counts["skipped"] += 1
            elif f.status is Status.NOT_MET:
                node = ET.SubElement(
                    case, "failure", message=f"not met: {clean(f.title)}", type=f.severity.value
                )
                node.text = advice(f) + (f"\nModel clause: {clean(f.model_clause)}"
                                         if f.model_clause else "")
                counts["failures"] += 1
            elif f.evidence:
                out = ET.SubElement(case, "system-out")
                out.text = f"{status_text(f)} at {where(f)}: {clean(f.evidence[0].quote, 300)}"
        score = "" if doc.score is None else f"{doc.score:g}"
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        props = ET.Element("properties")
        for name, text in (("doc_type", doc.doc_type), ("score", score), ("rag", doc.rag)):
            ET.SubElement(props, "property", name=name, value=text)
        suite.insert(0, props)
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
