"""The workflow's status vocabulary and which statuses the public sees.

Import these names; never retype the tuples.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NEW = "new", _("New")
    RESEARCHING = "researching", _("Researching")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    NOT_CHECKABLE = "not_checkable", _("Not checkable")
    CORRECTED = "corrected", _("Corrected")
    RETRACTED = "retracted", _("Retracted")


#: Statuses the public sees in every list, count, feed, search and API list.
PUBLIC_STATUSES = (Status.PUBLISHED, Status.CORRECTED)

#: Statuses whose claim has a page outside the admin: the public ones, plus retracted
#: claims, which keep their URL (with a retraction notice) but leave every list. Once
#: a claim is in one of these, what its page shows changes only through a transition.
PAGE_STATUSES = (*PUBLIC_STATUSES, Status.RETRACTED)

#: Statuses with no work left for the desk: a fact-checker's queue leaves them out.
CLOSED_STATUSES = (*PAGE_STATUSES, Status.NOT_CHECKABLE)
