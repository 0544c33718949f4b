# Aduan developer commands. `make dev` runs the whole system locally; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PYTHONPATH := shared:.
export SAM_CLI_TELEMETRY := 0

.PHONY: help venv lock dev simulate outbox token test test-unit test-integration test-e2e lint format typecheck \
        validate checkov load fuzz parity build train-triage eval-triage eval-incidents bench events ci clean

help:
	@echo "make dev          run the whole system locally (moto + HTTP API on :3000, no Docker); FRESH=1 starts empty"
	@echo "make simulate     send signed sample WhatsApp deliveries to the running stack"
	@echo "make outbox       print every SMS, email and reply to a citizen the local stack has sent"
	@echo "make token USER=polresta-01   print a demo officer's access token (for curl against /api)"
	@echo "make test         run unit, integration and end-to-end tests"
	@echo "make lint         ruff + mypy;   make validate  sam validate --lint + cfn-lint;   make build  sam build"
	@echo "make checkov      checkov over template.yaml (in its own virtualenv, .venv-checkov)"
	@echo "make load         bounded, seeded load against the running local stack;   make fuzz  malformed deliveries"
	@echo "make eval-triage  triage accuracy on every labelled set;   make bench  latency and import benchmarks"
	@echo "make eval-incidents incident clustering on the development set (precision, recall, B-cubed, wrong merges)"
	@echo "make parity       parity report of the running local stack (SEED=1: first seed labelled demo history)"
	@echo "make train-triage retrain the triage back-up model (leave-one-writer-out CV, then write it)"

$(STAMP): requirements-dev.txt shared/requirements.txt constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==25.3
	$(PY) -m pip install --quiet -r requirements-dev.txt -c constraints.txt
	@touch $(STAMP)

lock:
	rm -rf /tmp/aduan-lock && $(PYTHON) -m venv /tmp/aduan-lock
	/tmp/aduan-lock/bin/pip install --quiet -r requirements-dev.txt
	{ echo "# Exact versions of every development dependency (transitive included), so CI installs what was tested."; \
	  echo "# Regenerate after changing requirements-dev.txt: make lock"; \
	  /tmp/aduan-lock/bin/pip freeze --exclude-editable | sort -f; } > constraints.txt

venv: $(STAMP)

# State (tickets, queued deliveries, sent SMS) is kept in .devstack/ across restarts; FRESH=1 starts empty.
dev: $(STAMP)
	$(PY) -m devstack $(if $(filter 1 yes true,$(FRESH)),--fresh)

simulate: $(STAMP)
	$(PY) -m devstack.simulate

outbox: $(STAMP)
	$(PY) -m devstack.outbox

# An officer's access token from the running local stack: make -s token USER=polresta-01
token: $(STAMP)
	@$(PY) -m devstack.token "$(USER)"

# An Open311 client's API key, printed once (local stack, or TABLE_NAME=<stack table> on AWS):
# make -s open311-key CLIENT=jogo-malang-presisi [OPEN311_KEY_ARGS=--rotate|--revoke]
.PHONY: open311-key
open311-key: $(STAMP)
	@$(PY) -m scripts.open311_key "$(CLIENT)" $(OPEN311_KEY_ARGS)

test: $(STAMP)
	$(PY) -m pytest -n 2 --dist loadfile

test-unit: $(STAMP)
	$(PY) -m pytest tests/unit

test-integration: $(STAMP)
	$(PY) -m pytest tests/integration

test-e2e: $(STAMP)
	$(PY) -m pytest tests/e2e

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	@for handler in functions/*/app.py; do $(VENV)/bin/mypy "$$handler" || exit 1; done

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

validate: $(STAMP)
	$(VENV)/bin/sam validate --lint
	$(VENV)/bin/cfn-lint template.yaml
	$(PY) scripts/make_events.py --check

# checkov pins packages that conflict with aws-sam-cli's, so it lives in a virtualenv of its own.
CHECKOV_VENV := .venv-checkov
CHECKOV_STAMP := $(CHECKOV_VENV)/.installed

$(CHECKOV_STAMP): requirements-checkov.txt
	@test -x $(CHECKOV_VENV)/bin/python || $(PYTHON) -m venv $(CHECKOV_VENV) || python3 -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --upgrade pip==25.3
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --no-deps -r requirements-checkov.txt
	@touch $(CHECKOV_STAMP)

# Every finding is fixed in the template or skipped on its resource with a reason (Metadata: checkov: skip).
checkov: $(CHECKOV_STAMP)
	$(CHECKOV_VENV)/bin/checkov --file template.yaml --framework cloudformation --skip-download --compact --quiet

# Against the running `make dev` (its API_PORT and AWS_PORT); bounded, seeded, 127.0.0.1 only; exit 1 on a missed target.
# Options: make load LOAD_ARGS="--count 200 --rate 50 --seed 2";  make fuzz FUZZ_ARGS="--rounds 2".
load: $(STAMP)
	$(PY) -m scripts.load $(LOAD_ARGS)

fuzz: $(STAMP)
	$(PY) -m scripts.fuzz $(FUZZ_ARGS)

# Against the running `make dev`: the parity report (GET /api/parity's figures). SEED=1 first writes demo history.
parity: $(STAMP)
	$(PY) -m devstack.parity $(if $(filter 1 yes true,$(SEED)),--seed-demo) $(PARITY_ARGS)

build: $(STAMP)
	$(VENV)/bin/sam build --cached

events: $(STAMP)
	$(PY) scripts/make_events.py

train-triage: $(STAMP)
	$(PY) scripts/train_triage_model.py --cv --write

eval-triage: $(STAMP)
	$(PY) scripts/eval_triage.py --all

eval-incidents: $(STAMP)
	$(PY) scripts/eval_incidents.py --check

bench: $(STAMP)
	$(PY) scripts/bench_webhook.py
	$(PY) scripts/bench_triage.py

ci: lint validate checkov build test

clean:
	rm -rf .aws-sam .pytest_cache .mypy_cache .ruff_cache
