#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# MysqlBinlog.TableModel through PyGObject against a throwaway server: the
# model equals SELECT * after a random workload, its items-changed replayed
# on a list stays equal to it (and a Gtk.SortListModel on top stays sorted,
# when GTK 4 is there), and the Stream.on() decorator and
# Row.changed_columns().  Exits 77 (skipped) without gi or the typelib,
# like test_stream.py, whose throwaway server it shares.

import os
import random
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_stream  # noqa: E402  (exits 77 when gi or the typelib is missing)
from test_stream import MysqlBinlog  # noqa: E402

from gi.repository import GLib  # noqa: E402

try:
    import gi
    gi.require_version('Gtk', '4.0')
    from gi.repository import Gtk
except (ImportError, ValueError):
    Gtk = None

server = None


def setUpModule():
    global server
    test_stream.setUpModule()
    server = test_stream.server
    server.sql('CREATE DATABASE pymodel')


def tearDownModule():
    test_stream.tearDownModule()


def text(value):
    return '\\N' if value is None else str(value)


def key_of(record):
    return int(record.get_value('id').unpack())


class Shadow:
    """A list kept by items-changed alone: the records with their keys as
    they were when reported.  An exception in a handler of the model would
    only be printed, so mismatches are collected."""

    def __init__(self, model):
        self.items = []
        self.mismatches = []
        model.connect('items-changed', self.on_items_changed)

    def on_items_changed(self, model, position, removed, added):
        if position + removed > len(self.items):
            self.mismatches.append(('out of range', position, removed, len(self.items)))
        self.items[position:position + removed] = [
            (model.get_item(position + i), key_of(model.get_item(position + i)))
            for i in range(added)]
        current = [(r, key_of(r)) for r in model]
        if self.items != current:
            self.mismatches.append((position, removed, added))


class TestTableModel(unittest.TestCase):

    def workload(self, table, seed, n_ops=120):
        rand = random.Random(seed)
        ids = []
        next_id = 1
        for _ in range(n_ops):
            kind = rand.randrange(100)
            note = rand.choice(["NULL", "'a'", "'b c'", "'naïve'"])
            if not ids or kind < 40:
                ids.append(next_id)
                server.sql('INSERT INTO %s VALUES (%d, %d, %s)'
                           % (table, next_id, rand.randrange(1000), note))
                next_id += 1
                continue
            at = rand.randrange(len(ids))
            if kind < 65:
                server.sql('UPDATE %s SET v = %d, note = %s WHERE id = %d'
                           % (table, rand.randrange(1000), note, ids[at]))
            elif kind < 80:
                server.sql('UPDATE %s SET id = %d WHERE id = %d' % (table, next_id, ids[at]))
                ids[at] = next_id
                next_id += 1
            else:
                server.sql('DELETE FROM %s WHERE id = %d' % (table, ids.pop(at)))

    def check(self, run_async):
        table = 'pymodel.w%d' % run_async
        seed = random.randrange(1 << 30)
        server.sql('CREATE TABLE %s (id INT PRIMARY KEY, v INT NOT NULL, note TEXT)' % table)
        start = server.position()
        self.workload(table, seed)

        stream = server.stream(start)
        model = MysqlBinlog.TableModel.new(stream, table)
        self.assertEqual(model.get_item_type(), MysqlBinlog.Record.__gtype__)
        shadow = Shadow(model)
        if Gtk is None:
            print('no GTK 4: the Gtk.SortListModel check is left out', file=sys.stderr)
        else:
            sorted_model = Gtk.SortListModel(
                model=model,
                sorter=Gtk.CustomSorter.new(
                    lambda a, b, data: (key_of(a) > key_of(b)) - (key_of(a) < key_of(b)),
                    None))
        if run_async:
            loop = GLib.MainLoop()
            results = []

            def done(s, result):
                results.append(s.run_finish(result))
                loop.quit()

            stream.run_async(None, done)
            loop.run()
            self.assertEqual(results, [True])
        else:
            self.assertTrue(stream.run(None))

        # the client prints SQL NULL as NULL (no note is the text NULL)
        expected = sorted('|'.join(text(None if v == 'NULL' else v) for v in row)
                          for row in server.sql('SELECT id, v, note FROM %s' % table))
        actual = sorted('|'.join(text(r.dup_string(c)) for c in ('id', 'v', 'note'))
                        for r in model)
        self.assertEqual(actual, expected, 'workload seed %d' % seed)
        self.assertEqual(shadow.mismatches, [])
        self.assertEqual(shadow.items, [(r, key_of(r)) for r in model])
        if Gtk is not None:
            keys = [key_of(r) for r in sorted_model]
            self.assertEqual(keys, sorted(keys))
            self.assertEqual(len(keys), len(model))

    def test_workload_run(self):
        self.check(False)

    def test_workload_run_async(self):
        self.check(True)

    def test_record(self):
        server.sql('CREATE TABLE pymodel.rec (id INT PRIMARY KEY, v INT, s VARCHAR(8))')
        start = server.position()
        server.sql("INSERT INTO pymodel.rec VALUES (1, 10, NULL);"
                   "UPDATE pymodel.rec SET v = 11, s = 'x' WHERE id = 1")
        stream = server.stream(start)
        model = MysqlBinlog.TableModel(stream=stream, schema_table='pymodel.rec', max_items=5)
        self.assertEqual(model.props.max_items, 5)
        self.assertEqual(model.props.schema_table, 'pymodel.rec')
        notified = []
        model.connect('items-changed', lambda m, p, r, a: m.get_item(p).connect(
            'notify::row', lambda rec, pspec: notified.append(rec.props.row['v'])))
        self.assertTrue(stream.run(None))
        record = model.get_item(0)
        self.assertEqual(notified, [11])
        self.assertEqual(record.get_value('v').unpack(), 11)
        self.assertEqual(record.dup_string('s'), 'x')
        self.assertIsNone(record.get_value('missing'))
        self.assertEqual(record.props.row.to_dict(), {'id': 1, 'v': 11, 's': 'x'})

    def test_no_primary_key(self):
        server.sql('CREATE TABLE pymodel.nokey (a INT)')
        start = server.position()
        server.sql('INSERT INTO pymodel.nokey VALUES (1)')
        stream = server.stream(start)
        model = MysqlBinlog.TableModel.new(stream, 'pymodel.nokey')
        with self.assertRaises(GLib.Error) as caught:
            stream.run(None)
        self.assertTrue(caught.exception.matches(MysqlBinlog.error_quark(),
                                                 MysqlBinlog.Error.INVALID_ARGUMENT))
        self.assertIn('pymodel.nokey has no primary key', caught.exception.message)
        self.assertEqual(model.get_error().message, caught.exception.message)


