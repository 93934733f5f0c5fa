// SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// watch-rows.js: prints every row a MySQL or MariaDB server changes, one
// line per row, like watch-rows.c.  Run it with gjs -m:
//
//   gjs -m watch-rows.js --socket /run/mysqld/mysqld.sock --user root
//   gjs -m watch-rows.js --host db --user replica --password secret --table shop.orders
//
// The stream runs with run_async(): the network and the decoding happen
// in another thread, and the signals arrive here, on the main loop.

import GLib from 'gi://GLib';
import MysqlBinlog from 'gi://MysqlBinlog?version=1.0';
import System from 'system';

const options = {host: 'localhost', port: '3306', socket: null, user: 'root',
    password: '', 'server-id': '4244', start: null, table: []};
let blocking = true;
for (let i = 0; i < ARGV.length; i++) {
    const name = ARGV[i].replace(/^--/, '');
    if (name === 'non-blocking')
        blocking = false;
    else if (name === 'table')
        options.table.push(ARGV[++i]);
    else if (name in options)
        options[name] = ARGV[++i];
    else
        throw new Error(`unknown option ${ARGV[i]}`);
}

const stream = new MysqlBinlog.Stream({
    host: options.host, port: Number(options.port), socket: options.socket,
    user: options.user, password: options.password,
    server_id: Number(options['server-id']), blocking,
    start_position: options.start ? MysqlBinlog.Position.from_string(options.start) : null,
});

// Every value as text, the way MySQL prints it: exact for BIGINT UNSIGNED
// and DECIMAL, which JavaScript Numbers cannot hold.
function text(row) {
    const fields = [];
    for (let i = 0; i < row.get_n_columns(); i++) {
        const value = row.dup_string(i);
        fields.push(`${row.get_column_name(i)}: ${value === null ? 'NULL' : `'${value}'`}`);
    }
    return `${row.get_schema()}.${row.get_table()} {${fields.join(', ')}}`;
}

for (const detail of options.table.length ? options.table : ['']) {
    const suffix = detail ? `::${detail}` : '';
    stream.connect(`rows-inserted${suffix}`, (_s, row) => print(`INSERT ${text(row)}`));
    stream.connect(`rows-updated${suffix}`, (_s, before, after) =>
        print(`UPDATE ${text(before)} -> ${text(after).replace(/^\S+ /, '')}`));
    stream.connect(`rows-deleted${suffix}`, (_s, row) => print(`DELETE ${text(row)}`));
}

const loop = new GLib.MainLoop(null, false);
let status = 0;
for (const signum of [2, 15]) { // SIGINT, SIGTERM
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signum, () => {
        stream.stop();
        return GLib.SOURCE_CONTINUE;
    });
}

stream.run_async(null, (_s, result) => {
    try {
        _s.run_finish(result);
    } catch (e) {
        printerr(`watch-rows.js: ${e.message}`);
        status = 1;
    }
    loop.quit();
});
loop.run();
System.exit(status);
