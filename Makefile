# Build and test entry points. `sam build` calls the build-<LogicalId> targets (BuildMethod:
# makefile), each running one Maven reactor build of just what that resource needs; tests run in
# `make test`, never inside `sam build`.

SHELL := /bin/bash
.DEFAULT_GOAL := help

JAVA_HOME := $(shell sh tools/scripts/find-jdk25)
export JAVA_HOME
MVN := ./mvnw -B -q
VENV := .venv
PYTHON ?= python3

.PHONY: help tools test licences e2e load drills redrive benchmark benchmark-coldstart build run invoke rename clean

help:
	@echo "make run     the whole application on this machine, no Docker, no AWS account (PORT=3000, AWS_PORT=4566)"
	@echo "make invoke FUNCTION=[<Stack>/]<LogicalId> EVENT=<file> [ENV_VARS=<file>] [CLASSES=1]   one function once, like sam local invoke"
	@echo "make test    run every test: unit, integration, template checks, the licence gate, and the end-to-end suite on make run"
	@echo "make licences   the licence gate: every third-party artifact of the build, the tests and the tools is open source, or an accepted exception"
	@echo "make e2e [E2E_OUTPUTS=<file>] [E2E_PARTNER=<your partner-id tag>]   the end-to-end suite against a running make run, or a deployed stack's outputs"
	@echo "make tools   install the tools: SAM CLI, AWS CLI, cfn-lint (+ serverless rules), moto, zizmor, actionlint into $(VENV); checkov into $(VENV)-checkov; asl-validator into tools/node_modules"
	@echo "make load [LOAD_ORDERS=200 PARTNER_LINES=400 E2E_OUTPUTS=<file>]   a Gatling load on make run (or a deployed stack), reconciled: nothing lost, nothing doubled"
	@echo "make drills [DRILLS=all|<name>,...]   the load with faults injected into make run (docs/reliability.md), each reconciled"
	@echo "make redrive QUEUE=<rule DLQ name> [E2E_OUTPUTS=<file>]   put the events a rule could not deliver back on the bus (docs/operations.md)"
	@echo "make build   sam build: the layer and every function of every service stack, from source, each with its bill of materials beside it (<artifact>.cdx.json)"
	@echo "make benchmark  ingestion throughput and heap for 100,000 and 1,000,000-line files (reports, asserts nothing)"
	@echo "make benchmark-coldstart [RUNS=5 WARM=20] [AWS_SAMPLE=<dir>]   every function's cold start under the Lambda runtime client, as ratios to a bare handler; with AWS_SAMPLE, an AWS sample's beside them"
	@echo "make rename GROUP=io.acme NAME=acme-shop   make the fork yours: Maven group, Java packages, event sources, stack names"
	@echo "make clean   remove build output"

tools: $(VENV)/.installed $(VENV)-checkov/.installed tools/node_modules/.installed

# actionlint (the workflows' linter) is a Go program: built from the Go module proxy into the same bin/.
ACTIONLINT_VERSION := v1.7.12
$(VENV)/.installed: tools/requirements-dev.txt Makefile
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r tools/requirements-dev.txt
	GOBIN="$(CURDIR)/$(VENV)/bin" go install github.com/rhysd/actionlint/cmd/actionlint@$(ACTIONLINT_VERSION)
	touch $@

$(VENV)-checkov/.installed: tools/requirements-checkov.txt
	$(PYTHON) -m venv $(VENV)-checkov
	$(VENV)-checkov/bin/pip install --quiet --disable-pip-version-check -r tools/requirements-checkov.txt
	touch $@

tools/node_modules/.installed: tools/package.json tools/package-lock.json
	npm ci --prefix tools --silent --no-audit --no-fund
	touch $@

test: tools
	./mvnw -B verify
	$(MAKE) --no-print-directory licences
	tools/scripts/end-to-end-local

# Every third-party artifact the build ships or the tests and tools run on is open source
# (tools/scripts/licence-gate): the Maven modules' dependencies, test scope included, the Python tools
# and the npm tools.
licences: tools
	$(MVN) org.cyclonedx:cyclonedx-maven-plugin:makeAggregateBom -Dbom.includeTestScope=true
	$(VENV)/bin/python tools/scripts/licence-gate target/serverless-orders.cdx.json --python $(VENV) --python $(VENV)-checkov \
		--npm tools/node_modules

