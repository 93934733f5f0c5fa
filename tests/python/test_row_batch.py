#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Rows delivered a rows event at a time (the *-batch signals, RowBatch and
# the overrides' stream.on_rows()): every value equals Row.to_dict()'s and
# to_variant().unpack()'s for every column type, from the server and from
# the file; the batches keep their place among the other signals, fail a
# run as row handlers do and follow filters and details.  Exits 77
# (skipped) without gi or the typelib, like test_stream.py, whose
# throwaway server it shares.

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_stream  # noqa: E402  (exits 77 when gi or the typelib is missing)
from test_stream import GLib, MysqlBinlog, unpack  # noqa: E402

from gi.repository import Gio  # noqa: E402

server = None


def setUpModule():
    global server
    test_stream.setUpModule()
    server = test_stream.server


def tearDownModule():
    test_stream.tearDownModule()


# Every column type MariaDB writes, NULL in some rows; the rows of one
# statement are one rows event.
TABLE = """
    CREATE TABLE {db}.v (
      id INT PRIMARY KEY,
      i TINYINT, iu TINYINT UNSIGNED, sm SMALLINT, smu SMALLINT UNSIGNED,
      md MEDIUMINT, mdu MEDIUMINT UNSIGNED, n INT, nu INT UNSIGNED,
      bi BIGINT, bu BIGINT UNSIGNED,
      d DECIMAL(10,2), d0 DECIMAL(30,10), f FLOAT, dbl DOUBLE,
      s VARCHAR(40) CHARACTER SET utf8mb4, l VARCHAR(10) CHARACTER SET latin1,
      c CHAR(4), tx TEXT, b VARBINARY(10), bl BLOB, bn BINARY(4),
      e ENUM('small','medium','large'), st SET('a','b','c'),
      st9 SET('a','b','c','d','e','f','g','h','i'),
      bit BIT(4), bit64 BIT(64), y YEAR,
      dt DATETIME(6), dt0 DATETIME, dd DATE, tm TIME, tm3 TIME(3),
      ts TIMESTAMP NULL DEFAULT NULL, ts6 TIMESTAMP(6) NULL DEFAULT NULL,
      j JSON, g GEOMETRY, nn INT)"""

INSERT = """
    SET time_zone = '+00:00';
    INSERT INTO {db}.v VALUES
     (1, -128, 255, -32768, 65535, -8388608, 16777215, -2147483648, 4294967295,
      -9223372036854775808, 18446744073709551615,
      -12.34, 12345678901234567890.0123456789, 1.5, -0.125,
      'héllo 😀', 'café', 'ab', 'text', x'00ff01', 'blob\\0', 'ab',
      'medium', 'c,a', 'a,i', b'0101', b'1111111111111111111111111111111111111111111111111111111111111111', 2024,
      '2024-02-29 13:45:00.123456', '2024-02-29 13:45:00', '2024-02-29',
      '-838:59:59', '12:00:00.5', '2024-02-29 18:45:00', '2024-02-29 18:45:00.000001',
      '{{"k": [1, "ü"]}}', ST_GeomFromText('POINT(1 2)'), NULL),
     (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
      NULL, NULL, NULL),
     (3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '', '', '', '', '', '', '',
      'small', '', '', 0, 0, 1901, '1000-01-01 00:00:00', '0000-00-00 00:00:00',
      '0000-00-00', '00:00:00', '00:00:00', '1970-01-01 00:00:01', NULL,
      '[]', NULL, 7),
     (4, 100, 1, 1, 1, 1, 1, 1, 1, 1, 1, 99999999.99, -1.5, -3.25, 1e300,
      'x', 'y', 'abcd', REPEAT('t', 300), x'01', x'02', x'03',
      'large', 'a,b,c', 'a,b,c,d,e,f,g,h,i', b'1', 1, 2155,
      '9999-12-31 23:59:59.999999', '9999-12-31 23:59:59', '9999-12-31',
      '838:59:59', '-00:00:00.001', '2038-01-19 03:14:07', NULL,
      '{{"a": null}}', NULL, NULL);
    UPDATE {db}.v SET i = i + 1, s = CONCAT('u', id), nn = NULL, e = 'small'
      WHERE id IN (1, 3, 4);
    UPDATE {db}.v SET i = 5 WHERE id = 2;
    DELETE FROM {db}.v WHERE id IN (2, 4)"""


