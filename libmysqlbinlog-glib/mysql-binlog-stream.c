/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-stream-private.h"
#include "mysql-binlog-checkpoint-private.h"

/**
 * MysqlBinlogStream:
 *
 * Reads the binary log of a MySQL or MariaDB server as a replica and emits
 * one signal per event and one per changed row, in binlog order.
 *
 * Configure the stream with properties (where to connect, a
 * [property@MysqlBinlog.Stream:server-id] no other replica of the server
 * uses, where to start, which tables to follow), connect handlers, then
 * call [method@MysqlBinlog.Stream.run].  Row handlers receive
 * [struct@MysqlBinlog.Row]s; connect to a detailed signal such as
 * `rows-inserted::shop.orders` to receive one table's rows only, and rows
 * of tables nobody listens to are not even decoded.
 *
 * ```c
 * static void
 * on_inserted (MysqlBinlogStream *stream, MysqlBinlogRow *row, gpointer user_data)
 * {
 *   g_autofree char *name = mysql_binlog_row_dup_string (row, 1);
 *   g_print ("new order %" G_GINT64_FORMAT " for %s\n",
 *            mysql_binlog_row_get_int64 (row, 0), name);
 * }
 *
 * g_autoptr(MysqlBinlogStream) stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM,
 *                                                     "host", "127.0.0.1",
 *                                                     "user", "replica",
 *                                                     "password", "secret",
 *                                                     "server-id", 1001,
 *                                                     NULL);
 * g_signal_connect (stream, "rows-inserted::shop.orders", G_CALLBACK (on_inserted), NULL);
 * if (!mysql_binlog_stream_run (stream, NULL, &error))
 *   g_printerr ("%s\n", error->message);
 * ```
 *
 * The server must write a row-based binary log (`log_bin` on,
 * `binlog_format=ROW`), and the account needs the `REPLICATION SLAVE` and
 * `REPLICATION CLIENT` privileges.  Column names come from the table map
 * when the server writes `binlog_row_metadata=FULL`; otherwise the stream
 * reads them from `information_schema` through a second connection, which
 * needs `SELECT` on the tables followed.
 *
 * ## Threading
 *
 * [method@MysqlBinlog.Stream.run] blocks and emits every signal on the
 * thread that called it, in binlog order.
 * [method@MysqlBinlog.Stream.run_async] reads on a thread of its own and
 * emits every signal on the thread-default main context of its caller,
 * in binlog order: "the thread that runs the stream" in the signals'
 * descriptions is then that context's thread.  The
 * [property@MysqlBinlog.Stream:position-store] is used on the same thread
 * as the signals.
 * [method@MysqlBinlog.Stream.stop] may be called from a signal handler or
 * from any other thread.
 *
 * ## Replication mode
 *
 * With a [property@MysqlBinlog.Stream:position-store] the stream starts
 * where the store says and saves its position after each transaction, so
 * a restarted program loses no change; with
 * [property@MysqlBinlog.Stream:reconnect-attempts] it survives server
 * restarts and network failures without losing or repeating a row.  A
 * handler that cannot handle a change (its own database is down, say)
 * calls [method@MysqlBinlog.Stream.fail]: the run ends with that error and
 * the transaction is not checkpointed, so the next run delivers it again.
 *
 * ```c
 * g_autoptr(GFile) file = g_file_new_for_path ("/var/lib/myapp/binlog.position");
 * g_autoptr(MysqlBinlogFilePositionStore) store = mysql_binlog_file_position_store_new (file);
 *
 * g_object_set (stream,
 *               "position-store", store,
 *               "reconnect-attempts", -1,
 *               NULL);
 * ```
 *
 * Since: 1.0
 */

G_DEFINE_FINAL_TYPE (MysqlBinlogStream, mysql_binlog_stream, G_TYPE_OBJECT)

GParamSpec *_mysql_binlog_stream_properties[N_PROPS];
guint _mysql_binlog_stream_signals[N_SIGNALS];

