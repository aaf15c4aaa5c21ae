#!/usr/bin/env python3
"""Writes a realistic Open edX tracking log (one JSON event per line, as the LMS writes them) for the
import benchmark of issue 13: several courses over several weeks, learners who enroll (some through
referral links), watch videos, answer problems, post in the forum, pass and get certificates, plus
browser navigation, events outside any course and a few malformed lines.

    gen-tracking-log.py SIZE_MB [OUT] [--seed N]

SIZE_MB is the size to stop at (about 545 bytes an event: 1000 MB is about 1.8 million events).
OUT defaults to standard output. The same seed gives the same file.
"""
import json
import random
import sys
from datetime import datetime, timedelta, timezone

args = [a for a in sys.argv[1:] if not a.startswith("--seed")]
seed = 7
for a in sys.argv[1:]:
    if a.startswith("--seed="):
        seed = int(a.split("=", 1)[1])
size = int(float(args[0]) * 1_000_000) if args else 1_000_000_000
out = open(args[1], "w", encoding="utf-8") if len(args) > 1 and args[1] != "-" else sys.stdout
rng = random.Random(seed)

COURSES = [
    ("course-v1:OpenedX+Intro101+2026_T1", "OpenedX"),
    ("course-v1:CampusX+DataSci+2026_T1", "CampusX"),
    ("course-v1:CampusX+Python2+2026_T1", "CampusX"),
    ("EduOrg/Climate/2026", "EduOrg"),
    ("course-v1:EduOrg+Design+2026_Spring", "EduOrg"),
]
START = datetime(2026, 1, 5, tzinfo=timezone.utc)
WEEKS = 12
LEARNERS = 60_000
AGENTS = [
    "Mozilla/5.0 Chrome/131.0",
    "Mozilla/5.0 Safari/605.1",
    "Mozilla/5.0 Firefox/133.0",
]
REFERRALS = ["SPREAD-2026", "CAMPUS-FRIENDS", "PARTNER-ACME"]


def when(week, rng):
    return START + timedelta(weeks=week, seconds=rng.randrange(7 * 86400), microseconds=rng.randrange(1_000_000))


