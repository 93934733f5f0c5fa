#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The seeded, randomized differential test of the schema history.
#
# For each seed and each binlog_row_metadata (NO_LOG, MINIMAL, FULL), on
# one throwaway MariaDB server: a few tables over a mix of column types,
# then a random sequence of steps, each row writes (INSERT, UPDATE,
# DELETE, several rows at once) or DDL (ALTER TABLE with ADD, DROP,
# MODIFY, CHANGE, RENAME COLUMN, several clauses, indexes; RENAME TABLE
# and back; CREATE TABLE LIKE and AS SELECT; DROP TABLE and CREATE again
# with another definition; TRUNCATE; odd spellings: comments, backquoted
# names, and statements a reader cannot be sure of).  Each step runs as
# soon as it is made, and the test keeps its own record of every row
# event it wrote: the table's name, the names of its columns as the
# server has them right after each DDL statement (information_schema)
# and the values of the row as SELECT shows them just before and after
# the write.
#
# The binary log is then read from two points, (a) before the CREATE
# TABLE of every table and (b) after some DDL, by the live reader, the
# file reader with the server as its schema-source and the file reader
# without one, each under schema-unknown ERROR and POSITIONAL.  Each row
# delivered must be the one of the record, under the exact names, or,
# where the reader cannot know the definition, have positional names
# (POSITIONAL) or end the run with the clear error (ERROR).  Where the
# part read holds the table's CREATE TABLE and no statement the reader
# cannot be sure of came before, the names must be exact: no error, no
# positional names.  With FULL metadata every name must be exact.
#
#   schema-differential.py [--seeds 1,2] [--meta NO_LOG] [--long] [-v]
#
# Environment: DIFFERENTIAL_SEEDS, DIFFERENTIAL_LONG=1 (more seeds, more
# steps), DIFF_READER, MYSQL_BINLOG_TEST_SERVER_SCRIPT, MARIADB_SERVER_CACHE.

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import differential as D  # noqa: E402

METADATAS = ['NO_LOG', 'MINIMAL', 'FULL']
INT_TYPES = [('TINYINT', 8), ('SMALLINT', 16), ('MEDIUMINT', 24), ('INT', 32), ('BIGINT', 64)]
INT_BITS = {t.lower(): b for t, b in INT_TYPES}
# Names a parser may trip over: backquotes, spaces, comment and quote
# characters, reserved words, non-ASCII letters.
ODD_NAMES = ['we`ird', 'sp ace', 'ünï', 'select', 'order', 'key', '#h', '--d', '/*c*/', 'a,b',
             'x(1)', 'ÄÖ中', 'first', 'after', 'column', 'drop', 'FIRST_', 'e\'q']
CLEAR_ERROR = 'is not known at this point of the binary log'
# (reader, verdict) -> how many rows (or runs) had it.
STATS = {}


class Col(D.Col):
    def select_expr(self):
        # differential.py's, for any name: backquotes in it doubled.
        real = self.name
        self.name = '\0'
        try:
            expr = D.Col.select_expr(self)
        finally:
            self.name = real
        return expr.replace('`\0`', q(real))


def q(name):
    return '`%s`' % name.replace('`', '``')


def parse_members(column_type):
    """The members of "enum('a','b''c')" as information_schema writes them."""
    body = column_type[column_type.index('(') + 1:column_type.rindex(')')]
    members = []
    i = 0
    while i < len(body):
        if body[i] != "'":
            i += 1
            continue
        i += 1
        out = []
        while True:
            if body[i] == "'" and body[i + 1:i + 2] == "'":
                out.append("'")
                i += 2
            elif body[i] == "'":
                i += 1
                break
            else:
                out.append(body[i])
                i += 1
        members.append(''.join(out))
    return members


def col_from_info(name, data_type, column_type, charset, max_length, fsp, previous):
    """The model of a column as information_schema states it."""
    dt = data_type.lower()
    ct = column_type.lower()
    if dt in INT_BITS:
        return Col(name, 'int', column_type, bits=INT_BITS[dt], unsigned='unsigned' in ct)
    if dt == 'decimal':
        p, s = re.search(r'\((\d+),(\d+)\)', ct).groups()
        return Col(name, 'decimal', column_type, precision=int(p), scale=int(s))
    if dt in ('char', 'varchar', 'tinytext', 'text', 'mediumtext', 'longtext'):
        if previous is not None and previous.kind == 'json' and dt == 'longtext':
            return Col(name, 'json', column_type, charset=charset, blob=True)
        length = {'tinytext': 60, 'text': 2000, 'mediumtext': 2000, 'longtext': 2000}.get(dt)
        return Col(name, 'text', column_type, charset=charset,
                     length=length or min(int(max_length), 300), fixed=dt == 'char',
                     blob=dt.endswith('text'))
    if dt in ('binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob'):
        length = {'tinyblob': 255}.get(dt, 3000 if dt.endswith('blob') else int(max_length))
        return Col(name, 'binary', column_type, length=length, fixed=dt == 'binary',
                     blob=dt.endswith('blob'))
    if dt in ('enum', 'set'):
        return Col(name, dt, column_type, members=parse_members(column_type))
    if dt == 'datetime':
        return Col(name, 'datetime', column_type, fsp=int(fsp or 0))
    if dt == 'date':
        return Col(name, 'date', column_type)
    if dt in ('double', 'float'):
        return Col(name, dt, column_type)
    if dt == 'bit':
        return Col(name, 'bit', column_type, bits=int(re.search(r'\((\d+)\)', ct).group(1)))
    raise AssertionError('no model for %s %s' % (name, column_type))


