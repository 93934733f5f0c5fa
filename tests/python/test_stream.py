#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Tests of the Python binding (PyGObject) against a throwaway MariaDB server.
#
# Run it with Debian's /usr/bin/python3, which has the gi module, and with
# GI_TYPELIB_PATH and LD_LIBRARY_PATH pointing at the build (meson test does
# this).  Without gi or the typelib it exits 77, which meson reports as a
# skipped test.

import os
import sys
import unittest

SKIP = 77

try:
    import gi
except ImportError:
    print('SKIP: the gi module (PyGObject) is not available to %s; '
          'run the tests with /usr/bin/python3 (apt install python3-gi)'
          % sys.executable, file=sys.stderr)
    sys.exit(SKIP)

try:
    gi.require_version('MysqlBinlog', '1.0')
    from gi.repository import GLib, MysqlBinlog  # noqa: E402
except (ImportError, ValueError) as e:
    print('SKIP: the MysqlBinlog-1.0 typelib is not available (%s); '
          'GI_TYPELIB_PATH=%s' % (e, os.environ.get('GI_TYPELIB_PATH', '')),
          file=sys.stderr)
    sys.exit(SKIP)


HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..'))
import mariadb_server  # noqa: E402


class Server(mariadb_server.MariaDB):
    """A throwaway MariaDB server, started by tests/mariadb-server.sh."""

    def __init__(self, *extra_args):
        super().__init__(*extra_args, prefix='mysqlbinlog-py-',
                         client_args=['--default-character-set=utf8mb4'])

    def position(self):
        """The server's current position, with its GTID state."""
        file, offset = self.sql('SHOW MASTER STATUS')[0][:2]
        gtid = self.sql("SELECT BINLOG_GTID_POS('%s', %s)" % (file, offset))
        gtid = gtid[0][0] if gtid and gtid[0] and gtid[0][0] != 'NULL' else None
        return MysqlBinlog.Position.new_full(file, int(offset), gtid)

    _next_server_id = 5000

    def stream(self, start=None, **props):
        Server._next_server_id += 1
        props.setdefault('password', '')
        props.setdefault('blocking', False)
        return MysqlBinlog.Stream(socket=self.socket, user='root',
                                  server_id=Server._next_server_id,
                                  start_position=start, **props)


server = None


def setUpModule():
    global server
    server = Server()


def tearDownModule():
    if server is not None:
        server.stop()


class Recorder:
    """Connects to every row signal and records what arrives, in order."""

    def __init__(self, stream):
        self.signals = []
        self.rows = []
        stream.connect('rows-inserted', self.on_inserted)
        stream.connect('rows-updated', self.on_updated)
        stream.connect('rows-deleted', self.on_deleted)
        stream.connect('binlog-position', self.on_position)

    def table(self, row):
        return '%s.%s' % (row.get_schema(), row.get_table())

    def on_inserted(self, stream, row):
        self.rows.append(row)
        self.signals.append(('insert', self.table(row), unpack(row)))

    def on_updated(self, stream, before, after):
        self.signals.append(('update', self.table(before),
                             unpack(before), unpack(after)))

    def on_deleted(self, stream, row):
        self.signals.append(('delete', self.table(row), unpack(row)))

    def on_position(self, stream, position):
        self.signals.append(('position', position.to_string()))

    def row_signals(self):
        return [s for s in self.signals if s[0] != 'position']


def unpack(row):
    """row.to_variant().unpack(), with `ay` values as bytes.

    PyGObject 3.42 (Debian 12) unpacks a GVariant `ay` into a list of ints;
    bytes() of that list is the value.  Newer releases may give bytes.
    """
    values = row.to_variant().unpack()
    for i in range(row.get_n_columns()):
        value = row.get_value(i)
        if value.get_type_string() == 'ay':
            name = row.get_column_name(i)
            values[name] = bytes(values[name])
    return values


def run(stream):
    recorder = Recorder(stream)
    assert stream.run(None) is True
    return recorder


