#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The stream as a GObject, from Python: what its properties notify, and a
# second run while one runs (on a binlog file of shared/fixtures, or where
# MYSQL_BINLOG_FIXTURES_DIR points; those tests skip without it).  Needs no
# server.  Exits 77 (skipped) without gi or the typelib.

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_stream  # noqa: E402  (exits 77 when gi or the typelib is missing)
from test_stream import GLib, MysqlBinlog  # noqa: E402

from gi.repository import Gio, GObject  # noqa: E402

SECRET = 'pass-w0rd-secret'

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.environ.get('MYSQL_BINLOG_FIXTURES_DIR') or os.path.join(
    HERE, '..', '..', '..', 'shared', 'fixtures', 'mysql-binlogs')
# Six inserted rows and one deleted, written by MySQL 5.1.
FIXTURE = os.path.join(FIXTURES, 'write-full-row.binlog')
FIXTURE_INSERTS = 6


def is_pending(error):
    return error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.PENDING)


class PropertiesTest(unittest.TestCase):
    def test_password_not_notified(self):
        stream = MysqlBinlog.Stream()
        password_notified = []
        notified = []

        def on_notify(stream, pspec):
            value = (stream.get_property(pspec.name)
                     if pspec.flags & GObject.ParamFlags.READABLE else None)
            notified.append((pspec.name, value))

        stream.connect('notify::password', lambda *args: password_notified.append(args))
        stream.connect('notify', on_notify)

        stream.props.password = SECRET
        stream.set_property('password', SECRET + '2')
        stream.set_password(SECRET + '3')
        stream.set_password(None)
        stream.set_properties(user='replica', password=SECRET)
        with stream.freeze_notify():
            stream.props.password = ''
            stream.props.host = 'db.example'

        self.assertEqual(password_notified, [])
        # The other properties still notify, without the secret.
        self.assertEqual(notified, [('user', 'replica'), ('host', 'db.example')])



@unittest.skipUnless(os.path.isfile(FIXTURE),
                     'the binlog fixtures are missing: no %s (set MYSQL_BINLOG_FIXTURES_DIR '
                     'to their folder)' % FIXTURE)
class SecondRunTest(unittest.TestCase):
    def stream(self):
        # The fixture logs no column names and holds no CREATE TABLE.
        stream = MysqlBinlog.Stream.new_for_file(Gio.File.new_for_path(FIXTURE))
        stream.props.schema_unknown = MysqlBinlog.SchemaUnknown.POSITIONAL
        return stream

    def test_run_from_handler(self):
        # run() and run_async() from a handler of a running stream raise or
        # report G_IO_ERROR_PENDING; the run goes on to its end.
        stream = self.stream()
        rows, errors = [], []

        def on_inserted(stream, row):
            rows.append(row)
            if len(rows) > 1:
                return
            try:
                stream.run(None)
                errors.append('run() did not raise')
            except GLib.Error as e:
                errors.append(('run', is_pending(e), e.message))

            def done(stream, result):
                try:
                    stream.run_finish(result)
                    errors.append('run_finish() did not raise')
                except GLib.Error as e:
                    errors.append(('run_async', is_pending(e), e.message))
            stream.run_async(None, done)

        stream.connect('rows-inserted', on_inserted)
        self.assertTrue(stream.run(None))
        self.assertEqual(len(rows), FIXTURE_INSERTS)
        context = GLib.MainContext.default()
        while len(errors) < 2:
            context.iteration(True)
        self.assertEqual(errors, [('run', True, 'The stream is already running'),
                                  ('run_async', True, 'The stream is already running')])

    def test_run_during_run_async(self):
        # While run_async() runs, run() raises and run_async() reports
        # G_IO_ERROR_PENDING; the first run delivers every row.
        stream = self.stream()
        rows = []
        results = {}
        stream.connect('rows-inserted', lambda stream, row: rows.append(row))

        def done(name):
            def callback(stream, result):
                try:
                    results[name] = stream.run_finish(result)
                except GLib.Error as e:
                    results[name] = e
            return callback

        stream.run_async(None, done('first'))
        with self.assertRaises(GLib.Error) as raised:
            stream.run(None)
        self.assertTrue(is_pending(raised.exception), raised.exception)
        stream.run_async(None, done('second'))

        context = GLib.MainContext.default()
        while len(results) < 2:
            context.iteration(True)
        self.assertIs(results['first'], True)
        self.assertEqual(len(rows), FIXTURE_INSERTS)
        self.assertIsInstance(results['second'], GLib.Error)
        self.assertTrue(is_pending(results['second']), results['second'])


if __name__ == '__main__':
    unittest.main(verbosity=2)
