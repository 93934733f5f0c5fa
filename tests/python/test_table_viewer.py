#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The GTK 4 examples (examples/table-viewer.py and table-viewer.js) for
# real: each runs on a virtual X display (Xvfb) and a session bus of its
# own against a throwaway MariaDB server.  A seeded random workload of
# inserts, updates (primary keys changed too) and deletes must leave the
# rows the window shows equal to SELECT * of the table, the status bar
# showing the stream's state and position; a screenshot of the window is
# written to the build directory (UPDATE_SCREENSHOT=PATH copies it there,
# as docs/table-viewer.png was made).  Then the application's quit action
# (what closing the window does) and SIGINT must each end the process
# within a second, with status 0.
#
# Exits 77 (skipped) without gi, the typelibs (MysqlBinlog, Gtk 4), Xvfb
# or dbus-run-session; the gjs twin is skipped without gjs.

import json
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import zlib

SKIP = 77


def skip(reason):
    print('SKIP: %s' % reason, file=sys.stderr)
    sys.exit(SKIP)


try:
    import gi
    gi.require_version('MysqlBinlog', '1.0')
    gi.require_version('Gtk', '4.0')
    from gi.repository import MysqlBinlog  # noqa: E402,F401
    from gi.repository import Gtk  # noqa: E402,F401
except (ImportError, ValueError) as e:
    skip('gi or a typelib (MysqlBinlog-1.0, Gtk-4.0: apt install gir1.2-gtk-4.0) '
         'is not available (%s)' % e)
for program in ('Xvfb', 'dbus-run-session', 'gapplication'):
    if shutil.which(program) is None:
        skip('%s is not installed (apt install xvfb dbus-daemon libglib2.0-bin)' % program)

# gapplication reaches the example over the session bus: run the whole
# test on a bus of its own.
if 'MYSQL_BINLOG_TEST_OWN_BUS' not in os.environ:
    os.environ['MYSQL_BINLOG_TEST_OWN_BUS'] = '1'
    os.execvp('dbus-run-session', ['dbus-run-session', '--', sys.executable] + sys.argv)

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..'))
import mariadb_server  # noqa: E402

EXAMPLES = os.path.join(HERE, '..', '..', 'examples')
APP_ID = 'org.libmysqlbinlog.TableViewer'
WIDTH, HEIGHT = 720, 420
SEED = int(os.environ.get('TABLE_VIEWER_SEED', '0')) or random.randrange(1, 1 << 30)


def xwd_to_png(xwd, png_path, width, height):
    """Writes the top-left @width x @height of an XWD image (Xvfb's
    -fbdir screen, 24 or 32 bits per pixel) as a PNG file."""
    header = struct.unpack('>25I', xwd[:100])
    header_size, bits_per_pixel, bytes_per_line, ncolors = \
        header[0], header[11], header[12], header[19]
    byte_order = header[7]  # 0: LSBFirst
    if bits_per_pixel != 32:
        raise ValueError('unexpected XWD depth %d' % bits_per_pixel)
    pixels = xwd[header_size + 12 * ncolors:]
    raw = bytearray()
    for y in range(height):
        line = pixels[y * bytes_per_line:y * bytes_per_line + 4 * width]
        raw.append(0)
        for x in range(0, 4 * width, 4):
            b, g, r = (line[x], line[x + 1], line[x + 2]) if byte_order == 0 \
                else (line[x + 3], line[x + 2], line[x + 1])
            raw += bytes((r, g, b))

    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))

    with open(png_path, 'wb') as f:
        f.write(b'\x89PNG\r\n\x1a\n')
        f.write(chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)))
        f.write(chunk(b'IDAT', zlib.compress(bytes(raw), 9)))
        f.write(chunk(b'IEND', b''))
    return len(set(bytes(raw[1 + i:4 + i]) for i in range(0, len(raw) - 3, 997)))


