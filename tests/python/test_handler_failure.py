#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A Python handler that raises fails the stream's run (PyGObject overrides,
# MysqlBinlog.Stream.fail): run() raises the handler's exception, the
# transaction it failed on is not checkpointed, and a restart from the
# position store delivers it again.  Against a throwaway MariaDB server.

import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_stream  # noqa: E402  (exits 77 when gi or the typelib is missing)
from test_stream import GLib, MysqlBinlog  # noqa: E402

from gi.repository import Gio, GObject  # noqa: E402

server = None


def setUpModule():
    global server
    test_stream.setUpModule()
    server = test_stream.server
    server.sql('CREATE DATABASE IF NOT EXISTS pyfail')


def tearDownModule():
    test_stream.tearDownModule()


class Workload:
    """Three transactions of two rows, one rows event each: 1 2 | 3 4 | 5 6."""

    def __init__(self, name):
        self.table = 'pyfail.%s' % name
        server.sql('CREATE TABLE %s (id BIGINT PRIMARY KEY, txn INT)' % self.table)
        self.start = server.position()
        self.after = []
        for t in range(3):
            server.sql('INSERT INTO %s VALUES (%d, %d), (%d, %d)'
                       % (self.table, 2 * t + 1, t + 1, 2 * t + 2, t + 1))
            self.after.append(server.position().to_string())


class Consumer:
    """Records rows and positions; `fail(row_id)` says what to do on a row."""

    def __init__(self, stream, work, on_row=None):
        self.ids = []
        self.positions = []
        self.on_row = on_row
        stream.connect('rows-inserted::' + work.table, self.on_inserted)
        stream.connect('binlog-position', self.on_position)

    def on_inserted(self, stream, row):
        row_id = row.get_int64(0)
        self.ids.append(row_id)
        if self.on_row is not None:
            self.on_row(stream, row_id)

    def on_position(self, stream, position):
        self.positions.append(position.to_string())


class Store:
    """A file position store in a fresh directory."""

    def __init__(self, test):
        self.dir = tempfile.TemporaryDirectory(prefix='mysqlbinlog-pyfail-')
        test.addCleanup(self.dir.cleanup)
        path = os.path.join(self.dir.name, 'position')
        self.store = MysqlBinlog.FilePositionStore.new(Gio.File.new_for_path(path))

    def saved(self):
        position = self.store.load(None)
        return position.to_string() if position is not None else None