def write(db, image='FULL'):
    """Writes the workload into a binlog file of its own; returns its start
    and the file's path."""
    server.sql('FLUSH BINARY LOGS')
    start = server.position()
    server.sql("SET GLOBAL binlog_row_metadata = 'FULL';"
               "SET SESSION binlog_row_image = '%s';" % image
               + 'CREATE DATABASE %s;' % db + TABLE.format(db=db) + ';'
               + INSERT.format(db=db))
    server.sql('FLUSH BINARY LOGS')
    return start, os.path.join(server.dir, 'binlog', start.get_file())


class Recorder:
    """The rows through the row signals (to_dict() and to_variant()) and
    through on_rows(), and every signal's place."""

    def __init__(self, stream, detail=None):
        self.order = []
        self.per_row = {'rows-inserted': [], 'rows-updated': [], 'rows-deleted': []}
        self.variants = {'rows-inserted': [], 'rows-updated': [], 'rows-deleted': []}
        self.batched = {'rows-inserted': [], 'rows-updated': [], 'rows-deleted': []}
        self.batches = []
        suffix = '' if detail is None else '::' + detail
        for signal in ('rows-inserted', 'rows-deleted'):
            stream.connect(signal + suffix, self.on_row, signal)
        stream.connect('rows-updated' + suffix, self.on_update)
        for signal in self.batched:
            stream.on_rows(signal, detail)(self.make_on_rows(signal))
            stream.connect(signal + '-batch' + suffix, self.on_batch)
        stream.connect('binlog-position', lambda s, p: self.order.append('position'))
        stream.connect('binlog', self.on_event)

    def on_row(self, stream, row, signal):
        self.order.append('row')
        self.per_row[signal].append(row.to_dict())
        self.variants[signal].append(unpack(row))

    def on_update(self, stream, before, after):
        self.order.append('row')
        self.per_row['rows-updated'].append((before.to_dict(), after.to_dict()))
        self.variants['rows-updated'].append((unpack(before), unpack(after)))

    def make_on_rows(self, signal):
        def on_rows(stream, rows):
            self.order.append('batch')
            self.batched[signal].extend(rows)
        return on_rows

    def on_batch(self, stream, batch):
        self.batches.append(batch)

    def on_event(self, stream, event):
        if event.get_event_type() in ROWS_EVENTS:
            self.order.append('event')


ROWS_EVENTS = (MysqlBinlog.EventType.WRITE_ROWS, MysqlBinlog.EventType.UPDATE_ROWS,
               MysqlBinlog.EventType.DELETE_ROWS, MysqlBinlog.EventType.WRITE_ROWS_V1,
               MysqlBinlog.EventType.UPDATE_ROWS_V1, MysqlBinlog.EventType.DELETE_ROWS_V1)


def types(values):
    if isinstance(values, tuple):
        return tuple(types(v) for v in values)
    return {name: type(value) for name, value in values.items()}


