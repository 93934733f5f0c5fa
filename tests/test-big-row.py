#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Memory for a big row: one row of a 64 MiB LONGBLOB, read by this
# library live and from the binlog file (tests/big-row-reader.c), by the
# mysqlbinlog-glib program with its JSON and its text output, and from
# Python.  Each reader runs in a process of its own, whose peak resident
# set (wait4's ru_maxrss) is compared with that of the same reader on a
# row of 64 KiB: what the big row adds must stay within a few times the
# row, whatever the reader:
#
#   the library, live          1 x the row    (the event is the row image;
#                              2 x unless the client library is MariaDB
#                              Connector/C, whose packet buffer the stream
#                              takes over: another one copies the event)
#   the library, file          1 x the row    (the file's read buffer)
#   Python                     one more       (the bytes object)
#   the program (json, text)   as the library (the value goes out in parts)
#
# plus SLACK.  Every reader also checks each byte of the value it got.
#
#   test-big-row.py                      the test (meson test runs it)
#   test-big-row.py --python-reader ...  the Python reader (a child)
#
# Environment: BIG_ROW_READER (tests/big-row-reader), MYSQLBINLOG_GLIB
# (the program; without it its part is skipped), BIG_ROW_CLIENT (the
# client library's pkg-config name, libmariadb by default), BIG_ROW_MIB (the size of
# the row, 64 by default).  Under AddressSanitizer, whose quarantine keeps
# freed memory resident, the resident set says nothing: the test skips.

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time

import mariadb_server

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
READER = os.environ.get('BIG_ROW_READER')
TOOL = os.environ.get('MYSQLBINLOG_GLIB')
MIB = 1024 * 1024
SIZE = int(os.environ.get('BIG_ROW_MIB', '64')) * MIB
SMALL_SIZE = 64 * 1024
# What a reader may take beyond its bound, for the allocator's slack and
# the reading of a 64 MiB event compared with a 64 KiB one.
SLACK = 12 * MIB
PATTERN = bytes([0x00, 0xff, 0x22, 0x5c, 0x0a, 0x61, 0x7a, 0x7f])
HEX_PATTERN = PATTERN.hex().upper()
# 8 bytes of UTF-8, of which two are escaped in JSON.
TEXT_UNIT = 'ab"c\\éx'

# The packet buffer of MariaDB Connector/C is taken over; that of another
# client library is copied.
LIVE = 1 if os.environ.get('BIG_ROW_CLIENT', 'libmariadb') == 'libmariadb' else 2
BOUNDS = {
    'library, live': LIVE,
    'library, file': 1,
    'python, live': LIVE + 1,
    'python, file': 2,
    'program, json': LIVE,
    'program, text': LIVE,
    # From a file: the event, and the text converted.
    'program, json text': 2,
}