class TestHandlerFailure(unittest.TestCase):

    def stream(self, work, store, **props):
        return server.stream(work.start, position_store=store.store, **props)

    def assert_failed_on_second(self, stream, work, store, consumer, ids=(1, 2, 3)):
        self.assertEqual(consumer.ids, list(ids))
        self.assertEqual(consumer.positions, [work.after[0]])
        self.assertEqual(stream.get_position().to_string(), work.after[0])
        self.assertEqual(store.saved(), work.after[0])

    def assert_restart_redelivers(self, work, store):
        stream = self.stream(work, store)
        consumer = Consumer(stream, work)
        self.assertIs(stream.run(None), True)
        self.assertEqual(consumer.ids, [3, 4, 5, 6])
        self.assertEqual(store.saved(), work.after[2])

    def test_exception_fails_the_run(self):
        work = Workload('exc')
        store = Store(self)

        def on_row(stream, row_id):
            if row_id == 3:
                raise ValueError('cannot store row %d' % row_id)

        stream = self.stream(work, store)
        consumer = Consumer(stream, work, on_row)
        try:
            stream.run(None)
        except ValueError as e:
            raised = e
        else:
            self.fail('run() raised nothing')
        # the handler's own exception, with the handler's traceback
        self.assertEqual(str(raised), 'cannot store row 3')
        frames = [f.name for f in traceback.extract_tb(raised.__traceback__)]
        self.assertEqual(frames[0], 'test_exception_fails_the_run')
        self.assertEqual(frames[-2:], ['on_inserted', 'on_row'])
        self.assertIsNone(raised.__context__)
        self.assert_failed_on_second(stream, work, store, consumer)
        self.assert_restart_redelivers(work, store)

    def test_glib_error_and_fail(self):
        work = Workload('gerr')
        store = Store(self)
        raised = GLib.Error('the sink is down', 'test-sink-error', 3)

        def on_row(stream, row_id):
            if row_id == 3:
                raise raised

        stream = self.stream(work, store)
        consumer = Consumer(stream, work, on_row)
        with self.assertRaises(GLib.Error) as cm:
            stream.run(None)
        self.assertIs(cm.exception, raised)
        self.assert_failed_on_second(stream, work, store, consumer)

        # fail() called by the handler, twice: the first error wins.
        store = Store(self)

        def on_row_fail(stream, row_id):
            if row_id == 3:
                stream.fail(GLib.Error('first', 'test-sink-error', 1))
                stream.fail(GLib.Error('second', 'test-sink-error', 2))

        stream = self.stream(work, store)
        consumer = Consumer(stream, work, on_row_fail)
        with self.assertRaises(GLib.Error) as cm:
            stream.run(None)
        self.assertEqual((cm.exception.domain, cm.exception.code, cm.exception.message),
                         ('test-sink-error', 1, 'first'))
        self.assert_failed_on_second(stream, work, store, consumer)
        self.assert_restart_redelivers(work, store)

    def test_keyboard_interrupt_in_handler(self):
        work = Workload('kbd')
        store = Store(self)

        def on_row(stream, row_id):
            if row_id == 3:
                signal.raise_signal(signal.SIGINT)  # Ctrl-C while the handler runs

        stream = self.stream(work, store)
        consumer = Consumer(stream, work, on_row)
        with self.assertRaises(KeyboardInterrupt):
            stream.run(None)
        self.assert_failed_on_second(stream, work, store, consumer)
        self.assert_restart_redelivers(work, store)

    def test_keyboard_interrupt_while_waiting(self):
        # Ctrl-C pressed while the stream waits for the server and no
        # Python code runs: the run stops at once, cleanly (everything
        # delivered is checkpointed), then run() raises KeyboardInterrupt.
        work = Workload('kbd2')
        store = Store(self)
        stream = self.stream(work, store, blocking=True)
        idle = threading.Event()
        ended = threading.Event()
        pressed = []

        def on_row(stream, row_id):
            if row_id == 6:
                idle.set()

        def press_ctrl_c():
            idle.wait(30)
            time.sleep(0.5)  # the stream waits in the library
            pressed.append(time.monotonic())
            os.kill(os.getpid(), signal.SIGINT)
            if not ended.wait(10):
                stream.stop()  # the run went on: end it, the test fails

        consumer = Consumer(stream, work, on_row)
        hook = sys.excepthook
        handler = signal.getsignal(signal.SIGINT)
        thread = threading.Thread(target=press_ctrl_c, daemon=True)
        thread.start()
        try:
            with self.assertRaises(KeyboardInterrupt):
                stream.run(None)
        finally:
            ended.set()
        took = time.monotonic() - pressed[0]
        print('run() raised KeyboardInterrupt %.1f ms after SIGINT' % (took * 1000),
              file=sys.stderr)
        self.assertLess(took, 1.0)
        self.assertIs(sys.excepthook, hook)
        self.assertIs(signal.getsignal(signal.SIGINT), handler)
        self.assertEqual(consumer.ids, [1, 2, 3, 4, 5, 6])
        self.assertEqual(consumer.positions, work.after)
        self.assertEqual(store.saved(), work.after[2])

        server.sql('INSERT INTO %s VALUES (7, 4), (8, 4)' % work.table)
        stream = self.stream(work, store)
        consumer = Consumer(stream, work)
        self.assertIs(stream.run(None), True)
        self.assertEqual(consumer.ids, [7, 8])

    def test_run_async(self):
        work = Workload('asy')
        store = Store(self)
        loop = GLib.MainLoop()
        outcome = {}

        def on_row(stream, row_id):
            if row_id == 3:
                raise RuntimeError('async handler failed')

        def done(stream, result):
            try:
                outcome['ok'] = stream.run_finish(result)
            except BaseException as e:
                outcome['error'] = e
            loop.quit()

        stream = self.stream(work, store)
        consumer = Consumer(stream, work, on_row)
        stream.run_async(None, done)
        GLib.timeout_add_seconds(60, loop.quit)
        loop.run()
        self.assertNotIn('ok', outcome)
        self.assertIsInstance(outcome['error'], RuntimeError)
        self.assertEqual(str(outcome['error']), 'async handler failed')
        self.assert_failed_on_second(stream, work, store, consumer)
        self.assert_restart_redelivers(work, store)

    def test_outside_a_run(self):
        # An exception outside a run is printed as PyGObject prints it, and
        # the next run does not see it.
        work = Workload('out')
        store = Store(self)
        stream = self.stream(work, store)
        consumer = Consumer(stream, work)
        printed = []

        def on_notify(stream, pspec):
            raise ValueError('not in a run')

        stream.connect('notify::save-interval', on_notify)
        hook = sys.excepthook
        sys.excepthook = lambda t, v, tb: printed.append(v)
        try:
            stream.props.save_interval = 5
        finally:
            sys.excepthook = hook
        self.assertEqual([str(e) for e in printed], ['not in a run'])
        self.assertIs(stream.run(None), True)
        self.assertEqual(consumer.ids, [1, 2, 3, 4, 5, 6])
        self.assertEqual(store.saved(), work.after[2])

    def test_disconnect_by_func(self):
        work = Workload('disc')
        stream = server.stream(work.start)
        seen = []

        def on_inserted(stream, row):
            seen.append(row.get_int64(0))

        stream.connect('rows-inserted::' + work.table, on_inserted)
        self.assertEqual(stream.handler_block_by_func(on_inserted), 1)
        self.assertEqual(stream.handler_unblock_by_func(on_inserted), 1)
        self.assertEqual(stream.disconnect_by_func(on_inserted), 1)
        self.assertIs(stream.run(None), True)
        self.assertEqual(seen, [])

    def test_store_load_raises(self):
        # A position store written in Python whose load raises: the run
        # fails with that exception before it delivers anything.
        class BrokenStore(GObject.Object, MysqlBinlog.PositionStore):
            def do_load(self, cancellable):
                raise OSError('the position database is unreachable')

            def do_save(self, position, cancellable):
                return True

        work = Workload('load')
        stream = server.stream(work.start, position_store=BrokenStore())
        seen = []
        stream.connect('rows-inserted', lambda stream, row: seen.append(row))
        with self.assertRaises(OSError) as cm:
            stream.run(None)
        self.assertEqual(str(cm.exception), 'the position database is unreachable')
        self.assertEqual(seen, [])


