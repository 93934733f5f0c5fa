#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The stream as a GObject, from Python: what its properties notify.
# Needs no server.  Exits 77 (skipped) without gi or the typelib.

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_stream  # noqa: E402  (exits 77 when gi or the typelib is missing)
from test_stream import MysqlBinlog  # noqa: E402

from gi.repository import GObject  # noqa: E402

SECRET = 'pass-w0rd-secret'


class PropertiesTest(unittest.TestCase):
    def test_password_not_notified(self):
        stream = MysqlBinlog.Stream()
        password_notified = []
        notified = []

        def on_notify(stream, pspec):
            value = (stream.get_property(pspec.name)
                     if pspec.flags & GObject.ParamFlags.READABLE else None)
            notified.append((pspec.name, value))

        stream.connect('notify::password', lambda *args: password_notified.append(args))
        stream.connect('notify', on_notify)

        stream.props.password = SECRET
        stream.set_property('password', SECRET + '2')
        stream.set_password(SECRET + '3')
        stream.set_password(None)
        stream.set_properties(user='replica', password=SECRET)
        with stream.freeze_notify():
            stream.props.password = ''
            stream.props.host = 'db.example'

        self.assertEqual(password_notified, [])
        # The other properties still notify, without the secret.
        self.assertEqual(notified, [('user', 'replica'), ('host', 'db.example')])


if __name__ == '__main__':
    unittest.main(verbosity=2)
