"""Render the HTML report for some sample policies and screenshot it for the README.

Usage: ``python scripts/screenshot.py [--output docs/scorecard.png] [--width 1280]
[--height 2300] [DOCUMENT ...]`` (default: three of ``sample_policies/``).

Needs Chromium (``apt-get install -y chromium``); it runs headless with networking, sync,
component updates and first-run tasks switched off and a throw-away profile, so the
screenshot is of the self-contained report alone.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_browser() -> str:
    """Path of a Chromium-family browser, or exit with a message saying how to install one."""
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    raise SystemExit(
        "no Chromium found — install it: apt-get update && apt-get install -y chromium"
    )


#: Three samples: enough for the organisation matrix, short enough to show a document card.
DOCUMENTS = (
    "sample_policies/code_of_conduct_weak.md",
    "sample_policies/code_of_conduct_strong.md",
    "sample_policies/hr_disciplinary_policy.docx",
)


def render_report(html_path: str, documents: list[str]) -> None:
    """Write the HTML report for ``documents`` (paths relative to the checkout)."""
    sys.path.insert(0, ROOT)
    from policy_lint.api import check_paths
    from policy_lint.atomic import write_atomic
    from policy_lint.reporters import render

    os.chdir(ROOT)  # so document paths in the report read "sample_policies/…"
    result = check_paths(documents)
    write_atomic(html_path, render("html", result))


def screenshot(browser: str, html_path: str, png_path: str, width: int, height: int) -> None:
    """Screenshot ``html_path`` to ``png_path`` with headless Chromium."""
    with tempfile.TemporaryDirectory() as profile:
        cmd = [
            browser, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--hide-scrollbars", f"--user-data-dir={profile}",
            f"--window-size={width},{height}", f"--screenshot={os.path.abspath(png_path)}",
            "file://" + os.path.abspath(html_path),
        ]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)


def main() -> int:
    """Build the report and the screenshot."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", default=os.path.join(ROOT, "docs", "scorecard.png"))
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=2300)
    parser.add_argument("documents", nargs="*", default=list(DOCUMENTS))
    args = parser.parse_args()
    browser = find_browser()
    with tempfile.TemporaryDirectory() as tmp:
        html_path = os.path.join(tmp, "report.html")
        render_report(html_path, args.documents)
        screenshot(browser, html_path, args.output, args.width, args.height)
    print(os.path.relpath(args.output, ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
