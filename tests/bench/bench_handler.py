#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The Python contender of the benchmark: reads a binary log to its end
# through PyGObject and turns every row into a dict, with the fastest call
# the binding offers.  Prints the same line of counts as bench-reader.
#
#   bench_handler.py --socket PATH --start FILE:POS [--server-id N]
#   bench_handler.py --file PATH
#
# Exits 77 when the gi module or the typelib is missing.

import argparse
import os
import sys
import time

SKIP = 77

try:
    import gi
    gi.require_version('MysqlBinlog', '1.0')
    from gi.repository import Gio, MysqlBinlog  # noqa: E402
except (ImportError, ValueError) as e:
    print('SKIP: PyGObject or the MysqlBinlog-1.0 typelib is not available '
          'to %s (%s); GI_TYPELIB_PATH=%s'
          % (sys.executable, e, os.environ.get('GI_TYPELIB_PATH', '')),
          file=sys.stderr)
    sys.exit(SKIP)


def row_to_dict_function():
    """The fastest row -> dict call this version of the binding offers."""
    for name in ('to_dict', 'as_dict'):
        if hasattr(MysqlBinlog.Row, name):
            method = getattr(MysqlBinlog.Row, name)
            return name, method
    return 'to_variant().unpack()', lambda row: row.to_variant().unpack()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--socket')
    parser.add_argument('--file')
    parser.add_argument('--start')
    parser.add_argument('--server-id', type=int, default=4343)
    args = parser.parse_args()

    if args.file:
        if not hasattr(MysqlBinlog.Stream, 'new_for_file'):
            print('SKIP: this build cannot read binlog files', file=sys.stderr)
            return SKIP
        stream = MysqlBinlog.Stream.new_for_file(Gio.File.new_for_path(args.file))
    elif args.socket:
        props = dict(socket=args.socket, user='root', password='',
                     server_id=args.server_id, blocking=False)
        if args.start:
            file, offset = args.start.rsplit(':', 1)
            props['start_position'] = MysqlBinlog.Position.new(file, int(offset))
        stream = MysqlBinlog.Stream(**props)
    else:
        parser.error('give --socket or --file')

    how, to_dict = row_to_dict_function()
    counts = {'inserted': 0, 'updated': 0, 'deleted': 0, 'values': 0}

    def on_inserted(stream, row):
        counts['values'] += len(to_dict(row))
        counts['inserted'] += 1

    def on_updated(stream, before, after):
        counts['values'] += len(to_dict(before)) + len(to_dict(after))
        counts['updated'] += 1

    def on_deleted(stream, row):
        counts['values'] += len(to_dict(row))
        counts['deleted'] += 1

    stream.connect('rows-inserted', on_inserted)
    stream.connect('rows-updated', on_updated)
    stream.connect('rows-deleted', on_deleted)

    begin = time.monotonic()
    stream.run(None)
    seconds = time.monotonic() - begin

    print('rows=%d inserted=%d updated=%d deleted=%d values=%d seconds=%.3f how=%s'
          % (counts['inserted'] + counts['updated'] + counts['deleted'],
             counts['inserted'], counts['updated'], counts['deleted'],
             counts['values'], seconds, how))
    return 0


if __name__ == '__main__':
    sys.exit(main())
