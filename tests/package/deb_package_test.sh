#!/usr/bin/env bash
# deb_package: builds the Debian package from this build (cpack -G DEB into a temporary
# directory, the build tree untouched), reads it back with dpkg-deb, then runs what the systemd
# unit runs, from the package's own files, and stops it the way systemd does.
#
# Why the package is extracted (dpkg-deb -x) and not installed (dpkg -i): installing as root would
# create a system user and write into /etc, /usr and /var of the machine running the tests, and
# there is no systemd (PID 1) here to start the unit; a chroot holding the package's dependencies
# would take minutes to make. So the test takes the unit's ExecStart as it is, runs the extracted
# bin/vanthu with a copy of the extracted /etc/vanthu/vanthu.properties whose paths are moved
# under the temporary root (and port 0, a free one), and checks /readyz, a document and SIGTERM.
# The maintainer scripts run against stubs of the commands that would change the system.
#
#   deb_package_test.sh BUILD_DIR SOURCE_DIR [CPACK]
set -euo pipefail

build_dir=$1
source_dir=$2
cpack=${3:-cpack}

fail() { echo "deb_package: FAIL: $*" >&2; exit 1; }
step() { echo "deb_package: $*"; }

for tool in dpkg-deb dpkg-shlibdeps curl "$cpack"; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing (scripts/setup.sh installs dpkg-dev and curl)"
done

tmp=$(mktemp -d /tmp/vanthu-deb-test.XXXXXX)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then kill -KILL "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# 1. The package.
step "cpack -G DEB -B $tmp/pkg"
(cd "$build_dir" && timeout 240 "$cpack" -G DEB -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1) ||
  { cat "$tmp/cpack.log" >&2; fail "cpack did not build the package (log above)"; }
