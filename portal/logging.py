"""Logging helpers: every log line carries the id of the request that caused it."""

import logging

from .request_context import current_request_id


class RequestIDFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_id() or "-"
        return True
