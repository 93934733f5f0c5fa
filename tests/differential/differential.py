#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The seeded, randomized differential test.
#
# On one throwaway MariaDB server, for every combination of
# binlog_row_metadata (NO_LOG, MINIMAL, FULL) and binlog_row_image (FULL,
# MINIMAL, NOBLOB), and for each seed: random tables over every column type
# (with and without a primary key, generated columns, YEAR, GEOMETRY, BIT,
# ENUM and SET in random positions, several character sets), then random
# inserts, updates, deletes, rolled-back transactions and savepoints.  The
# binary log of that workload is read by the live reader and by the file
# reader (diff-reader), and by the server's own decoder (mariadb-binlog -v -v),
# and three comparisons are made, value by value:
#
#   (a) the tables rebuilt from the live stream against SELECT of the final
#       tables;
#   (b) every row image of the live stream against mariadb-binlog's;
#   (c) the live reader against the file reader.
#
# Every mismatch is printed with its seed and combination, and the command
# that replays it; the run fails on any.  The closing line says how many
# values were compared.
#
#   differential.py [--seeds 1,2,3] [--combo FULL/MINIMAL] [--long] [-v]
#
# Environment: DIFFERENTIAL_LONG=1 (more seeds, bigger workloads),
# DIFFERENTIAL_SEEDS=4,5 (the seeds), DIFF_READER (the reader program),
# MYSQL_BINLOG_TEST_SERVER_SCRIPT, MARIADB_SERVER_CACHE (as for the other
# tests), DIFFERENTIAL_KNOWN_DEFECTS=1 (see KNOWN_DEFECTS below).
#
# Where mariadb-binlog is itself wrong or says too little, that comparison
# is skipped for that type only and counted (see MDB_SKIPS below).

import argparse
import datetime
import ipaddress
import json
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER_SCRIPT = os.environ.get('MYSQL_BINLOG_TEST_SERVER_SCRIPT',
                               os.path.join(HERE, '..', 'mariadb-server.sh'))
READER = os.environ.get('DIFF_READER', '')

METADATAS = ['NO_LOG', 'MINIMAL', 'FULL']
IMAGES = ['FULL', 'MINIMAL', 'NOBLOB']

# The defects known on MariaDB when this test was written.  Only when
# DIFFERENTIAL_KNOWN_DEFECTS=1 is set are their mismatches reported as
# "known" instead of failing the run; by default they fail it.  Remove an
# entry once its fix is in.
#   year-signedness: MariaDB gives YEAR a bit in the table map's SIGNEDNESS
#     field; a decoder that does not count it reads each later integer
#     column's signedness from its neighbour.
#   geometry-charset: MariaDB lists GEOMETRY columns in COLUMN_CHARSET /
#     DEFAULT_CHARSET; a decoder that does not count them gives each later
#     character column its neighbour's collation.
KNOWN_DEFECTS = {
    'year-signedness': lambda table, col, meta: (
        meta != 'NO_LOG' and col.kind in ('int',) and
        any(c.kind == 'year' for c in table.cols[:table.cols.index(col)])),
    'geometry-charset': lambda table, col, meta: (
        meta != 'NO_LOG' and col.kind in ('text', 'binary', 'enum', 'set', 'json', 'inet6', 'uuid') and
        any(c.kind == 'geometry' for c in table.cols[:table.cols.index(col)])),
}

# Where mariadb-binlog (10.11) is wrong or lossy, with the reason; each is
# counted and printed at the end.  "skipped": not compared with
# mariadb-binlog for that value (the other two comparisons still are);
# "lossy": compared in mariadb-binlog's own, less exact form.
#   - YEAR 0000 is printed as 1900 (wrong): skipped.
#   - FLOAT is printed with 6 significant digits: the library's value is
#     printed the same way and compared as text.
#   - BINARY(n), INET6 and UUID are printed without their trailing zero
#     bytes (the binlog stores them so): compared without them.
#   - A SET is printed as its bytes in storage order, little-endian, so a
#     SET of more than 8 members does not read as one binary number:
#     converted back (exact, not counted).
#   - DATE is printed with ':' between its fields: converted (exact).
#   - Strings are printed as raw bytes in the column's character set, bytes
#     below 0x20 as \xNN and the backslash not escaped: decoded (exact,
#     because the generated text never holds "\x").
MDB_SKIPS = {
    'year-zero': 'skipped: mariadb-binlog prints YEAR 0000 as 1900',
    'float': 'lossy: mariadb-binlog prints FLOAT with 6 significant digits (compared so)',
    'binary-padding': 'lossy: mariadb-binlog prints BINARY(n), INET6 and UUID without their '
                      'trailing zero bytes (compared without them)',
}

PYTHON_CODECS = {
    'latin1': 'cp1252',     # MySQL's latin1 is Windows-1252
    'utf8mb3': 'utf-8',
    'utf8mb4': 'utf-8',
    'ucs2': 'utf-16-be',
    'utf16': 'utf-16-be',
    'utf16le': 'utf-16-le',
    'utf32': 'utf-32-be',
    'ascii': 'ascii',
    'latin2': 'iso8859_2',
    'cp1250': 'cp1250',
    'cp1251': 'cp1251',
    'koi8r': 'koi8_r',
    'greek': 'iso8859_7',
    'hebrew': 'iso8859_8',
    'cp850': 'cp850',
    'sjis': 'shift_jis',
    'cp932': 'cp932',
    'ujis': 'euc_jp',
    'gbk': 'gbk',
    'gb2312': 'gb2312',
    'big5': 'big5',
    'euckr': 'euc_kr',
    'tis620': 'tis_620',
}

# Characters for strings: quotes, backslash, NUL, control characters and
# spaces, and each character set's own; never an 'x' (mariadb-binlog writes
# a control byte as \xNN and does not escape the backslash, so a literal
# "\x" followed by two hex digits could not be told apart).
ASCII_POOL = list("abcdefghijklmnopqrstuvwyzABCDEFGH0123456789 '\"\\%_-;") + ['\0', '\n', '\t', ' ']
CHARSET_POOLS = {
    'latin1': ASCII_POOL + list('éüßÿ€Œ±çÀ'),
    'utf8mb3': ASCII_POOL + list('é€中ñ日本語ÿЖ'),
    'utf8mb4': ASCII_POOL + list('é€中ñ日本語ÿЖ') + ['😀', '𝄞'],
    'ucs2': ASCII_POOL + list('é€中ñ日本語ÿЖ'),
    'utf16': ASCII_POOL + list('é€中ñ日本語ÿЖ') + ['😀', '𝄞'],
    'utf16le': ASCII_POOL + list('é€中ñ日本語ÿЖ') + ['😀', '𝄞'],
    'utf32': ASCII_POOL + list('é€中ñ日本語ÿЖ') + ['😀', '𝄞'],
}
# The other character sets: the characters of a few scripts that each can
# hold (as Python's codec says; the server refuses, in strict mode, any it
# cannot).
SCRIPT_SAMPLE = ('éüßÿçÀŁłŽžČčőŐЖжЯяЁёαβΩάשלוםสวัสดี日本語カナかな中文简体繁體한국어'
                 'ÆæØø±°§')
