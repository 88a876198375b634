"""``manage.py load_demo``: the Tribunnews worked example as a newsroom would hold it.

Loads the article, its sources and the 14 statements of its gold file as claims, then
walks each claim through the workflow with the real services, as the demo users, so
its review history, corrections and publication dates are the ones the services write.
The data lives in ``claims/demo/``. Running it again changes nothing but the demo
users' passwords, which it resets to the values it prints.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from claims import services
from claims.dates import PartialDate
from claims.models import Claim, Document, Rating, Source, Status, Tag

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DATA_FILE = DEMO_DIR / "demo.json"

SITE = "http://127.0.0.1:8000/"

#: username, password, group (None: superuser). Fixed, readable, printed: demo only.
DEMO_USERS = [
    ("factchecker", "factchecker-demo", "Fact-checkers"),
    ("editor", "editor-demo", "Editors"),
    ("admin", "admin-demo", None),
]


def load_data() -> dict[str, Any]:
    """The demo's data, with the article text read byte for byte."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    path = DEMO_DIR / data["document"]["file"]
    data["document"]["text"] = path.read_bytes().decode("utf-8")
    return data


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class Command(BaseCommand):
    help = (
        "Load the demo: the Tribunnews article, its sources, 14 claims spread over the "
        "workflow, and the users factchecker, editor and admin. Idempotent. Refuses to "
        "run with DEBUG=False unless given --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--site",
            default=SITE,
            help="Where the site will be served, for the printed links "
            "(make run PORT=8123 passes http://127.0.0.1:8123/).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DEBUG=False (creates users with published passwords).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "load_demo refuses to run with DEBUG=False: it creates the users "
                "factchecker, editor and admin with passwords printed in the clear. "
                "Use a development configuration, or --force if you mean it."
            )
        data = load_data()
        with transaction.atomic():
            users = self.ensure_users()
            sha = Document.hash_text(data["document"]["text"])
            document = Document.objects.filter(text_sha256=sha).first()
            if document is None:
                document = self.load(data, users)
                self.stdout.write(self.style.SUCCESS("Demo data loaded."))
            else:
                self.stdout.write(
                    f"Demo data already loaded (document #{document.pk}); "
                    "left as it is."
                )
        self.report(document, options["site"])

    # --- Users --------------------------------------------------------------------

    def ensure_users(self) -> dict[str, Any]:
        User = get_user_model()
        users = {}
        for username, password, group_name in DEMO_USERS:
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            user.is_active = True
            user.is_staff = True
            user.is_superuser = group_name is None
            user.set_password(password)
            user.save()
            if group_name:
                try:
                    group = Group.objects.get(name=group_name)
                except Group.DoesNotExist:
                    raise CommandError(
                        f"The group “{group_name}” is missing: its data migration "
                        "creates it. Run `manage.py migrate` first."
                    ) from None
                user.groups.add(group)
            users[username] = user
        return users

    # --- Content ------------------------------------------------------------------

    def load(self, data: dict[str, Any], users: dict[str, Any]) -> Document:
        fc = users["factchecker"]
        sources = {
            s["name"]: services.source_get_or_create(
                name=s["name"],
                kind=s["kind"],
                aliases=s["aliases"],
                country=s["country"],
                homepage=s["homepage"],
                description=s["description"],
            )
            for s in data["sources"]
        }
        doc = data["document"]
        document = services.document_create(
            by=fc,
            title=doc["title"],
            text=doc["text"],
            language=doc["language"],
            url=doc["url"],
            publisher=sources[doc["publisher"]],
            authors=doc["authors"],
            published_on=_date(doc["published_on"]),
        )
        for item in data["claims"]:
            claim = self.capture(item, document, sources, fc)
            self.work(claim, item["workflow"], document, sources, users)
        for name, translated in data.get("tag_translations", {}).items():
            tag = Tag.objects.filter(name__iexact=name).first()
            if tag is not None:
                tag.translations = {"id": {"name": translated}}
                services.tag_save(tag=tag, by=users["editor"])
        return document

    def capture(
        self,
        item: dict[str, Any],
        document: Document,
        sources: dict[str, Source],
        fc: Any,
    ) -> Claim:
        claim = services.claim_create(
            by=fc,
            statement=item["statement"],
            language=item["language"],
            claimant=sources[item["claimant"]],
            attribution=item["attribution"],
            speech=item.get("speech", ""),
            attribution_chain=item.get("attribution_chain"),
            made=PartialDate.parse(item["made"]) if item["made"] else None,
            checkworthiness=item["checkworthiness"],
            tags=item["tags"],
        )
        for appearance in item["appearances"]:
            services.appearance_add(
                claim=claim,
                document=document,
                quote=appearance["quote"],
                start=appearance["start"],
                by=fc,
            )
        for date in item["dates"]:
            services.claim_date_add(
                claim=claim,
                start=PartialDate.parse(date["start"]),
                end=PartialDate.parse(date["end"]) if date.get("end") else None,
                role=date["role"],
                text=date.get("text", ""),
                label=date.get("label", ""),
            )
        return claim

    def work(
        self,
        claim: Claim,
        plan: dict[str, Any],
        document: Document,
        sources: dict[str, Source],
        users: dict[str, Any],
    ) -> None:
        """Take ``claim`` to ``plan["status"]`` the way the team would."""
        fc, editor = users["factchecker"], users["editor"]
        status = plan["status"]

        def add(section: dict[str, Any]) -> None:
            for ev in section.get("evidence", []):
                services.evidence_add(
                    claim=claim,
                    by=fc,
                    stance=ev["stance"],
                    url=ev.get("url", ""),
                    document=document if ev.get("document") else None,
                    source=sources[ev["source"]] if ev.get("source") else None,
                    excerpt=ev.get("excerpt", ""),
                    accessed_on=_date(ev.get("accessed_on")),
                )
            for note in section.get("notes", []):
                services.note_add(
                    claim=claim,
                    by=users[note["by"]],
                    body=note["body"],
                    is_public=note["public"],
                )

        if status == Status.NEW:
            return
        if status == Status.NOT_CHECKABLE:
            services.claim_mark_not_checkable(
                claim=claim, by=fc, comment=plan.get("comment", "")
            )
            return
        if plan.get("assign_by_editor"):
            # Given with a due date, so My work shows one (and the overdue check
            # has something to watch).
            services.claim_assign(
                claim=claim,
                by=editor,
                assignee=fc,
                due_on=timezone.localdate() + dt.timedelta(days=3),
            )
        services.claim_start_research(claim=claim, by=fc)
        add(plan)
        if status == Status.RESEARCHING:
            return

        verdict = Rating.objects.get(slug=plan["verdict"])
        services.claim_set_verdict(
            claim=claim, by=fc, verdict=verdict, summary=plan["summary"]
        )
        services.claim_submit(claim=claim, by=fc)
        if plan.get("send_back"):
            services.claim_send_back(claim=claim, by=editor, comment=plan["send_back"])
            again = plan["after_send_back"]
            add(again)
            services.claim_set_verdict(
                claim=claim, by=fc, verdict=verdict, summary=again["summary"]
            )
            services.claim_submit(claim=claim, by=fc, comment=again.get("comment", ""))
        if status == Status.IN_REVIEW:
            return

        services.claim_publish(claim=claim, by=editor)
        if status == Status.CORRECTED:
            correction = plan["correction"]
            add(correction)
            services.claim_correct(
                claim=claim,
                by=editor,
                expected_version=claim.version,
                note=correction["note"],
                verdict=Rating.objects.get(slug=correction["verdict"]),
                summary=correction["summary"],
            )
        elif status == Status.RETRACTED:
            services.claim_retract(claim=claim, by=editor, comment=plan["retract"])
        # Translated after publication, as a newsroom translates its archive: an
        # addition, which the frozen rule allows.
        for language, text in plan.get("translations", {}).items():
            services.claim_translation_add(
                claim=claim,
                by=fc,
                language=language,
                statement=text.get("statement", ""),
                verdict_summary=text.get("summary", ""),
                notes=text.get("notes", ""),
            )
        if claim.status != status:
            raise CommandError(f"Demo claim ended {claim.status}, expected {status}.")

    # --- Output -------------------------------------------------------------------

    def report(self, document: Document, site: str = SITE) -> None:
        claims = Claim.objects.filter(pk__in=document.appearances.values("claim_id"))
        counts = claims.status_counts()
        spread = ", ".join(
            f"{n} {Status(s).label.lower()}" for s, n in counts.items() if n
        )
        roles = {
            "factchecker": f"fact-checker: {counts[Status.NEW]} new to triage, "
            f"{counts[Status.RESEARCHING]} in research",
            "editor": f"editor: {counts[Status.IN_REVIEW]} waiting for review",
            "admin": "superuser",
        }
        self.stdout.write(f"Claims in the demo article: {claims.count()} ({spread}).")
        self.stdout.write("")
        site = site.rstrip("/") + "/"
        self.stdout.write(f"Public site: {site}")
        self.stdout.write(f"Admin:       {site}admin/")
        self.stdout.write("Demo logins (username / password):")
        for username, password, _group in DEMO_USERS:
            self.stdout.write(f"  {username:<12} {password:<18} {roles[username]}")
