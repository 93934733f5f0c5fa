/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mysql-binlog-event.h"
#include "mysql-binlog-position.h"
#include "mysql-binlog-row.h"
#include "mysql-binlog-row-batch.h"
#include "mysql-binlog-stream.h"

G_BEGIN_DECLS

/*
 * Where a run delivers what it reads, and the only way back up from the
 * reading parts (run, supervisor, dispatcher) to what runs them: whether
 * anyone listens, whether to stop, and the deliveries.  The stream is the
 * sink of its runs (mysql-binlog-emission.c: it emits at once during run(),
 * or queues for the caller's main context during run_async()).  Called on
 * the reading thread.
 */

typedef struct
{
  /* Whether stop() (or a cancellation, or fail()) asked the run to end. */
  gboolean (*stop_requested) (gpointer             data);
  /* Whether an event handler is connected. */
  gboolean (*wants_events)   (gpointer             data);
  /* The signal of rows of @kind ('i', 'u', 'd', or 'r': rows-read) when a handler of every
   * table or of @detail is connected, else 0. */
  guint    (*rows_signal)    (gpointer             data,
                              guint8               kind,
                              GQuark               detail);
  /* The batch signal of rows of @kind ('i', 'u' or 'd') when a handler
   * of every table or of @detail is connected, else 0 (NULL: never). */
  guint    (*batch_signal)   (gpointer             data,
                              guint8               kind,
                              GQuark               detail);
  /* @batch: (transfer full), the rows of one event; @n_counted: how many
   * of them count as delivered (0 when the row signals delivered them). */
  void     (*rows_batch)     (gpointer             data,
                              guint                signal_id,
                              GQuark               detail,
                              MysqlBinlogRowBatch *batch,
                              guint                n_counted,
                              gsize                cost);
  /* @event: (transfer full).  @cost: the bytes of binlog it keeps alive. */
  void     (*event)          (gpointer             data,
                              MysqlBinlogEvent    *event,
                              gsize                cost);
  /* @cost: the bytes of the event that this emission accounts for, so
   * that the rows of one event add up to its size. */
  void     (*rows)           (gpointer             data,
                              guint                signal_id,
                              GQuark               detail,
                              MysqlBinlogRow      *row,
                              MysqlBinlogRow      *after,
                              gsize                cost);
  /* A transaction boundary: @position (transfer full) is safe to resume
   * from.  @timestamp: of the event that ends the transaction (seconds
   * since the epoch), 0 when unknown. */
  void     (*position)       (gpointer             data,
                              MysqlBinlogPosition *position,
                              gint64               timestamp);
  /* No transaction for a while: a moment to save what was held back. */
  void     (*idle)           (gpointer             data);
  void     (*reconnecting)   (gpointer             data,
                              guint                attempt,
                              guint                delay,
                              const GError        *error);
  /* Where the run starts, before any transaction (@position: transfer
   * full). */
  void     (*start)          (gpointer             data,
                              MysqlBinlogPosition *position);
  /* A snapshot begins to read the rows of @schema_table (@finished FALSE)
   * or has read all @n_rows of them. */
  void     (*snapshot)       (gpointer             data,
                              gboolean             finished,
                              const char          *schema_table,
                              guint64              n_rows);
  /* What the run is doing now: connecting (its first connection),
   * snapshotting, streaming (a connection's dump or the file is read).
   * Reconnecting follows reconnecting(); the end of the run is the
   * stream's own business. */
  void     (*state)          (gpointer             data,
                              MysqlBinlogStreamState state);
  /* The schema history changed: @snapshot is in force from the next
   * position on (nullable). */
  void     (*schema_snapshot) (gpointer            data,
                               GBytes             *snapshot);
  /* A DDL statement changed a watched table's definition (nullable). */
  void     (*schema_changed) (gpointer             data,
                              const char          *schema_table,
                              const char          *statement);
} MysqlBinlogSinkFuncs;

typedef struct
{
  const MysqlBinlogSinkFuncs *funcs;
  gpointer data;
} MysqlBinlogSink;