def expected_digest(length):
    digest = hashlib.sha256()
    chunk = PATTERN * 8192
    while length >= len(chunk):
        digest.update(chunk)
        length -= len(chunk)
    digest.update((PATTERN * (length // len(PATTERN) + 1))[:length])
    return digest.hexdigest()


def python_reader(source, size, small_size):
    """The child: reads test.big from @source (SOCKET START or a binlog
    file) and checks each payload."""
    try:
        import gi
        gi.require_version('MysqlBinlog', '1.0')
        from gi.repository import Gio, MysqlBinlog
    except (ImportError, ValueError) as error:
        print('SKIP: no MysqlBinlog typelib for Python (%s)' % error, file=sys.stderr)
        return SKIP

    digests = {size: expected_digest(size), small_size: expected_digest(small_size)}
    state = {'rows': 0, 'wrong': 0}

    def on_inserted(stream, row):
        # By index: a file without the full metadata names no columns.
        value = row[1]
        expected = size if row[0] == 1 else small_size
        state['rows'] += 1
        if (not isinstance(value, bytes) or len(value) != expected or
                hashlib.sha256(value).hexdigest() != digests[expected]):
            print('row %d: wrong payload of %d bytes' % (row[0], len(value)),
                  file=sys.stderr)
            state['wrong'] += 1

    if len(source) == 1:
        stream = MysqlBinlog.Stream.new_for_file(Gio.File.new_for_path(source[0]))
    else:
        stream = MysqlBinlog.Stream(socket=source[0], user='root', blocking=False,
                                    server_id=7000 + os.getpid() % 10000,
                                    start_position=MysqlBinlog.Position.from_string(source[1]))
    stream.connect('rows-inserted::test.big', on_inserted)
    stream.run(None)
    print('rows %d' % state['rows'])
    return 0 if state['rows'] > 0 and state['wrong'] == 0 else 1


class MariaDB(mariadb_server.MariaDB):
    def __init__(self, *options):
        super().__init__(*options, prefix='mysqlbinlog-big-row-',
                         client_args=['--max-allowed-packet=256M'])

    def position(self):
        return self.master_status()


def measure(args, stdout=subprocess.DEVNULL, env=None):
    """Runs @args; returns its peak resident set in bytes and its stdout
    when that is a pipe."""
    started = time.monotonic()
    proc = subprocess.Popen(args, stdout=stdout, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    errors = proc.stderr.read().decode(errors='replace')
    proc.stderr.close()
    if proc.returncode != 0:
        raise AssertionError('%s failed (%d): %s' % (' '.join(args), proc.returncode, errors))
    return usage.ru_maxrss * 1024, time.monotonic() - started


def check_program_output(path, what, marker, unit, length):
    """The program's output for a big value: after @marker, the string
    value, @length bytes of @unit repeated, is there, whole and right (read
    in parts: the resident set of this process is where the next reader's
    starts), and the rest, returned with that value cut to "", is what it
    prints for a row."""
    pattern = unit * (65536 // len(unit))
    with open(path, 'rb') as out:
        head = out.read(MIB)
        start = head.find(marker)
        if start < 0:
            raise AssertionError('%s: no big value in the output: %r' % (what, head[:200]))
        start += len(marker)
        prefix = head[:head.rindex(b'"', 0, start) + 1]
        out.seek(start)
        left = length
        while left > 0:
            part = out.read(min(left, len(pattern)))
            if part != pattern[:len(part)]:
                raise AssertionError('%s: the value is wrong at byte %d' % (what, length - left))
            left -= len(part)
        rest = out.read()
    if rest[:1] != b'"':
        raise AssertionError('%s: the value does not end after %d bytes: %r'
                             % (what, length, rest[:40]))
    return (prefix + rest).decode()


def main():
    if len(sys.argv) in (5, 6) and sys.argv[1] == '--python-reader':
        return python_reader(sys.argv[2:-2], int(sys.argv[-2]), int(sys.argv[-1]))

    if not READER or not os.access(READER, os.X_OK):
        print('SKIP: BIG_ROW_READER does not name the built reader (%r)' % READER,
              file=sys.stderr)
        return SKIP
    sanitized = subprocess.run([READER, 'sanitized'], check=True, stdout=subprocess.PIPE,
                               text=True).stdout.strip()
    if sanitized == 'yes':
        print('SKIP: built with AddressSanitizer, whose quarantine keeps freed memory '
              'resident: the resident set says nothing', file=sys.stderr)
        return SKIP

    # FULL metadata: a file then says that the column is binary (without
    # it, a file's BLOB and TEXT columns look the same).
    db = MariaDB('--max-allowed-packet=256M', '--binlog-row-metadata=FULL')
    results = {}
    try:
        db.sql('CREATE DATABASE test; '
               'CREATE TABLE test.big (id INT PRIMARY KEY, payload LONGBLOB NOT NULL) '
               'ENGINE=MyISAM; '
               'CREATE TABLE test.text (id INT PRIMARY KEY, t LONGTEXT CHARACTER SET utf8mb4) '
               'ENGINE=MyISAM; FLUSH BINARY LOGS')
        # A text as big, alone in its file, before the others.
        text_file, _ = db.position()
        db.sql("INSERT INTO test.text VALUES (1, REPEAT(CONVERT(UNHEX('%s') USING utf8mb4), %d)); "
               "FLUSH BINARY LOGS" % (TEXT_UNIT.encode().hex(), SIZE // len(TEXT_UNIT.encode())))
        big_file, big_offset = db.position()
        # The big row alone in its binlog file, the small one in the next.
        db.sql("INSERT INTO test.big VALUES (1, REPEAT(UNHEX('%s'), %d)); FLUSH BINARY LOGS"
               % (HEX_PATTERN, SIZE // len(PATTERN)))
        small_file, small_offset = db.position()
        db.sql("INSERT INTO test.big VALUES (2, REPEAT(UNHEX('%s'), %d)); FLUSH BINARY LOGS"
               % (HEX_PATTERN, SMALL_SIZE // len(PATTERN)))
        binlog_dir = os.path.join(db.dir, 'binlog')
        starts = {'big': '%s:%d' % (big_file, big_offset),
                  'small': '%s:%d' % (small_file, small_offset)}
        files = {'big': os.path.join(binlog_dir, big_file),
                 'small': os.path.join(binlog_dir, small_file)}
        sizes = [str(SIZE), str(SMALL_SIZE)]

        readers = {
            'library, live': lambda which: [READER, '--socket', db.socket, '--start',
                                            starts[which]] + sizes,
            'library, file': lambda which: [READER, '--file', files[which]] + sizes,
        }
        python = '/usr/bin/python3'
        env = dict(os.environ)
        if os.access(python, os.X_OK):
            readers['python, live'] = lambda which: [python, os.path.abspath(__file__),
                                                     '--python-reader', db.socket,
                                                     starts[which]] + sizes
            readers['python, file'] = lambda which: [python, os.path.abspath(__file__),
                                                     '--python-reader', files[which]] + sizes
        for name, args in readers.items():
            small, _ = measure(args('small'), env=env)
            big, seconds = measure(args('big'), env=env)
            results[name] = (small, big, seconds)

        if TOOL and os.access(TOOL, os.X_OK):
            for fmt in ('json', 'text'):
                name = 'program, %s' % fmt
                peaks = []
                for which in ('small', 'big'):
                    with tempfile.NamedTemporaryFile(prefix='big-row-out-') as out:
                        peak, seconds = measure([TOOL, '-S', db.socket, '-u', 'root',
                                                 '--start', starts[which], '--non-blocking',
                                                 '--format', fmt], stdout=out)
                        peaks.append(peak)
                        if which == 'big':
                            rest = check_program_output(out.name, name, b'"0x',
                                                        HEX_PATTERN.encode(), 2 * SIZE)
                            if fmt == 'json':
                                lines = rest.splitlines()
                                message = json.loads(lines[0])
                                assert message['type'] == 'row_insert', message
                                assert message['values'] == {'id': 1, 'payload': ''}, message
                                assert json.loads(lines[1])['values']['id'] == 2, lines[1]
                            else:
                                assert '  id: 1\n  payload: ""\n' in rest, rest[-400:]
                results[name] = (peaks[0], peaks[1], seconds)

            # The text, from its file: its converted copy is the one more.
            escaped = json.dumps(TEXT_UNIT, ensure_ascii=False)[1:-1].encode()
            peaks = []
            for path in (files['small'], os.path.join(binlog_dir, text_file)):
                with tempfile.NamedTemporaryFile(prefix='big-row-out-') as out:
                    peak, seconds = measure([TOOL, '--file', path, '--format', 'json'],
                                            stdout=out)
                    peaks.append(peak)
                    if path != files['small']:
                        rest = check_program_output(out.name, 'program, text value', b'"t":"',
                                                    escaped, len(escaped) * (SIZE // 8))
                        message = json.loads(rest)
                        assert message['values'] == {'id': 1, 't': ''}, message
            results['program, json text'] = (peaks[0], peaks[1], seconds)
        else:
            print('# the program is not built (MYSQLBINLOG_GLIB): not measured')
    finally:
        db.stop()

    failed = []
    for name, (small, big, seconds) in results.items():
        grown = big - small
        bound = BOUNDS[name] * SIZE + SLACK
        print('# %-18s peak RSS %6.1f MiB for a row of %d MiB (%6.1f MiB for %d KiB), '
              '+%.1f MiB = %.2f x the row (bound %d x + %d MiB), %.1f s'
              % (name, big / MIB, SIZE // MIB, small / MIB, SMALL_SIZE // 1024, grown / MIB,
                 grown / SIZE, BOUNDS[name], SLACK // MIB, seconds))
        if grown > bound:
            failed.append(name)
    if failed:
        print('FAIL: more memory than allowed: %s' % ', '.join(failed))
        return 1
    print('ok: every reader within its bound')
    return 0


if __name__ == '__main__':
    sys.exit(main())
