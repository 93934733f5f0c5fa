#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# table-viewer.py: one table of a MySQL or MariaDB server, live, in a GTK 4
# window: a column view over a MysqlBinlog.TableModel, sortable by any
# column, with a status bar bound to the stream's state, position and lag.
#
#   table-viewer.py --socket /run/mysqld/mysqld.sock --user root shop.orders
#   table-viewer.py --host db --user replica --password secret shop.orders
#
# The stream runs with run_async(): it reads on a thread of the library and
# the model changes here, on the application's main loop.  Closing the
# window (or Ctrl-C, or the application's "quit" action) stops the stream
# and the application ends once the run has.
#
# --model-file PATH writes what the window shows to PATH as JSON whenever
# it changes (the state, the position and every row as text), for scripts
# and for the test that runs this example under a virtual display.

import argparse
import json
import os
import signal
import sys

import gi
gi.require_version('Gtk', '4.0')
gi.require_version('MysqlBinlog', '1.0')
from gi.repository import Gio, GLib, GObject, Gtk, MysqlBinlog, Pango  # noqa: E402

try:
    gi.require_version('Adw', '1')
    from gi.repository import Adw  # noqa: E402
except (ImportError, ValueError):
    Adw = None

APP_ID = 'org.libmysqlbinlog.TableViewer'


def parse_args(argv):
    parser = argparse.ArgumentParser(description='Show one table live.')
    parser.add_argument('table', metavar='SCHEMA.TABLE')
    parser.add_argument('--host', default='localhost')
    parser.add_argument('--port', type=int, default=3306)
    parser.add_argument('--socket')
    parser.add_argument('--user', default='root')
    parser.add_argument('--password', default=os.environ.get('MYSQL_PWD', ''))
    parser.add_argument('--server-id', type=int, default=4247)
    parser.add_argument('--start', help='FILE:POS (default: the current end)')
    parser.add_argument('--model-file', help='write what the window shows to this file')
    args = parser.parse_args(argv)
    if args.table.count('.') != 1:
        parser.error('the table is SCHEMA.TABLE')
    return args


def state_text(state):
    return state.value_nick if state is not None else ''


