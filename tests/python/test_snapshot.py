#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Snapshots through the Python binding: rows-read detailed by table with
# snapshot-started/-finished around it, the same values as rows-inserted
# of the same rows, snapshot_table() asked from a handler of a running
# stream, its errors as GLib.Error, run_async() on a main loop, and a
# table without a key whose changes during the snapshot come once.
# Exits 77 (skipped) without gi or the typelib, like test_stream.py,
# whose throwaway server it shares.

import collections
import os
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_stream  # noqa: E402  (exits 77 when gi or the typelib is missing)
from test_stream import GLib, MysqlBinlog  # noqa: E402

server = None


def setUpModule():
    global server
    test_stream.setUpModule()
    server = test_stream.server


def tearDownModule():
    test_stream.tearDownModule()


def values(row):
    return [row.get_value(i) for i in range(row.get_n_columns())]


def texts(row):
    return [row.dup_string(i) for i in range(row.get_n_columns())]


class TestSnapshot(unittest.TestCase):

    def setUp(self):
        server.sql('DROP DATABASE IF EXISTS pysnap; CREATE DATABASE pysnap;'
                   'CREATE TABLE pysnap.t (id INT PRIMARY KEY, d DECIMAL(8,3),'
                   ' ts TIMESTAMP(3) NULL, s VARCHAR(20), e ENUM("x","y"));'
                   'CREATE TABLE pysnap.other (id INT PRIMARY KEY)')
        self.start = server.position()
        server.sql("INSERT INTO pysnap.t VALUES (1, -1.5, '2024-05-06 07:08:09.123',"
                   " 'ünï', 'y'), (2, NULL, NULL, '', 'x'), (3, 99999.999,"
                   " '2001-01-01 00:00:00', 'three', NULL);"
                   'INSERT INTO pysnap.other VALUES (1), (2)')

    def test_initial_only(self):
        live = server.stream(self.start)
        inserted = []
        live.connect('rows-inserted::pysnap.t', lambda s, row: inserted.append(row))
        live.run(None)

        stream = server.stream(snapshot=MysqlBinlog.SnapshotMode.INITIAL_ONLY,
                               snapshot_chunk_size=2)
        events = []
        read = []
        stream.connect('rows-read::pysnap.t', lambda s, row: read.append(row))
        stream.connect('snapshot-started', lambda s, t: events.append(('started', t)))
        stream.connect('snapshot-finished', lambda s, t, n: events.append(('finished', t, n)))
        self.assertTrue(stream.run(None))

        # Only the table a handler named.
        self.assertEqual(events, [('started', 'pysnap.t'), ('finished', 'pysnap.t', 3)])
        self.assertEqual([values(r) for r in read], [values(r) for r in inserted])
        self.assertEqual([texts(r) for r in read], [texts(r) for r in inserted])
        self.assertEqual(read[0].dup_string(3), 'ünï')
        self.assertEqual(read[0].get_primary_key(), ['id'])

    def test_snapshot_table_from_handler(self):
        # Blocking: the handlers of run() run while the reading goes on,
        # so a non-blocking run may have ended by then (see
        # test_request_at_the_end_of_run_async).
        stream = server.stream(self.start, blocking=True)
        stream.connect('snapshot-finished', lambda s, t, n: s.stop())
        read = []
        asked = []

        def on_position(s, position):
            if not asked:
                asked.append(s.snapshot_table('pysnap.other'))

        stream.connect('binlog-position', on_position)
        stream.connect('rows-read', lambda s, row: read.append(
            (row.get_table(), row.get_value(0).unpack())))
        stream.run(None)
        self.assertEqual(asked, [True])
        self.assertEqual(read, [('other', 1), ('other', 2)])

    def test_keyless_changes_once(self):
        # pysnap.z has no key: it is read in one pass after pysnap.t, while
        # a writer changes it; its changes before its read are in that
        # read, not also delivered.  A multiset mirror equals the table.
        server.sql('CREATE TABLE pysnap.z (a INT, b VARCHAR(5));'
                   "INSERT INTO pysnap.z VALUES (1, 'a'), (1, 'a'), (2, 'b');"
                   'INSERT INTO pysnap.t (id) SELECT seq FROM pysnap.seq_10_to_3000')
        stop = threading.Event()
        statements = ["INSERT INTO pysnap.z VALUES (1, 'd')",
                      "INSERT INTO pysnap.z VALUES (1, 'd'), (3, 'e')",
                      'DELETE FROM pysnap.z WHERE a = 1 LIMIT 1',
                      "UPDATE pysnap.z SET b = 'u' WHERE b = 'd' LIMIT 1"]

        def write():
            i = 0
            while not stop.is_set():
                server.sql(statements[i % len(statements)])
                i += 1
                time.sleep(0.002)

        mirror = collections.Counter()
        started = []

        def add(s, row):
            mirror[tuple(texts(row))] += 1

        def remove(s, row):
            mirror[tuple(texts(row))] -= 1

        def connect(stream):
            stream.connect('rows-read::pysnap.z', add)
            stream.connect('rows-inserted::pysnap.z', add)
            stream.connect('rows-deleted::pysnap.z', remove)
            stream.connect('rows-updated::pysnap.z',
                           lambda s, before, after: (remove(s, before), add(s, after)))

        def on_finished(s, table, n_rows):
            if table == 'pysnap.z':
                s.stop()

        stream = server.stream(snapshot=MysqlBinlog.SnapshotMode.INITIAL,
                               snapshot_chunk_size=500, blocking=True)
        connect(stream)
        stream.connect('rows-read::pysnap.t', lambda s, row: None)
        stream.connect('snapshot-started', lambda s, t: started.append(t))
        stream.connect('snapshot-finished', on_finished)
        writer = threading.Thread(target=write)
        writer.start()
        try:
            self.assertTrue(stream.run(None))
            time.sleep(0.05)
        finally:
            stop.set()
            writer.join()
        self.assertEqual(started, ['pysnap.t', 'pysnap.z'])
        rest = server.stream(stream.get_position())
        connect(rest)
        self.assertTrue(rest.run(None))
        expected = collections.Counter(tuple(r) for r in server.sql('SELECT a, b FROM pysnap.z'))
        self.assertEqual(+mirror, expected)
        self.assertEqual(-mirror, collections.Counter())

    def test_dotted_names(self):
        # pysnapd.`a.b` and `pysnapd.a`.b are two tables, never one
        server.sql('DROP DATABASE IF EXISTS pysnapd; DROP DATABASE IF EXISTS `pysnapd.a`;'
                   'CREATE DATABASE pysnapd; CREATE DATABASE `pysnapd.a`;'
                   'CREATE TABLE pysnapd.`a.b` (id INT PRIMARY KEY, n INT);'
                   'CREATE TABLE `pysnapd.a`.b (k INT PRIMARY KEY, name INT);'
                   'INSERT INTO pysnapd.`a.b` VALUES (1, 10);'
                   'INSERT INTO `pysnapd.a`.b VALUES (2, 20)')
        stream = server.stream(snapshot=MysqlBinlog.SnapshotMode.INITIAL_ONLY)
        events = []
        read = []
        stream.connect('rows-read::pysnapd.`a.b`',
                       lambda s, row: read.append(row.to_variant().unpack()))
        stream.connect('snapshot-started', lambda s, t: events.append(('started', t)))
        stream.connect('snapshot-finished', lambda s, t, n: events.append(('finished', t, n)))
        self.assertTrue(stream.run(None))
        self.assertEqual(events, [('started', 'pysnapd.`a.b`'),
                                  ('finished', 'pysnapd.`a.b`', 1)])
        self.assertEqual(read, [{'id': 1, 'n': 10}])

        stream = server.stream(server.position(), blocking=True)
        stream.connect('snapshot-finished', lambda s, t, n: s.stop())
        read = []
        asked = []

        def on_position(s, position):
            if not asked:
                # a name that reads two ways is refused, not taken for one
                try:
                    s.snapshot_table('pysnapd.a.b')
                except GLib.Error as e:
                    asked.append(e.matches(MysqlBinlog.error_quark(),
                                           MysqlBinlog.Error.INVALID_ARGUMENT))
                asked.append(s.snapshot_table('`pysnapd.a`.b'))

        stream.connect('binlog-position', on_position)
        stream.connect('rows-read', lambda s, row: read.append(
            (row.get_schema(), row.get_table(), row.to_variant().unpack())))
        server.sql('INSERT INTO pysnap.other VALUES (3)')
        stream.run(None)
        self.assertEqual(asked, [True, True])
        self.assertEqual(read, [('pysnapd.a', 'b', {'k': 2, 'name': 20})])

    def test_errors(self):
        stream = server.stream()
        with self.assertRaises(GLib.Error) as caught:
            stream.snapshot_table('pysnap.t')
        self.assertTrue(caught.exception.matches(MysqlBinlog.error_quark(),
                                                 MysqlBinlog.Error.INVALID_ARGUMENT))

    def test_run_async(self):
        stream = server.stream(snapshot=MysqlBinlog.SnapshotMode.INITIAL_ONLY)
        loop = GLib.MainLoop()
        read = []
        result = []
        stream.connect('rows-read::pysnap.t', lambda s, row: read.append(row.get_value(0).unpack()))

        def done(s, res):
            result.append(s.run_finish(res))
            loop.quit()

        stream.run_async(None, done)
        loop.run()
        self.assertEqual(result, [True])
        self.assertEqual(read, [1, 2, 3])

    def test_request_at_the_end_of_run_async(self):
        # The handlers of run_async() run while the reading goes on: a
        # request at the last position of a non-blocking run is either
        # read or refused, never accepted and dropped.
        stream = server.stream(self.start)
        loop = GLib.MainLoop()
        outcome = []
        read = []

        def on_position(s, position):
            if outcome:
                return
            try:
                outcome.append(s.snapshot_table('pysnap.other'))
            except GLib.Error as e:
                outcome.append(e.code)

        stream.connect('binlog-position', on_position)
        stream.connect('rows-read', lambda s, row: read.append(row.get_value(0).unpack()))
        stream.run_async(None, lambda s, res: (s.run_finish(res), loop.quit()))
        loop.run()
        self.assertEqual(len(outcome), 1)
        if outcome[0] is True:
            self.assertEqual(read, [1, 2])
        else:
            self.assertEqual(outcome[0], MysqlBinlog.Error.INVALID_ARGUMENT)
            self.assertEqual(read, [])


if __name__ == '__main__':
    unittest.main()
