# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Output: the JSON lines of rows, dedup of repeated rows, big values.

import base64
import json
import os
import subprocess
import tempfile
import sys
import time
import unittest

from cli import common
from cli.common import TOOL, run_tool, json_lines


def setUpModule():
    common.set_up()


WORKLOAD = """
CREATE TABLE cli.items (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(6,2),
                        tags SET('red','blue'), data VARBINARY(4), note TEXT);
INSERT INTO cli.items VALUES (1, 'apple', 1.50, 'red', x'01ff', NULL),
                             (2, 'pear', 2.25, '', NULL, 'ripe');
UPDATE cli.items SET name = 'green apple', price = 1.75 WHERE id = 1;
DELETE FROM cli.items WHERE id = 2;
"""


class TestOutput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.start = common.DB.position()
        cls.gtid = common.DB.query('SELECT @@global.gtid_binlog_pos')
        cls.before = int(time.time())
        common.DB.sql(WORKLOAD)
        cls.after = int(time.time())
        cls.end = common.DB.position()

    def test_json(self):
        proc = run_tool('--start', self.start, '--non-blocking', '--format', 'json', '--no-ddl',
                        '--only-tables', 'cli.items')
        messages = json_lines(proc.stdout)
        self.assertEqual([m['type'] for m in messages],
                         ['row_insert', 'row_insert', 'row_update', 'row_delete'])
        for m in messages:
            self.assertEqual(m['schema'], 'cli')
            self.assertEqual(m['table_name'], 'items')
            self.assertTrue(self.before <= m['binlog_timestamp'] <= self.after + 1)
            self.assertTrue(m['timestamp'] >= m['binlog_timestamp'])
            self.assertTrue(m['log_file'].startswith('mariadb-bin.'))
            self.assertGreater(m['log_pos'], 4)
        insert1, insert2, update, delete = messages
        self.assertEqual(insert1['keys'], {'id': 1})
        self.assertEqual(insert1['values'], {'id': 1, 'name': 'apple', 'price': '1.50',
                                             'tags': ['red'], 'data': '0x01FF',
                                             'note': None})
        self.assertEqual(insert2['keys'], {'id': 2})
        self.assertEqual(insert2['values'], {'id': 2, 'name': 'pear', 'price': '2.25',
                                             'tags': [], 'data': None, 'note': 'ripe'})
        self.assertEqual(update['keys'], {'id': 1})
        self.assertEqual(update['before_values'], {'name': 'apple', 'price': '1.50'})
        self.assertEqual(update['after_values'], {'name': 'green apple', 'price': '1.75'})
        self.assertNotIn('merged_updates', update)
        self.assertEqual(delete['keys'], {'id': 2})
        self.assertEqual(delete['values']['name'], 'pear')
        # Rows of one statement share its event.
        self.assertEqual(insert1['log_pos'], insert2['log_pos'])
        self.assertLess(insert2['log_pos'], update['log_pos'])
        self.assertIn('safe position: ', proc.stderr)

    def test_start_gtid(self):
        proc = run_tool('--start-gtid', self.gtid, '--non-blocking', '--format', 'json', '--no-ddl',
                        '--only-tables', 'cli.items')
        self.assertEqual([(m['type'], m['keys']) for m in json_lines(proc.stdout)],
                         [('row_insert', {'id': 1}), ('row_insert', {'id': 2}),
                          ('row_update', {'id': 1}), ('row_delete', {'id': 2})])

    def test_from_beginning(self):
        # No TLS on this server: PREFERRED goes on without, DISABLED asks for none.
        for args in ((), ('--ssl-mode', 'DISABLED')):
            proc = run_tool('--from-beginning', '--non-blocking', '--format', 'json', '--no-ddl',
                            '--only-tables', 'cli.items', *args)
            self.assertEqual([m['type'] for m in json_lines(proc.stdout)],
                             ['row_insert', 'row_insert', 'row_update', 'row_delete'])

    def test_file_schema_source(self):
        # The .schema-history the tool's --position-file run saved gives a
        # later file, which does not create the table, its definitions.
        start = common.DB.position()
        common.DB.sql("CREATE TABLE cli.sourced (id INT PRIMARY KEY, name VARCHAR(10)) "
                      "CHARACTER SET utf8mb4;"
                      "INSERT INTO cli.sourced VALUES (1, 'a')")
        with tempfile.TemporaryDirectory() as folder:
            position = os.path.join(folder, 'position')
            run_tool('--start', start, '--position-file', position, '--non-blocking',
                     '--only-tables', 'cli.sourced')
            self.assertTrue(os.path.exists(position + '.schema-history'))
            common.DB.sql('FLUSH BINARY LOGS')
            later = common.DB.position().split(':')[0]
            common.DB.sql("INSERT INTO cli.sourced VALUES (2, 'b')")
            common.DB.sql('FLUSH BINARY LOGS')
            command = [TOOL, '--file', os.path.join(common.DB.dir, 'binlog', later), '-f', 'json',
                       '--no-ddl', '--only-tables', 'cli.sourced']
            proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, timeout=60)
            self.assertEqual(proc.returncode, 1, proc.stderr)
            self.assertIn('The definition of cli.sourced is not known', proc.stderr)
            proc = subprocess.run(command + ['--schema-source', position + '.schema-history'],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  timeout=60)
            with open(position + '.schema-history') as saved_history:
                history = saved_history.read()
            self.assertEqual(proc.returncode, 0, '%s\nread from %s; %s; the history saved:\n%s'
                             % (proc.stderr, start, later, history))
            self.assertEqual([(m['type'], m['keys'], m['values']) for m in json_lines(proc.stdout)],
                             [('row_insert', {'id': 2}, {'id': 2, 'name': 'b'})])

    def test_positional_enum(self):
        # Positional names: an ENUM is its member's number (the library's
        # `t`), as a SET is its bits, never a string such as "2".
        common.DB.sql("CREATE TABLE cli.graded (id INT PRIMARY KEY, grade ENUM('a','b','c'), "
                      "marks SET('x','y'))")
        common.DB.sql('FLUSH BINARY LOGS')
        binlog = common.DB.position().split(':')[0]
        common.DB.sql("INSERT INTO cli.graded VALUES (1, 'b', 'x,y'), (2, NULL, '')")
        common.DB.sql('FLUSH BINARY LOGS')
        proc = subprocess.run([TOOL, '--file', os.path.join(common.DB.dir, 'binlog', binlog),
                               '-f', 'json', '--no-ddl', '--only-tables', 'cli.graded',
                               '--schema-unknown=positional'],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual([m['values'] for m in json_lines(proc.stdout)],
                         [{'@1': 1, '@2': 2, '@3': 3}, {'@1': 2, '@2': None, '@3': 0}])

    def test_file(self):
        binlog = os.path.join(common.DB.dir, 'binlog', self.start.split(':')[0])
        # The workload's table maps carry no column names (MariaDB's default
        # binlog_row_metadata), but the file holds the CREATE DATABASE and
        # the CREATE TABLE: the file's DDL gives the names, keys and values.
        whole = [TOOL, '--file', binlog, '-f', 'json', '--no-ddl', '--only-tables', 'cli.items']
        proc = subprocess.run(whole, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        messages = json_lines(proc.stdout)
        self.assertEqual([(m['type'], m['keys']) for m in messages],
                         [('row_insert', {'id': 1}), ('row_insert', {'id': 2}),
                          ('row_update', {'id': 1}), ('row_delete', {'id': 2})])
        self.assertEqual(messages[0]['values'], {'id': 1, 'name': 'apple', 'price': '1.50',
                                                 'tags': ['red'], 'data': '0x01FF',
                                                 'note': None})
        # From the first insert on, the part read does not create the table:
        # by default the run fails, naming the table and the fixes.
        first = '%s:%d' % (messages[0]['log_file'], messages[0]['log_pos'])
        command = whole + ['--start', first]
        proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertEqual(json_lines(proc.stdout), [])
        self.assertRegex(proc.stderr, r'mysqlbinlog-glib: .* The definition of cli\.items is not '
                         r'known at this point of the binary log file .*schema-source.*'
                         r'binlog_row_metadata=FULL.*positional')
        self.assertIn('in this program, schema-unknown is --schema-unknown=positional, and '
                      'schema-source --schema-source=FILE or --schema-from-server', proc.stderr)
        # --schema-unknown=positional: columns numbered, no keys, text of no
        # known character set as its bytes.
        proc = subprocess.run(command + ['--schema-unknown=positional'], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        messages = json_lines(proc.stdout)
        self.assertEqual([(m['type'], m['keys']) for m in messages],
                         [('row_insert', {}), ('row_insert', {}), ('row_update', {}),
                          ('row_delete', {})])
        self.assertEqual(sorted(messages[2]['after_values']), ['@2', '@3'])
        self.assertEqual(messages[2]['after_values']['@3'], '1.75')
        # The server as the source of the definitions: the real names.
        proc = subprocess.run(command + ['--schema-from-server', '--socket', common.DB.socket,
                                         '--user', 'root'],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        messages = json_lines(proc.stdout)
        self.assertEqual([m['type'] for m in messages],
                         ['row_insert', 'row_insert', 'row_update', 'row_delete'])
        self.assertEqual(messages[0]['keys'], {'id': 1})
        self.assertEqual(messages[0]['values'], {'id': 1, 'name': 'apple', 'price': '1.50',
                                                 'tags': ['red'], 'data': '0x01FF',
                                                 'note': None})
        proc = subprocess.run(command + ['--schema-unknown=sometimes'], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=60)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn('error or positional', proc.stderr)

        # With full metadata the names and the primary key are in the
        # file: no server is needed for the keys.
        metadata = common.DB.query('SELECT @@global.binlog_row_metadata')
        common.DB.sql("SET GLOBAL binlog_row_metadata = 'FULL'")
        try:
            common.DB.sql('CREATE TABLE cli.offline (id INT PRIMARY KEY, v VARCHAR(10));'
                   'INSERT INTO cli.offline VALUES (1, "x");'
                   'UPDATE cli.offline SET v = "y";')
        finally:
            common.DB.sql("SET GLOBAL binlog_row_metadata = '%s'" % metadata)
        binlog = os.path.join(common.DB.dir, 'binlog', common.DB.position().split(':')[0])
        proc = subprocess.run([TOOL, '--file', binlog, '-f', 'json', '--no-ddl', '--only-tables',
                               'cli.offline'], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, timeout=60)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual([(m['type'], m['keys']) for m in json_lines(proc.stdout)],
                         [('row_insert', {'id': 1}), ('row_update', {'id': 1})])
        messages = json_lines(run_tool('--file', binlog, '-f', 'json', '--no-ddl', '--only-tables',
                                       'cli.offline').stdout)
        self.assertEqual([(m['type'], m['keys']) for m in messages],
                         [('row_insert', {'id': 1}), ('row_update', {'id': 1})])
        self.assertEqual(messages[0]['values'], {'id': 1, 'v': 'x'})
        self.assertEqual(messages[1]['before_values'], {'v': 'x'})
        self.assertEqual(messages[1]['after_values'], {'v': 'y'})
        proc = run_tool('--file', binlog, '--only-tables', 'cli.offline')
        self.assertIn('Inserted cli.offline:\n  id: 1\n  v: "x"\n', proc.stdout)

        # --start FILE:POS: from the update's rows event (log_pos is where
        # an event starts), only the update.
        start = '%s:%d' % (messages[1]['log_file'], messages[1]['log_pos'])
        later = json_lines(run_tool('--file', binlog, '--start', start, '-f', 'json', '--no-ddl',
                                    '--only-tables', 'cli.offline').stdout)
        self.assertEqual([(m['type'], m['after_values']) for m in later],
                         [('row_update', {'v': 'y'})])
        proc = subprocess.run([TOOL, '--file', binlog, '--start', start.split(':')[0] + ':5'],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60)
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn('no event starts at', proc.stderr)

    def test_text(self):
        proc = run_tool('--start', self.start, '--non-blocking', '--format', 'text')
        # The events of the workload only: other tests write more later.
        end_file, end_offset = self.end.split(':')
        blocks = []
        for block in proc.stdout.strip().split('\n\n'):
            lines = block.splitlines()
            self.assertTrue(lines[0].startswith('=== '), block)
            self.assertTrue(lines[1].startswith('Position: mariadb-bin.'), block)
            file_, offset = lines[1].split(' ')[1].split(':')
            if file_ == end_file and int(offset) < int(end_offset):
                blocks.append(block)
        out = '\n\n'.join(blocks) + '\n'
        self.assertIn('=== QUERY (2) ===', out)
        self.assertIn('Statement: CREATE TABLE cli.items', out)
        self.assertIn('=== TABLE_MAP (19) ===', out)
        self.assertIn('Table: cli.items', out)
        self.assertIn('Inserted cli.items:\n  id: 1\n  name: "apple"\n  price: "1.50"\n'
                      '  tags: ["red"]\n  data: "0x01FF"\n  note: NULL\n', out)
        self.assertIn('Updated cli.items:\n  id: 1 => 1\n  name: "apple" => "green apple"\n'
                      '  price: "1.50" => "1.75"\n', out)
        self.assertIn('Deleted cli.items:\n  id: 2\n  name: "pear"\n', out)
        # One transaction per statement: INSERT, UPDATE, DELETE.
        self.assertEqual(out.count('=== XID (16) ==='), 3)
        self.assertEqual(out.count('=== WRITE_ROWS_V1 (23) ==='), 1)
        self.assertEqual(out.count('=== UPDATE_ROWS_V1 (24) ==='), 1)
        self.assertEqual(out.count('=== DELETE_ROWS_V1 (25) ==='), 1)

    def test_filters(self):
        start = common.DB.position()
        common.DB.sql("""
CREATE TABLE cli.keep_a (id INT PRIMARY KEY);
CREATE TABLE cli.keep_b (id INT PRIMARY KEY);
CREATE TABLE cli.other (id INT PRIMARY KEY);
INSERT INTO cli.keep_a VALUES (1); INSERT INTO cli.keep_b VALUES (2);
INSERT INTO cli.other VALUES (3);
""")
        proc = run_tool('--start', start, '-n', '-f', 'json', '--no-ddl', '--only-tables', 'cli.keep*')
        self.assertEqual([(m['table_name'], m['keys']) for m in json_lines(proc.stdout)],
                         [('keep_a', {'id': 1}), ('keep_b', {'id': 2})])
        proc = run_tool('--start', start, '-n', '-f', 'json', '--no-ddl', '--only-tables', 'cli.*',
                        '--ignore-tables', 'cli.keep_a,cli.other')
        self.assertEqual([m['table_name'] for m in json_lines(proc.stdout)], ['keep_b'])
        proc = run_tool('--start', start, '-n', '-f', 'text', '--ignore-tables', 'cli.keep*')
        self.assertIn('Table: cli.other', proc.stdout)
        self.assertNotIn('Table: cli.keep', proc.stdout)

    def test_dotted_names(self):
        # clix.`y.z` and `clix.y`.z are two tables, never one: their own
        # column names, the filter takes the one named, and rows of two
        # tables with the same key are not merged as one.
        metadata = common.DB.query('SELECT @@global.binlog_row_metadata')
        common.DB.sql("SET GLOBAL binlog_row_metadata = 'NO_LOG'")
        try:
            start = common.DB.position()
            common.DB.sql("""
CREATE DATABASE clix; CREATE TABLE clix.`y.z` (id INT PRIMARY KEY, n INT);
CREATE DATABASE `clix.y`; CREATE TABLE `clix.y`.z (k INT PRIMARY KEY, name INT);
CREATE TABLE clix.`d.d` (id INT PRIMARY KEY, n INT);
CREATE TABLE clix.`c,c` (id INT PRIMARY KEY, n INT); CREATE TABLE clix.c (id INT PRIMARY KEY);
INSERT INTO clix.`c,c` VALUES (5, 50); INSERT INTO clix.c VALUES (6);
CREATE DATABASE `clix.d`; CREATE TABLE `clix.d`.d (id INT PRIMARY KEY, n INT);
INSERT INTO clix.`y.z` VALUES (1, 10); INSERT INTO `clix.y`.z VALUES (2, 20);
INSERT INTO clix.`d.d` VALUES (1, 0); INSERT INTO `clix.d`.d VALUES (1, 0);
UPDATE clix.`d.d` SET n = 1; UPDATE `clix.d`.d SET n = 2;
""")
        finally:
            common.DB.sql("SET GLOBAL binlog_row_metadata = '%s'" % metadata)
        proc = run_tool('--start', start, '-n', '-f', 'json', '--no-ddl',
                        '--only-tables', 'clix.`y.z`,`clix.y`.z')
        self.assertEqual([(m['schema'], m['table_name'], m['values'])
                          for m in json_lines(proc.stdout)],
                         [('clix', 'y.z', {'id': 1, 'n': 10}),
                          ('clix.y', 'z', {'k': 2, 'name': 20})])
        proc = run_tool('--start', start, '-n', '-f', 'json', '--no-ddl',
                        '--only-tables', '`clix.y`.*')
        self.assertEqual([m['table_name'] for m in json_lines(proc.stdout)], ['z'])
        proc = run_tool('--start', start, '-n', '-f', 'text', '--only-tables', 'clix.*')
        self.assertIn('Table: clix.`y.z`', proc.stdout)
        self.assertIn('Table: clix.`d.d`', proc.stdout)
        self.assertNotIn('Table: `clix.y`.z', proc.stdout)
        self.assertNotIn('Table: clix.y.z', proc.stdout)
        proc = run_tool('--start', start, '-n', '-f', 'json', '--no-ddl',
                        '--only-tables', 'clix.`d.d`,`clix.d`.d', '--dedup-window', '60000')
        updates = [(m['schema'], m['table_name'], m['after_values'])
                   for m in json_lines(proc.stdout) if m['type'] == 'row_update']
        self.assertEqual(updates, [('clix', 'd.d', {'n': 1}), ('clix.d', 'd', {'n': 2})])
        # A comma inside backquotes is part of the name, not a separator.
        proc = run_tool('--start', start, '-n', '-f', 'json', '--no-ddl',
                        '--only-tables', 'clix.`c,c`')
        self.assertEqual([(m['table_name'], m['values']) for m in json_lines(proc.stdout)],
                         [('c,c', {'id': 5, 'n': 50})])
        proc = run_tool('--start', start, '-n', '-f', 'json', '--no-ddl',
                        '--only-tables', 'clix.*', '--ignore-tables', 'clix.`c,c`,clix.`y.z`')
        self.assertEqual(sorted(m['table_name'] for m in json_lines(proc.stdout)
                                if m['type'] == 'row_insert'), ['c', 'd.d'])
        proc = run_tool('--start', start, '-n', '--only-tables', 'clix.`c,c', check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn('does not close', proc.stderr)
        proc = run_tool('--start', start, '-n', '--only-tables', 'clix.y.z', check=False)
        self.assertNotEqual(proc.returncode, 0)
        self.assertIn('clix.y.z', proc.stderr)

    def test_json_valid_for_every_character_and_double(self):
        # Every line is strict JSON (Python's parser refuses a raw control
        # character in a string and a number like 1e+20.0) and gives the
        # values back: every control character, U+001F included, and
        # doubles without a fraction, small, huge and negative.
        start = common.DB.position()
        text = ''.join(chr(c) for c in range(1, 128)) + ' é 😀 \u2028'
        doubles = [1e20, 1e21, -1e300, 100.0, -0.0, 0.1, 2.5e-5, 15000000000000000.0]
        common.DB.sql('CREATE TABLE cli.chars (id INT PRIMARY KEY, t TEXT CHARACTER SET '
                      'utf8mb4, d DOUBLE);')
        encoded = base64.b64encode(text.encode()).decode()
        common.DB.sql('INSERT INTO cli.chars VALUES ' + ', '.join(
            "(%d, FROM_BASE64('%s'), %r)" % (i, encoded, d) for i, d in enumerate(doubles)) + ';')
        proc = run_tool('--start', start, '-n', '-f', 'json', '--no-ddl', '--only-tables', 'cli.chars')
        # Lines end at \n only (str.splitlines() would also cut at U+2028).
        lines = proc.stdout.split('\n')[:-1]
        self.assertEqual(len(lines), len(doubles))
        for i, line in enumerate(lines):
            message = json.loads(line, strict=True)
            self.assertEqual(message['values']['t'], text)
            self.assertEqual(message['values']['d'], doubles[i])
            self.assertIsInstance(message['values']['d'], float)

    def test_json_escapes_at_every_place(self):
        # Strings are checked and copied several bytes at a time: a byte
        # to escape at every place of strings of 0 to 40 bytes (in a word,
        # in the last bytes, right after another escape), in a value and
        # in an update's before and after values, comes back as it was.
        start = common.DB.position()
        specials = ['"', '\\', '\n', '\x01', '\x1f', '\x7f', '\t']
        texts = ['x' * n for n in range(41)]
        for n in range(1, 41):
            for place in range(n):
                special = specials[(n + place) % len(specials)]
                texts.append('y' * place + special + 'z' * (n - place - 1))
                if place + 1 < n:
                    texts.append('w' * place + special + special + 'v' * (n - place - 2))
        common.DB.sql('CREATE TABLE cli.escapes (id INT PRIMARY KEY, t TEXT CHARACTER SET '
                      'utf8mb4, v VARCHAR(60) CHARACTER SET latin1);')
        rows = ["(%d, FROM_BASE64('%s'), FROM_BASE64('%s'))"
                % (i, base64.b64encode(t.encode()).decode(),
                   base64.b64encode(t[::-1].encode()).decode())
                for i, t in enumerate(texts)]
        # In parts: a client's command line has a bound.
        for first in range(0, len(rows), 200):
            common.DB.sql('INSERT INTO cli.escapes VALUES %s;' % ', '.join(rows[first:first + 200]))
        common.DB.sql("UPDATE cli.escapes SET t = CONCAT(t, '\"'), v = CONCAT('\\\\', v);")
        proc = run_tool('--start', start, '-n', '-f', 'json', '--no-ddl',
                        '--only-tables', 'cli.escapes')
        messages = [json.loads(line, strict=True) for line in proc.stdout.split('\n')[:-1]]
        self.assertEqual(len(messages), 2 * len(texts))
        inserts, updates = messages[:len(texts)], messages[len(texts):]
        for i, (insert, update) in enumerate(zip(inserts, updates)):
            self.assertEqual(insert['values'], {'id': i, 't': texts[i], 'v': texts[i][::-1]})
            self.assertEqual(update['before_values'], {'t': texts[i], 'v': texts[i][::-1]})
            self.assertEqual(update['after_values'],
                             {'t': texts[i] + '"', 'v': '\\' + texts[i][::-1]})

    def test_text_events_filtered_as_rows(self):
        # The text format shows the events of the tables whose rows the
        # stream emits: --only-schemas and --only-tables both apply, as
        # they do to the rows.
        start = common.DB.position()
        common.DB.sql("""
CREATE DATABASE cli_both;
CREATE TABLE cli.both_a (id INT PRIMARY KEY);
CREATE TABLE cli_both.both_b (id INT PRIMARY KEY);
INSERT INTO cli.both_a VALUES (1); INSERT INTO cli_both.both_b VALUES (2);
""")
        args = ['--start', start, '-n', '--only-schemas', 'cli', '--only-tables', '*.both_*']
        out = run_tool(*args, '-f', 'text').stdout
        self.assertIn('Table: cli.both_a\n', out)
        self.assertIn('Inserted cli.both_a:\n  id: 1\n', out)
        self.assertNotIn('Table: cli_both.both_b', out)
        self.assertEqual([m['table_name'] for m in json_lines(run_tool(*args, '-f', 'json', '--no-ddl').stdout)],
                         ['both_a'])
        args = ['--start', start, '-n', '--only-schemas', 'cli_both', '--only-tables', 'cli.*']
        out = run_tool(*args, '-f', 'text').stdout
        self.assertNotIn('Table: cli.both_a', out)
        self.assertNotIn('Table: cli_both.both_b', out)
        self.assertNotIn('Inserted', out)
        self.assertEqual(json_lines(run_tool(*args, '-f', 'json', '--no-ddl').stdout), [])

    def test_table_without_primary_key(self):
        start = common.DB.position()
        common.DB.sql('CREATE TABLE cli.log (msg TEXT); INSERT INTO cli.log VALUES (\'hi\');'
               'UPDATE cli.log SET msg = \'ho\';')
        messages = json_lines(run_tool('--start', start, '-n', '-f', 'json', '--no-ddl').stdout)
        self.assertEqual([(m['type'], m['keys']) for m in messages],
                         [('row_insert', {}), ('row_update', {})])
        self.assertEqual(messages[1]['after_values'], {'msg': 'ho'})


class TestDedup(unittest.TestCase):
    def test_hot_rows(self):
        start = common.DB.position()
        statements = ['CREATE TABLE cli.hot (id INT PRIMARY KEY, n INT, other INT)',
                      'INSERT INTO cli.hot VALUES ' +
                      ','.join('(%d, 0, %d)' % (i, i) for i in range(5))]
        # 200 updates of 5 hot rows, in 40 transactions.
        for round_ in range(40):
            statements.append('BEGIN')
            for i in range(5):
                statements.append('UPDATE cli.hot SET n = %d WHERE id = %d' % (round_ + 1, i))
            statements.append('COMMIT')
        statements.append('UPDATE cli.hot SET other = 99 WHERE id = 0')
        statements.append('DELETE FROM cli.hot WHERE id = 4')
        statements.append('UPDATE cli.hot SET n = 1000 WHERE id = 3')
        common.DB.sql(';\n'.join(statements) + ';')

        plain = json_lines(run_tool('--start', start, '-n', '-f', 'json', '--no-ddl').stdout)
        self.assertEqual(len(plain), 5 + 200 + 3)

        proc = run_tool('--start', start, '-n', '-f', 'json', '--no-ddl', '--dedup-window', '60000')
        merged = json_lines(proc.stdout)
        # Inserts, one update per row (the last update of row 0 merged
        # too), the delete, and row 3's update after the window... which
        # is the same window, so merged with its earlier updates.
        updates = [m for m in merged if m['type'] == 'row_update']
        self.assertEqual(len([m for m in merged if m['type'] == 'row_insert']), 5)
        self.assertEqual(sorted(m['keys']['id'] for m in updates), [0, 1, 2, 3, 4])
        by_id = {m['keys']['id']: m for m in updates}
        self.assertEqual(by_id[0]['before_values'], {'n': 0, 'other': 0})
        self.assertEqual(by_id[0]['after_values'], {'n': 40, 'other': 99})
        self.assertEqual(by_id[0]['merged_updates'], 40)
        self.assertEqual(by_id[3]['after_values'], {'n': 1000})
        self.assertEqual(by_id[3]['merged_updates'], 40)
        self.assertEqual(by_id[4]['after_values'], {'n': 40})
        # The delete of row 4 comes after row 4's merged update.
        order = [(m['type'], m['keys']['id']) for m in merged]
        self.assertLess(order.index(('row_update', 4)), order.index(('row_delete', 4)))
        self.assertEqual(len(merged), 5 + 5 + 1)
        print('dedup: %d messages instead of %d (%.0f%% fewer)'
              % (len(merged), len(plain), 100.0 * (1 - len(merged) / len(plain))),
              file=sys.stderr)


def sql_text(text, charset='utf8mb4'):
    """@text as an SQL expression of @charset, whatever the client's."""
    encoding = {'utf8mb4': 'utf-8'}.get(charset, charset)
    return "CONVERT(UNHEX('%s') USING %s)" % (text.encode(encoding).hex(), charset)


class TestBigValues(unittest.TestCase):
    # Values of more than 64 KiB go out in parts: escaped text cut between
    # characters, hex digits from the value's bytes.  The messages must
    # hold the values exactly, in the JSON and the text output.
    UNIT = 'a"\\\n\tß€😀\x01\x7f/'
    LATIN1 = 'é"\\x'
    BYTES = bytes(range(256))

    @classmethod
    def setUpClass(cls):
        cls.start = common.DB.position()
        # MyISAM: the redo log of the throwaway server is too small for
        # InnoDB to take rows this big.
        common.DB.sql('CREATE TABLE cli.big (id INT PRIMARY KEY, tag VARCHAR(10), t LONGTEXT '
               'CHARACTER SET utf8mb4, l MEDIUMTEXT CHARACTER SET latin1, b LONGBLOB, '
               'j JSON) ENGINE=MyISAM;'
               'INSERT INTO cli.big VALUES (1, "one", REPEAT(%s, 20001), REPEAT(%s, 30000), '
               'REPEAT(UNHEX("%s"), 1000), CONCAT(\'{"k": "\', REPEAT("v", 70000), \'"}\'));'
               # A value that reads like the stand-in of the first big value.
               'INSERT INTO cli.big VALUES (2, CONCAT(CHAR(1), "0"), REPEAT(%s, 20001), '
               'NULL, NULL, NULL);'
               'UPDATE cli.big SET t = CONCAT(t, "!"), tag = "uno" WHERE id = 1;'
               % (sql_text(cls.UNIT), sql_text(cls.LATIN1, 'latin1'), cls.BYTES.hex(),
                  sql_text(cls.UNIT)))

    def check_insert(self, values):
        self.assertEqual(values['t'], self.UNIT * 20001)
        self.assertEqual(values['l'], self.LATIN1 * 30000)
        self.assertEqual(values['b'], '0x' + (self.BYTES * 1000).hex().upper())
        self.assertEqual(json.loads(values['j']), {'k': 'v' * 70000})

    def test_json(self):
        for args in ([], ['--dedup-window', '60000']):
            messages = json_lines(run_tool('--start', self.start, '-n', '-f', 'json', '--no-ddl',
                                           '--only-tables', 'cli.big', *args).stdout)
            self.assertEqual([m['type'] for m in messages],
                             ['row_insert', 'row_insert', 'row_update'], args)
            self.assertEqual(messages[0]['values']['tag'], 'one')
            self.check_insert(messages[0]['values'])
            self.assertEqual(messages[1]['values'],
                             {'id': 2, 'tag': '\x010', 't': self.UNIT * 20001, 'l': None,
                              'b': None, 'j': None})
            self.assertEqual(messages[2]['before_values'],
                             {'tag': 'one', 't': self.UNIT * 20001})
            self.assertEqual(messages[2]['after_values'],
                             {'tag': 'uno', 't': self.UNIT * 20001 + '!'})

    def test_text(self):
        out = run_tool('--start', self.start, '-n', '--only-tables', 'cli.big').stdout
        rows = [block for block in out.split('\n\n') if '\nInserted cli.big:\n' in block or
                '\nUpdated cli.big:\n' in block]
        self.assertEqual(len(rows), 3)
        lines = rows[0].split('\nInserted cli.big:\n')[1].splitlines()
        values = dict(line.strip().split(': ', 1) for line in lines)
        self.assertEqual(values['tag'], '"one"')
        self.check_insert({name: json.loads(values[name]) for name in ('t', 'l', 'b', 'j')})
        lines = rows[2].split('\nUpdated cli.big:\n')[1].splitlines()
        values = dict(line.strip().split(': ', 1) for line in lines)
        before, after = values['t'].split(' => ')
        self.assertEqual(json.loads(before), self.UNIT * 20001)
        self.assertEqual(json.loads(after), self.UNIT * 20001 + '!')
