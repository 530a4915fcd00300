"""
Hand one message to the SMTP server with a hook just before the point of no return.

SMTP has a single commit point: the "." that ends the DATA phase. Everything
before it can be abandoned (a dropped connection makes the server discard the
message); once the server has the ".", it delivers whether or not our "250"
reply ever arrives. ``hand_over`` runs the whole dialogue itself, calls
``before_commit()`` (which records the message in the hand-over journal)
after the content is on the wire and before the ".", then sends the "." and
reads the reply. So a worker killed at any moment leaves a journal entry for
every message the server can have accepted. Only a kill in the few
microseconds between the journal write and the 5-byte "." write records a
message the server never got (see sending.py for how that is resolved).

Backends other than SMTP (console, file, in-memory in tests) have no commit
point: the hook runs and then the message is sent the normal way.
"""

import re
import smtplib
import socket

from django.conf import settings
from django.core.mail.message import sanitize_address

_CRLF = b"\r\n"
_EOLS = re.compile(rb"\r\n|\n|\r(?!\n)")
_LEADING_DOT = re.compile(rb"(?m)^\.")


def hand_over(message, connection, before_commit, after_refusal):
    smtp = getattr(connection, "connection", None)
    if not isinstance(smtp, smtplib.SMTP):
        before_commit()
        try:
            message.send()
        except Exception:
            after_refusal()
            raise
        return

    encoding = message.encoding or settings.DEFAULT_CHARSET
    from_email = sanitize_address(message.from_email, encoding)
    recipients = [sanitize_address(address, encoding) for address in message.recipients()]
    content = message.message().as_bytes(linesep="\r\n")

    # The content and the "." are two writes; without TCP_NODELAY, Nagle's
    # algorithm holds the "." back until the server's delayed ACK (~40 ms).
    if smtp.sock is not None:
        smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    smtp.ehlo_or_helo_if_needed()
    code, reply = smtp.mail(from_email)
    if code != 250:
        _reset(smtp)
        raise smtplib.SMTPSenderRefused(code, reply, from_email)
    refused = {}
    for recipient in recipients:
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            refused[recipient] = (code, reply)
    if len(refused) == len(recipients):
        _reset(smtp)
        raise smtplib.SMTPRecipientsRefused(refused)
    code, reply = smtp.docmd("data")
    if code != 354:
        _reset(smtp)
        raise smtplib.SMTPDataError(code, reply)
    body = _LEADING_DOT.sub(b"..", _EOLS.sub(_CRLF, content))
    if not body.endswith(_CRLF):
        body += _CRLF
    smtp.send(body)
    before_commit()
    # From here on an exception leaves it unknown whether the server got the
    # ".": the journal entry stays and the message counts as handed over.
    smtp.send(b"." + _CRLF)
    code, reply = smtp.getreply()
    if code != 250:
        after_refusal()
        raise smtplib.SMTPDataError(code, reply)


def _reset(smtp):
    try:
        smtp.rset()
    except smtplib.SMTPServerDisconnected:
        pass
