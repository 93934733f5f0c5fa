#!/bin/bash
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The benchmark command: installs what the build needs and builds (through
# tests/run.sh --build-only), then runs the benchmark and prints its table.
#
#   tests/bench/run.sh                 the standard workload, every reader
#   tests/bench/run.sh --large         also one transaction of 1 GiB
#   tests/bench/run.sh --repeat 3      every reader three times, the best run
#   tests/bench/run.sh --rows 200000   a smaller workload
#
# Environment: BUILD_DIR (default: build/ in the source tree).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD_DIR:-$ROOT/build}

while [ $# -gt 0 ]; do
    case $1 in
        --large) export MYSQL_BINLOG_BENCH_LARGE=1; shift ;;
        --repeat) export MYSQL_BINLOG_BENCH_REPEAT=$2; shift 2 ;;
        --rows) export MYSQL_BINLOG_BENCH_ROWS=$2; shift 2 ;;
        --only) export MYSQL_BINLOG_BENCH_ONLY=$2; shift 2 ;;
        --baseline-build) export MYSQL_BINLOG_BENCH_BASELINE=$(cd "$2" && pwd); shift 2 ;;
        *) echo "usage: $0 [--large] [--repeat N] [--rows N] [--only WORDS] [--baseline-build DIR]" >&2
           exit 2 ;;
    esac
done

BUILD_DIR=$BUILD "$ROOT/tests/run.sh" --build-only
exec meson test -C "$BUILD" --benchmark --verbose
