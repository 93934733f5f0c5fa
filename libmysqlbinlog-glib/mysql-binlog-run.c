/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-dispatcher-private.h"
#include "mysql-binlog-error.h"
#include "mysql-binlog-filter-private.h"
#include "mysql-binlog-run-private.h"
#include "mysql-binlog-position-private.h"
#include "mysql-binlog-server-source-private.h"
#include "mysql-binlog-snapshot-private.h"
#include "mysql-binlog-supervisor-private.h"
#include "mysql-binlog-tracker-private.h"

struct _MysqlBinlogRun
{
  MysqlBinlogSink sink;               /* where the changes go; it outlives the run */
  MysqlBinlogStreamSettings settings; /* its own copy */
  MysqlBinlogFilter *filter;
  MysqlBinlogCheckpoint *checkpoint;  /* on the thread that emits the signals */

  /* On the reading thread. */
  MysqlBinlogTracker *tracker;
  MysqlBinlogDispatcher *dispatcher;  /* of the current connection */
  guint n_connections;                /* attempted */
  MysqlBinlogSchemaHistory *history;  /* of the run, lent to its dispatchers */

  GMutex lock;
  GCond wakeup;                       /* with lock: ends a wait before reconnecting */
  MysqlBinlogSource *source;          /* with lock, for interrupt() */
  MysqlBinlogSnapshot *snapshot;      /* with lock: the existing rows to read */
  gboolean snapshot_only;             /* the run ends once they are read */
  GThread *reader;                    /* the reading thread */
  gint woken;                         /* atomic: the source was interrupted for a request */
};

/* Seconds of silence after which a connection that asked for heartbeats
 * counts as lost: two heartbeat periods, rounded up, and one more; 0 for
 * none. */
static guint
heartbeat_read_timeout (const MysqlBinlogStreamSettings *settings)
{
  return settings->heartbeat_period > 0 ? (2 * settings->heartbeat_period + 999) / 1000 + 1 : 0;
}

/* The connection options of @settings' server (borrowed from it). */
static MysqlBinlogConnectOptions
connect_options (const MysqlBinlogStreamSettings *settings)
{
  MysqlBinlogConnectOptions options = {
    .host = settings->host,
    .port = settings->port,
    .user = settings->user,
    .password = settings->password,
    .socket = settings->socket,
    .connect_timeout = settings->connect_timeout,
    .tls = &settings->tls,
  };

  return options;
}

MysqlBinlogRun *
_mysql_binlog_run_new (const MysqlBinlogSink          *sink,
                       const MysqlBinlogStreamSettings *settings,
                       MysqlBinlogPosition             *start)
{
  MysqlBinlogRun *run = g_new0 (MysqlBinlogRun, 1);

  run->sink = *sink;
  _mysql_binlog_settings_copy (&run->settings, settings);
  run->filter = _mysql_binlog_filter_new ((const char * const *) settings->only_schemas,
                                          (const char * const *) settings->ignored_schemas,
                                          (const char * const *) settings->only_tables,
                                          (const char * const *) settings->ignored_tables,
                                          NULL);
  /* The stream checked the patterns before the run began. */
  g_assert (run->filter != NULL);
  run->checkpoint = _mysql_binlog_checkpoint_new (settings->position_store,
                                                  settings->save_interval,
                                                  settings->save_transactions);
  run->tracker = _mysql_binlog_tracker_new (start);
  /* The definitions it follows outlive a connection. */
  if (settings->file == NULL)
    {
      MysqlBinlogConnectOptions options = connect_options (settings);

      options.read_timeout = heartbeat_read_timeout (settings);
      run->history = _mysql_binlog_schema_history_new (_mysql_binlog_metadata_new (&options),
                                                       settings->schema_unknown, run->filter);
    }
  g_mutex_init (&run->lock);
  g_cond_init (&run->wakeup);
  return run;
}

static void run_close_source (MysqlBinlogRun *run);

void
_mysql_binlog_run_release (MysqlBinlogRun *run)
{
  MysqlBinlogSnapshot *snapshot;

  run_close_source (run);
  g_mutex_lock (&run->lock);
  snapshot = g_steal_pointer (&run->snapshot);
  g_mutex_unlock (&run->lock);
  _mysql_binlog_snapshot_free (snapshot);
  g_clear_pointer (&run->dispatcher, _mysql_binlog_dispatcher_free);
  g_clear_pointer (&run->history, _mysql_binlog_schema_history_free);
  g_clear_pointer (&run->tracker, _mysql_binlog_tracker_free);
}

