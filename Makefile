# The two commands of the README: `make run` (embedded mode) and `make test` (every test).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8080
DATA_DIR ?= $(CURDIR)/data
MVN := tools/mvn.sh -B -ntp
EMBEDDED_JAR := services/app-embedded/target/imagesearch-embedded.jar
SERVICES := ingest-api worker search-api cdn
SERVICE_JARS := $(foreach s,$(SERVICES),services/$(s)/target/imagesearch-$(s)-0.1.0-SNAPSHOT-exec.jar)
SOURCES := $(shell find services -path '*/src/main/*' -type f 2>/dev/null) $(wildcard pom.xml services/pom.xml services/*/pom.xml)
export PORT DATA_DIR

.PHONY: help run import keys reindex test testenv build format operator-run crds

help:
	@echo "make run      start embedded mode on PORT=$(PORT) with data in DATA_DIR=$(DATA_DIR)"
	@echo "make test     install the test servers (tools/testenv.sh) and run every test"
	@echo "make import DIR=...   index every image under a folder (resumable)"
	@echo "make keys ARGS=...    manage API keys of DATA_DIR: create --name N --scopes S[,S], list, revoke ID"
	@echo "make reindex  rebuild the active model's index from the stored images"
	@echo "make build    compile and package without tests"
	@echo "make format   apply the project's Java formatting"
	@echo "make operator-run   run the operator against the current kubeconfig (applies the CRD first)"
	@echo "make crds     regenerate the CRD (crds/ and the chart's copy) from the operator's classes"

run: $(EMBEDDED_JAR)
	tools/run-embedded.sh

import: $(EMBEDDED_JAR)
	@test -n "$(DIR)" || { echo "usage: make import DIR=/path/to/images" >&2; exit 2; }
	tools/run-embedded.sh --spring.main.web-application-type=none import "$(abspath $(DIR))"

# API keys of DATA_DIR, also while `make run` serves it (the key is the only line on stdout, so
# KEY=$$(make -s keys ARGS="create ...") captures it).
keys: $(EMBEDDED_JAR)
	@tools/run-embedded.sh keys $(ARGS)

reindex: $(EMBEDDED_JAR)
	tools/run-embedded.sh --spring.main.web-application-type=none reindex

# Built only when a source or pom changed since the last build.
$(EMBEDDED_JAR): $(SOURCES)
	$(MVN) -q -DskipTests install -pl services/app-embedded -am
	@touch $@

# The distributed services' exec jars (benchmarks and local runs), rebuilt the same way.
$(SERVICE_JARS) &: $(SOURCES)
	$(MVN) -q -DskipTests install $(foreach s,$(SERVICES),-pl services/$(s)) -am
	@touch $(SERVICE_JARS)

testenv:
	tools/testenv.sh install

# The real-cluster tests (cluster-e2e) run the images this build makes: Jib writes each service's
# and the operator's image as a tar (profile image-tars) on a JRE base that tools/images.sh builds
# from Debian packages. The tests bring the cluster up and down themselves; the last line is a
# safety net for an interrupted run.
IMAGE_FLAGS = -Dimages.base="$$(tools/images.sh path jre21)" -Dimage.registry=imagesearch.local -Dimage.tag=dev

test: testenv
	eval "$$(tools/testenv.sh env)" && tools/images.sh base >/dev/null && $(MVN) verify $(IMAGE_FLAGS); \
	  status=$$?; tools/cluster.sh down >/dev/null 2>&1 || true; exit $$status

build:
	$(MVN) -DskipTests install

format:
	$(MVN) spotless:apply

# The CRD is generated from the operator's Java classes; CrdUpToDateTest fails when a copy is stale.
CRD_FILE := imagesearchclusters.imagesearch.io-v1.yml
crds:
	$(MVN) -q -pl operator -am -DskipTests install
	cp operator/target/classes/META-INF/fabric8/$(CRD_FILE) crds/
	cp crds/$(CRD_FILE) helm/imagesearch-operator/crds/

# The operator against whatever cluster the current kubeconfig points at (kind, minikube, ...).
operator-run:
	$(MVN) -q -DskipTests install -pl operator -am
	kubectl apply --server-side -f crds/imagesearchclusters.imagesearch.io-v1.yml
	LEADER_ELECTION=false HEALTH_PORT=8081 WATCH_NAMESPACES="$(WATCH_NAMESPACES)" \
	  $(MVN) -q -pl operator org.codehaus.mojo:exec-maven-plugin:3.5.1:java -Dexec.mainClass=io.imagesearch.operator.OperatorMain
