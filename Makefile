# bgt: the two commands a newcomer runs are `make run` and `make test` (see README.md).
# Both install what is missing (scripts/install-deps), configure and build.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
RELEASE_DIR ?= build/release
ASAN_DIR ?= build/asan

.PHONY: all deps build run test test-release test-asan checks bench format clean

all: build

deps:
	@./scripts/install-deps

build: deps
	@cmake -S . -B $(RELEASE_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(RELEASE_DIR) -j $(JOBS)

# The main job: `bgt run` in emulator mode (the default config) — the emulator in-process on a
# free loopback port, a fast market clock, pairs selected, strategies trading under risk limits
# for RUN_SECONDS, then flatten and a summary (also written to build/run/summary.txt).
RUN_SECONDS ?= 180
run: build
	@mkdir -p build/run && rm -f build/run/journal.db build/run/journal.db-wal build/run/journal.db-shm
	@./$(RELEASE_DIR)/src/app/bgt run --duration $(RUN_SECONDS) \
	  --journal build/run/journal.db --summary build/run/summary.txt

# Static checks, the whole suite in Release, then the whole suite again under ASan + UBSan.
test: deps checks test-release test-asan

checks:
	@./scripts/check-format
	@./scripts/check-purity
	@./scripts/check-layers

test-release: build
	@cd $(RELEASE_DIR) && ctest --output-on-failure -j $(JOBS)

test-asan: deps
	@cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DBGT_SANITIZE=ON \
	  -DBGT_BUILD_BENCH=OFF -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" >/dev/null
	@cmake --build $(ASAN_DIR) -j $(JOBS)
	@cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# Benchmarks (Release build); figures are recorded in bench/README.md.
bench: build
	@for b in $(RELEASE_DIR)/bench/bench_*; do echo "== $$b"; $$b --benchmark_min_time=0.2; done

format:
	@git ls-files --cached --others --exclude-standard -- '*.h' '*.cpp' | xargs clang-format -i

clean:
	rm -rf build
