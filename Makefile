# Löfte: the two commands are `make run` and `make test`.
# The virtual environment lives in .venv/; stamps make a second run install nothing.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Exported: the default SITE_URL (links in iCal, open data and e-mails) follows the port.
export PORT ?= 8000
export LOFTE_DATA_DIR ?= $(CURDIR)/data

.PHONY: run dev test install install-dev lock bench bench-scale clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=24"

$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

# axe-core for the accessibility tests in headless Chromium; skipped (with a note) without npm.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the browser accessibility tests will be skipped"; fi

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

# Migrate, load the 290 municipalities and the Strängnäs demo (all idempotent), then serve
# with gunicorn (DEBUG off, static files through whitenoise; settings in deploy/gunicorn.conf.py).
run: install
	$(BIN)/lofte migrate --noinput
	@# Finish or remove file writes that a killed process left (safe at every start).
	$(BIN)/lofte check-files --interrupted-only --delete
	@# Enqueue the daily purge of citizens' contact details unless one is pending (idempotent).
	$(BIN)/lofte schedule-daily
	@# Enqueue the daily reminder run for findings past their deadline unless one is pending (idempotent).
	$(BIN)/lofte remind-findings --schedule
	@# Enqueue the weekly reminder to EST rapportörer who have not reported (idempotent).
	$(BIN)/lofte remind-reporters --schedule
	@# Enqueue the weekly digest to e-mail subscribers (Mondays 07:00) unless one is pending (idempotent).
	$(BIN)/lofte send-digests --schedule
	$(BIN)/lofte collectstatic --noinput --verbosity 0
	$(BIN)/lofte load_municipalities
	$(BIN)/lofte demo
	@# Enqueue the nightly bulk download of /data/ (at once when there is no file yet; idempotent).
	$(BIN)/lofte export-open-data --schedule
	@echo ""
	@echo "Löfte körs på http://127.0.0.1:$(PORT)/  (Ctrl+C avslutar)"
	@echo "Personalinloggning: http://127.0.0.1:$(PORT)/personal/  användare: demo  lösenord: $$(cat "$(LOFTE_DATA_DIR)/demo-password.txt")"
	@echo ""
	@# The background worker (e-mail, reminders, purges) beside the web server, started again
	@# whenever it stops (lofte supervise-worker); both stop together.
	$(BIN)/lofte supervise-worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn lofte.wsgi --config deploy/gunicorn.conf.py --bind 127.0.0.1:$(PORT)

# Django's autoreloading development server, DEBUG on.
dev: install
	$(BIN)/lofte migrate --noinput
	$(BIN)/lofte load_municipalities
	$(BIN)/lofte demo
	DEBUG=true $(BIN)/lofte runserver 127.0.0.1:$(PORT)

# The whole suite; set DATABASE_URL=postgres://... to run it on PostgreSQL.
test: install-dev node_modules/.installed
	$(BIN)/pytest $(PYTEST_ARGS)

# Every figure of bench/README.md; each script prints its own table (several take minutes).
bench: install-dev
	$(BIN)/python bench/importer_accuracy.py
	$(BIN)/python bench/short_titles.py
	$(BIN)/python bench/pdf_import_memory.py
	$(BIN)/python bench/import_lock.py
	$(BIN)/python bench/slow_clients.py
	$(BIN)/python bench/report_pdf.py
	$(BIN)/python bench/import_events.py
	$(BIN)/python bench/lagesbild.py
	$(BIN)/python bench/public_pages.py
	$(BIN)/python bench/page_cost.py $$(command -v valgrind >/dev/null && echo --callgrind)
	$(BIN)/python bench/api.py
	$(BIN)/python bench/statistik.py
	$(BIN)/python bench/open_data.py
	$(BIN)/python bench/throughput.py

# National scale and load (need wrk and nginx; the generator alone takes ~15 minutes at full scale).
bench-scale: install-dev
	$(BIN)/python bench/national.py
	$(BIN)/python bench/load.py

# Re-pin the dependencies after changing pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements-dev.lock

clean:
	rm -rf $(VENV) build src/*.egg-info
