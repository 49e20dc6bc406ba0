"""``policy-lint parse FILE``: print what the linter sees, so an author can check a clause."""

from __future__ import annotations

import sys

import click


@click.command("parse")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text",
    show_default=True
)
@click.option(
    "--pdf-engine",
    type=click.Choice(["pypdfium2", "pdfplumber"]),
    default="pypdfium2",
    show_default=True,
    help="PDF text engine.",
)
def parse_command(files: tuple[str, ...], fmt: str, pdf_engine: str) -> None:
    """Show the sections, blocks and sentences read from FILES, with their locations.

    With --format json, one FILE prints its document as one JSON object (nothing when it
    cannot be read); several FILES print a JSON list of the documents read. Errors go to
    standard error, one line each, and the exit status is 1.
    """
    from ..errors import DocumentError
    from ..parsers import parse_file
    from ..reporters._common import clean, json_text

    failed = False
    out = []
    for path in files:
        try:
            doc = parse_file(path, pdf_engine=pdf_engine)
        except DocumentError as exc:
            click.echo(f"error: {exc.message}", err=True)
            failed = True
            continue
        if fmt == "json":
            out.append(doc.to_dict())
            continue
        click.echo(f"{clean(doc.path)} ({doc.format}{f', {doc.pages} pages' if doc.pages else ''})")
        for key, value in sorted(doc.metadata.items()):
            click.echo(f"  {clean(key)}: {clean(value)}")
        for warning in doc.warnings:
            click.echo(f"  warning: {clean(warning)}")
        for section in doc.sections:
            if section.heading:
                path_text = clean(" > ".join(section.heading_path))
                first = section.blocks[0] if section.blocks else None
                if first is not None and first.kind == "heading" and first.label:
                    path_text += f"  [{clean(first.label)}]"  # Word's computed heading number
                click.echo(f"\n{'#' * max(section.level, 1)} {path_text}")
            for block in section.blocks:
                if block.kind == "heading":
                    continue
                tag = block.kind + (f" {clean(block.label)}" if block.label else "")
                tag += " (quoted)" if block.quoted else ""
                click.echo(f"  [{tag}] {block.span.label()}")
                for sentence in block.sentences:
                    click.echo(f"    {clean(sentence.span.label())}: {clean(sentence.text)}")
    if fmt == "json" and (out or len(files) > 1):
        sys.stdout.write(json_text(out[0] if len(files) == 1 else out))
    if failed:
        sys.exit(1)
