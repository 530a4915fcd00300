"""What a confirm or unsubscribe link did; the pages pick their message from it."""

from enum import Enum


class Outcome(Enum):
    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already_confirmed"
    UNSUBSCRIBED = "unsubscribed"
    ALREADY_UNSUBSCRIBED = "already_unsubscribed"
    EXPIRED = "expired"
    INVALID = "invalid"