class TestValues(unittest.TestCase):

    def check(self, stream, minimal=False):
        recorder = Recorder(stream)
        self.assertIs(stream.run(None), True)
        for signal in recorder.batched:
            per_row = recorder.per_row[signal]
            batched = recorder.batched[signal]
            self.assertTrue(per_row, signal)
            self.assertEqual(batched, per_row, signal)
            self.assertEqual([types(r) for r in batched], [types(r) for r in per_row], signal)
            self.assertEqual(batched, recorder.variants[signal], signal)
            # column order too
            for a, b in zip(batched, per_row):
                for x, y in zip(a if isinstance(a, tuple) else (a,),
                                b if isinstance(b, tuple) else (b,)):
                    self.assertEqual(list(x), list(y))
        self.assertEqual(len(recorder.batched['rows-inserted']), 4)
        self.assertEqual(len(recorder.batched['rows-updated']), 4)
        self.assertEqual(len(recorder.batched['rows-deleted']), 2)
        inserted = recorder.batched['rows-inserted']
        if not minimal:
            self.assertEqual(inserted[0]['bu'], 18446744073709551615)
            self.assertEqual(inserted[0]['bi'], -9223372036854775808)
            self.assertEqual(inserted[0]['bit64'], 18446744073709551615)
            self.assertEqual(inserted[0]['d0'], '12345678901234567890.0123456789')
            self.assertEqual(inserted[0]['b'], b'\x00\xff\x01')
            self.assertEqual(inserted[0]['st9'], ['a', 'i'])
            self.assertEqual(inserted[0]['ts'], '2024-02-29 18:45:00')
            self.assertEqual(inserted[1], dict({k: None for k in inserted[1]}, id=2))
            self.assertEqual(inserted[2]['dd'], '0000-00-00')
            self.assertEqual(inserted[3]['dbl'], 1e300)
            self.assertEqual(inserted[3]['tx'], 't' * 300)
        # one batch per rows event, its rows in order
        self.assertEqual([len(b) for b in recorder.batches], [4, 3, 1, 2])
        return recorder

    def test_server(self):
        start, path = write('pyrbs')
        self.check(test_stream.server.stream(start, only_schemas=['pyrbs']))

    def test_file(self):
        start, path = write('pyrbf')
        self.check(MysqlBinlog.Stream.new_for_file(Gio.File.new_for_path(path)))

    def test_minimal_images(self):
        start, path = write('pyrbm', image='MINIMAL')
        recorder = self.check(test_stream.server.stream(start, only_schemas=['pyrbm']),
                              minimal=True)
        before, after = recorder.batched['rows-updated'][0]
        self.assertEqual(before, {'id': 1})
        self.assertEqual(after, {'i': -127, 's': 'u1', 'e': 'small', 'nn': None})

    def test_batch_accessors(self):
        start, path = write('pyrba')
        batches = []
        stream = MysqlBinlog.Stream.new_for_file(Gio.File.new_for_path(path))
        stream.connect('rows-inserted-batch', lambda s, b: batches.append(b))
        stream.connect('rows-updated-batch', lambda s, b: batches.append(b))
        self.assertIs(stream.run(None), True)
        batch = batches[0]
        self.assertEqual((batch.get_schema(), batch.get_table()), ('pyrba', 'v'))
        self.assertEqual(len(batch), 4)
        self.assertFalse(batch.has_after())
        self.assertIsNone(batch.get_after(0))
        self.assertEqual([row['id'] for row in batch], [1, 2, 3, 4])
        self.assertEqual(batch[-1]['id'], 4)
        self.assertEqual([r['id'] for r in batch[1:3]], [2, 3])
        with self.assertRaises(IndexError):
            batch[4]
        row = batch.get_row(0)
        names = row.get_column_names()
        kinds = row.get_column_type_strings()
        self.assertEqual(kinds, [row.get_column_type_string(i) for i in range(len(names))])
        for i, kind in enumerate(kinds):
            value = row.get_value(i)
            if not row.is_null(i):
                self.assertEqual(value.get_type_string(), kind, names[i])
        self.assertEqual(kinds[names.index('g')], 'ay')
        self.assertEqual(kinds[names.index('st')], 'as')
        self.assertEqual(kinds[names.index('bu')], 't')
        self.assertEqual(batch.get_int64_column(False, names.index('n')),
                         [-2147483648, 0, 0, 1])
        self.assertEqual(batch.get_uint64_column(False, names.index('bu')),
                         [18446744073709551615, 0, 0, 1])
        self.assertEqual(batch.get_double_column(False, names.index('dbl')),
                         [-0.125, 0.0, 0.0, 1e300])
        self.assertEqual(batch.dup_string_column(False, names.index('s')),
                         ['héllo 😀', None, '', 'x'])
        nulls = batch.get_nulls(False)
        self.assertEqual(len(nulls), 4 * len(names))
        self.assertEqual([nulls[len(names) + i] for i in range(len(names))],
                         [0] + [1] * (len(names) - 1))
        data, any_null = batch.dup_numbers(False)
        self.assertTrue(any_null)
        self.assertEqual(len(data), 8 * 4 * kinds.count('x') + 8 * 4 * kinds.count('t')
                         + 8 * 4 * kinds.count('d'))
        strings = batch.get_strings(False)
        self.assertEqual(len(strings), 4 * kinds.count('s'))
        self.assertEqual(strings[:4], ['-12.34', None, '0.00', '99999999.99'])
        self.assertEqual(batch.get_strings(False), strings)  # made once, kept
        update = batches[1]
        self.assertTrue(update.has_after())
        self.assertEqual([r['id'] for r in update.get_rows(True)], [1, 3, 4])
        self.assertEqual(update.get_after(1)['s'], 'u3')
        self.assertEqual(update.to_dicts(after=True)[0]['i'], -127)
        with self.assertRaises(ValueError):
            batch.to_dicts(after=True)


