"""
A fixed-window rate limit in the shared cache (Redis in production, so it
holds across web processes). Keys are hashed so the cache never holds an IP
or e-mail address in clear.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from .request_context import client_ip

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate):
    """'5/h' -> (5, 3600); '10/5m' -> (10, 300). Units: s, m, h, d."""
    count, _slash, period = rate.partition("/")
    period = period.strip()
    multiplier = int(period[:-1]) if len(period) > 1 else 1
    return int(count), multiplier * UNITS[period[-1]]


def allow(scope, identity, rate):
    """Count one hit for ``identity`` within ``scope``; False once ``rate`` is exceeded."""
    limit, window = parse_rate(rate)
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{identity}".encode()).hexdigest()[:32]
    key = f"ratelimit:{scope}:{digest}"
    cache.add(key, 0, timeout=window)
    try:
        hits = cache.incr(key)
    except ValueError:  # the window expired between add() and incr()
        cache.set(key, 1, timeout=window)
        hits = 1
    return hits <= limit


def allow_request(request, scope, rate):
    """Rate-limit by the client's address."""
    return allow(scope, client_ip(request) or "unknown", rate)
