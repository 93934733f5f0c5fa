/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* The stream's face of snapshots (mysql-binlog-snapshot.c reads them):
 * asking a running stream for one table, and the signals around a
 * table's rows. */

#include "config.h"

#include "mysql-binlog-stream-private.h"
#include "mysql-binlog-error.h"

static guint * const signals = _mysql_binlog_stream_signals;

void
_mysql_binlog_stream_deliver_snapshot (MysqlBinlogStream         *self,
                                       const MysqlBinlogEmission *emission)
{
  if (emission->attempt)
    g_signal_emit (self, signals[SIGNAL_SNAPSHOT_FINISHED], 0, emission->a, emission->count);
  else
    g_signal_emit (self, signals[SIGNAL_SNAPSHOT_STARTED], 0, emission->a);
}

/**
 * mysql_binlog_stream_snapshot_table:
 * @stream: a running stream of a server
 * @schema_table: a table, as `schema.table`; a part with a dot, a
 *   backquote, `*` or `?` in backquotes with its backquotes doubled
 *   (`` x.`y.z` ``, `` `x.y`.z ``), any part literal (no wildcards)
 * @error: return location for a #GError, or %NULL
 *
 * Asks the running stream to read the existing rows of one table now,
 * interleaved with the changes it keeps delivering: the rows come as
 * [signal@MysqlBinlog.Stream::rows-read] between
 * [signal@MysqlBinlog.Stream::snapshot-started] and
 * [signal@MysqlBinlog.Stream::snapshot-finished], with the consistency
 * [property@MysqlBinlog.Stream:snapshot] describes, and the request is part
 * of the saved position from the next transaction boundary on.  Tables
 * asked for are read one after the other, in the order asked.
 *
 * A table read in one pass (no primary key the chunks can walk: none, a
 * prefix, a BLOB, INET4, INET6 or UUID) is read at one point P: its row
 * changes from the request (from the next transaction boundary after it)
 * until P are not delivered, since the read has them, and those after P
 * come after its rows.  Its consumer clears its copy of the table at
 * [signal@MysqlBinlog.Stream::snapshot-started]: the rows read replace it.
 * A keyed table's changes are delivered throughout, as upserts expect.
 *
 * May be called from one of the stream's handlers or from any other
 * thread.  The read begins before the next event the stream reads; asked
 * from another thread (or from a handler of
 * [method@MysqlBinlog.Stream.run_async]) while the stream waits on an
 * idle server, its replica connection is opened again at once so that the
 * read does not wait for the next heartbeat.  A table the server does not
 * have makes the run fail with %MYSQL_BINLOG_ERROR_INVALID_ARGUMENT when
 * its turn comes.  Once the run has stopped reading (a non-blocking
 * stream at the end of the binary log, or a stopped one), the request is
 * refused.
 *
 * Returns: %TRUE when the request was queued; %FALSE with
 *   %MYSQL_BINLOG_ERROR_INVALID_ARGUMENT when the stream is not running
 *   from a server, @schema_table is no `schema.table` or the stream's
 *   filters leave the table out
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_stream_snapshot_table (MysqlBinlogStream  *stream,
                                    const char         *schema_table,
                                    GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), FALSE);
  g_return_val_if_fail (schema_table != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&stream->lock);
  if (stream->run == NULL)
    {
      g_mutex_unlock (&stream->lock);
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                           "The stream is not running: a table's rows are read by a running "
                           "stream (see the snapshot property for a run's start)");
      return FALSE;
    }
  ok = _mysql_binlog_run_request_snapshot (stream->run, schema_table, error);
  g_mutex_unlock (&stream->lock);
  return ok;
}
