/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "test-stream-common.h"

/*
 * The errors of a run: authentication, privileges, connection, a server
 * that can't serve a replica, a wrong position.
 */

/* {{{ Errors */

/* The threads of this process that connect for a stream (named so by
 * the library on Linux). */
static guint
count_connecting_threads (void)
{
  g_autoptr(GDir) tasks = g_dir_open ("/proc/self/task", 0, NULL);
  const char *task;
  guint count = 0;

  if (tasks == NULL)
    return 0;
  while ((task = g_dir_read_name (tasks)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc/self/task", task, "comm", NULL);
      g_autofree char *name = NULL;

      if (g_file_get_contents (path, &name, NULL, NULL) &&
          g_str_has_prefix (name, "mysql-binlog-co"))
        count++;
    }
  return count;
}

static void
assert_run_fails (MysqlBinlogStream *stream,
                  MysqlBinlogError   code,
                  const char        *mentions)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;
  /* Connects an earlier test abandoned may still be ending. */
  guint connecting_before = count_connecting_threads ();

  ok = mysql_binlog_stream_run (stream, NULL, &error);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_error (error, MYSQL_BINLOG_ERROR, (gint) code);
  g_assert_cmpstr (error->message, !=, "");
  if (mentions != NULL)
    assert_contains_ci (error->message, mentions);
  /* The connect's thread has ended by the time the error is out, so a
   * program that exits on it does not race the thread's end (where
   * OpenSSL frees the thread's state). */
  g_assert_cmpuint (count_connecting_threads (), <=, connecting_before);
}

static void
test_error_access_denied (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);

  mysql_binlog_stream_set_password (stream, "not-the-password");
  assert_run_fails (stream, MYSQL_BINLOG_ERROR_ACCESS_DENIED, "denied");
}

static void
test_error_unknown_user (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);

  mysql_binlog_stream_set_user (stream, "nobody_here");
  assert_run_fails (stream, MYSQL_BINLOG_ERROR_ACCESS_DENIED, "nobody_here");
}

/* An account without the replication privileges. */
static void
test_error_missing_privilege (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  exec ("CREATE USER IF NOT EXISTS 'plain'@'localhost' IDENTIFIED BY 'pw'");
  exec ("GRANT SELECT ON *.* TO 'plain'@'localhost'");
  mysql_binlog_stream_set_user (stream, "plain");
  mysql_binlog_stream_set_password (stream, "pw");
  mysql_binlog_stream_set_start_position (stream, NULL);

  ok = mysql_binlog_stream_run (stream, NULL, &error);
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_test_message ("error: %s", error->message);
  g_assert_true (error->domain == MYSQL_BINLOG_ERROR);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_cmpint (error->code, ==, MYSQL_BINLOG_ERROR_ACCESS_DENIED);
}

static guint
unused_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return port;
}

static void
test_error_connection_failed (void)
{
  g_autoptr(MysqlBinlogStream) stream = NULL;
  guint port = unused_port ();
  g_autofree char *port_text = g_strdup_printf ("%u", port);

  stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                         "host", "127.0.0.1",
                         "port", port,
                         "user", "root",
                         "password", "",
                         "server-id", 77,
                         "blocking", FALSE,
                         NULL);
  assert_run_fails (stream, MYSQL_BINLOG_ERROR_CONNECTION_FAILED, "127.0.0.1");
  (void) port_text;
}

static void
test_error_connection_failed_socket (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autofree char *missing = g_build_filename (test_server_get_dir (server), "missing.sock",
                                               NULL);

  mysql_binlog_stream_set_socket (stream, missing);
  assert_run_fails (stream, MYSQL_BINLOG_ERROR_CONNECTION_FAILED, "missing.sock");
}

static void
test_error_binlog_disabled (void)
{
  const char *args[] = { "--skip-log-bin", NULL };
  TestServer *other = test_server_start (args);
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (other);

  assert_run_fails (stream, MYSQL_BINLOG_ERROR_BINLOG_DISABLED, "log");
  test_server_stop (other);
}

static void
test_error_not_row_based (void)
{
  const char *args[] = { "--binlog-format=STATEMENT", NULL };
  TestServer *other = test_server_start (args);
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (other);

  assert_run_fails (stream, MYSQL_BINLOG_ERROR_NOT_ROW_BASED, "STATEMENT");
  test_server_stop (other);
}

static void
test_error_position_not_found (void)
{
  g_autoptr(MysqlBinlogPosition) start = mysql_binlog_position_new ("mariadb-bin.999999", 4);
  g_autoptr(MysqlBinlogStream) stream = new_stream_at (start);

  assert_run_fails (stream, MYSQL_BINLOG_ERROR_POSITION_NOT_FOUND, "mariadb-bin.999999");
}

static void
test_error_server_id_zero (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);

  mysql_binlog_stream_set_server_id (stream, 0);
  assert_run_fails (stream, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT, "server");
}

/* }}} */

void
test_stream_errors_add (void)
{
  g_test_add_func ("/stream/errors/access-denied", test_error_access_denied);
  g_test_add_func ("/stream/errors/unknown-user", test_error_unknown_user);
  g_test_add_func ("/stream/errors/missing-privilege", test_error_missing_privilege);
  g_test_add_func ("/stream/errors/connection-failed", test_error_connection_failed);
  g_test_add_func ("/stream/errors/connection-failed-socket",
                   test_error_connection_failed_socket);
  g_test_add_func ("/stream/errors/binlog-disabled", test_error_binlog_disabled);
  g_test_add_func ("/stream/errors/not-row-based", test_error_not_row_based);
  g_test_add_func ("/stream/errors/position-not-found", test_error_position_not_found);
  g_test_add_func ("/stream/errors/server-id-zero", test_error_server_id_zero);
}
