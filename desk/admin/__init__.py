"""The newsroom's desk: one module of ModelAdmins per aggregate.

Importing this package registers them on the admin site (``admin.autodiscover``).
The admin only gathers input and shows results: every status, verdict or assignment
change calls a function in ``claims.services``, which checks permission and state and
writes the review history.
"""

from . import accounts, claims, documents, ratings, review, sources

__all__ = ["accounts", "claims", "documents", "ratings", "review", "sources"]
