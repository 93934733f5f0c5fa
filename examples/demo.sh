#!/bin/bash
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A tour in one command: builds the project (installing what it needs on
# Debian 12), starts a throwaway MariaDB server, runs the watch-rows example
# against it, changes a few rows and shows the signals that arrive.
#
#   examples/demo.sh
#
# Environment: BUILD_DIR (default: build/ in the source tree).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export BUILD_DIR=${BUILD_DIR:-$ROOT/build}
SERVER_SCRIPT=$ROOT/tests/mariadb-server.sh

if [ -t 1 ]; then
    BOLD=$'\033[1m' CYAN=$'\033[36m' PLAIN=$'\033[0m'
else
    BOLD= CYAN= PLAIN=
fi

say ()
{
    printf '\n%s== %s%s\n' "$BOLD" "$*" "$PLAIN"
}

say "Building (tests/run.sh --build-only)"
bash "$ROOT/tests/run.sh" --build-only

WATCH_ROWS=$BUILD_DIR/examples/watch-rows
CLIENT=$(command -v mariadb || command -v mysql)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mysqlbinlog-demo-XXXXXX")
SERVER_DIR=$WORK/server
WATCHER_PID=

cleanup ()
{
    if [ -n "$WATCHER_PID" ] && kill -0 "$WATCHER_PID" 2>/dev/null; then
        kill -TERM "$WATCHER_PID" 2>/dev/null || true
        wait "$WATCHER_PID" 2>/dev/null || true
    fi
    bash "$SERVER_SCRIPT" stop "$SERVER_DIR" || true
    rm -rf "$WORK"
}
trap cleanup EXIT

say "Starting a throwaway MariaDB server"
export MARIADB_SERVER_CACHE=${MARIADB_SERVER_CACHE:-$BUILD_DIR/tests/mariadb-cache}
bash "$SERVER_SCRIPT" start "$SERVER_DIR" --owner $$ --binlog-row-metadata=FULL >"$WORK/env"
SOCKET=$(sed -n 's/^SOCKET=//p' "$WORK/env")
PORT=$(sed -n 's/^PORT=//p' "$WORK/env")
PID=$(sed -n 's/^PID=//p' "$WORK/env")
echo "mariadbd (pid $PID) on $SOCKET, port $PORT, log_bin ON, binlog_format ROW"

sql ()
{
    "$CLIENT" --no-defaults -uroot -S "$SOCKET" --default-character-set=utf8mb4 -e "$1"
}

say "Creating the schema"
SCHEMA="CREATE DATABASE shop;
CREATE TABLE shop.orders (
  id INT PRIMARY KEY,
  customer VARCHAR(40),
  total DECIMAL(10,2),
  status ENUM('new','paid','shipped'),
  tags SET('gift','express'),
  placed DATETIME(3));
CREATE TABLE shop.items (
  order_id INT,
  sku VARCHAR(20),
  qty INT UNSIGNED,
  PRIMARY KEY (order_id, sku));"
echo "$SCHEMA"
sql "$SCHEMA"

say "Starting watch-rows (blocking, from the current end of the binary log)"
echo "\$ watch-rows --socket $SOCKET --user root"
"$WATCH_ROWS" --socket "$SOCKET" --user root >"$WORK/rows.txt" 2>"$WORK/watch.err" &
WATCHER_PID=$!

for _ in $(seq 1 200); do
    if grep -q 'watching from' "$WORK/watch.err"; then
        break
    fi
    if ! kill -0 "$WATCHER_PID" 2>/dev/null; then
        cat "$WORK/watch.err" >&2
        echo "demo: watch-rows exited before it was connected" >&2
        exit 1
    fi
    sleep 0.1
done
if ! grep -q 'watching from' "$WORK/watch.err"; then
    cat "$WORK/watch.err" >&2
    echo "demo: watch-rows did not connect within 20 s" >&2
    exit 1
fi
cat "$WORK/watch.err"

shown=0
missing=0

# Runs statements, then waits until watch-rows has printed the rows they
# change and shows them.
step ()
{
    local statements=$1 expected=$2 lines i
    printf '\n%sSQL>%s %s\n' "$CYAN" "$PLAIN" "$statements"
    sql "$statements"
    for i in $(seq 1 100); do
        lines=$(wc -l <"$WORK/rows.txt")
        [ "$lines" -ge $((shown + expected)) ] && break
        sleep 0.1
    done
    lines=$(wc -l <"$WORK/rows.txt")
    tail -n +"$((shown + 1))" "$WORK/rows.txt" | head -n "$((lines - shown))" | sed 's/^/  /'
    if [ "$lines" -lt $((shown + expected)) ]; then
        echo "  (expected $expected rows, got $((lines - shown)))"
        missing=1
    fi
    shown=$lines
}

say "Changing rows; each change arrives as a signal"
step "INSERT INTO shop.orders VALUES
  (1, 'alice', 10.50, 'new', 'gift', '2024-02-29 13:45:00.123'),
  (2, 'bob', 99.99, 'new', '', '2024-03-01 09:00:00'),
  (3, 'carol', 5.00, 'new', 'gift,express', NULL);" 3
step "BEGIN;
INSERT INTO shop.items VALUES (1, 'apple', 3), (1, 'pear', 1);
UPDATE shop.orders SET status = 'paid' WHERE id = 1;
COMMIT;" 3
step "UPDATE shop.orders SET total = total * 1.10, status = 'shipped' WHERE status = 'new';" 2
step "DELETE FROM shop.orders WHERE id = 3;" 1

say "Stopping watch-rows with SIGINT"
kill -INT "$WATCHER_PID"
watcher_status=0
wait "$WATCHER_PID" || watcher_status=$?
WATCHER_PID=
grep -v 'watching from' "$WORK/watch.err" || true
echo "watch-rows exited with status $watcher_status"

say "Stopping the server (pid $PID)"
bash "$SERVER_SCRIPT" stop "$SERVER_DIR"
echo "stopped"

if [ "$missing" -ne 0 ] || [ "$watcher_status" -ne 0 ]; then
    echo "demo: some rows did not arrive" >&2
    exit 1
fi
