#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Real MySQL binlog files of shared/fixtures (or MYSQL_BINLOG_FIXTURES_DIR)
# with one field changed to what a later server version could write, and
# the checksum made right again: the stream must refuse what it does not
# know rather than deliver a value it cannot vouch for.  Needs no server;
# skips without the fixtures; exits 77 without gi or the typelib.

import os
import sys
import tempfile
import unittest
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_stream  # noqa: E402,F401  (exits 77 when gi or the typelib is missing)
from test_stream import GLib, MysqlBinlog  # noqa: E402

from gi.repository import Gio  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.environ.get('MYSQL_BINLOG_FIXTURES_DIR') or os.path.join(
    HERE, '..', '..', '..', 'shared', 'fixtures', 'mysql-binlogs')
# MySQL 8: a table (id INT PRIMARY KEY, j JSON, two generated columns)
# updated with partial JSON updates (PARTIAL_UPDATE_ROWS) under MINIMAL.
JSON_FIXTURE = os.path.join(FIXTURES, 'json.binlog.000001')
PARTIAL_UPDATE_ROWS = 39


def events(data):
    offset = 4
    while offset + 19 <= len(data):
        length = int.from_bytes(data[offset + 9:offset + 13], 'little')
        yield offset, data[offset + 4], length
        offset += length


def first_value_options(data, offset):
    """Where the value options of the first after image of the
    PARTIAL_UPDATE_ROWS event at @offset are: the after image follows the
    post-header, the column count, both bitmaps and a before image that
    holds the INT key only."""
    body = offset + 19
    extra = int.from_bytes(data[body + 8:body + 10], 'little')
    p = body + 8 + extra
    n_columns = data[p]
    p += 1
    bitmap = (n_columns + 7) // 8
    before = data[p]
    assert bin(before).count('1') == 1, 'the before image is not the key alone'
    p += 2 * bitmap
    return p + 1 + 4


def run_file(path):
    stream = MysqlBinlog.Stream.new_for_file(Gio.File.new_for_path(path))
    rows = []
    stream.connect('rows-updated', lambda s, before, after: rows.append(after))
    try:
        stream.run(None)
    except GLib.Error as error:
        return rows, error
    return rows, None


@unittest.skipUnless(os.path.exists(JSON_FIXTURE),
                     'the binlog fixtures are missing: no %s (set MYSQL_BINLOG_FIXTURES_DIR)'
                     % JSON_FIXTURE)
class UnknownValueOptionsTest(unittest.TestCase):
    def crafted(self, options):
        data = bytearray(open(JSON_FIXTURE, 'rb').read())
        found = [(o, length) for o, kind, length in events(data) if kind == PARTIAL_UPDATE_ROWS]
        self.assertEqual(len(found), 1)
        offset, length = found[0]
        where = first_value_options(data, offset)
        self.assertEqual(data[where], 1, 'not the value options of a partial JSON update')
        data[where] = options
        crc = zlib.crc32(bytes(data[offset:offset + length - 4]))
        data[offset + length - 4:offset + length] = crc.to_bytes(4, 'little')
        handle, path = tempfile.mkstemp(suffix='.binlog')
        with os.fdopen(handle, 'wb') as f:
            f.write(data)
        self.addCleanup(os.unlink, path)
        return path

    @staticmethod
    def partial(rows):
        """The after images of the partial update: they carry no key (the
        file holds the table's CREATE TABLE: its names)."""
        return [row for row in rows if row.get_column_index('id') < 0]

    def test_known_options_still_read(self):
        rows, error = run_file(self.crafted(1))
        self.assertIsNone(error)
        self.assertEqual(len(self.partial(rows)), 6)
        self.assertEqual(self.partial(rows)[0].get_column_name(0), 'json_col')

    def test_unknown_option_refused(self):
        known, error = run_file(self.crafted(1))
        self.assertIsNone(error)
        for options in (0x02, 0x03, 0x80):
            rows, error = run_file(self.crafted(options))
            self.assertIsNotNone(error, 'options 0x%02x' % options)
            self.assertTrue(error.matches(MysqlBinlog.error_quark(),
                                          MysqlBinlog.Error.UNSUPPORTED), error.message)
            self.assertIn('unknown value options 0x%02x' % options, error.message)
            # The updates before that event came; none of it did.
            self.assertEqual(self.partial(rows), [], 'options 0x%02x' % options)
            self.assertEqual(len(rows), len(known) - 6, 'options 0x%02x' % options)


if __name__ == '__main__':
    unittest.main(verbosity=2)
