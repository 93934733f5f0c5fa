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
 * A silent server (at the greeting, after the login, during the dump, with
 * and without heartbeats) times out, and the connect-timeout property.
 */

static void
assert_times_out (FakeMode mode)
{
  FakeServer *server = fake_server_start (mode);
  g_autoptr(MysqlBinlogStream) stream = new_stream (server, MYSQL_BINLOG_TLS_MODE_PREFERRED);
  g_autoptr(GError) error = NULL;
  double seconds;
  gboolean stopped;
  gboolean ok;

  mysql_binlog_stream_set_connect_timeout (stream, 2);
  g_assert_cmpuint (mysql_binlog_stream_get_connect_timeout (stream), ==, 2);
  ok = run_with_limit (stream, 20, &seconds, &stopped, &error);
  g_assert_false (stopped);
  g_assert_false (ok);
  g_test_message ("error: %s", error->message);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_nonnull (strstr (error->message, "2 s"));
  g_assert_cmpfloat (seconds, >=, 1.5);
  g_assert_cmpfloat (seconds, <, 6);
  fake_server_stop (server);
}

static void
test_silent_greeting (void)
{
  assert_times_out (FAKE_SILENT_GREETING);
}

static void
test_silent_after_login (void)
{
  /* Not the heartbeat's 61 s: the answers before the dump are part of
   * connecting. */
  assert_times_out (FAKE_SILENT_AFTER_LOGIN);
}

static void
test_silent_dump_heartbeat (void)
{
  FakeServer *server = fake_server_start (FAKE_SILENT_DUMP);
  g_autoptr(MysqlBinlogStream) stream = new_stream (server, MYSQL_BINLOG_TLS_MODE_PREFERRED);
  g_autoptr(GError) error = NULL;
  double seconds;
  gboolean stopped;
  gboolean ok;

  /* A heartbeat every second: three seconds of silence on an
   * established dump is a lost connection, connected to once more.  The
   * short connect timeout is for the handshake, not for the dump. */
  g_object_set (stream, "heartbeat-period", 1000, "connect-timeout", 1,
                "reconnect-attempts", 1, "reconnect-delay", 50, NULL);
  ok = run_with_limit (stream, 30, &seconds, &stopped, &error);
  g_assert_false (stopped);
  g_assert_false (ok);
  g_test_message ("error: %s", error->message);
  g_assert_true (g_error_matches (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CONNECTION_LOST) ||
                 g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT));
  g_mutex_lock (&server->lock);
  g_assert_cmpuint (server->n_dumps, ==, 2);
  g_mutex_unlock (&server->lock);
  g_assert_cmpfloat (seconds, >=, 5);
  g_assert_cmpfloat (seconds, <, 15);
  fake_server_stop (server);
}

static void
test_silent_dump_no_heartbeat (void)
{
  FakeServer *server = fake_server_start (FAKE_SILENT_DUMP);
  g_autoptr(MysqlBinlogStream) stream = new_stream (server, MYSQL_BINLOG_TLS_MODE_PREFERRED);
  g_autoptr(GError) error = NULL;
  double seconds;
  gboolean stopped;
  gboolean ok;

  /* Without heartbeats an idle dump is silent for as long as the server
   * has nothing to send: the connect timeout does not end it. */
  g_object_set (stream, "heartbeat-period", 0, "connect-timeout", 1, NULL);
  ok = run_with_limit (stream, 4, &seconds, &stopped, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (stopped);
  g_mutex_lock (&server->lock);
  g_assert_cmpuint (server->n_dumps, ==, 1);
  g_mutex_unlock (&server->lock);
  fake_server_stop (server);
}

/* stop() in the middle of an event the server sends in parts: the read
 * blocked in the packet's body returns at once. */
static void
test_stop_in_partial_event (void)
{
  FakeServer *server = fake_server_start (FAKE_PARTIAL_EVENT);
  g_autoptr(MysqlBinlogStream) stream = new_stream (server, MYSQL_BINLOG_TLS_MODE_PREFERRED);
  g_autoptr(GError) error = NULL;
  double seconds;
  gboolean stopped;
  gboolean ok;

  g_object_set (stream, "heartbeat-period", 0, "connect-timeout", 30, NULL);
  ok = run_with_limit (stream, 1, &seconds, &stopped, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (stopped);
  g_test_message ("stop() at 1 s in a partial event: the run returned after %.3f s", seconds);
  g_assert_cmpfloat (seconds, <, 2.0);
  g_mutex_lock (&server->lock);
  g_assert_cmpuint (server->n_dumps, ==, 1);
  g_mutex_unlock (&server->lock);
  fake_server_stop (server);
}

static void
test_connect_timeout_property (void)
{
  g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new ();
  guint value = 0;

  g_assert_cmpuint (mysql_binlog_stream_get_connect_timeout (stream), ==, 10);
  g_object_set (stream, "connect-timeout", 0, NULL);
  g_object_get (stream, "connect-timeout", &value, NULL);
  g_assert_cmpuint (value, ==, 0);
  g_assert_cmpuint (mysql_binlog_stream_get_connect_timeout (stream), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fake-server/timeout/property", test_connect_timeout_property);
  g_test_add_func ("/fake-server/timeout/silent-greeting", test_silent_greeting);
  g_test_add_func ("/fake-server/timeout/silent-after-login", test_silent_after_login);
  g_test_add_func ("/fake-server/timeout/silent-dump-heartbeat", test_silent_dump_heartbeat);
  g_test_add_func ("/fake-server/timeout/silent-dump-no-heartbeat", test_silent_dump_no_heartbeat);
  g_test_add_func ("/fake-server/timeout/stop-in-partial-event", test_stop_in_partial_event);

  return g_test_run ();
}
