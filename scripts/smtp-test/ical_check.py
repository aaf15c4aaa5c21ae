"""Expands an iCalendar feed with an independent parser (icalendar + recurring-ical-events).

Reads the feed on stdin and a window (two ISO dates) as arguments; prints one line per occurrence:
UID|SUMMARY|start in UTC (YYYY-MM-DDTHH:MM:SSZ)|RECURRENCE-ID or -. Exits non-zero if the feed does
not parse, has no VTIMEZONE for a TZID it uses, or a line is longer than 75 octets.
"""

import datetime
import sys

import icalendar
import recurring_ical_events

raw = sys.stdin.buffer.read()
for line in raw.split(b"\r\n"):
    assert len(line) <= 75, f"line longer than 75 octets: {line!r}"
cal = icalendar.Calendar.from_ical(raw)
zones = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
for event in cal.walk("VEVENT"):
    tzid = event["DTSTART"].params.get("TZID")
    assert tzid is None or tzid in zones, f"no VTIMEZONE for {tzid}"

start = datetime.date.fromisoformat(sys.argv[1])
end = datetime.date.fromisoformat(sys.argv[2])
for e in recurring_ical_events.of(cal).between(start, end):
    t = e["DTSTART"].dt.astimezone(datetime.timezone.utc)
    rid = e.get("RECURRENCE-ID")
    print(
        e["UID"],
        e["SUMMARY"],
        t.strftime("%Y-%m-%dT%H:%M:%SZ"),
        rid.dt.strftime("%Y-%m-%dT%H:%M:%S") if rid else "-",
        sep="|",
    )
