#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# What a stream is doing, from Python, against a throwaway MariaDB server:
# notify::state in order, and the position, rows-delivered and lag
# properties, for run() and for run_async() under a GLib main loop, every
# notification on the caller's thread.  Exits 77 (skipped) without gi or
# the typelib.

import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_stream  # noqa: E402  (exits 77 when gi or the typelib is missing)
from test_stream import GLib, MysqlBinlog  # noqa: E402

State = MysqlBinlog.StreamState
ROWS = 5

server = None


def setUpModule():
    global server
    server = test_stream.Server()
    server.sql('CREATE DATABASE test')


def tearDownModule():
    if server is not None:
        server.stop()


class StateTest(unittest.TestCase):
    def watch(self, table, use_async):
        server.sql('CREATE TABLE %s (id INT PRIMARY KEY, v VARCHAR(10))' % table)
        stream = server.stream(server.position(), blocking=True, heartbeat_period=200)
        self.assertEqual(stream.props.state, State.IDLE)
        self.assertEqual(stream.get_state(), State.IDLE)
        self.assertEqual(stream.props.rows_delivered, 0)
        self.assertEqual(stream.props.lag, 0.0)
        self.assertEqual(stream.props.position_notify_interval, 250)
        self.assertIsNotNone(stream.props.position)  # the start position

        caller = threading.get_ident()
        seen = {'states': [], 'positions': [], 'rows': 0, 'threads': set()}

        def on_state(stream, pspec):
            seen['threads'].add(threading.get_ident())
            seen['states'].append(stream.props.state)
            if stream.props.state == State.STREAMING:
                # Transactions of one row each, while the stream streams.
                server.sql(''.join("INSERT INTO %s VALUES (%d, 'v%d');" % (table, i, i)
                                   for i in range(1, ROWS + 1)))

        def on_position(stream, pspec):
            seen['threads'].add(threading.get_ident())
            position = stream.props.position
            seen['positions'].append((position.to_string(), stream.props.rows_delivered,
                                      stream.props.lag))
            # All rows, then a quiet moment (a heartbeat, or the interval's
            # end) notified the position after them: done.
            if stream.props.rows_delivered == ROWS:
                stream.stop()

        def on_inserted(stream, row):
            seen['rows'] += 1

        stream.connect('notify::state', on_state)
        stream.connect('notify::position', on_position)
        stream.connect('rows-inserted::%s' % table, on_inserted)
        # A stream that never gets there fails instead of hanging.
        guard = GLib.timeout_add_seconds(30, lambda: stream.stop() or False)

        if use_async:
            loop = GLib.MainLoop()
            result = {}

            def on_done(stream, res):
                result['ok'] = stream.run_finish(res)
                loop.quit()

            stream.run_async(None, on_done)
            loop.run()
            self.assertTrue(result['ok'])
        else:
            self.assertTrue(stream.run())
        GLib.source_remove(guard)

        self.assertEqual(seen['states'], [State.CONNECTING, State.STREAMING, State.STOPPED])
        self.assertEqual(stream.props.state, State.STOPPED)
        self.assertEqual(seen['threads'], {caller})
        self.assertEqual(seen['rows'], ROWS)
        self.assertEqual(stream.props.rows_delivered, ROWS)
        self.assertEqual(stream.get_rows_delivered(), ROWS)
        # Coalesced: far fewer notifications than transactions.
        self.assertGreaterEqual(len(seen['positions']), 1)
        self.assertLessEqual(len(seen['positions']), ROWS)
        last, rows, lag = seen['positions'][-1]
        self.assertEqual(last, stream.get_position().to_string())
        self.assertEqual(last, stream.props.position.to_string())
        self.assertEqual(rows, ROWS)
        self.assertIsInstance(lag, float)
        self.assertGreaterEqual(lag, 0.0)
        self.assertLess(lag, 5.0)

    def test_run(self):
        self.watch('test.py_run', use_async=False)

    def test_run_async(self):
        self.watch('test.py_async', use_async=True)

    def test_enum(self):
        self.assertEqual([State(i).value_nick for i in range(6)],
                         ['idle', 'connecting', 'snapshotting', 'streaming', 'reconnecting',
                          'stopped'])


if __name__ == '__main__':
    unittest.main(verbosity=2)
