# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# What the parts of test-cli.py share: the program under test, the one
# MariaDB server and RabbitMQ broker of the whole run (started by the first
# part that runs, stopped by test-cli.py at the end), and running the
# program.

import json
import os
import subprocess
import sys
import tempfile

import mariadb_server
from mariadb_server import parse_env

SKIP = 77
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOL = os.environ.get('MYSQLBINLOG_GLIB')
RABBITMQ_SCRIPT = os.path.join(HERE, 'rabbitmq-server.sh')

if not TOOL or not os.access(TOOL, os.X_OK):
    print('SKIP: MYSQLBINLOG_GLIB does not name the built program (%r)' % TOOL,
          file=sys.stderr)
    sys.exit(SKIP)

try:
    import pika
except ImportError:
    pika = None

DB = None
BROKER = None
BROKER_PROBLEM = None


class MariaDB(mariadb_server.MariaDB):
    def __init__(self, *options):
        super().__init__(*options, prefix='mysqlbinlog-cli-db-')

    def position(self):
        return '%s:%d' % self.master_status()


class RabbitMQ:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='mysqlbinlog-cli-rabbitmq-')
        self.start()

    def start(self):
        out = subprocess.run(['/bin/bash', RABBITMQ_SCRIPT, 'start', self.dir],
                             check=True, stdout=subprocess.PIPE, text=True).stdout
        self.port = int(parse_env(out)['PORT'])
        self.url = 'amqp://guest:guest@127.0.0.1:%d/' % self.port

    def stop(self):
        subprocess.run(['/bin/bash', RABBITMQ_SCRIPT, 'stop', self.dir], check=True)

    def clean(self):
        subprocess.run(['/bin/bash', RABBITMQ_SCRIPT, 'clean', self.dir], check=False)

    def channel(self):
        connection = pika.BlockingConnection(
            pika.ConnectionParameters('127.0.0.1', self.port))
        return connection, connection.channel()

    def bind_queue(self, exchange, queue, pattern='#'):
        connection, channel = self.channel()
        channel.exchange_declare(exchange, 'topic', durable=True)
        channel.queue_declare(queue, durable=True)
        channel.queue_purge(queue)
        channel.queue_bind(queue, exchange, pattern)
        connection.close()

    def drain(self, queue):
        """Every message in @queue, as (routing key, properties, JSON)."""
        connection, channel = self.channel()
        messages = []
        while True:
            method, properties, body = channel.basic_get(queue, auto_ack=True)
            if method is None:
                break
            messages.append((method.routing_key, properties, json.loads(body)))
        connection.close()
        return messages

    def count(self, queue):
        connection, channel = self.channel()
        n = channel.queue_declare(queue, durable=True, passive=True).method.message_count
        connection.close()
        return n


def set_up():
    """Starts the server and the broker, once for all the parts."""
    global DB, BROKER, BROKER_PROBLEM
    if DB is not None:
        return
    DB = MariaDB()
    DB.sql('CREATE DATABASE cli')
    if pika is None:
        BROKER_PROBLEM = 'python3-pika is not installed'
    elif not os.access('/usr/lib/rabbitmq/bin/rabbitmq-server', os.X_OK):
        BROKER_PROBLEM = 'rabbitmq-server is not installed'
    else:
        BROKER = RabbitMQ()


def tear_down():
    if BROKER is not None:
        BROKER.clean()
    if DB is not None:
        DB.stop()


def run_tool(*args, check=True):
    proc = subprocess.run([TOOL, '-S', DB.socket, '-u', 'root'] + list(args),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=120)
    if check and proc.returncode != 0:
        raise AssertionError('%s failed (%d): %s' % (args, proc.returncode, proc.stderr))
    return proc


def json_lines(text):
    return [json.loads(line) for line in text.splitlines()]
