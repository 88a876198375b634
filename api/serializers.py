"""How published claims, sources and ratings look in the API.

Nested objects carry only public data: active evidence, public notes, corrections;
never an archived document, nor a link to an archived source.
Detail serializers expect claims loaded with ``ClaimQuerySet.with_page_related()``.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.links import site_url
from claims.models import (
    Appearance,
    Claim,
    ClaimDate,
    Correction,
    Evidence,
    Note,
    Rating,
    Source,
    Tag,
)
from claims.text import markdown_html
from claims.translations import claim_text


class RatingSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()

    class Meta:
        model = Rating
        fields = ["slug", "label", "description", "value", "colour"]

    def get_label(self, obj: Rating) -> str:
        return obj.localized_label()

    def get_description(self, obj: Rating) -> str:
        return obj.localized_description()


class SourceRefSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()

    class Meta:
        model = Source
        fields = ["slug", "name", "kind", "url", "api_url"]

    # An archived source keeps its name on the claims that cite it, but its page
    # and its API entry are gone: no link to a 404.
    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, obj: Source) -> str | None:
        return None if obj.is_archived else site_url(obj.get_absolute_url())

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_api_url(self, obj: Source) -> str | None:
        if obj.is_archived:
            return None
        return site_url(reverse("api:source-detail", kwargs={"slug": obj.slug}))


class SourceSerializer(SourceRefSerializer):
    aliases = serializers.SerializerMethodField()

    class Meta(SourceRefSerializer.Meta):
        fields = [*SourceRefSerializer.Meta.fields, "country", "homepage", "aliases"]

    def get_aliases(self, obj: Source) -> list[str]:
        return [a.name for a in obj.aliases.all()]


class TagSerializer(serializers.ModelSerializer):
    #: the name in the request's language where the desk translated it
    localized_name = serializers.CharField(read_only=True)

    class Meta:
        model = Tag
        fields = ["slug", "name", "localized_name"]


class ClaimDateSerializer(serializers.ModelSerializer):
    start = serializers.SerializerMethodField()
    end = serializers.SerializerMethodField()
    display = serializers.CharField()

    class Meta:
        model = ClaimDate
        fields = ["role", "start", "end", "precision", "display", "label"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_start(self, obj: ClaimDate) -> str:
        return obj.start_date.iso()

    @extend_schema_field(OpenApiTypes.STR)
    def get_end(self, obj: ClaimDate) -> str | None:
        end = obj.end_date
        return end.iso() if end else None


class ClaimTextSerializer(serializers.Serializer):
    """The claim's public text as a reader of the request's language reads it:
    the translation the team wrote, else the original (``is_translated`` false)."""

    language = serializers.CharField(source="statement_language")
    is_translated = serializers.BooleanField()
    statement = serializers.CharField()
    verdict_summary = serializers.CharField(source="summary")
    verdict_summary_language = serializers.CharField(source="summary_language")


class ClaimSerializer(serializers.ModelSerializer):
    #: ``statement``, ``verdict_summary`` and ``language`` are the original, as
    #: the team wrote it; ``text`` is what a reader of the request's language
    #: (Accept-Language, or ``?lang=``) reads, and ``translations`` all versions
    text = serializers.SerializerMethodField()
    translations = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    api_url = serializers.SerializerMethodField()
    claimant = SourceRefSerializer(allow_null=True)
    verdict = RatingSerializer(allow_null=True)
    tags = TagSerializer(many=True)
    dates = ClaimDateSerializer(many=True)
    made_on = serializers.SerializerMethodField()
    #: worded in the reader's language (Accept-Language); the parts stay data
    attribution = serializers.CharField(source="attribution_text", read_only=True)
    #: when readers last saw it change (publication, correction, retraction); an
    #: internal edit (an assignment, a private note) does not move it
    updated_at = serializers.DateTimeField(source="revised_at", read_only=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "api_url",
            "statement",
            "language",
            "claimant",
            "attribution",
            "speech",
            "attribution_chain",
            "made_on",
            "verdict",
            "verdict_summary",
            "status",
            "tags",
            "dates",
            "published_at",
            "updated_at",
            "text",
            "translations",
        ]

    @extend_schema_field(ClaimTextSerializer)
    def get_text(self, obj: Claim) -> dict[str, Any]:
        return dict(ClaimTextSerializer(claim_text(obj, get_language())).data)

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {
                    "statement": {"type": "string"},
                    "verdict_summary": {"type": "string"},
                    "notes": {"type": "string"},
                },
            },
        }
    )
    def get_translations(self, obj: Claim) -> dict[str, dict[str, str]]:
        """Every translation written, by language (each text may be empty: not
        yet translated)."""
        return {
            t.language: {
                "statement": t.statement,
                "verdict_summary": t.verdict_summary,
                "notes": t.notes,
            }
            for t in obj.translations.all()
        }

    def get_url(self, obj: Claim) -> str:
        return site_url(obj.get_absolute_url())

    def get_api_url(self, obj: Claim) -> str:
        return site_url(reverse("api:claim-detail", kwargs={"pk": obj.pk}))

    @extend_schema_field(OpenApiTypes.STR)
    def get_made_on(self, obj: Claim) -> str | None:
        made = obj.made
        return made.iso() if made else None


class DocumentRefSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    language = serializers.CharField()
    archive_url = serializers.CharField()
    publisher = SourceRefSerializer(allow_null=True)


class AppearanceSerializer(serializers.ModelSerializer):
    document = DocumentRefSerializer()

    class Meta:
        model = Appearance
        fields = ["quote", "document"]


class CaptureSerializer(serializers.Serializer):
    """Our own copy of the evidence URL: a WARC file, and the SHA-256 of the page."""

    sha256 = serializers.CharField()
    captured_at = serializers.DateTimeField()
    download_url = serializers.URLField()


class EvidenceSerializer(serializers.ModelSerializer):
    document = DocumentRefSerializer(allow_null=True, source="public_document")
    source = SourceRefSerializer(allow_null=True)
    capture = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "stance",
            "url",
            "archive_url",
            "excerpt",
            "accessed_on",
            "document",
            "source",
            "capture",
        ]

    @extend_schema_field(CaptureSerializer(allow_null=True))
    def get_capture(self, obj: Evidence) -> dict[str, Any] | None:
        # The API serves published claims only, so this is with_public_capture().
        if not obj.has_capture:
            return None
        return {
            "sha256": obj.capture_sha256,
            "captured_at": serializers.DateTimeField().to_representation(
                obj.captured_at
            ),
            "download_url": site_url(reverse("claims:evidence-capture", args=[obj.pk])),
        }


class NoteSerializer(serializers.ModelSerializer):
    html = serializers.SerializerMethodField()

    class Meta:
        model = Note
        fields = ["body", "html", "created_at"]

    def get_html(self, obj: Note) -> str:
        return str(markdown_html(obj.body))


class CorrectionSerializer(serializers.ModelSerializer):
    previous_verdict = RatingSerializer(allow_null=True)
    new_verdict = RatingSerializer(allow_null=True)

    class Meta:
        model = Correction
        fields = ["note", "previous_verdict", "new_verdict", "created_at"]


class ClaimDetailSerializer(ClaimSerializer):
    verdict_summary_html = serializers.SerializerMethodField()
    appearances = AppearanceSerializer(many=True, source="public_appearances")
    evidence = EvidenceSerializer(many=True, source="public_evidence")
    notes = NoteSerializer(many=True, source="public_notes")
    corrections = CorrectionSerializer(many=True, source="public_corrections")

    class Meta(ClaimSerializer.Meta):
        fields = [
            *ClaimSerializer.Meta.fields,
            "verdict_summary_html",
            "appearances",
            "evidence",
            "notes",
            "corrections",
        ]

    def get_verdict_summary_html(self, obj: Claim) -> str:
        return str(markdown_html(obj.verdict_summary))


class VerdictCountSerializer(serializers.Serializer):
    verdict = RatingSerializer()
    count = serializers.IntegerField()


class SourceDetailSerializer(SourceSerializer):
    description = serializers.CharField()
    verdict_counts = serializers.SerializerMethodField()

    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "description", "verdict_counts"]

    @extend_schema_field(VerdictCountSerializer(many=True))
    def get_verdict_counts(self, obj: Source) -> list[dict[str, Any]]:
        counts = Claim.objects.published().filter(claimant=obj).verdict_counts()
        return [{"verdict": RatingSerializer(r).data, "count": n} for r, n in counts]
