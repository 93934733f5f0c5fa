#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The Python binding as a Python program uses it: rows as dicts with native
# values, every signal, filters, a position store written in Python and
# run_async under a GLib main loop.  Exits 77 (skipped) without gi or the
# typelib, like test_stream.py, whose throwaway server it shares.

import gc
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_stream  # noqa: E402  (exits 77 when gi or the typelib is missing)
from test_stream import GLib, MysqlBinlog  # noqa: E402

from gi.repository import Gio, GObject  # noqa: E402

HAS_STORE = hasattr(MysqlBinlog, 'PositionStore')
HAS_ASYNC = hasattr(MysqlBinlog.Stream, 'run_async')
NO_STORE = ('MysqlBinlog.PositionStore is not in this typelib '
            '(the position store is not built yet)')
NO_ASYNC = ('MysqlBinlog.Stream.run_async is not in this typelib '
            '(run_async is not built yet)')

server = None


def where(position):
    """FILE:OFFSET of a position, without the GTID it may also carry."""
    if isinstance(position, str):
        position = MysqlBinlog.Position.from_string(position)
    return '%s:%d' % (position.get_file(), position.get_offset())


def setUpModule():
    global server
    test_stream.setUpModule()
    server = test_stream.server


def tearDownModule():
    test_stream.tearDownModule()


EXPECTED = {
    'id': 1, 'i': -128, 'u': 18446744073709551615,
    'bi': -9223372036854775808,
    'd': '-12.34', 'f': 1.5, 'dbl': -0.125,
    's': 'héllo 😀', 'l': 'café',
    'b': b'\x00\xff\x01', 'bl': b'blob\x00', 'bn': b'ab\x00\x00',
    'e': 'medium', 'st': ['a', 'c'], 'st0': [],
    'bit': 5, 'y': 2024,
    'dt': '2024-02-29 13:45:00.123456', 'dd': '2024-02-29',
    'tm': '-838:59:59', 'ts': '2024-02-29 13:45:00',
    'j': '{"k": [1, "ü"]}', 'n': None, 'nb': None,
}


