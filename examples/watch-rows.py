#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# watch-rows.py: prints every row a MySQL or MariaDB server changes, one
# line per row, like watch-rows.c:
#
#   INSERT shop.orders {'id': 1, 'customer': 'alice', 'total': '10.50'}
#
#   watch-rows.py --socket /run/mysqld/mysqld.sock --user root
#   watch-rows.py --host db --user replica --password secret --table shop.orders

import argparse
import signal
import sys

import gi
gi.require_version('MysqlBinlog', '1.0')
from gi.repository import GLib, MysqlBinlog  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description='Print every changed row.')
    parser.add_argument('--host', default='localhost')
    parser.add_argument('--port', type=int, default=3306)
    parser.add_argument('--socket')
    parser.add_argument('--user', default='root')
    parser.add_argument('--password', default='')
    parser.add_argument('--server-id', type=int, default=4243)
    parser.add_argument('--start', help='FILE:POS (default: only new changes)')
    parser.add_argument('--non-blocking', action='store_true',
                        help='stop at the current end of the binary log')
    parser.add_argument('--table', action='append', default=[],
                        help='schema.table to watch (repeatable; default: all)')
    args = parser.parse_args()

    stream = MysqlBinlog.Stream(
        host=args.host, port=args.port, socket=args.socket, user=args.user,
        password=args.password, server_id=args.server_id,
        blocking=not args.non_blocking,
        start_position=MysqlBinlog.Position.from_string(args.start) if args.start else None)

    def name(row):
        return '%s.%s' % (row.get_schema(), row.get_table())

    def on_inserted(stream, row):
        print('INSERT', name(row), row.to_dict(), flush=True)

    def on_updated(stream, before, after):
        print('UPDATE', name(before), before.to_dict(), '->', after.to_dict(), flush=True)

    def on_deleted(stream, row):
        print('DELETE', name(row), row.to_dict(), flush=True)

    for detail in args.table or ['']:
        suffix = '::' + detail if detail else ''
        stream.connect('rows-inserted' + suffix, on_inserted)
        stream.connect('rows-updated' + suffix, on_updated)
        stream.connect('rows-deleted' + suffix, on_deleted)

    # run_async() reads on a thread of the library and emits the signals
    # here, on the main loop, which also watches SIGINT and SIGTERM.
    loop = GLib.MainLoop()
    failure = []

    def on_signal():
        stream.stop()
        return GLib.SOURCE_CONTINUE

    def on_finished(stream, result):
        try:
            stream.run_finish(result)
        except GLib.Error as e:
            failure.append(e.message)
        loop.quit()

    for signum in (signal.SIGINT, signal.SIGTERM):
        GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signum, on_signal)
    stream.run_async(None, on_finished)
    loop.run()
    if failure:
        print('watch-rows.py: %s' % failure[0], file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
