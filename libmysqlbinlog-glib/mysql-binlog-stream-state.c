/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* What a stream is doing, as read-only properties: its state, its
 * position, the rows it delivered and its lag.  Everything changes and
 * is notified on the thread that emits the signals, in order with them
 * (a run's states come through its sink like its rows); readers on other
 * threads go through the stream's lock and atomics.
 *
 * The per-row path only counts (mysql-binlog-stream-private.h).  The
 * notifications of the position, the rows and the lag are coalesced at
 * each position: the first one after position-notify-interval goes out
 * at once, those before it are held back.  During run_async() a timer on
 * the caller's context notifies what was held back when the interval is
 * over; run() keeps its thread, so there it waits for the next position,
 * the next heartbeat or the end of the run. */

#include "config.h"

#include "mysql-binlog-stream-private.h"
#include "mysql-binlog-enum-types.h"

static GParamSpec ** const properties = _mysql_binlog_stream_properties;

void
_mysql_binlog_stream_state_init (MysqlBinlogStream *self)
{
  self->state = MYSQL_BINLOG_STREAM_STATE_IDLE;
  self->notify_interval = 250;
}

static void
cancel_timer (MysqlBinlogStream *self)
{
  if (self->notify_timer == NULL)
    return;
  g_source_destroy (self->notify_timer);
  g_clear_pointer (&self->notify_timer, g_source_unref);
}

void
_mysql_binlog_stream_state_clear (MysqlBinlogStream *self)
{
  cancel_timer (self);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->notified_position, mysql_binlog_position_unref);
}

void
_mysql_binlog_stream_set_state (MysqlBinlogStream      *self,
                                MysqlBinlogStreamState  state)
{
  if ((MysqlBinlogStreamState) g_atomic_int_get (&self->state) == state)
    return;
  g_atomic_int_set (&self->state, state);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static guint64
get_rows (MysqlBinlogStream *self)
{
  return __atomic_load_n (&self->rows_delivered, __ATOMIC_RELAXED);
}

/* Seconds behind the server, now. */
static double
current_lag (MysqlBinlogStream *self)
{
  double lag;

  if (self->caught_up || self->last_timestamp == 0)
    return 0;
  lag = (double) g_get_real_time () / G_USEC_PER_SEC - (double) self->last_timestamp;
  return MAX (lag, 0);
}

static gboolean
same_position (MysqlBinlogPosition *a,
               MysqlBinlogPosition *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a == b || mysql_binlog_position_equal (a, b);
}

/* Notifies whichever of the position, the rows delivered and the lag
 * changed since the last time, and starts the next interval. */
static void
notify_progress (MysqlBinlogStream *self)
{
  GObject *object = G_OBJECT (self);
  g_autoptr(MysqlBinlogPosition) position = mysql_binlog_stream_get_position (self);
  guint64 rows = get_rows (self);
  double lag = current_lag (self);
  gboolean lag_changed;

  cancel_timer (self);
  self->next_notify = g_get_monotonic_time () +
                      (gint64) g_atomic_int_get (&self->notify_interval) * 1000;

  g_mutex_lock (&self->lock);
  lag_changed = self->lag != lag;
  self->lag = lag;
  g_mutex_unlock (&self->lock);

  g_object_freeze_notify (object);
  if (!same_position (position, self->notified_position))
    {
      g_clear_pointer (&self->notified_position, mysql_binlog_position_unref);
      self->notified_position = g_steal_pointer (&position);
      g_object_notify_by_pspec (object, properties[PROP_POSITION]);
    }
  if (rows != self->notified_rows)
    {
      self->notified_rows = rows;
      g_object_notify_by_pspec (object, properties[PROP_ROWS_DELIVERED]);
    }
  if (lag_changed)
    g_object_notify_by_pspec (object, properties[PROP_LAG]);
  g_object_thaw_notify (object);
}

static gboolean
on_notify_timer (gpointer data)
{
  MysqlBinlogStream *self = data;

  /* notify_progress() would destroy the source that runs. */
  g_clear_pointer (&self->notify_timer, g_source_unref);
  notify_progress (self);
  return G_SOURCE_REMOVE;
}

void
_mysql_binlog_stream_progress (MysqlBinlogStream *self,
                               gint64             timestamp)
{
  gint64 now;

  if (timestamp != 0)
    {
      self->last_timestamp = timestamp;
      self->caught_up = FALSE;
    }

  /* One clock reading per transaction, none per row. */
  now = g_get_monotonic_time ();
  if (now >= self->next_notify)
    {
      notify_progress (self);
      return;
    }
  if (self->context == NULL || self->notify_timer != NULL)
    return;

  /* The run owns no timer but this one, which end_run() destroys: it
   * needs no reference of the stream. */
  self->notify_timer = g_timeout_source_new ((guint) ((self->next_notify - now + 999) / 1000));
  g_source_set_callback (self->notify_timer, on_notify_timer, self, NULL);
  g_source_set_static_name (self->notify_timer, "MysqlBinlogStream position");
  g_source_attach (self->notify_timer, self->context);
}

void
_mysql_binlog_stream_caught_up (MysqlBinlogStream *self)
{
  self->caught_up = TRUE;
  /* Rare (heartbeats), and notifies only what changed. */
  notify_progress (self);
}

void
_mysql_binlog_stream_run_started (MysqlBinlogStream *self)
{
  __atomic_store_n (&self->rows_delivered, 0, __ATOMIC_RELAXED);
  self->last_timestamp = 0;
  self->caught_up = FALSE;
  self->next_notify = 0;
}

void
_mysql_binlog_stream_run_ended (MysqlBinlogStream *self,
                                gboolean           caught_up)
{
  if (caught_up)
    self->caught_up = TRUE;
  /* The last notification carries the final position. */
  notify_progress (self);
  cancel_timer (self);
}

gboolean
_mysql_binlog_stream_get_state_property (MysqlBinlogStream *self,
                                         guint              prop_id,
                                         GValue            *value)
{
  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, mysql_binlog_stream_get_state (self));
      return TRUE;
    case PROP_POSITION:
      g_value_take_boxed (value, mysql_binlog_stream_get_position (self));
      return TRUE;
    case PROP_POSITION_NOTIFY_INTERVAL:
      g_value_set_uint (value, mysql_binlog_stream_get_position_notify_interval (self));
      return TRUE;
    case PROP_ROWS_DELIVERED:
      g_value_set_uint64 (value, mysql_binlog_stream_get_rows_delivered (self));
      return TRUE;
    case PROP_LAG:
      g_value_set_double (value, mysql_binlog_stream_get_lag (self));
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * mysql_binlog_stream_get_state: (get-property state)
 * @stream: a stream
 *
 * Gets what the stream is doing, as [property@MysqlBinlog.Stream:state]
 * last notified it.  Thread-safe.
 *
 * Returns: the state
 *
 * Since: 1.0
 */
MysqlBinlogStreamState
mysql_binlog_stream_get_state (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), MYSQL_BINLOG_STREAM_STATE_IDLE);

  return g_atomic_int_get (&stream->state);
}