# Other spellings of the types, and attributes around them: what each
# means is read back from information_schema.
ALIASES = [
    ('INT(11) ZEROFILL', 'int'), ('SMALLINT(3) UNSIGNED ZEROFILL', 'int'), ('BOOL', 'int'),
    ('BOOLEAN', 'int'), ('INTEGER UNSIGNED', 'int'), ('INT1', 'int'), ('INT8 UNSIGNED', 'int'),
    ('MIDDLEINT', 'int'), ('INT4 SIGNED', 'int'), ('NUMERIC(8,3)', 'decimal'), ('DEC(6,2)', 'decimal'),
    ('FIXED(5,1)', 'decimal'), ('DECIMAL', 'decimal'), ('DECIMAL(7)', 'decimal'), ('REAL', 'double'),
    ('DOUBLE PRECISION', 'double'), ('FLOAT(30)', 'double'), ('FLOAT(10)', 'double'),
    ('NATIONAL VARCHAR(10)', 'text'), ('NCHAR(5)', 'text'), ('CHARACTER VARYING(10)', 'text'),
    ('VARCHAR(10) BINARY', 'text'), ('VARCHAR(12) COLLATE latin1_swedish_ci', 'text'),
    ('CHAR(4) COLLATE utf8mb4_bin', 'text'), ('TEXT(100)', 'text'), ('TEXT(30) CHARACTER SET latin1', 'text'),
    ('CHAR(3) CHARSET latin1', 'text'), ('VARCHAR(5) CHARACTER SET utf8', 'text'), ('LONG VARCHAR', 'text'),
    ('CHAR', 'text'), ('VARCHAR(5) ASCII', 'text'), ('TINYTEXT CHARSET utf8mb4 COLLATE utf8mb4_unicode_ci', 'text'),
    ('VARCHAR(8) CHARACTER SET binary', 'binary'), ('TINYBLOB', 'binary'), ('LONGBLOB', 'binary'),
    ('DATETIME', 'time'), ('BIT', 'bit'),
    ("INT NOT NULL DEFAULT 0 COMMENT 'a, b (c) AFTER x'", 'int'),
    ("VARCHAR(10) DEFAULT 'x,y' COMMENT \"FIRST, (\"", 'text'),
    ("BIGINT UNSIGNED NULL DEFAULT NULL", 'int'),
    ("ENUM('a ', 'b  ', 'x,y', 'Q') DEFAULT 'b'", 'enum'),
    ("SET('s1 ', 's2') NOT NULL DEFAULT ''", 'set'),
    ("ENUM('it''s', 'back\\\\slash', \"dq\")", 'enum'),
    ('BIGINT AS (`id` * 2) VIRTUAL', 'int'), ('INT GENERATED ALWAYS AS (`id` + 1) STORED', 'int'),
    ("VARCHAR(20) AS (CONCAT(`id`, 'x')) PERSISTENT", 'text'), ('INT INVISIBLE', 'int'),
    ("VARCHAR(5) CHARACTER SET latin1 INVISIBLE DEFAULT 'iv'", 'text'),
]


def new_column_sql(rng, table_charset, meta):
    """A random column type (SQL) of the mix this test writes; JSON is
    marked by returning kind 'json'."""
    if rng.random() < 0.15:
        return rng.choice(ALIASES)
    r = rng.randrange(14)
    if r <= 2:
        t, _ = rng.choice(INT_TYPES)
        return t + (' UNSIGNED' if rng.random() < 0.5 else ''), 'int'
    if r == 3:
        return 'DECIMAL(%d,%d)' % rng.choice([(10, 2), (5, 0), (18, 9), (30, 30), (65, 10)]), 'decimal'
    if r <= 6:
        form = rng.choice(['CHAR(%d)' % rng.choice([1, 5, 20]), 'VARCHAR(%d)' % rng.choice([1, 10, 100, 300]),
                           'TEXT', 'TINYTEXT'])
        cs = rng.choice(['utf8mb4', 'latin1', None])
        return form + (' CHARACTER SET ' + cs if cs else ''), 'text'
    if r == 7:
        members = rng.sample(D.encodable(['a', 'b c', 'é', '中文', 'x-1', 'Z', 'q\'t', 'n9'],
                                         table_charset, meta), rng.randint(1, 5))
        return 'ENUM(%s)' % ','.join(D.sql_plain(m) for m in members), 'enum'
    if r == 8:
        members = rng.sample(D.encodable(['a', 'b c', 'é', '中文', 'x-1', 'Z', 'q\'t', 'n9'],
                                         table_charset, meta), rng.randint(1, 6))
        return 'SET(%s)' % ','.join(D.sql_plain(m) for m in members), 'set'
    if r == 9:
        return rng.choice(['DATETIME(6)', 'DATETIME(%d)' % rng.randint(0, 6), 'DATE']), 'time'
    if r == 10:
        return rng.choice(['BLOB', 'VARBINARY(%d)' % rng.choice([4, 40]), 'BINARY(4)']), 'binary'
    if r == 11:
        return 'JSON', 'json'
    if r == 12:
        return 'BIT(%d)' % rng.choice([1, 5, 8, 13, 64]), 'bit'
    return rng.choice(['DOUBLE', 'FLOAT']), 'double'


class Table:
    def __init__(self, name, step):
        self.name = name
        self.created = step      # the step of its CREATE TABLE (any form)
        self.cols = []
        self.keys = []
        self.indexes = []
        self.charset = 'utf8mb4'
        self.json = set()        # the names of its JSON columns
        # Created without a character set: the database's, which a part
        # of the binary log without the database's CREATE or ALTER
        # DATABASE may not tell.
        self.inherits = False

    def names(self):
        return [c.name for c in self.cols]

    def other_cols(self):
        return [c for c in self.cols if c.name != 'id']

    def writable(self):
        return [c for c in self.cols if not c.generated]


