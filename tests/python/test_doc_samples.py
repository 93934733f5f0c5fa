#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The Python and JavaScript samples of the API reference
# (introspection/tasks.md) run as written against a throwaway MariaDB
# server: each is started, rows are written until it prints what its task
# promises, then SIGINT must end it within a second with status 0 and
# nothing on stderr.  Exits 77 (skipped) without gi or the typelib; the
# JavaScript samples are skipped without gjs.

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

SKIP = 77

try:
    import gi
    gi.require_version('MysqlBinlog', '1.0')
    from gi.repository import MysqlBinlog  # noqa: E402,F401
except (ImportError, ValueError) as e:
    print('SKIP: gi or the MysqlBinlog-1.0 typelib is not available (%s)' % e,
          file=sys.stderr)
    sys.exit(SKIP)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..'))
import mariadb_server  # noqa: E402

TASKS = os.path.join(HERE, '..', '..', 'introspection', 'tasks.md')
SOCKET_IN_SAMPLES = '/run/mysqld/mysqld.sock'

# What each task's samples print once a row was written to shop.orders
# (customer 'ann<N>').
EXPECTED = {
    'Watch one table': r'^new order for ann\d+$',
    'Replication mode': r'^order \d+ replicated$',
    'A position store of your own': r'^row in orders$',
    'A live table as a list model': r'^orders now: .*ann\d+',
}


def samples():
    """(task, language, code) of every python and js block, in order."""
    task = None
    found = []
    with open(TASKS) as f:
        text = f.read()
    for match in re.finditer(r'^## ([^\n]*)$|^```(\w+)\n(.*?)^```$', text, re.M | re.S):
        if match.group(1):
            task = match.group(1).split(':')[0].strip()
        elif match.group(2) in ('python', 'js'):
            found.append((task, match.group(2), match.group(3)))
    return found


class TestDocSamples(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.server = mariadb_server.MariaDB()
        cls.server.sql("CREATE DATABASE shop; "
                       "CREATE TABLE shop.orders (id INT PRIMARY KEY, customer VARCHAR(20))")
        cls.next_id = 1
        cls.gjs = shutil.which('gjs')

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def run_sample(self, task, language, code):
        pattern = EXPECTED[task]
        work = tempfile.mkdtemp(prefix='mysqlbinlog-sample-')
        self.addCleanup(shutil.rmtree, work, True)
        path = os.path.join(work, 'sample.py' if language == 'python' else 'sample.js')
        with open(path, 'w') as f:
            f.write(code.replace(SOCKET_IN_SAMPLES, self.server.socket))
        argv = [sys.executable, path] if language == 'python' else [self.gjs, '-m', path]
        out = open(os.path.join(work, 'out'), 'w+')
        err = open(os.path.join(work, 'err'), 'w+')
        proc = subprocess.Popen(argv, cwd=work, stdout=out, stderr=err)
        try:
            deadline = time.monotonic() + 30
            seen = False
            while time.monotonic() < deadline and proc.poll() is None:
                # A row every 200 ms until the sample shows one: a sample
                # that starts at the current end sees only rows written
                # after it connected.
                self.server.sql("INSERT INTO shop.orders VALUES (%d, 'ann%d')"
                                % (self.next_id, self.next_id))
                type(self).next_id += 1
                time.sleep(0.2)
                out.seek(0)
                if any(re.search(pattern, line) for line in out.read().splitlines()):
                    seen = True
                    break
            err.seek(0)
            self.assertTrue(seen, '%s (%s) never printed a line matching %r; stderr: %s'
                            % (task, language, pattern, err.read()))
            self.assertIsNone(proc.poll(), 'the sample ended by itself')
            start = time.monotonic()
            proc.send_signal(signal.SIGINT)
            try:
                status = proc.wait(timeout=1)
            except subprocess.TimeoutExpired:
                self.fail('%s (%s) still running 1 s after SIGINT' % (task, language))
            elapsed = time.monotonic() - start
            err.seek(0)
            self.assertEqual((status, err.read()), (0, ''),
                             '%s (%s): exit status and stderr' % (task, language))
            self.assertLess(elapsed, 1.0)
            return work
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            out.close()
            err.close()

    def test_every_task_has_both_samples(self):
        tasks = {}
        for task, language, _ in samples():
            tasks.setdefault(task, set()).add(language)
        self.assertEqual(tasks, {task: {'python', 'js'} for task in EXPECTED})

    def test_samples(self):
        for task, language, code in samples():
            with self.subTest(task=task, language=language):
                if language == 'js' and self.gjs is None:
                    self.skipTest('gjs is not installed')
                work = self.run_sample(task, language, code)
                if task == 'Replication mode':
                    with open(os.path.join(work, 'orders.pos')) as f:
                        self.assertRegex(f.read(), r'\S+:\d+')
                elif task == 'A position store of your own':
                    with open(os.path.join(work, 'my.pos')) as f:
                        self.assertRegex(f.read(), r'\S+:\d+')


if __name__ == '__main__':
    unittest.main()
