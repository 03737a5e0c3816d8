#!/usr/bin/env bash
# Installs what Vanthu needs to build, test and run on Debian 12, from Debian's packages only.
# Idempotent: packages already present are not reinstalled; apt is asked only when one is missing.
#   scripts/setup.sh          what make run / make test / make asan need
#   scripts/setup.sh --fuzz   also clang and libFuzzer's runtime, for make fuzz only
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libpoco-dev                       # HTTP server, command line, logging; Poco::Data (SQLite, PostgreSQL)
  libpq-dev                         # PostgreSQL client library, under Poco::Data::PostgreSQL (--database=postgresql://…)
  postgresql-15                     # the postgres_test starts a real PostgreSQL (initdb, postgres, psql in /usr/lib/postgresql/15/bin)
  libboost-dev                      # Boost.DLL (header-only; we use std::filesystem)
  libxml2-dev                       # template parsing
  libicu-dev                        # Vietnamese text rules
  libargon2-dev                     # desk passwords (Argon2id)
  nlohmann-json3-dev                # JSON in the SDK
  zlib1g-dev                        # deflate for the DOCX zip (reading)
  libdeflate-dev                    # deflate for the DOCX zip (writing: 2-4x faster, bench/README.md)
  libisal-dev                       # streaming deflate for parts over 1 MiB (~7x zlib, bench/README.md)
  libgtest-dev libgmock-dev         # tests
  libbenchmark-dev                  # bench/
  libreoffice-writer-nogui          # rendering checks (soffice --headless), the office vanthu-convert loads
  libreofficekit-dev                # LibreOfficeKit headers (vanthu-convert, the PDF worker)
  libqpdf-dev                       # vanthu-convert finishes the PDF (destination names, dates, /ID)
  qpdf                              # tests read PDF structure (qpdf --json)
  fonts-liberation2                 # Liberation Serif, metric-compatible with Times New Roman
  poppler-utils                     # pdftotext; pdfsig (the signing tests check signatures with it)
  libqpdf-dev qpdf                  # signing: PDF object editing (the signature field, the incremental update); qpdf --json in tests
  libpoppler-cpp-dev                # signing: poppler's text layout measures the signature area
  libssl-dev openssl                # signing: CMS (PAdES) with OpenSSL; the tests make a throwaway CA with openssl
  libpng-dev                        # signing: the signer's and the seal's PNG images
  curl                              # HTTP smoke checks
  dpkg-dev file                     # make package: dpkg-shlibdeps computes Depends, CPack finds ELF files with file
  systemd                           # deb_package test: systemd-analyze verify of the unit (no systemd needs to run)
  chromium                          # the desk's browser tests (headless, driven by playwright-core)
  python3                           # bench/pdf (make bench-pdf)
)

# Node.js and npm for the desk's browser tests (tests/node, modules pinned in its lock file):
# Debian's packages unless a node is already installed (another vendor's nodejs bundles npm and
# conflicts with Debian's npm package).
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then packages+=(npm); fi

if [ "${1:-}" = "--fuzz" ]; then
  packages+=(
    clang                           # libFuzzer needs clang
    libclang-rt-14-dev              # libclang_rt.fuzzer, ASan/UBSan runtimes for clang
    llvm                            # llvm-symbolizer: readable stacks in fuzz findings
  )
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The node tests' npm modules, exactly as tests/node/package-lock.json pins them (no browser
# download: playwright-core drives Debian's chromium; docxtemplater and pizzip for the
# differential test of the template engine). Installed again whenever the lock file is newer
# than what npm last installed (a module added to it).
here="$(cd "$(dirname "$0")/.." && pwd)"
node_dir="$here/tests/node"
if [ "${1:-}" != "--fuzz" ] && { [ ! -f "$node_dir/node_modules/.package-lock.json" ] ||
     [ "$node_dir/package-lock.json" -nt "$node_dir/node_modules/.package-lock.json" ] ||
     [ ! -d "$node_dir/node_modules/playwright-core" ] || [ ! -d "$node_dir/node_modules/docxtemplater" ]; }; then
  echo "setup: npm ci (tests/node)"
  (cd "$here/tests/node" && npm ci --no-audit --no-fund --loglevel=error)
fi