FIXTURES = os.environ.get('MYSQL_BINLOG_FIXTURES_DIR') or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'fixtures',
    'mysql-binlogs')


@unittest.skipUnless(os.path.isdir(FIXTURES),
                     'the binlog fixtures are missing: no %s (set MYSQL_BINLOG_FIXTURES_DIR)'
                     % FIXTURES)
class TestFixtures(unittest.TestCase):
    """The MySQL and MariaDB files of the fixtures, MySQL's binary JSON and
    partial JSON updates among them: the same values every way."""

    def test_every_fixture(self):
        compared = 0
        for name in sorted(os.listdir(FIXTURES)):
            path = os.path.join(FIXTURES, name)
            stream = MysqlBinlog.Stream.new_for_file(Gio.File.new_for_path(path))
            stream.props.schema_unknown = MysqlBinlog.SchemaUnknown.POSITIONAL
            recorder = Recorder(stream)
            try:
                stream.run(None)
            except GLib.Error:
                pass  # the damaged files: what came before the damage
            for signal in recorder.batched:
                per_row = recorder.per_row[signal]
                self.assertEqual(recorder.batched[signal], per_row, (name, signal))
                self.assertEqual(per_row, recorder.variants[signal], (name, signal))
                self.assertEqual([types(r) for r in recorder.batched[signal]],
                                 [types(r) for r in per_row], (name, signal))
                compared += len(per_row)
        self.assertGreater(compared, 50)