class TableViewer(Adw.Application if Adw else Gtk.Application):

    def __init__(self, args):
        super().__init__(application_id=APP_ID)
        self.args = args
        self.window = None
        self.error = None
        self.columns = []
        self.dump_source = 0
        self.bound = {}  # list item -> (record, its notify::row handler)

        self.stream = MysqlBinlog.Stream(
            host=args.host, port=args.port, socket=args.socket, user=args.user,
            password=args.password, server_id=args.server_id,
            start_position=MysqlBinlog.Position.from_string(args.start) if args.start else None)
        # With the library's snapshots the model starts with the rows the
        # table already has; without, with the rows changed from now on.
        if self.stream.find_property('snapshot') is not None and not args.start:
            self.stream.props.snapshot = MysqlBinlog.SnapshotMode.INITIAL
        self.model = MysqlBinlog.TableModel.new(self.stream, args.table)
        self.model.connect('items-changed', self.on_items_changed)

        quit_action = Gio.SimpleAction.new('quit', None)
        quit_action.connect('activate', lambda *_: self.close())
        self.add_action(quit_action)
        self.set_accels_for_action('app.quit', ['<Control>q', '<Control>w'])

    # {{{ The window

    def do_activate(self):
        if self.window is not None:
            self.window.present()
            return
        self.view = Gtk.ColumnView(show_column_separators=True, show_row_separators=True)
        self.sorted = Gtk.SortListModel(model=self.model, sorter=self.view.get_sorter())
        self.view.set_model(Gtk.NoSelection(model=self.sorted))
        scrolled = Gtk.ScrolledWindow(vexpand=True, child=self.view)

        self.placeholder = Gtk.Label(
            label='Waiting for the first change of %s' % self.args.table, vexpand=True)
        self.stack = Gtk.Stack()
        self.stack.add_named(self.placeholder, 'empty')
        self.stack.add_named(scrolled, 'table')

        self.state_label = Gtk.Label(xalign=0, hexpand=True)
        self.position_label = Gtk.Label(xalign=0)
        self.lag_label = Gtk.Label(xalign=1)
        self.rows_label = Gtk.Label(xalign=1)
        flags = GObject.BindingFlags.SYNC_CREATE
        self.stream.bind_property('state', self.state_label, 'label', flags,
                                  lambda _b, state: state_text(state))
        self.stream.bind_property(
            'position', self.position_label, 'label', flags,
            lambda _b, position: position.to_string() if position is not None else '')
        self.stream.bind_property('lag', self.lag_label, 'label', flags,
                                  lambda _b, lag: 'lag %.1f s' % lag)
        self.stream.connect('notify::state', lambda *_: self.schedule_dump())
        self.stream.connect('notify::position', lambda *_: self.schedule_dump())

        status = Gtk.Box(spacing=12, margin_start=12, margin_end=12,
                         margin_top=6, margin_bottom=6)
        for label in (self.state_label, self.position_label, self.rows_label, self.lag_label):
            status.append(label)

        content = Gtk.Box(orientation=Gtk.Orientation.VERTICAL)
        if Adw:
            header = Adw.HeaderBar(title_widget=Adw.WindowTitle(
                title=self.args.table, subtitle=self.args.socket or self.args.host))
            content.append(header)
            self.window = Adw.ApplicationWindow(application=self, content=content)
        else:
            self.window = Gtk.ApplicationWindow(application=self, child=content,
                                                title=self.args.table)
        content.append(self.stack)
        content.append(Gtk.Separator())
        content.append(status)
        self.window.set_default_size(720, 420)
        self.window.connect('close-request', self.on_close_request)
        self.update_rows()
        self.window.present()

        self.hold()  # released when the run has ended
        self.stream.run_async(None, self.on_run_finished)

    def add_columns(self, names):
        for name in names:
            factory = Gtk.SignalListItemFactory()
            factory.connect('setup', self.on_setup_cell)
            factory.connect('bind', self.on_bind_cell, name)
            factory.connect('unbind', self.on_unbind_cell)
            column = Gtk.ColumnViewColumn(title=name, factory=factory, resizable=True,
                                          expand=True)
            column.set_sorter(Gtk.CustomSorter.new(self.compare, name))
            self.view.append_column(column)
            self.columns.append(name)
        # Sorted by the first column (usually the primary key) to begin with.
        self.view.sort_by_column(self.view.get_columns().get_item(0), Gtk.SortType.ASCENDING)
        self.stack.set_visible_child_name('table')

    @staticmethod
    def compare(a, b, name):
        va, vb = a.get_value(name), b.get_value(name)
        if va is None or vb is None:
            return (va is not None) - (vb is not None)
        va, vb = va.unpack(), vb.unpack()
        try:
            return (va > vb) - (va < vb)
        except TypeError:
            return (str(va) > str(vb)) - (str(va) < str(vb))

    def on_setup_cell(self, factory, item):
        item.set_child(Gtk.Label(xalign=0, ellipsize=Pango.EllipsizeMode.END))

    def on_bind_cell(self, factory, item, name):
        record = item.get_item()
        label = item.get_child()

        def show(*_):
            text = record.dup_string(name)
            label.set_text('NULL' if text is None else text)

        show()
        # An update changes the record in place: follow it.
        self.bound[item] = (record, record.connect('notify::row', show))

    def on_unbind_cell(self, factory, item):
        record, handler = self.bound.pop(item, (None, 0))
        if record is not None:
            record.disconnect(handler)

    # }}}

    # {{{ The model and the stream

    def on_items_changed(self, model, position, removed, added):
        if not self.columns and model.get_n_items() > 0 and self.window is not None:
            self.add_columns(model.get_item(0).props.row.get_column_names())
        self.update_rows()
        self.schedule_dump()

    def update_rows(self):
        if self.window is not None:
            self.rows_label.set_label('%d rows' % self.model.get_n_items())

    def on_run_finished(self, stream, result):
        try:
            stream.run_finish(result)
        except GLib.Error as e:
            self.error = e.message
            print('table-viewer.py: %s' % e.message, file=sys.stderr)
        self.dump()
        self.release()
        if self.window is not None:
            self.window.destroy()

    def on_close_request(self, window):
        # Keep the window until the run has ended: it shows "stopped".
        self.stream.stop()
        return self.stream.props.state != MysqlBinlog.StreamState.STOPPED

    def close(self):
        if self.window is not None:
            self.window.close()
        else:
            self.stream.stop()

    # }}}

    # {{{ --model-file

    def schedule_dump(self):
        if self.args.model_file and not self.dump_source:
            self.dump_source = GLib.timeout_add(50, self.dump)

    def dump(self):
        self.dump_source = 0
        if not self.args.model_file:
            return GLib.SOURCE_REMOVE
        rows = []
        for i in range(self.sorted.get_n_items() if self.window else 0):
            record = self.sorted.get_item(i)
            row = record.props.row
            rows.append({name: record.dup_string(name) for name in row.get_column_names()})
        position = self.stream.props.position
        shown = {
            'state': state_text(self.stream.props.state),
            'position': position.to_string() if position is not None else None,
            'status': [self.state_label.get_label(), self.position_label.get_label(),
                       self.rows_label.get_label(), self.lag_label.get_label()]
            if self.window else [],
            'columns': self.columns,
            'rows': rows,
            'error': self.error,
        }
        GLib.file_set_contents(self.args.model_file, json.dumps(shown).encode())
        return GLib.SOURCE_REMOVE

    # }}}


def main():
    args = parse_args(sys.argv[1:])
    app = TableViewer(args)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGINT, lambda: app.close() or True)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, lambda: app.close() or True)
    status = app.run([sys.argv[0]])
    return 1 if app.error else status


if __name__ == '__main__':
    sys.exit(main())
