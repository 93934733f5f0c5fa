# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The transaction in the JSON lines: gtid, xid, position, ts, txn_row and
# txn_rows on every message of one transaction, --transactions around
# them, DDL messages and --no-ddl, on the standard output and on the
# RabbitMQ sink.

import re
import time
import unittest

from cli import common
from cli.common import run_tool, json_lines


def setUpModule():
    common.set_up()


SEQ_NO = 4242

TRANSACTION = """
SET SESSION gtid_seq_no = %d;
BEGIN;
INSERT INTO cli.txn VALUES (1, 'one'), (2, 'two');
UPDATE cli.txn SET v = 'uno' WHERE id = 1;
DELETE FROM cli.txn WHERE id = 2;
COMMIT;
""" % SEQ_NO

DDL = """
ALTER TABLE cli.txn ADD INDEX iv (v);
CREATE TABLE cli.txn_other (id INT PRIMARY KEY);
RENAME TABLE /* a comment */ `cli`.`txn` TO cli.txn_renamed, cli.txn_renamed TO `txn`;
"""


class TestTransactions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        db = common.DB
        # The ALTER TABLE below comes within the second of the rows: without
        # the names in the table maps the stream could not be sure of them
        # (and says so); with FULL metadata it needs no definition.
        cls.metadata = db.query('SELECT @@GLOBAL.binlog_row_metadata')
        db.sql("SET GLOBAL binlog_row_metadata = 'FULL'")
        db.sql('CREATE TABLE cli.txn (id INT PRIMARY KEY, v VARCHAR(10))')
        cls.server_id = int(db.query('SELECT @@server_id'))
        cls.gtid = '0-%d-%d' % (cls.server_id, SEQ_NO)
        cls.start = db.position()
        cls.file = cls.start.split(':')[0]
        cls.before = int(time.time())
        db.sql(TRANSACTION)
        cls.after = int(time.time())
        db.sql('USE cli;\n' + DDL)
        db.sql("SET GLOBAL binlog_row_metadata = '%s'" % cls.metadata)
        # The transaction's commit, as the server lists it.
        events = [line.split('\t') for line in
                  db.query('SHOW BINLOG EVENTS IN \'%s\' FROM %s'
                           % (cls.file, cls.start.split(':')[1])).splitlines()]
        xids = [e for e in events if e[2] == 'Xid']
        cls.xid = int(re.search(r'xid=(\d+)', xids[0][5]).group(1))
        cls.commit_pos = int(xids[0][1])
        cls.commit_end = int(xids[0][4])

    def run_json(self, *args):
        return json_lines(run_tool('--start', self.start, '--non-blocking', '--format', 'json',
                                   '--only-tables', 'cli.txn', *args).stdout)

    def check_commit_members(self, message, rows=True):
        self.assertEqual(message['gtid'], self.gtid)
        self.assertEqual(message['xid'], self.xid)
        self.assertEqual(message['position'],
                         '%s:%d gtid:%s' % (self.file, self.commit_end, self.gtid))
        self.assertTrue(self.before <= message['ts'] <= self.after + 1)
        if rows:
            self.assertEqual(message['txn_rows'], 4)
        else:
            self.assertNotIn('txn_rows', message)

    def test_rows_carry_the_transaction(self):
        messages = self.run_json('--no-ddl')
        self.assertEqual([m['type'] for m in messages],
                         ['row_insert', 'row_insert', 'row_update', 'row_delete'])
        for i, m in enumerate(messages):
            self.check_commit_members(m)
            self.assertEqual(m['txn_row'], i + 1)
            self.assertEqual(m['table_name'], 'txn')
        self.assertEqual(messages[0]['values'], {'id': 1, 'v': 'one'})
        self.assertEqual(messages[2]['after_values'], {'v': 'uno'})
        self.assertEqual(messages[3]['keys'], {'id': 2})

    def test_transactions_brackets(self):
        messages = self.run_json('--transactions', '--no-ddl')
        self.assertEqual([m['type'] for m in messages],
                         ['begin', 'row_insert', 'row_insert', 'row_update', 'row_delete',
                          'commit'])
        begin, commit = messages[0], messages[-1]
        for m in (begin, commit):
            self.check_commit_members(m)
            self.assertEqual(m['log_file'], self.file)
        self.assertEqual(commit['log_pos'], self.commit_pos)
        self.assertLess(begin['log_pos'], messages[1]['log_pos'])
        self.assertNotIn('txn_row', begin)

    def test_position_resumes_after_the_transaction(self):
        position = self.run_json('--no-ddl')[0]['position']
        messages = json_lines(run_tool('--start', position, '--non-blocking', '--format',
                                       'json', '--only-tables', 'cli.txn').stdout)
        self.assertNotIn('row_insert', [m['type'] for m in messages])
        self.assertEqual([m['type'] for m in messages], ['ddl', 'ddl'])

    def test_ddl(self):
        messages = self.run_json()
        ddl = [m for m in messages if m['type'] == 'ddl']
        # The ALTER TABLE and the RENAME TABLE of cli.txn, not the CREATE
        # TABLE of cli.txn_other (filtered out).
        self.assertEqual([(m['schema'], m['table']) for m in ddl],
                         [('cli', 'txn'), ('cli', 'txn')])
        self.assertEqual(ddl[0]['statement'], 'ALTER TABLE cli.txn ADD INDEX iv (v)')
        self.assertTrue(ddl[1]['statement'].startswith('RENAME TABLE'))
        self.assertEqual(ddl[0]['gtid'], '0-%d-%d' % (self.server_id, SEQ_NO + 1))
        self.assertEqual(ddl[1]['gtid'], '0-%d-%d' % (self.server_id, SEQ_NO + 3))
        for m in ddl:
            self.assertRegex(m['position'], r'^%s:\d+ gtid:%s$'
                             % (re.escape(self.file), re.escape(m['gtid'])))
            self.assertNotIn('xid', m)
            self.assertGreater(m['log_pos'], self.commit_pos)
        self.assertEqual(messages[-2:], ddl)
        # Every table it names, when watched.
        other = json_lines(run_tool('--start', self.start, '--non-blocking', '--format', 'json',
                                    '--only-tables', 'cli.txn_renamed').stdout)
        self.assertEqual([(m['type'], m['table']) for m in other], [('ddl', 'txn_renamed')])

    def test_no_ddl(self):
        self.assertNotIn('ddl', [m['type'] for m in self.run_json('--no-ddl')])

    def test_amqp(self):
        if common.BROKER is None:
            self.skipTest('no RabbitMQ broker: %s' % common.BROKER_PROBLEM)
        common.BROKER.bind_queue('cli-txn', 'cli-txn-q')
        run_tool('--start', self.start, '--non-blocking', '--only-tables', 'cli.txn',
                 '--transactions', '--amqp', common.BROKER.url, '--exchange', 'cli-txn')
        messages = common.BROKER.drain('cli-txn-q')
        self.assertEqual([key for key, _, _ in messages],
                         ['transaction.begin', 'cli.txn.row_insert', 'cli.txn.row_insert',
                          'cli.txn.row_update', 'cli.txn.row_delete', 'transaction.commit',
                          'cli.txn.ddl', 'cli.txn.ddl'])
        for key, _, body in messages[:6]:
            self.check_commit_members(body)
        self.assertEqual([body.get('txn_row') for _, _, body in messages[1:5]], [1, 2, 3, 4])
        self.assertEqual(messages[6][2]['statement'], 'ALTER TABLE cli.txn ADD INDEX iv (v)')
