#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Rows per second through a Python handler and through a C handler, on the
# same binary log of a throwaway MariaDB server (not part of `meson test`):
#
#   meson devenv -C build /usr/bin/python3 ../tests/python/handler_rate.py [ROWS]
#
# The table has 10 columns (integers, text, DECIMAL, DOUBLE, DATETIME).

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_stream  # noqa: E402  (the throwaway server; exits 77 without gi)
from test_stream import MysqlBinlog  # noqa: E402

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
BUILD = os.environ.get('G_TEST_BUILDDIR') or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', '..', 'build', 'tests')


def python_rate(server, start, handler):
    stream = server.stream(start)
    stream.connect('rows-inserted', handler)
    begin = time.perf_counter()
    stream.run(None)
    return time.perf_counter() - begin


def main():
    test_stream.setUpModule()
    server = test_stream.server
    try:
        server.sql("""
            SET GLOBAL binlog_row_metadata = 'FULL';
            CREATE DATABASE bench;
            CREATE TABLE bench.orders (
              id INT PRIMARY KEY, user_id BIGINT, name VARCHAR(40),
              email VARCHAR(80), amount DECIMAL(10,2), score DOUBLE,
              qty SMALLINT, created DATETIME, status VARCHAR(16), flag TINYINT)""")
        start = server.position()
        server.sql("""
            INSERT INTO bench.orders
            SELECT seq, seq * 7, CONCAT('customer ', seq), CONCAT('c', seq, '@example.com'),
                   seq / 100, seq / 3, seq %% 100, '2024-02-29 13:45:00' + INTERVAL seq SECOND,
                   'shipped', seq %% 2
            FROM bench.seq_1_to_%d""" % ROWS)

        results = []
        for mode in ('count', 'variant', 'values'):
            out = subprocess.run([os.path.join(BUILD, 'handler-rate'), server.socket,
                                  start.to_string(), mode],
                                 check=True, stdout=subprocess.PIPE,
                                 universal_newlines=True).stdout.split()
            assert int(out[0]) == ROWS, out
            results.append(('C handler, ' + mode, float(out[1])))

        count = [0]

        def count_only(stream, row):
            count[0] += 1

        def to_dict(stream, row):
            row.to_dict()
            count[0] += 1

        for name, handler in (('Python handler, count', count_only),
                              ('Python handler, row.to_dict()', to_dict)):
            count[0] = 0
            seconds = python_rate(server, start, handler)
            assert count[0] == ROWS, count
            results.append((name, seconds))

        # The old way, on fewer rows: it is slow.
        count[0] = 0
        limit = min(ROWS, 20000)

        def unpack(stream, row):
            row.to_variant().unpack()
            count[0] += 1
            if count[0] == limit:
                stream.stop()

        results.append(('Python handler, row.to_variant().unpack()',
                        python_rate(server, start, unpack) * ROWS / limit))

        for name, seconds in results:
            print('%-45s %9.0f rows/s  (%.2f µs/row)' % (name, ROWS / seconds,
                                                          seconds / ROWS * 1e6))
    finally:
        test_stream.tearDownModule()


if __name__ == '__main__':
    main()