# Against a deployed stack: sam list stack-outputs --stack-name <stack> --output json > outputs.json,
# then make e2e E2E_OUTPUTS=outputs.json (your AWS credentials sign the calls).
E2E_OUTPUTS ?= .local/outputs.json
e2e:
	./mvnw -B -pl tools/end-to-end verify -De2e.outputs=$(E2E_OUTPUTS) $(if $(E2E_GROUPS),-De2e.groups=$(E2E_GROUPS)) \
		$(if $(E2E_PARTNER),-De2e.partner=$(E2E_PARTNER))

benchmark: tools
	./mvnw -B -q install -DskipTests
	./mvnw -B -q -pl tests test-compile exec:exec

build: tools
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" sam build

# `make run` and `make invoke` rebuild only when something sam build reads has changed.
BUILT := .aws-sam/build/template.yaml
BUILD_INPUTS := pom.xml template.yaml Makefile $(shell find shared-layer tools/function-packaging orders-service invoice-service ingestion-service contracts statemachine \
	-path '*/target' -prune -o -type f -print 2>/dev/null)
# Build output goes to stderr: the standard output of `make invoke` is the function's answer alone.
$(BUILT): $(BUILD_INPUTS) | tools
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" sam build >&2

# The local run (tools/local-run/): its classes, its class path, and the Lambda runtime interface client beside them.
LOCAL_AWS := tools/local-run/target/classpath.txt
# Maven leaves the class path file untouched when it is unchanged, hence the touch.
$(LOCAL_AWS): pom.xml tools/local-run/pom.xml $(shell find tools/local-run/src/main -type f 2>/dev/null)
	$(MVN) -pl tools/local-run package -DskipTests >&2
	touch $@
LOCAL_JAVA = "$(JAVA_HOME)/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
	-Dlocal.python=$(VENV)/bin/python -Dlambda.runtime.dir=tools/local-run/target/lambda-runtime \
	-cp "tools/local-run/target/classes:$$(cat $(LOCAL_AWS))"

run: $(BUILT) $(LOCAL_AWS)
	@$(LOCAL_JAVA) com.example.local.LocalRun

invoke: $(BUILT) $(LOCAL_AWS)
	@CLASSES="$(CLASSES)" $(LOCAL_JAVA) com.example.local.LocalInvoke "$(FUNCTION)" "$(EVENT)" "$(ENV_VARS)"

# The cold-start benchmark (coldstart-benchmark/), run against the local application it starts and stops;
# AWS_SAMPLE (a checkout of a public AWS sample, docs/performance.md) reaches it through the environment.
BENCHMARK := tools/coldstart-benchmark/target/classpath.txt
$(BENCHMARK): pom.xml tools/coldstart-benchmark/pom.xml tools/local-run/pom.xml $(shell find tools/coldstart-benchmark/src/main tools/local-run/src/main -type f 2>/dev/null)
	$(MVN) -pl tools/coldstart-benchmark -am package -DskipTests >&2
	touch $@

benchmark-coldstart: $(BUILT) $(LOCAL_AWS) $(BENCHMARK)
	tools/scripts/with-local-run "$(JAVA_HOME)/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
		-Dlambda.runtime.dir=tools/local-run/target/lambda-runtime \
		-cp "tools/coldstart-benchmark/target/classes:$$(cat $(BENCHMARK))" com.example.benchmark.ColdStartBenchmark

# The load and the drills (reliability/): Gatling in a JVM of its own, then the reconciler.
RELIABILITY := tools/reliability/target/classpath.txt
$(RELIABILITY): pom.xml tools/reliability/pom.xml tools/end-to-end/pom.xml $(shell find tools/reliability/src/main tools/end-to-end/src/main -type f 2>/dev/null)
	$(MVN) -pl tools/reliability -am package -DskipTests >&2
	touch $@
LOAD_ORDERS ?=
PARTNER_LINES ?=
DRILLS ?= all
RELIABILITY_JAVA = "$(JAVA_HOME)/bin/java" -Dreliability.orders=$(LOAD_ORDERS) -Dreliability.partnerLines=$(PARTNER_LINES) \
	-Dreliability.drills=$(DRILLS) -Dreliability.report=$(if $(NO_REPORT),false,true) \
	-cp "tools/reliability/target/classes:$$(cat $(RELIABILITY))"
RELIABILITY_RUN := com.example.reliability.ReliabilityRun