void
_mysql_binlog_run_set_file_schema (MysqlBinlogRun                  *run,
                                   const MysqlBinlogStreamSettings *server,
                                   GBytes                          *snapshot,
                                   const char                      *no_source)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_file_get_parse_name (run->settings.file);
  g_autofree char *unreadable = NULL;
  MysqlBinlogMetadata *metadata = NULL;

  if (server != NULL)
    {
      MysqlBinlogConnectOptions options = connect_options (server);

      metadata = _mysql_binlog_metadata_new (&options);
    }
  g_clear_pointer (&run->history, _mysql_binlog_schema_history_free);
  run->history = _mysql_binlog_schema_history_new (metadata, run->settings.schema_unknown,
                                                   run->filter);
  if (snapshot != NULL && !_mysql_binlog_schema_history_restore (run->history, snapshot, &error))
    {
      g_debug ("The schema history of the stream's schema-source cannot be read: %s",
               error->message);
      unreadable = g_strdup_printf ("the file read does not create it before this point, and "
                                    "the schema history of the stream's schema-source cannot "
                                    "be read: %s", error->message);
      no_source = unreadable;
    }
  _mysql_binlog_schema_history_set_file (run->history, file, no_source);
}

void
_mysql_binlog_run_set_schema (MysqlBinlogRun *run,
                              GBytes         *snapshot)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) state = NULL;

  if (run->history == NULL)
    return;
  if (snapshot != NULL && !_mysql_binlog_schema_history_restore (run->history, snapshot, &error))
    g_debug ("The saved schema history cannot be read (%s): the definitions are read afresh",
             error->message);
  /* Saved at the first position the run saves, even when fresh: a history
   * saved by an earlier run is not this one's. */
  state = _mysql_binlog_schema_history_snapshot (run->history);
  _mysql_binlog_checkpoint_set_schema (run->checkpoint, state);
}

void
_mysql_binlog_run_free (MysqlBinlogRun *run)
{
  if (run == NULL)
    return;
  _mysql_binlog_run_release (run);
  _mysql_binlog_settings_clear (&run->settings);
  _mysql_binlog_filter_free (run->filter);
  _mysql_binlog_checkpoint_free (run->checkpoint);
  g_mutex_clear (&run->lock);
  g_cond_clear (&run->wakeup);
  g_free (run);
}

MysqlBinlogCheckpoint *
_mysql_binlog_run_get_checkpoint (MysqlBinlogRun *run)
{
  return run->checkpoint;
}

void
_mysql_binlog_run_interrupt (MysqlBinlogRun *run)
{
  g_mutex_lock (&run->lock);
  if (run->source != NULL)
    _mysql_binlog_source_interrupt (run->source);
  if (run->snapshot != NULL)
    _mysql_binlog_snapshot_interrupt (run->snapshot);
  g_cond_broadcast (&run->wakeup);
  g_mutex_unlock (&run->lock);
}

/* The source stop() interrupts from now on; frees the previous one. */
static void
set_source (MysqlBinlogRun    *run,
            MysqlBinlogSource *source)
{
  MysqlBinlogSource *previous;

  g_mutex_lock (&run->lock);
  previous = run->source;
  run->source = source;
  g_mutex_unlock (&run->lock);
  _mysql_binlog_source_free (previous);
  if (source != NULL && _mysql_binlog_sink_stop_requested (&run->sink))
    _mysql_binlog_source_interrupt (source);
}

static void
run_close_source (MysqlBinlogRun *run)
{
  set_source (run, NULL);
}

/* Waits @delay_ms, or less when stop() is called. */
static void
run_wait (MysqlBinlogRun *run,
                        guint           delay_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) delay_ms * 1000;

  g_mutex_lock (&run->lock);
  while (!_mysql_binlog_sink_stop_requested (&run->sink))
    if (!g_cond_wait_until (&run->wakeup, &run->lock, end))
      break;
  g_mutex_unlock (&run->lock);
}

static void
note_start (MysqlBinlogRun *run)
{
  _mysql_binlog_sink_start (&run->sink, _mysql_binlog_tracker_make_position (run->tracker));
}

/* One connection: connect, start the dump, read until it ends or fails.
 * @progressed tells whether it passed a new transaction boundary. */
