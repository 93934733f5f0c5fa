// SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// table-viewer.js: the gjs twin of table-viewer.py. One table of a MySQL or
// MariaDB server, live, in a GTK 4 window: a column view over a
// MysqlBinlog.TableModel, sortable by any column, with a status bar bound to
// the stream's state, position and lag.
//
//   gjs -m table-viewer.js --socket /run/mysqld/mysqld.sock --user root shop.orders
//
// Closing the window (or Ctrl-C, or the application's "quit" action) stops
// the stream; the application ends once the run has.  --model-file PATH
// writes what the window shows to PATH as JSON whenever it changes.

import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import Gtk from 'gi://Gtk?version=4.0';
import MysqlBinlog from 'gi://MysqlBinlog?version=1.0';
import Pango from 'gi://Pango';
import System from 'system';

// libadwaita when it is installed, else plain GTK.  Not through a
// top-level `await import()`: app.run() would then run inside a promise
// job, and no other promise (runAsync()'s) could settle until it returned.
let Adw = null;
try {
    imports.gi.versions.Adw = '1';
    Adw = imports.gi.Adw;
} catch (e) {
    Adw = null;
}

const APP_ID = 'org.libmysqlbinlog.TableViewer';

function parseArgs(argv) {
    const args = {host: 'localhost', port: '3306', socket: null, user: 'root',
        password: GLib.getenv('MYSQL_PWD') ?? '', 'server-id': '4248', start: null,
        'model-file': null, table: null};
    for (let i = 0; i < argv.length; i++) {
        const name = argv[i].replace(/^--/, '');
        if (!argv[i].startsWith('--') && args.table === null)
            args.table = argv[i];
        else if (name in args && name !== 'table')
            args[name] = argv[++i];
        else
            throw new Error(`unknown option ${argv[i]}`);
    }
    if (args.table === null || args.table.split('.').length !== 2)
        throw new Error('usage: table-viewer.js [OPTIONS] SCHEMA.TABLE');
    return args;
}

function stateText(state) {
    for (const [name, value] of Object.entries(MysqlBinlog.StreamState)) {
        if (value === state)
            return name.toLowerCase();
    }
    return '';
}

function compareValues(a, b) {
    if (a === null || b === null)
        return (a !== null) - (b !== null);
    const va = a.recursiveUnpack(), vb = b.recursiveUnpack();
    if (typeof va === typeof vb)
        return (va > vb) - (va < vb);
    return (String(va) > String(vb)) - (String(va) < String(vb));
}

const args = parseArgs(ARGV);
const Application = Adw ? Adw.Application : Gtk.Application;
const app = new Application({application_id: APP_ID});

const stream = new MysqlBinlog.Stream({
    host: args.host, port: Number(args.port), socket: args.socket, user: args.user,
    password: args.password, server_id: Number(args['server-id']),
    start_position: args.start ? MysqlBinlog.Position.from_string(args.start) : null,
});
// With the library's snapshots the model starts with the rows the table
// already has; without, with the rows changed from now on.
if ('snapshot' in stream && !args.start)
    stream.snapshot = MysqlBinlog.SnapshotMode.INITIAL;
const model = MysqlBinlog.TableModel.new(stream, args.table);

let window = null, view = null, sorted = null, stack = null, error = null;
const columns = [];
const labels = {};
let dumpSource = 0;

function dump() {
    dumpSource = 0;
    if (!args['model-file'])
        return GLib.SOURCE_REMOVE;
    const rows = [];
    for (let i = 0; window && i < sorted.get_n_items(); i++) {
        const record = sorted.get_item(i);
        const row = {};
        for (const name of record.row.get_column_names())
            row[name] = record.dup_string(name);
        rows.push(row);
    }
    const position = stream.position;
    const shown = {
        state: stateText(stream.state),
        position: position ? position.to_string() : null,
        status: window ? ['state', 'position', 'rows', 'lag'].map(k => labels[k].label) : [],
        columns, rows, error,
    };
    GLib.file_set_contents(args['model-file'], JSON.stringify(shown));
    return GLib.SOURCE_REMOVE;
}

function scheduleDump() {
    if (args['model-file'] && !dumpSource)
        dumpSource = GLib.timeout_add(GLib.PRIORITY_DEFAULT, 50, dump);
}

function updateRows() {
    if (window)
        labels.rows.label = `${model.get_n_items()} rows`;
}

