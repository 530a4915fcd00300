"""
A local SMTP sink that counts what it receives: for the integration test and
the benchmark only (aiosmtpd is a development requirement, not a runtime one).

    python -m newsletters.smtp_sink --port 2525     # prints the counts on Ctrl+C / SIGTERM
"""

import argparse
import signal
import threading
import time
from email.parser import BytesHeaderParser


class CountingHandler:
    """Records each message's recipients and Message-ID, and the last message for inspection."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []  # (recipient, message_id)
        self.last_content = b""
        self.first_at = None
        self.last_at = None

    async def handle_DATA(self, server, session, envelope):
        headers = BytesHeaderParser().parsebytes(envelope.content)
        now = time.monotonic()
        with self.lock:
            self.first_at = self.first_at or now
            self.last_at = now
            self.last_content = envelope.content
            for recipient in envelope.rcpt_tos:
                self.messages.append((recipient, headers.get("Message-ID", "")))
        return "250 Message accepted"

    def snapshot(self):
        with self.lock:
            return list(self.messages)

    def stats(self):
        messages = self.snapshot()
        return {
            "total": len(messages),
            "unique_recipients": len({recipient for recipient, _id in messages}),
            "unique_message_ids": len({message_id for _recipient, message_id in messages}),
        }

    def reset(self):
        with self.lock:
            self.messages.clear()
            self.first_at = self.last_at = None


class SmtpSink:
    """Context manager running the sink in a background thread on 127.0.0.1:port."""

    def __init__(self, port):
        from aiosmtpd.controller import Controller

        self.handler = CountingHandler()
        self.port = port
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=port)

    def __enter__(self):
        self.controller.start()
        return self.handler

    def __exit__(self, *exc):
        self.controller.stop()
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=2525)
    args = parser.parse_args()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with SmtpSink(args.port) as handler:
        print(f"SMTP sink listening on 127.0.0.1:{args.port}", flush=True)
        try:
            while not stop.wait(1):
                pass
        except KeyboardInterrupt:
            pass
        print(handler.stats(), flush=True)


if __name__ == "__main__":
    main()
