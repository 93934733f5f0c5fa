# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# TLS: certificates, verification, and a fake server that strips TLS.

import os
import select
import shutil
import socket
import struct
import subprocess
import tempfile
import threading
import unittest

from cli import common
from cli.common import TOOL, MariaDB, json_lines


def setUpModule():
    common.set_up()


def make_certificates(directory):
    """A CA, a server certificate for 127.0.0.1 and a foreign CA."""
    def openssl(*args):
        subprocess.run(['openssl'] + list(args), cwd=directory, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
    for ca in ('ca', 'other-ca'):
        openssl('req', '-x509', *ec, '-days', '2', '-subj', '/CN=' + ca,
                '-keyout', ca + '-key.pem', '-out', ca + '.pem')
    with open(os.path.join(directory, 'server.ext'), 'w') as ext:
        ext.write('subjectAltName=IP:127.0.0.1\n')
    openssl('req', *ec, '-subj', '/CN=127.0.0.1', '-keyout', 'server-key.pem',
            '-out', 'server.csr')
    openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem',
            '-CAcreateserial', '-days', '2', '-extfile', 'server.ext', '-out', 'server.pem')


class TestTls(unittest.TestCase):
    """--ssl-* against a server with a certificate, as an account that
    refuses unencrypted connections: the stream's and the tool's own
    (--from-beginning)."""

    @classmethod
    def setUpClass(cls):
        cls.db = None
        cls.certs = tempfile.mkdtemp(prefix='mysqlbinlog-cli-tls-')
        if shutil.which('openssl') is None:
            return
        make_certificates(cls.certs)
        cls.db = MariaDB(*['--ssl-%s=%s' % (option, os.path.join(cls.certs, name))
                           for option, name in (('ca', 'ca.pem'), ('cert', 'server.pem'),
                                                ('key', 'server-key.pem'))])
        cls.db.sql("CREATE DATABASE tls;"
                   "CREATE TABLE tls.t (id INT PRIMARY KEY, v VARCHAR(10));"
                   "CREATE USER secure@'%' IDENTIFIED BY 'pw' REQUIRE SSL;"
                   "GRANT ALL ON *.* TO secure@'%'")
        cls.start = cls.db.position()
        cls.db.sql("INSERT INTO tls.t VALUES (7, 'seven')")

    @classmethod
    def tearDownClass(cls):
        if cls.db is not None:
            cls.db.stop()
        shutil.rmtree(cls.certs, ignore_errors=True)

    def setUp(self):
        if self.db is None:
            self.skipTest('openssl is not installed: it makes the test certificates')

    def run_tls(self, *args):
        return subprocess.run([TOOL, '-h', '127.0.0.1', '-P', str(self.db.port), '-u', 'secure',
                               '--password', 'pw', '--start', self.start, '--non-blocking',
                               '-f', 'json', '--no-ddl', '--only-tables', 'tls.t'] + list(args),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60)

    def test_verify_identity(self):
        proc = self.run_tls('--ssl-mode', 'VERIFY_IDENTITY',
                            '--ssl-ca', os.path.join(self.certs, 'ca.pem'))
        self.assertEqual(proc.returncode, 0, proc.stderr)
        messages = json_lines(proc.stdout)
        self.assertEqual(len(messages), 1)
        self.assertEqual(messages[0]['type'], 'row_insert')
        self.assertEqual(messages[0]['keys'], {'id': 7})
        self.assertEqual(messages[0]['values'], {'id': 7, 'v': 'seven'})

    def test_from_beginning(self):
        # The tool's own connection lists the binary logs, with the same
        # TLS settings and guard as the stream's; then the stream reads.
        for args in ((), ('--ssl-mode', 'VERIFY_IDENTITY',
                          '--ssl-ca', os.path.join(self.certs, 'ca.pem'))):
            proc = subprocess.run([TOOL, '-h', '127.0.0.1', '-P', str(self.db.port), '-u', 'secure',
                                   '--password', 'pw', '--from-beginning', '--non-blocking',
                                   '-f', 'json', '--no-ddl', '--only-tables', 'tls.t'] + list(args),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  timeout=60)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            self.assertEqual([(m['type'], m['values']) for m in json_lines(proc.stdout)],
                             [('row_insert', {'id': 7, 'v': 'seven'})])
        proc = subprocess.run([TOOL, '-h', '127.0.0.1', '-P', str(self.db.port), '-u', 'secure',
                               '--password', 'pw', '--from-beginning', '--non-blocking',
                               '--ssl-mode', 'VERIFY_CA',
                               '--ssl-ca', os.path.join(self.certs, 'other-ca.pem')],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=60)
        self.assertEqual(proc.returncode, 1)
        self.assertIn('--from-beginning: TLS (mode VERIFY_CA) failed', proc.stderr)
        self.assertEqual(proc.stdout, '')

    def test_wrong_ca(self):
        proc = self.run_tls('--ssl-mode', 'verify_ca',
                            '--ssl-ca', os.path.join(self.certs, 'other-ca.pem'))
        self.assertEqual(proc.returncode, 1)
        self.assertIn('TLS (mode VERIFY_CA) failed', proc.stderr)
        self.assertEqual(proc.stdout, '')

    def test_disabled(self):
        proc = self.run_tls('--ssl-mode', 'DISABLED')
        self.assertEqual(proc.returncode, 1)
        self.assertIn('REQUIRE SSL', proc.stderr)

    def test_option_files(self):
        # ssl-verify-server-cert in an option file checks the certificate
        # as --ssl-mode VERIFY_IDENTITY does; the file's CA counts.
        for ca, status in (('ca.pem', 0), ('other-ca.pem', 1)):
            path = os.path.join(self.certs, 'client.cnf')
            with open(path, 'w') as f:
                f.write('[client]\nhost = 127.0.0.1\nport = %s\nuser = secure\npassword = pw\n'
                        'ssl-ca = %s\nssl-verify-server-cert = 1\n'
                        % (self.db.port, os.path.join(self.certs, ca)))
            proc = subprocess.run([TOOL, '--defaults-file', path, '--start', self.start,
                                   '--non-blocking', '-f', 'json', '--no-ddl', '--only-tables', 'tls.t'],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  timeout=60)
            self.assertEqual(proc.returncode, status, proc.stderr)
            if status == 0:
                self.assertEqual([m['keys'] for m in json_lines(proc.stdout)], [{'id': 7}])
            else:
                self.assertIn('TLS (mode VERIFY_IDENTITY) failed', proc.stderr)
        with open(path, 'w') as f:
            f.write('[client]\nssl-verify-server-cert = 1\n')
        proc = subprocess.run([TOOL, '--defaults-file', path, '-n'], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, timeout=60)
        self.assertEqual(proc.returncode, 2, proc.stderr)
        self.assertIn("the option files ask to check the server's certificate", proc.stderr)

    def test_usage(self):
        for args, message in (
                (['--ssl-mode', 'ALWAYS'], 'unknown --ssl-mode “ALWAYS”'),
                (['--ssl-mode', 'VERIFY_CA'], 'needs --ssl-ca or --ssl-capath'),
                (['--ssl-cert', 'client.pem'], '--ssl-cert and --ssl-key go together')):
            proc = subprocess.run([TOOL] + args, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, timeout=60)
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn(message, proc.stderr)


