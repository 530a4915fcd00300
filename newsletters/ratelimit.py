"""A fixed-window rate limit in the shared cache (Redis in production, so it holds across web processes)."""

from django.core.cache import cache


def parse_rate(rate):
    """'5/h' -> (5, 3600). Units: s, m, h, d."""
    count, _slash, unit = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit.strip()[:1]]
    return int(count), seconds


def allow(key, rate):
    """Count one hit on ``key``; False once the rate is exceeded in the current window."""
    limit, window = parse_rate(rate)
    cache_key = f"newsletters:rate:{key}"
    cache.add(cache_key, 0, timeout=window)
    try:
        hits = cache.incr(cache_key)
    except ValueError:  # the window expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        hits = 1
    return hits <= limit
