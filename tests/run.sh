#!/bin/bash
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The test command: installs what the build and the tests need (Debian 12),
# configures and builds the project, then runs the whole test suite.
#
#   tests/run.sh                  build and run every test
#   tests/run.sh test-stream      run some tests only (meson test arguments)
#   tests/run.sh --build-only     install packages and build, no tests
#
# Environment: BUILD_DIR (default: build/ in the source tree),
# MESON_SETUP_ARGS (extra `meson setup` options, e.g. sanitizers).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build}

PACKAGES=(
    meson ninja-build pkg-config gcc
    libglib2.0-dev gobject-introspection libgirepository1.0-dev
    default-libmysqlclient-dev zlib1g-dev libzstd-dev libdeflate-dev
    mariadb-server python3-gi gjs valac gi-docgen
    librabbitmq-dev rabbitmq-server python3-pika
    python3-pymysql python3-packaging  # what python-mysql-replication imports, for its benchmark row
    openssl
    xvfb xauth dbus-daemon libglib2.0-bin gir1.2-gtk-4.0 gir1.2-adw-1
)

log ()
{
    echo "run.sh: $*" >&2
}

as_root ()
{
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        log "need root (or sudo) to run: $*"
        exit 1
    fi
}

install_packages ()
{
    local missing=() package
    for package in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
            missing+=("$package")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        log "missing packages (${missing[*]}) and no apt-get to install them"
        exit 1
    fi
    log "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        "${missing[@]}"
}

build ()
{
    # meson and the scanner run on Debian's python3, whatever python3 comes
    # first on PATH.
    if [ -f "$BUILD/build.ninja" ]; then
        # shellcheck disable=SC2086
        meson setup --reconfigure ${MESON_SETUP_ARGS:-} "$BUILD" "$ROOT" >/dev/null ||
            meson setup --wipe ${MESON_SETUP_ARGS:-} "$BUILD" "$ROOT"
    else
        # shellcheck disable=SC2086
        meson setup ${MESON_SETUP_ARGS:-} "$BUILD" "$ROOT"
    fi
    meson compile -C "$BUILD"
}

build_only=0
if [ "${1:-}" = "--build-only" ]; then
    build_only=1
    shift
fi

install_packages
build

if [ "$build_only" -eq 1 ]; then
    exit 0
fi

status=0
meson test -C "$BUILD" --print-errorlogs "$@" || status=$?

# The fault-injection tests' counts (rows written and received, kills
# survived, duplicates), from meson's own log.
if [ -f "$BUILD/meson-logs/testlog.txt" ]; then
    grep -E '^# (reconnect|consumer|async|async cancel|async memory|store): ' \
        "$BUILD/meson-logs/testlog.txt" | sed 's/^# /replication: /' || true
fi

# One closing line with the counts, from meson's own log.
if [ -f "$BUILD/meson-logs/testlog.json" ]; then
    /usr/bin/python3 - "$BUILD/meson-logs/testlog.json" <<'PY' || true
import json, sys
counts = {'passed': 0, 'failed': 0, 'skipped': 0}
for line in open(sys.argv[1]):
    result = json.loads(line).get('result', '')
    if result in ('OK', 'EXPECTEDFAIL'):
        counts['passed'] += 1
    elif result == 'SKIP':
        counts['skipped'] += 1
    else:
        counts['failed'] += 1
print('tests: {passed} passed, {failed} failed, {skipped} skipped'.format(**counts))
PY
fi
exit "$status"
