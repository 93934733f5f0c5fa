#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The benchmark driver: starts a throwaway MariaDB server
# (tests/mariadb-server.sh), writes the standard workload into its binary
# log, runs every reader side by side on it, one after the other, and prints
# one table.
#
#   bench.py --build-dir BUILD [--repeat N] [--large] [--rows N]
#            [--baseline-build OTHER_BUILD]
#
# The workload: a table of 10 mixed columns, 1,000,000 rows inserted in
# transactions of 1,000 rows, then 200,000 of them updated and 200,000
# deleted, again 1,000 rows per transaction.  The readers:
#
#   (a) bench-reader on the binlog file (offline), typed accessors / GVariants /
#       text per value
#   (b) bench-reader from the live server, non-blocking to the end: no
#       handler, a counting handler, typed accessors, GVariants, text per value
#   (c) bench_handler.py through PyGObject, a dict per row (one handler
#       call per row, or batched: a handler call per rows event through
#       stream.on_rows()); and python-mysql-replication
#       (bench_pymysqlreplication.py) from the server, when it can be
#       imported
#   (d) mariadb-binlog -v, and --base64-output=decode-rows -v, on the file
#       and from the server (--read-from-remote-server)
#   (e) the command-line tool's JSON lines of the file (--file F --format
#       json), when the tool is built
#   (f) commit-to-handler latency at the head of the server, run() and
#       run_async(), idle and with a background writer, beside a bare
#       client-library loop (bench-latency; MYSQL_BINLOG_BENCH_LATENCY_COUNT
#       transactions, 10,000 by default)
#   (g) a snapshot (snapshot INITIAL_ONLY, rows-read) of one wide table
#       (DECIMAL, DATETIME(6), VARCHAR utf8mb4, BLOB, ...) and of one narrow
#       table of integers, --snapshot-rows each (1,000,000 by default),
#       beside mariadb-dump --single-transaction --quick of the same table
#       and mariadb --quick -e 'SELECT * ...', both to /dev/null; --only
#       snapshot runs this part alone
#
# Each reader is a child process; its CPU time (user + sys) and peak RSS come
# from wait4(), its wall time from the clock around it.  The live readers
# also show the CPU the server spent meanwhile (its dump thread).  Our
# readers' row counts are checked against the workload: a wrong count fails
# the benchmark.  No timing is asserted.
#
# --large (or MYSQL_BINLOG_BENCH_LARGE=1) adds one transaction of more than
# 1 GiB of row data, read from the file and from the server, to show that
# the readers' peak RSS does not grow with the transaction; and the same
# amount of row data as one MySQL compressed transaction (one zstd
# TRANSACTION_PAYLOAD event of hundreds of MiB, written by
# bench-make-payload since no MySQL server runs here), read from its file.
#
# --baseline-build (or MYSQL_BINLOG_BENCH_BASELINE) names the build
# directory of another version of the project (e.g. a worktree of an older
# commit): its bench-reader and library read the same workload in the same
# rounds, interleaved with ours, and a table gives ours ÷ baseline for
# every C reader, so that a change is measured against what it changes.
#
# Exits 77 (skipped) when the server or a needed program is missing.

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
MIB = 1024 * 1024
SLOW = 10.0  # seconds: --repeat does not run again a reader slower than this

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER_SCRIPT = os.environ.get('MYSQL_BINLOG_TEST_SERVER_SCRIPT',
                               os.path.join(HERE, '..', 'mariadb-server.sh'))


def log(text):
    print('bench: ' + text, file=sys.stderr, flush=True)