function addColumns(names) {
    for (const name of names) {
        const factory = new Gtk.SignalListItemFactory();
        const bound = new Map();
        factory.connect('setup', (_f, item) => {
            item.child = new Gtk.Label({xalign: 0, ellipsize: Pango.EllipsizeMode.END});
        });
        factory.connect('bind', (_f, item) => {
            const record = item.item;
            const show = () => {
                const text = record.dup_string(name);
                item.child.label = text === null ? 'NULL' : text;
            };
            show();
            // An update changes the record in place: follow it.
            bound.set(item, [record, record.connect('notify::row', show)]);
        });
        factory.connect('unbind', (_f, item) => {
            const [record, id] = bound.get(item) ?? [null, 0];
            if (record)
                record.disconnect(id);
            bound.delete(item);
        });
        const column = new Gtk.ColumnViewColumn({title: name, factory, resizable: true,
            expand: true});
        column.sorter = Gtk.CustomSorter.new((a, b) =>
            compareValues(a.get_value(name), b.get_value(name)));
        view.append_column(column);
        columns.push(name);
    }
    // Sorted by the first column (usually the primary key) to begin with.
    view.sort_by_column(view.columns.get_item(0), Gtk.SortType.ASCENDING);
    stack.visible_child_name = 'table';
}

function close() {
    if (window)
        window.close();
    else
        stream.stop();
}

model.connect('items-changed', () => {
    if (!columns.length && model.get_n_items() > 0 && window)
        addColumns(model.get_item(0).row.get_column_names());
    updateRows();
    scheduleDump();
});

const quit = new Gio.SimpleAction({name: 'quit'});
quit.connect('activate', close);
app.add_action(quit);
app.set_accels_for_action('app.quit', ['<Control>q', '<Control>w']);

app.connect('activate', () => {
    if (window) {
        window.present();
        return;
    }
    view = new Gtk.ColumnView({show_column_separators: true, show_row_separators: true});
    sorted = new Gtk.SortListModel({model, sorter: view.sorter});
    view.model = new Gtk.NoSelection({model: sorted});
    stack = new Gtk.Stack();
    stack.add_named(new Gtk.Label({
        label: `Waiting for the first change of ${args.table}`, vexpand: true,
    }), 'empty');
    stack.add_named(new Gtk.ScrolledWindow({vexpand: true, child: view}), 'table');

    labels.state = new Gtk.Label({xalign: 0, hexpand: true});
    labels.position = new Gtk.Label({xalign: 0});
    labels.rows = new Gtk.Label({xalign: 1});
    labels.lag = new Gtk.Label({xalign: 1});
    const flags = GObject.BindingFlags.SYNC_CREATE;
    stream.bind_property_full('state', labels.state, 'label', flags,
        (_b, state) => [true, stateText(state)], null);
    stream.bind_property_full('position', labels.position, 'label', flags,
        (_b, position) => [true, position ? position.to_string() : ''], null);
    stream.bind_property_full('lag', labels.lag, 'label', flags,
        (_b, lag) => [true, `lag ${lag.toFixed(1)} s`], null);
    stream.connect('notify::state', scheduleDump);
    stream.connect('notify::position', scheduleDump);

    const status = new Gtk.Box({spacing: 12, margin_start: 12, margin_end: 12,
        margin_top: 6, margin_bottom: 6});
    for (const key of ['state', 'position', 'rows', 'lag'])
        status.append(labels[key]);

    const content = new Gtk.Box({orientation: Gtk.Orientation.VERTICAL});
    if (Adw) {
        content.append(new Adw.HeaderBar({
            title_widget: new Adw.WindowTitle({title: args.table,
                subtitle: args.socket ?? args.host}),
        }));
        window = new Adw.ApplicationWindow({application: app, content});
    } else {
        window = new Gtk.ApplicationWindow({application: app, child: content,
            title: args.table});
    }
    content.append(stack);
    content.append(new Gtk.Separator());
    content.append(status);
    window.set_default_size(720, 420);
    window.connect('close-request', () => {
        // Keep the window until the run has ended: it shows "stopped".
        stream.stop();
        return stream.state !== MysqlBinlog.StreamState.STOPPED;
    });
    updateRows();
    window.present();

    app.hold(); // released when the run has ended
    stream.runAsync(null).catch(e => {
        error = e.message;
        printerr(`table-viewer.js: ${e.message}`);
    }).finally(() => {
        dump();
        app.release();
        window.destroy();
    });
});

for (const signum of [2, 15]) { // SIGINT, SIGTERM
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signum, () => {
        close();
        return GLib.SOURCE_CONTINUE;
    });
}
const status = app.run([System.programInvocationName]);
System.exit(error ? 1 : status);
