# Vanthu quick start:   make run   |   make test
# Both install what is missing (Debian packages), configure and build with CMake.
BUILD ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
PORT ?= 8080

ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 50

.PHONY: all setup configure build run test package asan fuzz bench bench-profile bench-http bench-scale bench-pdf clean

all: build

setup:
	@bash scripts/setup.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: setup $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# The service needs only the binary, its report types and their templates.
run: configure
	cmake --build $(BUILD) -j $(JOBS) --target vanthu vanthu_plugins vanthu_templates
	$(BUILD)/bin/vanthu serve --port=$(PORT)

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The Debian package (packaging/: CPack DEB): $(BUILD)/vanthu_<version>-1_<arch>.deb, holding what
# the components service and sdk install, /etc/vanthu/vanthu.properties and the systemd unit.
package: configure
	cmake --build $(BUILD) -j $(JOBS) --target vanthu vanthu_plugins vanthu_templates vanthu-pack
	cd $(BUILD) && cpack -G DEB

# The unit tests built with AddressSanitizer and UndefinedBehaviorSanitizer (VANTHU_SANITIZE), in
# their own build directory; any error, leak included, fails the run. Build-time tools built
# with ASan would report their own leaks, so leak detection is on only for the tests.
asan: setup
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVANTHU_SANITIZE=ON
	ASAN_OPTIONS=detect_leaks=0 cmake --build $(ASAN_BUILD) -j $(JOBS) --target vanthu_unit_tests
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ctest -L unit --output-on-failure -j $(JOBS)

# libFuzzer over templates (zip and XML) and over render data, FUZZ_SECONDS each, with ASan and
# UBSan, on the seed corpus (tests/fuzz/run). Needs clang: scripts/setup.sh --fuzz installs it.
fuzz:
	@bash scripts/setup.sh --fuzz
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DVANTHU_SANITIZE=ON -DVANTHU_FUZZ=ON
	ASAN_OPTIONS=detect_leaks=0 cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_template fuzz_render_data vanthu-pack
	ASAN_OPTIONS=detect_leaks=0 tests/fuzz/run $(FUZZ_BUILD) $(FUZZ_SECONDS)

# Speed is measured, never asserted (bench/README.md). make bench: ours against docxtemplater and
# docxtpl in one run (ratios, byte identity, LibreOffice opens the output), then the Google
# Benchmark suite. bench-profile: where a document's instructions go (callgrind). bench-http: wrk
# on loopback for 60 s. bench-scale: 2,000-row tables and long documents. bench-pdf: the PDF pool.
bench: configure
	cmake --build $(BUILD) -j $(JOBS) --target vanthu-peer-bench vanthu-bench
	BUILD_DIR=$(BUILD) bench/compare
	$(BUILD)/bin/vanthu-bench

bench-profile: configure
	cmake --build $(BUILD) -j $(JOBS) --target vanthu-peer-bench
	[ -f /tmp/vanthu-peers/data.json ] || ../shared/bench/peers/run /tmp/vanthu-peers
	BUILD_DIR=$(BUILD) bench/profile

bench-http: configure
	cmake --build $(BUILD) -j $(JOBS) --target vanthu vanthu_plugins vanthu_templates
	BUILD_DIR=$(BUILD) bench/http/run --duration=60

bench-scale: configure
	cmake --build $(BUILD) -j $(JOBS) --target vanthu-peer-bench
	[ -f /tmp/vanthu-peers/data.json ] || ../shared/bench/peers/run /tmp/vanthu-peers
	BUILD_DIR=$(BUILD) PAGES=1 bench/scale

# PDF through the warm LibreOffice pool over HTTP at 1, 2 and 4 clients, beside a cold
# soffice --convert-to pdf of the same DOCX (bench/pdf; ratios printed).
bench-pdf: configure
	cmake --build $(BUILD) -j $(JOBS) --target vanthu vanthu-convert vanthu_plugins vanthu_templates
	BUILD_DIR=$(BUILD) bench/pdf

clean:
	rm -rf $(BUILD)
