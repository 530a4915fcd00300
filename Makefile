# ERN Portal. `make run` and `make test` are the two commands; the rest are their parts.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?= -n auto
MANAGE := $(BIN)/python manage.py
FERNET_KEY := $(BIN)/python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"

.PHONY: help run test venv install install-dev migrate messages demo serve lint check ci-checks clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

run: install migrate messages demo serve ## Set everything up on embedded defaults and serve http://127.0.0.1:$(PORT)

test: install-dev messages ## Install the dev requirements and run every test (PYTEST_ARGS to narrow it)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || \
		{ echo "ERN Portal needs Python 3.11 or newer ($(PYTHON) is older). Set PYTHON=python3.12, for example."; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { \
		echo ""; \
		echo "Could not create a virtual environment with '$(PYTHON) -m venv'."; \
		echo "On Debian or Ubuntu, install it with:  sudo apt-get install python3-venv"; \
		echo ""; rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python

$(VENV)/.installed: requirements.txt $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the runtime requirements

install-dev: $(VENV)/.installed-dev ## Install the test and lint tools too

migrate: install ## Apply database migrations
	$(MANAGE) migrate --no-input

messages: install ## Compile the UI translations (pure Python, no gettext needed)
	$(MANAGE) compile_catalogues

demo: install ## Load the demo site and users (idempotent)
	$(MANAGE) load_demo

serve: ## Serve on 127.0.0.1:$(PORT)
	$(MANAGE) print_demo_logins
	$(MANAGE) runserver 127.0.0.1:$(PORT)

lint: install-dev ## ruff (with security rules) and template indentation
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: install-dev messages ## Django system checks, migrations and production deploy checks
	$(MANAGE) check --fail-level WARNING
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=ci-dummy-secret-key-$$(date +%s)-not-used-anywhere-else ALLOWED_HOSTS=portal.example.org \
		MFA_ENCRYPTION_KEYS=$$($(FERNET_KEY)) PATIENT_DATA_KEYS=$$($(FERNET_KEY)) \
		$(MANAGE) check --deploy --fail-level WARNING

clean: ## Remove the virtual environment, database and generated files
	rm -rf $(VENV) db.sqlite3 var

BENCH_DATABASE_URL ?= sqlite:////tmp/ern-bench-newsletter.sqlite3
BENCH_SUBSCRIBERS ?= 10000

.PHONY: bench-newsletter
bench-newsletter: install-dev ## Newsletter send throughput: messages/second for 10,000 subscribers to a local SMTP sink
	@case "$(BENCH_DATABASE_URL)" in sqlite:*) rm -f "$(patsubst sqlite:///%,%,$(BENCH_DATABASE_URL))";; esac
	DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) migrate --no-input -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) bench_newsletter --subscribers $(BENCH_SUBSCRIBERS)

BENCH_UPLOAD_DATABASE_URL ?= sqlite:////tmp/ern-bench-upload.sqlite3
BENCH_UPLOAD_MB ?= 1024

.PHONY: bench-upload
bench-upload: install-dev ## Peak memory of the web server while it takes one 1 GiB upload (must rise < 100 MB)
	@case "$(BENCH_UPLOAD_DATABASE_URL)" in sqlite:*) rm -f "$(patsubst sqlite:///%,%,$(BENCH_UPLOAD_DATABASE_URL))";; esac
	rm -rf /tmp/ern-bench-upload-private
	DATABASE_URL=$(BENCH_UPLOAD_DATABASE_URL) DJANGO_SETTINGS_MODULE=portal.settings.test $(MANAGE) migrate --no-input -v0
	DATABASE_URL=$(BENCH_UPLOAD_DATABASE_URL) DJANGO_SETTINGS_MODULE=portal.settings.test PRIVATE_MEDIA_ROOT=/tmp/ern-bench-upload-private \
		$(MANAGE) bench_upload --size-mb $(BENCH_UPLOAD_MB)
