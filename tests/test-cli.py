#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Tests of the mysqlbinlog-glib program against a throwaway MariaDB server
# and, for --amqp, a throwaway RabbitMQ broker (tests/rabbitmq-server.sh),
# each started once for the whole program.
#
# MYSQLBINLOG_GLIB names the program (meson test sets it).  Without a
# RabbitMQ broker or python3-pika the --amqp tests are skipped, saying why.

import json
import os
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import mariadb_server
from mariadb_server import parse_env

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
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


def setUpModule():
    global DB, BROKER, BROKER_PROBLEM
    DB = MariaDB()
    DB.sql('CREATE DATABASE cli')
    if pika is None:
        BROKER_PROBLEM = 'python3-pika is not installed'
    elif not os.access('/usr/lib/rabbitmq/bin/rabbitmq-server', os.X_OK):
        BROKER_PROBLEM = 'rabbitmq-server is not installed'
    else:
        BROKER = RabbitMQ()


def tearDownModule():
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


WORKLOAD = """
CREATE TABLE cli.items (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(6,2),
                        tags SET('red','blue'), data VARBINARY(4), note TEXT);
INSERT INTO cli.items VALUES (1, 'apple', 1.50, 'red', x'01ff', NULL),
                             (2, 'pear', 2.25, '', NULL, 'ripe');
UPDATE cli.items SET name = 'green apple', price = 1.75 WHERE id = 1;
DELETE FROM cli.items WHERE id = 2;
"""


