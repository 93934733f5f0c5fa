#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The Python contender of the benchmark: reads a binary log to its end
# through PyGObject and turns every row into a dict, with the fastest call
# the binding offers (or the one --how names).  Prints the same line of
# counts as bench-reader.
#
#   bench_handler.py --socket PATH --start FILE:POS [--server-id N] [--how HOW]
#   bench_handler.py --file PATH [--how HOW]
#
# HOW: fastest (a native row -> dict method when the binding has one, the
# typed accessors otherwise), accessors, variant (to_variant().unpack()),
# batched (the rows of each rows event at once, as lists of dicts, through
# the overrides' stream.on_rows()), or count (a handler per row that only
# counts it: what one signal emission into Python costs, the floor of
# every per-row reader).
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


def dict_through_accessors():
    """Builds the dict with one typed accessor per column, chosen once per
    table.  The values are those of to_variant().unpack() for every column
    type except SET (text joined by ',' here, a list there) and binary
    strings (0x... text here, bytes there)."""
    T = MysqlBinlog.ColumnType
    Row = MysqlBinlog.Row
    integers = {T.TINY, T.SHORT, T.INT24, T.LONG, T.LONGLONG, T.YEAR}
    plans = {}

    def plan(row):
        key = (row.get_schema(), row.get_table())
        columns = plans.get(key)
        if columns is None:
            columns = []
            for i in range(row.get_n_columns()):
                kind = row.get_column_type(i)
                if kind in integers:
                    get = Row.get_uint64 if row.get_column_is_unsigned(i) else Row.get_int64
                elif kind in (T.FLOAT, T.DOUBLE):
                    get = Row.get_double
                else:
                    get = Row.dup_string
                # dup_string() gives None for NULL by itself; the numeric
                # getters give 0, so those ask is_null() first.
                columns.append((row.get_column_name(i), i, get, get is not Row.dup_string))
            plans[key] = columns
        return columns

    def to_dict(row):
        return {name: None if check_null and row.is_null(i) else get(row, i)
                for name, i, get, check_null in plan(row)}

    return to_dict


def row_to_dict_function(how):
    """The row -> dict call: HOW, or with 'fastest' the fastest one this
    version of the binding offers."""
    if how == 'fastest':
        for name in ('to_dict', 'as_dict'):
            if hasattr(MysqlBinlog.Row, name):
                return name, getattr(MysqlBinlog.Row, name)
        how = 'accessors'
    if how == 'accessors':
        return 'typed accessors', dict_through_accessors()
    return 'to_variant().unpack()', lambda row: row.to_variant().unpack()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--socket')
    parser.add_argument('--file')
    parser.add_argument('--start')
    parser.add_argument('--server-id', type=int, default=4343)
    parser.add_argument('--how', choices=('fastest', 'accessors', 'variant', 'batched', 'count'),
                        default='fastest',
                        help='how rows become dicts (default: the fastest way available)')
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

    counts = {'inserted': 0, 'updated': 0, 'deleted': 0, 'values': 0}
    if args.how == 'batched':
        how = connect_batched(stream, counts)
    elif args.how == 'count':
        how = connect_counting(stream, counts)
    else:
        how = connect_per_row(stream, counts, args.how)

    begin = time.monotonic()
    stream.run(None)
    seconds = time.monotonic() - begin

    print('rows=%d inserted=%d updated=%d deleted=%d values=%d seconds=%.3f how=%s'
          % (counts['inserted'] + counts['updated'] + counts['deleted'],
             counts['inserted'], counts['updated'], counts['deleted'],
             counts['values'], seconds, how.replace(' ', '_')))
    return 0


def connect_batched(stream, counts):
    """A handler per rows event, given the event's rows as dicts."""
    if not hasattr(stream, 'on_rows'):
        print('SKIP: these overrides cannot deliver rows in batches', file=sys.stderr)
        sys.exit(SKIP)

    @stream.on_rows('rows-inserted')
    def on_inserted(stream, rows):
        for row in rows:
            counts['values'] += len(row)
        counts['inserted'] += len(rows)

    @stream.on_rows('rows-updated')
    def on_updated(stream, pairs):
        for before, after in pairs:
            counts['values'] += len(before) + len(after)
        counts['updated'] += len(pairs)

    @stream.on_rows('rows-deleted')
    def on_deleted(stream, rows):
        for row in rows:
            counts['values'] += len(row)
        counts['deleted'] += len(rows)

    return 'on_rows'


def connect_counting(stream, counts):
    """A handler per row that reads nothing of it."""
    def on_inserted(stream, row):
        counts['inserted'] += 1

    def on_updated(stream, before, after):
        counts['updated'] += 1

    def on_deleted(stream, row):
        counts['deleted'] += 1

    stream.connect('rows-inserted', on_inserted)
    stream.connect('rows-updated', on_updated)
    stream.connect('rows-deleted', on_deleted)
    return 'counting handler'


def connect_per_row(stream, counts, how):
    """A handler per row."""
    how, to_dict = row_to_dict_function(how)

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
    return how


if __name__ == '__main__':
    sys.exit(main())