static guint * const signals = _mysql_binlog_stream_signals;

/* Drops the objects the stream holds that may hold it in turn (a position
 * store or a GFile written in a binding, whose wrapper keeps the stream
 * that uses it), to break such a cycle.  Not while a run uses them: the
 * run drops them when it ends. */
static void
release_objects (MysqlBinlogStream *self)
{
  g_clear_object (&self->settings.position_store);
  g_clear_object (&self->settings.file);
}

static void
mysql_binlog_stream_dispose (GObject *object)
{
  MysqlBinlogStream *self = MYSQL_BINLOG_STREAM (object);

  self->disposed = TRUE;
  if (!_mysql_binlog_stream_is_running (self))
    release_objects (self);

  G_OBJECT_CLASS (mysql_binlog_stream_parent_class)->dispose (object);
}

/* A disposed stream has lost its file and its store: running it would
 * read from a server, or without its store, instead. */
static gboolean
check_not_disposed (MysqlBinlogStream  *self,
                    GError            **error)
{
  if (!self->disposed)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED,
                       "The stream was disposed: it cannot run again");
  return FALSE;
}

static void
mysql_binlog_stream_finalize (GObject *object)
{
  MysqlBinlogStream *self = MYSQL_BINLOG_STREAM (object);

  _mysql_binlog_settings_clear (&self->settings);
  _mysql_binlog_stream_state_clear (self);
  g_clear_pointer (&self->position, mysql_binlog_position_unref);
  g_clear_error (&self->failure);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (mysql_binlog_stream_parent_class)->finalize (object);
}

static void
mysql_binlog_stream_class_init (MysqlBinlogStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mysql_binlog_stream_dispose;
  object_class->finalize = mysql_binlog_stream_finalize;
  object_class->get_property = _mysql_binlog_stream_get_property;
  object_class->set_property = _mysql_binlog_stream_set_property;

  _mysql_binlog_stream_install_properties (object_class, _mysql_binlog_stream_properties);
  _mysql_binlog_stream_install_signals (G_TYPE_FROM_CLASS (klass), _mysql_binlog_stream_signals);
}

static void
mysql_binlog_stream_init (MysqlBinlogStream *self)
{
  g_mutex_init (&self->lock);
  _mysql_binlog_settings_init (&self->settings);
  _mysql_binlog_stream_state_init (self);
}

/**
 * mysql_binlog_stream_new:
 *
 * Creates a stream to configure with its properties, e.g.
 * [property@MysqlBinlog.Stream:host] and
 * [property@MysqlBinlog.Stream:server-id].
 *
 * Returns: (transfer full): a new stream
 *
 * Since: 1.0
 */
MysqlBinlogStream *
mysql_binlog_stream_new (void)
{
  return g_object_new (MYSQL_BINLOG_TYPE_STREAM, NULL);
}

/**
 * mysql_binlog_stream_new_for_file:
 * @file: a binary log file
 *
 * Creates a stream that reads the events of one binary log file, read
 * through GIO, from its start to its end, through the same signals as a
 * stream from a server.  See [property@MysqlBinlog.Stream:file].
 *
 * Returns: (transfer full): a new stream
 *
 * Since: 1.0
 */
MysqlBinlogStream *
mysql_binlog_stream_new_for_file (GFile *file)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (MYSQL_BINLOG_TYPE_STREAM, "file", file, NULL);
}

/**
 * mysql_binlog_stream_get_position: (get-property position)
 * @stream: a stream
 *
 * Gets the last position it is safe to resume from: the one the latest
 * [signal@MysqlBinlog.Stream::binlog-position] carried, or where the stream
 * started.  Thread-safe.
 *
 * Returns: (nullable) (transfer full): the position, or %NULL when the
 *   stream has not started and has no start position
 *
 * Since: 1.0
 */
