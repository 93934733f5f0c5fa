# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Credentials: passwords from options, files, the environment and prompts.

import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import unittest

from cli import common
from cli.common import TOOL, json_lines


def setUpModule():
    common.set_up()


PASSWORD = 'S3cret-pw'


class TestCredentials(unittest.TestCase):
    """The password stays out of ps, comes from option files read by the
    client library or from a prompt, and -p takes no separate word."""

    @classmethod
    def setUpClass(cls):
        cls.home = tempfile.mkdtemp(prefix='mysqlbinlog-cli-home-')
        common.DB.sql("CREATE USER cli_pw@localhost IDENTIFIED BY '%s';"
               "GRANT ALL ON *.* TO cli_pw@localhost;"
               "CREATE TABLE cli.cred (id INT PRIMARY KEY)" % PASSWORD)
        cls.start = common.DB.position()
        common.DB.sql('INSERT INTO cli.cred VALUES (5)')

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.home, ignore_errors=True)

    def env(self, **extra):
        # A home without option files, no $MYSQL_PWD: only what the test
        # gives counts.
        env = dict(os.environ, HOME=self.home)
        env.pop('MYSQL_PWD', None)
        env.update(extra)
        return env

    def args(self, *connection, blocking=False):
        return ([TOOL] + list(connection) +
                ['--start', self.start, '-f', 'json', '--only-tables', 'cli.cred'] +
                ([] if blocking else ['-n']))

    def run_cred(self, *connection, env=None, stdin=subprocess.DEVNULL):
        return subprocess.run(self.args(*connection), stdin=stdin, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=60,
                              env=env or self.env())

    def assert_row(self, proc):
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual([(m['type'], m['keys']) for m in json_lines(proc.stdout)],
                         [('row_insert', {'id': 5})])

    def write_file(self, name, text):
        path = os.path.join(self.home, name)
        with open(path, 'w') as f:
            f.write(text)
        return path

    def test_password_not_in_cmdline(self):
        for form in (['--password=' + PASSWORD], ['--password', PASSWORD],
                     ['-p' + PASSWORD]):
            with self.subTest(form=form):
                proc = subprocess.Popen(self.args('-S', common.DB.socket, '-u', 'cli_pw', *form,
                                                  blocking=True),
                                        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, env=self.env())
                watchdog = threading.Timer(60, proc.kill)
                watchdog.start()
                try:
                    # The row came: the tool connected, with the password.
                    line = proc.stdout.readline()
                    with open('/proc/%d/cmdline' % proc.pid, 'rb') as f:
                        cmdline = f.read()
                finally:
                    proc.send_signal(signal.SIGTERM)
                    out, err = proc.communicate(timeout=60)
                    watchdog.cancel()
                self.assertEqual(proc.returncode, 0, err)
                self.assertEqual(json.loads(line)['keys'], {'id': 5}, err)
                self.assertIn(b'cli_pw', cmdline)
                self.assertIn(b'--only-tables\0cli.cred', cmdline)
                self.assertNotIn(PASSWORD.encode(), cmdline)
                self.assertNotIn(PASSWORD[1:].encode(), cmdline)

    def prompt(self, *args):
        """Runs the tool with a terminal as stdin, answers the password
        prompt; returns the process, its stdout and stderr, and what the
        terminal showed."""
        master, slave = os.openpty()
        proc = subprocess.Popen(self.args(*args), stdin=slave, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=self.env())
        os.close(slave)
        err = b''
        deadline = time.time() + 60
        while b'Enter password: ' not in err and time.time() < deadline:
            ready, _, _ = select.select([proc.stderr], [], [], 1)
            if ready:
                chunk = os.read(proc.stderr.fileno(), 4096)
                if not chunk:
                    break
                err += chunk
        if b'Enter password: ' in err:
            os.write(master, (PASSWORD + '\n').encode())
        out, rest = proc.communicate(timeout=60)
        terminal = b''
        while select.select([master], [], [], 0.2)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            terminal += chunk
        os.close(master)
        return proc, out.decode(), (err + rest).decode(), terminal

    def test_prompt(self):
        proc, out, err, terminal = self.prompt('-S', common.DB.socket, '-u', 'cli_pw', '-p')
        self.assertIn('Enter password: ', err)
        self.assertEqual(proc.returncode, 0, err)
        self.assertEqual([m['keys'] for m in json_lines(out)], [{'id': 5}])
        # Not echoed.
        self.assertNotIn(PASSWORD.encode(), terminal)

    def test_p_takes_no_separate_word(self):
        # -p then an option: the option is one (-n: the run stops at the
        # end), the password is asked for.
        proc, out, err, _ = self.prompt('-S', common.DB.socket, '-u', 'cli_pw', '-p', '-n')
        self.assertEqual(proc.returncode, 0, err)
        self.assertEqual([m['keys'] for m in json_lines(out)], [{'id': 5}])
        # -p then a word: the word is no password but an argument, which
        # the tool has none of.
        proc = self.run_cred('-S', common.DB.socket, '-u', 'cli_pw', '-p', PASSWORD)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn('unexpected argument “%s”' % PASSWORD, proc.stderr)
        self.assertEqual(proc.stdout, '')
        # -u's value that looks like -p is the user.
        proc = self.run_cred('-S', common.DB.socket, '-u', '-pete', '--password=' + PASSWORD)
        self.assertEqual(proc.returncode, 1)
        self.assertIn('as “-pete”', proc.stderr)

    def test_p_without_terminal(self):
        proc = self.run_cred('-S', common.DB.socket, '-u', 'cli_pw', '-p')
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn('-p without a value asks for the password on the terminal, and stdin '
                      'is not one', proc.stderr)
        self.assertEqual(proc.stdout, '')

    def test_defaults_file(self):
        # [client] and the tool's own group, through an !include.
        secret = self.write_file('secret.cnf', '[mysqlbinlog-glib]\npassword = "%s"\n'
                                 % PASSWORD)
        path = self.write_file('defaults.cnf',
                               '[client]\nsocket = %s\nuser = cli_pw\n'
                               '[mysql]\npassword = wrong\n'
                               '!include %s\n' % (common.DB.socket, secret))
        self.assert_row(self.run_cred('--defaults-file=' + path))
        self.assert_row(self.run_cred('--defaults-file', path))
        # The files win over $MYSQL_PWD.
        self.assert_row(self.run_cred('--defaults-file', path, env=self.env(MYSQL_PWD='wrong')))

        # The command line wins over the files.
        path = self.write_file('wrong.cnf', '[client]\nsocket = %s\nuser = nobody\n'
                               'password = wrong\n' % common.DB.socket)
        proc = self.run_cred('--defaults-file', path)
        self.assertEqual(proc.returncode, 1)
        self.assertIn('as “nobody”', proc.stderr)
        self.assert_row(self.run_cred('--defaults-file', path, '-u', 'cli_pw',
                                      '--password=' + PASSWORD))
        # A socket from the files is not for a host named on the command line.
        proc = self.run_cred('--defaults-file', path, '-h', '127.0.0.1', '-P', '1',
                             '-u', 'cli_pw')
        self.assertEqual(proc.returncode, 1)
        self.assertIn('127.0.0.1:1', proc.stderr)

    def test_standard_files(self):
        home = tempfile.mkdtemp(prefix='mysqlbinlog-cli-home-')
        try:
            with open(os.path.join(home, '.my.cnf'), 'w') as f:
                f.write('[client]\nsocket = %s\nuser = cli_pw\npassword = %s\n'
                        % (common.DB.socket, PASSWORD))
            self.assert_row(self.run_cred(env=self.env(HOME=home)))
            # --no-defaults: root on the default socket, which is not this
            # server's.
            proc = self.run_cred('--no-defaults', env=self.env(HOME=home))
            self.assertEqual(proc.returncode, 1, proc.stderr)
            self.assertNotIn(common.DB.socket, proc.stderr)
        finally:
            shutil.rmtree(home, ignore_errors=True)

    def test_defaults_errors(self):
        proc = self.run_cred('--defaults-file', '/nonexistent/my.cnf')
        self.assertEqual(proc.returncode, 2)
        self.assertIn('Cannot read --defaults-file /nonexistent/my.cnf', proc.stderr)
        proc = self.run_cred('--defaults-file', '/dev/null', '--no-defaults')
        self.assertEqual(proc.returncode, 2)
        self.assertIn('choose one of --no-defaults and --defaults-file', proc.stderr)
        # Where the client library would silently stop reading a file.
        for text, line, message in (
                ('[client]\nsocket = %s\n[mysqlbinlog-glib\npassword = %s\n', 3,
                 "a [group] without its ']'"),
                ('socket = %s\n[client]\npassword = %s\n', 1,
                 'an option before the first [group]')):
            inner = self.write_file('inner.cnf', text % (common.DB.socket, PASSWORD))
            path = self.write_file('outer.cnf', '[client]\nuser = cli_pw\n!include %s\n'
                                   % inner)
            proc = self.run_cred('--defaults-file', path)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn('%s:%d: %s: the client library would read no further'
                          % (inner, line, message), proc.stderr)
            self.assertEqual(proc.stdout, '')
        # A certificate check the tool cannot make: an error, not a weaker
        # connection.
        path = self.write_file('crl.cnf', '[client]\nssl-crl = /etc/crl.pem\n')
        proc = self.run_cred('-S', common.DB.socket, '--defaults-file', path)
        self.assertEqual(proc.returncode, 2)
        self.assertIn('The option files set ssl-crl', proc.stderr)
        self.assertEqual(proc.stdout, '')

    def test_debug_messages_on_stderr(self):
        state = tempfile.mkdtemp(prefix='mysqlbinlog-cli-state-')
        try:
            proc = self.run_cred('-S', common.DB.socket, '-u', 'root', '--position-file',
                                 os.path.join(state, 'position'),
                                 env=self.env(G_MESSAGES_DEBUG='all'))
        finally:
            shutil.rmtree(state, ignore_errors=True)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        for line in proc.stdout.splitlines():
            self.assertIsInstance(json.loads(line), dict, line)
        # GIO's, for the position file.
        self.assertIn('GLib-GIO-DEBUG', proc.stderr)
        self.assertEqual([m['keys'] for m in json_lines(proc.stdout)], [{'id': 5}])
