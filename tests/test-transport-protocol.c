/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <poll.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <mysqlbinlog-glib.h>

#include "test-fake-server.h"

/*
 * A server that breaks the protocol (garbage, a greeting cut short, a
 * malformed answer) ends the run with an error and is not connected to
 * again.
 */

/* A server that breaks the protocol is not connected to again, even by a
 * stream that reconnects forever. */
static void
on_reconnecting (MysqlBinlogStream *stream,
                 guint              attempt,
                 guint              delay,
                 const GError      *error,
                 gpointer           user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
assert_protocol_violation (FakeMode    mode,
                           const char *message_part)
{
  FakeServer *server = fake_server_start (mode);
  g_autoptr(MysqlBinlogStream) stream = new_stream (server, MYSQL_BINLOG_TLS_MODE_PREFERRED);
  g_autoptr(GError) error = NULL;
  guint reconnections = 0;
  double seconds;
  gboolean stopped;
  gboolean ok;

  g_object_set (stream, "reconnect-attempts", -1, "reconnect-delay", 50,
                "reconnect-max-delay", 200, NULL);
  g_signal_connect (stream, "reconnecting", G_CALLBACK (on_reconnecting), &reconnections);
  ok = run_with_limit (stream, 10, &seconds, &stopped, &error);
  g_assert_false (stopped);
  g_assert_false (ok);
  g_test_message ("error: %s", error->message);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "protocol"));
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_cmpuint (reconnections, ==, 0);
  g_assert_cmpfloat (seconds, <, 5);
  fake_server_stop (server);
}

static void
test_garbage_greeting (void)
{
  /* What the server sent is quoted, escaped. */
  assert_protocol_violation (FAKE_GARBAGE_GREETING, "“HTTP/1.1 400 Bad Request\\x0d\\x0a");
}

static void
test_truncated_greeting (void)
{
  assert_protocol_violation (FAKE_TRUNCATED_GREETING, "greeting");
}

static void
test_garbage_after_login (void)
{
  assert_protocol_violation (FAKE_GARBAGE_AFTER_LOGIN, "malformed");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fake-server/protocol/garbage-greeting", test_garbage_greeting);
  g_test_add_func ("/fake-server/protocol/truncated-greeting", test_truncated_greeting);
  g_test_add_func ("/fake-server/protocol/garbage-after-login", test_garbage_after_login);

  return g_test_run ();
}