static gboolean
run_connection (MysqlBinlogRun  *run,
                gboolean        *progressed,
                GError         **error)
{
  const MysqlBinlogStreamSettings *settings = &run->settings;
  MysqlBinlogConnectOptions options = connect_options (settings);
  MysqlBinlogServerSettings server = {
    .options = &options,
    .server_id = settings->server_id,
    .blocking = settings->blocking,
    .heartbeat_period = settings->heartbeat_period,
  };
  MysqlBinlogTracker *tracker = run->tracker;
  MysqlBinlogSource *source = _mysql_binlog_server_source_new ();
  MysqlBinlogDecoder *decoder;
  guint64 before = tracker->n_delivered;
  guint64 delivered = before;
  gboolean checksum = FALSE;
  gboolean moved = FALSE;
  gboolean ok;

  options.read_timeout = heartbeat_read_timeout (settings);

  /* Later ones are the reconnecting that reconnecting() announced. */
  if (run->n_connections++ == 0)
    _mysql_binlog_sink_state (&run->sink, MYSQL_BINLOG_STREAM_STATE_CONNECTING);
  set_source (run, source);
  ok = _mysql_binlog_server_source_open (source, &server, tracker, &checksum, &moved, error);
  if (moved && !tracker->reached_safe)
    note_start (run);
  if (!ok)
    return FALSE;
  _mysql_binlog_sink_state (&run->sink, MYSQL_BINLOG_STREAM_STATE_STREAMING);

  decoder = _mysql_binlog_decoder_new ();
  _mysql_binlog_decoder_set_checksum (decoder, checksum);
  g_clear_pointer (&run->dispatcher, _mysql_binlog_dispatcher_free);
  run->dispatcher = _mysql_binlog_dispatcher_new (&run->sink, tracker, run->filter, decoder,
                                                  run->history);
  tracker->in_transaction = FALSE;

  if (run->snapshot != NULL)
    {
      g_autoptr(MysqlBinlogSource) wrapper = _mysql_binlog_snapshot_wrap (run->snapshot, source,
                                                                          tracker,
                                                                          run->snapshot_only);

      ok = _mysql_binlog_dispatcher_read (run->dispatcher, wrapper, NULL, &delivered, error);
    }
  else
    ok = _mysql_binlog_dispatcher_read (run->dispatcher, source, NULL, &delivered, error);
  *progressed = delivered != before;
  return ok;
}

static gboolean
read_file (MysqlBinlogRun  *run,
           GCancellable    *cancellable,
           GError         **error)
{
  MysqlBinlogSource *source;
  MysqlBinlogDecoder *decoder;

  source = _mysql_binlog_file_source_open (run->settings.file, run->tracker, cancellable, error);
  if (source == NULL)
    return FALSE;
  set_source (run, source);

  decoder = _mysql_binlog_decoder_new ();
  _mysql_binlog_decoder_set_strict_checksums (decoder, TRUE);
  run->dispatcher = _mysql_binlog_dispatcher_new (&run->sink, run->tracker, run->filter,
                                                  decoder, run->history);
  note_start (run);
  _mysql_binlog_sink_state (&run->sink, MYSQL_BINLOG_STREAM_STATE_STREAMING);
  return _mysql_binlog_dispatcher_read (run->dispatcher, source, cancellable, NULL, error);
}

/* Sets up the run's snapshot: goes on with the one a stored position was
 * in the middle of, or, as the snapshot property asks, reads the watched
 * tables of a run that has nowhere to start from, starting the binlog at
 * the point the first chunk sees.  @nothing_to_do: an INITIAL_ONLY run
 * whose snapshot was done before. */
static gboolean
prepare_snapshot (MysqlBinlogRun  *run,
                  gboolean        *nothing_to_do,
                  GError         **error)
{
  const MysqlBinlogStreamSettings *settings = &run->settings;
  MysqlBinlogConnectOptions options = connect_options (settings);
  MysqlBinlogPosition *start = run->tracker->run_start;
  const char *token = start != NULL ? _mysql_binlog_position_get_snapshot (start) : NULL;
  MysqlBinlogSnapshot *snapshot;

  *nothing_to_do = FALSE;
  snapshot = _mysql_binlog_snapshot_new (&run->sink, &options, run->filter,
                                         settings->snapshot_chunk_size);
  g_mutex_lock (&run->lock);
  run->snapshot = snapshot;
  g_mutex_unlock (&run->lock);
  run->snapshot_only = settings->snapshot == MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY;

  if (token != NULL)
    {
      if (!_mysql_binlog_snapshot_resume (snapshot, token, error))
        return FALSE;
      _mysql_binlog_tracker_set_snapshot_progress (run->tracker, token);
      return TRUE;
    }
  if (settings->snapshot == MYSQL_BINLOG_SNAPSHOT_NEVER)
    return TRUE;
  if (start != NULL)
    {
      /* Read before: only the changes are left. */
      *nothing_to_do = run->snapshot_only;
      return TRUE;
    }

  {
    g_autoptr(MysqlBinlogPosition) point = NULL;

    if (!_mysql_binlog_snapshot_plan_watched (snapshot, error))
      return FALSE;
    point = _mysql_binlog_snapshot_open (snapshot, error);
    if (point == NULL)
      return FALSE;
    _mysql_binlog_tracker_free (run->tracker);
    run->tracker = _mysql_binlog_tracker_new (mysql_binlog_position_ref (point));
    _mysql_binlog_tracker_set_snapshot_progress (run->tracker,
                                                 _mysql_binlog_position_get_snapshot (point));
  }
  return TRUE;
}