debs=("$tmp"/pkg/vanthu_*.deb)
[ -f "${debs[0]}" ] || { cat "$tmp/cpack.log" >&2; fail "no vanthu_*.deb in $tmp/pkg"; }
[ "${#debs[@]}" -eq 1 ] || fail "expected one package, found: ${debs[*]}"
deb=${debs[0]}
step "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# 2. Its control data.
info=$(dpkg-deb --info "$deb")
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = vanthu ] || fail "Package is '$(field Package)', not vanthu"
version=$(sed -n 's/^project(vanthu VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")
[[ "$(field Version)" == "$version"-* ]] || fail "Version '$(field Version)' is not the project's $version"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
depends=$(field Depends)
for needed in libc6 libpoco adduser libicu libxml2; do
  [[ "$depends" == *"$needed"* ]] || fail "Depends lacks $needed (dpkg-shlibdeps or the extra list): $depends"
done
[[ "$(field Depends)" == *libreoffice-writer-nogui* ]] || fail "Depends lacks libreoffice-writer-nogui (the PDF workers)"
grep -q 'Nghị định 30/2020/NĐ-CP' <<<"$info" || fail "the description has no Vietnamese paragraph"
grep -q 'Decree 30/2020' <<<"$info" || fail "the description has no English paragraph"

mkdir "$tmp/control"
dpkg-deb --control "$deb" "$tmp/control"
grep -qx /etc/vanthu/vanthu.properties "$tmp/control/conffiles" || fail "/etc/vanthu/vanthu.properties is not a conffile"
for script in postinst prerm postrm; do
  [ -x "$tmp/control/$script" ] || fail "no executable $script in the package"
  sh -n "$tmp/control/$script" || fail "$script is not valid sh"
  grep -q '^set -e' "$tmp/control/$script" || fail "$script does not set -e"
done
grep -q 'adduser --system' "$tmp/control/postinst" || fail "postinst does not create the system user"
grep -q 'rm -rf' "$tmp/control/postrm" || fail "postrm does not remove the data on purge"

# The maintainer scripts, run as dpkg runs them but against stubs: the commands that would change
# the system (adduser, chown, dpkg-statoverride, deb-systemd-helper, systemctl,
# deb-systemd-invoke) only write what they were asked to a log, and DATA_DIR is a temporary
# directory. Each step runs twice: the scripts must be idempotent.
stubs="$tmp/stubs"
mkdir -p "$stubs"
for stub in adduser chown dpkg-statoverride deb-systemd-helper systemctl deb-systemd-invoke; do
  printf '#!/bin/sh\necho "%s $*" >>"%s"\n%s\n' "$stub" "$tmp/calls.log" \
    "$( [ "$stub" = dpkg-statoverride ] && echo 'exit 1' || echo 'exit 0')" >"$stubs/$stub"
  chmod +x "$stubs/$stub"
done
printf '#!/bin/sh\n[ "$1 $2" = "passwd vanthu" ] && [ -f "%s" ] && exit 0\nexit 2\n' "$tmp/user-exists" >"$stubs/getent"
chmod +x "$stubs/getent"
for script in postinst prerm postrm; do
  sed "s|^DATA_DIR=.*|DATA_DIR=$tmp/var-lib-vanthu|" "$tmp/control/$script" >"$tmp/$script"
  chmod +x "$tmp/$script"
done
run_script() { PATH="$stubs:$PATH" "$tmp/$1" "${@:2}" || fail "$* exited $?"; }
run_script postinst configure
grep -q '^adduser --system .*vanthu$' "$tmp/calls.log" || fail "postinst configure did not create the user: $(cat "$tmp/calls.log")"
grep -q '^chown vanthu:vanthu '"$tmp"'/var-lib-vanthu$' "$tmp/calls.log" || fail "postinst did not give the data directory to vanthu"
[ "$(stat -c %a "$tmp/var-lib-vanthu")" = 750 ] || fail "the data directory is not 0750"
grep -q '^deb-systemd-helper enable vanthu.service' "$tmp/calls.log" || fail "postinst did not enable the unit"
if grep -q '^deb-systemd-invoke\|^systemctl' "$tmp/calls.log" && [ ! -d /run/systemd/system ]; then
  fail "postinst called systemctl or deb-systemd-invoke without a running systemd"
fi
touch "$tmp/user-exists" "$tmp/var-lib-vanthu/templates.sqlite"
: >"$tmp/calls.log"
run_script postinst configure 0.1.0-1
if grep -q '^adduser' "$tmp/calls.log"; then fail "postinst created the user a second time"; fi
run_script prerm upgrade 0.1.0-1
run_script prerm remove
run_script postrm remove
run_script postrm remove
[ -f "$tmp/var-lib-vanthu/templates.sqlite" ] || fail "postrm remove deleted the data (only purge may)"
run_script postrm purge
[ ! -e "$tmp/var-lib-vanthu" ] || fail "postrm purge left the data directory"
run_script postrm purge
step "maintainer scripts: install, reinstall, remove, purge (twice each, against stubs): ok"

# 3. Its files.
contents=$(dpkg-deb --contents "$deb" | awk '{print $6}')  # the path (a symbolic link's target follows)
for path in ./usr/bin/vanthu ./usr/lib/vanthu/plugins/nq57-weekly.so ./usr/share/vanthu/templates/nq57-weekly.docx \
            ./usr/share/vanthu/desk/index.html ./usr/lib/libvanthu-report.so.0.1 ./usr/include/vanthu/plugin_abi.h \
            ./etc/vanthu/vanthu.properties ./lib/systemd/system/vanthu.service ./usr/share/doc/vanthu/README.md; do
  grep -qx "$path" <<<"$contents" || fail "$path is not in the package"
done
if grep -q '^\./usr/local' <<<"$contents"; then fail "the package holds files under /usr/local"; fi

root="$tmp/root"
dpkg-deb -x "$deb" "$root"
unit="$root/lib/systemd/system/vanthu.service"
grep -qx 'User=vanthu' "$unit" || fail "the unit does not run as User=vanthu"
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
[ "$exec_start" = "/usr/bin/vanthu serve --config=/etc/vanthu/vanthu.properties" ] || fail "unexpected ExecStart: $exec_start"
for line in StateDirectory=vanthu NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
            Restart=on-failure KillSignal=SIGTERM; do
  grep -qx "$line" "$unit" || fail "the unit lacks $line"
done
if command -v systemd-analyze >/dev/null 2>&1; then
  # verify checks that ExecStart's program exists, and /usr/bin/vanthu is not installed here: a
  # copy of the unit runs the extracted one. An unknown or misspelled directive is only a warning
  # for verify ("Unknown key ... ignoring"), so any output fails too.
  sed "s|^ExecStart=/usr/bin/vanthu |ExecStart=$root/usr/bin/vanthu |" "$unit" >"$tmp/vanthu.service"
  if ! systemd-analyze verify "$tmp/vanthu.service" >"$tmp/verify.log" 2>&1 || [ -s "$tmp/verify.log" ]; then
    cat "$tmp/verify.log" >&2
    fail "systemd-analyze verify found problems in the unit (above)"
  fi
  step "systemd-analyze verify: ok"
else
  step "systemd-analyze is not installed: the unit is not verified (apt-get install systemd)"
fi

# 4. The unit's command, from the package's files.
missing_libs=$(ldd "$root/usr/bin/vanthu" | grep 'not found' || true)
[ -z "$missing_libs" ] || fail "the packaged vanthu cannot find libraries: $missing_libs"
config="$tmp/vanthu.properties"
sed -e "s|^\(vanthu\.[a-z-]*-dir *= *\)/|\1$root/|" -e 's|^vanthu\.port *=.*|vanthu.port = 0|' \
    "$root/etc/vanthu/vanthu.properties" >"$config"
sed -i "s|^\(vanthu\.data-dir *= *\)$root/|\1$tmp/|" "$config"
for key in plugins-dir templates-dir desk-dir; do
  dir=$(sed -n "s|^vanthu\.$key *= *||p" "$config")
  [ -d "$dir" ] || fail "vanthu.$key of the packaged configuration is not a directory of the package: ${dir#"$root"}"
done
grep -qx 'vanthu.host = 127.0.0.1' "$config" || fail "the packaged configuration does not listen on 127.0.0.1"
grep -qx 'vanthu.data-dir = /var/lib/vanthu' "$root/etc/vanthu/vanthu.properties" || fail "vanthu.data-dir is not /var/lib/vanthu"
data_dir=$(sed -n 's|^vanthu\.data-dir *= *||p' "$config")
mkdir -p "$data_dir"

read -r -a command <<<"${exec_start/#\/usr\/bin\/vanthu/$root/usr/bin/vanthu}"
command=("${command[@]/#--config=*/--config=$config}")
token_json=$("$root/usr/bin/vanthu" token create --config="$config" --agency='*' --roles=render --name=deb-test --json) ||
  fail "vanthu token create failed"
token=$(grep -o '"token" *: *"vt_[^"]*"' <<<"$token_json" | sed 's/.*"\(vt_[^"]*\)"/\1/')
[ -n "$token" ] || fail "no token in: $token_json"

step "starting: ${command[*]}"
"${command[@]}" >"$tmp/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 300); do
  port=$(sed -n 's|.*listening on) http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$tmp/server.log" | head -1)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.log" >&2; fail "the service exited at start"; }
  sleep 0.1
done
[ -n "$port" ] || { cat "$tmp/server.log" >&2; fail "the service did not say where it listens within 30 s"; }
ready=""
for _ in $(seq 1 100); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" = 200 ]; then ready=1; break; fi
  sleep 0.1
done
[ -n "$ready" ] || { cat "$tmp/server.log" >&2; fail "/readyz did not answer 200 within 10 s"; }
step "ready on port $port"
# The clerk's desk, read from vanthu.desk-dir at start.
desk_status=$(curl -s -o "$tmp/desk.html" -w '%{http_code}' "http://127.0.0.1:$port/desk/")
[ "$desk_status" = 200 ] && cmp -s "$tmp/desk.html" "$root/usr/share/vanthu/desk/index.html" ||
  fail "GET /desk/ answered $desk_status, not the packaged desk's index.html"

status=$(curl -s -o "$tmp/report.docx" -w '%{http_code}' -X POST -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' --data-binary @"$source_dir/samples/nq57-weekly/hai-an-2026-02-11.json" \
  "http://127.0.0.1:$port/v1/report-types/nq57-weekly/documents")
[ "$status" = 200 ] || { cat "$tmp/report.docx" >&2; fail "rendering a document answered $status"; }
[ "$(head -c 2 "$tmp/report.docx")" = PK ] || fail "the document is not a zip (DOCX)"
step "rendered nq57-weekly ($(wc -c <"$tmp/report.docx") bytes)"

# 5. Stopped as systemd stops it: SIGTERM, then it must exit 0 well within TimeoutStopSec.
kill -TERM "$server_pid"
for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$server_pid" 2>/dev/null; then cat "$tmp/server.log" >&2; fail "still running 10 s after SIGTERM"; fi
code=0
wait "$server_pid" || code=$?
server_pid=""
[ "$code" = 0 ] || { cat "$tmp/server.log" >&2; fail "exit status $code after SIGTERM, not 0"; }
grep -q 'Đã dừng (stopped)' "$tmp/server.log" || fail "the log does not say the service stopped cleanly"
step "SIGTERM: stopped, exit 0"
step "ok"
