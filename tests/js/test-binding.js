// SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The JavaScript binding (gjs -m) against a throwaway MariaDB server, as a
// TAP test: rows as objects, exact 64-bit and DECIMAL values as strings,
// every signal, the detailed signal, filters, a position store written in
// JavaScript and run_async under a GLib main loop.  Without the MysqlBinlog
// typelib it prints an empty TAP plan with the reason, which meson reports
// as a skipped test.

import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import Gio from 'gi://Gio';
import System from 'system';

let MysqlBinlog;
try {
    MysqlBinlog = (await import('gi://MysqlBinlog?version=1.0')).default;
} catch (e) {
    print(`1..0 # SKIP the MysqlBinlog-1.0 typelib is not available (${e.message}); ` +
          `GI_TYPELIB_PATH=${GLib.getenv('GI_TYPELIB_PATH')}`);
    System.exit(0);  // a TAP plan of 0 tests with a reason: a skip
}

const HAS_STORE = 'PositionStore' in MysqlBinlog;
const HAS_ASYNC = typeof MysqlBinlog.Stream.prototype.run_async === 'function';

// The throwaway server --------------------------------------------------

function run(argv) {
    const proc = Gio.Subprocess.new(argv,
        Gio.SubprocessFlags.STDOUT_PIPE | Gio.SubprocessFlags.STDERR_PIPE);
    const [, out, err] = proc.communicate_utf8(null, null);
    if (!proc.get_successful())
        throw new Error(`${argv.join(' ')} failed: ${err}`);
    return out;
}

const script = GLib.getenv('MYSQL_BINLOG_TEST_SERVER_SCRIPT');
const dir = GLib.dir_make_tmp('mysqlbinlog-js-XXXXXX');
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
    return MysqlBinlog.Position.new(file, Number(offset));
}

// FILE:OFFSET of a position, without the GTID it may also carry.
function where(p) {
    return `${p.get_file()}:${p.get_offset()}`;
}

let serverId = 6000;
function stream(start, props = {}) {
    return new MysqlBinlog.Stream({
        socket: info.SOCKET, user: 'root', password: '', server_id: ++serverId,
        blocking: false, start_position: start, ...props,
    });
}

// TAP --------------------------------------------------------------------

