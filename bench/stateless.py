"""Are the app servers stateless? Checks that bench/load.py runs against its two app servers.

Each check does something through one app server and looks for it through the other, talking to
them directly (not through nginx, which would pick one at random): the two servers have data
directories of their own and share only PostgreSQL, Redis and the S3 bucket.

- session: log in on A, open the staff overview on B with the same cookie;
- upload: record a safety-walk finding with a photo on A, fetch the photo from B (and find it in
  the bucket, not on either server's disk);
- rate limit: API reads from one client address, alternating A and B, are refused after exactly
  API_RATE_LIMIT of them (a limit kept per process would let through several times as many);
- page cache: a page rendered on A is served from the cache on B, and a moderation on B makes it
  render anew on A;
- tasks: subscription e-mails asked for on A and on B are each sent exactly once, by the workers
  beside both servers.
"""

from __future__ import annotations

import io
import re
import time
import uuid
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import psycopg
import requests
from PIL import Image


@dataclass
class Check:
    name: str
    passed: bool
    detail: str


class _Form(HTMLParser):
    """The fields, with their defaults, of the first <form method="post"> on a page that has a field
    named `marker` (staff pages have a log-out form before the page's own)."""

    def __init__(self, marker: str):
        super().__init__()
        self.marker, self.fields, self.inside, self.done, self.select = marker, {}, False, False, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and (a.get("method") or "").lower() == "post":
            self.inside, self.fields = True, {}
        elif self.inside and tag == "input" and a.get("name") and a.get("type") not in ("file", "submit", "checkbox"):
            self.fields[a["name"]] = a.get("value") or ""
        elif self.inside and tag == "textarea" and a.get("name"):
            self.fields[a["name"]] = ""
        elif self.inside and tag == "select" and a.get("name"):
            self.select = a["name"]
            self.fields.setdefault(self.select, "")
        elif self.inside and tag == "option" and self.select:
            if "selected" in a or not self.fields[self.select]:
                self.fields[self.select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside = False
            self.done = self.marker in self.fields


def form_fields(html: str, marker: str) -> dict[str, str]:
    parser = _Form(marker)
    parser.feed(html)
    return parser.fields


def _login(session: requests.Session, base: str, username: str, password: str) -> requests.Response:
    page = session.get(f"{base}/personal/logga-in/")
    fields = form_fields(page.text, "username")
    fields.update(username=username, password=password)
    return session.post(f"{base}/personal/logga-in/", data=fields, headers={"Referer": page.url},
                        allow_redirects=False)


def check_session(a: str, b: str, username: str, password: str) -> tuple[Check, requests.Session]:
    session = requests.Session()
    answer = _login(session, a, username, password)
    home = session.get(f"{b}/personal/", allow_redirects=False)
    ok = answer.status_code == 302 and home.status_code == 200 and "logga-in" not in home.url
    return Check("session", ok, f"log-in on A: {answer.status_code}; staff overview on B: {home.status_code}"), session


def check_upload(session: requests.Session, a: str, b: str, dsn: str, bucket, data_dirs: list[Path]) -> Check:
    with psycopg.connect(dsn) as conn:
        walk = conn.execute("SELECT a.id FROM activities_activity a JOIN core_municipality m ON m.id = a.municipality_id "
                            "WHERE a.type = 'safety_walk' AND m.slug = 'strangnas' ORDER BY a.id LIMIT 1").fetchone()[0]
    url = f"/personal/fynd/vandring/{walk}/nytt/"
    page = session.get(f"{b}{url}")
    fields = form_fields(page.text, "description")
    marker = f"Lasttest {uuid.uuid4().hex[:8]}: trasig gatlampa vid stationen."
    fields.update(category="lighting", description=marker, address="Stationen", latitude="", longitude="",
                  photo_alt="Släckt gatlampa")
    picture = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 30, 50)).save(picture, format="JPEG")
    saved = session.post(f"{a}{url}", data=fields, files={"photo": ("lampa.jpg", picture.getvalue(), "image/jpeg")},
                         headers={"Referer": f"{a}{url}"}, allow_redirects=False)
    with psycopg.connect(dsn) as conn:
        row = conn.execute("SELECT f.id, p.id, p.image FROM walks_finding f JOIN walks_findingphoto p "
                           "ON p.finding_id = f.id WHERE f.description = %s", (marker,)).fetchone()
    if saved.status_code != 302 or row is None:
        errors = re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', saved.text, re.S)
        return Check("upload", False, f"the finding with a photo was not saved on A ({saved.status_code}): "
                                      + " ".join(re.sub(r"<[^>]+>", " ", e).strip() for e in errors)[:300])
    finding, photo, name = row
    from_a = session.get(f"{a}/personal/fynd/{finding}/foto/{photo}/")
    from_b = session.get(f"{b}/personal/fynd/{finding}/foto/{photo}/")
    in_bucket = bucket.get_object(Bucket=BUCKET, Key=f"media/{name}")["Body"].read()
    on_disk = [str(p) for d in data_dirs for p in d.rglob(Path(name).name)]
    ok = (from_b.status_code == 200 and from_b.content == from_a.content == in_bucket and len(in_bucket) > 0
          and not on_disk)
    return Check("upload", ok, f"photo saved on A, {len(from_b.content):,} bytes from B "
                               f"({from_b.status_code}), the same bytes in the bucket: {from_b.content == in_bucket}, "
                               f"on either server's disk: {', '.join(on_disk) or 'no'}")


