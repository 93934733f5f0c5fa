// SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The Promise of Stream.runAsync() (the gjs overrides in introspection/gjs)
// and MysqlBinlog.TableModel from gjs, against a throwaway MariaDB server:
// the Promise resolves with true once a run read the binary log to its end,
// its model then holds the table's rows, and it rejects with the run's
// GLib.Error (a table model over a table without a primary key, an
// unreachable server).  A TAP test; without the typelib it prints an empty
// plan with the reason (a skip).

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import System from 'system';

let MysqlBinlog;
try {
    MysqlBinlog = (await import('gi://MysqlBinlog?version=1.0')).default;
} catch (e) {
    print(`1..0 # SKIP the MysqlBinlog-1.0 typelib is not available (${e.message}); ` +
          `GI_TYPELIB_PATH=${GLib.getenv('GI_TYPELIB_PATH')}`);
    System.exit(0);
}

function run(argv) {
    const proc = Gio.Subprocess.new(argv,
        Gio.SubprocessFlags.STDOUT_PIPE | Gio.SubprocessFlags.STDERR_PIPE);
    const [, out, err] = proc.communicate_utf8(null, null);
    if (!proc.get_successful())
        throw new Error(`${argv.join(' ')} failed: ${err}`);
    return out;
}

const script = GLib.getenv('MYSQL_BINLOG_TEST_SERVER_SCRIPT');
const dir = GLib.dir_make_tmp('mysqlbinlog-jsmodel-XXXXXX');
const pid = new Gio.Credentials().get_unix_pid();
const info = {};
for (const line of run(['/bin/bash', script, 'start', dir, '--owner', `${pid}`]).split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0)
        info[line.slice(0, eq)] = line.slice(eq + 1);
}
const client = GLib.find_program_in_path('mariadb') ?? GLib.find_program_in_path('mysql');

function sql(statements) {
    return run([client, '--no-defaults', '-uroot', '-S', info.SOCKET,
        '--default-character-set=utf8mb4', '--batch', '--skip-column-names',
        '-e', statements]).split('\n').filter(l => l).map(l => l.split('\t'));
}

function position() {
    const [file, offset] = sql('SHOW MASTER STATUS')[0];
    const [[gtid]] = sql(`SELECT BINLOG_GTID_POS('${file}', ${offset})`);
    return MysqlBinlog.Position.new_full(file, Number(offset), gtid);
}

function assertEqual(actual, expected, what = '') {
    const a = JSON.stringify(actual), e = JSON.stringify(expected);
    if (a !== e)
        throw new Error(`${what}: expected ${e}, got ${a}`);
}

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

let serverId = 7500;
function stream(start, props = {}) {
    return new MysqlBinlog.Stream({
        socket: info.SOCKET, user: 'root', password: '', server_id: ++serverId,
        blocking: false, start_position: start, ...props,
    });
}

const tests = [];
function test(name, fn) {
    tests.push({name, fn});
}

sql('CREATE DATABASE jsmodel');

test('runAsync() resolves, and the model holds the table', async () => {
    sql('CREATE TABLE jsmodel.t (id INT PRIMARY KEY, name VARCHAR(8))');
    const start = position();
    sql("INSERT INTO jsmodel.t VALUES (1, 'a'), (2, 'b'), (3, 'c');" +
        "UPDATE jsmodel.t SET name = 'bb' WHERE id = 2;" +
        'UPDATE jsmodel.t SET id = 30 WHERE id = 3;' +
        'DELETE FROM jsmodel.t WHERE id = 1');
    const s = stream(start);
    const model = MysqlBinlog.TableModel.new(s, 'jsmodel.t');
    const changes = [];
    model.connect('items-changed', (_m, pos, removed, added) => changes.push([pos, removed, added]));
    const ok = await s.runAsync(null);
    assertEqual(ok, true, 'the Promise resolves with true');
    const rows = [];
    for (let i = 0; i < model.get_n_items(); i++) {
        const record = model.get_item(i);
        rows.push([record.get_value('id').unpack(), record.dup_string('name')]);
    }
    assertEqual(rows, [[2, 'bb'], [30, 'c']], 'the model');
    assertEqual(changes, [[0, 0, 1], [1, 0, 1], [2, 0, 1], [2, 1, 1], [0, 1, 0]], 'items-changed');
    assertEqual(sql('SELECT id, name FROM jsmodel.t ORDER BY id').map(([i, n]) => [Number(i), n]),
        rows, 'SELECT *');
});

test('runAsync() rejects with the model\'s error', async () => {
    sql('CREATE TABLE jsmodel.nokey (a INT)');
    const start = position();
    sql('INSERT INTO jsmodel.nokey VALUES (1)');
    const s = stream(start);
    const model = MysqlBinlog.TableModel.new(s, 'jsmodel.nokey');
    const outcome = await s.runAsync(null).then(ok => ok, e => e);
    assert(outcome instanceof GLib.Error, `a GLib.Error (${outcome})`);
    assert(outcome.matches(MysqlBinlog.error_quark(), MysqlBinlog.Error.INVALID_ARGUMENT),
        `MYSQL_BINLOG_ERROR_INVALID_ARGUMENT (${outcome})`);
    assert(outcome.message.includes('jsmodel.nokey has no primary key'), outcome.message);
    assertEqual(model.get_error().message, outcome.message, 'get_error()');
});

test('runAsync() rejects when the server cannot be reached', async () => {
    const s = new MysqlBinlog.Stream({
        socket: `${dir}/no-such-socket`, user: 'root', password: '', server_id: ++serverId,
        blocking: false, reconnect_attempts: 0,
    });
    const outcome = await s.runAsync(null).then(ok => ok, e => e);
    assert(outcome instanceof GLib.Error, `a GLib.Error (${outcome})`);
    assert(outcome.matches(MysqlBinlog.error_quark(), MysqlBinlog.Error.CONNECTION_FAILED),
        `MYSQL_BINLOG_ERROR_CONNECTION_FAILED (${outcome})`);
});

print(`1..${tests.length}`);
let failed = 0;
for (const [i, {name, fn}] of tests.entries()) {
    try {
        // eslint-disable-next-line no-await-in-loop
        await fn();
        print(`ok ${i + 1} - ${name}`);
    } catch (e) {
        failed++;
        print(`not ok ${i + 1} - ${name}`);
        for (const line of `${e.message}\n${e.stack}`.split('\n'))
            print(`# ${line}`);
    }
}

run(['/bin/bash', script, 'stop', dir]);
System.exit(failed ? 1 : 0);
