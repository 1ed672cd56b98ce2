# Build and test entry points. `sam build` calls the build-<LogicalId> targets (BuildMethod:
# makefile), each running one Maven reactor build of just what that resource needs; tests run in
# `make test`, never inside `sam build`.

SHELL := /bin/bash
.DEFAULT_GOAL := help

JAVA_HOME := $(shell sh scripts/find-jdk25)
export JAVA_HOME
MVN := ./mvnw -B -q
VENV := .venv
PYTHON ?= python3

.PHONY: help tools test benchmark build clean

help:
	@echo "make tools   install the test tools: SAM CLI, cfn-lint, moto into $(VENV); asl-validator into node_modules"
	@echo "make test    run every test: unit, integration, template checks (./mvnw verify)"
	@echo "make build   sam build: the layer and every function, from source"
	@echo "make benchmark  ingestion throughput and heap for 100,000 and 1,000,000-line files (reports, asserts nothing)"
	@echo "make clean   remove build output"

tools: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

test: tools
	./mvnw -B verify

benchmark: tools
	./mvnw -B -q install -DskipTests
	./mvnw -B -q -pl tests test-compile exec:exec

build:
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" sam build

clean:
	./mvnw -B -q clean
	rm -rf .aws-sam

# ---- sam build targets: ARTIFACTS_DIR is where SAM collects what it deploys.

# The layer: its own jar and every third-party jar, under java/lib.
build-SharedLayer:
	$(MVN) -pl shared-layer -am -DskipTests package
	mkdir -p "$(ARTIFACTS_DIR)/java/lib"
	cp shared-layer/target/layer/java/lib/*.jar "$(ARTIFACTS_DIR)/java/lib/"

# Order functions: only the orders-service jar; everything else comes from the layer.
build-PlaceOrderFunction build-GetOrderFunction build-ReviewOrderFunction build-RiskCheckFunction \
build-MarkOrderInvoicedFunction build-PlaceOrderFromQueueFunction:
	$(MVN) -pl orders-service -am -DskipTests package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp orders-service/target/orders-service.jar "$(ARTIFACTS_DIR)/lib/"

# Invoice functions: only the invoice-service jar.
build-IssueInvoiceFunction build-GetInvoiceFunction:
	$(MVN) -pl invoice-service -am -DskipTests package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp invoice-service/target/invoice-service.jar "$(ARTIFACTS_DIR)/lib/"

# Ingestion functions: only the ingestion-service jar.
build-IngestFileFunction:
	$(MVN) -pl ingestion-service -am -DskipTests package
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp ingestion-service/target/ingestion-service.jar "$(ARTIFACTS_DIR)/lib/"
