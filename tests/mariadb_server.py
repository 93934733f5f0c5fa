# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The throwaway MariaDB server of the Python tests (test-cli.py,
# test-big-row.py, python/*.py), started and stopped by
# tests/mariadb-server.sh like the C tests' test-server.c: the server
# belongs to this process, and a watchdog stops it if the process dies.

import os
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.environ.get('MYSQL_BINLOG_TEST_SERVER_SCRIPT',
                        os.path.join(HERE, 'mariadb-server.sh'))


def parse_env(text):
    """The NAME=value lines of a script's output, as a dict."""
    return dict(line.split('=', 1) for line in text.splitlines() if '=' in line)


class MariaDB:
    """A throwaway MariaDB server; @options go to mariadbd, @client_args to
    every mariadb client call of sql() and query()."""

    def __init__(self, *options, prefix='mysqlbinlog-test-', client_args=()):
        # The script removes the directory when the server stops (or when
        # this process dies and its watchdog stops the server).
        self.dir = tempfile.mkdtemp(prefix=prefix)
        out = subprocess.run(['/bin/bash', SCRIPT, 'start', self.dir,
                              '--owner', str(os.getpid())] + list(options),
                             check=True, stdout=subprocess.PIPE, text=True).stdout
        env = parse_env(out)
        self.socket = env['SOCKET']
        self.port = int(env['PORT'])
        self.pid = int(env['PID'])
        self.client = shutil.which('mariadb') or shutil.which('mysql')
        self.client_args = list(client_args)

    def _client(self, *args):
        return ([self.client, '--no-defaults'] + self.client_args +
                ['-S', self.socket, '-u', 'root'] + list(args))

    def sql(self, statements):
        """Runs @statements; the rows of the last result, as lists of strings."""
        out = subprocess.run(self._client('--batch', '--skip-column-names', '-e', statements),
                             check=True, stdout=subprocess.PIPE, text=True).stdout
        return [line.split('\t') for line in out.splitlines()]

    def query(self, statement):
        """The output of @statement, one line a row, tab-separated, stripped."""
        return subprocess.run(self._client('-N', '-B', '-e', statement), check=True,
                              stdout=subprocess.PIPE, text=True).stdout.strip()

    def master_status(self):
        """The file and offset of SHOW MASTER STATUS."""
        row = self.query('SHOW MASTER STATUS').split('\t')
        return row[0], int(row[1])

    def stop(self):
        subprocess.run(['/bin/bash', SCRIPT, 'stop', self.dir], check=False)