class TestRowAsDict(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        server.sql("""
            SET GLOBAL binlog_row_metadata = 'FULL';
            CREATE DATABASE IF NOT EXISTS pyb;
            CREATE TABLE pyb.v (
              id INT PRIMARY KEY,
              i TINYINT, u BIGINT UNSIGNED, bi BIGINT,
              d DECIMAL(10,2), f FLOAT, dbl DOUBLE,
              s VARCHAR(40) CHARACTER SET utf8mb4, l VARCHAR(10) CHARACTER SET latin1,
              b VARBINARY(10), bl BLOB, bn BINARY(4),
              e ENUM('small','medium','large'), st SET('a','b','c'), st0 SET('x','y'),
              bit BIT(4), y YEAR,
              dt DATETIME(6), dd DATE, tm TIME, ts TIMESTAMP NULL DEFAULT NULL,
              j JSON, n INT, nb BLOB)""")
        start = server.position()
        server.sql("""
            SET time_zone = '+05:00';
            INSERT INTO pyb.v VALUES (1, -128, 18446744073709551615,
              -9223372036854775808, -12.34, 1.5, -0.125,
              'héllo 😀', 'café', x'00ff01', 'blob\\0', 'ab', 'medium', 'c,a', '',
              b'0101', 2024, '2024-02-29 13:45:00.123456', '2024-02-29',
              '-838:59:59', '2024-02-29 18:45:00', '{"k": [1, "ü"]}', NULL, NULL)""")
        cls.rows = []
        stream = server.stream(start)
        stream.connect('rows-inserted', lambda s, row: cls.rows.append(row))
        assert stream.run(None)
        assert len(cls.rows) == 1
        cls.row = cls.rows[0]

    def test_to_dict(self):
        values = self.row.to_dict()
        self.assertEqual(values, EXPECTED)
        for name, value in EXPECTED.items():
            self.assertIs(type(values[name]), type(value), name)
        # Column order, as in the table.
        self.assertEqual(list(values), list(EXPECTED))

    def test_peek_bytes(self):
        row = self.row
        names = row.get_column_names()
        for name, stored in (('s', 'héllo 😀'.encode()), ('l', 'café'.encode('cp1252')),
                             ('b', b'\x00\xff\x01'), ('bl', b'blob\x00'),
                             ('bn', b'ab')):
            self.assertEqual(bytes(row.peek_bytes(names.index(name))), stored, name)
        # get_bytes pads BINARY(4); peek_bytes gives the logged bytes.
        self.assertEqual(row.get_bytes(names.index('bn')).get_data(), b'ab\x00\x00')
        # NULL values and other types: no bytes (None or empty, as the
        # binding converts a NULL array).
        for name in ('id', 'n', 'nb', 'dt'):
            self.assertFalse(row.peek_bytes(names.index(name)), name)

    def test_to_dict_matches_to_variant(self):
        values = self.row.to_variant().unpack()
        for name in ('b', 'bl', 'bn'):
            values[name] = bytes(values[name])
        self.assertEqual(self.row.to_dict(), values)

    def test_mapping(self):
        row = self.row
        self.assertEqual(len(row), len(EXPECTED))
        self.assertTrue(row)
        self.assertEqual(list(row), list(EXPECTED))
        self.assertEqual(row.keys(), list(EXPECTED))
        self.assertEqual(row['u'], 18446744073709551615)
        self.assertEqual(row['b'], b'\x00\xff\x01')
        self.assertEqual(row['st'], ['a', 'c'])
        self.assertIsNone(row['n'])
        self.assertEqual(row[0], 1)
        self.assertIsNone(row[-1])
        self.assertIn('dt', row)
        self.assertNotIn('nope', row)
        self.assertEqual(row.get('nope', 'default'), 'default')
        with self.assertRaises(KeyError):
            row['nope']
        with self.assertRaises(IndexError):
            row[len(EXPECTED)]
        self.assertEqual(dict(row.items()), EXPECTED)
        self.assertEqual(row.values(), list(EXPECTED.values()))
        self.assertIn("'u': 18446744073709551615", repr(row))

    def test_c_api_without_overrides(self):
        row = self.row
        names = row.get_column_names()
        self.assertEqual(names, list(EXPECTED))
        values = row.dup_values()
        self.assertEqual(len(values), len(EXPECTED))
        table = row.to_hash_table()
        self.assertEqual(sorted(table), sorted(EXPECTED))
        for i, name in enumerate(names):
            for value in (values[i], table[name], row.get_column_value(i)):
                if isinstance(value, GLib.Variant):
                    self.assertEqual(value.get_type_string(), 'ay', name)
                    value = value.get_data_as_bytes().get_data()
                self.assertEqual(value, EXPECTED[name], name)
        # Exact text for every type, for languages whose numbers are doubles.
        self.assertEqual(row.dup_string(names.index('u')), '18446744073709551615')
        self.assertEqual(row.dup_string(names.index('bi')), '-9223372036854775808')
        self.assertEqual(row.dup_string(names.index('d')), '-12.34')

    def test_values_outlive_the_row(self):
        values = [self.row.to_dict() for _ in range(50)]
        binaries = [self.row['b'] for _ in range(50)]
        self.assertEqual(values, [EXPECTED] * 50)
        self.assertEqual(binaries, [b'\x00\xff\x01'] * 50)


class TestSignals(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        server.sql("""
            SET GLOBAL binlog_row_metadata = 'FULL';
            CREATE DATABASE IF NOT EXISTS pys;
            CREATE DATABASE IF NOT EXISTS pyother;
            CREATE TABLE pys.orders (id INT PRIMARY KEY, who VARCHAR(20), total DECIMAL(8,2));
            CREATE TABLE pys.audit (id INT PRIMARY KEY, what VARCHAR(20));
            CREATE TABLE pyother.t (id INT PRIMARY KEY)""")

    def test_all_five_signals(self):
        start = server.position()
        server.sql("""
            BEGIN;
            INSERT INTO pys.orders VALUES (1, 'ann', 9.50);
            UPDATE pys.orders SET total = 10.00 WHERE id = 1;
            DELETE FROM pys.orders WHERE id = 1;
            COMMIT""")
        end = server.position()
        stream = server.stream(start)
        seen = []
        stream.connect('binlog', lambda s, event: seen.append(('binlog', event.get_event_type())))
        stream.connect('binlog-position',
                       lambda s, position: seen.append(('position', position.to_string())))
        stream.connect('rows-inserted', lambda s, row: seen.append(('insert', row.to_dict())))
        stream.connect('rows-updated',
                       lambda s, before, after: seen.append(('update', before.to_dict(),
                                                             after.to_dict())))
        stream.connect('rows-deleted', lambda s, row: seen.append(('delete', row.to_dict())))
        self.assertTrue(stream.run(None))

        rows = [s for s in seen if s[0] in ('insert', 'update', 'delete')]
        self.assertEqual(rows, [
            ('insert', {'id': 1, 'who': 'ann', 'total': '9.50'}),
            ('update', {'id': 1, 'who': 'ann', 'total': '9.50'},
             {'id': 1, 'who': 'ann', 'total': '10.00'}),
            ('delete', {'id': 1, 'who': 'ann', 'total': '10.00'}),
        ])
        events = [s[1] for s in seen if s[0] == 'binlog']
        for kind in (MysqlBinlog.EventType.TABLE_MAP, MysqlBinlog.EventType.WRITE_ROWS_V1,
                     MysqlBinlog.EventType.UPDATE_ROWS_V1, MysqlBinlog.EventType.DELETE_ROWS_V1,
                     MysqlBinlog.EventType.XID):
            self.assertIn(kind, events)
        # Each rows event comes before its rows; the position after the commit.
        kinds = [s[0] for s in seen]
        self.assertLess(kinds.index('binlog'), kinds.index('insert'))
        self.assertGreater(len(kinds) - 1 - kinds[::-1].index('position'),
                           kinds.index('delete'))
        self.assertEqual(where([s[1] for s in seen if s[0] == 'position'][-1]), where(end))

    def test_kept_rows_outlive_the_emission(self):
        # Rows, events and positions kept by handlers are read after run()
        # returned and after a second stream reused and freed its buffers.
        start = server.position()
        server.sql("""
            BEGIN;
            INSERT INTO pys.orders VALUES (2, 'bob', 1.25);
            UPDATE pys.orders SET who = 'eve' WHERE id = 2;
            DELETE FROM pys.orders WHERE id = 2;
            COMMIT""")
        end = server.position()
        kept = {'insert': [], 'update': [], 'delete': [], 'binlog': [], 'position': []}
        stream = server.stream(start)
        stream.connect('rows-inserted::pys.orders', lambda s, row: kept['insert'].append(row))
        stream.connect('rows-updated::pys.orders',
                       lambda s, before, after: kept['update'].append((before, after)))
        stream.connect('rows-deleted::pys.orders', lambda s, row: kept['delete'].append(row))
        stream.connect('binlog', lambda s, event: kept['binlog'].append(event))
        stream.connect('binlog-position', lambda s, position: kept['position'].append(position))
        self.assertTrue(stream.run(None))
        del stream
        gc.collect()
        server.sql("INSERT INTO pyother.t VALUES (77); DELETE FROM pyother.t WHERE id = 77")
        again = server.stream(end)
        again.connect('rows-inserted', lambda s, row: None)
        self.assertTrue(again.run(None))

        self.assertEqual([row.to_dict() for row in kept['insert']],
                         [{'id': 2, 'who': 'bob', 'total': '1.25'}])
        self.assertEqual([(b.to_dict(), a.to_dict()) for b, a in kept['update']],
                         [({'id': 2, 'who': 'bob', 'total': '1.25'},
                           {'id': 2, 'who': 'eve', 'total': '1.25'})])
        self.assertEqual([row['who'] for row in kept['delete']], ['eve'])
        self.assertIn(MysqlBinlog.EventType.XID,
                      [event.get_event_type() for event in kept['binlog']])
        self.assertEqual(where(kept['position'][-1]), where(end))

    def test_rows_kept_between_rows_not_kept(self):
        # One rows event of many rows: the rows a handler drops make room
        # for the next ones, the rows it keeps stay as they were.
        start = server.position()
        values = ', '.join("(%d, 'w%d', %d.25)" % (i, i, i) for i in range(100, 140))
        server.sql("INSERT INTO pys.orders VALUES %s; UPDATE pys.orders SET who = CONCAT(who, 'x') "
                   "WHERE id >= 100; DELETE FROM pys.orders WHERE id >= 100" % values)
        kept, befores, afters, read = [], [], [], []

        def on_inserted(s, row):
            read.append(row['id'])
            if row['id'] % 3 == 0:
                kept.append(row)

        def on_updated(s, before, after):
            if before['id'] % 2 == 0:
                befores.append(before)
            else:
                afters.append(after)

        stream = server.stream(start)
        stream.connect('rows-inserted::pys.orders', on_inserted)
        stream.connect('rows-updated::pys.orders', on_updated)
        stream.connect('rows-deleted::pys.orders', lambda s, row: read.append(-row['id']))
        self.assertTrue(stream.run(None))
        self.assertEqual(read, list(range(100, 140)) + [-i for i in range(100, 140)])
        self.assertEqual([row.to_dict() for row in kept],
                         [{'id': i, 'who': 'w%d' % i, 'total': '%d.25' % i}
                          for i in range(100, 140) if i % 3 == 0])
        self.assertEqual([(row['id'], row['who']) for row in befores],
                         [(i, 'w%d' % i) for i in range(100, 140, 2)])
        self.assertEqual([(row['id'], row['who']) for row in afters],
                         [(i, 'w%dx' % i) for i in range(101, 140, 2)])

    def test_detailed_signal(self):
        start = server.position()
        server.sql("""
            INSERT INTO pys.orders VALUES (2, 'bo', 1.00);
            INSERT INTO pys.audit VALUES (2, 'bo ordered');
            UPDATE pys.audit SET what = 'bo paid' WHERE id = 2;
            DELETE FROM pys.orders WHERE id = 2""")
        stream = server.stream(start)
        orders, audit = [], []
        stream.connect('rows-inserted::pys.orders', lambda s, row: orders.append(row['id']))
        stream.connect('rows-deleted::pys.orders', lambda s, row: orders.append(-row['id']))
        stream.connect('rows-updated::pys.audit',
                       lambda s, before, after: audit.append((before['what'], after['what'])))
        self.assertTrue(stream.run(None))
        self.assertEqual(orders, [2, -2])
        self.assertEqual(audit, [('bo ordered', 'bo paid')])

    def test_filters(self):
        start = server.position()
        server.sql("""
            INSERT INTO pys.orders VALUES (3, 'cy', 3.00);
            INSERT INTO pys.audit VALUES (3, 'x');
            INSERT INTO pyother.t VALUES (3)""")

        def tables(**filters):
            stream = server.stream(start, **filters)
            seen = []
            stream.connect('rows-inserted',
                           lambda s, row: seen.append(row.get_schema() + '.' + row.get_table()))
            self.assertTrue(stream.run(None))
            return seen

        self.assertEqual(tables(), ['pys.orders', 'pys.audit', 'pyother.t'])
        self.assertEqual(tables(only_schemas=['pyother']), ['pyother.t'])
        self.assertEqual(tables(ignored_schemas=['pyother']), ['pys.orders', 'pys.audit'])
        self.assertEqual(tables(only_tables=['pys.*']), ['pys.orders', 'pys.audit'])
        self.assertEqual(tables(ignored_tables=['*.audit', 'pyother.*']), ['pys.orders'])

    def test_handler_exception_fails_the_run(self):
        # The exception ends the run and run() raises it; nothing after it
        # is delivered (tests/python/test_handler_failure.py goes further).
        start = server.position()
        server.sql("INSERT INTO pys.orders VALUES (4, 'di', 4.00), (5, 'ed', 5.00)")
        stream = server.stream(start)
        seen = []

        def handler(s, row):
            seen.append(row['id'])
            raise RuntimeError('handler failure')

        stream.connect('rows-inserted::pys.orders', handler)
        with self.assertRaisesRegex(RuntimeError, '^handler failure$'):
            stream.run(None)
        self.assertEqual(seen, [4])


if HAS_STORE:
    class MemoryStore(GObject.Object, MysqlBinlog.PositionStore):
        """A position store written in Python: keeps the position in memory."""

        def __init__(self, position=None):
            super().__init__()
            self.position = position
            self.saved = []

        def do_load(self, cancellable):
            return self.position

        def do_save(self, position, cancellable):
            self.position = position
            self.saved.append(where(position))
            return True

    class FailingStore(GObject.Object, MysqlBinlog.PositionStore):
        def do_load(self, cancellable):
            raise GLib.Error('no disk', GLib.quark_to_string(GLib.file_error_quark()),
                             GLib.FileError.NOSPC)

        def do_save(self, position, cancellable):
            return True


class TestPositionStore(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        server.sql("""
            CREATE DATABASE IF NOT EXISTS pyrep;
            CREATE TABLE pyrep.t (id INT PRIMARY KEY)""")

    @unittest.skipUnless(HAS_STORE, NO_STORE)
    def test_python_store_keeps_positions_only(self):
        """A store that keeps positions only: the definitions are read
        afresh, and a row of a definition that changed since is given
        positionally, never under today's names."""
        server.sql('CREATE TABLE pyrep.s (id INT PRIMARY KEY, v INT)')
        start = server.position()
        server.sql('INSERT INTO pyrep.s VALUES (1, 10);'
                   'ALTER TABLE pyrep.s RENAME COLUMN v TO w;'
                   'INSERT INTO pyrep.s VALUES (2, 20)')
        store = MemoryStore(start)
        rows, changes = [], []
        stream = server.stream(None, position_store=store,
                               schema_unknown=MysqlBinlog.SchemaUnknown.POSITIONAL)
        stream.connect('rows-inserted::pyrep.s',
                       lambda s, row: rows.append(row.to_variant().unpack()))
        stream.connect('schema-changed::pyrep.s',
                       lambda s, table, statement: changes.append((table, statement)))
        self.assertTrue(stream.run(None))
        self.assertIn(rows[0], ({'@1': 1, '@2': 10}, {'id': 1, 'v': 10}))
        self.assertEqual(rows[1], {'id': 2, 'w': 20})
        self.assertEqual(changes, [('pyrep.s', 'ALTER TABLE pyrep.s RENAME COLUMN v TO w')])
        self.assertEqual(stream.props.schema_unknown, MysqlBinlog.SchemaUnknown.POSITIONAL)

    @unittest.skipUnless(HAS_STORE, NO_STORE)
    def test_python_store(self):
        start = server.position()
        server.sql('INSERT INTO pyrep.t VALUES (1); INSERT INTO pyrep.t VALUES (2)')
        end = server.position()
        store = MemoryStore(start)
        seen = []
        stream = server.stream(None, position_store=store)
        stream.connect('rows-inserted::pyrep.t', lambda s, row: seen.append(row['id']))
        self.assertTrue(stream.run(None))
        self.assertEqual(seen, [1, 2])
        self.assertEqual(store.saved[-1], where(end))

        # Resumes from the saved position: only the new rows.
        server.sql('INSERT INTO pyrep.t VALUES (3)')
        seen.clear()
        stream = server.stream(None, position_store=store)
        stream.connect('rows-inserted::pyrep.t', lambda s, row: seen.append(row['id']))
        self.assertTrue(stream.run(None))
        self.assertEqual(seen, [3])

    @unittest.skipUnless(HAS_STORE, NO_STORE)
    def test_python_store_error(self):
        stream = server.stream(None, position_store=FailingStore())
        with self.assertRaises(GLib.Error) as cm:
            stream.run(None)
        self.assertIn('no disk', cm.exception.message)

    @unittest.skipUnless(HAS_STORE, NO_STORE)
    def test_file_store(self):
        start = server.position()
        server.sql('INSERT INTO pyrep.t VALUES (10)')
        end = server.position()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, 'position')
            store = MysqlBinlog.FilePositionStore.new(Gio.File.new_for_path(path))
            self.assertIsNone(store.load(None))
            stream = server.stream(start, position_store=store)
            self.assertTrue(stream.run(None))
            self.assertEqual(where(store.load(None)), where(end))


class TestRunAsync(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        server.sql("""
            CREATE DATABASE IF NOT EXISTS pyasync;
            CREATE TABLE pyasync.t (id INT PRIMARY KEY, v VARCHAR(10))""")

    @unittest.skipUnless(HAS_ASYNC, NO_ASYNC)
    def test_run_async_main_loop(self):
        start = server.position()
        server.sql("INSERT INTO pyasync.t VALUES (1, 'a'), (2, 'b')")
        loop = GLib.MainLoop()
        stream = server.stream(start)
        seen, result = [], []

        def on_inserted(s, row):
            # Signals arrive on the loop's thread, through the loop.
            self.assertTrue(loop.is_running())
            seen.append(row.to_dict())

        def done(s, res):
            try:
                result.append(s.run_finish(res))
            except GLib.Error as e:
                result.append(e)
            loop.quit()

        stream.connect('rows-inserted::pyasync.t', on_inserted)
        stream.run_async(None, done)
        GLib.timeout_add_seconds(60, loop.quit)
        loop.run()
        self.assertEqual(result, [True])
        self.assertEqual(seen, [{'id': 1, 'v': 'a'}, {'id': 2, 'v': 'b'}])

    @unittest.skipUnless(HAS_ASYNC, NO_ASYNC)
    def test_run_async_stop_from_handler(self):
        start = server.position()
        server.sql("INSERT INTO pyasync.t VALUES (3, 'c'), (4, 'd')")
        loop = GLib.MainLoop()
        stream = server.stream(start, blocking=True)
        seen, result = [], []

        def on_inserted(s, row):
            seen.append(row['id'])
            s.stop()

        def done(s, res):
            result.append(s.run_finish(res))
            loop.quit()

        stream.connect('rows-inserted::pyasync.t', on_inserted)
        stream.run_async(None, done)
        GLib.timeout_add_seconds(60, loop.quit)
        loop.run()
        self.assertEqual(result, [True])
        self.assertEqual(seen, [3])


if __name__ == '__main__':
    unittest.main(verbosity=2)