for _cs, _codec in PYTHON_CODECS.items():
    if _cs not in CHARSET_POOLS:
        _pool = []
        for _ch in SCRIPT_SAMPLE:
            try:
                _ch.encode(_codec)
            except UnicodeEncodeError:
                continue
            _pool.append(_ch)
        CHARSET_POOLS[_cs] = ASCII_POOL + _pool
TEXT_CHARSETS = sorted(PYTHON_CODECS)

# The server's own reading of its character sets, which Python's codecs do
# not always share (MariaDB's sjis writes '\\' as 0x815F and reads it back
# so, its big5 has the ETEN rows): for each character of a pool, the bytes
# the server writes for it and the text it reads from them.  Filled once per
# run by learn_server_charsets().
SERVER_WRITES = {}   # charset -> {character: bytes}
SERVER_READS = {}    # charset -> {bytes: text}


def learn_server_charsets(server):
    script = []
    for cs in TEXT_CHARSETS:
        for ch in CHARSET_POOLS[cs]:
            lit = sql_text(ch)
            script.append("SELECT '%s', HEX(%s), HEX(CONVERT(%s USING %s)), "
                          "HEX(CONVERT(CONVERT(%s USING %s) USING utf8mb4));"
                          % (cs, lit, lit, cs, lit, cs))
    for line in server.sql('\n'.join(script)).splitlines():
        cs, ch, written, read = line.split('\t')
        ch = bytes.fromhex(ch).decode('utf-8')
        written = bytes.fromhex(written)
        SERVER_WRITES.setdefault(cs, {})[ch] = written
        SERVER_READS.setdefault(cs, {})[written] = bytes.fromhex(read).decode('utf-8')


def server_decode(charset, raw):
    """The text the server reads from raw, bytes its pool characters were
    written as; Python's codec where raw holds other bytes."""
    reads = SERVER_READS.get(charset, {})
    out = []
    i = 0
    while i < len(raw):
        for n in (4, 3, 2, 1):
            if raw[i:i + n] in reads:
                out.append(reads[raw[i:i + n]])
                i += n
                break
        else:
            return raw.decode(PYTHON_CODECS[charset])
    return ''.join(out)


def server_encode(charset, text):
    """The bytes the server writes for text."""
    writes = SERVER_WRITES.get(charset, {})
    return b''.join(writes[ch] if ch in writes else ch.encode(PYTHON_CODECS[charset])
                    for ch in text)

SKIP = object()


def bits_unsigned_range(bits, unsigned):
    if unsigned:
        return 0, (1 << bits) - 1
    return -(1 << (bits - 1)), (1 << (bits - 1)) - 1


def sql_text(text):
    """A string literal that reaches the server exactly, whatever it holds."""
    if text == '':
        return "_utf8mb4''"
    return "_utf8mb4 X'%s'" % text.encode('utf-8').hex()


def sql_plain(text):
    """A plain quoted literal, where the grammar allows no other (ENUM and
    SET members)."""
    return "'%s'" % text.replace('\\', '\\\\').replace("'", "''")


def nul_as_replacement(text):
    # The library's documented mapping: text handed to GVariant holds no
    # NUL, a NUL byte becomes U+FFFD.
    return text.replace('\0', '\ufffd')


def decode_mdb_string(raw):
    """mariadb-binlog's quoted value: bytes, control bytes as \\xNN."""
    out = bytearray()
    i = 0
    while i < len(raw):
        if raw[i:i + 2] == b'\\x' and re.match(rb'[0-9a-fA-F]{2}', raw[i + 2:i + 4]):
            out.append(int(raw[i + 2:i + 4], 16))
            i += 4
        else:
            out.append(raw[i])
            i += 1
    return bytes(out)


def render_mdb_bytes(data):
    return b''.join(b'\\x%02x' % c if c < 0x20 else bytes([c]) for c in data)


