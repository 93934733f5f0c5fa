# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Errors, the position file, a silent server, signals.

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest

from cli import common
from cli.common import TOOL, run_tool, json_lines


def setUpModule():
    common.set_up()


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
        self.check_usage(['--schema-unknown', 'guess'], 'unknown --schema-unknown “guess” '
                         '(error or positional)')
        self.check_usage(['--schema-source', 'x.schema-history'], 'go with --file')
        self.check_usage(['--schema-from-server'], 'go with --file')
        self.check_usage(['--file', 'x', '--schema-source', 'y', '--schema-from-server'],
                         'choose one of --schema-source and --schema-from-server')

    def test_unreachable(self):
        self.check_usage(['-S', '/nonexistent/mysql.sock', '-n'],
                         'Connecting to the server at /nonexistent/mysql.sock', 1)
        self.check_usage(['-S', common.DB.socket, '--amqp', 'amqp://guest:guest@127.0.0.1:1/',
                          '--exchange', 'e'], 'Cannot connect to the broker', 1)

    def test_help(self):
        proc = subprocess.run([TOOL, '--help-all'], stdout=subprocess.PIPE, text=True)
        self.assertEqual(proc.returncode, 0)
        for option in ('--host', '--socket', '--server-id', '--start-gtid', '--from-beginning',
                       '--only-tables', '--format', '--amqp', '--exchange', '--dedup-window',
                       '--progress', '--schema-unknown', '--schema-source',
                       '--schema-from-server', 'SIGTERM', 'MYSQL_PWD', 'row_update', '--ssl-mode',
                       '--ssl-ca', '--ssl-capath', '--ssl-cert', '--ssl-key', '--ssl-cipher',
                       '--defaults-file', '--no-defaults', '~/.my.cnf', '[client]'):
            self.assertIn(option, proc.stdout)


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

    def test_schema_history(self):
        # The table maps carry no names (the server's default metadata).
        # The first run sees the CREATE TABLE and saves its definition
        # beside the position; while the tool is down, a row is written
        # and then the column renamed.  The restarted tool gives the row
        # written before the rename its old name: information_schema,
        # written after it, cannot.
        common.DB.sql('DROP TABLE IF EXISTS cli.renamed')
        start = common.DB.position()
        common.DB.sql('CREATE TABLE cli.renamed (id INT PRIMARY KEY, a INT);'
                      'INSERT INTO cli.renamed VALUES (1, 10)')
        args = ('--position-file', self.path, '--non-blocking', '-f', 'json', '--no-ddl',
                '--only-tables', 'cli.renamed')
        proc = run_tool('--start', start, *args)
        self.assertEqual([m['values'] for m in json_lines(proc.stdout)], [{'id': 1, 'a': 10}])
        with open(self.path + '.schema-history') as f:
            history = f.read()
        self.assertTrue(history.startswith('# libmysqlbinlog-glib schema history\n'), history)
        self.assertIn("('cli.renamed', 'utf8mb4', [('id', 'int'", history)
        common.DB.sql('INSERT INTO cli.renamed VALUES (2, 20);'
                      'ALTER TABLE cli.renamed RENAME COLUMN a TO b;'
                      'INSERT INTO cli.renamed VALUES (3, 30)')
        proc = run_tool(*args)
        self.assertIn('resuming at ', proc.stderr)
        self.assertEqual([m['values'] for m in json_lines(proc.stdout)],
                         [{'id': 2, 'a': 20}, {'id': 3, 'b': 30}])

        # Without the history, the definitions are read afresh.
        os.unlink(self.path + '.schema-history')
        common.DB.sql('INSERT INTO cli.renamed VALUES (4, 40)')
        proc = run_tool(*args)
        self.assertEqual([m['values'] for m in json_lines(proc.stdout)], [{'id': 4, 'b': 40}])


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


