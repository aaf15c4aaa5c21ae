"""A real SMTP server for Agora's delivery tests.

Listens on 127.0.0.1 on a port the system picks, prints "ready PORT", and appends each received
message to OUT as one JSON line ({"from", "to", "subject", "body"}), flushing at once so the test
sees it. While a file OUT.down exists it is "down": it refuses every message with a transient 421,
as a mail server being restarted or overloaded does, so the test can simulate an outage without
giving up its port (a port released and bound again could be taken in between).

    python server.py OUT
"""

import asyncio
import json
import os
import sys
from email import message_from_bytes, policy

from aiosmtpd.smtp import SMTP


class Recorder:
    def __init__(self, out):
        self.out = out

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        if os.path.exists(self.out + ".down"):
            return "421 4.3.0 Service temporarily unavailable"
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        msg = message_from_bytes(envelope.content, policy=policy.default)
        body = msg.get_body(preferencelist=("plain",))
        with open(self.out, "a", encoding="utf-8") as f:
            f.write(json.dumps({
                "from": envelope.mail_from,
                "to": envelope.rcpt_tos,
                "subject": str(msg["subject"]),
                "body": body.get_content() if body else "",
                # RFC 2369 / RFC 8058, as a mail client reads them.
                "list_unsubscribe": msg["List-Unsubscribe"] and str(msg["List-Unsubscribe"]),
                "list_unsubscribe_post": msg["List-Unsubscribe-Post"] and str(msg["List-Unsubscribe-Post"]),
            }) + "\n")
            f.flush()
        return "250 Message accepted for delivery"


async def main(out):
    handler = Recorder(out)
    server = await asyncio.get_running_loop().create_server(
        lambda: SMTP(handler, hostname="agora-smtp-test"), host="127.0.0.1", port=0
    )
    print(f"ready {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