const tests = [];
function test(name, fn, skip = null) {
    tests.push({name, fn, skip});
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

// The tests ----------------------------------------------------------------

sql(`SET GLOBAL binlog_row_metadata = 'FULL';
     CREATE DATABASE js;
     CREATE TABLE js.v (id INT PRIMARY KEY, u BIGINT UNSIGNED, bi BIGINT,
       d DECIMAL(30,10), f DOUBLE, s VARCHAR(20) CHARACTER SET utf8mb4,
       b VARBINARY(8), st SET('a','b','c'), dt DATETIME, n INT);
     CREATE TABLE js.other (id INT PRIMARY KEY);
     CREATE DATABASE jsskip;
     CREATE TABLE jsskip.t (id INT PRIMARY KEY)`);

test('a row as an object, with native values', () => {
    const start = position();
    sql(`INSERT INTO js.v VALUES (1, 18446744073709551615, -9007199254740993,
           12345678901234567890.0123456789, -0.5, 'héllo 😀', x'00ff', 'c,a',
           '2024-02-29 13:45:00', NULL)`);
    const checks = [];
    const s = stream(start);
    s.connect('rows-inserted', (_s, row) => {
        try {
            checks.push(checkRow(row));
        } catch (e) {
            checks.push(e);
        }
    });
    assert(s.run(null), 'run() returns true');
    assertEqual(checks.length, 1, 'rows');
    if (checks[0] !== true)
        throw checks[0];
});

function checkRow(row) {
    const values = row.to_variant().recursiveUnpack();
    assertEqual(values.id, 1, 'id');
    assertEqual(values.f, -0.5, 'f');
    assertEqual(values.s, 'héllo 😀', 's');
    assertEqual(Array.from(values.b), [0, 255], 'b');
    assertEqual(values.st, ['a', 'c'], 'st');
    assertEqual(values.dt, '2024-02-29 13:45:00', 'dt');
    assertEqual(values.n, null, 'n');
    assertEqual(values.d, '12345678901234567890.0123456789', 'd');

    // Exact 64-bit values as strings: Numbers cannot hold them.
    assertEqual(row.dup_string(row.get_column_index('u')), '18446744073709551615', 'u');
    assertEqual(row.dup_string(row.get_column_index('bi')), '-9007199254740993', 'bi');
    assert(BigInt(row.dup_string(row.get_column_index('u'))) === 18446744073709551615n,
        'u as BigInt');
    assert(row.is_null(row.get_column_index('n')), 'n is NULL');

    // One call gives the row as an object, its values as GValues that gjs
    // converts natively; the names in column order come separately.
    assertEqual(row.get_column_names(), ['id', 'u', 'bi', 'd', 'f', 's', 'b', 'st', 'dt', 'n'],
        'names');
    const object = row.to_hash_table();
    assertEqual(Object.keys(object).sort(), ['b', 'bi', 'd', 'dt', 'f', 'id', 'n', 's', 'st', 'u'],
        'to_hash_table keys');
    assertEqual(object.id, 1, 'to_hash_table id');
    assertEqual(object.s, 'héllo 😀', 'to_hash_table s');
    assertEqual(object.st, ['a', 'c'], 'to_hash_table st');
    assertEqual(object.n, null, 'to_hash_table n');
    assertEqual(object.d, '12345678901234567890.0123456789', 'to_hash_table d');
    assertEqual(Array.from(object.b.deepUnpack()), [0, 255], 'to_hash_table b');
    assertEqual(row.get_column_value(0), 1, 'get_column_value id');
    assertEqual(row.get_column_value(9), null, 'get_column_value n');
    return true;
}

test('the rows of a rows event at once (rows-inserted-batch)', () => {
    const start = position();
    sql(`INSERT INTO js.v VALUES
           (11, 18446744073709551615, -5, 1.5, -0.5, 'héllo 😀', x'00ff', 'c,a',
            '2024-02-29 13:45:00', 7),
           (12, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
           (13, 1, 2, -3.25, 1e300, '', x'', '', '1000-01-01 00:00:00', 0)`);
    const s = stream(start, {only_tables: ['js.v']});
    const order = [], perRow = [], batched = [];
    s.connect('rows-inserted::js.v', (_s, row) => {
        order.push('row');
        perRow.push(row.to_variant().recursiveUnpack());
    });
    s.connect('rows-inserted-batch::js.v', (_s, batch) => {
        order.push('batch');
        try {
            assertEqual(batch.get_n_rows(), 3, 'n_rows');
            assertEqual([batch.get_schema(), batch.get_table()], ['js', 'v'], 'table');
            assert(!batch.has_after(), 'no after images');
            assert(batch.get_after(0) === null, 'get_after');
            for (const row of batch.get_rows(false))
                batched.push(row.to_variant().recursiveUnpack());
            const first = batch.get_row(0);
            const kinds = first.get_column_type_strings();
            assertEqual(kinds, ['x', 't', 'x', 's', 'd', 's', 'ay', 'as', 's', 'x'], 'kinds');
            assertEqual(batch.get_int64_column(false, 0), [11, 12, 13], 'id column');
            assertEqual(batch.get_double_column(false, 4), [-0.5, 0, 1e300], 'f column');
            assertEqual(batch.dup_string_column(false, 5), ['héllo 😀', null, ''], 's column');
            // the text columns in one call: d, s, dt
            assertEqual(batch.get_strings(false),
                ['1.5000000000', null, '-3.2500000000', 'héllo 😀', null, '',
                 '2024-02-29 13:45:00', null, '1000-01-01 00:00:00'], 'strings');
            // the numeric columns packed: id, u, bi, f, n
            const [data, anyNull] = batch.dup_numbers(false);
            assert(anyNull, 'a NULL number');
            assertEqual(data.length, 5 * 3 * 8, 'packed length');
            const buffer = data.buffer.slice(data.byteOffset, data.byteOffset + data.length);
            assertEqual(Array.from(new BigInt64Array(buffer, 0, 3), String), ['11', '12', '13'],
                'packed id');
            assert(new BigUint64Array(buffer, 24, 3)[0] === 18446744073709551615n, 'packed u');
            assertEqual(Array.from(new Float64Array(buffer, 72, 3)), [-0.5, 0, 1e300], 'packed f');
            const nulls = batch.get_nulls(false);
            assertEqual(Array.from(nulls.slice(10, 20)), [0, 1, 1, 1, 1, 1, 1, 1, 1, 1], 'nulls');
        } catch (e) {
            batched.push(e);
        }
    });
    s.connect('binlog-position', () => order.push('position'));
    assert(s.run(null), 'run() returns true');
    for (const b of batched) {
        if (b instanceof Error)
            throw b;
    }
    assertEqual(batched, perRow, 'the batch rows are the rows');
    assertEqual(perRow.length, 3, 'rows');
    assertEqual(order.slice(0, 5), ['row', 'row', 'row', 'batch', 'position'], 'order');
    assertEqual(s.rows_delivered, 3, 'rows counted once');
});

test('all five signals, in binlog order', () => {
    const start = position();
    sql(`BEGIN; INSERT INTO js.other VALUES (1); UPDATE js.other SET id = 2;
         DELETE FROM js.other; COMMIT`);
    const end = position();
    const seen = [];
    const s = stream(start);
    s.connect('binlog', (_s, event) => seen.push(['binlog', event.get_event_type()]));
    s.connect('binlog-position', (_s, p) => seen.push(['position', where(p)]));
    s.connect('rows-inserted', (_s, row) => seen.push(['insert', row.get_int64(0)]));
    s.connect('rows-updated', (_s, before, after) =>
        seen.push(['update', before.get_int64(0), after.get_int64(0)]));
    s.connect('rows-deleted', (_s, row) => seen.push(['delete', row.get_int64(0)]));
    assert(s.run(null), 'run() returns true');
    assertEqual(seen.filter(e => ['insert', 'update', 'delete'].includes(e[0])),
        [['insert', 1], ['update', 1, 2], ['delete', 2]], 'rows');
    const events = seen.filter(e => e[0] === 'binlog').map(e => e[1]);
    assert(events.includes(MysqlBinlog.EventType.TABLE_MAP), 'a table map event');
    assert(events.includes(MysqlBinlog.EventType.XID), 'a commit event');
    const positions = seen.filter(e => e[0] === 'position').map(e => e[1]);
    assertEqual(positions[positions.length - 1], where(end), 'last position');
    assertEqual(where(s.get_position()), where(end), 'get_position()');
});

test('rows, events and positions kept from handlers outlive the emission', () => {
    const start = position();
    sql(`BEGIN; INSERT INTO js.v VALUES (2, 7, -7, 1.5, 2.5, 'kept', x'01', 'b',
           '2025-01-02 03:04:05', 42); UPDATE js.v SET s = 'after', n = 43 WHERE id = 2;
         DELETE FROM js.v WHERE id = 2; COMMIT`);
    const end = position();
    const kept = {inserted: [], before: [], after: [], deleted: [], events: [], positions: []};
    const s = stream(start);
    s.connect('rows-inserted::js.v', (_s, row) => kept.inserted.push(row));
    s.connect('rows-updated::js.v', (_s, before, after) => {
        kept.before.push(before);
        kept.after.push(after);
    });
    s.connect('rows-deleted::js.v', (_s, row) => kept.deleted.push(row));
    s.connect('binlog', (_s, event) => kept.events.push(event));
    s.connect('binlog-position', (_s, p) => kept.positions.push(p));
    assert(s.run(null), 'run() returns true');
    // Let the stream's buffers be reused and freed before reading.
    System.gc();
    sql('INSERT INTO js.other VALUES (99); DELETE FROM js.other WHERE id = 99');
    const again = stream(end);
    again.connect('rows-inserted', () => {});
    assert(again.run(null), 'a second run() returns true');
    System.gc();

    assertEqual([kept.inserted.length, kept.before.length, kept.after.length,
        kept.deleted.length], [1, 1, 1, 1], 'rows kept');
    const values = kept.inserted[0].to_variant().recursiveUnpack();
    assertEqual([values.id, values.s, values.dt, values.n, values.st],
        [2, 'kept', '2025-01-02 03:04:05', 42, ['b']], 'inserted row');
    assertEqual(kept.inserted[0].dup_string(kept.inserted[0].get_column_index('u')), '7',
        'inserted u');
    assertEqual(kept.before[0].to_variant().recursiveUnpack().s, 'kept', 'before image');
    const after = kept.after[0].to_variant().recursiveUnpack();
    assertEqual([after.s, after.n], ['after', 43], 'after image');
    assertEqual(kept.deleted[0].get_int64(0), 2, 'deleted row');
    assertEqual(`${kept.deleted[0].get_schema()}.${kept.deleted[0].get_table()}`, 'js.v',
        'deleted row table');
    assert(kept.events.some(e => e.get_event_type() === MysqlBinlog.EventType.XID),
        'a kept commit event');
    assertEqual(where(kept.positions[kept.positions.length - 1]), where(end),
        'last kept position');
});

test('detailed signal and filters', () => {
    const start = position();
    sql(`INSERT INTO js.other VALUES (10); INSERT INTO jsskip.t VALUES (11)`);
    const detailed = [];
    let s = stream(start);
    s.connect('rows-inserted::jsskip.t', (_s, row) => detailed.push(row.get_int64(0)));
    assert(s.run(null), 'run() returns true');
    assertEqual(detailed, [11], 'detailed');

    const tables = props => {
        const seen = [];
        s = stream(start, props);
        s.connect('rows-inserted', (_s, row) => seen.push(`${row.get_schema()}.${row.get_table()}`));
        assert(s.run(null), 'run() returns true');
        return seen;
    };
    assertEqual(tables({}), ['js.other', 'jsskip.t'], 'no filter');
    assertEqual(tables({only_schemas: ['jsskip']}), ['jsskip.t'], 'only_schemas');
    assertEqual(tables({ignored_schemas: ['jsskip']}), ['js.other'], 'ignored_schemas');
    assertEqual(tables({only_tables: ['js.*']}), ['js.other'], 'only_tables');
    assertEqual(tables({ignored_tables: ['*.t']}), ['js.other'], 'ignored_tables');
});

test('a position store written in JavaScript', () => {
    const MemoryStore = GObject.registerClass({
        Implements: [MysqlBinlog.PositionStore],
    }, class MemoryStore extends GObject.Object {
        _init(position) {
            super._init();
            this.position = position;
            this.saved = [];
        }

        vfunc_load(_cancellable) {
            return this.position;
        }

        vfunc_save(position, _cancellable) {
            this.position = position;
            this.saved.push(where(position));
            return true;
        }
    });

    const start = position();
    sql('INSERT INTO js.other VALUES (20); INSERT INTO js.other VALUES (21)');
    const end = position();
    const store = new MemoryStore(start);
    let seen = [];
    let s = stream(null, {position_store: store});
    s.connect('rows-inserted::js.other', (_s, row) => seen.push(row.get_int64(0)));
    assert(s.run(null), 'run() returns true');
    assertEqual(seen, [20, 21], 'rows');
    assertEqual(store.saved[store.saved.length - 1], where(end), 'saved');

    sql('INSERT INTO js.other VALUES (22)');
    seen = [];
    s = stream(null, {position_store: store});
    s.connect('rows-inserted::js.other', (_s, row) => seen.push(row.get_int64(0)));
    assert(s.run(null), 'run() returns true');
    assertEqual(seen, [22], 'resumed');
}, HAS_STORE ? null : 'MysqlBinlog.PositionStore is not in this typelib');

test('run_async under a main loop', () => {
    const start = position();
    sql('INSERT INTO js.other VALUES (30), (31)');
    const loop = new GLib.MainLoop(null, false);
    const seen = [];
    let result = null;
    const s = stream(start);
    s.connect('rows-inserted::js.other', (_s, row) => {
        assert(loop.is_running(), 'signals arrive through the loop');
        seen.push(row.get_int64(0));
    });
    s.run_async(null, (_s, res) => {
        try {
            result = _s.run_finish(res);
        } catch (e) {
            result = e;
        }
        loop.quit();
    });
    const timeout = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, 60, () => {
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });
    loop.run();
    GLib.source_remove(timeout);
    assertEqual(result, true, 'run_finish()');
    assertEqual(seen, [30, 31], 'rows');
}, HAS_ASYNC ? null : 'MysqlBinlog.Stream.run_async is not in this typelib');