/**
 * mysql_binlog_stream_get_rows_delivered: (get-property rows-delivered)
 * @stream: a stream
 *
 * Gets the number of row changes handed to the handlers since the
 * current or last run started: see
 * [property@MysqlBinlog.Stream:rows-delivered].  Thread-safe.
 *
 * Returns: the rows delivered
 *
 * Since: 1.0
 */
guint64
mysql_binlog_stream_get_rows_delivered (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), 0);

  return get_rows (stream);
}

/**
 * mysql_binlog_stream_get_lag: (get-property lag)
 * @stream: a stream
 *
 * Gets how far behind the server the stream was, in seconds, at the
 * latest notification of its position: see
 * [property@MysqlBinlog.Stream:lag].  Thread-safe.
 *
 * Returns: the lag in seconds, 0 when caught up
 *
 * Since: 1.0
 */
double
mysql_binlog_stream_get_lag (MysqlBinlogStream *stream)
{
  double lag;

  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), 0);

  g_mutex_lock (&stream->lock);
  lag = stream->lag;
  g_mutex_unlock (&stream->lock);
  return lag;
}

/**
 * mysql_binlog_stream_get_position_notify_interval: (get-property position-notify-interval)
 * @stream: a stream
 *
 * Gets the least time between two notifications of
 * [property@MysqlBinlog.Stream:position].
 *
 * Returns: the interval in milliseconds
 *
 * Since: 1.0
 */
guint
mysql_binlog_stream_get_position_notify_interval (MysqlBinlogStream *stream)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), 0);

  return g_atomic_int_get (&stream->notify_interval);
}

/**
 * mysql_binlog_stream_set_position_notify_interval: (set-property position-notify-interval)
 * @stream: a stream
 * @interval: the least time between two notifications, in milliseconds;
 *   0 for every position
 *
 * Sets the least time between two notifications of
 * [property@MysqlBinlog.Stream:position].  It may be set while the stream
 * runs, from any thread; the interval under way keeps its end.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_set_position_notify_interval (MysqlBinlogStream *stream,
                                                  guint              interval)
{
  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));

  if ((guint) g_atomic_int_get (&stream->notify_interval) == interval)
    return;
  g_atomic_int_set (&stream->notify_interval, interval);
  g_object_notify_by_pspec (G_OBJECT (stream), properties[PROP_POSITION_NOTIFY_INTERVAL]);
}
