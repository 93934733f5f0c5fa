/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* The stream's side of a run's start and end, for run() and run_async():
 * one run at a time, the position to start from (the store's, or the
 * start-position), the snapshot of the settings the run works from, and
 * at the end the last save and the result (a handler's failure first,
 * then the store's, then a cancellation, then the run's own outcome). */

#include "config.h"

#include "mysql-binlog-stream-private.h"
#include "mysql-binlog-checkpoint-private.h"
#include "mysql-binlog-file-position-store-private.h"
#include "mysql-binlog-filter-private.h"
#include "mysql-binlog-position-private.h"

static void
clear_failure (MysqlBinlogStream *self)
{
  GError *failure = g_atomic_pointer_exchange (&self->failure, NULL);

  g_clear_error (&failure);
}

/* Runs on the thread that owns the signals, before the I/O starts. */
gboolean
_mysql_binlog_stream_begin_run (MysqlBinlogStream  *self,
                                GCancellable       *cancellable,
                                GError            **error)
{
  g_autoptr(MysqlBinlogPosition) stored = NULL;
  g_autoptr(GBytes) schema = NULL;
  MysqlBinlogSink sink = { &_mysql_binlog_stream_sink_funcs, self };
  MysqlBinlogRun *run;

  if (!g_atomic_int_compare_and_exchange (&self->running, 0, 1))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           "The stream is already running");
      return FALSE;
    }

  clear_failure (self);
  {
    g_autoptr(GError) local_error = NULL;
    g_autoptr(MysqlBinlogFilter) filter = NULL;

    filter = _mysql_binlog_filter_new ((const char * const *) self->settings.only_schemas,
                                       (const char * const *) self->settings.ignored_schemas,
                                       (const char * const *) self->settings.only_tables,
                                       (const char * const *) self->settings.ignored_tables,
                                       &local_error);
    if (filter == NULL)
      {
        g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                    "The stream's table filters: ");
        g_atomic_int_set (&self->running, 0);
        return FALSE;
      }
  }
  if (self->settings.position_store != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      stored = mysql_binlog_position_store_load (self->settings.position_store, cancellable,
                                                  &local_error);
      /* fail() while the store loads (a binding does so for an exception
       * raised in a store written in its language): the load did not
       * work, whatever it returned. */
      if (local_error == NULL)
        local_error = g_atomic_pointer_exchange (&self->failure, NULL);
      clear_failure (self);
      if (local_error != NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      "Loading the position to start from: ");
          g_atomic_int_set (&self->running, 0);
          return FALSE;
        }
    }

  g_atomic_int_set (&self->stop_requested, 0);
  if (stored == NULL && self->settings.start_position != NULL)
    stored = mysql_binlog_position_ref (self->settings.start_position);
  /* The definitions in force at the start: a position that a stream
   * delivered, or that a file position store loaded, carries them. */
  if (stored != NULL && _mysql_binlog_position_get_schema (stored) != NULL)
    schema = g_bytes_ref (_mysql_binlog_position_get_schema (stored));
  else if (stored != NULL && self->settings.file == NULL)
    g_debug ("The start position carries no table definitions: those in force there are "
             "read afresh");
  /* The run copies the settings once the properties are locked: a
   * setter refuses to change them now. */
  run = _mysql_binlog_run_new (&sink, &self->settings, g_steal_pointer (&stored));
  /* A file's own DDL statements give the definitions of its tables from
   * their CREATE TABLE on; a schema-source, those of the tables the part
   * read does not create. */
  if (self->settings.file != NULL)
    {
      GObject *source = self->settings.schema_source;
      const MysqlBinlogStreamSettings *server = NULL;
      g_autoptr(GBytes) saved = NULL;
      g_autofree char *no_source = NULL;

      /* The state saved at or before the file's start. */
      if (source != NULL && G_IS_FILE (source))
        {
          g_autofree char *name = g_file_get_basename (self->settings.file);
          g_autofree char *source_name = g_file_get_parse_name (G_FILE (source));
          g_autoptr(MysqlBinlogPosition) file_start = mysql_binlog_position_new (name, 4);
          g_autofree char *why = NULL;

          saved = _mysql_binlog_schema_history_file_load (G_FILE (source), file_start, &why);
          if (saved == NULL)
            {
              g_debug ("The stream's schema-source holds no definitions for %s: %s", name, why);
              no_source = g_strdup_printf ("the file read does not create it before this "
                                           "point, and the schema-source %s holds no "
                                           "definitions for %s: %s", source_name, name, why);
            }
          else
            no_source = g_strdup_printf ("the file read does not create it before this point, "
                                         "and the schema-source %s does not know it",
                                         source_name);
        }
      else if (source != NULL && MYSQL_BINLOG_IS_STREAM (source))
        server = &MYSQL_BINLOG_STREAM (source)->settings;
      else
        no_source = g_strdup ("the file read does not create it before this point, and the "
                              "stream has no schema-source");
      _mysql_binlog_run_set_file_schema (run, server, saved, no_source);
    }
  else if (self->settings.file == NULL)
    _mysql_binlog_run_set_schema (run, schema);
  g_mutex_lock (&self->lock);
  self->run = run;
  g_mutex_unlock (&self->lock);
  _mysql_binlog_stream_run_started (self);
  return TRUE;
}

/* Runs on the thread that owns the signals once the reading ended: closes
 * the source, saves the last position and turns the outcome into the
 * run's result. */
gboolean
_mysql_binlog_stream_end_run (MysqlBinlogStream  *self,
                              GCancellable       *cancellable,
                              gboolean            ok,
                              GError             *run_error,
                              GError            **error)
{
  g_autoptr(GError) save_error = NULL;
  g_autoptr(GError) failure = NULL;
  MysqlBinlogCheckpoint *checkpoint;
  MysqlBinlogRun *run;
  /* Nothing ended it but the end of what it read. */
  gboolean reached_end = ok && !g_atomic_int_get (&self->stop_requested);

  _mysql_binlog_run_release (self->run);

  /* Whatever the outcome, the transactions delivered so far are done; after
   * a handler failed, those before the one it failed on. */
  checkpoint = _mysql_binlog_run_get_checkpoint (self->run);
  _mysql_binlog_checkpoint_flush (checkpoint);
  save_error = _mysql_binlog_checkpoint_take_error (checkpoint);
  g_mutex_lock (&self->lock);
  run = g_steal_pointer (&self->run);
  g_mutex_unlock (&self->lock);
  _mysql_binlog_run_free (run);
  failure = g_atomic_pointer_exchange (&self->failure, NULL);

  if (failure != NULL)
    {
      /* What the handler said is why the run ended; a position store
       * failing too comes second, and only costs a repeated transaction. */
      if (save_error != NULL)
        g_warning ("A handler failed the stream, and saving its position failed too: %s",
                   save_error->message);
      g_propagate_error (error, g_steal_pointer (&failure));
      ok = FALSE;
    }
  else if (save_error != NULL)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&save_error),
                                  "Saving the stream's position: ");
      ok = FALSE;
    }
  else if (g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  else if (!ok && g_atomic_int_get (&self->stop_requested) &&
           g_error_matches (run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ok = TRUE;  /* stop() interrupted a read */
  else if (!ok)
    g_propagate_error (error, g_error_copy (run_error));

  /* The final position, then the end: a handler of the state sees a
   * stream that may run again. */
  _mysql_binlog_stream_run_ended (self, reached_end);
  g_atomic_int_set (&self->running, 0);
  _mysql_binlog_stream_set_state (self, MYSQL_BINLOG_STREAM_STATE_STOPPED);
  return ok;
}