class Col:
    """One column: its SQL, how to make values, and how each source shows
    a value, converted to the library's form (tag, value)."""

    def __init__(self, name, kind, sql, **kw):
        self.name = name
        self.kind = kind
        self.sql = sql
        self.bits = kw.get('bits', 0)
        self.unsigned = kw.get('unsigned', False)
        self.charset = kw.get('charset')
        self.length = kw.get('length', 0)
        self.fixed = kw.get('fixed', False)   # CHAR / BINARY
        self.blob = kw.get('blob', False)
        self.members = kw.get('members', [])
        self.fsp = kw.get('fsp', 0)
        self.precision = kw.get('precision', 0)
        self.scale = kw.get('scale', 0)
        self.generated = kw.get('generated')
        self.geometry = kw.get('geometry', 'GEOMETRY')

    # -- values --------------------------------------------------------

    def random_literal(self, rng):
        if rng.random() < 0.12:
            return 'NULL'
        k = self.kind
        if k == 'int':
            lo, hi = bits_unsigned_range(self.bits, self.unsigned)
            return str(rng.choice([lo, hi, 0, 1, lo + 1, hi - 1] if rng.random() < 0.3
                                  else [rng.randint(lo, hi)]))
        if k == 'year':
            return str(rng.choice([0, 1901, 2155, rng.randint(1901, 2155), rng.randint(1901, 2155)]))
        if k == 'bit':
            hi = (1 << self.bits) - 1
            return str(rng.choice([0, hi, rng.randint(0, hi)]))
        if k == 'decimal':
            ints = self.precision - self.scale
            if rng.random() < 0.2:
                ip = '9' * ints or '0'
                fp = '9' * self.scale
            else:
                ip = str(rng.randint(0, 10 ** rng.randint(0, ints) - 1)) if ints else '0'
                fp = ''.join(rng.choice('0123456789') for _ in range(self.scale))
            sign = rng.choice(['', '-'])
            return "'%s%s%s'" % (sign, ip, '.' + fp if fp else '')
        if k == 'float':
            return repr(rng.randint(-39999, 39999) / 4)
        if k == 'double':
            return repr(rng.choice([1.7976931348623157e308, -2.2250738585072014e-308, 0.0,
                                    rng.randint(-2 ** 40, 2 ** 40) / 64,
                                    rng.randint(-2 ** 40, 2 ** 40) / 64]))
        if k == 'date':
            if rng.random() < 0.1:
                return "'0000-00-00'"
            return "'%s'" % random_date(rng).isoformat()
        if k == 'datetime':
            if rng.random() < 0.1:
                return "'0000-00-00 00:00:00'"
            d = datetime.datetime.combine(random_date(rng), datetime.time(
                rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)))
            return "'%s%s'" % (d.strftime('%Y-%m-%d %H:%M:%S'), random_fraction(rng, self.fsp))
        if k == 'timestamp':
            if rng.random() < 0.1:
                return "'0000-00-00 00:00:00'"
            t = rng.choice([1, 2147483647, rng.randint(1, 2147483646)])
            d = datetime.datetime.fromtimestamp(t, datetime.timezone.utc)
            frac = random_fraction(rng, self.fsp) if t != 2147483647 else ''
            return "'%s%s'" % (d.strftime('%Y-%m-%d %H:%M:%S'), frac)
        if k == 'time':
            h = rng.choice([0, 838, rng.randint(0, 838), rng.randint(0, 23)])
            if h == 838:
                m, s, frac = 59, 59, ''
            else:
                m, s, frac = rng.randint(0, 59), rng.randint(0, 59), random_fraction(rng, self.fsp)
            return "'%s%02d:%02d:%02d%s'" % (rng.choice(['', '-']), h, m, s, frac)
        if k in ('text', 'json'):
            return sql_text(self.random_text(rng))
        if k == 'binary':
            n = self.length if rng.random() < 0.1 else min(self.length, 64)
            size = rng.choice([0, n, rng.randint(0, n)])
            data = bytes(rng.randint(0, 255) for _ in range(size))
            if size and rng.random() < 0.3:
                data = data[:-1] + b'\0'
            return "X'%s'" % data.hex()
        if k == 'enum':
            return sql_text(rng.choice(self.members))
        if k == 'set':
            chosen = [m for m in self.members if rng.random() < 0.3]
            return sql_text(','.join(chosen))
        if k == 'geometry':
            def pt():
                return '%r %r' % (rng.randint(-800, 800) / 8, rng.randint(-800, 800) / 8)
            shape = self.geometry if self.geometry != 'GEOMETRY' else rng.choice(['POINT', 'LINESTRING', 'POLYGON'])
            if shape == 'POINT':
                wkt = 'POINT(%s)' % pt()
            elif shape == 'LINESTRING':
                wkt = 'LINESTRING(%s)' % ','.join(pt() for _ in range(rng.randint(2, 5)))
            else:
                a = pt()
                wkt = 'POLYGON((%s,%s,%s,%s))' % (a, pt(), pt(), a)
            return "ST_GeomFromText('%s')" % wkt
        if k == 'inet6':
            if rng.random() < 0.3:
                return "'::ffff:%d.%d.%d.%d'" % tuple(rng.randint(0, 255) for _ in range(4))
            return "'%s'" % ipaddress.IPv6Address(bytes(rng.randint(0, 255) for _ in range(16)))
        if k == 'uuid':
            # Time-based (version 1, which MariaDB stores with its fields
            # swapped) and random (version 4) UUIDs.
            return "'%s'" % uuid.UUID(bytes=bytes(rng.randint(0, 255) for _ in range(16)),
                                      version=rng.choice([1, 4]))
        raise AssertionError(k)

    def random_text(self, rng):
        if self.kind == 'json':
            return json.dumps(random_json(rng, 2), ensure_ascii=False)
        # Mostly short, sometimes as long as the column takes (a TEXT value
        # longer than 255 bytes has a longer length prefix).
        limit = self.length if rng.random() < 0.1 else min(self.length or 40, 40)
        size = rng.choice([0, limit, rng.randint(0, limit), rng.randint(0, min(6, limit))])
        pool = CHARSET_POOLS[self.charset]
        text = ''.join(rng.choice(pool) for _ in range(size))
        if text and rng.random() < 0.2:
            text = text[:-1] + ' '
        return text

    # -- the library's form of each source's value --------------------

    def tag(self):
        return {'int': 't' if self.unsigned else 'x', 'year': 'x', 'bit': 't', 'decimal': 's',
                'float': 'd', 'double': 'd', 'date': 's', 'datetime': 's', 'timestamp': 's',
                'time': 's', 'text': 's', 'json': 's', 'binary': 'ay', 'enum': 's', 'set': 'as',
                'geometry': 'ay', 'inet6': 'ay', 'uuid': 'ay'}[self.kind]

    def select_expr(self):
        q = '`%s`' % self.name
        k = self.kind
        if k in ('int', 'decimal', 'date', 'datetime', 'timestamp', 'time', 'double'):
            e = 'CAST(%s AS CHAR)' % q
        elif k in ('year', 'bit'):
            e = 'CAST(%s + 0 AS CHAR)' % q
        elif k == 'float':
            e = 'CAST(CAST(%s AS DOUBLE) AS CHAR)' % q
        elif k in ('text', 'json', 'enum', 'set'):
            e = 'HEX(CONVERT(%s USING utf8mb4))' % q
        elif k in ('binary', 'geometry'):
            e = 'HEX(%s)' % q
        elif k in ('inet6', 'uuid'):
            e = 'HEX(CAST(%s AS BINARY(16)))' % q
        else:
            raise AssertionError(k)
        return "IF(%s IS NULL, 'N', CONCAT('V', %s))" % (q, e)

    def from_select(self, text):
        if text == 'N':
            return None
        assert text[0] == 'V', text
        text = text[1:]
        k = self.kind
        if k in ('int', 'year', 'bit'):
            return (self.tag(), int(text))
        if k in ('float', 'double'):
            return ('d', float(text))
        if k in ('decimal', 'date', 'datetime', 'timestamp', 'time'):
            return ('s', text)
        if k in ('text', 'json', 'enum'):
            return ('s', nul_as_replacement(bytes.fromhex(text).decode('utf-8')))
        if k == 'set':
            s = bytes.fromhex(text).decode('utf-8')
            return ('as', tuple(s.split(',')) if s else ())
        return ('ay', bytes.fromhex(text).hex())

    def compare_mdb(self, lib, text, skips):
        """True or False, or SKIP with the reason counted in @skips."""
        if text == b'NULL':
            return lib is None
        if lib is None:
            return False
        if lib[0] != self.tag():
            return False
        value = lib[1]
        k = self.kind
        if k == 'int':
            m = re.fullmatch(rb'(-?\d+)(?: \((\d+)\))?', text)
            if not m:
                return False
            n = int(m.group(2)) if (self.unsigned and m.group(2)) else int(m.group(1))
            return n == value
        if k == 'year':
            if value == 0:
                skips['year-zero'] = skips.get('year-zero', 0) + 1
                return SKIP
            return int(text) == value
        if k == 'bit':
            m = re.fullmatch(rb"b'([01]+)'", text)
            return bool(m) and int(m.group(1), 2) == value
        if k == 'decimal':
            return text.decode() == value
        if k == 'float':
            skips['float'] = skips.get('float', 0) + 1
            return ('%g' % value).encode() == text
        if k == 'double':
            return float(text) == value
        if k in ('date', 'datetime', 'time'):
            m = re.fullmatch(rb"'(.*)'", text)
            if not m:
                return False
            shown = m.group(1).decode()
            if k == 'date':
                # mariadb-binlog separates a DATE's fields with ':'.
                shown = shown.replace(':', '-')
            return shown == value
        if k == 'timestamp':
            m = re.fullmatch(rb'(\d+)(?:\.(\d+))?', text)
            if not m:
                return False
            seconds = int(m.group(1))
            frac = '.' + m.group(2).decode() if m.group(2) else ''
            if seconds == 0:
                shown = '0000-00-00 00:00:00' + frac
            else:
                shown = datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime(
                    '%Y-%m-%d %H:%M:%S') + frac
            return shown == value
        if k in ('text', 'json'):
            m = re.fullmatch(rb"'(.*)'", text, re.S)
            if not m:
                return False
            raw = decode_mdb_string(m.group(1))
            try:
                shown = server_decode(self.charset or 'utf8mb4', raw)
            except UnicodeDecodeError:
                return False
            return nul_as_replacement(shown) == value
        if k == 'enum':
            if not re.fullmatch(rb'\d+', text):
                return False
            i = int(text)
            return 1 <= i <= len(self.members) and self.members[i - 1] == value
        if k == 'set':
            m = re.fullmatch(rb"b'([01]+)'", text)
            if not m:
                return False
            # mariadb-binlog prints a SET's bytes in storage order, which is
            # little-endian: for more than 8 members not the number itself.
            bits = m.group(1)
            size = (len(bits) + 7) // 8
            mask = int.from_bytes(int(bits, 2).to_bytes(size, 'big'), 'little')
            return tuple(mm for i, mm in enumerate(self.members) if mask & (1 << i)) == tuple(value)
        if k in ('binary', 'geometry', 'inet6', 'uuid'):
            m = re.fullmatch(rb"'(.*)'", text, re.S)
            if not m:
                return False
            data = bytes.fromhex(value)
            if self.fixed or k in ('inet6', 'uuid'):
                skips['binary-padding'] = skips.get('binary-padding', 0) + 1
                return render_mdb_bytes(data.rstrip(b'\0')) == m.group(1)
            return render_mdb_bytes(data) == m.group(1)
        raise AssertionError(k)

    def file_expected(self, live, meta):
        """What the file reader, which knows only what the binlog file
        carries, should show for the live reader's value; SKIP where the
        file cannot tell."""
        if meta == 'FULL' or live is None:
            return live
        k = self.kind
        tag, value = live
        if k in ('enum', 'set'):
            # Without FULL metadata the file has no member names: the file
            # reader shows the member's number (0 for the empty error
            # value), a SET the bits of its members, never a string.
            if k == 'enum':
                if value == '' and '' not in self.members:
                    return ('t', 0)
                return ('t', self.members.index(value) + 1) if value in self.members else SKIP
            if not all(v in self.members for v in value):
                return SKIP
            return ('t', sum(1 << self.members.index(v) for v in value))
        if meta == 'MINIMAL':
            return live
        # NO_LOG: neither signedness nor character sets.
        if k == 'int':
            lo, hi = bits_unsigned_range(self.bits, False)
            v = value & ((1 << self.bits) - 1)
            return ('x', v - (1 << self.bits) if v > hi else v)
        if k in ('text', 'json', 'binary', 'inet6', 'uuid'):
            if tag == 's':
                if '\ufffd' in value:
                    return SKIP
                try:
                    raw = server_encode(self.charset or 'utf8mb4', value)
                except UnicodeEncodeError:
                    # Not a text of the column's character set: (a) and (b)
                    # say so; here it is shown as it is.
                    return live
            else:
                raw = bytes.fromhex(value)
                if self.fixed or k in ('inet6', 'uuid'):
                    raw = raw.rstrip(b'\0')
            if self.fixed:
                raw = raw.rstrip(b' ') if tag == 's' else raw
            try:
                text = raw.decode('utf-8')
            except UnicodeDecodeError:
                return SKIP
            if '\0' in text:
                return SKIP
            return ('s', text)
        return live

    def describe(self):
        return '%s %s' % (self.name, self.sql)


