# Quick start on Debian or Ubuntu: `make run` builds the sample site, `make test` runs the tests.
# Both install the system libraries Paragraph links against when they are missing.

SWIFT ?= swift
PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev libcurl4-openssl-dev libsodium-dev pkg-config python3-yaml
PARAGRAPH := .build/debug/paragraph

.PHONY: deps build release run test clean

deps:
	@missing=""; \
	for package in $(PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: build
	$(PARAGRAPH) build
	@echo "The sample site is in public/; open public/index.html in a browser."

test: deps
	$(SWIFT) test
	$(SWIFT) build
	scripts/crash-test.sh $(PARAGRAPH)
	scripts/corpus-write-back.sh $(PARAGRAPH)

clean:
	rm -rf .build public
