/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "mysql-binlog-error.h"
#include "mysql-binlog-supervisor-private.h"

/* The server's error numbers (MariaDB and MySQL share them) that mean the
 * server ended or lost this connection, not that it refuses what we ask:
 * a new connection may well work. */
static const guint transient_server_errors[] = {
  1040,  /* ER_CON_COUNT_ERROR: too many connections */
  1053,  /* ER_SERVER_SHUTDOWN */
  1077,  /* ER_NORMAL_SHUTDOWN */
  1079,  /* ER_SHUTDOWN_COMPLETE */
  1080,  /* ER_FORCING_CLOSE */
  1152,  /* ER_ABORTING_CONNECTION */
  1158,  /* ER_NET_READ_ERROR */
  1159,  /* ER_NET_READ_INTERRUPTED */
  1160,  /* ER_NET_ERROR_ON_WRITE */
  1161,  /* ER_NET_WRITE_INTERRUPTED */
  1184,  /* ER_NEW_ABORTING_CONNECTION */
  1203,  /* ER_TOO_MANY_USER_CONNECTIONS */
  1205,  /* ER_LOCK_WAIT_TIMEOUT */
  1213,  /* ER_LOCK_DEADLOCK */
  1317,  /* ER_QUERY_INTERRUPTED */
  1927,  /* ER_CONNECTION_KILLED (MariaDB) */
  1969,  /* ER_STATEMENT_TIMEOUT (MariaDB) */
  3169,  /* ER_SESSION_WAS_KILLED (MySQL) */
  4031,  /* ER_CLIENT_INTERACTION_TIMEOUT (MySQL) */
};

/* The transport ends the message of an error the server (or the client
 * library) reported with "(MySQL error N)".  0: no such number, the error
 * was found here. */
static guint
server_error_number (const GError *error)
{
  static const char mark[] = "(MySQL error ";
  const char *found = g_strrstr (error->message, mark);
  char *end = NULL;
  guint64 number;

  if (found == NULL)
    return 0;
  number = g_ascii_strtoull (found + strlen (mark), &end, 10);
  if (end == found + strlen (mark) || *end != ')' || number > G_MAXUINT)
    return 0;
  return (guint) number;
}

gboolean
_mysql_binlog_supervisor_error_is_transient (const GError *error)
{
  guint number;

  if (error->domain == G_IO_ERROR)
    return error->code == G_IO_ERROR_TIMED_OUT || error->code == G_IO_ERROR_CONNECTION_CLOSED ||
           error->code == G_IO_ERROR_BROKEN_PIPE;
  if (error->domain != MYSQL_BINLOG_ERROR)
    return FALSE;

  switch (error->code)
    {
    /* The client library's errors of reaching the server and of losing
     * the connection (CR_CONNECTION_ERROR 2002, CR_CONN_HOST_ERROR 2003,
     * CR_SERVER_GONE_ERROR 2006, CR_SERVER_LOST 2013, ...). */
    case MYSQL_BINLOG_ERROR_CONNECTION_FAILED:
    case MYSQL_BINLOG_ERROR_CONNECTION_LOST:
      return TRUE;

    /* Only what the server says about the connection itself: a
     * catch-all would retry forever what the server refuses every time
     * (a locked account 4151, an expired password 1820/1862, a fatal
     * error reading its binary log 1236, ...), and an error found in the
     * binary log (no number) is met again at the same place. */
    case MYSQL_BINLOG_ERROR_SERVER:
      number = server_error_number (error);
      for (gsize i = 0; i < G_N_ELEMENTS (transient_server_errors); i++)
        if (transient_server_errors[i] == number)
          return TRUE;
      return FALSE;

    /* ACCESS_DENIED (1045, 1227, ...), POSITION_NOT_FOUND (1236 for a
     * purged or unknown position), BINLOG_DISABLED, NOT_ROW_BASED, TLS,
     * PROTOCOL, the corrupt and unsupported events: the same answer
     * again. */
    default:
      return FALSE;
    }
}

guint
_mysql_binlog_supervisor_backoff (guint attempt,
                                  guint delay,
                                  guint max_delay)
{
  for (guint i = 1; i < attempt && delay < max_delay; i++)
    delay = MIN ((guint64) delay * 2, G_MAXUINT);
  return MIN (delay, max_delay);
}

gboolean
_mysql_binlog_supervisor_run (MysqlBinlogRun  *run,
                              GError         **error)
{
  const MysqlBinlogStreamSettings *settings = _mysql_binlog_run_get_settings (run);
  const MysqlBinlogSink *sink = _mysql_binlog_run_get_sink (run);
  guint attempt = 0;

  if (settings->server_id == 0)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                           "The stream's server-id is 0: set it to an id that neither the "
                           "server nor any of its other replicas uses");
      return FALSE;
    }

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      gboolean progressed = FALSE;
      guint delay;

      if (_mysql_binlog_run_connection (run, &progressed, &local_error))
        return TRUE;

      /* A connection that delivered transactions was a success: the
       * count starts over. */
      if (progressed)
        attempt = 0;
      if (_mysql_binlog_sink_stop_requested (sink) ||
          !_mysql_binlog_supervisor_error_is_transient (local_error) ||
          settings->reconnect_attempts == 0 ||
          (settings->reconnect_attempts > 0 && attempt >= (guint) settings->reconnect_attempts))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      attempt++;
      delay = _mysql_binlog_supervisor_backoff (attempt, settings->reconnect_delay,
                                                settings->reconnect_max_delay);

      g_debug ("Connection lost (%s); connecting again in %u ms, attempt %u",
               local_error->message, delay, attempt);
      _mysql_binlog_sink_reconnecting (sink, attempt, delay, local_error);

      _mysql_binlog_run_close_source (run);
      _mysql_binlog_run_wait (run, delay);
      if (_mysql_binlog_sink_stop_requested (sink))
        return TRUE;
    }
}