gboolean
_mysql_binlog_run_request_snapshot (MysqlBinlogRun  *run,
                                    const char      *schema_table,
                                    GError         **error)
{
  gboolean ok;

  g_mutex_lock (&run->lock);
  if (run->snapshot == NULL)
    {
      g_mutex_unlock (&run->lock);
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                           run->settings.file != NULL
                             ? "A stream of a file cannot read a table's existing rows"
                             : "The stream is not reading from its server (yet, or any more)");
      return FALSE;
    }
  ok = _mysql_binlog_snapshot_request (run->snapshot, schema_table, error);
  /* Asked from another thread, the reader may wait on an idle server
   * until the next heartbeat: its connection is interrupted and opened
   * again at once (supervised_connection()), which takes the request up
   * before the next event. */
  if (ok && g_thread_self () != run->reader && run->source != NULL)
    {
      g_atomic_int_set (&run->woken, 1);
      _mysql_binlog_source_interrupt (run->source);
    }
  g_mutex_unlock (&run->lock);
  return ok;
}

/* What the supervisor drives. */
static gboolean
supervised_connection (gpointer   data,
                       gboolean  *progressed,
                       GError   **error)
{
  MysqlBinlogRun *run = data;

  /* A non-blocking dump ends where the log ended when it got there: a
   * snapshot with rows still to read needs the events after that, up to
   * its next chunk's point, so the dump starts again from there.  A
   * connection interrupted for a snapshot request starts again too. */
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      if (run_connection (run, progressed, &local_error))
        {
          if (run->snapshot == NULL ||
              _mysql_binlog_snapshot_close_if_done (run->snapshot, FALSE) ||
              _mysql_binlog_sink_stop_requested (&run->sink))
            return TRUE;
          continue;
        }
      if (g_atomic_int_compare_and_exchange (&run->woken, 1, 0) &&
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          !_mysql_binlog_sink_stop_requested (&run->sink))
        continue;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
}

static void
supervised_close (gpointer data)
{
  run_close_source (data);
}

static void
supervised_wait (gpointer data,
                 guint    delay_ms)
{
  run_wait (data, delay_ms);
}

gboolean
_mysql_binlog_run_read (MysqlBinlogRun  *run,
                        GCancellable    *cancellable,
                        GError         **error)
{
  static const MysqlBinlogSupervisedFuncs funcs = {
    .connection = supervised_connection,
    .close = supervised_close,
    .wait = supervised_wait,
  };
  MysqlBinlogReconnectPolicy policy = {
    .attempts = run->settings.reconnect_attempts,
    .delay = run->settings.reconnect_delay,
    .max_delay = run->settings.reconnect_max_delay,
  };

  gboolean nothing_to_do;
  gboolean ok;

  run->reader = g_thread_self ();

  if (run->settings.file != NULL && run->settings.snapshot != MYSQL_BINLOG_SNAPSHOT_NEVER)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                           "A stream of a file has no existing rows to read: set its snapshot "
                           "property to MYSQL_BINLOG_SNAPSHOT_NEVER");
      return FALSE;
    }
  if (run->settings.file != NULL)
    return read_file (run, cancellable, error);
  if (run->settings.server_id == 0)
    {
      g_set_error_literal (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                           "The stream's server-id is 0: set it to an id that neither the "
                           "server nor any of its other replicas uses");
      return FALSE;
    }
  if (!prepare_snapshot (run, &nothing_to_do, error))
    ok = FALSE;
  else if (nothing_to_do)
    ok = TRUE;
  else
    ok = _mysql_binlog_supervisor_run (&funcs, run, &policy, &run->sink, error);
  if (run->snapshot != NULL)
    _mysql_binlog_snapshot_close_if_done (run->snapshot, TRUE);
  return ok;
}