MysqlBinlogPosition *
mysql_binlog_stream_get_position (MysqlBinlogStream *stream)
{
  MysqlBinlogPosition *position = NULL;

  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), NULL);

  g_mutex_lock (&stream->lock);
  if (stream->position != NULL)
    position = mysql_binlog_position_ref (stream->position);
  else if (stream->settings.start_position != NULL)
    position = mysql_binlog_position_ref (stream->settings.start_position);
  g_mutex_unlock (&stream->lock);

  return position;
}

/**
 * mysql_binlog_stream_stop:
 * @stream: a stream
 *
 * Ends a running stream after the event it is handling: the running
 * [method@MysqlBinlog.Stream.run] returns %TRUE (the callback of
 * [method@MysqlBinlog.Stream.run_async] runs, and
 * [method@MysqlBinlog.Stream.run_finish] returns %TRUE), having saved the
 * position of the last transaction delivered.
 *
 * May be called from one of the stream's handlers, from any other thread,
 * or from a g_unix_signal_add() callback of the main loop that runs
 * [method@MysqlBinlog.Stream.run_async].  The run ends within milliseconds
 * whatever it is doing: waiting for new events on an idle server (the
 * blocked read is woken by shutting the connection's socket down),
 * connecting or logging in (the connection is left to a thread of its
 * own, which closes it), backing off before connecting again, or reading
 * a large event.  A Python `run()` on the main thread also ends at once
 * on Ctrl-C, raising `KeyboardInterrupt`, or when a Python signal handler
 * calls this.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_stop (MysqlBinlogStream *stream)
{
  MysqlBinlogAsyncRunner *runner = NULL;

  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));

  g_atomic_int_set (&stream->stop_requested, 1);
  g_mutex_lock (&stream->lock);
  if (stream->run != NULL)
    _mysql_binlog_run_interrupt (stream->run);
  if (stream->async != NULL)
    runner = _mysql_binlog_async_runner_ref (stream->async);
  g_mutex_unlock (&stream->lock);

  if (runner != NULL)
    {
      _mysql_binlog_async_runner_stop (runner);
      _mysql_binlog_async_runner_unref (runner);
    }
}

/**
 * mysql_binlog_stream_fail:
 * @stream: a running stream
 * @error: why the handler failed
 *
 * Ends the running stream because a handler could not handle what it was
 * given: once the handler that calls this returns, nothing more is
 * emitted, and [method@MysqlBinlog.Stream.run] (or
 * [method@MysqlBinlog.Stream.run_finish]) fails with a copy of @error,
 * whatever the run's outcome would have been otherwise.
 *
 * The transaction being delivered is not checkpointed: no
 * [signal@MysqlBinlog.Stream::binlog-position] is emitted for it or for
 * anything after it, [method@MysqlBinlog.Stream.get_position] stays at the
 * end of the transaction before it, and the
 * [property@MysqlBinlog.Stream:position-store] saves no later position
 * (it still saves the transactions delivered before that one, which
 * [property@MysqlBinlog.Stream:save-transactions] may have held back).  A
 * run restarted from the store therefore delivers the failed transaction
 * again, from its first row.
 *
 * Call it from a handler of any of the stream's signals.  Called from a
 * [signal@MysqlBinlog.Stream::binlog-position] handler, it means the
 * transaction that ends at that position failed: the position is not
 * kept (get_position() returns the one before) and not saved.  Called from
 * another thread while the stream runs, the run ends as promptly as
 * [method@MysqlBinlog.Stream.stop] ends it, and no position reached after
 * the call is kept or saved.
 *
 * Called while the [property@MysqlBinlog.Stream:position-store] loads the
 * position to start from, it makes the run fail at once, before anything
 * is read.
 *
 * Only the first call of a run counts: later ones, and the outcome of the
 * run itself (a cancellation, a lost connection), give way to the first
 * error.  Calling it while the stream is not running is a programmer error:
 * it logs a critical warning and does nothing, and the next run does not
 * see it.
 *
 * In Python an exception raised by a handler connected with `connect()`
 * calls this, and `run()` raises that exception.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_fail (MysqlBinlogStream *stream,
                          const GError      *error)
{
  GError *copy;

  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  g_return_if_fail (error != NULL);
  g_return_if_fail (_mysql_binlog_stream_is_running (stream));

  copy = g_error_copy (error);
  if (!g_atomic_pointer_compare_and_exchange (&stream->failure, NULL, copy))
    {
      g_error_free (copy);
      return;
    }
  mysql_binlog_stream_stop (stream);
}

static void
on_cancelled (GCancellable      *cancellable,
              MysqlBinlogStream *self)
{
  mysql_binlog_stream_stop (self);
}

/* The handlers of everything before @delivered have returned: publish it,
 * tell the handlers, save it when it is time to, and notify it when it
 * is time to.  @timestamp: of the event that ends its transaction. */
