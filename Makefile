# The two commands of the README: `make run` (embedded mode) and `make test` (every test).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8080
DATA_DIR ?= $(CURDIR)/data
MVN := tools/mvn.sh -B -ntp
export PORT DATA_DIR

.PHONY: help run test testenv build format

help:
	@echo "make run      start embedded mode on PORT=$(PORT) with data in DATA_DIR=$(DATA_DIR)"
	@echo "make test     install the test servers (tools/testenv.sh) and run every test"
	@echo "make build    compile and package without tests"
	@echo "make format   apply the project's Java formatting"

run:
	@echo "Embedded mode is not built yet: nothing to start on port $(PORT) (data dir $(DATA_DIR))." >&2
	@exit 1

testenv:
	tools/testenv.sh install

test: testenv
	eval "$$(tools/testenv.sh env)" && $(MVN) verify

build:
	$(MVN) -DskipTests package

format:
	$(MVN) spotless:apply
