#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The python-mysql-replication contender of the benchmark: reads the same
# binlog file from the server (non-blocking, to its end) and takes every
# row as the dict the library gives (row['values'], or 'before_values' and
# 'after_values' of an update).  Prints the same line of counts as
# bench_handler.py.
#
#   bench_pymysqlreplication.py --socket PATH --start FILE:POS [--server-id N]
#
# Exits 77 when pymysqlreplication cannot be imported (it is looked for on
# sys.path, and in the directory MYSQL_BINLOG_BENCH_PYMYSQLREPLICATION
# names).

import argparse
import os
import sys
import time

SKIP = 77

extra = os.environ.get('MYSQL_BINLOG_BENCH_PYMYSQLREPLICATION')
if extra:
    sys.path.insert(0, extra)
try:
    from pymysqlreplication import BinLogStreamReader
    from pymysqlreplication.row_event import (DeleteRowsEvent, UpdateRowsEvent,
                                              WriteRowsEvent)
except ImportError as e:
    print('SKIP: python-mysql-replication is not available (%s)' % e, file=sys.stderr)
    sys.exit(SKIP)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--socket', required=True)
    parser.add_argument('--start', required=True)
    parser.add_argument('--server-id', type=int, default=4444)
    args = parser.parse_args()

    file, offset = args.start.rsplit(':', 1)
    settings = {'unix_socket': args.socket, 'user': 'root', 'passwd': ''}
    reader = BinLogStreamReader(connection_settings=settings, server_id=args.server_id,
                                blocking=False, resume_stream=True,
                                log_file=file, log_pos=int(offset),
                                only_events=[WriteRowsEvent, UpdateRowsEvent,
                                             DeleteRowsEvent])
    counts = {'inserted': 0, 'updated': 0, 'deleted': 0, 'values': 0}
    begin = time.monotonic()
    for event in reader:
        if isinstance(event, WriteRowsEvent):
            for row in event.rows:
                counts['values'] += len(row['values'])
                counts['inserted'] += 1
        elif isinstance(event, UpdateRowsEvent):
            for row in event.rows:
                counts['values'] += len(row['before_values']) + len(row['after_values'])
                counts['updated'] += 1
        else:
            for row in event.rows:
                counts['values'] += len(row['values'])
                counts['deleted'] += 1
    seconds = time.monotonic() - begin
    reader.close()
    print('rows=%d inserted=%d updated=%d deleted=%d values=%d seconds=%.3f'
          % (counts['inserted'] + counts['updated'] + counts['deleted'],
             counts['inserted'], counts['updated'], counts['deleted'],
             counts['values'], seconds))
    return 0


if __name__ == '__main__':
    sys.exit(main())
