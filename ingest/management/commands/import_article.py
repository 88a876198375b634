"""Import one article (.txt or saved .html): a Document and its candidate claims."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ingest.failures import log_failure
from ingest.pipeline import LANGUAGES, analyse
from ingest.reading import MAX_BYTES, InputError
from ingest.services import annotate, article_import, is_known_source


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--published takes YYYY-MM-DD, not {value!r}") from exc


class Command(BaseCommand):
    help = (
        "Import an article: store it as a Document and its candidate claims with "
        "claimants, attribution, dates and appearances (one transaction)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="a .txt file or a saved .html page")
        parser.add_argument("--url", default="", help="the article's address")
        parser.add_argument("--publisher", default="", help="the outlet's name")
        parser.add_argument(
            "--language", choices=LANGUAGES, default="", help="skip detection"
        )
        parser.add_argument("--published", default="", help="YYYY-MM-DD")
        parser.add_argument(
            "--dry-run", action="store_true", help="analyse only; write nothing"
        )
        parser.add_argument("--json", action="store_true", help="print the result")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        self._path = path
        if not path.is_file():
            self._failed("missing_file", logging.WARNING)
            raise CommandError(f"No such file: {path}")
        if path.stat().st_size > MAX_BYTES:
            self._failed("too_large", logging.WARNING)
            raise CommandError(
                f"{path} is {path.stat().st_size // (1024 * 1024)} MB; the importer "
                f"takes up to {MAX_BYTES // (1024 * 1024)} MB."
            )
        published = _date(options["published"]) if options["published"] else None
        try:
            self._import(path, published, options)
        except CommandError:
            raise
        except Exception as exc:
            self._failed("unexpected", exception=exc)
            raise

    def _failed(
        self,
        reason: str,
        level: int = logging.ERROR,
        exception: BaseException | None = None,
    ) -> None:
        path = self._path
        size = path.stat().st_size if path.is_file() else 0
        log_failure(
            reason,
            path.name,
            size,
            source="command",
            level=level,
            exception=exception,
        )

    def _import(
        self, path: Path, published: dt.date | None, options: dict[str, Any]
    ) -> None:
        try:
            analysis = analyse(
                path.read_bytes(),
                filename=path.name,
                url=options["url"],
                publisher=options["publisher"],
                language=options["language"],
                published=published,
                is_known_source=is_known_source,
            )
        except InputError as exc:
            self._failed(exc.code, logging.WARNING)
            raise CommandError(f"{path.name}: {exc}") from exc
        data = analysis.as_json()
        for claim, extra in zip(data["claims"], annotate(analysis), strict=True):
            claim.update(extra)
        if not analysis.candidates:
            if not options["dry_run"]:
                self._failed("no_claims", logging.WARNING)
                raise CommandError(
                    f"{path.name}: no sentence in the text reads as a claim; "
                    "nothing was saved."
                )
            data["warnings"].append("No sentence in the text reads as a claim.")
        if options["dry_run"]:
            data["id"] = data["document"]["id"] = None
            data["dry_run"] = True
        else:
            try:
                result = article_import(analysis=analysis, by=None)
            except (ValidationError, PermissionDenied) as exc:
                self._failed("refused", logging.WARNING, exception=exc)
                raise CommandError(f"Nothing was saved: {exc}") from exc
            data["id"] = data["document"]["id"] = result.document.pk
            data["dry_run"] = False
            for claim, (saved, created) in zip(
                data["claims"], result.claims, strict=True
            ):
                claim["claim_id"] = saved.pk
                claim["claimant_source"] = saved.claimant_id
                claim["created"] = created
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for warning in data["warnings"]:
            self.stderr.write(f"warning: {warning}")
        doc = data
        self.stdout.write(
            f"{doc['title']}\n  publisher: {doc['publisher'] or '-'}  language: "
            f"{doc['language']}  published: {doc['published_on'] or '-'}\n"
            f"  {len(data['claims'])} candidate claims, "
            f"{len(data['boilerplate'])} furniture lines dropped"
        )
        for claim in sorted(data["claims"], key=lambda c: -c["checkworthiness"]):
            dates = ", ".join(f"{d['text']} = {d['value']}" for d in claim["dates"])
            self.stdout.write(
                f"  [{claim['checkworthiness']:.2f}] {claim['claimant']}: "
                f"{claim['statement'][:100]}" + (f"  ({dates})" if dates else "")
            )
        if options["dry_run"]:
            self.stdout.write("Dry run: nothing was saved.")
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Saved document #{doc['id']}: {result.created} new claims, "
                    f"{result.reused} new appearances of existing claims."
                )
            )
