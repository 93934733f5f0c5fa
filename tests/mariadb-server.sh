#!/bin/bash
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Starts and stops a throwaway MariaDB server for the tests and the demo.
#
#   mariadb-server.sh start DIR [--owner PID] [extra mariadbd options...]
#   mariadb-server.sh stop DIR
#   mariadb-server.sh restart DIR
#
# `start` creates DIR, copies an initialised data directory into it (the
# first start initialises a template with mariadb-install-db and caches it),
# starts mariadbd with a binary log in ROW format on a free port and a Unix
# socket inside DIR, waits until it answers, then writes DIR/env and prints
# the same lines:
#
#   SOCKET=DIR/mysql.sock
#   PORT=12345
#   PID=6789
#
# The account is root with an empty password.  With `--owner PID` (or
# MARIADB_SERVER_OWNER=PID in the environment) a small watchdog kills the
# server as soon as that process is gone, so a crashed test never leaves a
# server behind.
#
# `stop` kills the server whose PID is in DIR/env (only if that process is
# the mariadbd serving DIR), waits for it to exit and removes DIR.
#
# `restart` shuts the server of DIR down cleanly and starts it again on the
# same data, port and socket, with the same options and owner; it rewrites
# DIR/env (the PID changes) and prints it.
#
# Environment:
#   MARIADB_SERVER_CACHE  where the initialised template is kept
#                         (default: DIR's parent directory)
#   MARIADB_SERVER_START_TIMEOUT  seconds to wait for the server (default 60)

set -euo pipefail