class Server:
    """A throwaway MariaDB server, started by tests/mariadb-server.sh."""

    def __init__(self, *extra_args):
        self.dir = tempfile.mkdtemp(prefix='mysqlbinlog-bench-')
        try:
            out = subprocess.run(['/bin/bash', SERVER_SCRIPT, 'start', self.dir,
                                  '--owner', str(os.getpid())] + list(extra_args),
                                 check=True, stdout=subprocess.PIPE,
                                 universal_newlines=True).stdout
        except subprocess.CalledProcessError:
            shutil.rmtree(self.dir, ignore_errors=True)
            raise
        env = dict(line.split('=', 1) for line in out.splitlines() if '=' in line)
        self.socket = env['SOCKET']
        self.pid = int(env['PID'])
        self.client = shutil.which('mariadb') or shutil.which('mysql')

    def stop(self):
        subprocess.run(['/bin/bash', SERVER_SCRIPT, 'stop', self.dir], check=False)

    def sql(self, statements):
        """Runs statements, returns the rows of the last result."""
        out = subprocess.run([self.client, '--no-defaults', '-uroot', '-S', self.socket,
                              '--batch', '--skip-column-names'],
                             input=statements, check=True, stdout=subprocess.PIPE,
                             universal_newlines=True).stdout
        return [line.split('\t') for line in out.splitlines()]

    def flush_logs(self):
        """Starts a new binlog file; returns the name of the new one."""
        self.sql('FLUSH BINARY LOGS')
        return self.sql('SHOW MASTER STATUS')[0][0]

    def binlog_path(self, name):
        return os.path.join(self.dir, 'binlog', name)

    def cpu_seconds(self):
        """CPU time (user + sys) the server has used so far."""
        with open('/proc/%d/stat' % self.pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


TABLE = '''
CREATE DATABASE bench;
USE bench;
CREATE TABLE bench.orders (
  id INT NOT NULL PRIMARY KEY,
  big BIGINT NOT NULL,
  name VARCHAR(64) NOT NULL,
  amount DECIMAL(12,4) NOT NULL,
  ratio DOUBLE NOT NULL,
  created DATETIME(6) NOT NULL,
  day DATE NOT NULL,
  note TEXT,
  status ENUM('new', 'paid', 'shipped', 'returned') NOT NULL,
  flag TINYINT NOT NULL
) ENGINE=InnoDB;
'''

# Columns of TABLE whose values are not few (all but status and flag).
UNIQUE_VALUE_COLUMNS = 8

# One statement per chunk of 1,000 rows, each its own transaction
# (autocommit).  The TEXT column holds 100 bytes.
INSERT = '''INSERT INTO bench.orders SELECT seq, seq * 1000003, CONCAT('customer-', seq),
  seq / 7, seq * 0.25, TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq SECOND
  + INTERVAL (seq MOD 1000000) MICROSECOND, DATE'2020-01-01' + INTERVAL (seq MOD 3650) DAY,
  CONCAT(REPEAT(MD5(seq), 3), 'note'), 1 + seq MOD 4, seq MOD 100
  FROM seq_{first}_to_{last};
'''
UPDATE = '''UPDATE bench.orders SET big = big + 1, amount = amount + 1,
  note = CONCAT('U', SUBSTRING(note, 2)), status = 'paid' WHERE id BETWEEN {first} AND {last};
'''
DELETE = 'DELETE FROM bench.orders WHERE id BETWEEN {first} AND {last};\n'


def chunks(first, count, size=1000):
    for start in range(first, first + count, size):
        yield dict(first=start, last=min(start + size, first + count) - 1)


def write_workload(server, rows, changed):
    """Writes the workload into a binlog file of its own; returns its name."""
    name = server.flush_logs()
    script = [TABLE]
    script += [INSERT.format(**c) for c in chunks(1, rows)]
    script += [UPDATE.format(**c) for c in chunks(1, changed)]
    script += [DELETE.format(**c) for c in chunks(changed + 1, changed)]
    begin = time.monotonic()
    server.sql(''.join(script))
    server.flush_logs()
    size = os.path.getsize(server.binlog_path(name))
    log('workload written in %.1f s: %s, %.1f MiB'
        % (time.monotonic() - begin, name, size / MIB))
    return name


def write_large_transaction(server, size):
    """Writes one transaction of at least SIZE bytes of row data into a binlog
    file of its own; returns the name of the file and the number of rows."""
    payload = 4000
    rows = (size + payload - 1) // payload
    name = server.flush_logs()
    begin = time.monotonic()
    server.sql('''USE bench;
                  CREATE TABLE bench.large (id INT NOT NULL PRIMARY KEY, payload LONGTEXT NOT NULL)
                    ENGINE=InnoDB;
                  INSERT INTO bench.large SELECT seq, REPEAT(MD5(seq), {repeat})
                    FROM seq_1_to_{rows};'''.format(repeat=payload // 32, rows=rows))
    server.flush_logs()
    log('large transaction written in %.1f s: %d rows of %d bytes in %s, %.1f MiB'
        % (time.monotonic() - begin, rows, payload, name,
           os.path.getsize(server.binlog_path(name)) / MIB))
    return name, rows


class Result:
    def __init__(self, name, source, status, wall, cpu, rss, server_cpu, output, error):
        self.name = name
        self.source = source
        self.status = status
        self.wall = wall
        self.cpu = cpu
        self.rss = rss
        self.server_cpu = server_cpu
        self.output = output
        self.error = error
        self.counts = {}
        for word in output.split():
            if '=' in word:
                key, value = word.split('=', 1)
                self.counts[key] = value


def run_child(spawn, name, source, argv, env, server=None, stdout_to_null=False):
    """Runs one reader through bench-spawn, which measures it with wait4()."""
    with tempfile.NamedTemporaryFile('w+') as out, tempfile.TemporaryFile('w+') as err:
        server_before = server.cpu_seconds() if server else 0.0
        report = subprocess.run([spawn, os.devnull if stdout_to_null else out.name] + argv,
                                env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=err, universal_newlines=True).stdout
        server_cpu = server.cpu_seconds() - server_before if server else None
        cost = dict(word.split('=', 1) for word in report.split() if '=' in word)
        out.seek(0)
        err.seek(0)
        if 'status' not in cost:
            return Result(name, source, -1, 0, 0, 0, server_cpu, '',
                          'bench-spawn failed: ' + err.read())
        return Result(name, source, int(cost['status']), float(cost['wall']),
                      float(cost['user']) + float(cost['sys']),
                      int(cost['maxrss_kib']) * 1024, server_cpu, out.read(), err.read())


def main():
    parser = argparse.ArgumentParser(description='Reads one workload with every reader.')
    parser.add_argument('--build-dir', required=True,
                        help='the meson build directory (for bench-reader and the typelib)')
    parser.add_argument('--repeat', type=int,
                        default=int(os.environ.get('MYSQL_BINLOG_BENCH_REPEAT', '1')),
                        help='run every reader N times and keep the fastest run '
                             '(readers slower than %d s run once)' % SLOW)
    parser.add_argument('--rows', type=int,
                        default=int(os.environ.get('MYSQL_BINLOG_BENCH_ROWS', '1000000')),
                        help='rows inserted (a fifth of them are updated, a fifth deleted)')
    parser.add_argument('--large', action='store_true',
                        default=os.environ.get('MYSQL_BINLOG_BENCH_LARGE', '') not in ('', '0'),
                        help='add the case of one transaction of more than 1 GiB')
    parser.add_argument('--large-size', type=int, default=1 << 30,
                        help='bytes of row data in the large transaction')
    parser.add_argument('--baseline-build',
                        default=os.environ.get('MYSQL_BINLOG_BENCH_BASELINE') or None,
                        help='the build directory of another version: its C readers run '
                             'beside ours, and ours / baseline is printed')
    parser.add_argument('--snapshot-rows', type=int,
                        default=int(os.environ.get('MYSQL_BINLOG_BENCH_SNAPSHOT_ROWS', '1000000')),
                        help='rows of each table of the snapshot part (0: leave it out)')
    parser.add_argument('--only', default=os.environ.get('MYSQL_BINLOG_BENCH_ONLY', ''),
                        help='run only the readers whose name contains one of these '
                             'comma-separated words')
    args = parser.parse_args()

    args.build_dir = os.path.abspath(args.build_dir)
    if args.baseline_build:
        args.baseline_build = os.path.abspath(args.baseline_build)
        baseline_reader = os.path.join(args.baseline_build, 'tests', 'bench', 'bench-reader')
        if not os.access(baseline_reader, os.X_OK):
            print('bench: no %s: build the baseline first' % baseline_reader, file=sys.stderr)
            return 1
    reader = os.path.join(args.build_dir, 'tests', 'bench', 'bench-reader')
    spawn = os.path.join(args.build_dir, 'tests', 'bench', 'bench-spawn')
    floor = os.path.join(args.build_dir, 'tests', 'bench', 'bench-floor')
    mariadb_binlog = shutil.which('mariadb-binlog') or shutil.which('mysqlbinlog')
    python = '/usr/bin/python3'
    missing = [what for what, ok in (
        ('bench-reader (build the project first)', os.access(reader, os.X_OK)),
        ('bench-spawn (build the project first)', os.access(spawn, os.X_OK)),
        ('mariadb-binlog (apt install mariadb-client)', mariadb_binlog),
        ('the MariaDB server script', os.path.exists(SERVER_SCRIPT)),
        ('mariadbd (apt install mariadb-server)',
         shutil.which('mariadbd') or os.path.exists('/usr/sbin/mariadbd'))) if not ok]
    if missing:
        print('SKIP: missing ' + ', '.join(missing), file=sys.stderr)
        return SKIP

    env = dict(os.environ)
    env['GI_TYPELIB_PATH'] = os.pathsep.join(
        p for p in (os.path.join(args.build_dir, 'introspection'),
                    env.get('GI_TYPELIB_PATH')) if p)
    env['LD_LIBRARY_PATH'] = os.pathsep.join(
        p for p in (os.path.join(args.build_dir, 'libmysqlbinlog-glib'),
                    env.get('LD_LIBRARY_PATH')) if p)
    env.setdefault('MARIADB_SERVER_CACHE', os.path.join(args.build_dir, 'tests', 'mariadb-cache'))
    env['PYTHONDONTWRITEBYTECODE'] = '1'
    # The PyGObject overrides of the source tree, when it has them (a native
    # row.to_dict() among them).
    overrides = os.path.join(HERE, '..', '..', 'introspection', 'python')
    if os.path.isdir(overrides):
        env['PYTHONPATH'] = os.pathsep.join(
            p for p in (os.path.abspath(overrides), env.get('PYTHONPATH')) if p)
    # Plain glibc malloc for every reader, whatever the test environment sets.
    for key in ('MALLOC_CHECK_', 'MALLOC_PERTURB_', 'G_DEBUG', 'G_SLICE'):
        env.pop(key, None)
    os.environ['MARIADB_SERVER_CACHE'] = env['MARIADB_SERVER_CACHE']

    try:
        server = Server('--binlog-row-metadata=FULL',
                        '--innodb-buffer-pool-size=512M',
                        '--innodb-log-file-size=512M',
                        '--innodb-flush-log-at-trx-commit=0',
                        '--sync-binlog=0',
                        '--max-allowed-packet=1G')
    except subprocess.CalledProcessError as e:
        print('bench: the MariaDB server did not start (%s)' % e, file=sys.stderr)
        return 1
    try:
        return run(args, server, spawn, reader, mariadb_binlog, python, env, floor)
    finally:
        server.stop()


def run(args, server, spawn, reader, mariadb_binlog, python, env, floor=None):
    words = [w.strip() for w in args.only.split(',') if w.strip()]
    failures = []
    if words == ['snapshot']:
        failures += run_snapshot(args, server, spawn, reader, env)
        for failure in failures:
            print('FAILED: ' + failure)
        return 1 if failures else 0
    return run_readers(args, server, spawn, reader, mariadb_binlog, python, env, floor)


def run_readers(args, server, spawn, reader, mariadb_binlog, python, env, floor=None):
    tool = os.path.join(args.build_dir, 'src', 'mysqlbinlog-glib')
    changed = args.rows // 5
    expected = {'inserted': args.rows, 'updated': changed, 'deleted': changed}
    total = sum(expected.values())
    name = write_workload(server, args.rows, changed)
    path = server.binlog_path(name)
    start = '%s:4' % name
    # The file contains the workload alone, so the readers from the server
    # stop at the end of the same events (plus the empty next file).
    # Without file support the reader exits 77 before it opens the file.
    has_file = subprocess.run([reader, '--file', os.devnull, '--mode', 'none'], env=env,
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL).returncode != SKIP
    server_ids = iter(range(7000, 8000))
    remote = [mariadb_binlog, '--no-defaults', '--read-from-remote-server',
              '-uroot', '--socket=' + server.socket]

    # label, source, argv, checked: True when the reader's counts must be
    # those of the workload, a dict of counts when they must be those,
    # False for mariadb-binlog (no counts), None for no handler (no counts)
    contenders = [
        ('(a) ours, file, no handler', 'file',
         [reader, '--file', path, '--mode', 'none'], None),
        ('(a) ours, file, counting handler', 'file',
         [reader, '--file', path, '--mode', 'count'], True),
        ('(a) ours, file, typed accessors', 'file',
         [reader, '--file', path, '--mode', 'typed'], True),
        ('(a) ours, file, GVariant per value', 'file',
         [reader, '--file', path, '--mode', 'variant'], True),
        ('(a) ours, file, text per value', 'file',
         [reader, '--file', path, '--mode', 'text'], True),
        ('(c) ours, Python, dict per row, fastest, file', 'file',
         [python, os.path.join(HERE, 'bench_handler.py'), '--file', path], True),
        ('(e) ours, tool, file, JSON lines', 'file',
         [tool, '--file', path, '--format', 'json'], False),
        ('(d) mariadb-binlog -v, file', 'file',
         [mariadb_binlog, '--no-defaults', '-v', path], False),
        ('(d) mariadb-binlog decode-rows -v, file', 'file',
         [mariadb_binlog, '--no-defaults', '--base64-output=decode-rows', '-v', path], False),
        ('(b) ours, server, no handler', 'server',
         lambda: [reader, '--socket', server.socket, '--start', start,
                  '--server-id', str(next(server_ids)), '--mode', 'none'], None),
        ('(b) ours, server, handler for another table', 'server',
         lambda: [reader, '--socket', server.socket, '--start', start,
                  '--server-id', str(next(server_ids)), '--mode', 'count',
                  '--table', 'bench.other'], {'inserted': 0, 'updated': 0, 'deleted': 0}),
        ('(b) ours, server, counting handler', 'server',
         lambda: [reader, '--socket', server.socket, '--start', start,
                  '--server-id', str(next(server_ids)), '--mode', 'count'], True),
        ('(b) ours, server, typed accessors', 'server',
         lambda: [reader, '--socket', server.socket, '--start', start,
                  '--server-id', str(next(server_ids)), '--mode', 'typed'], True),
        ('(b) ours, server, GVariant per value', 'server',
         lambda: [reader, '--socket', server.socket, '--start', start,
                  '--server-id', str(next(server_ids)), '--mode', 'variant'], True),
        ('(b) ours, server, text per value', 'server',
         lambda: [reader, '--socket', server.socket, '--start', start,
                  '--server-id', str(next(server_ids)), '--mode', 'text'], True),
        ('(c) ours, Python, dict per row, fastest', 'server',
         lambda: [python, os.path.join(HERE, 'bench_handler.py'), '--socket', server.socket,
                  '--start', start, '--server-id', str(next(server_ids))], True),
        ('(c) ours, Python, dict per row, batched', 'server',
         lambda: [python, os.path.join(HERE, 'bench_handler.py'), '--socket', server.socket,
                  '--start', start, '--server-id', str(next(server_ids)),
                  '--how', 'batched'], True),
        ('(c) ours, Python, counting handler per row', 'server',
         lambda: [python, os.path.join(HERE, 'bench_handler.py'), '--socket', server.socket,
                  '--start', start, '--server-id', str(next(server_ids)),
                  '--how', 'count'], True),
        ('(c) ours, Python, dict per row, to_variant().unpack()', 'server',
         lambda: [python, os.path.join(HERE, 'bench_handler.py'), '--socket', server.socket,
                  '--start', start, '--server-id', str(next(server_ids)),
                  '--how', 'variant'], True),
        ('(c) python-mysql-replication, dict per row', 'server',
         lambda: [python, os.path.join(HERE, 'bench_pymysqlreplication.py'),
                  '--socket', server.socket, '--start', start,
                  '--server-id', str(next(server_ids))], True),
        ('(d) mariadb-binlog -v, server', 'server',
         remote + ['-v', name], False),
        ('(d) mariadb-binlog decode-rows -v, server', 'server',
         remote + ['--base64-output=decode-rows', '-v', name], False),
    ]
    if not os.access(tool, os.X_OK):
        contenders = [c for c in contenders if not c[0].startswith('(e)')]
    if subprocess.run([python, os.path.join(HERE, 'bench_pymysqlreplication.py'), '--help'],
                      env=env, stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL).returncode == SKIP:
        log('python-mysql-replication is not installed: its row is left out '
            '(MYSQL_BINLOG_BENCH_PYMYSQLREPLICATION=DIR names a directory that holds it)')
        contenders = [c for c in contenders if 'python-mysql-replication' not in c[0]]
    if args.only:
        words = [w.strip() for w in args.only.split(',') if w.strip()]
        contenders = [c for c in contenders if any(w in c[0] for w in words)]

    # The baseline's C readers: the same arguments, its own bench-reader
    # and library, run right after ours in every round.
    envs = {}
    baselines = []
    if getattr(args, 'baseline_build', None):
        baseline_reader = os.path.join(args.baseline_build, 'tests', 'bench', 'bench-reader')
        baseline_env = dict(env)
        baseline_env['LD_LIBRARY_PATH'] = os.pathsep.join(
            p for p in (os.path.join(args.baseline_build, 'libmysqlbinlog-glib'),
                        os.environ.get('LD_LIBRARY_PATH')) if p)
        with_baselines = []
        for label, source, argv, checked in contenders:
            with_baselines.append((label, source, argv, checked))
            if not label.startswith(('(a) ours', '(b) ours')):
                continue
            twin = label.replace(' ours, ', ' baseline, ', 1)
            # The text mode is newer than some baselines' readers: ours
            # then reads with the baseline's library.
            twin_reader = reader if label in TEXT_MODE_LABELS else baseline_reader

            def swap(argv, reader=reader, twin_reader=twin_reader):
                argv = argv() if callable(argv) else list(argv)
                return [twin_reader if a == reader else a for a in argv]
            with_baselines.append((twin, source, (lambda a=argv: swap(a)), checked))
            envs[twin] = baseline_env
            baselines.append((label, twin))
        contenders = with_baselines

    best = {}
    failures = []
    for round_ in range(args.repeat):
        for label, source, argv, checked in contenders:
            if source == 'file' and checked is not False and not has_file:
                best[label] = None
                continue
            # Readers that take long (the Python ones) run once: their
            # ratios do not hinge on a fraction of a second.
            if round_ > 0 and best.get(label) is not None and best[label].wall > SLOW:
                continue
            if callable(argv):
                argv = argv()
            result = run_child(spawn, label, source, argv, envs.get(label, env),
                               server=server if source == 'server' else None,
                               stdout_to_null=checked is False)
            if result.status != 0:
                failures.append('%s: exit status %d: %s'
                                % (label, result.status, result.error.strip()[-2000:]))
                continue
            if checked:
                wanted = checked if isinstance(checked, dict) else expected
                got = {k: int(result.counts.get(k, -1)) for k in wanted}
                if got != wanted:
                    failures.append('%s: read %s, expected %s' % (label, got, wanted))
            if label not in best or best[label] is None or result.wall < best[label].wall:
                best[label] = result
        log('round %d of %d done' % (round_ + 1, args.repeat))

    print_table(best, contenders, total, args, server)
    if baselines:
        print_baseline(best, baselines, total, args)
    failures += print_floor(best, total, args, floor, env)
    if not args.only or 'latency' in args.only:
        failures += run_latency(args, server, env)

    if args.large:
        failures += run_large(args, server, spawn, reader, mariadb_binlog, env)
    if not args.only or 'snapshot' in args.only:
        failures += run_snapshot(args, server, spawn, reader, env)

    for failure in failures:
        print('FAILED: ' + failure)
    return 1 if failures else 0


def fmt_ratio(value):
    return '%.1fx' % value if value is not None else '-'


def print_table(best, contenders, total, args, server):
    file_ref = best.get('(d) mariadb-binlog decode-rows -v, file')
    server_ref = best.get('(d) mariadb-binlog -v, server')
    print()
    print('Workload: %d row changes (%d inserted, %d updated, %d deleted), '
          '1,000 rows per transaction; best of %d run(s) (readers slower than %d s: one run).'
          % (total, args.rows, args.rows // 5, args.rows // 5, args.repeat, SLOW))
    print()
    header = ('reader', 'rows/s', 'wall s', 'CPU s', 'peak RSS MiB', 'server CPU s',
              'speed vs ref', 'CPU vs ref')
    rows = []
    for label, source, _, _ in contenders:
        result = best.get(label, None)
        if label not in best:
            continue
        if result is None:
            rows.append((label, 'n/a (file reading not available)', '', '', '', '', '', ''))
            continue
        ref = file_ref if source == 'file' else server_ref
        speed = ref.wall / result.wall if ref else None
        cpu = ref.cpu / result.cpu if ref and result.cpu > 0 else None
        rows.append((label,
                     '{:,.0f}'.format(total / result.wall),
                     '%.2f' % result.wall,
                     '%.2f' % result.cpu,
                     '%.1f' % (result.rss / MIB),
                     '%.2f' % result.server_cpu if result.server_cpu is not None else '',
                     fmt_ratio(speed),
                     fmt_ratio(cpu)))
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    line = '| ' + ' | '.join('%-*s' if i == 0 else '%*s' for i in range(len(header))) + ' |'
    for i, row in enumerate([header] + rows):
        values = []
        for width, value in zip(widths, row):
            values += [width, value]
        print(line % tuple(values))
        if i == 0:
            print('|' + '|'.join('-' * (w + 2) for w in widths) + '|')
    print()
    print('ref: mariadb-binlog --base64-output=decode-rows -v on the file for the file '
          'readers, mariadb-binlog -v --read-from-remote-server for the server readers; '
          '"speed vs ref" = ref wall / wall, "CPU vs ref" = ref CPU / CPU.')
    for source in ('(a) ours, file', '(b) ours, server'):
        none = best.get(source + ', no handler')
        typed = best.get(source + ', typed accessors')
        if none and typed:
            print('%s: typed-accessor handler wall / no-handler wall: %.2f'
                  % (source, typed.wall / none.wall))
    python_result = best.get('(c) ours, Python, dict per row, fastest')
    if python_result:
        print('(c) fastest Python row -> dict available: %s'
              % python_result.counts.get('how', '?').replace('_', ' '))
    pmr = best.get('(c) python-mysql-replication, dict per row')
    if pmr:
        for label in ('(c) ours, Python, dict per row, fastest',
                      '(c) ours, Python, dict per row, batched',
                      '(c) ours, Python, counting handler per row'):
            if best.get(label):
                print('%s vs python-mysql-replication, from the server: %.1fx'
                      % (label, pmr.wall / best[label].wall))
    print()
    print_targets(best, total)
    print(flush=True)


def print_baseline(best, baselines, total, args):
    """Ours next to the baseline's, reader by reader, from the same rounds."""
    print('Ours (%s) against the baseline (%s), best of %d interleaved run(s):'
          % (args.build_dir, args.baseline_build, args.repeat))
    print()
    print('| reader | ours rows/s | baseline rows/s | ours / baseline (speed) '
          '| baseline CPU / ours CPU |')
    print('|---|---:|---:|---:|---:|')
    for label, twin in baselines:
        ours, theirs = best.get(label), best.get(twin)
        if ours is None or theirs is None:
            continue
        print('| %s | {:,.0f} | {:,.0f} | %.3f | %.3f |'.format(total / ours.wall,
                                                              total / theirs.wall)
              % (label.replace('(a) ours, ', '').replace('(b) ours, ', ''),
                 theirs.wall / ours.wall,
                 theirs.cpu / ours.cpu if ours.cpu > 0 else float('nan')))
    print(flush=True)


TEXT_MODE_LABELS = ('(a) ours, file, text per value', '(b) ours, server, text per value')


def print_targets(best, total):
    """The project's targets next to what this run measured (no verdict is
    asserted: the numbers depend on the machine and its load)."""
    def wall_ratio(a, b):
        a, b = best.get(a), best.get(b)
        return a.wall / b.wall if a and b else None

    python_result = best.get('(c) ours, Python, dict per row, fastest')
    ours = [r for label, r in best.items() if r is not None and label.startswith(('(a)', '(b)'))]
    targets = [
        ('(b) typed handler wall / no-handler wall', '<= 1.25',
         wall_ratio('(b) ours, server, typed accessors', '(b) ours, server, no handler'),
         lambda v: v <= 1.25, '%.2f'),
        ('(b) typed handler speed vs mariadb-binlog -v from the server', '>= 10x',
         wall_ratio('(d) mariadb-binlog -v, server', '(b) ours, server, typed accessors'),
         lambda v: v >= 10, '%.1fx'),
        ('(a) typed accessors speed vs decode-rows -v on the file', '>= 8x',
         wall_ratio('(d) mariadb-binlog decode-rows -v, file', '(a) ours, file, typed accessors'),
         lambda v: v >= 8, '%.1fx'),
        ('(a) GVariant per value speed vs decode-rows -v on the file', '>= 3x',
         wall_ratio('(d) mariadb-binlog decode-rows -v, file',
                    '(a) ours, file, GVariant per value'),
         lambda v: v >= 3, '%.1fx'),
        ('(a) text per value vs mariadb-binlog decode-rows -v on the file', '>= 3x',
         wall_ratio('(d) mariadb-binlog decode-rows -v, file', '(a) ours, file, text per value'),
         lambda v: v >= 3, '%.1fx'),
        ('(e) tool JSON lines vs mariadb-binlog -v on the file', '>= 2x',
         wall_ratio('(d) mariadb-binlog -v, file', '(e) ours, tool, file, JSON lines'),
         lambda v: v >= 2, '%.2fx'),
        ('(c) Python dict per row, rows/s', '>= 94,000',
         total / python_result.wall if python_result else None,
         lambda v: v >= 94000, '{:,.0f}'),
        ('(c) Python dict per row vs python-mysql-replication, from the server', '>= 20x',
         wall_ratio('(c) python-mysql-replication, dict per row',
                    '(c) ours, Python, dict per row, fastest'),
         lambda v: v >= 20, '%.1fx'),
        ('(c) Python dict per row, batched (on_rows), vs python-mysql-replication, '
         'from the server', '>= 20x',
         wall_ratio('(c) python-mysql-replication, dict per row',
                    '(c) ours, Python, dict per row, batched'),
         lambda v: v >= 20, '%.1fx'),
        ('peak RSS of our C readers, MiB', '<= 16',
         max(r.rss for r in ours) / MIB if ours else None,
         lambda v: v <= 16, '%.1f'),
    ]
    print('| target | wanted | measured | |')
    print('|---|---|---:|---|')
    for name, wanted, value, ok, fmt in targets:
        if value is None:
            print('| %s | %s | n/a | |' % (name, wanted))
            continue
        text = fmt.format(value) if '{' in fmt else fmt % value
        print('| %s | %s | %s | %s |' % (name, wanted, text, 'met' if ok(value) else 'not met'))


def print_floor(best, total, args, floor, env):
    """What GLib alone costs for one signal emission per row and one new
    GVariant per value, on this machine, next to the time each target
    allows: a target below the floor cannot be met by any reader that
    keeps the API's one signal per row (or one GVariant per value)."""
    if floor is None or not os.access(floor, os.X_OK):
        return []
    typed = best.get('(a) ours, file, typed accessors') or best.get('(b) ours, server, typed accessors')
    values = int(typed.counts.get('values', 0)) if typed else 0
    if values == 0:
        return []
    emission = variant = None
    for _ in range(args.repeat):
        out = subprocess.run([floor, str(total), str(values)], env=env, stdout=subprocess.PIPE,
                             universal_newlines=True)
        if out.returncode != 0:
            return ['bench-floor: exit status %d' % out.returncode]
        counts = dict(w.split('=', 1) for w in out.stdout.split() if '=' in w)
        e, v = float(counts['emission_seconds']), float(counts['variant_seconds'])
        emission = e if emission is None else min(emission, e)
        variant = v if variant is None else min(variant, v)

    def wall(label):
        result = best.get(label)
        return result.wall if result else None

    print('GLib alone on this machine (tests/bench/bench-floor.c, best of %d): '
          '%d signal emissions to one va-marshalled handler: %.3f s (%.0f ns each); '
          '%d new GVariants: %.3f s (%.0f ns each).'
          % (args.repeat, total, emission, emission * 1e9 / total, values, variant,
             variant * 1e9 / values))
    print()
    print('| target | time the target allows, s | GLib floor alone, s | reachable |')
    print('|---|---:|---:|---|')
    rows = []
    none_server = wall('(b) ours, server, no handler')
    none_file = wall('(a) ours, file, no handler')
    server_ref = wall('(d) mariadb-binlog -v, server')
    file_ref = wall('(d) mariadb-binlog decode-rows -v, file')
    if none_server:
        rows.append(('(b) typed wall <= 1.25x no-handler wall', 1.25 * none_server, emission))
    if server_ref:
        rows.append(('(b) typed >= 10x mariadb-binlog -v from the server', server_ref / 10,
                     emission + (none_server or 0)))
    if file_ref:
        rows.append(('(a) typed >= 8x decode-rows -v on the file', file_ref / 8,
                     emission + (none_file or 0)))
        # The library shares the variants of few-valued columns (here
        # status ENUM and flag TINYINT, 2 of the 10): only the others
        # need a new GVariant per value.
        rows.append(('(a) GVariant >= 3x decode-rows -v on the file', file_ref / 3,
                     emission + variant * UNIQUE_VALUE_COLUMNS / 10 + (none_file or 0)))
    for name, allowed, needed in rows:
        print('| %s | %.3f | %.3f | %s |' % (name, allowed, needed,
                                              'yes' if needed <= allowed else 'no'))
    print()
    print('The floor adds the emissions (and the variants) to the same reader\'s wall time '
          'with no handler, where the target compares with one; it leaves out framing and '
          'decoding the rows, so it is below what any reader can reach.')
    print(flush=True)
    return []


LATENCY_READERS = (
    ('floor', 'bare client-library loop (COM_BINLOG_DUMP, raw packets)'),
    ('run', 'stream, run(), handler on the reading thread'),
    ('async', 'stream, run_async(), handler on a GMainLoop'),
)
LATENCY_LOADS = (('idle server', 0), ('background writer, 20 k rows/s', 20000))


def run_latency(args, server, env):
    """Commit-to-handler latency (tests/bench/bench-latency.c): every reader
    at an idle server and with a background writer, the floor first in
    every round; of --repeat runs, the one with the lowest p99."""
    program = os.path.join(args.build_dir, 'tests', 'bench', 'bench-latency')
    if not os.access(program, os.X_OK):
        return []
    count = int(os.environ.get('MYSQL_BINLOG_BENCH_LATENCY_COUNT', '10000'))
    server_ids = iter(range(9000, 9999))
    best = {}
    failures = []
    for round_ in range(args.repeat):
        for load, rate in LATENCY_LOADS:
            for reader, _ in LATENCY_READERS:
                out = subprocess.run([program, '--socket', server.socket, '--reader', reader,
                                      '--count', str(count), '--background', str(rate),
                                      '--server-id', str(next(server_ids))],
                                     env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, universal_newlines=True,
                                     timeout=600)
                if out.returncode != 0:
                    failures.append('latency, %s, %s: exit status %d: %s'
                                    % (reader, load, out.returncode, out.stderr.strip()[-2000:]))
                    continue
                got = dict(w.split('=', 1) for w in out.stdout.split() if '=' in w)
                got = {k: (v if k == 'reader' else float(v)) for k, v in got.items()}
                key = (load, reader)
                if key not in best or got['p99_us'] < best[key]['p99_us']:
                    best[key] = got
        log('latency round %d of %d done' % (round_ + 1, args.repeat))

    print('Commit-to-handler latency (tests/bench/bench-latency.c): %d single-row '
          'transactions (INSERT, autocommit) over the Unix socket, each sent once the reader '
          'has seen the one before; latency = the handler\'s time - the time just before the '
          'writer sent the INSERT (CLOCK_MONOTONIC, one process); of %d run(s), the one with '
          'the lowest p99.' % (count, args.repeat))
    print()
    print('| reader | load | p50 µs | p99 µs | max µs | p50 / floor | p99 / floor '
          '| handler - COMMIT returned, p50 µs | COMMIT round trip p50 µs | background rows/s |')
    print('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    for load, _ in LATENCY_LOADS:
        floor = best.get((load, 'floor'))
        for reader, label in LATENCY_READERS:
            got = best.get((load, reader))
            if got is None:
                continue

            def ratio(key):
                return '%.2f' % (got[key] / floor[key]) if floor and floor[key] > 0 else '-'
            print('| %s | %s | %.0f | %.0f | %.0f | %s | %s | %.0f | %.0f | %s |'
                  % (label, load, got['p50_us'], got['p99_us'], got['max_us'],
                     ratio('p50_us'), ratio('p99_us'), got['after_return_p50_us'],
                     got['commit_p50_us'],
                     '{:,.0f}'.format(got['background_rate']) if got['background_rate'] else ''))
    print()
    print('A negative "handler - COMMIT returned" means the handler ran before the writer had '
          'the answer to its COMMIT: the server sends the events to its replicas first.')
    print(flush=True)
    return failures


SNAPSHOT_TABLES = (
    ('wide', '''CREATE TABLE bench.snap_wide (
  id INT NOT NULL PRIMARY KEY,
  big BIGINT NOT NULL,
  amount DECIMAL(14,4) NOT NULL,
  created DATETIME(6) NOT NULL,
  name VARCHAR(64) CHARACTER SET utf8mb4 NOT NULL,
  ratio DOUBLE NOT NULL,
  day DATE NOT NULL,
  status ENUM('new', 'paid', 'shipped', 'returned') NOT NULL,
  payload BLOB,
  flag TINYINT NOT NULL
) ENGINE=InnoDB''', '''INSERT INTO bench.snap_wide SELECT seq, seq * 1000003, seq / 7,
  TIMESTAMP'2024-01-01 00:00:00' + INTERVAL seq SECOND + INTERVAL (seq MOD 1000000) MICROSECOND,
  CONCAT('customer-', seq, ' ', _utf8mb4 X'C3A9E282AC'), seq * 0.25,
  DATE'2020-01-01' + INTERVAL (seq MOD 3650) DAY, 1 + seq MOD 4,
  IF(seq MOD 10 = 0, NULL, UNHEX(REPEAT(MD5(seq), 2))), seq MOD 100
  FROM seq_{first}_to_{last}'''),
    ('narrow', '''CREATE TABLE bench.snap_narrow (
  id INT NOT NULL PRIMARY KEY,
  a INT NOT NULL,
  b BIGINT NOT NULL,
  c SMALLINT NOT NULL
) ENGINE=InnoDB''', '''INSERT INTO bench.snap_narrow SELECT seq, seq * 3, seq * 1000003,
  seq MOD 30000 FROM seq_{first}_to_{last}'''),
)


def run_snapshot(args, server, spawn, reader, env):
    """(g) The snapshot of a wide and of a narrow table against mariadb-dump
    --single-transaction --quick (and a plain SELECT through the client) of
    the same table, in the same rounds, interleaved."""
    rows = args.snapshot_rows
    dump = shutil.which('mariadb-dump') or shutil.which('mysqldump')
    if rows <= 0:
        return []
    if dump is None:
        log('no mariadb-dump: the snapshot part is left out')
        return []
    server.sql('CREATE DATABASE IF NOT EXISTS bench')
    begin = time.monotonic()
    for _, create, insert in SNAPSHOT_TABLES:
        script = ['USE bench;\n', create + ';\n']
        script += [insert.format(**c) + ';\n' for c in chunks(1, rows, 100000)]
        server.sql(''.join(script))
    log('snapshot tables written in %.1f s: %d rows each' % (time.monotonic() - begin, rows))
    server_ids = iter(range(6000, 7000))
    client = [server.client, '--no-defaults', '-uroot', '-S', server.socket]
    contenders = []
    for kind, _, _ in SNAPSHOT_TABLES:
        table = 'snap_' + kind
        contenders += [
            (kind, 'ours, snapshot, counting handler',
             lambda t=table: [reader, '--socket', server.socket, '--server-id',
                              str(next(server_ids)), '--mode', 'count',
                              '--snapshot', 'bench.' + t], True),
            (kind, 'ours, snapshot, typed accessors',
             lambda t=table: [reader, '--socket', server.socket, '--server-id',
                              str(next(server_ids)), '--mode', 'typed',
                              '--snapshot', 'bench.' + t], True),
            (kind, 'mariadb-dump --single-transaction --quick',
             lambda t=table: [dump, '--no-defaults', '-uroot', '-S', server.socket,
                              '--single-transaction', '--quick', 'bench', t], False),
            (kind, "mariadb --quick -e 'SELECT *'",
             lambda t=table: client + ['--quick', '--batch', '-e',
                                       'SELECT * FROM bench.' + t], False),
        ]
    best = {}
    failures = []
    for round_ in range(args.repeat):
        for kind, label, argv, checked in contenders:
            result = run_child(spawn, label, 'server', argv(), env, server=server,
                               stdout_to_null=not checked)
            if result.status != 0:
                failures.append('snapshot, %s, %s: exit status %d: %s'
                                % (kind, label, result.status, result.error.strip()[-2000:]))
                continue
            if checked and int(result.counts.get('read', -1)) != rows:
                failures.append('snapshot, %s, %s: read %s rows, expected %d'
                                % (kind, label, result.counts.get('read'), rows))
            key = (kind, label)
            if key not in best or result.wall < best[key].wall:
                best[key] = result
        log('snapshot round %d of %d done' % (round_ + 1, args.repeat))

    print('Snapshot (g): %d rows of one table read by each reader, best of %d interleaved '
          'run(s); wide: 10 columns (INT key, BIGINT, DECIMAL(14,4), DATETIME(6), VARCHAR '
          'utf8mb4, DOUBLE, DATE, ENUM, BLOB of 32 bytes or NULL, TINYINT), narrow: 4 integer '
          'columns; ours with the default snapshot-chunk-size; mariadb-dump and mariadb '
          'write to /dev/null.' % (rows, args.repeat))
    print()
    print('| table | reader | rows/s | wall s | CPU s | server CPU s | peak RSS MiB '
          '| speed vs mariadb-dump | CPU vs mariadb-dump |')
    print('|---|---|---:|---:|---:|---:|---:|---:|---:|')
    for kind, label, _, _ in contenders:
        result = best.get((kind, label))
        ref = best.get((kind, 'mariadb-dump --single-transaction --quick'))
        if result is None:
            continue
        total_cpu = result.cpu + result.server_cpu
        print('| %s | %s | {:,.0f} | %.2f | %.2f | %.2f | %.1f | %s | %s |'.format(
                  rows / result.wall)
              % (kind, label, result.wall, result.cpu, result.server_cpu, result.rss / MIB,
                 '%.2fx' % (ref.wall / result.wall) if ref else '-',
                 '%.2fx' % ((ref.cpu + ref.server_cpu) / total_cpu)
                 if ref and total_cpu > 0 else '-'))
    print()
    print('"speed vs mariadb-dump" = mariadb-dump wall / wall, "CPU vs mariadb-dump" = the '
          'dump\'s CPU (its own and the server\'s) / the reader\'s and the server\'s (above 1: '
          'cheaper than the dump); on a machine shared with other work the CPU figures vary '
          'less than the wall times.')
    print(flush=True)
    server.sql('DROP TABLE bench.snap_wide, bench.snap_narrow')
    return failures


def make_mysql_payload(generator, size, directory):
    """Writes one MySQL transaction of at least SIZE bytes of row data,
    compressed into one TRANSACTION_PAYLOAD event; returns the file's path
    and what bench-make-payload says of it (rows, uncompressed, compressed
    and file sizes)."""
    path = os.path.join(directory, 'binlog.000001')
    begin = time.monotonic()
    out = subprocess.run([generator, '--size', str(size), path], check=True,
                         stdout=subprocess.PIPE, universal_newlines=True).stdout
    info = {k: int(v) for k, v in (w.split('=', 1) for w in out.split() if '=' in w)}
    log('MySQL compressed transaction written in %.1f s: %d rows, %.1f MiB of events '
        'compressed to %.1f MiB'
        % (time.monotonic() - begin, info['rows'], info['uncompressed'] / MIB,
           info['compressed'] / MIB))
    return path, info


def run_large(args, server, spawn, reader, mariadb_binlog, env):
    """One transaction of more than --large-size bytes: peak RSS of each reader."""
    name, rows = write_large_transaction(server, args.large_size)
    path = server.binlog_path(name)
    generator = os.path.join(args.build_dir, 'tests', 'bench', 'bench-make-payload')
    mysql_dir = tempfile.mkdtemp(prefix='mysqlbinlog-bench-payload-')
    try:
        mysql_path, mysql = make_mysql_payload(generator, args.large_size, mysql_dir)
        return run_large_readers(spawn, reader, mariadb_binlog, env, server, name, path, rows,
                                 mysql_path, mysql)
    finally:
        shutil.rmtree(mysql_dir, ignore_errors=True)


def run_large_readers(spawn, reader, mariadb_binlog, env, server, name, path, rows,
                      mysql_path, mysql):
    # label, argv, expected row count (None: not counted)
    contenders = [
        ('ours, file, typed accessors', [reader, '--file', path, '--mode', 'typed'], rows),
        ('ours, server, typed accessors',
         [reader, '--socket', server.socket, '--start', '%s:4' % name,
          '--server-id', '8001', '--mode', 'typed'], rows),
        ('mariadb-binlog decode-rows -v, file',
         [mariadb_binlog, '--no-defaults', '--base64-output=decode-rows', '-v', path], None),
        ('ours, file, typed accessors, MySQL zstd payload',
         [reader, '--file', mysql_path, '--mode', 'typed'], mysql['rows']),
    ]
    failures = []
    print('Large transaction: one transaction of %d rows, %.2f GiB of row data, '
          'binlog file %.2f GiB'
          % (rows, rows * 4000 / (1 << 30), os.path.getsize(path) / (1 << 30)))
    print('MySQL zstd payload: one transaction of %d rows in one TRANSACTION_PAYLOAD event, '
          '%.2f GiB of events compressed to %.2f GiB (binlog file %.2f GiB)'
          % (mysql['rows'], mysql['uncompressed'] / (1 << 30), mysql['compressed'] / (1 << 30),
             mysql['file'] / (1 << 30)))
    print()
    print('| reader | rows/s | wall s | CPU s | peak RSS MiB |')
    print('|---|---:|---:|---:|---:|')
    for label, argv, wanted_rows in contenders:
        result = run_child(spawn, label, 'file', argv, env,
                           server=server if '--socket' in argv else None,
                           stdout_to_null=wanted_rows is None)
        if result.status == SKIP:
            print('| %s | n/a (file reading not available) | | | |' % label)
            continue
        if result.status != 0:
            failures.append('large, %s: exit status %d: %s'
                            % (label, result.status, result.error.strip()[-2000:]))
            continue
        if wanted_rows is not None:
            expected = {'inserted': wanted_rows, 'updated': 0, 'deleted': 0}
            got = {k: int(result.counts.get(k, -1)) for k in expected}
            if got != expected:
                failures.append('large, %s: read %s, expected %s' % (label, got, expected))
        print('| %s | {:,.0f} | %.2f | %.2f | %.1f |'.format(
                  (wanted_rows if wanted_rows is not None else rows) / result.wall)
              % (label, result.wall, result.cpu, result.rss / MIB))
    print(flush=True)
    return failures


if __name__ == '__main__':
    sys.exit(main())
