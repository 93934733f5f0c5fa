/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* The stream as the sink of its runs, on the reading thread: during run()
 * each emission goes to the stream's deliver() at once, from the stack;
 * during run_async() it becomes a record that holds its own references,
 * queued for the caller's main context, where the runner hands it to
 * deliver() in order. */

#include "config.h"

#include "mysql-binlog-stream-private.h"

static guint * const signals = _mysql_binlog_stream_signals;

void
_mysql_binlog_emission_free (gpointer data)
{
  MysqlBinlogEmission *emission = data;

  switch (emission->kind)
    {
    case EMISSION_EVENT:
      mysql_binlog_event_unref (emission->a);
      break;
    case EMISSION_ROWS:
      mysql_binlog_row_unref (emission->a);
      if (emission->b != NULL)
        mysql_binlog_row_unref (emission->b);
      break;
    case EMISSION_BATCH:
      mysql_binlog_row_batch_unref (emission->a);
      break;
    case EMISSION_POSITION:
      mysql_binlog_position_unref (emission->a);
      break;
    case EMISSION_SNAPSHOT:
      g_free (emission->a);
      break;
    case EMISSION_RECONNECTING:
    case EMISSION_IDLE:
    case EMISSION_STATE:
      break;
    case EMISSION_SCHEMA_CHANGED:
      g_free (emission->a);
      g_free (emission->b);
      break;
    case EMISSION_SCHEMA_SNAPSHOT:
      g_bytes_unref (emission->a);
      break;
    }
  g_clear_error (&emission->error);
  g_free (emission);
}

/* On the caller's context, in the order queued: takes @emission. */
void
_mysql_binlog_emission_deliver_queued (gpointer owner,
                                       gpointer emission)
{
  MysqlBinlogStream *self = owner;

  /* Once stopped, nothing more is delivered. */
  if (!g_atomic_int_get (&self->stop_requested))
    _mysql_binlog_stream_deliver (self, emission);
  _mysql_binlog_emission_free (emission);
}

/* Emits @emission now during run(), or queues a copy of it for the
 * caller's context during run_async(): the queued copy takes the
 * references @emission holds.  Returns whether it queued. */
static gboolean
hand_over (MysqlBinlogStream         *self,
           const MysqlBinlogEmission *emission)
{
  MysqlBinlogEmission *copy;

  if (self->async == NULL)
    {
      _mysql_binlog_stream_deliver (self, emission);
      return FALSE;
    }
  copy = g_memdup2 (emission, sizeof *emission);
  _mysql_binlog_async_runner_push (self->async, copy, copy->cost);
  return TRUE;
}

static gboolean
sink_stop_requested (gpointer data)
{
  MysqlBinlogStream *self = data;

  return g_atomic_int_get (&self->stop_requested) != 0;
}

static gboolean
sink_wants_events (gpointer data)
{
  return g_signal_has_handler_pending (data, signals[SIGNAL_BINLOG], 0, FALSE);
}

static guint
sink_rows_signal (gpointer data,
                  guint8   kind,
                  GQuark   detail)
{
  guint signal_id = kind == 'i' ? signals[SIGNAL_ROWS_INSERTED]
                  : kind == 'u' ? signals[SIGNAL_ROWS_UPDATED]
                  : kind == 'r' ? signals[SIGNAL_ROWS_READ]
                  : signals[SIGNAL_ROWS_DELETED];

  /* A detailed lookup finds only the handlers of that detail, so ask
   * for the table's handlers and for those of every table. */
  if (!g_signal_has_handler_pending (data, signal_id, 0, FALSE) &&
      (detail == 0 || !g_signal_has_handler_pending (data, signal_id, detail, FALSE)))
    return 0;
  return signal_id;
}

static guint
sink_batch_signal (gpointer data,
                   guint8   kind,
                   GQuark   detail)
{
  guint signal_id = kind == 'i' ? signals[SIGNAL_ROWS_INSERTED_BATCH]
                  : kind == 'u' ? signals[SIGNAL_ROWS_UPDATED_BATCH]
                  : kind == 'd' ? signals[SIGNAL_ROWS_DELETED_BATCH]
                  : 0;

  if (signal_id == 0 ||
      (!g_signal_has_handler_pending (data, signal_id, 0, FALSE) &&
       (detail == 0 || !g_signal_has_handler_pending (data, signal_id, detail, FALSE))))
    return 0;
  return signal_id;
}

static void
sink_rows_batch (gpointer             data,
                 guint                signal_id,
                 GQuark               detail,
                 MysqlBinlogRowBatch *batch,
                 guint                n_counted,
                 gsize                cost)
{
  MysqlBinlogEmission emission = {
    .kind = EMISSION_BATCH,
    .signal_id = signal_id,
    .detail = detail,
    .a = batch,
    .count = n_counted,
    .cost = cost,
  };

  if (!hand_over (data, &emission))
    mysql_binlog_row_batch_unref (batch);
}

