/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "mysql-binlog-event.h"
#include "mysql-binlog-marshal.h"
#include "mysql-binlog-position.h"
#include "mysql-binlog-row.h"
#include "mysql-binlog-row-batch.h"
#include "mysql-binlog-stream-signals-private.h"

/* The va_list marshallers of the row signals, for C handlers.  GLib's
 * generated ones take a reference on each row around the handler with
 * g_boxed_copy(), which looks the type up under the type system's lock for
 * every row.  These take none: every emission of the stream holds a
 * reference on its rows until it returns, and a handler that keeps a row
 * takes its own.  With GLib's g_cclosure_marshal_VOID__BOXEDv and the
 * glib-genmarshal one for two rows instead, a counting C handler reads a
 * binlog file about a quarter slower (tests/bench's bench-reader, count
 * mode) and the typed accessors a fifth slower.
 *
 * Declaring the rows G_SIGNAL_TYPE_STATIC_SCOPE would let the generated
 * marshallers skip the copy too, but it also skips it for the GValues of
 * the handlers of bindings, and gjs keeps the row such a GValue holds
 * without a reference of its own: a row kept by a JavaScript handler would
 * be freed under it.  These apply to C handlers alone; the others still
 * get their reference.
 *
 * To measure it again: build with -Drow_marshallers=generated, which
 * installs GLib's generated ones instead, and compare the two builds with
 * tests/bench/run.sh --baseline-build (README, Benchmark). */
#ifndef MYSQL_BINLOG_GENERATED_ROW_MARSHALLERS
static void
marshal_row_v (GClosure *closure,
               GValue   *return_value,
               gpointer  instance,
               va_list   args,
               gpointer  marshal_data,
               int       n_params,
               GType    *param_types)
{
  typedef void (*RowFunc) (gpointer        data1,
                           MysqlBinlogRow *row,
                           gpointer        data2);
  GCClosure *cclosure = (GCClosure *) closure;
  gpointer data1, data2;
  MysqlBinlogRow *row;
  RowFunc callback;
  va_list args_copy;

  G_VA_COPY (args_copy, args);
  row = va_arg (args_copy, MysqlBinlogRow *);
  va_end (args_copy);

  if (G_CCLOSURE_SWAP_DATA (closure))
    {
      data1 = closure->data;
      data2 = instance;
    }
  else
    {
      data1 = instance;
      data2 = closure->data;
    }
  callback = (RowFunc) (marshal_data != NULL ? marshal_data : cclosure->callback);

  callback (data1, row, data2);
}

static void
marshal_rows_v (GClosure *closure,
                GValue   *return_value,
                gpointer  instance,
                va_list   args,
                gpointer  marshal_data,
                int       n_params,
                GType    *param_types)
{
  typedef void (*RowsFunc) (gpointer        data1,
                            MysqlBinlogRow *before,
                            MysqlBinlogRow *after,
                            gpointer        data2);
  GCClosure *cclosure = (GCClosure *) closure;
  gpointer data1, data2;
  MysqlBinlogRow *before, *after;
  RowsFunc callback;
  va_list args_copy;

  G_VA_COPY (args_copy, args);
  before = va_arg (args_copy, MysqlBinlogRow *);
  after = va_arg (args_copy, MysqlBinlogRow *);
  va_end (args_copy);

  if (G_CCLOSURE_SWAP_DATA (closure))
    {
      data1 = closure->data;
      data2 = instance;
    }
  else
    {
      data1 = instance;
      data2 = closure->data;
    }
  callback = (RowsFunc) (marshal_data != NULL ? marshal_data : cclosure->callback);

  callback (data1, before, after, data2);
}

#else
#define marshal_row_v g_cclosure_marshal_VOID__BOXEDv
#define marshal_rows_v _mysql_binlog_marshal_VOID__BOXED_BOXEDv
#endif