class TestOutput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.start = DB.position()
        cls.gtid = DB.query('SELECT @@global.gtid_binlog_pos')
        cls.before = int(time.time())
        DB.sql(WORKLOAD)
        cls.after = int(time.time())
        cls.end = DB.position()

    def test_json(self):
        proc = run_tool('--start', self.start, '--non-blocking', '--format', 'json',
                        '--only-tables', 'cli.items')
        messages = json_lines(proc.stdout)
        self.assertEqual([m['type'] for m in messages],
                         ['row_insert', 'row_insert', 'row_update', 'row_delete'])
        for m in messages:
            self.assertEqual(m['schema'], 'cli')
            self.assertEqual(m['table_name'], 'items')
            self.assertTrue(self.before <= m['binlog_timestamp'] <= self.after + 1)
            self.assertTrue(m['timestamp'] >= m['binlog_timestamp'])
            self.assertTrue(m['log_file'].startswith('mariadb-bin.'))
            self.assertGreater(m['log_pos'], 4)
        insert1, insert2, update, delete = messages
        self.assertEqual(insert1['keys'], {'id': 1})
        self.assertEqual(insert1['values'], {'id': 1, 'name': 'apple', 'price': '1.50',
                                             'tags': ['red'], 'data': '0x01FF',
                                             'note': None})
        self.assertEqual(insert2['keys'], {'id': 2})
        self.assertEqual(insert2['values'], {'id': 2, 'name': 'pear', 'price': '2.25',
                                             'tags': [], 'data': None, 'note': 'ripe'})
        self.assertEqual(update['keys'], {'id': 1})
        self.assertEqual(update['before_values'], {'name': 'apple', 'price': '1.50'})
        self.assertEqual(update['after_values'], {'name': 'green apple', 'price': '1.75'})
        self.assertNotIn('merged_updates', update)
        self.assertEqual(delete['keys'], {'id': 2})
        self.assertEqual(delete['values']['name'], 'pear')
        # Rows of one statement share its event.
        self.assertEqual(insert1['log_pos'], insert2['log_pos'])
        self.assertLess(insert2['log_pos'], update['log_pos'])
        self.assertIn('safe position: ', proc.stderr)

    def test_start_gtid(self):
        proc = run_tool('--start-gtid', self.gtid, '--non-blocking', '--format', 'json',
                        '--only-tables', 'cli.items')
        self.assertEqual([(m['type'], m['keys']) for m in json_lines(proc.stdout)],
                         [('row_insert', {'id': 1}), ('row_insert', {'id': 2}),
                          ('row_update', {'id': 1}), ('row_delete', {'id': 2})])

    def test_from_beginning(self):
        # No TLS on this server: PREFERRED goes on without, DISABLED asks for none.
        for args in ((), ('--ssl-mode', 'DISABLED')):
            proc = run_tool('--from-beginning', '--non-blocking', '--format', 'json',
                            '--only-tables', 'cli.items', *args)
            self.assertEqual([m['type'] for m in json_lines(proc.stdout)],
                             ['row_insert', 'row_insert', 'row_update', 'row_delete'])

    def test_file(self):
        binlog = os.path.join(DB.dir, 'binlog', self.start.split(':')[0])
        # The workload's table maps carry no column names (MariaDB's default
        # binlog_row_metadata): offline, columns are numbered, no keys.
        proc = subprocess.run([TOOL, '--file', binlog, '-f', 'json', '--only-tables',
                               'cli.items'], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        messages = json_lines(proc.stdout)
        self.assertEqual([(m['type'], m['keys']) for m in messages],
                         [('row_insert', {}), ('row_insert', {}), ('row_update', {}),
                          ('row_delete', {})])
        self.assertEqual(messages[0]['values']['@2'], 'apple')
        self.assertEqual(messages[2]['after_values'], {'@2': 'green apple', '@3': '1.75'})

        # With full metadata the names and the primary key are in the
        # file: no server is needed for the keys.
        metadata = DB.query('SELECT @@global.binlog_row_metadata')
        DB.sql("SET GLOBAL binlog_row_metadata = 'FULL'")
        try:
            DB.sql('CREATE TABLE cli.offline (id INT PRIMARY KEY, v VARCHAR(10));'
                   'INSERT INTO cli.offline VALUES (1, "x");'
                   'UPDATE cli.offline SET v = "y";')
        finally:
            DB.sql("SET GLOBAL binlog_row_metadata = '%s'" % metadata)
        binlog = os.path.join(DB.dir, 'binlog', DB.position().split(':')[0])
        proc = subprocess.run([TOOL, '--file', binlog, '-f', 'json', '--only-tables',
                               'cli.offline'], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual([(m['type'], m['keys']) for m in json_lines(proc.stdout)],
                         [('row_insert', {'id': 1}), ('row_update', {'id': 1})])
        messages = json_lines(run_tool('--file', binlog, '-f', 'json', '--only-tables',
                                       'cli.offline').stdout)
        self.assertEqual([(m['type'], m['keys']) for m in messages],
                         [('row_insert', {'id': 1}), ('row_update', {'id': 1})])
        self.assertEqual(messages[0]['values'], {'id': 1, 'v': 'x'})
        self.assertEqual(messages[1]['before_values'], {'v': 'x'})
        self.assertEqual(messages[1]['after_values'], {'v': 'y'})
        proc = run_tool('--file', binlog, '--only-tables', 'cli.offline')
        self.assertIn('Inserted cli.offline:\n  id: 1\n  v: "x"\n', proc.stdout)

        # --start FILE:POS: from the update's rows event (log_pos is where
        # an event starts), only the update.
        start = '%s:%d' % (messages[1]['log_file'], messages[1]['log_pos'])
        later = json_lines(run_tool('--file', binlog, '--start', start, '-f', 'json',
                                    '--only-tables', 'cli.offline').stdout)
        self.assertEqual([(m['type'], m['after_values']) for m in later],
                         [('row_update', {'v': 'y'})])
        proc = subprocess.run([TOOL, '--file', binlog, '--start', start.split(':')[0] + ':5'],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn('no event starts at', proc.stderr)

    def test_text(self):
        proc = run_tool('--start', self.start, '--non-blocking', '--format', 'text')
        # The events of the workload only: other tests write more later.
        end_file, end_offset = self.end.split(':')
        blocks = []
        for block in proc.stdout.strip().split('\n\n'):
            lines = block.splitlines()
            self.assertTrue(lines[0].startswith('=== '), block)
            self.assertTrue(lines[1].startswith('Position: mariadb-bin.'), block)
            file_, offset = lines[1].split(' ')[1].split(':')
            if file_ == end_file and int(offset) < int(end_offset):
                blocks.append(block)
        out = '\n\n'.join(blocks) + '\n'
        self.assertIn('=== QUERY (2) ===', out)
        self.assertIn('Statement: CREATE TABLE cli.items', out)
        self.assertIn('=== TABLE_MAP (19) ===', out)
        self.assertIn('Table: cli.items', out)
        self.assertIn('Inserted cli.items:\n  id: 1\n  name: "apple"\n  price: "1.50"\n'
                      '  tags: ["red"]\n  data: "0x01FF"\n  note: NULL\n', out)
        self.assertIn('Updated cli.items:\n  id: 1 => 1\n  name: "apple" => "green apple"\n'
                      '  price: "1.50" => "1.75"\n', out)
        self.assertIn('Deleted cli.items:\n  id: 2\n  name: "pear"\n', out)
        # One transaction per statement: INSERT, UPDATE, DELETE.
        self.assertEqual(out.count('=== XID (16) ==='), 3)
        self.assertEqual(out.count('=== WRITE_ROWS_V1 (23) ==='), 1)
        self.assertEqual(out.count('=== UPDATE_ROWS_V1 (24) ==='), 1)
        self.assertEqual(out.count('=== DELETE_ROWS_V1 (25) ==='), 1)

    def test_filters(self):
        start = DB.position()
        DB.sql("""
CREATE TABLE cli.keep_a (id INT PRIMARY KEY);
CREATE TABLE cli.keep_b (id INT PRIMARY KEY);
CREATE TABLE cli.other (id INT PRIMARY KEY);
INSERT INTO cli.keep_a VALUES (1); INSERT INTO cli.keep_b VALUES (2);
INSERT INTO cli.other VALUES (3);
""")
        proc = run_tool('--start', start, '-n', '-f', 'json', '--only-tables', 'cli.keep*')
        self.assertEqual([(m['table_name'], m['keys']) for m in json_lines(proc.stdout)],
                         [('keep_a', {'id': 1}), ('keep_b', {'id': 2})])
        proc = run_tool('--start', start, '-n', '-f', 'json', '--only-tables', 'cli.*',
                        '--ignore-tables', 'cli.keep_a,cli.other')
        self.assertEqual([m['table_name'] for m in json_lines(proc.stdout)], ['keep_b'])
        proc = run_tool('--start', start, '-n', '-f', 'text', '--ignore-tables', 'cli.keep*')
        self.assertIn('Table: cli.other', proc.stdout)
        self.assertNotIn('Table: cli.keep', proc.stdout)

    def test_table_without_primary_key(self):
        start = DB.position()
        DB.sql('CREATE TABLE cli.log (msg TEXT); INSERT INTO cli.log VALUES (\'hi\');'
               'UPDATE cli.log SET msg = \'ho\';')
        messages = json_lines(run_tool('--start', start, '-n', '-f', 'json').stdout)
        self.assertEqual([(m['type'], m['keys']) for m in messages],
                         [('row_insert', {}), ('row_update', {})])
        self.assertEqual(messages[1]['after_values'], {'msg': 'ho'})


class TestDedup(unittest.TestCase):
    def test_hot_rows(self):
        start = DB.position()
        statements = ['CREATE TABLE cli.hot (id INT PRIMARY KEY, n INT, other INT)',
                      'INSERT INTO cli.hot VALUES ' +
                      ','.join('(%d, 0, %d)' % (i, i) for i in range(5))]
        # 200 updates of 5 hot rows, in 40 transactions.
        for round_ in range(40):
            statements.append('BEGIN')
            for i in range(5):
                statements.append('UPDATE cli.hot SET n = %d WHERE id = %d' % (round_ + 1, i))
            statements.append('COMMIT')
        statements.append('UPDATE cli.hot SET other = 99 WHERE id = 0')
        statements.append('DELETE FROM cli.hot WHERE id = 4')
        statements.append('UPDATE cli.hot SET n = 1000 WHERE id = 3')
        DB.sql(';\n'.join(statements) + ';')

        plain = json_lines(run_tool('--start', start, '-n', '-f', 'json').stdout)
        self.assertEqual(len(plain), 5 + 200 + 3)

        proc = run_tool('--start', start, '-n', '-f', 'json', '--dedup-window', '60000')
        merged = json_lines(proc.stdout)
        # Inserts, one update per row (the last update of row 0 merged
        # too), the delete, and row 3's update after the window... which
        # is the same window, so merged with its earlier updates.
        updates = [m for m in merged if m['type'] == 'row_update']
        self.assertEqual(len([m for m in merged if m['type'] == 'row_insert']), 5)
        self.assertEqual(sorted(m['keys']['id'] for m in updates), [0, 1, 2, 3, 4])
        by_id = {m['keys']['id']: m for m in updates}
        self.assertEqual(by_id[0]['before_values'], {'n': 0, 'other': 0})
        self.assertEqual(by_id[0]['after_values'], {'n': 40, 'other': 99})
        self.assertEqual(by_id[0]['merged_updates'], 40)
        self.assertEqual(by_id[3]['after_values'], {'n': 1000})
        self.assertEqual(by_id[3]['merged_updates'], 40)
        self.assertEqual(by_id[4]['after_values'], {'n': 40})
        # The delete of row 4 comes after row 4's merged update.
        order = [(m['type'], m['keys']['id']) for m in merged]
        self.assertLess(order.index(('row_update', 4)), order.index(('row_delete', 4)))
        self.assertEqual(len(merged), 5 + 5 + 1)
        print('dedup: %d messages instead of %d (%.0f%% fewer)'
              % (len(merged), len(plain), 100.0 * (1 - len(merged) / len(plain))),
              file=sys.stderr)


def sql_text(text, charset='utf8mb4'):
    """@text as an SQL expression of @charset, whatever the client's."""
    encoding = {'utf8mb4': 'utf-8'}.get(charset, charset)
    return "CONVERT(UNHEX('%s') USING %s)" % (text.encode(encoding).hex(), charset)


class TestBigValues(unittest.TestCase):
    # Values of more than 64 KiB go out in parts: escaped text cut between
    # characters, hex digits from the value's bytes.  The messages must
    # hold the values exactly, in the JSON and the text output.
    UNIT = 'a"\\\n\tß€😀\x01\x7f/'
    LATIN1 = 'é"\\x'
    BYTES = bytes(range(256))

    @classmethod
    def setUpClass(cls):
        cls.start = DB.position()
        # MyISAM: the redo log of the throwaway server is too small for
        # InnoDB to take rows this big.
        DB.sql('CREATE TABLE cli.big (id INT PRIMARY KEY, tag VARCHAR(10), t LONGTEXT '
               'CHARACTER SET utf8mb4, l MEDIUMTEXT CHARACTER SET latin1, b LONGBLOB, '
               'j JSON) ENGINE=MyISAM;'
               'INSERT INTO cli.big VALUES (1, "one", REPEAT(%s, 20001), REPEAT(%s, 30000), '
               'REPEAT(UNHEX("%s"), 1000), CONCAT(\'{"k": "\', REPEAT("v", 70000), \'"}\'));'
               # A value that reads like the stand-in of the first big value.
               'INSERT INTO cli.big VALUES (2, CONCAT(CHAR(1), "0"), REPEAT(%s, 20001), '
               'NULL, NULL, NULL);'
               'UPDATE cli.big SET t = CONCAT(t, "!"), tag = "uno" WHERE id = 1;'
               % (sql_text(cls.UNIT), sql_text(cls.LATIN1, 'latin1'), cls.BYTES.hex(),
                  sql_text(cls.UNIT)))

    def check_insert(self, values):
        self.assertEqual(values['t'], self.UNIT * 20001)
        self.assertEqual(values['l'], self.LATIN1 * 30000)
        self.assertEqual(values['b'], '0x' + (self.BYTES * 1000).hex().upper())
        self.assertEqual(json.loads(values['j']), {'k': 'v' * 70000})

    def test_json(self):
        for args in ([], ['--dedup-window', '60000']):
            messages = json_lines(run_tool('--start', self.start, '-n', '-f', 'json',
                                           '--only-tables', 'cli.big', *args).stdout)
            self.assertEqual([m['type'] for m in messages],
                             ['row_insert', 'row_insert', 'row_update'], args)
            self.assertEqual(messages[0]['values']['tag'], 'one')
            self.check_insert(messages[0]['values'])
            self.assertEqual(messages[1]['values'],
                             {'id': 2, 'tag': '\x010', 't': self.UNIT * 20001, 'l': None,
                              'b': None, 'j': None})
            self.assertEqual(messages[2]['before_values'],
                             {'tag': 'one', 't': self.UNIT * 20001})
            self.assertEqual(messages[2]['after_values'],
                             {'tag': 'uno', 't': self.UNIT * 20001 + '!'})

    def test_text(self):
        out = run_tool('--start', self.start, '-n', '--only-tables', 'cli.big').stdout
        rows = [block for block in out.split('\n\n') if '\nInserted cli.big:\n' in block or
                '\nUpdated cli.big:\n' in block]
        self.assertEqual(len(rows), 3)
        lines = rows[0].split('\nInserted cli.big:\n')[1].splitlines()
        values = dict(line.strip().split(': ', 1) for line in lines)
        self.assertEqual(values['tag'], '"one"')
        self.check_insert({name: json.loads(values[name]) for name in ('t', 'l', 'b', 'j')})
        lines = rows[2].split('\nUpdated cli.big:\n')[1].splitlines()
        values = dict(line.strip().split(': ', 1) for line in lines)
        before, after = values['t'].split(' => ')
        self.assertEqual(json.loads(before), self.UNIT * 20001)
        self.assertEqual(json.loads(after), self.UNIT * 20001 + '!')


class TestErrors(unittest.TestCase):
    def check_usage(self, args, message, status=2):
        proc = subprocess.run([TOOL] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, timeout=60)
        self.assertEqual(proc.returncode, status, proc.stderr)
        self.assertIn(message, proc.stderr)
        self.assertEqual(proc.stdout, '')

    def test_bad_options(self):
        self.check_usage(['--format', 'xml'], 'unknown --format “xml”')
        self.check_usage(['--port', '0'], '--port must be between 1 and 65535')
        self.check_usage(['--start', 'nonsense'], '--start:')
        self.check_usage(['--start', 'a:4', '--from-beginning'], 'choose one of')
        self.check_usage(['--amqp', 'amqp://localhost/'], '--amqp and --exchange go together')
        self.check_usage(['--amqp', 'http://x', '--exchange', 'e'], 'is not an AMQP URL')
        self.check_usage(['--dedup-window', '10'], 'use --format json or --amqp')
        self.check_usage(['--heartbeat', '10'], 'use --format json or --amqp')
        self.check_usage(['--queue', 'q'], '--queue goes with --amqp')
        self.check_usage(['--only-tables', 'nodot'], 'is not SCHEMA.TABLE')
        self.check_usage(['extra'], 'unexpected argument')

    def test_file_options(self):
        self.check_usage(['--file', '/nonexistent/binlog'], '/nonexistent/binlog', 1)
        self.check_usage(['--file', 'x', '--start-gtid', '0-1-1'], 'goes without --start-gtid')

    def test_unreachable(self):
        self.check_usage(['-S', '/nonexistent/mysql.sock', '-n'],
                         'Connecting to the server at /nonexistent/mysql.sock', 1)
        self.check_usage(['-S', DB.socket, '--amqp', 'amqp://guest:guest@127.0.0.1:1/',
                          '--exchange', 'e'], 'Cannot connect to the broker', 1)

    def test_help(self):
        proc = subprocess.run([TOOL, '--help-all'], stdout=subprocess.PIPE, text=True)
        self.assertEqual(proc.returncode, 0)
        for option in ('--host', '--socket', '--server-id', '--start-gtid', '--from-beginning',
                       '--only-tables', '--format', '--amqp', '--exchange', '--dedup-window',
                       '--progress', 'SIGTERM', 'MYSQL_PWD', 'row_update', '--ssl-mode',
                       '--ssl-ca', '--ssl-capath', '--ssl-cert', '--ssl-key', '--ssl-cipher',
                       '--defaults-file', '--no-defaults', '~/.my.cnf', '[client]'):
            self.assertIn(option, proc.stdout)


def make_certificates(directory):
    """A CA, a server certificate for 127.0.0.1 and a foreign CA."""
    def openssl(*args):
        subprocess.run(['openssl'] + list(args), cwd=directory, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
    for ca in ('ca', 'other-ca'):
        openssl('req', '-x509', *ec, '-days', '2', '-subj', '/CN=' + ca,
                '-keyout', ca + '-key.pem', '-out', ca + '.pem')
    with open(os.path.join(directory, 'server.ext'), 'w') as ext:
        ext.write('subjectAltName=IP:127.0.0.1\n')
    openssl('req', *ec, '-subj', '/CN=127.0.0.1', '-keyout', 'server-key.pem',
            '-out', 'server.csr')
    openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem',
            '-CAcreateserial', '-days', '2', '-extfile', 'server.ext', '-out', 'server.pem')


class TestPositionFile(unittest.TestCase):
    """Only a missing --position-file means that nothing was saved."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='mysqlbinlog-cli-position-')
        self.path = os.path.join(self.dir, 'position')

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def run_with(self, contents):
        with open(self.path, 'wb') as f:
            f.write(contents)
        proc = run_tool('--position-file', self.path, '--non-blocking', check=False)
        # Nothing ran: the file is left for its owner to look at.
        with open(self.path, 'rb') as f:
            self.assertEqual(f.read(), contents)
        self.assertEqual(proc.stdout, '')
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn('--position-file: ', proc.stderr)
        return proc.stderr

    def test_missing(self):
        proc = run_tool('--position-file', self.path, '--non-blocking')
        self.assertNotIn('corrupt', proc.stderr)

    def test_empty(self):
        err = self.run_with(b'')
        self.assertIn('is corrupt: it is empty', err)
        self.assertIn(self.path, err)

    def test_blank(self):
        err = self.run_with(b' \n\t\n')
        self.assertIn('is corrupt: it is blank', err)

    def test_garbage_quoted(self):
        # Terminal escapes (set the title, clear the screen) and a long tail.
        err = self.run_with(b'\x1b]0;owned\x07\x1b[2J' + b'x' * 5000 + b'\n')
        self.assertNotIn('\x1b', err)
        self.assertNotIn('\x07', err)
        self.assertIn('\\x1b]0;owned\\x07\\x1b[2Jxxx', err)
        self.assertIn('x…', err)
        self.assertLess(len(err), 600, err)


class TestTls(unittest.TestCase):
    """--ssl-* against a server with a certificate, as an account that
    refuses unencrypted connections: the stream's and the tool's own
    (--from-beginning)."""

    @classmethod
    def setUpClass(cls):
        cls.db = None
        cls.certs = tempfile.mkdtemp(prefix='mysqlbinlog-cli-tls-')
        if shutil.which('openssl') is None:
            return
        make_certificates(cls.certs)
        cls.db = MariaDB(*['--ssl-%s=%s' % (option, os.path.join(cls.certs, name))
                           for option, name in (('ca', 'ca.pem'), ('cert', 'server.pem'),
                                                ('key', 'server-key.pem'))])
        cls.db.sql("CREATE DATABASE tls;"
                   "CREATE TABLE tls.t (id INT PRIMARY KEY, v VARCHAR(10));"
                   "CREATE USER secure@'%' IDENTIFIED BY 'pw' REQUIRE SSL;"
                   "GRANT ALL ON *.* TO secure@'%'")
        cls.start = cls.db.position()
        cls.db.sql("INSERT INTO tls.t VALUES (7, 'seven')")

    @classmethod
    def tearDownClass(cls):
        if cls.db is not None:
            cls.db.stop()
        shutil.rmtree(cls.certs, ignore_errors=True)

    def setUp(self):
        if self.db is None:
            self.skipTest('openssl is not installed: it makes the test certificates')

    def run_tls(self, *args):
        return subprocess.run([TOOL, '-h', '127.0.0.1', '-P', str(self.db.port), '-u', 'secure',
                               '--password', 'pw', '--start', self.start, '--non-blocking',
                               '-f', 'json', '--only-tables', 'tls.t'] + list(args),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60)

    def test_verify_identity(self):
        proc = self.run_tls('--ssl-mode', 'VERIFY_IDENTITY',
                            '--ssl-ca', os.path.join(self.certs, 'ca.pem'))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        messages = json_lines(proc.stdout)
        self.assertEqual(len(messages), 1)
        self.assertEqual(messages[0]['type'], 'row_insert')
        self.assertEqual(messages[0]['keys'], {'id': 7})
        self.assertEqual(messages[0]['values'], {'id': 7, 'v': 'seven'})

    def test_from_beginning(self):
        # The tool's own connection lists the binary logs, with the same
        # TLS settings and guard as the stream's; then the stream reads.
        for args in ((), ('--ssl-mode', 'VERIFY_IDENTITY',
                          '--ssl-ca', os.path.join(self.certs, 'ca.pem'))):
            proc = subprocess.run([TOOL, '-h', '127.0.0.1', '-P', str(self.db.port), '-u', 'secure',
                                   '--password', 'pw', '--from-beginning', '--non-blocking',
                                   '-f', 'json', '--only-tables', 'tls.t'] + list(args),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  timeout=60)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertEqual([(m['type'], m['values']) for m in json_lines(proc.stdout)],
                             [('row_insert', {'id': 7, 'v': 'seven'})])
        proc = subprocess.run([TOOL, '-h', '127.0.0.1', '-P', str(self.db.port), '-u', 'secure',
                               '--password', 'pw', '--from-beginning', '--non-blocking',
                               '--ssl-mode', 'VERIFY_CA',
                               '--ssl-ca', os.path.join(self.certs, 'other-ca.pem')],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60)
        self.assertEqual(proc.returncode, 1)
        self.assertIn('--from-beginning: TLS (mode VERIFY_CA) failed', proc.stderr)
        self.assertEqual(proc.stdout, '')

    def test_wrong_ca(self):
        proc = self.run_tls('--ssl-mode', 'verify_ca',
                            '--ssl-ca', os.path.join(self.certs, 'other-ca.pem'))
        self.assertEqual(proc.returncode, 1)
        self.assertIn('TLS (mode VERIFY_CA) failed', proc.stderr)
        self.assertEqual(proc.stdout, '')

    def test_disabled(self):
        proc = self.run_tls('--ssl-mode', 'DISABLED')
        self.assertEqual(proc.returncode, 1)
        self.assertIn('REQUIRE SSL', proc.stderr)

    def test_option_files(self):
        # ssl-verify-server-cert in an option file checks the certificate
        # as --ssl-mode VERIFY_IDENTITY does; the file's CA counts.
        for ca, status in (('ca.pem', 0), ('other-ca.pem', 1)):
            path = os.path.join(self.certs, 'client.cnf')
            with open(path, 'w') as f:
                f.write('[client]\nhost = 127.0.0.1\nport = %s\nuser = secure\npassword = pw\n'
                        'ssl-ca = %s\nssl-verify-server-cert = 1\n'
                        % (self.db.port, os.path.join(self.certs, ca)))
            proc = subprocess.run([TOOL, '--defaults-file', path, '--start', self.start,
                                   '--non-blocking', '-f', 'json', '--only-tables', 'tls.t'],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  timeout=60)
            self.assertEqual(proc.returncode, status, proc.stderr)
            if status == 0:
                self.assertEqual([m['keys'] for m in json_lines(proc.stdout)], [{'id': 7}])
            else:
                self.assertIn('TLS (mode VERIFY_IDENTITY) failed', proc.stderr)
        with open(path, 'w') as f:
            f.write('[client]\nssl-verify-server-cert = 1\n')
        proc = subprocess.run([TOOL, '--defaults-file', path, '-n'], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=60)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("the option files ask to check the server's certificate", proc.stderr)

    def test_usage(self):
        for args, message in (
                (['--ssl-mode', 'ALWAYS'], 'unknown --ssl-mode “ALWAYS”'),
                (['--ssl-mode', 'VERIFY_CA'], 'needs --ssl-ca or --ssl-capath'),
                (['--ssl-cert', 'client.pem'], '--ssl-cert and --ssl-key go together')):
            proc = subprocess.run([TOOL] + args, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, timeout=60)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn(message, proc.stderr)


class FakeServer:
    """Speaks just enough of the MySQL client/server protocol to ask for
    the password in clear text, offering no TLS in its greeting (as a
    server without a certificate, or something on the way that strips
    TLS, does); records every byte it receives.

    mode 'greeting': the greeting asks for mysql_clear_password;
    mode 'switch': a mysql_native_password greeting, then a switch to
    mysql_clear_password."""

    CAPABILITIES = (0x00000004 | 0x00000008 | 0x00000200 | 0x00002000 | 0x00008000 |
                    0x00010000 | 0x00020000 | 0x00080000 | 0x00200000)  # no CLIENT_SSL
    SCRAMBLE = b'abcdefghijklmnopqrst'

    def __init__(self, mode):
        self.mode = mode
        self.received = bytearray()
        self.connections = 0
        self.lock = threading.Lock()
        self.stopping = False
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(('127.0.0.1', 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def stop(self):
        self.stopping = True
        self.thread.join()
        self.listener.close()

    def serve(self):
        while not self.stopping:
            if not select.select([self.listener], [], [], 0.05)[0]:
                continue
            conn, _ = self.listener.accept()
            with self.lock:
                self.connections += 1
            try:
                self.serve_connection(conn)
            except OSError:
                pass
            finally:
                conn.close()

    def read(self, conn, length):
        data = b''
        while len(data) < length and not self.stopping:
            if not select.select([conn], [], [], 0.05)[0]:
                continue
            chunk = conn.recv(length - len(data))
            if not chunk:
                return None
            with self.lock:
                self.received += chunk
            data += chunk
        return data if len(data) == length else None

    def read_packet(self, conn):
        header = self.read(conn, 4)
        if header is None:
            return None, 0
        length = header[0] | header[1] << 8 | header[2] << 16
        return self.read(conn, length), header[3]

    @staticmethod
    def send_packet(conn, seq, payload):
        conn.sendall(struct.pack('<I', len(payload))[:3] + bytes([seq]) + payload)

    def greeting(self, plugin):
        caps = self.CAPABILITIES
        return (b'\x0a' + b'5.5.5-10.11.99-MariaDB-fake\0' + struct.pack('<I', 42) +
                self.SCRAMBLE[:8] + b'\0' + struct.pack('<H', caps & 0xffff) + b'\x2d' +
                struct.pack('<H', 2) + struct.pack('<H', caps >> 16) + b'\x15' +
                b'\0' * 10 + self.SCRAMBLE[8:] + b'\0' + plugin + b'\0')

    def serve_connection(self, conn):
        plugin = b'mysql_clear_password' if self.mode == 'greeting' else b'mysql_native_password'
        self.send_packet(conn, 0, self.greeting(plugin))
        response, seq = self.read_packet(conn)
        if response is not None and self.mode == 'switch':
            self.send_packet(conn, seq + 1, b'\xfe' + b'mysql_clear_password\0' + self.SCRAMBLE + b'\0')
            response, seq = self.read_packet(conn)
        if response is not None:
            self.send_packet(conn, seq + 1, b'\xff' + struct.pack('<H', 1045) + b'#28000' +
                             b'Access denied (fake server)')
        while self.read(conn, 1) is not None:
            pass


class TestTlsGuard(unittest.TestCase):
    """With --ssl-mode REQUIRED or stronger, no credential leaves the tool
    before TLS, on its own connection (--from-beginning lists the binary
    logs through it) as on the stream's."""

    USER = 'guarded-user-name'
    SECRET = 'guarded-Secret-pw'

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='mysqlbinlog-cli-guard-')
        # Never read: TLS never starts.
        self.ca = os.path.join(self.dir, 'ca.pem')
        with open(self.ca, 'w') as f:
            f.write('not a certificate\n')

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def check(self, fake_mode, ssl_mode, start):
        server = FakeServer(fake_mode)
        try:
            args = [TOOL, '-h', '127.0.0.1', '-P', str(server.port), '-u', self.USER,
                    '--password', self.SECRET, '--ssl-mode', ssl_mode, '--non-blocking']
            if ssl_mode != 'REQUIRED':
                args += ['--ssl-ca', self.ca]
            proc = subprocess.run(args + start, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, timeout=60)
        finally:
            server.stop()
        what = '%s, --ssl-mode %s, %s' % (fake_mode, ssl_mode, ' '.join(start))
        self.assertGreater(server.connections, 0, what)
        self.assertNotIn(self.SECRET.encode(), bytes(server.received), what)
        self.assertNotIn(self.USER.encode(), bytes(server.received), what)
        self.assertEqual(bytes(server.received), b'', what)
        self.assertEqual(proc.returncode, 1, '%s: %s' % (what, proc.stderr))
        self.assertEqual(proc.stdout, '', what)
        self.assertIn('offers no TLS, and TLS mode %s requires it: refused before sending '
                      'the user name or the password' % ssl_mode, proc.stderr, what)
        return proc.stderr

    def test_from_beginning(self):
        for fake_mode in ('greeting', 'switch'):
            for ssl_mode in ('REQUIRED', 'VERIFY_CA', 'VERIFY_IDENTITY'):
                err = self.check(fake_mode, ssl_mode, ['--from-beginning'])
                self.assertIn('--from-beginning: ', err)

    def test_stream(self):
        for ssl_mode in ('REQUIRED', 'VERIFY_CA', 'VERIFY_IDENTITY'):
            self.check('greeting', ssl_mode, ['--start', 'mariadb-bin.000001:4'])

    def test_preferred_keeps_the_password(self):
        # Without TLS, nothing that sends the password as it is, on the
        # tool's connection as on the stream's.
        for start in (['--from-beginning'], ['--start', 'mariadb-bin.000001:4']):
            server = FakeServer('switch')
            try:
                proc = subprocess.run([TOOL, '-h', '127.0.0.1', '-P', str(server.port),
                                       '-u', self.USER, '--password', self.SECRET,
                                       '--non-blocking'] + start,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, timeout=60)
            finally:
                server.stop()
            self.assertNotIn(self.SECRET.encode(), bytes(server.received), start)
            self.assertEqual(proc.returncode, 1, proc.stderr)
            self.assertIn('the connection is not encrypted (TLS mode PREFERRED); refused '
                          'before sending the password', proc.stderr)


class TestSilentServer(unittest.TestCase):
    """A server that accepts the connection and never says a word: the
    tool gives up within --connect-timeout, on its own connection
    (--from-beginning) as on the stream's."""

    def test_connect_timeout(self):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(('127.0.0.1', 0))
        listener.listen(8)
        port = listener.getsockname()[1]
        try:
            for start in (['--from-beginning'], ['--start', 'mariadb-bin.000001:4']):
                began = time.monotonic()
                proc = subprocess.run([TOOL, '-h', '127.0.0.1', '-P', str(port), '-u', 'someone',
                                       '--non-blocking', '--connect-timeout', '1'] + start,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, timeout=60)
                took = time.monotonic() - began
                self.assertEqual(proc.returncode, 1, '%s: %s' % (start, proc.stderr))
                self.assertEqual(proc.stdout, '', start)
                self.assertIn('127.0.0.1:%d' % port, proc.stderr, start)
                # 1 s to connect, 1 s for the greeting, and start-up.
                self.assertLess(took, 15, '%s took %.1f s: %s' % (start, took, proc.stderr))
        finally:
            listener.close()

    def test_negative(self):
        proc = subprocess.run([TOOL, '--connect-timeout', '-1', '--non-blocking'],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60)
        self.assertEqual(proc.returncode, 2)
        self.assertIn('--connect-timeout', proc.stderr)


PASSWORD = 'S3cret-pw'


class TestCredentials(unittest.TestCase):
    """The password stays out of ps, comes from option files read by the
    client library or from a prompt, and -p takes no separate word."""

    @classmethod
    def setUpClass(cls):
        cls.home = tempfile.mkdtemp(prefix='mysqlbinlog-cli-home-')
        DB.sql("CREATE USER cli_pw@localhost IDENTIFIED BY '%s';"
               "GRANT ALL ON *.* TO cli_pw@localhost;"
               "CREATE TABLE cli.cred (id INT PRIMARY KEY)" % PASSWORD)
        cls.start = DB.position()
        DB.sql('INSERT INTO cli.cred VALUES (5)')

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.home, ignore_errors=True)

    def env(self, **extra):
        # A home without option files, no $MYSQL_PWD: only what the test
        # gives counts.
        env = dict(os.environ, HOME=self.home)
        env.pop('MYSQL_PWD', None)
        env.update(extra)
        return env

    def args(self, *connection, blocking=False):
        return ([TOOL] + list(connection) +
                ['--start', self.start, '-f', 'json', '--only-tables', 'cli.cred'] +
                ([] if blocking else ['-n']))

    def run_cred(self, *connection, env=None, stdin=subprocess.DEVNULL):
        return subprocess.run(self.args(*connection), stdin=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=60,
                              env=env or self.env())

    def assert_row(self, proc):
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual([(m['type'], m['keys']) for m in json_lines(proc.stdout)],
                         [('row_insert', {'id': 5})])

    def write_file(self, name, text):
        path = os.path.join(self.home, name)
        with open(path, 'w') as f:
            f.write(text)
        return path

    def test_password_not_in_cmdline(self):
        for form in (['--password=' + PASSWORD], ['--password', PASSWORD],
                     ['-p' + PASSWORD]):
            with self.subTest(form=form):
                proc = subprocess.Popen(self.args('-S', DB.socket, '-u', 'cli_pw', *form,
                                                  blocking=True),
                                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, env=self.env())
                watchdog = threading.Timer(60, proc.kill)
                watchdog.start()
                try:
                    # The row came: the tool connected, with the password.
                    line = proc.stdout.readline()
                    with open('/proc/%d/cmdline' % proc.pid, 'rb') as f:
                        cmdline = f.read()
                finally:
                    proc.send_signal(signal.SIGTERM)
                    out, err = proc.communicate(timeout=60)
                    watchdog.cancel()
                self.assertEqual(proc.returncode, 0, err)
                self.assertEqual(json.loads(line)['keys'], {'id': 5}, err)
                self.assertIn(b'cli_pw', cmdline)
                self.assertIn(b'--only-tables\0cli.cred', cmdline)
                self.assertNotIn(PASSWORD.encode(), cmdline)
                self.assertNotIn(PASSWORD[1:].encode(), cmdline)

    def prompt(self, *args):
        """Runs the tool with a terminal as stdin, answers the password
        prompt; returns the process, its stdout and stderr, and what the
        terminal showed."""
        master, slave = os.openpty()
        proc = subprocess.Popen(self.args(*args), stdin=slave, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=self.env())
        os.close(slave)
        err = b''
        deadline = time.time() + 60
        while b'Enter password: ' not in err and time.time() < deadline:
            ready, _, _ = select.select([proc.stderr], [], [], 1)
            if ready:
                chunk = os.read(proc.stderr.fileno(), 4096)
                if not chunk:
                    break
                err += chunk
        if b'Enter password: ' in err:
            os.write(master, (PASSWORD + '\n').encode())
        out, rest = proc.communicate(timeout=60)
        terminal = b''
        while select.select([master], [], [], 0.2)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            terminal += chunk
        os.close(master)
        return proc, out.decode(), (err + rest).decode(), terminal

    def test_prompt(self):
        proc, out, err, terminal = self.prompt('-S', DB.socket, '-u', 'cli_pw', '-p')
        self.assertIn('Enter password: ', err)
        self.assertEqual(proc.returncode, 0, err)
        self.assertEqual([m['keys'] for m in json_lines(out)], [{'id': 5}])
        # Not echoed.
        self.assertNotIn(PASSWORD.encode(), terminal)

    def test_p_takes_no_separate_word(self):
        # -p then an option: the option is one (-n: the run stops at the
        # end), the password is asked for.
        proc, out, err, _ = self.prompt('-S', DB.socket, '-u', 'cli_pw', '-p', '-n')
        self.assertEqual(proc.returncode, 0, err)
        self.assertEqual([m['keys'] for m in json_lines(out)], [{'id': 5}])
        # -p then a word: the word is no password but an argument, which
        # the tool has none of.
        proc = self.run_cred('-S', DB.socket, '-u', 'cli_pw', '-p', PASSWORD)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn('unexpected argument “%s”' % PASSWORD, proc.stderr)
        self.assertEqual(proc.stdout, '')
        # -u's value that looks like -p is the user.
        proc = self.run_cred('-S', DB.socket, '-u', '-pete', '--password=' + PASSWORD)
        self.assertEqual(proc.returncode, 1)
        self.assertIn('as “-pete”', proc.stderr)

    def test_p_without_terminal(self):
        proc = self.run_cred('-S', DB.socket, '-u', 'cli_pw', '-p')
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn('-p without a value asks for the password on the terminal, and stdin '
                      'is not one', proc.stderr)
        self.assertEqual(proc.stdout, '')

    def test_defaults_file(self):
        # [client] and the tool's own group, through an !include.
        secret = self.write_file('secret.cnf', '[mysqlbinlog-glib]\npassword = "%s"\n'
                                 % PASSWORD)
        path = self.write_file('defaults.cnf',
                               '[client]\nsocket = %s\nuser = cli_pw\n'
                               '[mysql]\npassword = wrong\n'
                               '!include %s\n' % (DB.socket, secret))
        self.assert_row(self.run_cred('--defaults-file=' + path))
        self.assert_row(self.run_cred('--defaults-file', path))
        # The files win over $MYSQL_PWD.
        self.assert_row(self.run_cred('--defaults-file', path, env=self.env(MYSQL_PWD='wrong')))

        # The command line wins over the files.
        path = self.write_file('wrong.cnf', '[client]\nsocket = %s\nuser = nobody\n'
                               'password = wrong\n' % DB.socket)
        proc = self.run_cred('--defaults-file', path)
        self.assertEqual(proc.returncode, 1)
        self.assertIn('as “nobody”', proc.stderr)
        self.assert_row(self.run_cred('--defaults-file', path, '-u', 'cli_pw',
                                      '--password=' + PASSWORD))
        # A socket from the files is not for a host named on the command line.
        proc = self.run_cred('--defaults-file', path, '-h', '127.0.0.1', '-P', '1',
                             '-u', 'cli_pw')
        self.assertEqual(proc.returncode, 1)
        self.assertIn('127.0.0.1:1', proc.stderr)

    def test_standard_files(self):
        home = tempfile.mkdtemp(prefix='mysqlbinlog-cli-home-')
        try:
            with open(os.path.join(home, '.my.cnf'), 'w') as f:
                f.write('[client]\nsocket = %s\nuser = cli_pw\npassword = %s\n'
                        % (DB.socket, PASSWORD))
            self.assert_row(self.run_cred(env=self.env(HOME=home)))
            # --no-defaults: root on the default socket, which is not this
            # server's.
            proc = self.run_cred('--no-defaults', env=self.env(HOME=home))
            self.assertEqual(proc.returncode, 1, proc.stderr)
            self.assertNotIn(DB.socket, proc.stderr)
        finally:
            shutil.rmtree(home, ignore_errors=True)

    def test_defaults_errors(self):
        proc = self.run_cred('--defaults-file', '/nonexistent/my.cnf')
        self.assertEqual(proc.returncode, 2)
        self.assertIn('Cannot read --defaults-file /nonexistent/my.cnf', proc.stderr)
        proc = self.run_cred('--defaults-file', '/dev/null', '--no-defaults')
        self.assertEqual(proc.returncode, 2)
        self.assertIn('choose one of --no-defaults and --defaults-file', proc.stderr)
        # Where the client library would silently stop reading a file.
        for text, line, message in (
                ('[client]\nsocket = %s\n[mysqlbinlog-glib\npassword = %s\n', 3,
                 "a [group] without its ']'"),
                ('socket = %s\n[client]\npassword = %s\n', 1,
                 'an option before the first [group]')):
            inner = self.write_file('inner.cnf', text % (DB.socket, PASSWORD))
            path = self.write_file('outer.cnf', '[client]\nuser = cli_pw\n!include %s\n'
                                   % inner)
            proc = self.run_cred('--defaults-file', path)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn('%s:%d: %s: the client library would read no further'
                          % (inner, line, message), proc.stderr)
            self.assertEqual(proc.stdout, '')
        # A certificate check the tool cannot make: an error, not a weaker
        # connection.
        path = self.write_file('crl.cnf', '[client]\nssl-crl = /etc/crl.pem\n')
        proc = self.run_cred('-S', DB.socket, '--defaults-file', path)
        self.assertEqual(proc.returncode, 2)
        self.assertIn('The option files set ssl-crl', proc.stderr)
        self.assertEqual(proc.stdout, '')

    def test_debug_messages_on_stderr(self):
        state = tempfile.mkdtemp(prefix='mysqlbinlog-cli-state-')
        try:
            proc = self.run_cred('-S', DB.socket, '-u', 'root', '--position-file',
                                 os.path.join(state, 'position'),
                                 env=self.env(G_MESSAGES_DEBUG='all'))
        finally:
            shutil.rmtree(state, ignore_errors=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        for line in proc.stdout.splitlines():
            self.assertIsInstance(json.loads(line), dict, line)
        # GIO's, for the position file.
        self.assertIn('GLib-GIO-DEBUG', proc.stderr)
        self.assertEqual([m['keys'] for m in json_lines(proc.stdout)], [{'id': 5}])


class TestSignals(unittest.TestCase):
    def test_heartbeat(self):
        proc = subprocess.Popen([TOOL, '-S', DB.socket, '-f', 'json', '--heartbeat', '1',
                                 '--only-tables', 'cli.nothing'],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(3.2)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 0, err)
        messages = json_lines(out)
        # One a second from the start; a slow start may lose one.
        self.assertTrue(2 <= len(messages) <= 4, messages)
        for m in messages:
            self.assertEqual(sorted(m), ['timestamp', 'type'])
            self.assertEqual(m['type'], 'heartbeat')
            self.assertLessEqual(abs(m['timestamp'] - time.time()), 5)

    def test_sigterm_stops_cleanly(self):
        # --start: however slowly the program starts, it misses no row.
        proc = subprocess.Popen([TOOL, '-S', DB.socket, '-f', 'json', '--progress', '1',
                                 '--only-tables', 'cli.sig', '--start', DB.position()],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        DB.sql('CREATE TABLE cli.sig (id INT PRIMARY KEY); INSERT INTO cli.sig VALUES (7);')
        time.sleep(1.5)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 0, err)
        self.assertEqual([m['keys'] for m in json_lines(out)], [{'id': 7}])
        self.assertIn('events (', err)
        self.assertIn('safe position: mariadb-bin.', err)
        self.assertIn('stopped', err)


class TestAmqp(unittest.TestCase):
    def setUp(self):
        if BROKER is None:
            self.skipTest('no RabbitMQ broker: %s' % BROKER_PROBLEM)

    def test_every_row_one_message(self):
        BROKER.bind_queue('cli-changes', 'cli-all')
        start = DB.position()
        DB.sql('CREATE TABLE cli.amqp (id INT PRIMARY KEY, v VARCHAR(10));'
               'INSERT INTO cli.amqp VALUES (1, "a"), (2, "b");'
               'UPDATE cli.amqp SET v = "c" WHERE id = 2;'
               'DELETE FROM cli.amqp WHERE id = 1;')
        proc = run_tool('--start', start, '-n', '--amqp', BROKER.url,
                        '--exchange', 'cli-changes', '--queue', 'cli-declared')
        self.assertEqual(proc.stdout, '')
        # --queue declared a durable queue bound to every routing key.
        self.assertEqual([key for key, _, _ in BROKER.drain('cli-declared')],
                         ['cli.amqp.row_insert', 'cli.amqp.row_insert',
                          'cli.amqp.row_update', 'cli.amqp.row_delete'])
        messages = BROKER.drain('cli-all')
        self.assertEqual([(key, m['type'], m['keys']) for key, _, m in messages],
                         [('cli.amqp.row_insert', 'row_insert', {'id': 1}),
                          ('cli.amqp.row_insert', 'row_insert', {'id': 2}),
                          ('cli.amqp.row_update', 'row_update', {'id': 2}),
                          ('cli.amqp.row_delete', 'row_delete', {'id': 1})])
        for _, properties, _ in messages:
            self.assertEqual(properties.delivery_mode, 2)
            self.assertEqual(properties.content_type, 'application/json')
        self.assertEqual(messages[0][2]['values'], {'id': 1, 'v': 'a'})
        self.assertEqual(messages[2][2]['before_values'], {'v': 'b'})
        self.assertEqual(messages[2][2]['after_values'], {'v': 'c'})

    def test_broker_restart_loses_nothing(self):
        BROKER.bind_queue('cli-restart', 'cli-restart-q')
        DB.sql('CREATE TABLE cli.burst (id INT PRIMARY KEY)')
        proc = subprocess.Popen([TOOL, '-S', DB.socket, '-u', 'root', '--only-tables',
                                 'cli.burst', '--start', DB.position(), '--amqp', BROKER.url,
                                 '--exchange', 'cli-restart'],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            time.sleep(1.0)
            n = 600
            for i in range(0, n, 10):
                DB.sql('INSERT INTO cli.burst VALUES %s'
                       % ','.join('(%d)' % j for j in range(i, i + 10)))
                if i == 200:
                    BROKER.stop()
                if i == 400:
                    BROKER.start()
            deadline = time.time() + 120
            while BROKER.count('cli-restart-q') < n and time.time() < deadline:
                time.sleep(0.5)
        finally:
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=120)
        self.assertEqual(proc.returncode, 0, err)
        self.assertIn('reconnecting', err)
        ids = [m['keys']['id'] for _, _, m in BROKER.drain('cli-restart-q')]
        # At least once: every row, in order of first appearance; rows the
        # broker had not confirmed before it went away may come twice.
        self.assertEqual(sorted(set(ids)), list(range(n)))
        print('broker restart: %d messages for %d rows' % (len(ids), n), file=sys.stderr)

    def test_stop_and_resume_loses_nothing(self):
        # SIGTERM mid-stream, then start again from the safe position the
        # tool printed: every row arrives.
        BROKER.bind_queue('cli-resume', 'cli-resume-q')
        DB.sql('CREATE TABLE cli.resume (id INT PRIMARY KEY)')
        start = DB.position()
        args = [TOOL, '-S', DB.socket, '-u', 'root', '--only-tables', 'cli.resume',
                '--amqp', BROKER.url, '--exchange', 'cli-resume']
        proc = subprocess.Popen(args + ['--start', start], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        n = 400
        for i in range(0, n, 5):
            DB.sql('INSERT INTO cli.resume VALUES %s'
                   % ','.join('(%d)' % j for j in range(i, i + 5)))
            if i == 150:
                proc.send_signal(signal.SIGTERM)
                out, err = proc.communicate(timeout=60)
                self.assertEqual(proc.returncode, 0, err)
                safe = [line.split(': ')[-1] for line in err.splitlines()
                        if 'safe position: ' in line]
                self.assertEqual(len(safe), 1, err)
                proc = subprocess.Popen(args + ['--start', safe[0]], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 60
        while BROKER.count('cli-resume-q') < n and time.time() < deadline:
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 0, err)
        ids = [m['keys']['id'] for _, _, m in BROKER.drain('cli-resume-q')]
        self.assertEqual(sorted(set(ids)), list(range(n)))
        # The stop may come inside a transaction (5 rows) whose rows were
        # published: it is sent again from its start, nothing else is.
        self.assertLessEqual(len(ids), n + 5)
        print('stop and resume: %d messages for %d rows' % (len(ids), n), file=sys.stderr)

    def test_kill_and_restart_loses_nothing(self):
        BROKER.bind_queue('cli-kill', 'cli-kill-q')
        DB.sql('CREATE TABLE cli.killed (id INT PRIMARY KEY)')
        start = DB.position()
        state = tempfile.mkdtemp(prefix='mysqlbinlog-cli-state-')
        position_file = os.path.join(state, 'position')
        args = [TOOL, '-S', DB.socket, '-u', 'root', '--only-tables', 'cli.killed',
                '--amqp', BROKER.url, '--exchange', 'cli-kill', '--start', start,
                '--position-file', position_file]
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        n = 600
        try:
            for i in range(0, n, 5):
                DB.sql('INSERT INTO cli.killed VALUES %s'
                       % ','.join('(%d)' % j for j in range(i, i + 5)))
                if i in (150, 400):
                    # Mid-stream: rows the tool has not read, published or
                    # stored yet are in flight.
                    proc.kill()
                    proc.communicate(timeout=60)
                    self.assertTrue(os.path.exists(position_file))
                    proc = subprocess.Popen(args, stdout=subprocess.PIPE,
                                            stderr=subprocess.PIPE, text=True)
            deadline = time.time() + 60
            while BROKER.count('cli-kill-q') < n and time.time() < deadline:
                time.sleep(0.2)
        finally:
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=60)
            shutil.rmtree(state, ignore_errors=True)
        self.assertEqual(proc.returncode, 0, err)
        self.assertIn('resuming at ', err)
        ids = [m['keys']['id'] for _, _, m in BROKER.drain('cli-kill-q')]
        self.assertEqual(sorted(set(ids)), list(range(n)))
        print('kill -9 twice and restart: %d messages for %d rows' % (len(ids), n),
              file=sys.stderr)


if __name__ == '__main__':
    unittest.main(verbosity=2)