def check_rate_limit(a: str, b: str, limit: int) -> Check:
    address = "198.51.100.7"
    accepted = refused = 0
    for n in range(limit * 3):
        base = (a, b)[n % 2]
        status = requests.get(f"{base}/api/v1/municipalities", headers={"X-Forwarded-For": address}).status_code
        if status == 200:
            accepted += 1
        elif status == 429:
            refused += 1
    ok = accepted == limit and refused == limit * 2
    return Check("rate limit", ok, f"{accepted} accepted, {refused} refused (429) of {limit * 3} requests "
                                   f"alternating A and B; API_RATE_LIMIT={limit}")


def _cache_state(base: str, path: str) -> str:
    return requests.get(f"{base}{path}").headers.get("X-Page-Cache", "none")


def check_page_cache(session: requests.Session, a: str, b: str, dsn: str) -> Check:
    path = "/strangnas/2021/"
    first_a, then_b = _cache_state(a, path), _cache_state(b, path)
    with psycopg.connect(dsn) as conn:
        pending = conn.execute("SELECT i.id FROM dialogue_citizeninput i JOIN core_municipality m "
                               "ON m.id = i.municipality_id WHERE m.slug = 'strangnas' AND i.status = 'pending' "
                               "ORDER BY i.id LIMIT 1").fetchone()[0]
    url = f"/personal/synpunkter/{pending}/"
    fields = form_fields(session.get(f"{b}{url}").text, "public_text")
    answer = session.post(f"{b}{url}", data={"csrfmiddlewaretoken": fields["csrfmiddlewaretoken"], "action": "approve",
                                             "public_text": ""}, headers={"Referer": f"{b}{url}"},
                          allow_redirects=False)
    after_a, after_b = _cache_state(a, path), _cache_state(b, path)
    ok = (then_b in ("hit", "fast") and answer.status_code == 302 and after_a == "miss"
          and after_b in ("hit", "fast"))
    return Check("page cache", ok, f"{path}: A {first_a}, then B {then_b}; an input approved on B "
                                   f"({answer.status_code}); then A {after_a}, B {after_b}")


def check_tasks(a: str, b: str, dsn: str, count: int = 10, wait: float = 60) -> Check:
    started = time.time()
    for n in range(count):
        base = (a, b)[n % 2]
        page = requests.Session()
        fields = form_fields(page.get(f"{base}/strangnas/prenumerera/").text, "email")
        fields.update(email=f"lasttest-{uuid.uuid4().hex[:10]}@example.se", medborgarlofte="")
        page.post(f"{base}/strangnas/prenumerera/", data=fields, headers={"Referer": f"{base}/strangnas/prenumerera/",
                  "X-Forwarded-For": f"203.0.113.{n + 1}"}, allow_redirects=False)
    query = ("SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE task_path LIKE %s "
             "AND enqueued_at >= to_timestamp(%s)")
    rows: list = []
    while time.time() - started < wait:
        with psycopg.connect(dsn) as conn:
            rows = conn.execute(query, ("%send_confirmation", started - 1)).fetchall()
        if len(rows) >= count and all(status == "SUCCESSFUL" for status, _ids in rows):
            break
        time.sleep(0.5)
    workers = {worker for _status, ids in rows for worker in ids}
    once = all(len(ids) == 1 for _status, ids in rows)
    done = sum(1 for status, _ids in rows if status == "SUCCESSFUL")
    ok = len(rows) == count and done == count and once
    return Check("tasks", ok, f"{count} confirmation e-mails asked for on A and B: {len(rows)} tasks, {done} "
                              f"done, each by one worker: {once}; workers that ran them: {len(workers)}")


BUCKET = "lofte-load"


def run(a: str, b: str, dsn: str, username: str, password: str, rate_limit: int, bucket,
        data_dirs: list[Path]) -> list[Check]:
    session_check, session = check_session(a, b, username, password)
    checks = [session_check]
    for name, make in (("upload", lambda: check_upload(session, a, b, dsn, bucket, data_dirs)),
                       ("rate limit", lambda: check_rate_limit(a, b, rate_limit)),
                       ("page cache", lambda: check_page_cache(session, a, b, dsn)),
                       ("tasks", lambda: check_tasks(a, b, dsn))):
        try:
            checks.append(make())
        except Exception as error:  # a check that cannot run has failed, with the reason
            checks.append(Check(name, False, f"{type(error).__name__}: {error}"))
    return checks