class TestHelpers(unittest.TestCase):

    def test_on_decorator(self):
        server.sql('CREATE TABLE pymodel.deco (id INT PRIMARY KEY, v INT);'
                   'CREATE TABLE pymodel.deco2 (id INT PRIMARY KEY)')
        start = server.position()
        server.sql('INSERT INTO pymodel.deco VALUES (1, 1);'
                   'INSERT INTO pymodel.deco2 VALUES (7);'
                   'UPDATE pymodel.deco SET v = 2;'
                   'UPDATE pymodel.deco2 SET id = 8')
        stream = server.stream(start)
        inserted, updated = [], []

        @stream.on('rows-inserted', 'pymodel.deco')
        def on_inserted(s, row):
            inserted.append((row.get_table(), row['id']))

        @stream.on('rows-updated')
        def on_updated(s, before, after):
            updated.append((after.get_table(), list(before.changed_columns(after))))

        # the decorator gives the function back
        self.assertTrue(callable(on_inserted))
        self.assertEqual(on_inserted.__name__, 'on_inserted')
        self.assertTrue(stream.run(None))
        self.assertEqual(inserted, [('deco', 1)])
        self.assertEqual(updated, [('deco', ['v']), ('deco2', ['id'])])
        # the handlers are guarded like connect()'s: an exception fails the run
        stream2 = server.stream(start)

        @stream2.on('rows-inserted', 'pymodel.deco2')
        def fails(s, row):
            raise ValueError('no')

        with self.assertRaises(ValueError):
            stream2.run(None)

    def test_dotted_names(self):
        # pydot.`y.z` and `pydot.y`.z are two tables, never one
        server.sql("SET GLOBAL binlog_row_metadata = 'NO_LOG'")
        try:
            start = server.position()
            server.sql('CREATE DATABASE pydot; CREATE TABLE pydot.`y.z` (id INT PRIMARY KEY, n INT);'
                       'CREATE DATABASE `pydot.y`;'
                       'CREATE TABLE `pydot.y`.z (k INT PRIMARY KEY, name INT);'
                       'INSERT INTO pydot.`y.z` VALUES (1, 10);'
                       'INSERT INTO `pydot.y`.z VALUES (2, 20)')
        finally:
            server.sql("SET GLOBAL binlog_row_metadata = 'FULL'")
        stream = server.stream(start, only_tables=['pydot.`y.z`', '`pydot.y`.z'])
        first = MysqlBinlog.TableModel.new(stream, 'pydot.`y.z`')
        # a part may be quoted where it need not be; the model reads as the details do
        second = MysqlBinlog.TableModel.new(stream, '`pydot.y`.`z`')
        inserted = []

        @stream.on('rows-inserted', 'pydot.`y.z`')
        def on_inserted(s, row):
            inserted.append((row.get_schema(), row.get_table(), row.to_variant().unpack()))

        self.assertTrue(stream.run(None))
        self.assertEqual(inserted, [('pydot', 'y.z', {'id': 1, 'n': 10})])
        self.assertEqual([(r.get_value('id').unpack(), r.get_value('n').unpack())
                          for r in first], [(1, 10)])
        self.assertEqual([(r.get_value('k').unpack(), r.get_value('name').unpack())
                          for r in second], [(2, 20)])
        self.assertEqual(second.get_schema_table(), '`pydot.y`.z')

    def test_changed_columns(self):
        server.sql("CREATE TABLE pymodel.changes (id INT PRIMARY KEY, a INT, b VARCHAR(4), c BLOB);"
                   "INSERT INTO pymodel.changes VALUES (1, 1, 'x', NULL)")
        start = server.position()
        server.sql("UPDATE pymodel.changes SET a = 2;"
                   "UPDATE pymodel.changes SET b = NULL, c = 'blob';"
                   "UPDATE pymodel.changes SET a = 3, b = 'y', c = NULL")
        stream = server.stream(start)
        changes = []
        stream.connect('rows-updated',
                       lambda s, before, after: changes.append(before.changed_columns(after)))
        self.assertTrue(stream.run(None))
        self.assertEqual(changes, [['a'], ['b', 'c'], ['a', 'b', 'c']])


if __name__ == '__main__':
    unittest.main(verbosity=2)
