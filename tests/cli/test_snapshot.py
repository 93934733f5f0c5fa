# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# --snapshot and --snapshot-table: existing rows as JSON messages of type
# read, not dropped or merged by --dedup-window, and resumed from the
# position file.

import os
import tempfile
import unittest

from cli import common
from cli.common import run_tool, json_lines


def setUpModule():
    common.set_up()


class TestSnapshot(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        common.DB.sql('CREATE DATABASE IF NOT EXISTS clisnap;'
                      'DROP TABLE IF EXISTS clisnap.t;'
                      'CREATE TABLE clisnap.t (id INT PRIMARY KEY, name VARCHAR(20),'
                      ' price DECIMAL(6,2));'
                      "INSERT INTO clisnap.t VALUES (1, 'apple', 1.50), (2, 'pear', NULL),"
                      " (3, 'fig', 3.00)")

    def test_initial_only(self):
        proc = run_tool('--snapshot', 'initial-only', '--format', 'json',
                        '--dedup-window', '200', '--only-tables', 'clisnap.t')
        messages = json_lines(proc.stdout)
        self.assertEqual([m['type'] for m in messages], ['read'] * 3)
        self.assertEqual(messages[0]['keys'], {'id': 1})
        self.assertEqual(messages[0]['values'], {'id': 1, 'name': 'apple', 'price': '1.50'})
        self.assertEqual(messages[1]['values'], {'id': 2, 'name': 'pear', 'price': None})
        for m in messages:
            self.assertEqual((m['schema'], m['table_name']), ('clisnap', 't'))
            self.assertNotIn('log_file', m)

    def test_snapshot_table(self):
        start = common.DB.position()
        common.DB.sql("INSERT INTO clisnap.t VALUES (10, 'new', 0)")
        try:
            proc = run_tool('--start', start, '--non-blocking', '--format', 'json',
                            '--snapshot-table', 'clisnap.t')
        finally:
            common.DB.sql('DELETE FROM clisnap.t WHERE id = 10')
        kinds = [(m['type'], m['keys']['id']) for m in json_lines(proc.stdout)
                 if m['table_name'] == 't']
        reads = [k for k in kinds if k[0] == 'read']
        self.assertEqual(sorted(i for _, i in reads), [1, 2, 3, 10])
        self.assertIn(('row_insert', 10), kinds)

    def test_bad_mode(self):
        proc = run_tool('--snapshot', 'sometimes', check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn('--snapshot', proc.stderr)

    def test_position_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, 'position')
            first = run_tool('--snapshot', 'initial-only', '--format', 'json',
                             '--only-tables', 'clisnap.t', '--position-file', path)
            self.assertEqual(len(json_lines(first.stdout)), 3)
            with open(path) as f:
                self.assertNotIn('snapshot:', f.read())
            # Done: nothing is read again.
            again = run_tool('--snapshot', 'initial-only', '--format', 'json',
                             '--only-tables', 'clisnap.t', '--position-file', path)
            self.assertEqual(json_lines(again.stdout), [])


if __name__ == '__main__':
    unittest.main()