class TestSignals(unittest.TestCase):
    def test_heartbeat(self):
        proc = subprocess.Popen([TOOL, '-S', common.DB.socket, '-f', 'json', '--heartbeat', '1',
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
        proc = subprocess.Popen([TOOL, '-S', common.DB.socket, '-f', 'json', '--no-ddl', '--progress', '1',
                                 '--only-tables', 'cli.sig', '--start', common.DB.position()],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(1.5)
        common.DB.sql('CREATE TABLE cli.sig (id INT PRIMARY KEY); INSERT INTO cli.sig VALUES (7);')
        time.sleep(1.5)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 0, err)
        self.assertEqual([m['keys'] for m in json_lines(out)], [{'id': 7}])
        self.assertIn('events (', err)
        self.assertIn('safe position: mariadb-bin.', err)
        self.assertIn('stopped', err)


class TestReconnect(unittest.TestCase):
    """--reconnect-attempts: a killed dump thread costs no row."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='mysqlbinlog-cli-reconnect-')

    def tearDown(self):
        shutil.rmtree(self.dir)

    def start_tool(self, table, *args):
        self.out_path = os.path.join(self.dir, table + '.json')
        self.out = open(self.out_path, 'w')
        self.addCleanup(self.out.close)
        common.DB.sql('CREATE TABLE cli.%s (id INT PRIMARY KEY)' % table)
        proc = subprocess.Popen([TOOL, '-S', common.DB.socket, '-f', 'json', '--no-ddl',
                                 '--only-tables', 'cli.' + table,
                                 '--start', common.DB.position()] + list(args),
                                stdout=self.out, stderr=subprocess.PIPE, text=True)
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        return proc

    def wait_for_lines(self, count, proc):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with open(self.out_path) as f:
                lines = f.read().count('\n')
            if lines >= count:
                return
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        self.fail('%d of %d rows written (the tool %s)'
                  % (lines, count, 'ended' if proc.poll() is not None else 'runs'))

    def kill_dump_threads(self):
        ids = common.DB.sql("SELECT ID FROM information_schema.PROCESSLIST "
                            "WHERE COMMAND = 'Binlog Dump'")
        self.assertTrue(ids, 'no dump thread to kill')
        for (thread,) in ids:
            common.DB.sql('KILL %s' % thread)

    def insert(self, table, first, last):
        common.DB.sql('INSERT INTO cli.%s VALUES %s'
                      % (table, ', '.join('(%d)' % i for i in range(first, last + 1))))

    def test_reconnects(self):
        proc = self.start_tool('rc', '--reconnect-attempts', '3')
        self.insert('rc', 1, 5)
        self.wait_for_lines(5, proc)
        self.kill_dump_threads()
        # Committed while no dump thread serves the tool.
        for i in range(6, 11):
            self.insert('rc', i, i)
        self.wait_for_lines(10, proc)
        self.kill_dump_threads()
        self.insert('rc', 11, 12)
        self.wait_for_lines(12, proc)
        proc.send_signal(signal.SIGTERM)
        err = proc.communicate(timeout=60)[1]
        self.assertEqual(proc.returncode, 0, err)
        with open(self.out_path) as f:
            self.assertEqual([m['keys']['id'] for m in json_lines(f.read())],
                             list(range(1, 13)))
        self.assertEqual(err.count('; connecting again in '), 2, err)
        self.assertIn('(attempt 1)', err)

    def test_without_reconnect(self):
        proc = self.start_tool('norc')
        self.insert('norc', 1, 2)
        self.wait_for_lines(2, proc)
        self.kill_dump_threads()
        err = proc.communicate(timeout=60)[1]
        self.assertEqual(proc.returncode, 1, err)
        self.assertIn('mysqlbinlog-glib: ', err)
        self.assertNotIn('connecting again', err)
        with open(self.out_path) as f:
            self.assertEqual([m['keys']['id'] for m in json_lines(f.read())], [1, 2])

    def test_options(self):
        proc = subprocess.run([TOOL, '--reconnect-attempts', '-2'], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=60)
        self.assertEqual(proc.returncode, 2)
        self.assertIn('--reconnect-attempts is a number of attempts, or -1 for ever',
                      proc.stderr)
        proc = subprocess.run([TOOL, '--file', 'x', '--reconnect-attempts', '1'],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60)
        self.assertEqual(proc.returncode, 2)
        self.assertIn('not --file', proc.stderr)