# Without E2E_OUTPUTS they start make run, run against it and stop it (tools/scripts/with-local-run); with it, they run
# against that stack: a deployed one for the load (SigV4, your credentials), a running make run for the drills.
drills load: $(RELIABILITY)
ifeq ($(origin E2E_OUTPUTS),file)
	$(MAKE) --no-print-directory $(BUILT) $(LOCAL_AWS)
	tools/scripts/with-local-run $(MAKE) --no-print-directory $@ E2E_OUTPUTS=.local/outputs.json
else
	$(RELIABILITY_JAVA) -Dreliability.mode=$@ -Dreliability.outputs=$(E2E_OUTPUTS) $(RELIABILITY_RUN)
endif

redrive: $(RELIABILITY)
	"$(JAVA_HOME)/bin/java" -cp "tools/reliability/target/classes:$$(cat $(RELIABILITY))" com.example.reliability.RuleDeadLetterRedrive \
		"$(E2E_OUTPUTS)" "$(QUEUE)"

rename:
	$(PYTHON) tools/scripts/rename --group "$(GROUP)" --name "$(NAME)"

clean:
	./mvnw -B -q clean
	rm -rf .aws-sam .local

# ---- sam build targets: ARTIFACTS_DIR is where SAM collects what it deploys.

# Each artifact's CycloneDX bill of materials (the module's, from its Maven build) goes beside it, as
# <artifact directory>.cdx.json: .aws-sam/build/SharedLayer.cdx.json, .aws-sam/build/<Stack>/<Function>.cdx.json.
# Beside, never inside: what is inside is zipped and deployed, the layer's under every function's /opt,
# and nothing at run time reads a bill of materials.
BILL_OF_MATERIALS = "$(ARTIFACTS_DIR:%/=%).cdx.json"

# The layer: its own jar and every third-party jar, under java/lib.
# The layer directory is emptied first: copy-dependencies never removes a jar, so after a version upgrade
# the old and the new jar would both ship, and the class path would pick either.
build-SharedLayer:
	rm -rf shared-layer/target/layer "$(ARTIFACTS_DIR)/java/lib"
	$(MVN) -pl shared-layer -am -DskipTests package
	mkdir -p "$(ARTIFACTS_DIR)/java/lib"
	cp shared-layer/target/layer/java/lib/*.jar "$(ARTIFACTS_DIR)/java/lib/"
	cp shared-layer/target/shared-layer.cdx.json $(BILL_OF_MATERIALS)

# Each function: its service's jar cut down to the classes its handler reaches (tools/function-packaging,
# what tree shaking does for a Node function), with the jar's resources; everything else comes from the layer.
# The service is the folder whose template.yaml declares the function, the handler the one it names there.
# Its bill of materials is its service's, the jar it is cut from: no third-party component, those are the layer's.
# That follows from the poms alone, so the functions of one service make it once (about 2 s), and again only
# once a pom is newer; the layer, built here only to compile against, leaves its own to build-SharedLayer.
SERVICES := orders-service invoice-service ingestion-service
service_of = $(patsubst %/template.yaml,%,$(shell grep -l '^  $(1):' $(SERVICES:%=%/template.yaml)))
handler = $(shell awk -v id="  $(2):" '$$0 == id {found = 1} found && $$1 == "Handler:" {print $$2; exit}' $(1)/template.yaml)
FUNCTION_JAR = "$(JAVA_HOME)/bin/java" -cp tools/function-packaging/target/classes com.example.packaging.FunctionJar
service_bom_is_fresh = $(shell test $(1)/target/$(1).cdx.json -nt pom.xml && test $(1)/target/$(1).cdx.json -nt $(1)/pom.xml && echo yes)

build-%Function:
	$(eval SERVICE := $(call service_of,$*Function))
	@test -n "$(SERVICE)" || { echo "no service template declares $*Function" >&2; exit 1; }
	$(MVN) -pl $(SERVICE),tools/function-packaging -am -DskipTests -Dlayer.bom.skip \
		$(if $(call service_bom_is_fresh,$(SERVICE)),-Dcyclonedx.skip) package
	$(FUNCTION_JAR) $(SERVICE)/target/$(SERVICE).jar "$(call handler,$(SERVICE),$*Function)" "$(ARTIFACTS_DIR)/lib/$(SERVICE).jar"
	cp $(SERVICE)/target/$(SERVICE).cdx.json $(BILL_OF_MATERIALS)