PROG=${0##*/}

die ()
{
    echo "$PROG: $*" >&2
    exit 1
}

usage ()
{
    echo "usage: $PROG start DIR [--owner PID] [mariadbd options...]" >&2
    echo "       $PROG stop DIR" >&2
    echo "       $PROG restart DIR" >&2
    exit 2
}

as_root ()
{
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

ensure_server_installed ()
{
    if command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]; then
        return 0
    fi
    echo "$PROG: mariadbd not found, installing mariadb-server" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! as_root apt-get install -y -q --no-install-recommends mariadb-server >&2; then
        as_root apt-get update -q >&2
        as_root apt-get install -y -q --no-install-recommends mariadb-server >&2
    fi
    # The package starts a system server; ours do not need it, but leave it
    # alone: it is not ours to stop.
}

find_tool ()
{
    local name
    for name in "$@"; do
        if command -v "$name" >/dev/null 2>&1; then
            command -v "$name"
            return 0
        fi
        if [ -x "/usr/sbin/$name" ]; then
            echo "/usr/sbin/$name"
            return 0
        fi
        if [ -x "/usr/bin/$name" ]; then
            echo "/usr/bin/$name"
            return 0
        fi
    done
    return 1
}

# Prints a TCP port nobody listens on right now.
free_port ()
{
    local py
    for py in /usr/bin/python3 python3; do
        if command -v "$py" >/dev/null 2>&1; then
            "$py" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()' && return 0
        fi
    done
    # No python: pick a random port in the ephemeral range that bash cannot
    # connect to.
    local port i
    for i in $(seq 1 50); do
        port=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# True when PID is a live mariadbd serving DIR (so a recycled PID is never
# killed by mistake).
is_our_server ()
{
    local pid=$1 dir=$2
    [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
    tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "--datadir=$dir/data"
}

kill_server ()
{
    local pid=$1 dir=$2 i
    is_our_server "$pid" "$dir" || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for i in $(seq 1 150); do
        is_our_server "$pid" "$dir" || return 0
        # A zombie child of ours still has a cmdline of "": reap it.
        sleep 0.1
    done
    echo "$PROG: server $pid did not stop, killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
    for i in $(seq 1 50); do
        is_our_server "$pid" "$dir" || return 0
        sleep 0.1
    done
}

template_dir ()
{
    local cache=$1 version
    version=$("$MARIADBD" --version 2>/dev/null | awk '{print $3}' | tr -c 'A-Za-z0-9.\n-' '_')
    echo "$cache/mariadb-template-${version:-unknown}-$(id -u)"
}

# Initialises the cached template once; concurrent callers wait on the lock.
ensure_template ()
{
    local template=$1 lock="$1.lock" tmp
    mkdir -p "$(dirname "$template")"
    exec 9>"$lock"
    flock 9
    if [ ! -f "$template/.complete" ]; then
        tmp="$template.tmp.$$"
        rm -rf "$tmp"
        mkdir -p "$tmp"
        echo "$PROG: initialising a data directory template in $template" >&2
        if ! "$INSTALL_DB" --no-defaults --auth-root-authentication-method=normal \
                --skip-test-db --user="$(id -un)" --datadir="$tmp" \
                --innodb-log-file-size=8M --innodb-buffer-pool-size=16M \
                >"$tmp.log" 2>&1; then
            cat "$tmp.log" >&2
            rm -rf "$tmp" "$tmp.log"
            flock -u 9
            die "mariadb-install-db failed"
        fi
        rm -f "$tmp.log"
        touch "$tmp/.complete"
        rm -rf "$template"
        mv "$tmp" "$template"
    fi
    flock -u 9
    exec 9>&-
}

# The watchdog: kills the server when the owner process exits.  It runs
# detached from our stdout/stderr so that callers reading our output see its
# end as soon as we exit.
start_watchdog ()
{
    local owner=$1 pid=$2 dir=$3
    (
        trap '' HUP INT
        # Until the forked child has exec'd mariadbd it does not look like
        # our server yet: wait for that first, or the watchdog would end at
        # once (or, worse, take the server for orphaned a moment later).
        for _ in $(seq 1 100); do
            is_our_server "$pid" "$dir" && break
            kill -0 "$pid" 2>/dev/null || exit 0
            sleep 0.1
        done
        # Only the owner's death ends the server here.
        while is_our_server "$pid" "$dir"; do
            if ! kill -0 "$owner" 2>/dev/null; then
                kill_server "$pid" "$dir"
                rm -rf "$dir"
                exit 0
            fi
            sleep 1
        done
    ) </dev/null >/dev/null 2>&1 &
    disown $! 2>/dev/null || true
}

# Starts mariadbd for DIR in the background; sets LAUNCHED_PID.
launch_server ()
{
    local dir=$1 socket=$2 port=$3
    shift 3
    local extra=("$@")
    "$MARIADBD" --no-defaults --user=root \
        --datadir="$dir/data" \
        --socket="$socket" \
        --port="$port" \
        --bind-address=127.0.0.1 \
        --pid-file="$dir/mariadbd.pid" \
        --log-error="$dir/error.log" \
        --tmpdir="$dir/tmp" \
        --server-id=1 \
        --log-bin="$dir/binlog/mariadb-bin" \
        --binlog-format=ROW \
        --skip-name-resolve \
        --innodb-buffer-pool-size=16M \
        --innodb-log-file-size=8M \
        --innodb-flush-log-at-trx-commit=2 \
        --sync-binlog=0 \
        --max-connections=50 \
        --character-set-server=utf8mb4 \
        --collation-server=utf8mb4_general_ci \
        ${extra[@]+"${extra[@]}"} \
        </dev/null >>"$dir/error.log" 2>&1 &
    LAUNCHED_PID=$!
}

# Waits until the server PID of DIR answers on SOCKET; fails when it exits.
wait_for_server ()
{
    local pid=$1 socket=$2 timeout=$3 i
    for i in $(seq 1 $((timeout * 10))); do
        kill -0 "$pid" 2>/dev/null || return 1
        if "$ADMIN" --no-defaults --protocol=socket --socket="$socket" \
                --user=root --connect-timeout=2 ping >/dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

cmd_start ()
{
    [ $# -ge 1 ] || usage
    local dir=$1
    shift
    local owner=${MARIADB_SERVER_OWNER:-}
    local extra=()
    while [ $# -gt 0 ]; do
        case $1 in
            --owner) [ $# -ge 2 ] || usage; owner=$2; shift 2 ;;
            --owner=*) owner=${1#--owner=}; shift ;;
            *) extra+=("$1"); shift ;;
        esac
    done

    ensure_server_installed
    MARIADBD=$(find_tool mariadbd mysqld) || die "mariadbd not found"
    INSTALL_DB=$(find_tool mariadb-install-db mysql_install_db) || die "mariadb-install-db not found"
    ADMIN=$(find_tool mariadb-admin mysqladmin) || die "mariadb-admin not found"

    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/env" ]; then
        die "$dir already holds a server (stop it first)"
    fi
    local socket="$dir/mysql.sock"
    if [ ${#socket} -gt 100 ]; then
        die "socket path too long for a Unix socket: $socket"
    fi

    local cache=${MARIADB_SERVER_CACHE:-$(dirname "$dir")}
    local template
    template=$(template_dir "$cache")
    ensure_template "$template"

    rm -rf "$dir/data" "$dir/binlog" "$dir/tmp"
    mkdir -p "$dir/binlog" "$dir/tmp"
    cp -a --reflink=auto "$template" "$dir/data"
    rm -f "$dir/data/.complete"

    local timeout=${MARIADB_SERVER_START_TIMEOUT:-60}
    local attempt port pid started=0 i
    for attempt in 1 2 3 4 5; do
        port=$(free_port) || die "no free TCP port found"
        : >"$dir/error.log"
        launch_server "$dir" "$socket" "$port" ${extra[@]+"${extra[@]}"}
        pid=$LAUNCHED_PID
        if [ -n "$owner" ]; then
            start_watchdog "$owner" "$pid" "$dir"
        fi

        for i in $(seq 1 $((timeout * 10))); do
            if ! kill -0 "$pid" 2>/dev/null; then
                break
            fi
            if "$ADMIN" --no-defaults --protocol=socket --socket="$socket" \
                    --user=root --connect-timeout=2 ping >/dev/null 2>&1; then
                started=1
                break
            fi
            sleep 0.1
        done
        [ "$started" -eq 1 ] && break

        if kill -0 "$pid" 2>/dev/null; then
            echo "$PROG: the server did not answer within ${timeout}s; error log:" >&2
            cat "$dir/error.log" >&2
            kill_server "$pid" "$dir"
            wait "$pid" 2>/dev/null || true
            die "server start timed out"
        fi
        wait "$pid" 2>/dev/null || true
        if [ ! -d "$dir" ]; then
            die "$dir was removed while the server was starting"
        fi
        if grep -qiE 'Address already in use|Do you already have another server running' "$dir/error.log"; then
            echo "$PROG: port $port was taken, retrying" >&2
            continue
        fi
        echo "$PROG: the server exited during start-up; error log:" >&2
        cat "$dir/error.log" >&2
        die "server failed to start"
    done
    [ "$started" -eq 1 ] || die "could not find a free port for the server"

    # What restart needs to start the same server again.
    : >"$dir/args"
    if [ ${#extra[@]} -gt 0 ]; then
        printf '%s\n' "${extra[@]}" >"$dir/args"
    fi
    echo "$owner" >"$dir/owner"

    {
        echo "SOCKET=$socket"
        echo "PORT=$port"
        echo "PID=$pid"
    } >"$dir/env.tmp"
    mv "$dir/env.tmp" "$dir/env"
    cat "$dir/env"
}

cmd_stop ()
{
    [ $# -eq 1 ] || usage
    local dir=$1 pid=""
    [ -d "$dir" ] || return 0
    dir=$(cd "$dir" && pwd)
    if [ -f "$dir/env" ]; then
        pid=$(sed -n 's/^PID=//p' "$dir/env")
    fi
    if [ -n "$pid" ]; then
        kill_server "$pid" "$dir"
    fi
    rm -rf "$dir"
}

cmd_restart ()
{
    [ $# -eq 1 ] || usage
    local dir=$1 pid port socket owner attempt
    [ -f "$dir/env" ] || die "$dir holds no server"
    dir=$(cd "$dir" && pwd)
    MARIADBD=$(find_tool mariadbd mysqld) || die "mariadbd not found"
    ADMIN=$(find_tool mariadb-admin mysqladmin) || die "mariadb-admin not found"
    pid=$(sed -n 's/^PID=//p' "$dir/env")
    port=$(sed -n 's/^PORT=//p' "$dir/env")
    socket=$(sed -n 's/^SOCKET=//p' "$dir/env")
    owner=$(cat "$dir/owner" 2>/dev/null || true)
    local extra=()
    if [ -s "$dir/args" ]; then
        mapfile -t extra <"$dir/args"
    fi

    # SIGTERM: a clean shutdown, the binary log closed properly.
    kill_server "$pid" "$dir"
    for attempt in 1 2 3 4 5 6 7 8 9 10; do
        launch_server "$dir" "$socket" "$port" ${extra[@]+"${extra[@]}"}
        pid=$LAUNCHED_PID
        if [ -n "$owner" ]; then
            start_watchdog "$owner" "$pid" "$dir"
        fi
        if wait_for_server "$pid" "$socket" "${MARIADB_SERVER_START_TIMEOUT:-60}"; then
            {
                echo "SOCKET=$socket"
                echo "PORT=$port"
                echo "PID=$pid"
            } >"$dir/env.tmp"
            mv "$dir/env.tmp" "$dir/env"
            cat "$dir/env"
            return 0
        fi
        kill_server "$pid" "$dir"
        wait "$pid" 2>/dev/null || true
        # The port may still be held for a moment after the shutdown.
        if grep -qiE 'Address already in use' "$dir/error.log"; then
            sleep 1
            continue
        fi
        break
    done
    echo "$PROG: the server did not start again; error log:" >&2
    tail -n 30 "$dir/error.log" >&2
    die "server restart failed"
}

[ $# -ge 1 ] || usage
case $1 in
    start) shift; cmd_start "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    restart) shift; cmd_restart "$@" ;;
    *) usage ;;
esac