class FakeServer:
    """Speaks just enough of the MySQL client/server protocol to ask for
    the password in clear text, offering no TLS in its greeting (as a
    server without a certificate, or something on the way that strips
    TLS, does); records every byte it receives.

    mode 'greeting': the greeting asks for mysql_clear_password;
    mode 'switch': a mysql_native_password greeting, then a switch to
    mysql_clear_password."""

    CAPABILITIES = (0x00000004 | 0x00000008 | 0x00000200 | 0x00002000 | 0x00008000 |
                    0x00010000 | 0x00020000 | 0x00080000 | 0x00200000)  # no CLIENT_SSL
    SCRAMBLE = b'abcdefghijklmnopqrst'

    def __init__(self, mode):
        self.mode = mode
        self.received = bytearray()
        self.connections = 0
        self.lock = threading.Lock()
        self.stopping = False
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(('127.0.0.1', 0))
        self.listener.listen(8)
        self.port = self.listener.getsockname()[1]
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def stop(self):
        self.stopping = True
        self.thread.join()
        self.listener.close()

    def serve(self):
        while not self.stopping:
            if not select.select([self.listener], [], [], 0.05)[0]:
                continue
            conn, _ = self.listener.accept()
            with self.lock:
                self.connections += 1
            try:
                self.serve_connection(conn)
            except OSError:
                pass
            finally:
                conn.close()

    def read(self, conn, length):
        data = b''
        while len(data) < length and not self.stopping:
            if not select.select([conn], [], [], 0.05)[0]:
                continue
            chunk = conn.recv(length - len(data))
            if not chunk:
                return None
            with self.lock:
                self.received += chunk
            data += chunk
        return data if len(data) == length else None

    def read_packet(self, conn):
        header = self.read(conn, 4)
        if header is None:
            return None, 0
        length = header[0] | header[1] << 8 | header[2] << 16
        return self.read(conn, length), header[3]

    @staticmethod
    def send_packet(conn, seq, payload):
        conn.sendall(struct.pack('<I', len(payload))[:3] + bytes([seq]) + payload)

    def greeting(self, plugin):
        caps = self.CAPABILITIES
        return (b'\x0a' + b'5.5.5-10.11.99-MariaDB-fake\0' + struct.pack('<I', 42) +
                self.SCRAMBLE[:8] + b'\0' + struct.pack('<H', caps & 0xffff) + b'\x2d' +
                struct.pack('<H', 2) + struct.pack('<H', caps >> 16) + b'\x15' +
                b'\0' * 10 + self.SCRAMBLE[8:] + b'\0' + plugin + b'\0')

    def serve_connection(self, conn):
        plugin = b'mysql_clear_password' if self.mode == 'greeting' else b'mysql_native_password'
        self.send_packet(conn, 0, self.greeting(plugin))
        response, seq = self.read_packet(conn)
        if response is not None and self.mode == 'switch':
            self.send_packet(conn, seq + 1, b'\xfe' + b'mysql_clear_password\0' + self.SCRAMBLE + b'\0')
            response, seq = self.read_packet(conn)
        if response is not None:
            self.send_packet(conn, seq + 1, b'\xff' + struct.pack('<H', 1045) + b'#28000' +
                             b'Access denied (fake server)')
        while self.read(conn, 1) is not None:
            pass


