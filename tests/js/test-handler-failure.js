// SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A gjs handler that throws fails the stream's run (the gjs overrides in
// introspection/gjs, MysqlBinlog.Stream.fail): run(), run_finish() and
// runAsync() throw the handler's exception, the transaction it failed on
// is not checkpointed, and a restart from the position store delivers it
// again.  A TAP test against a throwaway MariaDB server; without the
// typelib it prints an empty plan with the reason (a skip).

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
const dir = GLib.dir_make_tmp('mysqlbinlog-jsfail-XXXXXX');
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

// Three transactions of two rows, one rows event each: 1 2 | 3 4 | 5 6.
function workload(name) {
    const table = `jsfail.${name}`;
    sql(`CREATE TABLE ${table} (id BIGINT PRIMARY KEY, txn INT)`);
    const work = {table, start: position(), after: []};
    for (let t = 0; t < 3; t++) {
        sql(`INSERT INTO ${table} VALUES (${2 * t + 1}, ${t + 1}), (${2 * t + 2}, ${t + 1})`);
        work.after.push(position().to_string());
    }
    return work;
}

let storeCount = 0;
function fileStore() {
    const file = Gio.File.new_for_path(`${dir}/position-${++storeCount}`);
    return MysqlBinlog.FilePositionStore.new(file);
}

function saved(store) {
    return store.load(null)?.to_string() ?? null;
}

let serverId = 7000;
function consumer(work, store, onRow = null) {
    const stream = new MysqlBinlog.Stream({
        socket: info.SOCKET, user: 'root', password: '', server_id: ++serverId,
        blocking: false, start_position: work.start, position_store: store,
    });
    const seen = {stream, ids: [], positions: []};
    stream.connect(`rows-inserted::${work.table}`, (s, row) => {
        const id = row.get_int64(0);
        seen.ids.push(id);
        if (onRow)
            onRow(s, id);
    });
    stream.connect('binlog-position', (_s, p) => seen.positions.push(p.to_string()));
    return seen;
}

function failOnThree(_s, id) {
    if (id === 3)
        throw new RangeError('cannot store row 3');
}

function assertFailedOnSecond(seen, work, store) {
    assertEqual(seen.ids, [1, 2, 3], 'rows');
    assertEqual(seen.positions, [work.after[0]], 'positions');
    assertEqual(seen.stream.get_position().to_string(), work.after[0], 'get_position()');
    assertEqual(saved(store), work.after[0], 'saved position');
}

function assertRestartRedelivers(work, store) {
    const again = consumer(work, store);
    assertEqual(again.stream.run(null), true, 'run() after the restart');
    assertEqual(again.ids, [3, 4, 5, 6], 'rows after the restart');
    assertEqual(saved(store), work.after[2], 'saved position after the restart');
}

function withLoop(start) {
    const loop = new GLib.MainLoop(null, false);
    const timeout = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 60, () => {
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });
    start(() => loop.quit());
    loop.run();
    GLib.source_remove(timeout);
}

const tests = [];
function test(name, fn) {
    tests.push({name, fn});
}

sql('CREATE DATABASE jsfail');

test('an exception thrown by a handler fails run()', () => {
    const work = workload('sync');
    const store = fileStore();
    const seen = consumer(work, store, failOnThree);
    let error = null;
    try {
        seen.stream.run(null);
    } catch (e) {
        error = e;
    }
    assert(error instanceof RangeError, `run() throws the handler's RangeError (${error})`);
    assertEqual(error.message, 'cannot store row 3', 'message');
    assert(error.stack.includes('failOnThree'), 'the handler\'s stack');
    assertFailedOnSecond(seen, work, store);
    assertRestartRedelivers(work, store);
});

test('a GLib.Error thrown, and fail() called twice: the first wins', () => {
    const work = workload('gerr');
    let store = fileStore();
    const thrown = new GLib.Error(GLib.quark_from_string('js-sink-error'), 3, 'the sink is down');
    let seen = consumer(work, store, (_s, id) => {
        if (id === 3)
            throw thrown;
    });
    let error = null;
    try {
        seen.stream.run(null);
    } catch (e) {
        error = e;
    }
    assert(error === thrown, `run() throws the handler's GLib.Error (${error})`);
    assertFailedOnSecond(seen, work, store);

    store = fileStore();
    seen = consumer(work, store, (s, id) => {
        if (id === 3) {
            s.fail(new GLib.Error(GLib.quark_from_string('js-sink-error'), 1, 'first'));
            s.fail(new GLib.Error(GLib.quark_from_string('js-sink-error'), 2, 'second'));
        }
    });
    error = null;
    try {
        seen.stream.run(null);
    } catch (e) {
        error = e;
    }
    assert(error instanceof GLib.Error, `a GLib.Error (${error})`);
    assertEqual([error.code, error.message], [1, 'first'], 'the first error');
    assertFailedOnSecond(seen, work, store);
    assertRestartRedelivers(work, store);
});

test('an exception thrown by a handler fails run_async()', () => {
    const work = workload('async');
    const store = fileStore();
    const seen = consumer(work, store, failOnThree);
    let outcome = null;
    withLoop(quit => {
        seen.stream.run_async(null, (s, result) => {
            try {
                outcome = s.run_finish(result);
            } catch (e) {
                outcome = e;
            }
            quit();
        });
    });
    assert(outcome instanceof RangeError, `run_finish() throws the RangeError (${outcome})`);
    assertFailedOnSecond(seen, work, store);
    assertRestartRedelivers(work, store);
});

test('runAsync() rejects with the exception', async () => {
    const work = workload('promise');
    const store = fileStore();
    const seen = consumer(work, store, failOnThree);
    // gjs runs the main loop while the module awaits
    const outcome = await seen.stream.runAsync(null).then(ok => ok, e => e);
    assert(outcome instanceof RangeError, `runAsync() rejects with the RangeError (${outcome})`);
    assertFailedOnSecond(seen, work, store);
    assertRestartRedelivers(work, store);
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
