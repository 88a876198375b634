"""factory_boy factories; traits put a claim in each workflow state."""

import datetime as dt

import factory
from django.contrib.auth.models import Group, User
from django.utils import timezone

from claims.models import (
    Appearance,
    Claim,
    ClaimDate,
    Document,
    Evidence,
    Note,
    Rating,
    SiteEpoch,
    Source,
    SourceAlias,
    Status,
    Tag,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    is_staff = True
    password = factory.django.Password("pass-word-123")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
    kind = Source.Kind.ORGANISATION


class SourceAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceAlias

    source = factory.SubFactory(SourceFactory)
    name = factory.Sequence(lambda n: f"Alias {n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"tag {n}")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Article {n}")
    url = factory.Sequence(lambda n: f"https://news.example.org/article-{n}")
    language = "en"
    text = "The minister said unemployment fell to 5.2 percent in 2019. Nobody agreed."
    text_sha256 = factory.LazyAttribute(lambda d: Document.hash_text(d.text))
    published_on = dt.date(2020, 1, 15)
    publisher = factory.SubFactory(SourceFactory, kind=Source.Kind.OUTLET)


def rating(slug: str = "false") -> Rating:
    return Rating.objects.get(slug=slug)


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim
        skip_postgeneration_save = True

    statement = factory.Sequence(
        lambda n: f"Unemployment fell to {n}.2 percent in 2019."
    )
    language = "en"
    claimant = factory.SubFactory(SourceFactory, kind=Source.Kind.PERSON)
    attribution = "said in a speech"
    made_on_precision = "day"
    made_on = factory.LazyAttribute(
        lambda o: {"day": dt.date(2019, 6, 30), "month": dt.date(2019, 6, 1)}.get(
            o.made_on_precision, dt.date(2019, 1, 1)
        )
    )
    status = Status.NEW
    checkworthiness = 0.7

    class Params:
        researching = factory.Trait(status=Status.RESEARCHING)
        in_review = factory.Trait(
            status=Status.IN_REVIEW,
            verdict=factory.LazyFunction(rating),
            verdict_summary="The official figure was 5.9 percent.",
        )
        published = factory.Trait(
            status=Status.PUBLISHED,
            verdict=factory.LazyFunction(rating),
            verdict_summary="The official figure was 5.9 percent.",
            published_at=factory.LazyFunction(timezone.now),
            revised_at=factory.SelfAttribute("published_at"),
        )
        corrected = factory.Trait(
            status=Status.CORRECTED,
            verdict=factory.LazyFunction(rating),
            verdict_summary="Corrected write-up.",
            published_at=factory.LazyFunction(timezone.now),
            revised_at=factory.SelfAttribute("published_at"),
        )
        retracted = factory.Trait(
            status=Status.RETRACTED,
            verdict=factory.LazyFunction(rating),
            verdict_summary="Retracted.",
            published_at=factory.LazyFunction(timezone.now),
            revised_at=factory.SelfAttribute("published_at"),
        )
        not_checkable = factory.Trait(status=Status.NOT_CHECKABLE)
        #: Researched and ready to submit: verdict, summary and (see ``evidence``)
        #: an evidence item, besides the claimant and date every claim gets.
        ready = factory.Trait(
            status=Status.RESEARCHING,
            verdict=factory.LazyFunction(rating),
            verdict_summary="The official figure was 5.9 percent.",
            with_evidence=True,
        )
        with_evidence = False

    evidence = factory.Maybe(
        "with_evidence",
        yes_declaration=factory.RelatedFactory(
            "tests.factories.EvidenceFactory", factory_related_name="claim"
        ),
        no_declaration=None,
    )

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.tags.add(TagFactory(name=name))


class ClaimDateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClaimDate

    claim = factory.SubFactory(ClaimFactory)
    start = dt.date(2019, 6, 30)
    precision = "day"


class AppearanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appearance

    claim = factory.SubFactory(ClaimFactory)
    document = factory.SubFactory(DocumentFactory)
    quote = "unemployment fell to 5.2 percent in 2019"
    start = factory.LazyAttribute(lambda a: a.document.text.find(a.quote))
    end = factory.LazyAttribute(lambda a: a.start + len(a.quote))
    #: Recorded before its claim was published, as a fact-checker would; pass a
    #: later ``created_at`` for a later sighting.
    created_at = factory.LazyAttribute(
        lambda a: (
            a.claim.published_at - dt.timedelta(seconds=1)
            if a.claim.published_at
            else timezone.now()
        )
    )


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    claim = factory.SubFactory(ClaimFactory)
    url = factory.Sequence(lambda n: f"https://stats.example.org/table-{n}")
    stance = Evidence.Stance.REFUTES
    excerpt = "Unemployment rate 2019: 5.9 %"


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    claim = factory.SubFactory(ClaimFactory)
    body = "Checked the statistics office's table."
    is_public = False


def shown_version(claim: Claim) -> tuple[int, int, int]:
    """What a claim's public page's version is made of (``claims.caching.PageState``):
    its own ``page_version`` and the site epoch's catalogue and listings counters.
    Each only grows, so a later version compares greater."""
    epoch = SiteEpoch.objects.current()
    own = Claim.objects.values_list("page_version", flat=True).get(pk=claim.pk)
    return (own, epoch.catalogue, epoch.listings)