# A consumer process: reads the workload's table with a file position
# store, says "idle" once it has the six rows, and waits for the server.
# With "stop-on-sigterm", a SIGTERM handler calls stream.stop().
CHILD = r"""
import signal, sys
import gi
gi.require_version('MysqlBinlog', '1.0')
from gi.repository import Gio, MysqlBinlog
socket_path, server_id, start, table, path, mode = sys.argv[1:]
stream = MysqlBinlog.Stream(socket=socket_path, user='root', password='',
                            server_id=int(server_id), blocking=True,
                            start_position=MysqlBinlog.Position.from_string(start),
                            position_store=MysqlBinlog.FilePositionStore.new(
                                Gio.File.new_for_path(path)))
if mode == 'stop-on-sigterm':
    signal.signal(signal.SIGTERM, lambda signum, frame: stream.stop())
def on_row(stream, row):
    if row.get_int64(0) == 6:
        print('idle', flush=True)
stream.connect('rows-inserted::' + table, on_row)
print('returned', stream.run(None), flush=True)
"""


# The same consumer in gjs, whose run() stops on SIGINT and SIGTERM.
CHILD_JS = r"""
imports.gi.versions.MysqlBinlog = '1.0';
const {Gio, MysqlBinlog} = imports.gi;
const [socketPath, serverId, start, table, path] = ARGV;
const stream = new MysqlBinlog.Stream({
    socket: socketPath, user: 'root', password: '', server_id: Number(serverId),
    blocking: true, start_position: MysqlBinlog.Position.from_string(start),
    position_store: MysqlBinlog.FilePositionStore.new(Gio.File.new_for_path(path)),
});
stream.connect(`rows-inserted::${table}`, (s, row) => {
    if (row.get_int64(0) === 6)
        print('idle');
});
try {
    print('returned', stream.run(null));
} catch (e) {
    print('threw', e.message);
}
"""


class TestSignals(unittest.TestCase):
    """A blocking run() in a process of its own, ended by a signal."""

    def run_child(self, name, mode, signum):
        work = Workload(name)
        store = Store(self)
        path = store.store.get_file().get_path()
        test_stream.Server._next_server_id += 1
        args = [server.socket, str(test_stream.Server._next_server_id),
                work.start.to_string(), work.table, path]
        if mode == 'gjs':
            gjs = shutil.which('gjs')
            if gjs is None:
                self.skipTest('gjs is not installed')
            command = [gjs, '-c', CHILD_JS] + args
        else:
            command = [sys.executable, '-c', CHILD] + args + [mode]
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True)
        self.addCleanup(child.kill)
        ready, _, _ = select.select([child.stdout], [], [], 30)
        self.assertTrue(ready, 'the consumer did not read the rows')
        self.assertEqual(child.stdout.readline(), 'idle\n')
        time.sleep(0.5)  # the stream waits in the library
        sent = time.monotonic()
        child.send_signal(signum)
        try:
            out, err = child.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            self.fail('the consumer did not end within 30 s of the signal')
        took = time.monotonic() - sent
        print('%s: the consumer ended %.1f ms after the signal'
              % (self.id(), took * 1000), file=sys.stderr)
        self.assertLess(took, 1.0)
        self.assertEqual(store.saved(), work.after[2])
        return child.returncode, out, err

    def test_sigint_raises_keyboard_interrupt(self):
        code, out, err = self.run_child('sigint', 'default', signal.SIGINT)
        self.assertIn('KeyboardInterrupt', err)
        self.assertEqual(out, '')  # run() raised, it did not return
        self.assertEqual(code, -signal.SIGINT)

    def test_sigterm_handler_stops(self):
        code, out, err = self.run_child('sigterm', 'stop-on-sigterm', signal.SIGTERM)
        self.assertEqual((code, out, err), (0, 'returned True\n', ''))

    def test_gjs_sigint_stops(self):
        code, out, err = self.run_child('jsint', 'gjs', signal.SIGINT)
        self.assertEqual((code, out), (0, 'threw The run was stopped by SIGINT\n'), err)

    def test_gjs_sigterm_stops(self):
        code, out, err = self.run_child('jsterm', 'gjs', signal.SIGTERM)
        self.assertEqual((code, out), (0, 'threw The run was stopped by SIGTERM\n'), err)


if __name__ == '__main__':
    unittest.main(verbosity=2)
