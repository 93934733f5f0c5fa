#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Tests of the mysqlbinlog-glib program against a throwaway MariaDB server
# and, for --amqp, a throwaway RabbitMQ broker (tests/rabbitmq-server.sh),
# each started once for the whole program.  The tests are in parts under
# tests/cli/, by what of the program they test:
#
#   cli/test_output.py       the JSON lines of rows, dedup, big values
#   cli/test_errors.py       errors, the position file, a silent server, signals
#   cli/test_tls.py          TLS options and the guard against stripped TLS
#   cli/test_credentials.py  where the password comes from
#   cli/test_amqp.py         --amqp
#   cli/test_snapshot.py     --snapshot and --snapshot-table
#
# and share cli/common.py.  This program runs them all, in one process, as
# one unittest program: `test-cli.py TestTls` or `test-cli.py -k dedup`
# runs some.
#
# MYSQLBINLOG_GLIB names the program (meson test sets it).  Without a
# RabbitMQ broker or python3-pika the --amqp tests are skipped, saying why.

import os
import sys
import types
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from cli import common  # noqa: E402  (exits 77 without the program)
from cli import (test_amqp, test_credentials, test_errors, test_output,  # noqa: E402
                 test_snapshot, test_tls, test_transactions)

PARTS = (test_output, test_errors, test_tls, test_credentials, test_amqp, test_snapshot,
         test_transactions)


def all_tests():
    """The test cases of every part, as one module would hold them."""
    module = types.ModuleType('test_cli')
    for part in PARTS:
        for name in dir(part):
            value = getattr(part, name)
            if isinstance(value, type) and issubclass(value, unittest.TestCase) \
               and value.__module__ == part.__name__:
                setattr(module, name, value)
    return module


if __name__ == '__main__':
    try:
        program = unittest.main(module=all_tests(), verbosity=2, exit=False)
    finally:
        common.tear_down()
    sys.exit(not program.result.wasSuccessful())