void
_mysql_binlog_stream_install_signals (GType  type,
                                      guint *signals)
{
  /**
   * MysqlBinlogStream::reconnecting:
   * @self: the stream
   * @attempt: the number of this attempt, from 1
   * @delay: the wait before the attempt, in milliseconds
   * @error: why the connection was lost
   *
   * Emitted when the stream lost its connection and is about to connect
   * again (see [property@MysqlBinlog.Stream:reconnect-attempts]), on the
   * thread that emits the other signals.
   *
   * Since: 1.0
   */
  signals[SIGNAL_RECONNECTING] =
    g_signal_new ("reconnecting",
                  type,
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  _mysql_binlog_marshal_VOID__UINT_UINT_BOXED,
                  G_TYPE_NONE, 3,
                  G_TYPE_UINT, G_TYPE_UINT, G_TYPE_ERROR);

  /**
   * MysqlBinlogStream::schema-changed:
   * @self: the stream
   * @schema_table: the table, as `schema.table` (see
   *   [signal@MysqlBinlog.Stream::rows-inserted] for names with a dot)
   * @statement: the DDL statement
   *
   * Emitted after the stream applied a DDL statement of a watched table
   * (one that [property@MysqlBinlog.Stream:only-tables] and the other
   * filters let through) to the definitions it holds: it created, altered,
   * renamed (once for the old name, once for the new one), dropped or
   * truncated the table, or it changed the table in a way the stream
   * cannot read, after which the table's definition may be unknown (see
   * [property@MysqlBinlog.Stream:schema-unknown]).  Rows of the table
   * delivered after it have the columns of the new definition.  Detailed
   * by `schema.table`: connecting to `"schema-changed::shop.orders"`
   * receives only that table's changes.  Emitted on the thread that emits
   * the row signals, in binlog order.
   *
   * Since: 1.0
   */
  signals[SIGNAL_SCHEMA_CHANGED] =
    g_signal_new ("schema-changed",
                  type,
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL,
                  _mysql_binlog_marshal_VOID__STRING_STRING,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING, G_TYPE_STRING);

  /**
   * MysqlBinlogStream::binlog:
   * @self: the stream
   * @event: the event
   *
   * Emitted for every event the stream reads, before the row signals of
   * that event, on the thread that runs the stream.
   *
   * Since: 1.0
   */
  signals[SIGNAL_BINLOG] =
    g_signal_new ("binlog",
                  type,
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1,
                  MYSQL_BINLOG_TYPE_EVENT);
  g_signal_set_va_marshaller (signals[SIGNAL_BINLOG], type,
                              g_cclosure_marshal_VOID__BOXEDv);

  /**
   * MysqlBinlogStream::binlog-position:
   * @self: the stream
   * @position: a position it is safe to resume from
   *
   * Emitted each time the stream passes a point it is safe to resume from:
   * after a transaction commits, after a DDL statement, when the binary log
   * continues in a new file.  Never in the middle of a transaction.  Emitted
   * on the thread that runs the stream.
   *
   * A position of a stream of a server also carries, out of its text form,
   * the table definitions the stream holds there (those it follows through
   * the DDL statements it read).  A stream started from it, as
   * [property@MysqlBinlog.Stream:start-position], takes them over; a
   * [class@MysqlBinlog.FilePositionStore] saves them beside the position
   * and gives them back with it.  A position made from its text
   * ([func@MysqlBinlog.Position.from_string]) carries none: a stream
   * started there reads the definitions afresh.
   *
   * Since: 1.0
   */
  signals[SIGNAL_BINLOG_POSITION] =
    g_signal_new ("binlog-position",
                  type,
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1,
                  MYSQL_BINLOG_TYPE_POSITION);
  g_signal_set_va_marshaller (signals[SIGNAL_BINLOG_POSITION], type,
                              g_cclosure_marshal_VOID__BOXEDv);

  /**
   * MysqlBinlogStream::rows-inserted:
   * @self: the stream
   * @row: the inserted row
   *
   * Emitted once per inserted row, on the thread that runs the stream.
   * The signal is detailed by `schema.table`: connect to
   * `rows-inserted::shop.orders` to receive that table's rows only.  A
   * part of the name that is empty or contains a dot, a backquote, `*` or
   * `?` is written in backquotes with its backquotes doubled, so that two
   * tables never share a detail: `` rows-inserted::x.`y.z` `` is table
   * `y.z` of schema `x`, `` rows-inserted::`x.y`.z `` table `z` of schema
   * `x.y`; other names are written as they are.  Every signal and
   * argument that names a table as `schema.table` spells it this way.
   * Keep a reference on @row to use it after the handler returns.
   *
   * Since: 1.0
   */
  signals[SIGNAL_ROWS_INSERTED] =
    g_signal_new ("rows-inserted",
                  type,
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1,
                  MYSQL_BINLOG_TYPE_ROW);
  g_signal_set_va_marshaller (signals[SIGNAL_ROWS_INSERTED], type,
                              marshal_row_v);

  /**
   * MysqlBinlogStream::rows-updated:
   * @self: the stream
   * @before: the row before the update
   * @after: the row after the update
   *
   * Emitted once per updated row, on the thread that runs the stream, with
   * the row's images before and after the change.  Detailed by
   * `schema.table` like [signal@MysqlBinlog.Stream::rows-inserted].
   *
   * Since: 1.0
   */
  signals[SIGNAL_ROWS_UPDATED] =
    g_signal_new ("rows-updated",
                  type,
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL,
                  _mysql_binlog_marshal_VOID__BOXED_BOXED,
                  G_TYPE_NONE, 2,
                  MYSQL_BINLOG_TYPE_ROW,
                  MYSQL_BINLOG_TYPE_ROW);
  g_signal_set_va_marshaller (signals[SIGNAL_ROWS_UPDATED], type,
                              marshal_rows_v);

  /**
   * MysqlBinlogStream::rows-deleted:
   * @self: the stream
   * @row: the deleted row
   *
   * Emitted once per deleted row, on the thread that runs the stream.
   * Detailed by `schema.table` like [signal@MysqlBinlog.Stream::rows-inserted].
   *
   * Since: 1.0
   */
  signals[SIGNAL_ROWS_DELETED] =
    g_signal_new ("rows-deleted",
                  type,
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1,
                  MYSQL_BINLOG_TYPE_ROW);
  g_signal_set_va_marshaller (signals[SIGNAL_ROWS_DELETED], type,
                              marshal_row_v);

  /**
   * MysqlBinlogStream::rows-inserted-batch:
   * @self: the stream
   * @batch: the rows one event inserted
   *
   * Emitted once per rows event that inserted rows, with all its rows,
   * on the thread that runs the stream: the batch form of
   * [signal@MysqlBinlog.Stream::rows-inserted], for bindings where a call
   * per row costs more than decoding it.  Detailed by `schema.table` like
   * [signal@MysqlBinlog.Stream::rows-inserted], and in the same place among
   * the other signals: after the [signal@MysqlBinlog.Stream::binlog]
   * emission of the event and the `rows-inserted` emissions of its rows
   * (when both signals have handlers), before the next event's and before
   * the [signal@MysqlBinlog.Stream::binlog-position] after its
   * transaction.
   * Filters apply as to the row signals; [method@MysqlBinlog.Stream.fail]
   * from a handler fails the run as from a row handler.  The rows count in
   * [property@MysqlBinlog.Stream:rows-delivered] once, whichever signals
   * deliver them.
   *
   * Since: 1.0
   */
  signals[SIGNAL_ROWS_INSERTED_BATCH] =
    g_signal_new ("rows-inserted-batch",
                  type,
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1,
                  MYSQL_BINLOG_TYPE_ROW_BATCH);
  g_signal_set_va_marshaller (signals[SIGNAL_ROWS_INSERTED_BATCH], type,
                              g_cclosure_marshal_VOID__BOXEDv);

  /**
   * MysqlBinlogStream::rows-updated-batch:
   * @self: the stream
   * @batch: the rows one event updated, with their after images
   *
   * The batch form of [signal@MysqlBinlog.Stream::rows-updated]: once per
   * rows event, as [signal@MysqlBinlog.Stream::rows-inserted-batch] is;
   * [method@MysqlBinlog.RowBatch.get_after] gives the rows after the
   * update.
   *
   * Since: 1.0
   */
  signals[SIGNAL_ROWS_UPDATED_BATCH] =
    g_signal_new ("rows-updated-batch",
                  type,
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1,
                  MYSQL_BINLOG_TYPE_ROW_BATCH);
  g_signal_set_va_marshaller (signals[SIGNAL_ROWS_UPDATED_BATCH], type,
                              g_cclosure_marshal_VOID__BOXEDv);

  /**
   * MysqlBinlogStream::rows-deleted-batch:
   * @self: the stream
   * @batch: the rows one event deleted
   *
   * The batch form of [signal@MysqlBinlog.Stream::rows-deleted]: once per
   * rows event, as [signal@MysqlBinlog.Stream::rows-inserted-batch] is.
   *
   * Since: 1.0
   */
  signals[SIGNAL_ROWS_DELETED_BATCH] =
    g_signal_new ("rows-deleted-batch",
                  type,
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1,
                  MYSQL_BINLOG_TYPE_ROW_BATCH);
  g_signal_set_va_marshaller (signals[SIGNAL_ROWS_DELETED_BATCH], type,
                              g_cclosure_marshal_VOID__BOXEDv);

  /**
   * MysqlBinlogStream::rows-read:
   * @self: the stream
   * @row: an existing row
   *
   * Emitted once per row that exists when a snapshot reads its table (see
   * [property@MysqlBinlog.Stream:snapshot] and
   * [method@MysqlBinlog.Stream.snapshot_table]), on the thread that runs
   * the stream, between the changes at the point of the binary log the
   * row was read at.  The row has the columns and values a
   * [signal@MysqlBinlog.Stream::rows-inserted] row of its table has.
   * Detailed by `schema.table` like
   * [signal@MysqlBinlog.Stream::rows-inserted]; a run reads the tables of
   * the handlers connected.
   *
   * A table read in one pass (no primary key the chunks can walk) has its
   * rows read at one point, and its changes before that point that the
   * stream would have delivered since the run started or since
   * [method@MysqlBinlog.Stream.snapshot_table] asked for it are not
   * delivered: the rows have them.  Clear a copy of such a table at its
   * [signal@MysqlBinlog.Stream::snapshot-started]; its rows replace it (see
   * [property@MysqlBinlog.Stream:snapshot]).
   *
   * The handlers run while the chunk's transaction is open on the
   * snapshot's connection, which holds the table's metadata lock: a
   * handler of [method@MysqlBinlog.Stream.run] must not change the
   * definition of that table itself (an `ALTER TABLE` would wait for the
   * chunk, which waits for the handler); do it from a
   * [signal@MysqlBinlog.Stream::binlog-position] handler, between chunks.
   *
   * Since: 1.0
   */
  signals[SIGNAL_ROWS_READ] =
    g_signal_new ("rows-read",
                  type,
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__BOXED,
                  G_TYPE_NONE, 1,
                  MYSQL_BINLOG_TYPE_ROW);
  g_signal_set_va_marshaller (signals[SIGNAL_ROWS_READ], type,
                              marshal_row_v);

  /**
   * MysqlBinlogStream::snapshot-started:
   * @self: the stream
   * @schema_table: the table, as `schema.table` (a part with a dot in
   *   backquotes, as in the details of the row signals)
   *
   * Emitted before the first [signal@MysqlBinlog.Stream::rows-read] of a
   * table in this run (also when a restarted run reads on in the middle of
   * it).  For a table read in one pass (no primary key the chunks can
   * walk), it starts a read of the whole table that replaces any copy of
   * it: also emitted again when that read starts over after the
   * snapshot's connection was lost.
   *
   * Since: 1.0
   */
  signals[SIGNAL_SNAPSHOT_STARTED] =
    g_signal_new ("snapshot-started",
                  type,
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__STRING,
                  G_TYPE_NONE, 1,
                  G_TYPE_STRING);

  /**
   * MysqlBinlogStream::snapshot-finished:
   * @self: the stream
   * @schema_table: the table, as `schema.table` (a part with a dot in
   *   backquotes, as in the details of the row signals)
   * @n_rows: the rows read, by this run and the runs it resumed
   *
   * Emitted after the last [signal@MysqlBinlog.Stream::rows-read] of a
   * table, once the position that says it is done was delivered.
   *
   * Since: 1.0
   */
  signals[SIGNAL_SNAPSHOT_FINISHED] =
    g_signal_new ("snapshot-finished",
                  type,
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  _mysql_binlog_marshal_VOID__STRING_UINT64,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING, G_TYPE_UINT64);
  g_signal_set_va_marshaller (signals[SIGNAL_SNAPSHOT_FINISHED], type,
                              _mysql_binlog_marshal_VOID__STRING_UINT64v);
}
