#!/bin/bash
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Runs the examples (C, Python, JavaScript, Vala) against a throwaway
# MariaDB server and checks what they print, so that they cannot rot.
# TAP output; an example whose language is missing is a skipped test.
# Each example gets 60 seconds: a hang is a failure with its output.
#
#   test-examples.sh WATCH_ROWS_C WATCH_ROWS_VALA|'' PYTHON|'' GJS|''

set -uo pipefail

C_EXAMPLE=$1 VALA_EXAMPLE=$2 PYTHON=$3 GJS=$4
EXAMPLES=$(cd "$(dirname "${BASH_SOURCE[0]}")/../examples" && pwd)
SCRIPT=${MYSQL_BINLOG_TEST_SERVER_SCRIPT:-$(dirname "${BASH_SOURCE[0]}")/mariadb-server.sh}
DIR=$(mktemp -d /tmp/mysqlbinlog-examples-XXXXXX)
WORK=$(mktemp -d /tmp/mysqlbinlog-examples-work-XXXXXX)
trap 'bash "$SCRIPT" stop "$DIR" >/dev/null 2>&1; rm -rf "$WORK"' EXIT

eval "$(bash "$SCRIPT" start "$DIR" --owner $$ | grep -E '^(SOCKET|PORT|PID)=')"
CLIENT=$(command -v mariadb || command -v mysql)
sql () { "$CLIENT" --no-defaults -uroot -S "$SOCKET" --batch --skip-column-names -e "$1"; }

sql "SET GLOBAL binlog_row_metadata = 'FULL';
     CREATE DATABASE shop;
     CREATE TABLE shop.orders (id INT PRIMARY KEY, customer VARCHAR(20),
                               total DECIMAL(8,2), big BIGINT UNSIGNED);
     CREATE TABLE shop.customers (id INT PRIMARY KEY, name VARCHAR(20));
     CREATE TABLE shop.other (id INT PRIMARY KEY)"
START=$(sql 'SHOW MASTER STATUS' | awk '{ print $1 ":" $2 }')
sql "INSERT INTO shop.orders VALUES (1, 'ann', 9.50, 18446744073709551615);
     INSERT INTO shop.other VALUES (1);
     UPDATE shop.orders SET total = 10.00 WHERE id = 1;
     DELETE FROM shop.orders WHERE id = 1"

n=0
plan=11
echo "1..$plan"

