#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# replicate-orders.py: per-table handlers and replication from a position
# file, the way the blinker-based Python replication libraries are used:
# connect a handler to each table's signals, then start replication with
# a file that remembers the binlog position.  Stopped and started again,
# it continues where it stopped: no change is lost.
#
#   replicate-orders.py --socket /run/mysqld/mysqld.sock --position-file orders.pos
#   replicate-orders.py --host db --user replica --password secret \
#       --position-file orders.pos --start mariadb-bin.000001:4 --non-blocking

import argparse
import signal
import sys

import gi
gi.require_version('MysqlBinlog', '1.0')
from gi.repository import Gio, GLib, MysqlBinlog  # noqa: E402

parser = argparse.ArgumentParser(description='Replicate shop.orders and shop.customers.')
parser.add_argument('--host', default='localhost')
parser.add_argument('--port', type=int, default=3306)
parser.add_argument('--socket')
parser.add_argument('--user', default='root')
parser.add_argument('--password', default='')
parser.add_argument('--server-id', type=int, default=4246)
parser.add_argument('--schema', default='shop')
parser.add_argument('--position-file', required=True,
                    help='where the position is kept between runs')
parser.add_argument('--start', help='FILE:POS to start from when the file is empty')
parser.add_argument('--non-blocking', action='store_true',
                    help='stop at the current end of the binary log')
args = parser.parse_args()

stream = MysqlBinlog.Stream(
    host=args.host, port=args.port, socket=args.socket, user=args.user,
    password=args.password, server_id=args.server_id, blocking=not args.non_blocking)


def on(signal_name, table):
    """@on('rows-inserted', 'orders'): a handler of one table of the schema."""
    return stream.on(signal_name, '%s.%s' % (args.schema, table))


# The handlers: one per table and kind of change.

@on('rows-inserted', 'orders')
def order_created(stream, row):
    print('new order %(id)s for %(customer)s: %(total)s' % row.to_dict(), flush=True)


@on('rows-updated', 'orders')
def order_changed(stream, before, after):
    old, new = before.to_dict(), after.to_dict()
    changes = ', '.join('%s %r -> %r' % (k, old[k], new[k]) for k in before.changed_columns(after))
    print('order %s changed: %s' % (new['id'], changes), flush=True)


@on('rows-deleted', 'orders')
def order_deleted(stream, row):
    print('order %s deleted' % row['id'], flush=True)


@on('rows-inserted', 'customers')
def customer_created(stream, row):
    print('new customer %(name)s' % row.to_dict(), flush=True)


# Replication: start from the saved position and save it after each
# committed transaction, once its handlers have returned.
if hasattr(MysqlBinlog, 'FilePositionStore'):
    store = MysqlBinlog.FilePositionStore.new(Gio.File.new_for_path(args.position_file))
    stream.props.position_store = store
    if args.start:
        stream.props.start_position = MysqlBinlog.Position.from_string(args.start)
else:
    # A library without position stores: the same by hand.
    try:
        saved = open(args.position_file).read().strip()
    except FileNotFoundError:
        saved = args.start
    if saved:
        stream.props.start_position = MysqlBinlog.Position.from_string(saved)
    stream.connect('binlog-position', lambda stream, position: GLib.file_set_contents(
        args.position_file, (position.to_string() + '\n').encode()))

# run_async() reads on a thread of the library and emits the signals here,
# on the main loop, which also watches SIGINT and SIGTERM: stop() ends the
# run after the last committed transaction's position was saved.
loop = GLib.MainLoop()
failure = []


def on_finished(stream, result):
    try:
        stream.run_finish(result)
    except GLib.Error as e:
        failure.append(e.message)
    loop.quit()


def on_signal():
    stream.stop()
    return GLib.SOURCE_CONTINUE


for signum in (signal.SIGINT, signal.SIGTERM):
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signum, on_signal)
stream.run_async(None, on_finished)
loop.run()
if failure:
    sys.exit('replicate-orders.py: %s' % failure[0])
