"""A real SMTP server for Agora's delivery tests.

Listens on 127.0.0.1:PORT and appends each received message to OUT as one JSON line
({"from", "to", "subject", "body"}), flushing at once so the test sees it. The test kills it
to simulate an outage and starts it again.

    python server.py PORT OUT
"""

import asyncio
import json
import sys
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, out):
        self.out = out

    async def handle_DATA(self, server, session, envelope):
        msg = message_from_bytes(envelope.content, policy=policy.default)
        body = msg.get_body(preferencelist=("plain",))
        with open(self.out, "a", encoding="utf-8") as f:
            f.write(json.dumps({
                "from": envelope.mail_from,
                "to": envelope.rcpt_tos,
                "subject": str(msg["subject"]),
                "body": body.get_content() if body else "",
            }) + "\n")
            f.flush()
        return "250 Message accepted for delivery"


async def main(port, out):
    controller = Controller(Recorder(out), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]), sys.argv[2]))