test('errors are GLib.Error in the MysqlBinlog domain', () => {
    let error = null;
    try {
        MysqlBinlog.Position.from_string('nonsense');
    } catch (e) {
        error = e;
    }
    assert(error instanceof GLib.Error, 'a GLib.Error');
    assert(error.matches(MysqlBinlog.error_quark(), MysqlBinlog.Error.INVALID_POSITION),
        'INVALID_POSITION');
});

test('rows-read of a snapshot, and snapshot_table() from a handler', () => {
    sql(`CREATE TABLE js.snap (id INT PRIMARY KEY, d DECIMAL(8,2), s VARCHAR(10));
         INSERT INTO js.snap VALUES (1, 1.50, 'one'), (2, NULL, 'two'), (3, -3.25, 'three')`);
    const read = [];
    const events = [];
    const s = stream(null, {
        snapshot: MysqlBinlog.SnapshotMode.INITIAL_ONLY, snapshot_chunk_size: 2,
    });
    s.connect('rows-read::js.snap', (_s, row) => read.push(row.to_variant().recursiveUnpack()));
    s.connect('snapshot-started', (_s, table) => events.push(['started', table]));
    s.connect('snapshot-finished', (_s, table, n) => events.push(['finished', table, Number(n)]));
    assert(s.run(null), 'run() returns true');
    assertEqual(read, [{id: 1, d: '1.50', s: 'one'}, {id: 2, d: null, s: 'two'},
        {id: 3, d: '-3.25', s: 'three'}], 'rows');
    assertEqual(events, [['started', 'js.snap'], ['finished', 'js.snap', 3]], 'signals');

    // Blocking: run() of gjs emits on the main thread while the reading
    // goes on, so a non-blocking run may have ended by then; the reader,
    // waiting on an idle server, takes the request up at once.
    const start = position();
    sql('INSERT INTO js.other VALUES (100)');
    const asked = [];
    const ids = [];
    const t = stream(start, {blocking: true});
    t.connect('snapshot-finished', self => self.stop());
    t.connect('binlog-position', self => {
        if (asked.length === 0)
            asked.push(self.snapshot_table('js.snap'));
    });
    t.connect('rows-read', (_s, row) => ids.push(row.get_int64(0)));
    assert(t.run(null), 'run() returns true');
    assertEqual(asked, [true], 'asked');
    assertEqual(ids, [1, 2, 3], 'ids');
});

print(`1..${tests.length}`);
let failed = 0;
tests.forEach(({name, fn, skip}, i) => {
    if (skip) {
        print(`ok ${i + 1} - ${name} # SKIP ${skip}`);
        return;
    }
    try {
        fn();
        print(`ok ${i + 1} - ${name}`);
    } catch (e) {
        failed++;
        print(`not ok ${i + 1} - ${name}`);
        for (const line of `${e.message}\n${e.stack}`.split('\n'))
            print(`# ${line}`);
    }
});

run(['/bin/bash', script, 'stop', dir]);
System.exit(failed ? 1 : 0);
