"""Gunicorn's settings for Löfte: `make run` and deploy/systemd/lofte-web@.service both use this file.

Threads, not sync workers: a sync worker is held for the whole request, body included, so two
clients sending one byte a second made every public page wait (bench/slow_clients.py). A gthread
worker hands a connection to a thread only once data has arrived (gunicorn then reads the request
in that thread), so a slow client holds one of WEB_WORKERS x WEB_THREADS threads, not a whole
worker. Many slow clients can still use up the threads: in production nginx sits in front and
buffers every request before it reaches gunicorn (deploy/nginx/lofte.conf), which is the real
defence; the threads are what keeps `make run` and a misconfigured proxy usable.

Environment: LOFTE_BIND (127.0.0.1:8000), WEB_WORKERS (2), WEB_THREADS (16). On PostgreSQL every
thread may keep a connection open: WEB_WORKERS x WEB_THREADS per app server must fit max_connections.
"""

import os

bind = os.environ.get("LOFTE_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_WORKERS", "2"))
threads = int(os.environ.get("WEB_THREADS", "16"))
# A request thread that runs longer than this is a bug or an attack; imports of the largest
# documents take a few seconds.
timeout = 60
graceful_timeout = 30
keepalive = 5
# Requests are small (bodies are capped by nginx and by Django's own limit); headers even more so.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"
# gunicorn's control socket (gunicornc) is not used; without this every instance would claim the
# same $HOME/.gunicorn/gunicorn.ctl, which the systemd unit's ProtectHome forbids anyway.
control_socket_disable = True