static inline gboolean
_mysql_binlog_sink_stop_requested (const MysqlBinlogSink *sink)
{
  return sink->funcs->stop_requested (sink->data);
}

static inline gboolean
_mysql_binlog_sink_wants_events (const MysqlBinlogSink *sink)
{
  return sink->funcs->wants_events (sink->data);
}

static inline guint
_mysql_binlog_sink_rows_signal (const MysqlBinlogSink *sink,
                                guint8                 kind,
                                GQuark                 detail)
{
  return sink->funcs->rows_signal (sink->data, kind, detail);
}

static inline guint
_mysql_binlog_sink_batch_signal (const MysqlBinlogSink *sink,
                                 guint8                 kind,
                                 GQuark                 detail)
{
  if (sink->funcs->batch_signal == NULL)
    return 0;
  return sink->funcs->batch_signal (sink->data, kind, detail);
}

static inline void
_mysql_binlog_sink_rows_batch (const MysqlBinlogSink *sink,
                               guint                  signal_id,
                               GQuark                 detail,
                               MysqlBinlogRowBatch   *batch,
                               guint                  n_counted,
                               gsize                  cost)
{
  sink->funcs->rows_batch (sink->data, signal_id, detail, batch, n_counted, cost);
}

static inline void
_mysql_binlog_sink_event (const MysqlBinlogSink *sink,
                          MysqlBinlogEvent      *event,
                          gsize                  cost)
{
  sink->funcs->event (sink->data, event, cost);
}

static inline void
_mysql_binlog_sink_rows (const MysqlBinlogSink *sink,
                         guint                  signal_id,
                         GQuark                 detail,
                         MysqlBinlogRow        *row,
                         MysqlBinlogRow        *after,
                         gsize                  cost)
{
  sink->funcs->rows (sink->data, signal_id, detail, row, after, cost);
}

static inline void
_mysql_binlog_sink_position (const MysqlBinlogSink *sink,
                             MysqlBinlogPosition   *position)
{
  sink->funcs->position (sink->data, position, 0);
}

static inline void
_mysql_binlog_sink_position_at (const MysqlBinlogSink *sink,
                                MysqlBinlogPosition   *position,
                                gint64                 timestamp)
{
  sink->funcs->position (sink->data, position, timestamp);
}

static inline void
_mysql_binlog_sink_idle (const MysqlBinlogSink *sink)
{
  sink->funcs->idle (sink->data);
}

static inline void
_mysql_binlog_sink_reconnecting (const MysqlBinlogSink *sink,
                                 guint                  attempt,
                                 guint                  delay,
                                 const GError          *error)
{
  sink->funcs->reconnecting (sink->data, attempt, delay, error);
}

static inline void
_mysql_binlog_sink_start (const MysqlBinlogSink *sink,
                          MysqlBinlogPosition   *position)
{
  sink->funcs->start (sink->data, position);
}

static inline void
_mysql_binlog_sink_state (const MysqlBinlogSink  *sink,
                          MysqlBinlogStreamState  state)
{
  sink->funcs->state (sink->data, state);
}

static inline void
_mysql_binlog_sink_schema_snapshot (const MysqlBinlogSink *sink,
                                    GBytes                *snapshot)
{
  if (sink->funcs->schema_snapshot != NULL)
    sink->funcs->schema_snapshot (sink->data, snapshot);
}

static inline void
_mysql_binlog_sink_schema_changed (const MysqlBinlogSink *sink,
                                   const char            *schema_table,
                                   const char            *statement)
{
  if (sink->funcs->schema_changed != NULL)
    sink->funcs->schema_changed (sink->data, schema_table, statement);
}

static inline void
_mysql_binlog_sink_snapshot (const MysqlBinlogSink *sink,
                             gboolean               finished,
                             const char            *schema_table,
                             guint64                n_rows)
{
  sink->funcs->snapshot (sink->data, finished, schema_table, n_rows);
}

G_END_DECLS
