"""Core's own table: the counters of the rate limiter (glocal.core.ratelimits)."""

from django.db import models


class RateCounter(models.Model):
    """How often one thing (a mail to an address, a request from a client address) happened
    in the current window of one scope. In the database, not in a per-process cache, so that
    every web worker counts against the same limit. `key` is a keyed hash of the scope and the
    thing counted: no address is stored."""

    scope = models.CharField(max_length=64)
    key = models.CharField(max_length=64, unique=True)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["scope", "window_start"], name="rate_counter_sweep")]

    def __str__(self) -> str:
        return f"{self.scope}: {self.count} since {self.window_start:%H:%M}"