class TestAlteredTable(unittest.TestCase):
    """Without column names in the binary log, a table altered after its
    events were written is an error, never values under other names."""

    def test_column_added_after_the_rows(self):
        saved = server.sql('SELECT @@GLOBAL.binlog_row_metadata')[0][0]
        try:
            server.sql("SET GLOBAL binlog_row_metadata = 'MINIMAL'")
            server.sql("""
                CREATE DATABASE IF NOT EXISTS pyalter;
                CREATE TABLE pyalter.t (id INT PRIMARY KEY, u BIGINT UNSIGNED)""")
            start = server.position()
            server.sql("INSERT INTO pyalter.t VALUES (1, 18446744073709551615)")
            end = server.position()
            server.sql("ALTER TABLE pyalter.t ADD COLUMN c INT FIRST")

            stream = server.stream(start)
            recorder = Recorder(stream)
            with self.assertRaises(GLib.Error) as raised:
                stream.run(None)
            self.assertTrue(raised.exception.matches(MysqlBinlog.error_quark(),
                                                     MysqlBinlog.Error.UNSUPPORTED))
            self.assertIn('pyalter.t', raised.exception.message)
            self.assertIn('binlog_row_metadata=FULL', raised.exception.message)
            self.assertEqual(recorder.row_signals(), [])
            self.assertFalse(stream.get_position() is not None and
                             stream.get_position().equal(end))
        finally:
            server.sql("SET GLOBAL binlog_row_metadata = '%s'" % saved)

    def test_column_type_changed_after_the_rows(self):
        # The same number of columns, another type: INT to VARCHAR, and
        # TINYINT to SMALLINT UNSIGNED (the row's -98 clamped to 0 by a
        # non-strict ALTER).
        saved = server.sql('SELECT @@GLOBAL.binlog_row_metadata')[0][0]
        changes = [('v', 'INT', "'-5'", 'VARCHAR(20)'),
                   ('v', 'TINYINT', '-98', 'SMALLINT UNSIGNED')]
        try:
            for meta in ('NO_LOG', 'MINIMAL'):
                for n, (col, before, value, after) in enumerate(changes):
                    with self.subTest(meta=meta, after=after):
                        table = 'pyalter.ty_%s_%d' % (meta.lower(), n)
                        server.sql("SET GLOBAL binlog_row_metadata = '%s'" % meta)
                        server.sql("""
                            CREATE DATABASE IF NOT EXISTS pyalter;
                            CREATE TABLE %s (id INT PRIMARY KEY, %s %s)""" % (table, col, before))
                        start = server.position()
                        server.sql("INSERT INTO %s VALUES (1, %s)" % (table, value))
                        server.sql("SET SESSION sql_mode = ''; ALTER TABLE %s MODIFY %s %s"
                                   % (table, col, after))

                        stream = server.stream(start)
                        recorder = Recorder(stream)
                        with self.assertRaises(GLib.Error) as raised:
                            stream.run(None)
                        self.assertTrue(raised.exception.matches(
                            MysqlBinlog.error_quark(), MysqlBinlog.Error.UNSUPPORTED),
                            raised.exception.message)
                        self.assertIn(table, raised.exception.message)
                        self.assertIn('binlog_row_metadata=FULL', raised.exception.message)
                        self.assertEqual(recorder.row_signals(), [])
        finally:
            server.sql("SET GLOBAL binlog_row_metadata = '%s'" % saved)


class TestMembersBeyondBmp(unittest.TestCase):
    """information_schema (utf8mb3) shows a character beyond U+FFFF of an
    ENUM or SET member as '?': without the members in the binary log the
    stream must still give the member itself."""

    def members(self, meta, n, columns, values, expected):
        saved = server.sql('SELECT @@GLOBAL.binlog_row_metadata')[0][0]
        try:
            table = 'pymembers.t%d_%s' % (n, meta.lower())
            server.sql("SET GLOBAL binlog_row_metadata = '%s'" % meta)
            server.sql("CREATE DATABASE IF NOT EXISTS pymembers; "
                       "CREATE TABLE %s (id INT PRIMARY KEY, %s)" % (table, columns))
            start = server.position()
            server.sql("INSERT INTO %s VALUES %s" % (table, values))
            recorder = run(server.stream(start))
            self.assertEqual(recorder.row_signals(),
                             [('insert', table, row) for row in expected])
        finally:
            server.sql("SET GLOBAL binlog_row_metadata = '%s'" % saved)

    def test_enum_and_set_members(self):
        for meta in ('NO_LOG', 'MINIMAL', 'FULL'):
            with self.subTest(meta=meta):
                self.members(meta, 1, """
                    e ENUM('😀', 'b', '?') CHARACTER SET utf8mb4,
                    s SET('x', '🎉y', '?') CHARACTER SET utf8mb4,
                    `é` ENUM('?', 'a') CHARACTER SET latin1""",
                    "(1, '😀', 'x,🎉y', '?'), (2, '?', '?', 'a')",
                    [{'id': 1, 'e': '😀', 's': ['x', '🎉y'], 'é': '?'},
                     {'id': 2, 'e': '?', 's': ['?'], 'é': 'a'}])

    def test_utf16_members(self):
        for meta in ('NO_LOG', 'MINIMAL'):
            with self.subTest(meta=meta):
                self.members(meta, 2, "w ENUM('a😀', 'b') CHARACTER SET utf16",
                             "(1, 'a😀'), (2, 'b')",
                             [{'id': 1, 'w': 'a😀'}, {'id': 2, 'w': 'b'}])

    # The table map's members in a character set with NUL bytes in its
    # characters: whole, not cut at the first NUL.
    def test_utf16_members_from_the_table_map(self):
        self.members('FULL', 2, "w ENUM('a😀', 'b') CHARACTER SET utf16",
                     "(1, 'a😀'), (2, 'b')",
                     [{'id': 1, 'w': 'a😀'}, {'id': 2, 'w': 'b'}])