class TestDelivery(unittest.TestCase):

    def test_order_with_the_other_signals(self):
        start, path = write('pyrbo')
        for stream in (test_stream.server.stream(start, only_schemas=['pyrbo']),
                       MysqlBinlog.Stream.new_for_file(Gio.File.new_for_path(path))):
            recorder = Recorder(stream, 'pyrbo.v')
            self.assertIs(stream.run(None), True)
            # each event: the event, its rows, its batch; then the
            # position after the transaction
            order = recorder.order
            first = order.index('event')
            expected = (['event'] + ['row'] * 4 + ['batch', 'position']
                        + ['event'] + ['row'] * 3 + ['batch', 'position']
                        + ['event', 'row', 'batch', 'position']
                        + ['event'] + ['row'] * 2 + ['batch', 'position'])
            self.assertEqual(order[first:first + len(expected)], expected)
            self.assertNotIn('row', order[first + len(expected):])
            # rows counted once
            self.assertEqual(stream.props.rows_delivered, 10)

    def test_batches_alone(self):
        start, path = write('pyrbb')
        stream = MysqlBinlog.Stream.new_for_file(Gio.File.new_for_path(path))
        seen = []
        stream.on_rows('rows-inserted')(lambda s, rows: seen.append([r['id'] for r in rows]))
        stream.on_rows('rows-deleted')(lambda s, rows: seen.append([r['id'] for r in rows]))
        self.assertIs(stream.run(None), True)
        self.assertEqual(seen, [[1, 2, 3, 4], [2, 4]])
        self.assertEqual(stream.props.rows_delivered, 6)

    def test_detail_and_filters(self):
        server.sql('CREATE DATABASE IF NOT EXISTS pyrbd;'
                   'CREATE TABLE pyrbd.a (id INT PRIMARY KEY);'
                   'CREATE TABLE pyrbd.b (id INT PRIMARY KEY)')
        start = server.position()
        server.sql('INSERT INTO pyrbd.a VALUES (1), (2); INSERT INTO pyrbd.b VALUES (3)')

        stream = server.stream(start)
        seen = []
        stream.on_rows('rows-inserted', 'pyrbd.b')(lambda s, rows: seen.extend(rows))
        self.assertIs(stream.run(None), True)
        self.assertEqual(seen, [{'id': 3}])

        stream = server.stream(start, ignored_tables=['pyrbd.a'])
        seen = []
        stream.on_rows('rows-inserted')(lambda s, rows: seen.extend(rows))
        self.assertIs(stream.run(None), True)
        self.assertEqual(seen, [{'id': 3}])

        # disconnect_by_func() finds the function on_rows() connected
        stream = server.stream(start)
        seen = []

        def on_rows(s, rows):
            seen.extend(rows)

        stream.on_rows('rows-inserted')(on_rows)
        stream.disconnect_by_func(on_rows)
        self.assertIs(stream.run(None), True)
        self.assertEqual(seen, [])

        with self.assertRaises(ValueError):
            stream.on_rows('rows-read')

    def test_exception_fails_the_run(self):
        server.sql('CREATE DATABASE IF NOT EXISTS pyrbx;'
                   'CREATE TABLE pyrbx.t (id INT PRIMARY KEY)')
        start = server.position()
        after = []
        for t in range(3):
            server.sql('INSERT INTO pyrbx.t VALUES (%d), (%d)' % (2 * t + 1, 2 * t + 2))
            after.append(server.position().to_string())
        directory = tempfile.TemporaryDirectory(prefix='mysqlbinlog-pyrb-')
        self.addCleanup(directory.cleanup)
        store = MysqlBinlog.FilePositionStore.new(
            Gio.File.new_for_path(os.path.join(directory.name, 'position')))

        def run(fail_on):
            stream = server.stream(start, position_store=store)
            seen = []
            positions = []

            @stream.on_rows('rows-inserted', 'pyrbx.t')
            def on_rows(stream, rows):
                seen.append([r['id'] for r in rows])
                if rows[0]['id'] == fail_on:
                    raise ValueError('cannot store rows from %d' % fail_on)

            stream.connect('binlog-position', lambda s, p: positions.append(p.to_string()))
            return stream, seen, positions

        stream, seen, positions = run(3)
        with self.assertRaisesRegex(ValueError, 'cannot store rows from 3'):
            stream.run(None)
        self.assertEqual(seen, [[1, 2], [3, 4]])
        self.assertEqual(positions, [after[0]])
        self.assertEqual(store.load(None).to_string(), after[0])

        # the restart delivers the failed transaction again
        stream, seen, positions = run(None)
        self.assertIs(stream.run(None), True)
        self.assertEqual(seen, [[3, 4], [5, 6]])
        self.assertEqual(store.load(None).to_string(), after[2])

    def test_fail_from_a_batch_handler(self):
        start, path = write('pyrbq')
        stream = MysqlBinlog.Stream.new_for_file(Gio.File.new_for_path(path))
        seen = []

        def on_batch(stream, batch):
            seen.append(len(batch))
            stream.fail(GLib.Error('stop here', 'mysql-binlog-error-quark',
                                   MysqlBinlog.Error.FAILED))

        stream.connect('rows-inserted-batch', on_batch)
        stream.connect('rows-updated-batch', on_batch)
        with self.assertRaisesRegex(GLib.Error, 'stop here'):
            stream.run(None)
        self.assertEqual(seen, [4])

    def test_run_async(self):
        start, path = write('pyrbr')
        stream = server.stream(start, only_schemas=['pyrbr'])
        recorder = Recorder(stream)
        loop = GLib.MainLoop()
        results = []

        def done(stream, result):
            results.append(stream.run_finish(result))
            loop.quit()

        stream.run_async(None, done)
        loop.run()
        self.assertEqual(results, [True])
        self.assertEqual(recorder.batched['rows-inserted'], recorder.per_row['rows-inserted'])
        self.assertEqual(recorder.batched['rows-updated'], recorder.per_row['rows-updated'])
        self.assertEqual([len(b) for b in recorder.batches], [4, 3, 1, 2])


if __name__ == '__main__':
    unittest.main(verbosity=2)