def random_date(rng):
    return datetime.date.fromordinal(rng.randint(datetime.date(1000, 1, 1).toordinal(),
                                                 datetime.date(9999, 12, 31).toordinal()))


def random_fraction(rng, fsp):
    if fsp == 0:
        return ''
    return '.' + ''.join(rng.choice('0123456789') for _ in range(fsp))


def random_json(rng, depth):
    r = rng.random()
    if depth == 0 or r < 0.4:
        return rng.choice([rng.randint(-1000, 1000), rng.random() < 0.5, None,
                           ''.join(rng.choice('ab "\\é中😀\n') for _ in range(rng.randint(0, 6)))])
    if r < 0.7:
        return [random_json(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    return {'k%d' % i: random_json(rng, depth - 1) for i in range(rng.randint(0, 3))}


def encodable(members, charset, meta):
    """The members the table's character set can hold (ENUM and SET
    members take it).  Without FULL metadata the members come from
    information_schema, which holds definitions in utf8mb3: MariaDB 10.11
    shows a 4-byte character of a member as '?' there (SHOW CREATE TABLE
    too), so no reader can get it right; such members only with FULL."""
    out = []
    for m in members:
        if meta != 'FULL' and any(ord(ch) > 0xffff for ch in m):
            continue
        try:
            m.encode(PYTHON_CODECS[charset])
        except UnicodeEncodeError:
            continue
        if charset == 'utf8mb3' and any(ord(ch) > 0xffff for ch in m):
            continue
        out.append(m)
    return out


def random_column(rng, name, table_charset, meta):
    """A random column definition over every type."""
    choice = rng.randrange(22)
    if choice <= 4:
        t, bits = rng.choice([('TINYINT', 8), ('SMALLINT', 16), ('MEDIUMINT', 24), ('INT', 32),
                              ('BIGINT', 64)])
        unsigned = rng.random() < 0.5
        return Col(name, 'int', t + (' UNSIGNED' if unsigned else ''), bits=bits, unsigned=unsigned)
    if choice == 5:
        return Col(name, 'year', 'YEAR')
    if choice == 6:
        n = rng.choice([1, 5, 8, 13, 32, 63, 64])
        return Col(name, 'bit', 'BIT(%d)' % n, bits=n)
    if choice == 7:
        p, s = rng.choice([(10, 2), (65, 30), (5, 0), (18, 9), (30, 30), (1, 0), (38, 10), (65, 0)])
        return Col(name, 'decimal', 'DECIMAL(%d,%d)' % (p, s), precision=p, scale=s)
    if choice == 8:
        return rng.choice([Col(name, 'float', 'FLOAT'), Col(name, 'double', 'DOUBLE')])
    if choice == 9:
        kind = rng.choice(['date', 'datetime', 'timestamp', 'time'])
        fsp = rng.randint(0, 6)
        if kind == 'date':
            return Col(name, 'date', 'DATE')
        sql = {'datetime': 'DATETIME(%d)', 'timestamp': 'TIMESTAMP(%d) NULL', 'time': 'TIME(%d)'}[kind]
        return Col(name, kind, sql % fsp, fsp=fsp)
    if choice <= 13:
        cs = rng.choice(['latin1', 'utf8mb4', 'utf8mb3', rng.choice(TEXT_CHARSETS), None])
        effective = cs or table_charset
        form = rng.choice(['CHAR', 'VARCHAR', 'VARCHAR', 'TINYTEXT', 'TEXT', 'MEDIUMTEXT', 'LONGTEXT'])
        n = {'CHAR': rng.choice([1, 5, 20]), 'VARCHAR': rng.choice([1, 10, 100, 300])}.get(form, 0)
        sql = form + ('(%d)' % n if n else '') + (' CHARACTER SET ' + cs if cs else '')
        # In characters: TINYTEXT holds 255 bytes, 4 per character at most.
        length = n or (60 if form == 'TINYTEXT' else 2000)
        return Col(name, 'text', sql, charset=effective, length=length, fixed=form == 'CHAR',
                   blob=form.endswith('TEXT'))
    if choice <= 15:
        form = rng.choice(['BINARY', 'VARBINARY', 'BLOB', 'TINYBLOB', 'MEDIUMBLOB', 'LONGBLOB',
                           'CHAR_BINARY', 'VARCHAR_BINARY'])
        n = rng.choice([1, 4, 16, 40]) if not form.endswith('BLOB') else 0
        sql = {'BINARY': 'BINARY(%d)', 'VARBINARY': 'VARBINARY(%d)',
               'CHAR_BINARY': 'CHAR(%d) CHARACTER SET binary',
               'VARCHAR_BINARY': 'VARCHAR(%d) CHARACTER SET binary'}.get(form, form)
        sql = sql % n if n else sql
        length = n or (255 if form == 'TINYBLOB' else 3000)
        return Col(name, 'binary', sql, length=length, fixed=form in ('BINARY', 'CHAR_BINARY'),
                   blob=form.endswith('BLOB'))
    if choice == 16:
        if rng.random() < 0.2:
            members = ['m%d' % i for i in range(300)]
        else:
            members = rng.sample(encodable(['a', 'b c', 'é', '中文', 'x-1', 'Z', 'q\'t', '😀'],
                                           table_charset, meta), rng.randint(1, 5))
        return Col(name, 'enum', 'ENUM(%s)' % ','.join(sql_plain(m) for m in members),
                   members=members)
    if choice == 17:
        if rng.random() < 0.2:
            members = ['s%d' % i for i in range(64)]
        else:
            members = rng.sample(encodable(['a', 'b c', 'é', '中文', 'x-1', 'Z', 'q\'t', '😀', 'n9'],
                                           table_charset, meta), rng.randint(1, 6))
        return Col(name, 'set', 'SET(%s)' % ','.join(sql_plain(m) for m in members), members=members)
    if choice == 18:
        return Col(name, 'json', 'JSON', charset='utf8mb4', blob=True)
    if choice == 19:
        g = rng.choice(['GEOMETRY', 'POINT', 'LINESTRING'])
        return Col(name, 'geometry', g, geometry=g, blob=True)
    if choice == 20:
        return Col(name, 'inet6', 'INET6', length=16)
    return Col(name, 'uuid', 'UUID', length=16)


class Table:
    def __init__(self, rng, schema, name, meta):
        self.schema = schema
        self.name = name
        self.charset = rng.choice(['utf8mb4', 'latin1', 'utf8mb3'])
        self.has_pk = rng.random() < 0.7
        key = Col('id' if self.has_pk else 'rid', 'int', 'INT NOT NULL', bits=32)
        self.key = key
        self.cols = []
        n = rng.randint(4, 14)
        for i in range(n):
            self.cols.append(random_column(rng, 'c%d' % (i + 1), self.charset, meta))
        # The key mostly first, sometimes anywhere.
        self.cols.insert(0 if rng.random() < 0.6 else rng.randint(0, len(self.cols)), key)
        # YEAR and GEOMETRY in random positions, not only where chance puts them.
        if rng.random() < 0.5:
            self.cols.insert(rng.randint(0, len(self.cols)), Col('yr', 'year', 'YEAR'))
        if rng.random() < 0.5:
            self.cols.insert(rng.randint(0, len(self.cols)),
                             Col('geo', 'geometry', 'POINT', geometry='POINT', blob=True))
        # Generated columns: one virtual integer, one stored string.
        if rng.random() < 0.6:
            self.cols.insert(rng.randint(1, len(self.cols)),
                             Col('gv', 'int', 'BIGINT AS (`%s` * 2) VIRTUAL' % key.name, bits=64,
                                 generated=True))
        texts = [c for c in self.cols if c.kind == 'text' and not c.blob and not c.fixed and not c.generated]
        if texts and rng.random() < 0.6:
            src = rng.choice(texts)
            self.cols.insert(rng.randint(1, len(self.cols)),
                             Col('gs', 'text', 'VARCHAR(400) CHARACTER SET utf8mb4 AS (CONCAT(`%s`, \'!\')) STORED'
                                 % src.name, charset='utf8mb4', length=400, generated=True))
        self.by_name = {c.name: c for c in self.cols}

    def full_name(self):
        return '%s.%s' % (self.schema, self.name)

    def create_sql(self):
        defs = ['`%s` %s' % (c.name, c.sql) for c in self.cols]
        if self.has_pk:
            defs.append('PRIMARY KEY (`id`)')
        return 'CREATE TABLE `%s`.`%s` (%s) ENGINE=InnoDB DEFAULT CHARSET=%s' % (
            self.schema, self.name, ', '.join(defs), self.charset)

    def writable(self):
        return [c for c in self.cols if not c.generated and c is not self.key]


class Workload:
    """The random DML of one combination, with a model of which keys
    exist, so that updates and deletes mostly hit rows."""

    def __init__(self, rng, tables, n_ops):
        self.rng = rng
        self.tables = tables
        self.n_ops = n_ops
        self.keys = {t.name: [] for t in tables}
        self.next_key = 1

    def insert(self, t, keys):
        rows = []
        for _ in range(self.rng.choice([1, 1, 1, 3])):
            k = self.next_key
            self.next_key += 1
            keys.append(k)
            cols = t.writable()
            rows.append('(%d, %s)' % (k, ', '.join(c.random_literal(self.rng) for c in cols)))
        return 'INSERT INTO `%s`.`%s` (`%s`, %s) VALUES %s;' % (
            t.schema, t.name, t.key.name, ', '.join('`%s`' % c.name for c in t.writable()),
            ', '.join(rows))

    def some_keys(self, keys):
        # One row, or several in one statement (several rows in one event).
        return self.rng.sample(keys, min(len(keys), self.rng.choice([1, 1, 1, 2, 4])))

    def update(self, t, keys):
        chosen = self.some_keys(keys)
        cols = self.rng.sample(t.writable(), min(len(t.writable()), self.rng.randint(1, 3)))
        sets = ['`%s` = %s' % (c.name, c.random_literal(self.rng)) for c in cols]
        if len(chosen) == 1 and self.rng.random() < 0.1:
            # A new key: the row moves.
            new = self.next_key
            self.next_key += 1
            keys[keys.index(chosen[0])] = new
            sets.append('`%s` = %d' % (t.key.name, new))
        return 'UPDATE `%s`.`%s` SET %s WHERE `%s` IN (%s);' % (
            t.schema, t.name, ', '.join(sets), t.key.name, ', '.join(map(str, chosen)))

    def delete(self, t, keys):
        chosen = self.some_keys(keys)
        for k in chosen:
            keys.remove(k)
        return 'DELETE FROM `%s`.`%s` WHERE `%s` IN (%s);' % (
            t.schema, t.name, t.key.name, ', '.join(map(str, chosen)))

    def statement(self, keys):
        t = self.rng.choice(self.tables)
        tk = keys[t.name]
        r = self.rng.random()
        if not tk or r < 0.45:
            return self.insert(t, tk)
        if r < 0.85:
            return self.update(t, tk)
        return self.delete(t, tk)

    def sql(self):
        out = []
        done = 0
        while done < self.n_ops:
            r = self.rng.random()
            if r < 0.6:
                out.append(self.statement(self.keys))
                done += 1
                continue
            # A transaction: committed, rolled back, or with a savepoint
            # rolled back to.
            shadow = {name: list(ks) for name, ks in self.keys.items()}
            end = self.rng.choice(['COMMIT', 'COMMIT', 'ROLLBACK', 'SAVEPOINT'])
            out.append('BEGIN;')
            for _ in range(self.rng.randint(1, 5)):
                out.append(self.statement(shadow))
                done += 1
            if end == 'SAVEPOINT':
                out.append('SAVEPOINT sp;')
                kept = {name: list(ks) for name, ks in shadow.items()}
                for _ in range(self.rng.randint(1, 3)):
                    out.append(self.statement(shadow))
                    done += 1
                out.append('ROLLBACK TO SAVEPOINT sp;')
                shadow = kept
                out.append(self.statement(shadow))
                done += 1
                end = 'COMMIT'
            out.append(end + ';')
            if end == 'COMMIT':
                self.keys = shadow
        return '\n'.join(out)


class Server:
    def __init__(self, workdir):
        self.dir = os.path.join(workdir, 'server')
        out = subprocess.run(['bash', SERVER_SCRIPT, 'start', self.dir, '--owner', str(os.getpid())],
                             check=True, stdout=subprocess.PIPE, text=True).stdout
        env = dict(line.split('=', 1) for line in out.split())
        self.socket = env['SOCKET']
        self.binlog_dir = os.path.join(self.dir, 'binlog')

    def stop(self):
        subprocess.run(['bash', SERVER_SCRIPT, 'stop', self.dir], check=False)

    def sql(self, script, batch=True):
        args = ['mariadb', '--no-defaults', '--protocol=socket', '-S', self.socket, '-uroot',
                '--batch', '--raw', '--skip-column-names', '--default-character-set=utf8mb4']
        r = subprocess.run(args, input=script.encode('utf-8'), stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
        if r.returncode != 0:
            raise RuntimeError('SQL failed: %s' % r.stderr.decode('utf-8', 'replace'))
        return r.stdout.decode('utf-8')

    def master_file(self):
        return self.sql('SHOW MASTER STATUS').split('\t')[0]


def to_lib(value):
    """A JSON value of diff-reader as a hashable (tag, value)."""
    if value is None:
        return None
    tag, v = value
    if tag == 'd':
        return ('d', float(v))
    if tag in ('as', 'ad'):
        return (tag, tuple(v))
    return (tag, v)


def read_changes(lines, schema):
    changes = []
    # Not splitlines(): it also splits at U+2028, U+0085 and others, which
    # the JSON text may hold raw.
    for line in lines.split('\n'):
        if not line:
            continue
        c = json.loads(line)
        if not c['t'].startswith(schema + '.'):
            continue
        c['t'] = c['t'].split('.', 1)[1]
        for key in ('a', 'b'):
            if key in c:
                c[key] = [to_lib(v) for v in c[key]]
        changes.append(c)
    return changes


def parse_mdb(output, schema):
    """mariadb-binlog -v -v: a list of (op, table, before, after), each image
    a dict column number -> printed value (bytes)."""
    changes = []
    current = None
    image = None
    head = re.compile(rb'^### (INSERT INTO|UPDATE|DELETE FROM) `([^`]*)`\.`([^`]*)`$')
    for line in output.split(b'\n'):
        if not line.startswith(b'### '):
            continue
        m = head.match(line)
        if m:
            op = {b'INSERT INTO': 'I', b'UPDATE': 'U', b'DELETE FROM': 'D'}[m.group(1)]
            current = {'op': op, 'schema': m.group(2).decode(), 't': m.group(3).decode(),
                       'b': {}, 'a': {}}
            changes.append(current)
            image = None
            continue
        if line == b'### WHERE':
            image = current['b']
            continue
        if line == b'### SET':
            image = current['a']
            continue
        m = re.match(rb'^###   @(\d+)=(.*)$', line, re.S)
        if m and image is not None:
            rest = m.group(2)
            cut = rest.rfind(b' /* ')
            value = rest[:cut].rstrip(b' ') if cut >= 0 else rest
            image[int(m.group(1))] = value
    return [c for c in changes if c['schema'] == schema]


class Checker:
    def __init__(self, seed, meta, image, known_ok):
        self.seed = seed
        self.meta = meta
        self.image = image
        self.known_ok = known_ok
        self.compared = {'a': 0, 'b': 0, 'c': 0}
        self.skips = {}
        self.mismatches = []
        self.known = []

    def skip(self, reason):
        self.skips[reason] = self.skips.get(reason, 0) + 1

    def mismatch(self, check, table, col, where, got, expected):
        defect = None
        if col is not None:
            for name, shape in KNOWN_DEFECTS.items():
                if shape(table, col, self.meta):
                    defect = name
                    break
        text = ('MISMATCH (%s) seed=%d combo=%s/%s table=%s column=%s %s: library %r, %s %r'
                % (check, self.seed, self.meta, self.image, table.full_name(),
                   col.describe() if col else '-', where, got,
                   {'a': 'SELECT', 'b': 'mariadb-binlog', 'c': 'file reader'}[check], expected))
        text += '\n  replay: differential.py --seeds %d --combo %s/%s' % (self.seed, self.meta, self.image)
        group = (check, self.seed, self.meta, self.image, table.full_name(),
                 col.name if col else where)
        if defect and self.known_ok:
            self.known.append((group, '[known defect %s] %s' % (defect, text)))
        else:
            if defect:
                text += '\n  (shape of the known defect %s)' % defect
            self.mismatches.append((group, text))

    # (a) the tables rebuilt from the stream against SELECT
    def check_state(self, server, tables, changes):
        state = {t.name: {} for t in tables}
        by_table = {t.name: t for t in tables}
        for n, c in enumerate(changes):
            t = by_table[c['t']]
            key_col = t.key.name
            rows = state[t.name]
            if c['op'] in ('U', 'D'):
                names = c.get('cb', c['c'])
                before = dict(zip(names, c['b']))
                if key_col not in before or before[key_col] is None:
                    self.mismatch('a', t, t.key, 'change #%d: no key in the image before' % n,
                                  before, None)
                    continue
                key = before[key_col][1]
                if key not in rows:
                    self.mismatch('a', t, t.key, 'change #%d (%s): row %r not in the rebuilt table'
                                  % (n, c['op'], key), before, None)
                    continue
                if c['op'] == 'D':
                    del rows[key]
                else:
                    after = dict(zip(c['c'], c['a']))
                    new_key = after.get(key_col, before[key_col])[1]
                    row = rows.pop(key)
                    row.update(after)
                    rows[new_key] = row
            else:
                after = dict(zip(c['c'], c['a']))
                rows[after[key_col][1]] = after
        for t in tables:
            out = server.sql("SET time_zone = '+00:00'; SELECT %s FROM `%s`.`%s`;" % (
                ', '.join(c.select_expr() for c in t.cols), t.schema, t.name))
            selected = {}
            for line in out.split('\n'):
                if not line:
                    continue
                fields = line.split('\t')
                row = {c.name: c.from_select(f) for c, f in zip(t.cols, fields)}
                selected[row[t.key.name][1]] = row
            rows = state[t.name]
            for key in sorted(set(selected) | set(rows)):
                if key not in rows:
                    self.mismatch('a', t, t.key, 'row %r is in the table, not in the stream' % key,
                                  None, key)
                    continue
                if key not in selected:
                    self.mismatch('a', t, t.key, 'row %r is in the stream, not in the table' % key,
                                  key, None)
                    continue
                for col in t.cols:
                    if col.name not in rows[key]:
                        # Minimal images: a column no event carried.
                        self.skip('(a) column never in an image (minimal row image)')
                        continue
                    self.compared['a'] += 1
                    got = rows[key][col.name]
                    expected = selected[key][col.name]
                    if not same(got, expected):
                        self.mismatch('a', t, col, 'row %s=%r' % (t.key.name, key), got, expected)

    # (b) every row image against mariadb-binlog
    def check_mdb(self, tables, changes, mdb):
        by_table = {t.name: t for t in tables}
        if len(changes) != len(mdb):
            self.mismatch('b', tables[0], None, 'number of row changes', len(changes), len(mdb))
        for n, (c, m) in enumerate(zip(changes, mdb)):
            t = by_table[c['t']]
            if c['op'] != m['op'] or c['t'] != m['t']:
                self.mismatch('b', t, None, 'change #%d' % n, (c['op'], c['t']), (m['op'], m['t']))
                continue
            images = []
            if 'b' in c:
                images.append((c.get('cb', c['c']), c['b'], m['b'], 'before'))
            if 'a' in c:
                images.append((c['c'], c['a'], m['a'], 'after'))
            for names, values, printed, which in images:
                index = {}
                for name, value in zip(names, values):
                    col = t.by_name.get(name)
                    if col is None:
                        self.mismatch('b', t, None, 'change #%d: unknown column %r' % (n, name), name, None)
                        continue
                    index[t.cols.index(col) + 1] = (col, value)
                if set(index) != set(printed):
                    self.mismatch('b', t, None, 'change #%d %s: columns' % (n, which),
                                  sorted(index), sorted(printed))
                for i in sorted(set(index) & set(printed)):
                    col, value = index[i]
                    skips = {}
                    ok = col.compare_mdb(value, printed[i], skips)
                    for reason in skips:
                        self.skip('(b) ' + MDB_SKIPS[reason])
                    if ok is SKIP:
                        continue
                    self.compared['b'] += 1
                    if not ok:
                        self.mismatch('b', t, col, 'change #%d %s image' % (n, which), value, printed[i])

    # (c) the live reader against the file reader
    def check_file(self, tables, live, offline):
        by_table = {t.name: t for t in tables}
        if len(live) != len(offline):
            self.mismatch('c', tables[0], None, 'number of row changes', len(live), len(offline))
        for n, (c, f) in enumerate(zip(live, offline)):
            t = by_table[c['t']]
            if c['op'] != f['op'] or c['t'] != f['t']:
                self.mismatch('c', t, None, 'change #%d' % n, (c['op'], c['t']), (f['op'], f['t']))
                continue
            for key, names_key in (('b', 'cb'), ('a', 'c')):
                if key not in c:
                    continue
                names = c.get(names_key, c['c']) if key == 'b' else c['c']
                fnames = f.get(names_key, f['c']) if key == 'b' else f['c']
                if len(names) != len(fnames):
                    self.mismatch('c', t, None, 'change #%d: columns' % n, names, fnames)
                    continue
                for name, fname, value, fvalue in zip(names, fnames, c[key], f[key]):
                    col = t.by_name[name]
                    # The files read hold the tables' CREATE TABLE: the file
                    # reader follows it, whatever the metadata.
                    expected_name = name
                    if fname != expected_name:
                        self.mismatch('c', t, col, 'change #%d: name' % n, expected_name, fname)
                    expected = col.file_expected(value, 'FULL')
                    if expected is SKIP:
                        self.skip('(c) the file alone does not carry the character set (NO_LOG)')
                        continue
                    self.compared['c'] += 1
                    if not same(expected, fvalue):
                        self.mismatch('c', t, col, 'change #%d %s image' % (n, key), value, fvalue)


def same(a, b):
    if a is None or b is None:
        return a is b
    if a[0] != b[0]:
        return False
    if a[0] == 'd':
        return struct.pack('<d', a[1]) == struct.pack('<d', b[1]) or a[1] == b[1]
    return a[1] == b[1]


def run_combo(server, seed, meta, image, scale, known_ok, verbose):
    rng = random.Random('%d/%s/%s' % (seed, meta, image))
    schema = 'diff_%d_%s_%s' % (seed, meta.lower(), image.lower())
    tables = [Table(rng, schema, 't%d' % i, meta) for i in range(scale['tables'])]
    workload = Workload(rng, tables, scale['ops'])

    server.sql("SET GLOBAL binlog_row_metadata = '%s'; SET GLOBAL binlog_row_image = '%s'; "
               "FLUSH BINARY LOGS;" % (meta, image))
    start_file = server.master_file()
    script = ["SET SESSION binlog_row_image = '%s';" % image, "SET time_zone = '+00:00';",
              "SET sql_mode = 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION';",
              'CREATE DATABASE `%s`;' % schema]
    script += [t.create_sql() + ';' for t in tables]
    script.append(workload.sql())
    server.sql('\n'.join(script))
    server.sql('FLUSH BINARY LOGS;')
    end_file = server.master_file()

    files = sorted(f for f in os.listdir(server.binlog_dir)
                   if re.fullmatch(r'mariadb-bin\.\d+', f) and start_file <= f < end_file)
    paths = [os.path.join(server.binlog_dir, f) for f in files]

    live_out = subprocess.run([READER, '--socket', server.socket, '--server-id', str(100 + seed % 1000),
                               '--file', start_file, '--offset', '4'],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    file_out = subprocess.run([READER] + sum((['--binlog', p] for p in paths), []),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    mdb_out = subprocess.run(['mariadb-binlog', '--no-defaults', '-v', '-v',
                              '--base64-output=decode-rows'] + paths,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    checker = Checker(seed, meta, image, known_ok)
    for name, r in (('live reader', live_out), ('file reader', file_out), ('mariadb-binlog', mdb_out)):
        if r.returncode != 0:
            checker.mismatches.append((('error', seed, meta, image, name), 'ERROR seed=%d combo=%s/%s: the %s failed: %s\n  replay: '
                                      'differential.py --seeds %d --combo %s/%s'
                                      % (seed, meta, image, name, r.stderr.decode('utf-8', 'replace').strip(),
                                         seed, meta, image)))
    live = read_changes(live_out.stdout.decode('utf-8'), schema)
    offline = read_changes(file_out.stdout.decode('utf-8'), schema)
    mdb = parse_mdb(mdb_out.stdout, schema)

    checker.check_state(server, tables, live)
    checker.check_mdb(tables, live, mdb)
    checker.check_file(tables, live, offline)
    if verbose:
        print('# seed %d %s/%s: %d changes, compared %r' % (seed, meta, image, len(live), checker.compared))
        for t in tables:
            print('#   ' + t.create_sql())
    return checker


def main():
    parser = argparse.ArgumentParser(description='The seeded, randomized differential test.')
    parser.add_argument('--seeds', default=os.environ.get('DIFFERENTIAL_SEEDS'))
    parser.add_argument('--combo', action='append',
                        help='METADATA/IMAGE, e.g. FULL/MINIMAL (default: all nine)')
    parser.add_argument('--long', action='store_true', default=os.environ.get('DIFFERENTIAL_LONG') == '1')
    parser.add_argument('-v', '--verbose', action='store_true')
    parser.add_argument('--max-print', type=int, default=40)
    args = parser.parse_args()

    if not READER or not os.access(READER, os.X_OK):
        print('SKIP: no diff-reader (set DIFF_READER; meson test sets it)', file=sys.stderr)
        return 77
    for tool in ('mariadb', 'mariadb-binlog'):
        if shutil.which(tool) is None:
            print('SKIP: %s is not installed' % tool, file=sys.stderr)
            return 77

    if args.seeds:
        seeds = [int(s) for s in args.seeds.split(',') if s]
    else:
        seeds = list(range(1, 21)) if args.long else [1, 2, 3, 4, 5]
    scale = {'tables': 8, 'ops': 1000} if args.long else {'tables': 4, 'ops': 300}
    if args.combo:
        combos = [tuple(c.upper().split('/')) for c in args.combo]
    else:
        combos = [(m, i) for m in METADATAS for i in IMAGES]
    known_ok = os.environ.get('DIFFERENTIAL_KNOWN_DEFECTS') == '1'

    workdir = tempfile.mkdtemp(prefix='differential-')
    server = Server(workdir)
    mismatches = []
    known = []
    skips = {}
    total = {'a': 0, 'b': 0, 'c': 0}
    per_seed = {}
    try:
        learn_server_charsets(server)
        for seed in seeds:
            for meta, image in combos:
                checker = run_combo(server, seed, meta, image, scale, known_ok, args.verbose)
                mismatches += checker.mismatches
                known += checker.known
                for k, v in checker.compared.items():
                    total[k] += v
                    per_seed[seed] = per_seed.get(seed, 0) + v
                for k, v in checker.skips.items():
                    skips[k] = skips.get(k, 0) + v
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    # The first mismatch of each column (per check, seed and combination),
    # with how many more it had.
    def print_grouped(items, limit):
        groups = {}
        for group, text in items:
            groups.setdefault(group, []).append(text)
        for n, (group, texts) in enumerate(groups.items()):
            if n == limit:
                print('... and %d more columns with mismatches' % (len(groups) - limit))
                break
            print(texts[0] + ('\n  (%d more mismatches of this column)' % (len(texts) - 1)
                              if len(texts) > 1 else ''))

    print_grouped(mismatches, args.max_print)
    print_grouped(known, 5)
    if known:
        print('%d mismatches of known defects tolerated (DIFFERENTIAL_KNOWN_DEFECTS=1)' % len(known))
    for reason, n in sorted(skips.items()):
        print('%d values: %s' % (n, reason))
    print('seeds %s, combinations %s' % (','.join(map(str, seeds)),
                                        ' '.join('%s/%s' % c for c in combos)))
    print('compared values per seed: %s' % ', '.join('%d: %d' % kv for kv in sorted(per_seed.items())))
    print('differential: %d values compared ((a) state vs SELECT %d, (b) vs mariadb-binlog %d, '
          '(c) live vs file %d), %d mismatches'
          % (sum(total.values()), total['a'], total['b'], total['c'], len(mismatches)))
    return 1 if mismatches else 0


if __name__ == '__main__':
    sys.exit(main())