class Round:
    """One seed and one binlog_row_metadata: the workload, run step by
    step, and the record of the row events it wrote."""

    def __init__(self, server, seed, meta, n_steps, verbose):
        self.server = server
        self.seed = seed
        self.meta = meta
        self.rng = random.Random('schema/%d/%s' % (seed, meta))
        self.schema = 'sd_%d_%s' % (seed, meta.lower())
        self.n_steps = n_steps
        self.verbose = verbose
        self.tables = []
        self.next_key = 1
        self.next_name = 1
        self.events = []         # the record: one per row event
        self.steps = []          # (sql, position after it, certain)
        self.first_uncertain = None
        self.failed_steps = 0
        self.db_charset = 'utf8mb4'
        self.txn = None
        self.txn_applies = []

    # -- running -------------------------------------------------------

    def run_sql(self, body, ddl):
        prefix = ("SET SESSION binlog_row_image = 'FULL'; SET time_zone = '+00:00'; "
                  "SET sql_mode = '%s';\n" % ('' if ddl else 'STRICT_TRANS_TABLES,NO_ENGINE_SUBSTITUTION'))
        args = ['mariadb', '--no-defaults', '--protocol=socket', '-S', self.server.socket, '-uroot',
                '--batch', '--raw', '--skip-column-names', '--default-character-set=utf8mb4',
                '--comments', '-D', self.schema]
        r = subprocess.run(args, input=(prefix + body + '\nSHOW MASTER STATUS;\n').encode('utf-8'),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if r.returncode != 0:
            return None, r.stderr.decode('utf-8', 'replace')
        lines = [line for line in r.stdout.decode('utf-8').split('\n') if line]
        pos = lines[-1].split('\t')
        return (lines[:-1], (pos[0], int(pos[1]))), None

    def fresh_name(self, table):
        taken = {n.lower() for n in table.names()}
        while True:
            if self.rng.random() < 0.15:
                name = self.rng.choice(ODD_NAMES)
            else:
                name = 'c%d' % self.next_name
                self.next_name += 1
            if name.lower() not in taken:
                return name

    def selects(self, t, marker, keys):
        return "SELECT '%s', %s FROM %s WHERE `id` IN (%s) ORDER BY `id`;" % (
            marker, ', '.join(c.select_expr() for c in t.cols), q(t.name), ', '.join(map(str, keys)))

    def refresh(self, out_lines):
        """The model after a DDL step, from what information_schema says."""
        by_name = {}
        for line in out_lines:
            f = line.split('\t')
            if f[0] == 'COL':
                tname = bytes.fromhex(f[1]).decode('utf-8')
                by_name.setdefault(tname, []).append(f[2:])
            elif f[0] == 'KEY':
                by_name.setdefault('key:' + bytes.fromhex(f[1]).decode('utf-8'), []).append(f[2])
            elif f[0] == 'IDX':
                by_name.setdefault('idx:' + bytes.fromhex(f[1]).decode('utf-8'), []).append(
                    bytes.fromhex(f[2]).decode('utf-8'))
        names = {t.name for t in self.tables}
        found = {n for n in by_name if not n.startswith(('key:', 'idx:'))}
        if names != found:
            raise RuntimeError('the test\'s own model of the tables is wrong: %r, the server has %r'
                               % (sorted(names), sorted(found)))
        for t in self.tables:
            old = {c.name: c for c in t.cols}
            cols = []
            for f in by_name[t.name]:
                name = bytes.fromhex(f[0]).decode('utf-8')
                prev = old.get(name)
                if name in t.json:
                    prev = Col(name, 'json', 'JSON')
                col = col_from_info(name, f[1], bytes.fromhex(f[2]).decode('utf-8'), f[3] or None,
                                    f[4] or 0, f[5] or 0, prev)
                col.generated = 'GENERATED' in bytes.fromhex(f[6]).decode('utf-8').upper()
                cols.append(col)
            t.cols = cols
            t.json = {n for n in t.json if n in t.names()}
            t.keys = sorted(int(k) for k in by_name.get('key:' + t.name, []) if k)
            t.indexes = sorted(set(by_name.get('idx:' + t.name, [])))

    def describe_sql(self):
        return ("SELECT 'COL', HEX(TABLE_NAME), HEX(COLUMN_NAME), DATA_TYPE, HEX(COLUMN_TYPE), "
                "IFNULL(CHARACTER_SET_NAME, ''), IFNULL(CHARACTER_MAXIMUM_LENGTH, ''), "
                "IFNULL(DATETIME_PRECISION, ''), HEX(EXTRA) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '%s' "
                "ORDER BY TABLE_NAME, ORDINAL_POSITION;\n"
                "SELECT 'IDX', HEX(TABLE_NAME), HEX(INDEX_NAME) FROM information_schema.STATISTICS "
                "WHERE TABLE_SCHEMA = '%s' AND INDEX_NAME <> 'PRIMARY';\n" % (self.schema, self.schema)
                + ''.join("SELECT 'KEY', HEX('%s'), `id` FROM %s;\n" % (t.name, q(t.name))
                          for t in self.tables))

    def ddl(self, sql, certain=True, apply=None, rows_of=None):
        """Runs a DDL step; @apply changes the list of tables (names) as
        the statement does; @rows_of: a table whose rows the statement
        writes (CREATE TABLE AS SELECT)."""
        saved = [(t, t.name) for t in self.tables]
        saved_list = list(self.tables)
        if apply is not None:
            apply()
        tail = self.describe_sql()
        result, error = self.run_sql(sql + ';\n' + tail, ddl=True)
        if result is None:
            for t, name in saved:
                t.name = name
            self.tables = saved_list
            self.failed_steps += 1
            if self.verbose:
                print('#   (refused) %s: %s' % (sql, error.strip()))
            return False
        lines, pos = result
        self.refresh(lines)
        # An ENUM or SET member with a character its column's character
        # set cannot hold: the server keeps '?' for it (the workload
        # writes no '?' itself), and a reader of the statement cannot be
        # sure what it kept.
        if any('?' in m for t in self.tables for c in t.cols for m in c.members):
            certain = False
        if rows_of is not None and rows_of.keys:
            # The rows it wrote, read now that the columns are known.
            out, error = self.run_sql(self.selects(rows_of, 'A', rows_of.keys), ddl=False)
            for line in out[0]:
                self.record('I', rows_of, None, line.split('\t')[1:])
        self.steps.append((sql, pos, certain))
        if self.verbose:
            print('#   step %d: %s' % (len(self.steps) - 1, sql))
        if not certain and self.first_uncertain is None:
            self.first_uncertain = len(self.steps) - 1
        for e in self.events:
            e.setdefault('step', len(self.steps) - 1)
        return True

    def record(self, op, t, before, after):
        self.events.append({
            'op': op, 't': t.name, 'names': t.names(), 'table': t,
            'cols': list(t.cols),
            'b': [c.from_select(v) for c, v in zip(t.cols, before)] if before is not None else None,
            'a': [c.from_select(v) for c, v in zip(t.cols, after)] if after is not None else None,
        })

    def dml(self, sql, t, before_keys, after_keys, op):
        if self.txn is not None:
            # Part of a transaction: run with the others at its end.
            self.txn.append((sql, t, before_keys, after_keys, op))
            return True
        return self.run_dml([(sql, t, before_keys, after_keys, op)])

    def run_dml(self, parts):
        """Runs row writes in one session (a transaction where several),
        each between the SELECTs of its rows before and after."""
        body = 'BEGIN;\n' if len(parts) > 1 else ''
        for n, (sql, t, before_keys, after_keys, op) in enumerate(parts):
            if before_keys:
                body += self.selects(t, 'B%d' % n, before_keys) + '\n'
            body += sql + '\n'
            if after_keys:
                body += self.selects(t, 'A%d' % n, after_keys) + '\n'
        if len(parts) > 1:
            body += 'COMMIT;\n'
        result, error = self.run_sql(body, ddl=False)
        if result is None:
            if self.verbose:
                print('#   (refused) %s: %s' % (body[:200], error.strip()))
            self.failed_steps += 1
            return False
        lines, pos = result
        for n, (sql, t, before_keys, after_keys, op) in enumerate(parts):
            before = [line.split('\t')[1:] for line in lines if line.startswith('B%d\t' % n)]
            after = [line.split('\t')[1:] for line in lines if line.startswith('A%d\t' % n)]
            if op == 'I':
                for a in after:
                    self.record('I', t, None, a)
            elif op == 'D':
                for b in before:
                    self.record('D', t, b, None)
            else:
                # The rows the statement did not change are not logged.  A
                # moved key: its one row.
                for b, a in zip(before, after):
                    if b != a:
                        self.record('U', t, b, a)
            # One step per statement (the rows of a statement are matched
            # by key), all at the transaction's end position.
            self.steps.append((sql, pos, True))
            for e in self.events:
                e.setdefault('step', len(self.steps) - 1)
        for apply in self.txn_applies:
            apply()
        self.txn_applies = []
        return True

    def keys_changed(self, apply):
        """The model of the keys after a write: at once, or once its
        transaction committed."""
        if self.txn is not None:
            self.txn_applies.append(apply)
        else:
            apply()

    def transaction(self):
        """Row writes to several tables in one transaction."""
        self.txn = []
        self.txn_applies = []
        for _ in range(self.rng.randint(2, 4)):
            t = self.rng.choice(self.tables)
            r = self.rng.random()
            if r < 0.5 or not t.keys:
                self.insert(t)
            elif r < 0.85:
                self.update(t)
            else:
                self.delete(t)
        parts, self.txn = self.txn, None
        if parts and not self.run_dml(parts):
            self.txn_applies = []

    # -- the workload --------------------------------------------------

    def create_table(self, name):
        t = Table(name, len(self.steps))
        inherit = self.rng.random() < 0.3
        t.charset = self.db_charset if inherit else self.rng.choice(['utf8mb4', 'latin1'])
        t.inherits = inherit
        defs = []
        for _ in range(self.rng.randint(3, 8)):
            cname = self.fresh_name(t)
            sql, kind = new_column_sql(self.rng, t.charset, self.meta)
            if kind == 'json':
                t.json.add(cname)
            t.cols.append(Col(cname, 'int', sql))    # a place holder until refresh
            defs.append('%s %s' % (q(cname), sql))
        defs.insert(0 if self.rng.random() < 0.6 else self.rng.randint(0, len(defs)), '`id` INT NOT NULL')
        defs.append('PRIMARY KEY (`id`)')
        t.cols = []
        self.tables.append(t)
        options = '' if inherit else ' DEFAULT CHARSET=%s' % t.charset   # or the database's
        if self.rng.random() < 0.15:
            options += self.rng.choice([' PARTITION BY HASH (`id`) PARTITIONS 2',
                                        ' PARTITION BY RANGE (`id`) (PARTITION p0 VALUES LESS THAN (40),'
                                        ' PARTITION p1 VALUES LESS THAN MAXVALUE)',
                                        ' PARTITION BY KEY (`id`) PARTITIONS 3'])
        ok = self.ddl('CREATE TABLE %s (%s)%s' % (q(name), ', '.join(defs), options))
        if not ok:
            self.tables.remove(t)
        return ok

    def insert(self, t):
        n = self.rng.choice([1, 1, 2, 3])
        keys = list(range(self.next_key, self.next_key + n))
        self.next_key += n
        cols = t.writable()
        rows = ['(%s)' % ', '.join(str(k) if c.name == 'id' else c.random_literal(self.rng) for c in cols)
                for k in keys]
        if self.dml('INSERT INTO %s (%s) VALUES %s;' % (q(t.name), ', '.join(q(c.name) for c in cols),
                                                        ', '.join(rows)), t, None, keys, 'I'):
            self.keys_changed(lambda: t.keys.extend(keys))

    def update(self, t):
        chosen = sorted(self.rng.sample(t.keys, min(len(t.keys), self.rng.choice([1, 1, 2, 4]))))
        others = [c for c in t.other_cols() if not c.generated]
        if not others:
            return
        cols = self.rng.sample(others, min(len(others), self.rng.randint(1, 3)))
        sets = ['%s = %s' % (q(c.name), c.random_literal(self.rng)) for c in cols]
        after = chosen
        if len(chosen) == 1 and self.rng.random() < 0.1:
            new = self.next_key
            self.next_key += 1
            sets.append('`id` = %d' % new)
            after = [new]
        if self.dml('UPDATE %s SET %s WHERE `id` IN (%s);' % (q(t.name), ', '.join(sets), ', '.join(map(str, chosen))),
                    t, chosen, after, 'U'):
            def apply():
                t.keys = sorted((set(t.keys) - set(chosen)) | set(after))
            self.keys_changed(apply)

    def delete(self, t):
        chosen = sorted(self.rng.sample(t.keys, min(len(t.keys), self.rng.choice([1, 1, 2]))))
        if self.dml('DELETE FROM %s WHERE `id` IN (%s);' % (q(t.name), ', '.join(map(str, chosen))),
                    t, chosen, None, 'D'):
            def apply():
                t.keys = [k for k in t.keys if k not in chosen]
            self.keys_changed(apply)

    def position_clause(self, t, exclude=()):
        r = self.rng.random()
        if r < 0.25:
            return ' FIRST'
        if r < 0.6:
            candidates = [c.name for c in t.cols if c.name not in exclude]
            if candidates:
                return ' AFTER ' + q(self.rng.choice(candidates))
        return ''

    def changed_type(self, t, c):
        """Another type for column @c: a type change, a signedness change,
        a character set change or other ENUM/SET members."""
        r = self.rng.random()
        if c.kind == 'int' and r < 0.5:
            base = [n for n, b in INT_TYPES if b == c.bits][0]
            return base + ('' if c.unsigned else ' UNSIGNED'), 'int'
        if c.kind == 'text' and r < 0.5:
            form = c.sql.split(' ')[0].upper() if c.sql.lower().startswith(('char', 'varchar')) else 'TEXT'
            other = 'latin1' if c.charset != 'latin1' else 'utf8mb4'
            return '%s CHARACTER SET %s' % (form, other), 'text'
        if c.kind in ('enum', 'set') and r < 0.6:
            pool = D.encodable(['a', 'b c', 'é', '中文', 'x-1', 'Z', 'q\'t', 'n9', 'new'], t.charset, self.meta)
            members = list(c.members)
            if self.rng.random() < 0.5 or len(members) == 1:
                extra = [m for m in pool if m not in members]
                if extra:
                    members.insert(self.rng.randint(0, len(members)), self.rng.choice(extra))
            else:
                members.remove(self.rng.choice(members))
            if self.rng.random() < 0.3:
                self.rng.shuffle(members)
            return '%s(%s)' % (c.kind.upper(), ','.join(D.sql_plain(m) for m in members)), c.kind
        return new_column_sql(self.rng, t.charset, self.meta)

    def clause(self, t, used):
        """One clause of an ALTER TABLE, touching no column of @used."""
        free = [c for c in t.other_cols() if c.name not in used]
        kinds = ['add'] + (['drop', 'modify', 'change', 'rename'] if free else []) + ['index']
        if t.indexes:
            kinds.append('drop-index')
        k = self.rng.choice(kinds)
        col_kw = self.rng.choice(['COLUMN ', ''])
        if k == 'add':
            name = self.fresh_name(t)
            while name in used:
                name = self.fresh_name(t)
            used.add(name)
            sql, kind = new_column_sql(self.rng, t.charset, self.meta)
            if kind == 'json':
                t.json.add(name)
            return 'ADD %s%s %s%s' % (col_kw, q(name), sql, self.position_clause(t, used))
        if k == 'index':
            c = self.rng.choice(t.cols)
            part = q(c.name) + ('(10)' if c.blob or c.kind == 'json' or c.kind == 'text' else '')
            self.next_name += 1
            return 'ADD INDEX ix%d (%s)' % (self.next_name, part)
        if k == 'drop-index':
            return 'DROP INDEX %s' % q(self.rng.choice(t.indexes))
        c = self.rng.choice(free)
        used.add(c.name)
        if k == 'drop':
            if len(t.cols) <= 2:
                return 'ENGINE=InnoDB'
            return 'DROP %s%s' % (col_kw, q(c.name))
        if k == 'modify':
            sql, kind = self.changed_type(t, c)
            if kind == 'json':
                t.json.add(c.name)
            else:
                t.json.discard(c.name)
            return 'MODIFY %s%s %s%s' % (col_kw, q(c.name), sql, self.position_clause(t, used))
        new = self.fresh_name(t)
        while new in used:
            new = self.fresh_name(t)
        used.add(new)
        if k == 'rename':
            if c.name in t.json:
                t.json.add(new)
            return 'RENAME COLUMN %s TO %s' % (q(c.name), q(new))
        sql, kind = self.changed_type(t, c)
        if kind == 'json':
            t.json.add(new)
        return 'CHANGE %s%s %s %s%s' % (col_kw, q(c.name), q(new), sql, self.position_clause(t, used))

    def new_table_name(self):
        taken = {t.name for t in self.tables}
        n = 1
        while 't%d' % n in taken or 't%d_r' % n in taken:
            n += 1
        return 't%d' % n

    def ddl_step(self, late):
        t = self.rng.choice(self.tables)
        r = self.rng.random()
        if late and self.rng.random() < 0.12:
            return self.uncertain_step(t)
        if self.rng.random() < 0.2:
            return self.other_step(t)
        if r < 0.40:
            used = set()
            n = 1 if self.rng.random() < 0.6 else self.rng.randint(2, 3)
            clauses = [self.clause(t, used) for _ in range(n)]
            return self.ddl('ALTER TABLE %s %s' % (q(t.name), ', '.join(clauses)))
        if r < 0.47:
            # The key moved.
            return self.ddl('ALTER TABLE %s MODIFY `id` INT NOT NULL%s' % (q(t.name), self.position_clause(t, {'id'})))
        if r < 0.55:
            # A comment-heavy spelling, executable comments included.
            name = self.fresh_name(t)
            sql, kind = new_column_sql(self.rng, t.charset, self.meta)
            if kind == 'json':
                t.json.add(name)
            return self.ddl('/* lead */ ALTER /* a, b */ TABLE -- line, comment\n %s # hash (x)\n '
                            'ADD /*!100000 COLUMN */ %s /* c INT */ %s' % (q(t.name), q(name), sql))
        if r < 0.63:
            new = t.name[:-2] if t.name.endswith('_r') else t.name + '_r'
            form = self.rng.choice(['RENAME TABLE %s TO %s', 'ALTER TABLE %s RENAME TO %s'])

            def apply():
                t.name = new
            return self.ddl(form % (q(t.name), q(new)), apply=apply)
        if r < 0.70 and len(self.tables) < 5:
            # A copy is known where its original is.
            new = Table(self.new_table_name(), t.created)
            new.json = set(t.json)
            new.inherits = t.inherits
            return self.ddl('CREATE TABLE %s LIKE %s' % (q(new.name), q(t.name)),
                            apply=lambda: self.tables.append(new))
        if r < 0.76 and len(self.tables) < 5:
            new = Table(self.new_table_name(), len(self.steps))
            new.json = set(t.json)
            new.keys = list(t.keys)
            return self.ddl('CREATE TABLE %s (PRIMARY KEY (`id`)) AS SELECT * FROM %s' % (q(new.name), q(t.name)),
                            apply=lambda: self.tables.append(new), rows_of=new)
        if r < 0.84:
            # Dropped and created again, with another definition.
            name = t.name
            ok = self.ddl('DROP TABLE %s' % q(name), apply=lambda: self.tables.remove(t))
            return ok and self.create_table(name)
        if r < 0.90:
            return self.ddl('TRUNCATE TABLE %s' % q(t.name))
        if r < 0.95:
            c = self.rng.choice(t.cols)
            part = q(c.name) + ('(8)' if c.blob or c.kind in ('json', 'text') else '')
            self.next_name += 1
            return self.ddl('CREATE INDEX ix%d ON %s (%s)' % (self.next_name, q(t.name), part))
        if t.indexes:
            return self.ddl('DROP INDEX %s ON %s' % (q(self.rng.choice(t.indexes)), q(t.name)))
        return self.ddl('ALTER TABLE %s ENGINE=InnoDB' % q(t.name))

    def other_step(self, t):
        """The rarer forms: names swapped by one RENAME TABLE, a rename
        with other changes, IF EXISTS and IF NOT EXISTS, the database's
        character set, names in another case."""
        r = self.rng.random()
        if r < 0.2 and len(self.tables) >= 2:
            a, b = self.rng.sample(self.tables, 2)
            names = (a.name, b.name)

            def apply():
                a.name, b.name = names[1], names[0]
            return self.ddl('RENAME TABLE %s TO `tmp_swap`, %s TO %s, `tmp_swap` TO %s'
                            % (q(a.name), q(b.name), q(a.name), q(b.name)), apply=apply)
        if r < 0.35:
            new = t.name[:-2] if t.name.endswith('_r') else t.name + '_r'
            used = set()
            clause = self.clause(t, used)

            def apply():
                t.name = new
            return self.ddl('ALTER TABLE %s %s, RENAME TO %s' % (q(t.name), clause, q(new)), apply=apply)
        if r < 0.45:
            name = t.name
            ok = self.ddl('DROP TABLE IF EXISTS %s, `no_such_table`' % q(name),
                          apply=lambda: self.tables.remove(t))
            return ok and self.create_table(name)
        if r < 0.5:
            return self.ddl(self.rng.choice(['ALTER TABLE %s PARTITION BY HASH (`id`) PARTITIONS 2',
                                             'ALTER TABLE %s REMOVE PARTITIONING']) % q(t.name))
        if r < 0.55:
            # It exists: nothing changes.
            return self.ddl('CREATE TABLE IF NOT EXISTS %s (`id` INT PRIMARY KEY, `zz` TEXT)' % q(t.name))
        if r < 0.62:
            # The table's default character set, for the columns added or
            # changed later without one.
            cs = self.rng.choice(['latin1', 'utf8mb4'])
            form = self.rng.choice(['DEFAULT CHARSET=%s' % cs, 'CHARACTER SET %s' % cs,
                                    'DEFAULT COLLATE %s' % {'latin1': 'latin1_bin', 'utf8mb4': 'utf8mb4_bin'}[cs],
                                    'COLLATE = %s' % {'latin1': 'latin1_german1_ci',
                                                      'utf8mb4': 'utf8mb4_unicode_ci'}[cs]])

            def apply():
                t.charset = cs
                t.inherits = False
            return self.ddl('ALTER TABLE %s %s' % (q(t.name), form), apply=apply)
        if r < 0.7:
            self.db_charset = self.rng.choice(['latin1', 'utf8mb4'])
            return self.ddl('ALTER DATABASE %s CHARACTER SET %s' % (q(self.schema), self.db_charset))
        # Columns named in another case.
        others = t.other_cols()
        if not others:
            return False
        c = self.rng.choice(others)
        other_case = c.name.upper() if c.name != c.name.upper() else c.name.lower()
        form = self.rng.random()
        if form < 0.4:
            sql, kind = self.changed_type(t, c)
            if kind == 'json':
                t.json.add(c.name)
                t.json.add(other_case)
            return self.ddl('ALTER TABLE %s MODIFY %s %s' % (q(t.name), q(other_case), sql))
        if form < 0.7:
            name = self.fresh_name(t)
            sql, kind = new_column_sql(self.rng, t.charset, self.meta)
            if kind == 'json':
                t.json.add(name)
            return self.ddl('ALTER TABLE %s ADD %s %s AFTER %s' % (q(t.name), q(name), sql, q(other_case)))
        new = self.fresh_name(t)
        if c.name in t.json:
            t.json.add(new)
        return self.ddl('ALTER TABLE %s RENAME COLUMN %s TO %s' % (q(t.name), q(other_case), q(new)))

    def uncertain_step(self, t):
        """A statement the reader may not be sure of."""
        r = self.rng.random()
        name = self.fresh_name(t)
        sql, kind = new_column_sql(self.rng, t.charset, self.meta)
        if kind == 'json':
            t.json.add(name)
        if r < 0.3:
            alter = 'ALTER TABLE %s ADD COLUMN %s %s FIRST' % (q(t.name), q(name), sql)
            return self.ddl('PREPARE s FROM %s; EXECUTE s; DEALLOCATE PREPARE s' % D.sql_plain(alter),
                            certain=False)
        if r < 0.5:
            return self.ddl('ALTER TABLE %s CONVERT TO CHARACTER SET %s' % (
                q(t.name), self.rng.choice(['latin1', 'utf8mb4'])), certain=False)
        if r < 0.7:
            return self.ddl('ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s %s' % (q(t.name), q(name), sql),
                            certain=False)
        if r < 0.85:
            name2 = self.fresh_name(t)
            return self.ddl('ALTER TABLE %s ADD COLUMN (%s %s, %s INT)' % (q(t.name), q(name), sql, q(name2)),
                            certain=False)
        return self.ddl('ALTER TABLE %s ADD COLUMN %s %s, ALTER COLUMN %s SET DEFAULT NULL' % (
            q(t.name), q(name), sql, q(name)), certain=False)

    def run(self):
        self.server.sql("SET GLOBAL binlog_row_metadata = '%s'; FLUSH BINARY LOGS;" % self.meta)
        self.start_file = self.server.master_file()
        self.server.sql('CREATE DATABASE `%s` DEFAULT CHARSET utf8mb4;' % self.schema)
        for _ in range(self.rng.randint(2, 3)):
            self.create_table(self.new_table_name())
        for i in range(self.n_steps):
            late = i > self.n_steps * 0.7
            if not self.tables:
                self.create_table(self.new_table_name())
                continue
            t = self.rng.choice(self.tables)
            r = self.rng.random()
            if r < 0.28:
                self.ddl_step(late)
            elif r < 0.36:
                self.transaction()
            elif r < 0.6 or not t.keys:
                self.insert(t)
            elif r < 0.88:
                self.update(t)
            else:
                self.delete(t)
        self.server.sql('FLUSH BINARY LOGS;')
        for e in self.events:
            e.setdefault('step', len(self.steps) - 1)


def loose_int(value, expected, col):
    """A positional integer: the table map does not say its signedness."""
    if value is None or expected is None:
        return value is expected
    mask = (1 << col.bits) - 1
    return value[0] in ('x', 't') and (value[1] & mask) == (expected[1] & mask)


def compare_row(lib, exp):
    """'exact', 'positional' or a text saying what is wrong."""
    if lib['op'] != exp['op'] or lib['t'] != exp['t']:
        return 'a %s of %s where the record has a %s of %s' % (lib['op'], lib['t'], exp['op'], exp['t'])
    images = []
    if exp['b'] is not None:
        images.append(('before', lib.get('cb', lib['c']), lib.get('b'), exp['b']))
    if exp['a'] is not None:
        images.append(('after', lib['c'], lib.get('a'), exp['a']))
    verdicts = set()
    for which, names, values, expected in images:
        if values is None or len(values) != len(expected):
            return '%s image: %d values, the record has %d' % (which, len(values or []), len(expected))
        if names == exp['names']:
            for col, v, e in zip(exp['cols'], values, expected):
                if not D.same(v, e):
                    return '%s image: column %r (%s) is %r, the server had %r' % (which, col.name, col.sql, v, e)
            verdicts.add('exact')
        elif names == ['@%d' % (i + 1) for i in range(len(expected))]:
            for col, v, e in zip(exp['cols'], values, expected):
                if col.kind == 'int' and not loose_int(v, e, col):
                    return ('%s image: positional column @%d (%s %s) is %r, the server had %r'
                            % (which, exp['cols'].index(col) + 1, col.name, col.sql, v, e))
            verdicts.add('positional')
        else:
            return '%s image: names %r, the record has %r' % (which, names, exp['names'])
    if len(verdicts) != 1:
        return 'images named differently: %r' % sorted(verdicts)
    return verdicts.pop()


def align(lines, expected):
    """@expected with the rows of each statement in the order @lines has
    them: a statement's rows come in the order the server scans the
    table, which for a partitioned one is not the key's."""
    out = []
    i = 0
    while i < len(expected):
        j = i
        while j < len(expected) and expected[j]['step'] == expected[i]['step']:
            j += 1
        group = expected[i:j]
        at = group[0]['cols'].index(next(c for c in group[0]['cols'] if c.name == 'id'))

        def key(values):
            return values[at][1] if values is not None and len(values) > at and values[at] else None
        by_key = {key(e['b'] if e['b'] is not None else e['a']): e for e in group}
        got = [key(line.get('b', line.get('a'))) for line in lines[i:j]]
        if len(by_key) == len(group) and sorted(map(str, got)) == sorted(map(str, by_key)):
            group = [by_key[k] for k in got]
        out += group
        i = j
    return out


def check_reader(rnd, label, out, expected, strict_from, reader, positional_mode):
    """The mismatches of one reader run: @expected the record from its
    start, @strict_from a function telling whether an event must be
    exact."""
    problems = []
    lines = D.read_changes(out.stdout.decode('utf-8'), rnd.schema)
    expected = align(lines, expected)
    stderr = out.stderr.decode('utf-8', 'replace').strip()
    where = 'seed=%d meta=%s %s' % (rnd.seed, rnd.meta, label)
    full = rnd.meta == 'FULL'
    no_source = reader == 'file'

    def step_text(e):
        return rnd.steps[e['step']][0][:300] if e['step'] < len(rnd.steps) else '?'

    for i, (lib, exp) in enumerate(zip(lines, expected)):
        verdict = compare_row(lib, exp)
        if verdict == 'exact':
            STATS[reader, 'exact'] = STATS.get((reader, 'exact'), 0) + 1
            continue
        if verdict == 'positional':
            if not full and (positional_mode or no_source) and not (strict_from(exp) and not no_source):
                STATS[reader, 'positional'] = STATS.get((reader, 'positional'), 0) + 1
                continue
            verdict = 'positional names where the names are known'
        problems.append('MISMATCH %s: row %d of the record (step %d: %s): %s' % (
            where, i, exp['step'], step_text(exp), verdict))
        break
    if out.returncode != 0:
        if len(lines) >= len(expected):
            problems.append('MISMATCH %s: the run failed after every row: %s' % (where, stderr))
        else:
            exp = expected[len(lines)]
            clear = (CLEAR_ERROR in stderr or (no_source and 'binlog_row_metadata' in stderr)) \
                and exp['t'] in stderr
            STATS[reader, 'runs ended by the error'] = STATS.get((reader, 'runs ended by the error'), 0) + 1
            if full or positional_mode or not clear or (strict_from(exp) and not no_source):
                problems.append('MISMATCH %s: the run failed at row %d of the record (step %d: %s): %s' % (
                    where, len(lines), exp['step'], step_text(exp), stderr))
    elif len(lines) != len(expected):
        problems.append('MISMATCH %s: %d rows, the record has %d' % (where, len(lines), len(expected)))
    return problems


def check_round(rnd, verbose):
    problems = []
    reader = D.READER
    files = sorted(f for f in os.listdir(rnd.server.binlog_dir)
                   if re.fullmatch(r'mariadb-bin\.\d+', f) and f >= rnd.start_file)[:-1]
    paths = [os.path.join(rnd.server.binlog_dir, f) for f in files]

    # (b): after some DDL, where a step's position is in the first file.
    ddl_steps = [i for i, (sql, pos, certain) in enumerate(rnd.steps)
                 if not sql.startswith(('INSERT', 'UPDATE', 'DELETE'))]
    starts = [('a', rnd.start_file, 4, 0)]
    later = [i for i in ddl_steps if len(rnd.steps) // 4 < i < len(rnd.steps) * 3 // 4]
    if later:
        k = rnd.rng.choice(later)
        pos = rnd.steps[k][1]
        if pos[0] == rnd.start_file:
            starts.append(('b', pos[0], pos[1], k + 1))

    mdb = subprocess.run(['mariadb-binlog', '--no-defaults', '-v', '-v', '--base64-output=decode-rows'] + paths,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    printed = D.parse_mdb(mdb.stdout, rnd.schema)
    if [(m['op'], m['t']) for m in printed] != [(e['op'], e['t']) for e in rnd.events]:
        problems.append('MISMATCH seed=%d meta=%s: the record (%d rows) is not what mariadb-binlog shows '
                        '(%d rows): the test\'s own record is wrong' % (rnd.seed, rnd.meta, len(rnd.events),
                                                                         len(printed)))
    uncertain = rnd.first_uncertain if rnd.first_uncertain is not None else len(rnd.steps) + 1
    for point, file, offset, first_step in starts:
        expected = [e for e in rnd.events if e['step'] >= first_step]

        def strict(e, first_step=first_step):
            return (e['step'] < uncertain and e['table'].created >= first_step and
                    (first_step == 0 or not e['table'].inherits))

        for mode in ('error', 'positional'):
            extra = ['--only-schema', rnd.schema] + (['--positional'] if mode == 'positional' else [])
            runs = [('live', [reader, '--socket', rnd.server.socket, '--server-id', str(200 + rnd.seed % 1000),
                              '--file', file, '--offset', str(offset)]),
                    ('file+source', [reader, '--schema-source-socket', rnd.server.socket, '--offset', str(offset)]
                     + sum((['--binlog', p] for p in paths), [])),
                    ('file', [reader, '--offset', str(offset)] + sum((['--binlog', p] for p in paths), []))]
            for name, args in runs:
                out = subprocess.run(args + extra, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                label = 'start=%s(%s:%d) reader=%s schema-unknown=%s' % (point, file, offset, name, mode)
                found = check_reader(rnd, label, out, expected, strict, name, mode == 'positional')
                if verbose:
                    print('#   %s: %d rows, rc %d%s' % (label, out.stdout.count(b'\n'), out.returncode,
                                                       ', ' + out.stderr.decode()[:200].strip()
                                                       if out.returncode else ''))
                problems += ['%s\n  replay: schema-differential.py --seeds %d --meta %s' % (p, rnd.seed, rnd.meta)
                             for p in found]
    return problems


def main():
    parser = argparse.ArgumentParser(description='The seeded, randomized differential test of the schema history.')
    parser.add_argument('--seeds', default=os.environ.get('DIFFERENTIAL_SEEDS'))
    parser.add_argument('--meta', action='append', help='NO_LOG, MINIMAL or FULL (default: all three)')
    parser.add_argument('--long', action='store_true', default=os.environ.get('DIFFERENTIAL_LONG') == '1')
    parser.add_argument('--steps', type=int)
    parser.add_argument('-v', '--verbose', action='store_true')
    args = parser.parse_args()

    if not D.READER or not os.access(D.READER, os.X_OK):
        print('SKIP: no diff-reader (set DIFF_READER; meson test sets it)', file=sys.stderr)
        return 77
    for tool in ('mariadb', 'mariadb-binlog'):
        if shutil.which(tool) is None:
            print('SKIP: %s is not installed' % tool, file=sys.stderr)
            return 77
    if args.seeds:
        seeds = [int(s) for s in args.seeds.split(',') if s]
    else:
        seeds = list(range(1, 21)) if args.long else [1, 2, 3]
    n_steps = args.steps or (250 if args.long else 70)
    metas = [m.upper() for m in args.meta] if args.meta else METADATAS

    workdir = tempfile.mkdtemp(prefix='schema-differential-')
    server = D.Server(workdir)
    problems = []
    n_rows = n_steps_done = n_refused = 0
    try:
        for seed in seeds:
            for meta in metas:
                rnd = Round(server, seed, meta, n_steps, args.verbose)
                rnd.run()
                if args.verbose:
                    print('# seed %d %s: %d steps (%d refused by the server), %d row events, first uncertain '
                          'statement at step %r' % (seed, meta, len(rnd.steps), rnd.failed_steps,
                                                    len(rnd.events), rnd.first_uncertain))
                found = check_round(rnd, args.verbose)
                for p in found:
                    print(p)
                problems += found
                n_rows += len(rnd.events)
                n_steps_done += len(rnd.steps)
                n_refused += rnd.failed_steps
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    for reader in ('live', 'file+source', 'file'):
        print('%s reader: %s' % (reader, ', '.join('%d %s' % (n, verdict) for (r, verdict), n in sorted(STATS.items())
                                                  if r == reader)))
    print('schema differential: seeds %s, metadata %s: %d steps (%d refused by the server), %d row events '
          'checked by 12 reader runs each, %d mismatches'
          % (','.join(map(str, seeds)), ' '.join(metas), n_steps_done, n_refused, n_rows, len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