static void
position_delivered (MysqlBinlogStream   *self,
                    MysqlBinlogPosition *delivered,
                    gint64               timestamp)
{
  MysqlBinlogCheckpoint *checkpoint = _mysql_binlog_run_get_checkpoint (self->run);
  g_autoptr(MysqlBinlogPosition) position = _mysql_binlog_checkpoint_attach_schema (checkpoint,
                                                                                    delivered);
  g_autoptr(MysqlBinlogPosition) previous = NULL;

  g_mutex_lock (&self->lock);
  previous = g_steal_pointer (&self->position);
  self->position = mysql_binlog_position_ref (position);
  g_mutex_unlock (&self->lock);

  if (g_signal_has_handler_pending (self, signals[SIGNAL_BINLOG_POSITION], 0, FALSE))
    g_signal_emit (self, signals[SIGNAL_BINLOG_POSITION], 0, position);

  /* A handler of this position failed: the transaction that ends here is
   * not done, so the position is neither kept nor saved. */
  if (_mysql_binlog_stream_has_failed (self))
    {
      g_mutex_lock (&self->lock);
      g_clear_pointer (&self->position, mysql_binlog_position_unref);
      self->position = g_steal_pointer (&previous);
      g_mutex_unlock (&self->lock);
      return;
    }

  if (!_mysql_binlog_checkpoint_delivered (checkpoint, position))
    mysql_binlog_stream_stop (self);
  _mysql_binlog_stream_progress (self, timestamp);
}

/* The one place that emits what a run delivered: a decoded event or row
 * change, a transaction boundary, a reconnection.  On the thread that
 * emits the signals, for run() and run_async() alike. */
void
_mysql_binlog_stream_deliver (MysqlBinlogStream         *self,
                              const MysqlBinlogEmission *emission)
{
  /* Once a handler failed, nothing after it is delivered. */
  if (_mysql_binlog_stream_has_failed (self))
    return;

  switch (emission->kind)
    {
    case EMISSION_EVENT:
      g_signal_emit (self, signals[SIGNAL_BINLOG], 0, emission->a);
      break;
    case EMISSION_ROWS:
      _mysql_binlog_stream_count_row (self);
      if (emission->b != NULL)
        g_signal_emit (self, emission->signal_id, emission->detail, emission->a, emission->b);
      else
        g_signal_emit (self, emission->signal_id, emission->detail, emission->a);
      break;
    case EMISSION_BATCH:
      if (emission->count > 0)
        _mysql_binlog_stream_count_rows (self, emission->count);
      g_signal_emit (self, emission->signal_id, emission->detail, emission->a);
      break;
    case EMISSION_POSITION:
      position_delivered (self, emission->a, emission->timestamp);
      break;
    case EMISSION_RECONNECTING:
      _mysql_binlog_stream_set_state (self, MYSQL_BINLOG_STREAM_STATE_RECONNECTING);
      g_signal_emit (self, signals[SIGNAL_RECONNECTING], 0, emission->attempt, emission->delay,
                     emission->error);
      break;
    case EMISSION_SCHEMA_SNAPSHOT:
      _mysql_binlog_checkpoint_set_schema (_mysql_binlog_run_get_checkpoint (self->run),
                                           emission->a);
      break;
    case EMISSION_SCHEMA_CHANGED:
      g_signal_emit (self, signals[SIGNAL_SCHEMA_CHANGED], emission->detail, emission->a,
                     emission->b);
      break;
    case EMISSION_SNAPSHOT:
      _mysql_binlog_stream_deliver_snapshot (self, emission);
      break;
    case EMISSION_IDLE:
      /* A heartbeat: the stream caught up; and no transaction for a
       * while: save what save-interval held back. */
      _mysql_binlog_stream_caught_up (self);
      if (!_mysql_binlog_checkpoint_idle (_mysql_binlog_run_get_checkpoint (self->run)))
        mysql_binlog_stream_stop (self);
      break;
    case EMISSION_STATE:
      _mysql_binlog_stream_set_state (self, emission->state);
      break;
    }
}

