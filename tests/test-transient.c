/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "mysql-binlog-error.h"
#include "mysql-binlog-supervisor-private.h"

/*
 * Which errors the supervisor connects again for, as the transport words
 * them, and the backoff between attempts.  test-supervisor meets the main
 * cases on a real server.
 */

typedef struct
{
  GQuark domain;
  gint code;
  const char *message;
  gboolean transient;
} Case;

static void
test_classification (void)
{
  const Case cases[] = {
    /* The client library: the server is away or the connection broke. */
    { 0, MYSQL_BINLOG_ERROR_CONNECTION_FAILED,
      "Connecting to the server at localhost:3306 as “r” failed: Can't connect to server on "
      "'localhost' (111) (MySQL error 2003)", TRUE },
    { 0, MYSQL_BINLOG_ERROR_CONNECTION_FAILED,
      "Connecting to the server at /run/mysqld.sock as “r” failed: Can't connect to local "
      "server through socket (MySQL error 2002)", TRUE },
    { 0, MYSQL_BINLOG_ERROR_CONNECTION_LOST,
      "Reading the binary log failed: Lost connection to server during query (MySQL error 2013)",
      TRUE },
    { 0, MYSQL_BINLOG_ERROR_CONNECTION_LOST,
      "Reading the binary log failed: Server has gone away (MySQL error 2006)", TRUE },
    /* The server ends or drops the connection. */
    { 0, MYSQL_BINLOG_ERROR_SERVER,
      "Reading the binary log failed: Server shutdown in progress (MySQL error 1053)", TRUE },
    { 0, MYSQL_BINLOG_ERROR_SERVER,
      "Reading the binary log failed: Connection was killed (MySQL error 1927)", TRUE },
    { 0, MYSQL_BINLOG_ERROR_SERVER,
      "Connecting to the server failed: Too many connections (MySQL error 1040)", TRUE },
    { 0, MYSQL_BINLOG_ERROR_SERVER,
      "Reading the binary log failed: Got an error reading communication packets "
      "(MySQL error 1158)", TRUE },
    /* What the server refuses every time. */
    { 0, MYSQL_BINLOG_ERROR_SERVER,
      "Connecting to the server failed: Access denied, this account is locked "
      "(MySQL error 4151)", FALSE },
    { 0, MYSQL_BINLOG_ERROR_SERVER,
      "Connecting to the server failed: Your password has expired (MySQL error 1862)", FALSE },
    { 0, MYSQL_BINLOG_ERROR_SERVER,
      "Reading the binary log failed: Got fatal error 1236 from master when reading data from "
      "binary log: 'log event entry exceeded max_allowed_packet' (MySQL error 1236)", FALSE },
    { 0, MYSQL_BINLOG_ERROR_ACCESS_DENIED,
      "Connecting to the server failed: Access denied for user 'r'@'localhost' "
      "(MySQL error 1045)", FALSE },
    { 0, MYSQL_BINLOG_ERROR_ACCESS_DENIED,
      "Reading the binary log failed: Access denied; you need (at least one of) the "
      "REPLICATION SLAVE privilege(s) for this operation (MySQL error 1227)", FALSE },
    { 0, MYSQL_BINLOG_ERROR_POSITION_NOT_FOUND,
      "Reading the binary log failed: Could not find first log file name in binary log "
      "index file (MySQL error 1236)", FALSE },
    /* Found in the binary log by the stream itself: no server number. */
    { 0, MYSQL_BINLOG_ERROR_SERVER,
      "At binlog.000001:1234: The source lost events (incident LOST_EVENTS): changes made "
      "there are missing from the binary log", FALSE },
    { 0, MYSQL_BINLOG_ERROR_SERVER,
      "The server did not report its binary log settings", FALSE },
    /* A number that is not the transport's suffix. */
    { 0, MYSQL_BINLOG_ERROR_SERVER, "Something (MySQL error 1053", FALSE },
    { 0, MYSQL_BINLOG_ERROR_SERVER, "Something (MySQL error )", FALSE },
    { 0, MYSQL_BINLOG_ERROR_CORRUPT_EVENT, "Corrupt event (MySQL error 1053)", FALSE },
    { 0, MYSQL_BINLOG_ERROR_PROTOCOL, "The server broke the protocol", FALSE },
    { 0, MYSQL_BINLOG_ERROR_TLS, "TLS required", FALSE },
    /* Timeouts of reads and the cancellation of stop(). */
    { 1, G_IO_ERROR_TIMED_OUT, "Reading the binary log failed: the server did not answer", TRUE },
    { 1, G_IO_ERROR_CANCELLED, "Operation was cancelled", FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GQuark domain = cases[i].domain == 0 ? MYSQL_BINLOG_ERROR : G_IO_ERROR;
      g_autoptr(GError) error = g_error_new_literal (domain, cases[i].code, cases[i].message);

      g_test_message ("%s", cases[i].message);
      g_assert_cmpint (_mysql_binlog_supervisor_error_is_transient (error), ==,
                       cases[i].transient);
    }
}

static void
test_backoff (void)
{
  g_assert_cmpuint (_mysql_binlog_supervisor_backoff (1, 500, 30000), ==, 500);
  g_assert_cmpuint (_mysql_binlog_supervisor_backoff (2, 500, 30000), ==, 1000);
  g_assert_cmpuint (_mysql_binlog_supervisor_backoff (3, 500, 30000), ==, 2000);
  g_assert_cmpuint (_mysql_binlog_supervisor_backoff (7, 500, 30000), ==, 30000);
  g_assert_cmpuint (_mysql_binlog_supervisor_backoff (1000, 500, 30000), ==, 30000);
  g_assert_cmpuint (_mysql_binlog_supervisor_backoff (40, 3000000000u, G_MAXUINT), ==, G_MAXUINT);
  g_assert_cmpuint (_mysql_binlog_supervisor_backoff (3, 0, 100), ==, 0);
  g_assert_cmpuint (_mysql_binlog_supervisor_backoff (1, 500, 200), ==, 200);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/supervisor/transient", test_classification);
  g_test_add_func ("/supervisor/backoff", test_backoff);

  return g_test_run ();
}
