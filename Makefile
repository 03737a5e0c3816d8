# Vanthu quick start:   make run   |   make test
# Both install what is missing (Debian packages), configure and build with CMake.
BUILD ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
PORT ?= 8080

.PHONY: all setup configure build run test bench clean

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

bench: build
	$(BUILD)/bin/vanthu-bench

clean:
	rm -rf $(BUILD)