/**
 * mysql_binlog_stream_run:
 * @stream: a stream
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError, or %NULL
 *
 * Connects to the server and reads its binary log, emitting the signals on
 * the calling thread as events arrive, until the stream ends: a stream
 * that is not [property@MysqlBinlog.Stream:blocking] ends at the end of the
 * binary log; any stream ends when [method@MysqlBinlog.Stream.stop] is
 * called.
 *
 * With a [property@MysqlBinlog.Stream:position-store], the stream starts
 * from the stored position and saves the position as transactions are
 * delivered (see the property).  With
 * [property@MysqlBinlog.Stream:reconnect-attempts], a lost connection is
 * opened again and the stream goes on where it was, without losing or
 * repeating a row.
 *
 * Cancelling @cancellable interrupts the stream as promptly as
 * [method@MysqlBinlog.Stream.stop] does (within milliseconds, also while
 * connecting or waiting on an idle server), and makes this function fail
 * with %G_IO_ERROR_CANCELLED.  A handler that calls
 * [method@MysqlBinlog.Stream.fail] makes it fail with the handler's error,
 * and the transaction it failed on is not checkpointed.
 *
 * A stream runs once at a time: called while the stream runs (from one of
 * its handlers, from another thread, or during a
 * [method@MysqlBinlog.Stream.run_async]), this function fails at once with
 * %G_IO_ERROR_PENDING and the run in progress goes on.
 *
 * Disposing of the stream (g_object_run_dispose()) drops its
 * [property@MysqlBinlog.Stream:position-store] and its
 * [property@MysqlBinlog.Stream:file], once the run in progress if any has
 * ended; a disposed stream no longer runs: this function fails with
 * %G_IO_ERROR_CLOSED.
 *
 * Returns: %TRUE when the stream reached its end or was stopped, %FALSE
 *   with @error set otherwise
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_stream_run (MysqlBinlogStream  *stream,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  gulong cancel_id = 0;
  gboolean ok;

  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_not_disposed (stream, error) ||
      !_mysql_binlog_stream_begin_run (stream, cancellable, error))
    return FALSE;

  g_object_ref (stream);
  if (cancellable != NULL)
    cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_cancelled), stream, NULL);

  ok = _mysql_binlog_run_read (stream->run, cancellable, &local_error);

  if (cancel_id != 0)
    g_cancellable_disconnect (cancellable, cancel_id);

  ok = _mysql_binlog_stream_end_run (stream, cancellable, ok, local_error, error);
  if (stream->disposed)
    release_objects (stream);
  g_object_unref (stream);
  return ok;
}

/* Asynchronous runs: the I/O and decoding run on the runner's thread,
 * which hands every emission to the caller's main context. */

static gboolean
async_run (gpointer       owner,
           GCancellable  *cancellable,
           GError       **error)
{
  MysqlBinlogStream *self = owner;

  return _mysql_binlog_run_read (self->run, cancellable, error);
}

