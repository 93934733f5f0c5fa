#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The primary key and column details of rows through the Python binding:
# get_primary_key() is a list of names, and is_primary_key_known() says
# whether the binlog or the stream knew it (PyGObject gives an empty list for
# the NULL that C sees when it is unknown).  Exits 77 (skipped) without gi or the typelib, like
# test_stream.py, whose throwaway server it shares.

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_stream  # noqa: E402  (exits 77 when gi or the typelib is missing)
from test_stream import MysqlBinlog  # noqa: E402

from gi.repository import Gio  # noqa: E402

server = None


def setUpModule():
    global server
    test_stream.setUpModule()
    server = test_stream.server


def tearDownModule():
    test_stream.tearDownModule()


def rows_of(stream):
    rows = []
    stream.connect('rows-inserted', lambda s, row: rows.append(row))
    stream.run(None)
    return rows


class TestRowKeys(unittest.TestCase):

    def write(self, metadata, schema):
        server.sql('FLUSH BINARY LOGS')
        start = server.position()
        server.sql("SET GLOBAL binlog_row_metadata = '%s';"
                   'CREATE DATABASE %s;'
                   'CREATE TABLE %s.t (v INT, code CHAR(8), id INT,'
                   ' PRIMARY KEY (id, code(4)));'
                   'CREATE TABLE %s.nokey (a INT);'
                   "INSERT INTO %s.t VALUES (1, 'abcdefgh', 2);"
                   'INSERT INTO %s.nokey VALUES (3);'
                   "SET GLOBAL binlog_row_metadata = 'FULL'"
                   % ((metadata,) + (schema,) * 5))
        server.sql('FLUSH BINARY LOGS')
        return start

    def test_full(self):
        start = self.write('FULL', 'pykeysfull')
        path = os.path.join(server.dir, 'binlog', start.get_file())
        for stream in (server.stream(start),
                       MysqlBinlog.Stream.new_for_file(Gio.File.new_for_path(path))):
            row, nokey = rows_of(stream)
            self.assertEqual(row.get_primary_key(), ['code', 'id'])
            self.assertTrue(row.is_primary_key_known())
            self.assertEqual([row.is_primary_key(i) for i in range(3)],
                             [False, True, True])
            self.assertEqual([row.get_primary_key_prefix(i) for i in range(3)],
                             [0, 4, 0])
            self.assertFalse(row.get_column_is_invisible(0))
            self.assertEqual(nokey.get_primary_key(), [])
            self.assertTrue(nokey.is_primary_key_known())

    def test_minimal(self):
        start = self.write('MINIMAL', 'pykeysmin')
        row, nokey = rows_of(server.stream(start))
        self.assertEqual(row.get_primary_key(), ['code', 'id'])
        # information_schema gives no prefix lengths.
        self.assertEqual([row.get_primary_key_prefix(i) for i in range(3)], [0, 0, 0])
        self.assertEqual(nokey.get_primary_key(), [])
        self.assertTrue(nokey.is_primary_key_known())

        # The file holds the CREATE TABLE: the key it declares.
        path = os.path.join(server.dir, 'binlog', start.get_file())
        row, nokey = rows_of(MysqlBinlog.Stream.new_for_file(Gio.File.new_for_path(path)))
        self.assertTrue(row.is_primary_key_known())
        self.assertEqual(row.get_primary_key(), ['code', 'id'])
        self.assertEqual([row.is_primary_key(i) for i in range(3)], [False, True, True])
        self.assertEqual(nokey.get_primary_key(), [])
        self.assertTrue(nokey.is_primary_key_known())


if __name__ == '__main__':
    unittest.main(verbosity=2)
