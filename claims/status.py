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


#: Statuses whose claim pages exist outside the admin. Retracted claims keep their URL
#: (with a retraction notice) but leave every list, count, feed and search.
PUBLIC_STATUSES = (Status.PUBLISHED, Status.CORRECTED)
PAGE_STATUSES = (*PUBLIC_STATUSES, Status.RETRACTED)