static void
async_cancelled (gpointer owner)
{
  mysql_binlog_stream_stop (owner);
}

static gboolean
async_finish (gpointer       owner,
              GCancellable  *cancellable,
              gboolean       ok,
              GError        *run_error,
              GError       **error)
{
  MysqlBinlogStream *self = owner;

  g_mutex_lock (&self->lock);
  self->async = NULL;
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&self->context, g_main_context_unref);
  ok = _mysql_binlog_stream_end_run (self, cancellable, ok, run_error, error);
  if (self->disposed)
    release_objects (self);
  return ok;
}

static const MysqlBinlogAsyncRunnerFuncs async_funcs = {
  .run = async_run,
  .deliver = _mysql_binlog_emission_deliver_queued,
  .free_item = _mysql_binlog_emission_free,
  .cancelled = async_cancelled,
  .finish = async_finish,
};

/**
 * mysql_binlog_stream_run_async:
 * @stream: a stream
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (closure user_data): called when the stream ends
 * @user_data: data for @callback
 *
 * Runs the stream like [method@MysqlBinlog.Stream.run] without blocking the
 * caller: the network I/O and the decoding run on a thread of their own,
 * and every signal is emitted on the thread-default [struct@GLib.MainContext]
 * of the caller (the main loop of a GTK or GApplication program), in
 * binlog order.  The position store, when set, is used on that context too.
 *
 * At most 1024 emissions, holding at most 16 MiB of the binary log, wait
 * for the main context, so the memory stays bounded whatever the rate of
 * changes and the size of the rows: the reading thread waits while the
 * handlers catch up.
 *
 * [method@MysqlBinlog.Stream.stop] or cancelling @cancellable ends the run
 * promptly: emissions still waiting are dropped, the last delivered
 * position is saved, and @callback runs.  Call
 * [method@MysqlBinlog.Stream.run_finish] there to get the result.
 *
 * Called while the stream runs (through this function or
 * [method@MysqlBinlog.Stream.run]), it starts nothing: @callback gets
 * %G_IO_ERROR_PENDING, and the run in progress goes on.  A disposed stream
 * gets %G_IO_ERROR_CLOSED.
 *
 * Since: 1.0
 */
void
mysql_binlog_stream_run_async (MysqlBinlogStream   *stream,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  MysqlBinlogAsyncRunner *runner;

  g_return_if_fail (MYSQL_BINLOG_IS_STREAM (stream));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (stream, cancellable, callback, user_data);
  g_task_set_source_tag (task, mysql_binlog_stream_run_async);

  if (!check_not_disposed (stream, &error) ||
      !_mysql_binlog_stream_begin_run (stream, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  runner = _mysql_binlog_async_runner_new (&async_funcs, stream, task);
  /* Where held-back notifications go, beside the signals. */
  stream->context = g_main_context_ref (g_task_get_context (task));
  g_mutex_lock (&stream->lock);
  stream->async = runner;  /* until async_finish() */
  g_mutex_unlock (&stream->lock);
  _mysql_binlog_async_runner_start (runner);
  /* The runner's source and thread hold their own references. */
  _mysql_binlog_async_runner_unref (runner);
}

/**
 * mysql_binlog_stream_run_finish:
 * @stream: a stream
 * @result: the result given to the callback of [method@MysqlBinlog.Stream.run_async]
 * @error: return location for a #GError, or %NULL
 *
 * Gets the result of [method@MysqlBinlog.Stream.run_async].
 *
 * Returns: %TRUE when the stream reached its end or was stopped, %FALSE
 *   with @error set otherwise (%G_IO_ERROR_CANCELLED when cancelled, the
 *   error given to [method@MysqlBinlog.Stream.fail] when a handler failed,
 *   %G_IO_ERROR_PENDING when the stream was running already)
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_stream_run_finish (MysqlBinlogStream  *stream,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (MYSQL_BINLOG_IS_STREAM (stream), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, stream), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mysql_binlog_stream_run_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