class TestTlsGuard(unittest.TestCase):
    """With --ssl-mode REQUIRED or stronger, no credential leaves the tool
    before TLS, on its own connection (--from-beginning lists the binary
    logs through it) as on the stream's."""

    USER = 'guarded-user-name'
    SECRET = 'guarded-Secret-pw'

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix='mysqlbinlog-cli-guard-')
        # Never read: TLS never starts.
        self.ca = os.path.join(self.dir, 'ca.pem')
        with open(self.ca, 'w') as f:
            f.write('not a certificate\n')

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def check(self, fake_mode, ssl_mode, start):
        server = FakeServer(fake_mode)
        try:
            args = [TOOL, '-h', '127.0.0.1', '-P', str(server.port), '-u', self.USER,
                    '--password', self.SECRET, '--ssl-mode', ssl_mode, '--non-blocking']
            if ssl_mode != 'REQUIRED':
                args += ['--ssl-ca', self.ca]
            proc = subprocess.run(args + start, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, timeout=60)
        finally:
            server.stop()
        what = '%s, --ssl-mode %s, %s' % (fake_mode, ssl_mode, ' '.join(start))
        self.assertGreater(server.connections, 0, what)
        self.assertNotIn(self.SECRET.encode(), bytes(server.received), what)
        self.assertNotIn(self.USER.encode(), bytes(server.received), what)
        self.assertEqual(bytes(server.received), b'', what)
        self.assertEqual(proc.returncode, 1, '%s: %s' % (what, proc.stderr))
        self.assertEqual(proc.stdout, '', what)
        self.assertIn('offers no TLS, and TLS mode %s requires it: refused before sending '
                      'the user name or the password' % ssl_mode, proc.stderr, what)
        return proc.stderr

    def test_from_beginning(self):
        for fake_mode in ('greeting', 'switch'):
            for ssl_mode in ('REQUIRED', 'VERIFY_CA', 'VERIFY_IDENTITY'):
                err = self.check(fake_mode, ssl_mode, ['--from-beginning'])
                self.assertIn('--from-beginning: ', err)

    def test_stream(self):
        for ssl_mode in ('REQUIRED', 'VERIFY_CA', 'VERIFY_IDENTITY'):
            self.check('greeting', ssl_mode, ['--start', 'mariadb-bin.000001:4'])

    def test_preferred_keeps_the_password(self):
        # Without TLS, nothing that sends the password as it is, on the
        # tool's connection as on the stream's.
        for start in (['--from-beginning'], ['--start', 'mariadb-bin.000001:4']):
            server = FakeServer('switch')
            try:
                proc = subprocess.run([TOOL, '-h', '127.0.0.1', '-P', str(server.port),
                                       '-u', self.USER, '--password', self.SECRET,
                                       '--non-blocking'] + start,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                      text=True, timeout=60)
            finally:
                server.stop()
            self.assertNotIn(self.SECRET.encode(), bytes(server.received), start)
            self.assertEqual(proc.returncode, 1, proc.stderr)
            self.assertIn('the connection is not encrypted (TLS mode PREFERRED); refused '
                          'before sending the password', proc.stderr)
