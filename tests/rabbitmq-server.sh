#!/bin/bash
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Starts and stops a throwaway RabbitMQ broker for the tests.
#
#   rabbitmq-server.sh start DIR      start a broker whose data lives in DIR
#   rabbitmq-server.sh stop DIR       stop it, keep DIR (start DIR again later:
#                                     same port, same durable queues)
#   rabbitmq-server.sh clean DIR      stop it and remove DIR
#
# The first `start` picks free local ports (AMQP, Erlang distribution and
# its own epmd, so that no system-wide epmd is started or used) and keeps
# them in DIR/ports.  It waits until the broker accepts AMQP connections,
# then prints and writes to DIR/env:
#
#   PORT=12345         AMQP port on 127.0.0.1, user guest, password guest
#   PID=6789           the broker process
#   EPMD_PID=6790      the epmd process
#
# `stop` ends only the processes named in DIR/env, after checking that
# they are still the ones serving DIR.
#
# Environment: RABBITMQ_START_TIMEOUT (seconds, default 120).

set -euo pipefail

PROG=${0##*/}
SERVER=/usr/lib/rabbitmq/bin/rabbitmq-server

die ()
{
    echo "$PROG: $*" >&2
    exit 1
}

free_port ()
{
    /usr/bin/python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# True when PID is alive and its environment or command line names DIR.
is_ours ()
{
    local pid=$1 dir=$2
    [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
    { tr '\0' '\n' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -qF -- "$dir" && return 0
    { tr '\0' '\n' <"/proc/$pid/environ"; } 2>/dev/null | grep -qF -- "$dir" && return 0
    return 1
}

stop_pid ()
{
    local pid=$1 dir=$2 i
    is_ours "$pid" "$dir" || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for i in $(seq 1 300); do
        is_ours "$pid" "$dir" || return 0
        sleep 0.1
    done
    echo "$PROG: $pid did not stop, killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
}

load_env ()
{
    PID= EPMD_PID= BEAM_PID=
    if [ -f "$1/env" ]; then
        # shellcheck disable=SC1091
        . "$1/env"
    fi
    if [ -f "$1/rabbit.pid" ]; then
        BEAM_PID=$(cat "$1/rabbit.pid" 2>/dev/null || true)
    fi
}

do_stop ()
{
    local dir=$1
    load_env "$dir"
    # The wrapper script stops the Erlang VM cleanly on SIGTERM.
    stop_pid "$PID" "$dir"
    stop_pid "$BEAM_PID" "$dir"
    stop_pid "$EPMD_PID" "$dir"
    rm -f "$dir/env" "$dir/rabbit.pid"
}

do_start ()
{
    local dir=$1 port dist_port epmd_port epmd pid epmd_pid i timeout
    [ -x "$SERVER" ] || die "rabbitmq-server is not installed (apt-get install rabbitmq-server)"
    epmd=$(command -v epmd || true)
    [ -n "$epmd" ] || die "epmd (erlang-base) is not installed"

    mkdir -p "$dir/mnesia" "$dir/log"
    dir=$(cd "$dir" && pwd)
    load_env "$dir"
    if is_ours "$PID" "$dir"; then
        die "a broker already runs for $dir (PID $PID)"
    fi
    if [ ! -f "$dir/ports" ]; then
        echo "AMQP_PORT=$(free_port) DIST_PORT=$(free_port) EPMD_PORT=$(free_port)" >"$dir/ports"
    fi
    # shellcheck disable=SC1091
    . "$dir/ports"
    port=$AMQP_PORT dist_port=$DIST_PORT epmd_port=$EPMD_PORT

    cat >"$dir/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$port
loopback_users = none
log.console = false
log.file.level = warning
EOF
    echo '[].' >"$dir/enabled_plugins"

    (cd "$dir" && exec "$epmd" -port "$epmd_port" -address 127.0.0.1 \
        </dev/null >"$dir/log/epmd.log" 2>&1) &
    epmd_pid=$!

    (
        cd "$dir"
        export HOME="$dir"
        export ERL_EPMD_PORT="$epmd_port"
        export RABBITMQ_NODENAME="rabbit-test-$port@localhost"
        export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
        export RABBITMQ_NODE_PORT="$port"
        export RABBITMQ_DIST_PORT="$dist_port"
        export RABBITMQ_MNESIA_BASE="$dir/mnesia"
        export RABBITMQ_LOG_BASE="$dir/log"
        export RABBITMQ_CONFIG_FILE="$dir/rabbitmq"
        export RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins"
        export RABBITMQ_PID_FILE="$dir/rabbit.pid"
        export RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf"
        export RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config"
        unset NOTIFY_SOCKET
        exec setsid "$SERVER" </dev/null >"$dir/log/server.out" 2>&1
    ) &
    pid=$!
    printf 'PORT=%s\nPID=%s\nEPMD_PID=%s\n' "$port" "$pid" "$epmd_pid" >"$dir/env"

    timeout=${RABBITMQ_START_TIMEOUT:-120}
    for i in $(seq 1 $((timeout * 10))); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 30 "$dir/log/server.out" >&2 || true
            stop_pid "$epmd_pid" "$dir"
            die "rabbitmq-server exited during start-up (logs in $dir/log)"
        fi
        # Ready once the AMQP listener answers with the protocol header.
        if /usr/bin/python3 - "$port" 2>/dev/null <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1)
s.sendall(b"AMQP\x00\x00\x09\x01")
data = s.recv(7)
sys.exit(0 if data[:1] == b"\x01" else 1)
PY
        then
            cat "$dir/env"
            return 0
        fi
        sleep 0.1
    done
    do_stop "$dir"
    die "rabbitmq-server did not answer within $timeout s (logs in $dir/log)"
}

[ $# -eq 2 ] || { echo "usage: $PROG start|stop|clean DIR" >&2; exit 2; }
case "$1" in
    start) do_start "$2" ;;
    stop) [ -d "$2" ] && do_stop "$(cd "$2" && pwd)" ;;
    clean)
        if [ -d "$2" ]; then
            dir=$(cd "$2" && pwd)
            do_stop "$dir"
            rm -rf "$dir"
        fi
        ;;
    *) echo "usage: $PROG start|stop|clean DIR" >&2; exit 2 ;;
esac
