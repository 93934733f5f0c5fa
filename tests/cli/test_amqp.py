# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# --amqp: the messages a throwaway RabbitMQ broker receives.

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

from cli import common
from cli.common import TOOL, run_tool


def setUpModule():
    common.set_up()


class TestAmqp(unittest.TestCase):
    def setUp(self):
        if common.BROKER is None:
            self.skipTest('no RabbitMQ broker: %s' % common.BROKER_PROBLEM)

    def test_every_row_one_message(self):
        common.BROKER.bind_queue('cli-changes', 'cli-all')
        start = common.DB.position()
        common.DB.sql('CREATE TABLE cli.amqp (id INT PRIMARY KEY, v VARCHAR(10));'
               'INSERT INTO cli.amqp VALUES (1, "a"), (2, "b");'
               'UPDATE cli.amqp SET v = "c" WHERE id = 2;'
               'DELETE FROM cli.amqp WHERE id = 1;')
        proc = run_tool('--start', start, '-n', '--amqp', common.BROKER.url, '--no-ddl',
                        '--exchange', 'cli-changes', '--queue', 'cli-declared')
        self.assertEqual(proc.stdout, '')
        # --queue declared a durable queue bound to every routing key.
        self.assertEqual([key for key, _, _ in common.BROKER.drain('cli-declared')],
                         ['cli.amqp.row_insert', 'cli.amqp.row_insert',
                          'cli.amqp.row_update', 'cli.amqp.row_delete'])
        messages = common.BROKER.drain('cli-all')
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
        common.BROKER.bind_queue('cli-restart', 'cli-restart-q')
        common.DB.sql('CREATE TABLE cli.burst (id INT PRIMARY KEY)')
        proc = subprocess.Popen([TOOL, '-S', common.DB.socket, '-u', 'root', '--only-tables',
                                 'cli.burst', '--start', common.DB.position(), '--amqp', common.BROKER.url, '--no-ddl',
                                 '--exchange', 'cli-restart'],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            time.sleep(1.0)
            n = 600
            for i in range(0, n, 10):
                common.DB.sql('INSERT INTO cli.burst VALUES %s'
                       % ','.join('(%d)' % j for j in range(i, i + 10)))
                if i == 200:
                    common.BROKER.stop()
                if i == 400:
                    common.BROKER.start()
            deadline = time.time() + 120
            while common.BROKER.count('cli-restart-q') < n and time.time() < deadline:
                time.sleep(0.5)
        finally:
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=120)
        self.assertEqual(proc.returncode, 0, err)
        self.assertIn('reconnecting', err)
        ids = [m['keys']['id'] for _, _, m in common.BROKER.drain('cli-restart-q')]
        # At least once: every row, in order of first appearance; rows the
        # broker had not confirmed before it went away may come twice.
        self.assertEqual(sorted(set(ids)), list(range(n)))
        print('broker restart: %d messages for %d rows' % (len(ids), n), file=sys.stderr)

    def test_stop_and_resume_loses_nothing(self):
        # SIGTERM mid-stream, then start again from the safe position the
        # tool printed: every row arrives.
        common.BROKER.bind_queue('cli-resume', 'cli-resume-q')
        common.DB.sql('CREATE TABLE cli.resume (id INT PRIMARY KEY)')
        start = common.DB.position()
        args = [TOOL, '-S', common.DB.socket, '-u', 'root', '--only-tables', 'cli.resume',
                '--amqp', common.BROKER.url, '--no-ddl', '--exchange', 'cli-resume']
        proc = subprocess.Popen(args + ['--start', start], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        n = 400
        for i in range(0, n, 5):
            common.DB.sql('INSERT INTO cli.resume VALUES %s'
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
        while common.BROKER.count('cli-resume-q') < n and time.time() < deadline:
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 0, err)
        ids = [m['keys']['id'] for _, _, m in common.BROKER.drain('cli-resume-q')]
        self.assertEqual(sorted(set(ids)), list(range(n)))
        # The stop may come inside a transaction (5 rows) whose rows were
        # published: it is sent again from its start, nothing else is.
        self.assertLessEqual(len(ids), n + 5)
        print('stop and resume: %d messages for %d rows' % (len(ids), n), file=sys.stderr)

    def test_kill_and_restart_loses_nothing(self):
        common.BROKER.bind_queue('cli-kill', 'cli-kill-q')
        common.DB.sql('CREATE TABLE cli.killed (id INT PRIMARY KEY)')
        start = common.DB.position()
        state = tempfile.mkdtemp(prefix='mysqlbinlog-cli-state-')
        position_file = os.path.join(state, 'position')
        args = [TOOL, '-S', common.DB.socket, '-u', 'root', '--only-tables', 'cli.killed',
                '--amqp', common.BROKER.url, '--no-ddl', '--exchange', 'cli-kill', '--start', start,
                '--position-file', position_file]
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        n = 600
        try:
            for i in range(0, n, 5):
                common.DB.sql('INSERT INTO cli.killed VALUES %s'
                       % ','.join('(%d)' % j for j in range(i, i + 5)))
                if i in (150, 400):
                    # Mid-stream: rows the tool has not read, published or
                    # stored yet are in flight.
                    proc.kill()
                    proc.communicate(timeout=60)
                    self.assertTrue(os.path.exists(position_file))
                    proc = subprocess.Popen(args, stdout=subprocess.PIPE,
                                            stderr=subprocess.PIPE, text=True)
            # The count includes the rows published again after each kill,
            # so it says nothing of the last rows: wait for the tool to
            # store the position after the last insert (it stores a
            # position only once the broker confirmed what came before).
            end = common.DB.position()
            deadline = time.time() + 60
            while time.time() < deadline:
                try:
                    with open(position_file) as f:
                        if f.read().split()[0] == end:
                            break
                except (OSError, IndexError):
                    pass
                time.sleep(0.2)
        finally:
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=60)
            shutil.rmtree(state, ignore_errors=True)
        self.assertEqual(proc.returncode, 0, err)
        self.assertIn('resuming at ', err)
        ids = [m['keys']['id'] for _, _, m in common.BROKER.drain('cli-kill-q')]
        self.assertEqual(sorted(set(ids)), list(range(n)))
        print('kill -9 twice and restart: %d messages for %d rows' % (len(ids), n),
              file=sys.stderr)