class TestValues(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        server.sql("""
            SET GLOBAL binlog_row_metadata = 'FULL';
            CREATE DATABASE IF NOT EXISTS pyt;
            CREATE TABLE pyt.v (
              id INT PRIMARY KEY,
              i TINYINT, u BIGINT UNSIGNED, bi BIGINT,
              d DECIMAL(10,2), f FLOAT, dbl DOUBLE,
              s VARCHAR(40) CHARACTER SET utf8mb4, l VARCHAR(10) CHARACTER SET latin1,
              b VARBINARY(10), bl BLOB,
              e ENUM('small','medium','large'), st SET('a','b','c'),
              bit BIT(4), y YEAR,
              dt DATETIME(6), dd DATE, tm TIME, ts TIMESTAMP NULL DEFAULT NULL,
              j JSON, n INT)""")

    def expected_row(self):
        return {
            'id': 1, 'i': -128, 'u': 18446744073709551615,
            'bi': -9223372036854775808,
            'd': '-12.34', 'f': 1.5, 'dbl': -0.125,
            's': 'héllo 😀', 'l': 'café',
            'b': b'\x00\xff\x01', 'bl': b'blob\x00',
            'e': 'medium', 'st': ['a', 'c'],
            'bit': 5, 'y': 2024,
            'dt': '2024-02-29 13:45:00.123456', 'dd': '2024-02-29',
            'tm': '-838:59:59', 'ts': '2024-02-29 13:45:00',
            'j': '{"k": [1, "ü"]}', 'n': None,
        }

    def test_insert_to_variant(self):
        start = server.position()
        server.sql("""
            SET time_zone = '+05:00';
            INSERT INTO pyt.v VALUES (1, -128, 18446744073709551615,
              -9223372036854775808, -12.34, 1.5, -0.125,
              'héllo 😀', 'café', x'00ff01', 'blob\\0', 'medium', 'c,a',
              b'0101', 2024, '2024-02-29 13:45:00.123456', '2024-02-29',
              '-838:59:59', '2024-02-29 18:45:00', '{"k": [1, "ü"]}', NULL);
            UPDATE pyt.v SET st = '', n = 7 WHERE id = 1;
            DELETE FROM pyt.v WHERE id = 1""")

        recorder = run(server.stream(start))
        signals = recorder.row_signals()
        self.assertEqual([s[0] for s in signals], ['insert', 'update', 'delete'])

        expected = self.expected_row()
        kind, table, values = signals[0]
        self.assertEqual(table, 'pyt.v')
        self.assertEqual(values, expected)
        for name, value in expected.items():
            self.assertIs(type(values[name]), type(value), name)

        kind, table, before, after = signals[1]
        self.assertEqual(before, expected)
        changed = dict(expected, st=[], n=7)
        self.assertEqual(after, changed)

        kind, table, values = signals[2]
        self.assertEqual(values, changed)

    def test_row_accessors(self):
        start = server.position()
        server.sql("""
            INSERT INTO pyt.v (id, i, u, d, s, b, e, st, n)
            VALUES (2, 7, 42, 1.50, 'x', x'0102', 'large', '', NULL)""")

        recorder = run(server.stream(start))
        self.assertEqual(len(recorder.rows), 1)
        # The row outlives the handler.
        row = recorder.rows[0]
        self.assertEqual(row.get_schema(), 'pyt')
        self.assertEqual(row.get_table(), 'v')
        self.assertEqual(row.get_n_columns(), 21)
        self.assertEqual(row.get_column_name(0), 'id')
        self.assertEqual(row.get_column_index('u'), 2)
        self.assertEqual(row.get_column_index('no-such-column'), -1)
        self.assertEqual(row.get_int64(0), 2)
        self.assertEqual(row.get_uint64(row.get_column_index('u')), 42)
        self.assertEqual(row.dup_string(row.get_column_index('d')), '1.50')
        self.assertEqual(row.get_bytes(row.get_column_index('b')).get_data(), b'\x01\x02')
        self.assertEqual(row.get_column_type(row.get_column_index('e')),
                         MysqlBinlog.ColumnType.ENUM)
        self.assertTrue(row.is_null(row.get_column_index('n')))
        self.assertIsNone(row.dup_string(row.get_column_index('n')))
        self.assertEqual(row.lookup('s').unpack(), 'x')
        self.assertEqual(row.lookup('st').unpack(), [])
        self.assertIsNone(row.lookup('n').unpack())
        self.assertIsNone(row.lookup('no-such-column'))
        self.assertEqual(row.get_value(1).unpack(), 7)
        self.assertEqual(row.to_variant().get_type_string(), 'a{sv}')
        self.assertEqual(bytes(row.to_variant().unpack()['b']), b'\x01\x02')


class TestStream(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        server.sql("""
            SET GLOBAL binlog_row_metadata = 'MINIMAL';
            CREATE DATABASE IF NOT EXISTS pyshop;
            CREATE TABLE pyshop.orders (id INT PRIMARY KEY, who VARCHAR(20));
            CREATE TABLE pyshop.items (id INT PRIMARY KEY, sku VARCHAR(20))""")

    def test_detailed_signal_and_positions(self):
        start = server.position()
        server.sql("""
            BEGIN;
            INSERT INTO pyshop.orders VALUES (1, 'ann'), (2, 'ben');
            INSERT INTO pyshop.items VALUES (1, 'apple');
            COMMIT;
            UPDATE pyshop.orders SET who = 'bob' WHERE id = 2""")
        end = server.position()

        stream = server.stream(start)
        orders = []
        stream.connect('rows-inserted::pyshop.orders',
                       lambda s, row: orders.append(row.to_variant().unpack()))
        recorder = run(stream)

        # Names come from information_schema here (binlog_row_metadata=MINIMAL).
        self.assertEqual(orders, [{'id': 1, 'who': 'ann'}, {'id': 2, 'who': 'ben'}])
        self.assertEqual(recorder.row_signals(), [
            ('insert', 'pyshop.orders', {'id': 1, 'who': 'ann'}),
            ('insert', 'pyshop.orders', {'id': 2, 'who': 'ben'}),
            ('insert', 'pyshop.items', {'id': 1, 'sku': 'apple'}),
            ('update', 'pyshop.orders', {'id': 2, 'who': 'ben'}, {'id': 2, 'who': 'bob'}),
        ])

        # No position inside the transaction; the last one is the end.
        kinds = [s[0] for s in recorder.signals]
        first_row = kinds.index('insert')
        self.assertEqual(kinds[first_row:first_row + 3], ['insert'] * 3)
        self.assertEqual(kinds[first_row + 3], 'position')
        positions = [s[1] for s in recorder.signals if s[0] == 'position']
        self.assertEqual(positions[-1], end.to_string())
        self.assertTrue(stream.get_position().equal(end))

    def test_filters(self):
        start = server.position()
        server.sql("""
            INSERT INTO pyshop.orders VALUES (10, 'x');
            INSERT INTO pyshop.items VALUES (10, 'y')""")
        recorder = run(server.stream(start, only_tables=['pyshop.it*']))
        self.assertEqual([s[1] for s in recorder.row_signals()], ['pyshop.items'])

        recorder = run(server.stream(start, ignored_tables=['pyshop.items']))
        self.assertEqual([s[1] for s in recorder.row_signals()], ['pyshop.orders'])

    def test_position_string(self):
        position = MysqlBinlog.Position.new('mariadb-bin.000001', 330)
        self.assertEqual(position.to_string(), 'mariadb-bin.000001:330')
        parsed = MysqlBinlog.Position.from_string('mariadb-bin.000001:330')
        self.assertTrue(parsed.equal(position))
        with self.assertRaises(GLib.Error) as cm:
            MysqlBinlog.Position.from_string('nonsense')
        self.assertTrue(cm.exception.matches(MysqlBinlog.error_quark(),
                                             MysqlBinlog.Error.INVALID_POSITION))

    def test_wrong_password(self):
        stream = server.stream(password='wrong')
        with self.assertRaises(GLib.Error) as cm:
            stream.run(None)
        self.assertTrue(cm.exception.matches(MysqlBinlog.error_quark(),
                                             MysqlBinlog.Error.ACCESS_DENIED))
        self.assertIn('denied', cm.exception.message.lower())

    def test_stop_from_handler(self):
        start = server.position()
        server.sql("""
            INSERT INTO pyshop.orders VALUES (20, 'a');
            INSERT INTO pyshop.orders VALUES (21, 'b')""")
        stream = server.stream(start)
        seen = []

        def on_inserted(stream, row):
            seen.append(row.get_int64(0))
            stream.stop()

        stream.connect('rows-inserted', on_inserted)
        self.assertTrue(stream.run(None))
        self.assertEqual(seen, [20])


if __name__ == '__main__':
    unittest.main(verbosity=2)
