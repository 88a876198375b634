"""What the machine-readable tests share: the site's address as feeds, JSON-LD and
sitemaps print it, their XML namespaces, and a claim page's ClaimReview."""

import json
import re

SITE = "http://127.0.0.1:8000"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def claim_review(client, claim):
    """The one ClaimReview a claim page embeds, parsed."""
    body = client.get(claim.get_absolute_url()).content.decode()
    scripts = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', body, re.DOTALL
    )
    assert len(scripts) == 1
    return json.loads(scripts[0])