def base(user, uid, course, org, t, name, source="server", path="/", referer=""):
    e = {
        "username": user,
        "event_source": source,
        "time": t.isoformat(),
        "agent": AGENTS[uid % len(AGENTS)],
        "page": None,
        "session": "%016x" % (uid * 7919 + 13),
        "referer": referer,
        "context": {"user_id": uid, "org_id": org, "course_id": course, "path": path},
        "ip": "10.%d.%d.%d" % (uid % 250, (uid // 250) % 250, uid % 7),
        "event_type": name,
    }
    # Browser events carry the page and the session; server events do not.
    if source == "server":
        del e["page"], e["session"]
    # Events of the newer event-tracking API also carry `name`; legacy ones only `event_type`.
    if name.startswith("edx."):
        e["name"] = name
    return e


def event(user, uid, cidx, t, rng):
    course, org = COURSES[cidx]
    block = "block-v1:%s+type@%%s+block@%012x" % (course.replace("course-v1:", ""), rng.randrange(1 << 48))
    r = rng.random()
    if r < 0.20:
        e = base(user, uid, course, org, t, "problem_check", path="/courses/%s/xblock/problem_check" % course)
        e["event"] = {"answers": {"2_1": "choice_%d" % rng.randrange(4)}, "attempts": rng.randrange(1, 4), "grade": rng.randrange(2), "max_grade": 1, "problem_id": block % "problem", "success": rng.choice(["correct", "incorrect"])}
    elif r < 0.25:
        e = base(user, uid, course, org, t, "edx.grades.problem.submitted")
        e["event"] = {"problem_id": block % "problem", "weighted_earned": 1, "weighted_possible": 1, "course_id": course, "user_id": uid}
    elif r < 0.50:
        name = rng.choice(["play_video", "pause_video", "seek_video", "edx.video.played", "edx.video.paused", "speed_change_video"])
        e = base(user, uid, course, org, t, name, source="browser", path="/event")
        e["event"] = json.dumps({"id": "%012x" % rng.randrange(1 << 48), "currentTime": round(rng.random() * 600, 1), "code": "html5"})
        e["page"] = "https://courses.example.org/xblock/%s" % (block % "vertical")
    elif r < 0.55:
        e = base(user, uid, course, org, t, "load_video", source="browser", path="/event")
        e["event"] = json.dumps({"id": "%012x" % rng.randrange(1 << 48), "code": "html5"})
    elif r < 0.75:
        name = rng.choice(["edx.ui.lms.sequence.next_selected", "edx.ui.lms.sequence.tab_selected", "edx.ui.lms.outline.selected"])
        e = base(user, uid, course, org, t, name, source="browser", path="/event")
        e["event"] = json.dumps({"current_tab": rng.randrange(1, 9), "tab_count": 8, "target_tab": rng.randrange(1, 9), "id": block % "sequential"})
    elif r < 0.79:
        name = rng.choice(["edx.forum.thread.viewed", "edx.forum.thread.voted", "edx.forum.searched"])
        e = base(user, uid, course, org, t, name, path="/courses/%s/discussion/forum" % course)
        e["event"] = {"category_name": "General", "commentable_id": "course", "user_forums_roles": ["Student"], "user_course_roles": []}
    elif r < 0.81:
        name = rng.choice(["edx.forum.thread.created", "edx.forum.response.created", "edx.forum.comment.created"])
        e = base(user, uid, course, org, t, name, path="/courses/%s/discussion/threads/create" % course)
        e["event"] = {"title": "Question about week %d" % rng.randrange(1, 13), "body": "x" * rng.randrange(20, 200), "category_name": "General", "anonymous": False, "id": "%024x" % rng.randrange(1 << 90), "user_forums_roles": ["Student"]}
    else:
        e = base(user, uid, course, org, t, "/courses/%s/courseware" % course, source="server", path="/courses/%s/courseware" % course)
        e.pop("name", None)
        e["event_type"] = "/courses/%s/courseware/%012x/" % (course, rng.randrange(1 << 48))
        e["event"] = {"GET": {}, "POST": {}}
    return e


written = 0
week = 0
per_week = None
enrolled = {}


def emit(e):
    global written
    line = json.dumps(e, separators=(", ", ": ")) + "\n"
    out.write(line)
    written += len(line)


# Events are written week by week in time order within a week's batch, as a log is.
events_per_week = max(1, size // 545 // WEEKS)
while written < size and week < WEEKS * 4:
    w = week % WEEKS
    n = 0
    batch = []
    while n < events_per_week:
        uid = rng.randrange(1, LEARNERS)
        user = "learner%05d" % uid
        cidx = uid % len(COURSES) if rng.random() < 0.8 else rng.randrange(len(COURSES))
        t = when(w, rng)
        key = (uid, cidx)
        if key not in enrolled:
            enrolled[key] = True
            course, org = COURSES[cidx]
            ref = rng.choice(REFERRALS) if rng.random() < 0.1 else None
            about = "https://courses.example.org/courses/%s/about" % course + ("?ref=%s" % ref if ref else "")
            e = base(user, uid, course, org, t - timedelta(minutes=5), "edx.course.enrollment.activated", path="/change_enrollment", referer=about)
            e["event"] = {"course_id": course, "user_id": uid, "mode": "audit"}
            batch.append(e)
        r = rng.random()
        if r < 0.002:
            course, org = COURSES[cidx]
            e = base(user, uid, course, org, t, "edx.course.enrollment.deactivated")
            e["event"] = {"course_id": course, "user_id": uid, "mode": "audit"}
        elif r < 0.004 and w > 4:
            course, org = COURSES[cidx]
            e = base(user, uid, course, org, t, "edx.course.grade.passed.first_time")
            e["event"] = {"course_id": course, "user_id": uid, "event_transaction_id": "%032x" % rng.randrange(1 << 100)}
        elif r < 0.005 and w > 4:
            course, org = COURSES[cidx]
            e = base(user, uid, course, org, t, "edx.certificate.created")
            e["event"] = {"user_id": uid, "course_id": course, "certificate_id": "%032x" % rng.randrange(1 << 100), "enrollment_mode": "verified", "generation_mode": "self"}
        elif r < 0.02:
            e = base("", 0, "", "", t, "/login", path="/login")
            e["context"] = {"user_id": "", "org_id": "", "course_id": "", "path": "/login"}
            e["event"] = {"GET": {}, "POST": {}}
        else:
            e = event(user, uid, cidx, t, rng)
        batch.append(e)
        n += 1
    batch.sort(key=lambda e: e["time"])
    for e in batch:
        emit(e)
        if rng.random() < 0.0001:
            out.write('{"username": "broken", "event_type": "play_video", "time": \n')
            written += 47
        if written >= size:
            break
    week += 1
out.flush()
