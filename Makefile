# δF: build, serve and test. Two commands matter (README): `make serve` and `make test`.
# Every install step is idempotent: it checks what is there first, so a second run takes seconds.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PORT ?= 8080
CARGO_HOME ?= $(HOME)/.cargo
export PATH := $(CARGO_HOME)/bin:$(CURDIR)/node_modules/.bin:$(PATH)
# lavapipe and Chromium complain without it; harmless either way.
export XDG_RUNTIME_DIR ?= /tmp

WASM_PACK_VERSION := 0.15.1
# The wasm-bindgen CLI must equal the library version in Cargo.lock, or wasm-pack tries to download one.
WASM_BINDGEN_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/ {getline; gsub(/"/, "", $$3); print $$3; exit}' Cargo.lock)
STAMPS := target/.stamps
CRATE_SOURCES := $(shell find crate/src -type f) crate/Cargo.toml Cargo.toml Cargo.lock .cargo/config.toml
SITE_SOURCES := $(shell find www -path www/dist -prune -o -type f -print) package.json vite.config.ts tsconfig.json

.PHONY: help serve test bench size setup setup-system setup-rust setup-node wasm site clean

help:
	@echo "make serve   build everything and serve the playground at http://127.0.0.1:$(PORT)"
	@echo "make test    run every test suite (native, browser wasm with and without WebGPU, GPU parity, e2e, TS)"
	@echo "make bench   benchmarks (never part of make test)"
	@echo "make size    raw and gzip size of the release wasm"

# ---------------------------------------------------------------- installs (idempotent)

# Debian packages for browser tests and native GPU tests; .ci/run installs them too.
setup-system:
	@missing=""; \
	for p in chromium chromium-driver mesa-vulkan-drivers; do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "need root to apt-get install$$missing" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

setup-rust:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@if [ "$$(wasm-pack --version 2>/dev/null)" != "wasm-pack $(WASM_PACK_VERSION)" ]; then \
	  cargo install wasm-pack --locked --version $(WASM_PACK_VERSION); fi
	@# no --locked: the CLI's own lockfile pins a crate version the registry lacks (toolchain.md)
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); fi

setup-node: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

setup: setup-system setup-rust setup-node

# ---------------------------------------------------------------- builds

wasm: pkg/deltaf_bg.wasm
# Release build, then binaryen 132 from npm (Debian's wasm-opt 108 breaks wasm-bindgen output).
pkg/deltaf_bg.wasm: $(CRATE_SOURCES) | setup-rust setup-node
	wasm-pack --quiet build --release --target web crate --out-dir ../pkg
	wasm-opt -O3 pkg/deltaf_bg.wasm -o pkg/deltaf_bg.opt.wasm
	mv pkg/deltaf_bg.opt.wasm pkg/deltaf_bg.wasm

site: www/dist/index.html
www/dist/index.html: pkg/deltaf_bg.wasm $(SITE_SOURCES) | setup-node
	npm run --silent build

serve: setup-rust setup-node site
	@echo "δF at http://127.0.0.1:$(PORT)"
	node tests/e2e/serve.mjs www/dist $(PORT)

# ---------------------------------------------------------------- checks

test: setup site
	tests/run-suites.sh

bench: setup wasm
	tests/run-benches.sh

size: wasm
	@raw=$$(stat -c %s pkg/deltaf_bg.wasm); gz=$$(gzip -9c pkg/deltaf_bg.wasm | wc -c); \
	awk -v r=$$raw -v g=$$gz 'BEGIN { printf "pkg/deltaf_bg.wasm: %d bytes raw (%.1f KiB), %d bytes gzip -9 (%.1f KiB)\n", r, r/1024, g, g/1024 }'

clean:
	rm -rf pkg www/dist target/e2e target/test-logs $(STAMPS)