ok () { n=$((n + 1)); echo "ok $n - $1"; }
skip () { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
not_ok ()
{
    n=$((n + 1))
    echo "not ok $n - $1"
    sed 's/^/# /' "$2"
}

# check NAME OUTPUT: three lines for shop.orders, the table filter applied,
# BIGINT UNSIGNED and DECIMAL exact.
check ()
{
    local name=$1 out=$2
    if [ "$(grep -c '^INSERT shop.orders' "$out")" = 1 ] &&
       [ "$(grep -c '^UPDATE shop.orders' "$out")" = 1 ] &&
       [ "$(grep -c '^DELETE shop.orders' "$out")" = 1 ] &&
       ! grep -q 'shop.other' "$out" &&
       grep '^INSERT' "$out" | grep -q "ann" &&
       grep '^INSERT' "$out" | grep -q "18446744073709551615" &&
       grep '^UPDATE' "$out" | grep -q "10.00" &&
       [ "$(wc -l < "$out")" = 3 ]; then
        ok "$name"
    else
        not_ok "$name" "$out"
    fi
}

watch_args=(--socket "$SOCKET" --user root --start "$START" --non-blocking --table shop.orders)

timeout -k 5 60 "$C_EXAMPLE" "${watch_args[@]}" --server-id 101 >"$WORK/c.out" 2>"$WORK/c.err" ||
    cat "$WORK/c.err" >>"$WORK/c.out"
check "watch-rows (C)" "$WORK/c.out"

if [ -n "$PYTHON" ]; then
    timeout -k 5 60 "$PYTHON" "$EXAMPLES/watch-rows.py" "${watch_args[@]}" --server-id 102 \
        >"$WORK/py.out" 2>&1
    check "watch-rows.py" "$WORK/py.out"
else
    skip "watch-rows.py" "no python3 with the gi module, or no typelib"
fi

if [ -n "$GJS" ]; then
    timeout -k 5 60 "$GJS" -m "$EXAMPLES/watch-rows.js" "${watch_args[@]}" --server-id 103 \
        >"$WORK/js.out" 2>"$WORK/js.err" || cat "$WORK/js.err" >>"$WORK/js.out"
    check "watch-rows.js" "$WORK/js.out"
else
    skip "watch-rows.js" "gjs is not installed, or no typelib"
fi

if [ -n "$VALA_EXAMPLE" ]; then
    timeout -k 5 60 "$VALA_EXAMPLE" "${watch_args[@]}" --server-id 104 >"$WORK/vala.out" 2>&1
    check "watch-rows (Vala)" "$WORK/vala.out"
else
    skip "watch-rows (Vala)" "valac or vapigen is not installed"
fi

# replicate-orders.py: per-table handlers, then a second run that starts
# from the position file and sees only the new changes.
if [ -n "$PYTHON" ]; then
    rep_args=(--socket "$SOCKET" --user root --server-id 105 --non-blocking
              --position-file "$WORK/orders.pos" --start "$START")
    timeout -k 5 60 "$PYTHON" "$EXAMPLES/replicate-orders.py" "${rep_args[@]}" >"$WORK/rep1.out" 2>&1
    printf '%s\n' "new order 1 for ann: 9.50" "order 1 changed: total '9.50' -> '10.00'" \
        "order 1 deleted" >"$WORK/rep1.expected"
    if diff -u "$WORK/rep1.expected" "$WORK/rep1.out" >"$WORK/rep1.diff"; then
        ok "replicate-orders.py"
    else
        not_ok "replicate-orders.py" "$WORK/rep1.diff"
    fi

    sql "INSERT INTO shop.customers VALUES (7, 'bea');
         INSERT INTO shop.orders VALUES (2, 'bea', 3.25, 0)"
    timeout -k 5 60 "$PYTHON" "$EXAMPLES/replicate-orders.py" "${rep_args[@]}" >"$WORK/rep2.out" 2>&1
    printf '%s\n' "new customer bea" "new order 2 for bea: 3.25" >"$WORK/rep2.expected"
    if diff -u "$WORK/rep2.expected" "$WORK/rep2.out" >"$WORK/rep2.diff"; then
        ok "replicate-orders.py resumes from its position file"
    else
        not_ok "replicate-orders.py resumes from its position file" "$WORK/rep2.diff"
    fi
else
    skip "replicate-orders.py" "no python3 with the gi module, or no typelib"
    skip "replicate-orders.py resumes from its position file" "no python3 with the gi module, or no typelib"
fi

# stops_on SIGNAL NAME READY COMMAND...: the example, blocking on an idle
# server once it printed a line matching READY (its last change), ends
# within a second of SIGNAL with status 0 (its main loop's signal source
# calls stop()).
stops_on ()
{
    local sig=$1 name=$2 ready=$3
    shift 3
    local out="$WORK/stop-$((n + 1)).out" pid start elapsed status
    "$@" >"$out" 2>&1 &
    pid=$!
    for _ in $(seq 300); do
        grep -q "$ready" "$out" && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if ! grep -q "$ready" "$out"; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        echo "never printed a line matching $ready" >>"$out"
        not_ok "$name" "$out"
        return
    fi
    sleep 0.3
    start=$(date +%s%N)
    kill "-$sig" "$pid"
    for _ in $(seq 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.02
    done
    elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        echo "still running ${elapsed} ms after SIG$sig" >>"$out"
        not_ok "$name" "$out"
        return
    fi
    wait "$pid"
    status=$?
    if [ "$status" = 0 ]; then
        ok "$name (${elapsed} ms)"
    else
        echo "exit status $status after SIG$sig" >>"$out"
        not_ok "$name" "$out"
    fi
}

block_args=(--socket "$SOCKET" --user root --start "$START" --table shop.orders)
stops_on INT "watch-rows (C) stops on SIGINT" "^DELETE" "$C_EXAMPLE" "${block_args[@]}" --server-id 111
if [ -n "$PYTHON" ]; then
    stops_on TERM "watch-rows.py stops on SIGTERM" "^DELETE" \
        "$PYTHON" "$EXAMPLES/watch-rows.py" "${block_args[@]}" --server-id 112
    stops_on INT "replicate-orders.py stops on SIGINT" "deleted$" \
        "$PYTHON" "$EXAMPLES/replicate-orders.py" --socket "$SOCKET" --user root --server-id 113 \
        --position-file "$WORK/stop.pos" --start "$START"
else
    skip "watch-rows.py stops on SIGTERM" "no python3 with the gi module, or no typelib"
    skip "replicate-orders.py stops on SIGINT" "no python3 with the gi module, or no typelib"
fi
if [ -n "$GJS" ]; then
    stops_on INT "watch-rows.js stops on SIGINT" "^DELETE" \
        "$GJS" -m "$EXAMPLES/watch-rows.js" "${block_args[@]}" --server-id 114
else
    skip "watch-rows.js stops on SIGINT" "gjs is not installed, or no typelib"
fi
if [ -n "$VALA_EXAMPLE" ]; then
    stops_on TERM "watch-rows (Vala) stops on SIGTERM" "^DELETE" \
        "$VALA_EXAMPLE" "${block_args[@]}" --server-id 115
else
    skip "watch-rows (Vala) stops on SIGTERM" "valac or vapigen is not installed"
fi