static void
sink_event (gpointer          data,
            MysqlBinlogEvent *event,
            gsize             cost)
{
  MysqlBinlogStream *self = data;
  MysqlBinlogEmission emission = {
    .kind = EMISSION_EVENT,
    .a = event,
    .cost = cost,
  };

  if (!hand_over (self, &emission))
    mysql_binlog_event_unref (event);
}

static void
sink_rows (gpointer        data,
           guint           signal_id,
           GQuark          detail,
           MysqlBinlogRow *row,
           MysqlBinlogRow *after,
           gsize           cost)
{
  MysqlBinlogStream *self = data;
  MysqlBinlogEmission emission = {
    .kind = EMISSION_ROWS,
    .signal_id = signal_id,
    .detail = detail,
    .a = row,
    .b = after,
    .cost = cost,
  };

  /* A queued row outlives this call: it holds its own references. */
  if (self->async != NULL)
    {
      mysql_binlog_row_ref (row);
      if (after != NULL)
        mysql_binlog_row_ref (after);
    }
  hand_over (self, &emission);
}

static void
sink_position (gpointer             data,
               MysqlBinlogPosition *position,
               gint64               timestamp)
{
  MysqlBinlogStream *self = data;
  MysqlBinlogEmission emission = {
    .kind = EMISSION_POSITION,
    .a = position,
    .timestamp = timestamp,
  };

  if (!hand_over (self, &emission))
    mysql_binlog_position_unref (position);
}

static void
sink_idle (gpointer data)
{
  MysqlBinlogEmission emission = {
    .kind = EMISSION_IDLE,
  };

  hand_over (data, &emission);
}

static void
sink_reconnecting (gpointer      data,
                   guint         attempt,
                   guint         delay,
                   const GError *error)
{
  MysqlBinlogStream *self = data;
  MysqlBinlogEmission emission = {
    .kind = EMISSION_RECONNECTING,
    .attempt = attempt,
    .delay = delay,
  };

  /* A queued one holds a copy; emitted now, it borrows. */
  emission.error = self->async != NULL ? g_error_copy (error) : (GError *) error;
  hand_over (self, &emission);
}

static void
sink_schema_changed (gpointer    data,
                     const char *schema_table,
                     const char *statement)
{
  MysqlBinlogEmission emission = {
    .kind = EMISSION_SCHEMA_CHANGED,
    .detail = g_quark_from_string (schema_table),
    .a = g_strdup (schema_table),
    .b = g_strdup (statement),
  };

  if (!hand_over (data, &emission))
    {
      g_free (emission.a);
      g_free (emission.b);
    }
}

static void
sink_schema_snapshot (gpointer  data,
                      GBytes   *snapshot)
{
  MysqlBinlogEmission emission = {
    .kind = EMISSION_SCHEMA_SNAPSHOT,
    .a = g_bytes_ref (snapshot),
  };

  if (!hand_over (data, &emission))
    g_bytes_unref (snapshot);
}

/* Where the stream starts, before any transaction: what get_position()
 * returns until the first transaction is delivered. */
static void
sink_start (gpointer             data,
            MysqlBinlogPosition *position)
{
  MysqlBinlogStream *self = data;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->position, mysql_binlog_position_unref);
  self->position = position;
  g_mutex_unlock (&self->lock);
}

/* What the run does now, in order with what it delivers. */
static void
sink_state (gpointer               data,
            MysqlBinlogStreamState state)
{
  MysqlBinlogEmission emission = {
    .kind = EMISSION_STATE,
    .state = state,
  };

  hand_over (data, &emission);
}

static void
sink_snapshot (gpointer    data,
               gboolean    finished,
               const char *schema_table,
               guint64     n_rows)
{
  MysqlBinlogStream *self = data;
  MysqlBinlogEmission emission = {
    .kind = EMISSION_SNAPSHOT,
    .a = g_strdup (schema_table),
    .attempt = finished,
    .count = n_rows,
  };

  if (!hand_over (self, &emission))
    g_free (emission.a);
}

const MysqlBinlogSinkFuncs _mysql_binlog_stream_sink_funcs = {
  .stop_requested = sink_stop_requested,
  .wants_events = sink_wants_events,
  .rows_signal = sink_rows_signal,
  .event = sink_event,
  .rows = sink_rows,
  .batch_signal = sink_batch_signal,
  .rows_batch = sink_rows_batch,
  .position = sink_position,
  .idle = sink_idle,
  .reconnecting = sink_reconnecting,
  .start = sink_start,
  .snapshot = sink_snapshot,
  .state = sink_state,
  .schema_changed = sink_schema_changed,
  .schema_snapshot = sink_schema_snapshot,
};