class VirtualDisplay:
    """An Xvfb server of this test, its screen kept in a file."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix='mysqlbinlog-xvfb-')
        read, write = os.pipe()
        self.proc = subprocess.Popen(
            ['Xvfb', '-displayfd', str(write), '-screen', '0', '%dx%dx24' % (WIDTH, HEIGHT),
             '-fbdir', self.dir, '-nolisten', 'tcp'],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        number = b''
        while not number.endswith(b'\n'):
            data = os.read(read, 16)
            if not data:
                raise RuntimeError('Xvfb did not start')
            number += data
        os.close(read)
        self.display = ':' + number.decode().strip()

    def screen(self):
        with open(os.path.join(self.dir, 'Xvfb_screen0'), 'rb') as f:
            return f.read()

    def stop(self):
        self.proc.terminate()
        self.proc.wait()
        shutil.rmtree(self.dir, True)


class TableViewerTests:
    """The tests of one example; the subclasses say which."""

    @classmethod
    def setUpClass(cls):
        cls.server = mariadb_server.MariaDB()
        cls.server.sql("CREATE DATABASE shop; "
                       "CREATE TABLE shop.orders (id INT PRIMARY KEY, customer VARCHAR(20), "
                       "total DECIMAL(8,2), note TEXT)")
        cls.display = VirtualDisplay()

    @classmethod
    def tearDownClass(cls):
        cls.display.stop()
        cls.server.stop()

    def start(self, server_id):
        work = tempfile.mkdtemp(prefix='mysqlbinlog-viewer-')
        self.addCleanup(shutil.rmtree, work, True)
        self.model_file = os.path.join(work, 'model.json')
        env = dict(os.environ, DISPLAY=self.display.display, GDK_BACKEND='x11',
                   GSK_RENDERER='cairo', NO_AT_BRIDGE='1', GTK_A11Y='none')
        self.err_path = os.path.join(work, 'stderr')
        self.err = open(self.err_path, 'w')
        self.addCleanup(self.err.close)
        proc = subprocess.Popen(
            self.command() + ['--socket', self.server.socket, '--user', 'root',
                              '--server-id', str(server_id),
                              '--model-file', self.model_file, 'shop.orders'],
            env=env, stdout=self.err, stderr=self.err)
        self.addCleanup(lambda: proc.poll() is None and (proc.kill(), proc.wait()))
        self.wait_for(lambda shown: shown['state'] == 'streaming', proc, 'streaming')
        return proc

    def shown(self):
        try:
            with open(self.model_file) as f:
                return json.load(f)
        except (FileNotFoundError, ValueError):
            return None

    def stderr(self):
        self.err.flush()
        with open(self.err_path) as f:
            return f.read()

    def wait_for(self, condition, proc, what, timeout=30):
        deadline = time.monotonic() + timeout
        shown = None
        while time.monotonic() < deadline:
            shown = self.shown()
            if shown is not None and condition(shown):
                return shown
            if proc.poll() is not None:
                break
            time.sleep(0.05)
        self.fail('never %s (seed %d); last shown: %r; stderr: %s'
                  % (what, SEED, shown, self.stderr()))

    def table(self):
        rows = self.server.sql('SELECT id, customer, total, note FROM shop.orders')
        return sorted(([None if v == 'NULL' else v for v in row] for row in rows),
                      key=lambda row: int(row[0]))

    @staticmethod
    def as_rows(shown):
        return sorted(([row[c] for c in ('id', 'customer', 'total', 'note')]
                       for row in shown['rows']), key=lambda row: int(row[0]))

    def workload(self, rng, n):
        ids = [int(row[0]) for row in self.table()]
        statements = []
        for _ in range(n):
            action = rng.random()
            if action < 0.5 or len(ids) < 3:
                new = max(ids + [0]) + 1 + rng.randrange(3)
                ids.append(new)
                statements.append("INSERT INTO shop.orders VALUES (%d, 'c%d', %d.%02d, %s)" % (
                    new, rng.randrange(100), rng.randrange(1000), rng.randrange(100),
                    rng.choice(["NULL", "'é ✓'", "'x'"])))
            elif action < 0.75:
                old = rng.choice(ids)
                statements.append("UPDATE shop.orders SET total = total + 1, customer = 'u%d' "
                                  "WHERE id = %d" % (rng.randrange(100), old))
            elif action < 0.85:
                old = rng.choice(ids)
                new = max(ids) + 1
                ids[ids.index(old)] = new
                statements.append('UPDATE shop.orders SET id = %d WHERE id = %d' % (new, old))
            else:
                old = rng.choice(ids)
                ids.remove(old)
                statements.append('DELETE FROM shop.orders WHERE id = %d' % old)
        self.server.sql(';\n'.join(statements))

    def wait_exit(self, proc, how):
        start = time.monotonic()
        try:
            status = proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.fail('still running 5 s after %s; stderr: %s' % (how, self.stderr()))
        elapsed = time.monotonic() - start
        self.assertEqual(status, 0, 'exit status after %s; stderr: %s' % (how, self.stderr()))
        self.assertLess(elapsed, 1.0, 'took %.2f s to end after %s' % (elapsed, how))
        return elapsed

    def test_model_equals_the_table_then_quit(self):
        rng = random.Random(SEED)
        self.server.sql('DELETE FROM shop.orders')
        proc = self.start(201 + self.offset)
        for _ in range(4):
            self.workload(rng, 60)
        expected = self.table()
        # The status bar follows the position at most every
        # position-notify-interval: wait for it too.
        shown = self.wait_for(lambda shown: self.as_rows(shown) == expected and
                              shown['status'][1] == shown['position'], proc,
                              'the rows of the table and the final position')
        self.assertEqual(shown['columns'], ['id', 'customer', 'total', 'note'])
        state, position, rows, lag = shown['status']
        self.assertEqual(state, 'streaming')
        self.assertEqual(position, shown['position'])
        self.assertEqual(position.split(' ')[0], '%s:%d' % self.server.master_status())
        self.assertEqual(rows, '%d rows' % len(expected))
        self.assertRegex(lag, r'^lag \d+\.\d s$')

        time.sleep(0.3)  # the last frame drawn
        png = os.path.join(os.environ.get('G_TEST_BUILDDIR', tempfile.gettempdir()),
                           'table-viewer%s.png' % self.suffix)
        colours = xwd_to_png(self.display.screen(), png, WIDTH, HEIGHT)
        self.assertGreater(colours, 4, 'the screenshot %s is nearly blank' % png)
        if os.environ.get('UPDATE_SCREENSHOT') and not self.suffix:
            shutil.copy(png, os.environ['UPDATE_SCREENSHOT'])

        subprocess.run(['gapplication', 'action', APP_ID, 'quit'], check=True, timeout=10)
        self.wait_exit(proc, 'the quit action')
        self.assertEqual(self.shown()['state'], 'stopped')

    def test_ctrl_c(self):
        proc = self.start(301 + self.offset)
        self.server.sql("INSERT INTO shop.orders VALUES (100000, 'last', 1.00, NULL)")
        self.wait_for(lambda shown: any(row['id'] == '100000' for row in shown['rows']),
                      proc, 'the new row')
        proc.send_signal(signal.SIGINT)
        self.wait_exit(proc, 'SIGINT')
        self.assertEqual(self.shown()['state'], 'stopped')
        self.server.sql('DELETE FROM shop.orders WHERE id = 100000')


class TestTableViewerPython(TableViewerTests, unittest.TestCase):
    suffix = ''
    offset = 0

    def command(self):
        return [sys.executable, os.path.join(EXAMPLES, 'table-viewer.py')]


@unittest.skipIf(shutil.which('gjs') is None, 'gjs is not installed')
class TestTableViewerGjs(TableViewerTests, unittest.TestCase):
    suffix = '-gjs'
    offset = 1000

    def command(self):
        return [shutil.which('gjs'), '-m', os.path.join(EXAMPLES, 'table-viewer.js')]


if __name__ == '__main__':
    print('seed %d (TABLE_VIEWER_SEED=%d to repeat)' % (SEED, SEED), file=sys.stderr)
    unittest.main()
