# Persona-Werkstatt: the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# 127.0.0.1 serves only this laptop; `make run ADDRESS=0.0.0.0` lets laptops on the same network join.
ADDRESS ?= 127.0.0.1

# Debian packages: Pango and fonts for WeasyPrint (PDF); Chromium and Poppler for the tests.
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
TEST_PACKAGES := $(RUN_PACKAGES) chromium poppler-utils

.PHONY: run test bench lint validate clean

run: $(VENV)/.installed
	@$(MAKE) --no-print-directory apt PACKAGES="$(RUN_PACKAGES)"
	@echo "Persona-Werkstatt auf diesem Laptop: http://127.0.0.1:$(PORT)"
	@if [ "$(ADDRESS)" != "127.0.0.1" ]; then for ip in $$(hostname -I 2>/dev/null); do \
		case $$ip in *.*) echo "Adresse für die Fellows im selben Netz: http://$$ip:$(PORT)";; esac; done; fi
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.address $(ADDRESS)

test: $(VENV)/.installed-dev
	@$(MAKE) --no-print-directory apt PACKAGES="$(TEST_PACKAGES)"
	$(BIN)/ruff check werkstatt tests benchmarks docs app.py
	$(BIN)/python -m pytest

bench: $(VENV)/.installed-dev
	@for script in benchmarks/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check werkstatt tests benchmarks docs app.py

validate: $(VENV)/.installed
	$(BIN)/python -m werkstatt validate

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

# Installs missing Debian packages (needs root, as in CI); otherwise says what to install.
.PHONY: apt
apt:
	@missing=""; for pkg in $(PACKAGES); do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installiere Debian-Pakete:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "Bitte installieren: sudo apt-get install$$missing"; exit 1; \
		fi; \
	fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
