/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * mysqlbinlog-glib: follows the binary log of a MySQL or MariaDB server and
 * prints every event (--format text), prints one JSON message per changed
 * row (--format json), or publishes those messages to RabbitMQ (--amqp).
 *
 * The parts: the command line and the option files (mbg-options.c,
 * mbg-option-files.c, mbg-password.c), the message shapes
 * (mbg-message.c), the transactions (mbg-transaction.c) and what their
 * statements are (mbg-ddl.c), the --dedup-window buffer (mbg-dedup.c), the safe
 * positions (mbg-checkpoint.c), the output to stdout or the broker
 * (mbg-output.c, mbg-amqp.c) and the client library for what the stream
 * does not offer (mbg-client.c).  This file wires them to the stream.
 *
 * The stream runs on the main thread and emits its signals there.  One
 * helper thread iterates a private GMainContext for SIGINT/SIGTERM, another
 * one runs a periodic tick (the --dedup-window buffer, broker
 * confirmations, progress, heartbeats).  Everything the main thread and the
 * tick touch is under App.lock; the signal thread takes no lock.
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>
#include <mysqlbinlog-glib.h>

#include "mbg-checkpoint.h"
#include "mbg-client.h"
#include "mbg-ddl.h"
#include "mbg-dedup.h"
#include "mbg-filter.h"
#include "mbg-output.h"
#include "mbg-options.h"
#include "mbg-transaction.h"

#define PROGRAM MBG_PROGRAM
#define TICK_MS 100

typedef struct
{
  GMutex             lock;
  MbgOptions         options;

  MysqlBinlogStream *stream;
  MbgOutput         *output;
  MbgDedup          *dedup;
  MbgCheckpoint     *checkpoint;
  MbgFilter         *filter;              /* the text format's events, the DDL messages */
  MbgTransactions   *transactions;        /* the JSON messages */

  /* The event being decoded, for the row messages' position */
  char              *event_file;
  guint64            event_pos;
  gboolean           first_event;

  /* Statistics */
  guint64            n_events;
  guint64            n_rows;
  guint32            last_event_time;
  gint64             last_progress_us;
  guint64            last_progress_events;
  guint64            last_progress_rows;
  gint64             last_heartbeat_us;
} App;

static int stopping;

/* {{{ Positions (App.lock held) */

static void
save_positions (App *app)
{
  guint64 done = mbg_dedup_get_oldest_held (app->dedup);

  /* Everything before @done is written, or confirmed by the broker. */
  mbg_output_sync (app->output);
  mbg_checkpoint_advance (app->checkpoint, mbg_output_get_oldest_pending (app->output, done));
}

static void
store_position (App      *app,
                gboolean  now)
{
  GError *error = NULL;

  if (!mbg_checkpoint_store (app->checkpoint, now, &error))
    mbg_output_fail (app->output, error);
}

/* }}} */

/* {{{ Stream signal handlers (main thread) */

/* The XID of an XID event: the 8 bytes after its header. */
static gboolean
event_xid (MysqlBinlogEvent *event,
           guint64          *xid)
{
  GBytes *bytes = mysql_binlog_event_get_bytes (event);
  gsize size = 0;
  const guint8 *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;
  guint64 value = 0;

  if (data == NULL || size < 19 + 8)
    return FALSE;
  for (int i = 7; i >= 0; i--)
    value = (value << 8) | data[19 + i];
  *xid = value;
  return TRUE;
}

/* A DDL statement: a message for each table the filters let through
 * (for a database statement, or a table statement whose names were not
 * read, when its schema passes the schema filters). */
static void
ddl_messages (App              *app,
              MysqlBinlogEvent *event,
              MbgStatementKind  kind,
              GPtrArray        *tables)
{
  const char *statement = mysql_binlog_event_get_statement (event);
  const char *file = mysql_binlog_event_get_log_file (event);
  guint64 pos = mysql_binlog_event_get_position (event);
  guint32 ts = mysql_binlog_event_get_timestamp (event);
  const char *schema = mysql_binlog_event_get_schema (event);

  if (schema != NULL && *schema == '\0')
    schema = NULL;
  if (tables->len == 0)
    {
      if (mbg_filter_wants_schema (app->filter, schema != NULL ? schema : ""))
        mbg_transactions_ddl (app->transactions, schema, NULL, statement, file, pos, ts);
      return;
    }
  for (guint i = 0; i < tables->len; i++)
    {
      MbgDdlTable *table = g_ptr_array_index (tables, i);
      const char *table_schema = table->schema != NULL ? table->schema : "";
      gboolean wanted = table->table != NULL
                        ? mbg_filter_wants (app->filter, table_schema, table->table)
                        : mbg_filter_wants_schema (app->filter, table_schema);

      if (wanted)
        mbg_transactions_ddl (app->transactions, table->schema, table->table, statement,
                              file, pos, ts);
    }
}

/* What an event tells about the transactions, for the JSON messages. */
static void
track_transaction (App              *app,
                   MysqlBinlogEvent *event)
{
  const char *file = mysql_binlog_event_get_log_file (event);
  guint64 pos = mysql_binlog_event_get_position (event);
  guint32 ts = mysql_binlog_event_get_timestamp (event);

  switch (mysql_binlog_event_get_event_type (event))
    {
    case MYSQL_BINLOG_EVENT_MARIADB_GTID:
    case MYSQL_BINLOG_EVENT_GTID:
    case MYSQL_BINLOG_EVENT_GTID_TAGGED:
    case MYSQL_BINLOG_EVENT_ANONYMOUS_GTID:
      mbg_transactions_begin (app->transactions, mysql_binlog_event_get_gtid (event),
                              file, pos, ts);
      break;

    case MYSQL_BINLOG_EVENT_XID:
      {
        guint64 xid = 0;
        gboolean has_xid = event_xid (event, &xid);

        mbg_transactions_commit (app->transactions, has_xid, xid, file, pos, ts);
      }
      break;

    case MYSQL_BINLOG_EVENT_QUERY:
    case MYSQL_BINLOG_EVENT_QUERY_COMPRESSED:
      {
        g_autoptr(GPtrArray) tables = NULL;
        MbgStatementKind kind = mbg_ddl_classify (mysql_binlog_event_get_statement (event),
                                                  mysql_binlog_event_get_schema (event),
                                                  &tables);

        switch (kind)
          {
          case MBG_STATEMENT_BEGIN:
            mbg_transactions_begin (app->transactions, NULL, file, pos, ts);
            break;
          case MBG_STATEMENT_COMMIT:
            mbg_transactions_commit (app->transactions, FALSE, 0, file, pos, ts);
            break;
          case MBG_STATEMENT_TABLE_DDL:
          case MBG_STATEMENT_DATABASE_DDL:
            if (app->options.ddl)
              ddl_messages (app, event, kind, tables);
            break;
          case MBG_STATEMENT_OTHER:
          default:
            break;
          }
      }
      break;

    default:
      break;
    }
}

static void
on_binlog (MysqlBinlogStream *stream,
           MysqlBinlogEvent  *event,
           App               *app)
{
  /* --snapshot-table: asked at the first event, once the stream runs. */
  if (app->options.snapshot_tables != NULL)
    {
      g_auto(GStrv) tables = g_steal_pointer (&app->options.snapshot_tables);

      for (guint i = 0; tables[i] != NULL; i++)
        {
          g_autoptr(GError) error = NULL;

          if (!mysql_binlog_stream_snapshot_table (stream, tables[i], &error))
            {
              g_prefix_error (&error, "--snapshot-table %s: ", tables[i]);
              mysql_binlog_stream_fail (stream, error);
              return;
            }
        }
    }

  g_mutex_lock (&app->lock);
  app->n_events++;
  if (mysql_binlog_event_get_timestamp (event) != 0)
    app->last_event_time = mysql_binlog_event_get_timestamp (event);
  g_free (app->event_file);
  app->event_file = g_strdup (mysql_binlog_event_get_log_file (event));
  app->event_pos = mysql_binlog_event_get_position (event);

  if (app->options.format == MBG_FORMAT_TEXT)
    {
      const char *schema = mysql_binlog_event_get_schema (event);
      const char *table = mysql_binlog_event_get_table (event);

      if (schema == NULL || table == NULL || mbg_filter_wants (app->filter, schema, table))
        {
          g_autoptr(GString) text = g_string_new (NULL);
          g_autofree char *dump = mysql_binlog_event_dump (event);

          if (!app->first_event)
            g_string_append_c (text, '\n');
          app->first_event = FALSE;
          g_string_append (text, dump);
          mbg_output_text (app->output, text->str, text->len);
        }
    }
  else
    track_transaction (app, event);
  g_mutex_unlock (&app->lock);
}

/* One row; the caller holds the program's lock. */
static void
put_row (App            *app,
         MbgMessageType  type,
         MysqlBinlogRow *before,
         MysqlBinlogRow *row)
{
  app->n_rows++;
  if (app->options.format == MBG_FORMAT_TEXT)
    {
      static const char * const titles[] = { "Inserted", "Updated", "Deleted" };

      mbg_output_text_row (app->output, type == MBG_MESSAGE_READ ? "Read" : titles[type],
                           before, row);
    }
  /* A read row is at the point of its chunk, not at an event. */
  else if (type == MBG_MESSAGE_READ)
    mbg_dedup_queue (app->dedup, mbg_message_new_row (type, NULL, row, NULL, 0));
  else
    mbg_transactions_row (app->transactions, type, before, row, app->event_file,
                          app->event_pos);
}

/* The rows of one rows event: one signal emission and one lock for all
 * of them. */
static void
on_rows_batch (App                 *app,
               MbgMessageType       type,
               MysqlBinlogRowBatch *batch)
{
  guint n = mysql_binlog_row_batch_get_n_rows (batch);

  g_mutex_lock (&app->lock);
  for (guint i = 0; i < n; i++)
    {
      MysqlBinlogRow *row = mysql_binlog_row_batch_get_row (batch, i);

      if (type == MBG_MESSAGE_UPDATE)
        put_row (app, type, row, mysql_binlog_row_batch_get_after (batch, i));
      else
        put_row (app, type, NULL, row);
    }
  g_mutex_unlock (&app->lock);
}

static void
on_rows_inserted (MysqlBinlogStream   *stream,
                  MysqlBinlogRowBatch *batch,
                  App                 *app)
{
  on_rows_batch (app, MBG_MESSAGE_INSERT, batch);
}

static void
on_rows_updated (MysqlBinlogStream   *stream,
                 MysqlBinlogRowBatch *batch,
                 App                 *app)
{
  on_rows_batch (app, MBG_MESSAGE_UPDATE, batch);
}

static void
on_rows_deleted (MysqlBinlogStream   *stream,
                 MysqlBinlogRowBatch *batch,
                 App                 *app)
{
  on_rows_batch (app, MBG_MESSAGE_DELETE, batch);
}

/* A snapshot's rows come one by one. */
static void
on_rows_read (MysqlBinlogStream *stream,
              MysqlBinlogRow    *row,
              App               *app)
{
  g_mutex_lock (&app->lock);
  put_row (app, MBG_MESSAGE_READ, NULL, row);
  g_mutex_unlock (&app->lock);
}

/* Each attempt --reconnect-attempts allows, on stderr. */
static void
on_reconnecting (MysqlBinlogStream *stream,
                 guint              attempt,
                 guint              delay_ms,
                 const GError      *error,
                 App               *app)
{
  g_printerr (PROGRAM ": %s; connecting again in %u ms (attempt %u)\n",
              error != NULL ? error->message : "the connection was lost", delay_ms, attempt);
}

static void
on_binlog_position (MysqlBinlogStream   *stream,
                    MysqlBinlogPosition *position,
                    App                 *app)
{
  g_mutex_lock (&app->lock);
  /* The messages of the transaction that ends here, before the position
   * after it. */
  mbg_transactions_position (app->transactions, position);
  mbg_checkpoint_add (app->checkpoint, position, mbg_dedup_get_next_seq (app->dedup));
  mbg_output_poll (app->output);
  save_positions (app);
  g_mutex_unlock (&app->lock);
}

/* }}} */

/* {{{ The helper threads: signals, and the periodic tick */

typedef struct
{
  App          *app;
  GMainContext *context;
  GThread      *thread;
  int           quit;
} Helper;

static gboolean
on_unix_signal (gpointer user_data)
{
  Helper *helper = user_data;

  if (g_atomic_int_get (&stopping))
    {
      g_printerr (PROGRAM ": interrupted\n");
      _exit (130);
    }
  g_atomic_int_set (&stopping, TRUE);
  g_printerr (PROGRAM ": stopping\n");
  mysql_binlog_stream_stop (helper->app->stream);
  return G_SOURCE_CONTINUE;
}

static void
print_progress (App    *app,
                gint64  now)
{
  g_autoptr(GString) line = g_string_new (PROGRAM ": ");
  double seconds = (now - app->last_progress_us) / (double) G_USEC_PER_SEC;
  guint64 events = app->n_events - app->last_progress_events;
  guint64 n_merged = mbg_dedup_get_n_merged (app->dedup);
  MysqlBinlogPosition *saved = mbg_checkpoint_get_saved (app->checkpoint);
  guint n_unconfirmed;

  if (app->event_file != NULL)
    g_string_append_printf (line, "at %s:%" G_GUINT64_FORMAT, app->event_file, app->event_pos);
  else
    g_string_append (line, "waiting for the first event");
  g_string_append_printf (line, ", %" G_GUINT64_FORMAT " events (%.0f/s), %" G_GUINT64_FORMAT
                          " rows (%.0f/s), %" G_GUINT64_FORMAT " messages",
                          app->n_events, seconds > 0 ? events / seconds : 0.0,
                          app->n_rows,
                          seconds > 0 ? (app->n_rows - app->last_progress_rows) / seconds : 0.0,
                          mbg_output_get_n_messages (app->output));
  if (n_merged > 0)
    g_string_append_printf (line, ", %" G_GUINT64_FORMAT " updates merged", n_merged);
  if (mbg_output_get_n_unconfirmed (app->output, &n_unconfirmed))
    g_string_append_printf (line, ", %u unconfirmed", n_unconfirmed);
  if (events > 0 && app->last_event_time != 0)
    g_string_append_printf (line, ", lag %" G_GINT64_FORMAT " s",
                            MAX (0, g_get_real_time () / G_USEC_PER_SEC -
                                    (gint64) app->last_event_time));
  else if (app->n_events > 0)
    g_string_append (line, ", idle");
  if (saved != NULL)
    {
      g_autofree char *text = mysql_binlog_position_to_string (saved);
      g_string_append_printf (line, ", safe at %s", text);
    }
  g_printerr ("%s\n", line->str);
  app->last_progress_us = now;
  app->last_progress_events = app->n_events;
  app->last_progress_rows = app->n_rows;
}

static gboolean
on_tick (gpointer user_data)
{
  Helper *helper = user_data;
  App *app = helper->app;
  gint64 now = g_get_monotonic_time ();

  /* The signal sources run in a context of their own, so waiting here
   * (e.g. while the main thread reconnects to the broker) never delays a
   * SIGTERM. */
  g_mutex_lock (&app->lock);

  if (app->options.format == MBG_FORMAT_JSON && app->options.heartbeat_us > 0 &&
      now - app->last_heartbeat_us >= app->options.heartbeat_us)
    {
      mbg_dedup_queue (app->dedup, mbg_message_new_heartbeat ());
      app->last_heartbeat_us = now;
    }
  mbg_dedup_flush (app->dedup, FALSE);
  mbg_output_poll (app->output);
  save_positions (app);
  store_position (app, FALSE);
  if (app->options.progress_us > 0 && now - app->last_progress_us >= app->options.progress_us)
    print_progress (app, now);

  g_mutex_unlock (&app->lock);
  return G_SOURCE_CONTINUE;
}

/* Iterates until stop_helper(), even when that comes before the thread
 * started (g_main_loop_quit() before g_main_loop_run() would be lost). */
static gpointer
helper_thread (gpointer user_data)
{
  Helper *helper = user_data;

  g_main_context_push_thread_default (helper->context);
  while (!g_atomic_int_get (&helper->quit))
    g_main_context_iteration (helper->context, TRUE);
  g_main_context_pop_thread_default (helper->context);
  return NULL;
}

static void
add_source (Helper      *helper,
            GSource     *source,
            GSourceFunc  callback)
{
  g_source_set_callback (source, callback, helper, NULL);
  g_source_attach (source, helper->context);
  g_source_unref (source);
}

static void
start_helpers (App    *app,
               Helper *signals,
               Helper *ticker)
{
  signals->app = ticker->app = app;
  signals->context = g_main_context_new ();
  ticker->context = g_main_context_new ();
  add_source (signals, g_unix_signal_source_new (SIGINT), on_unix_signal);
  add_source (signals, g_unix_signal_source_new (SIGTERM), on_unix_signal);
  add_source (ticker, g_timeout_source_new (TICK_MS), on_tick);
  signals->thread = g_thread_new ("mysqlbinlog-glib-signals", helper_thread, signals);
  ticker->thread = g_thread_new ("mysqlbinlog-glib-tick", helper_thread, ticker);
}

static void
stop_helper (Helper *helper)
{
  g_atomic_int_set (&helper->quit, TRUE);
  g_main_context_wakeup (helper->context);
  g_thread_join (helper->thread);
  g_main_context_unref (helper->context);
}

/* }}} */

/* {{{ The run */

/* The oldest binary log the server still has, at its start. */
static MysqlBinlogPosition *
first_position (App     *app,
                GError **error)
{
  MbgClientSettings settings = {
    .host = app->options.host,
    .port = app->options.port,
    .socket_path = app->options.socket_path,
    .user = app->options.user,
    .password = app->options.password,
    .connect_timeout = app->options.connect_timeout,
    .tls = app->options.tls,
  };
  g_autofree char *name = mbg_client_dup_oldest_binlog (&settings, error);

  return name != NULL ? mysql_binlog_position_new (name, 4) : NULL;
}

/* Where the run starts: the saved position of --position-file, else what
 * the start options say, else NULL (the server's current end).  On an
 * error, the status to exit with in *@status. */
static gboolean
find_start (App                  *app,
            MysqlBinlogPosition **start,
            int                  *status)
{
  MbgOptions *options = &app->options;
  g_autoptr(GError) error = NULL;

  if (options->position_file != NULL)
    {
      g_autoptr(GFile) store_file = g_file_new_for_commandline_arg (options->position_file);
      g_autoptr(MysqlBinlogPositionStore) store =
        MYSQL_BINLOG_POSITION_STORE (mysql_binlog_file_position_store_new (store_file));

      mbg_checkpoint_free (app->checkpoint);
      app->checkpoint = mbg_checkpoint_new (store);
      /* A saved position wins over the start options: they only say
       * where the very first run begins. */
      *start = mysql_binlog_position_store_load (store, NULL, &error);
      if (*start == NULL && error != NULL)
        {
          g_printerr (PROGRAM ": --position-file: %s\n", error->message);
          *status = 1;
          return FALSE;
        }
      if (*start != NULL)
        {
          g_autofree char *text = mysql_binlog_position_to_string (*start);
          g_printerr (PROGRAM ": resuming at %s from %s\n", text, options->position_file);
          return TRUE;
        }
    }

  if (options->start != NULL)
    {
      *start = mysql_binlog_position_from_string (options->start, &error);
      if (*start == NULL)
        {
          g_printerr (PROGRAM ": --start: %s\n", error->message);
          *status = 2;
          return FALSE;
        }
    }
  else if (options->start_gtid != NULL)
    *start = mysql_binlog_position_new_for_gtid_set (options->start_gtid);
  else if (options->from_beginning)
    {
      *start = first_position (app, &error);
      if (*start == NULL)
        {
          g_printerr (PROGRAM ": --from-beginning: %s\n", error->message);
          *status = 1;
          return FALSE;
        }
    }
  return TRUE;
}

/* A stream of the server of the connection options. */
static MysqlBinlogStream *
new_server_stream (MbgOptions *options)
{
  return g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                       "host", options->host,
                       "port", options->port,
                       "socket", options->socket_path,
                       "user", options->user,
                       "password", options->password,
                       "tls-mode", options->tls.mode,
                       "connect-timeout", options->connect_timeout,
                       "reconnect-attempts", options->reconnect_attempts,
                       "tls-ca-file", options->tls.ca_file,
                       "tls-ca-directory", options->tls.ca_directory,
                       "tls-cert-file", options->tls.cert_file,
                       "tls-key-file", options->tls.key_file,
                       "tls-cipher", options->tls.cipher,
                       "server-id", options->server_id,
                       "blocking", !options->non_blocking,
                       NULL);
}

/* The stream, with the filters and the TLS settings as its properties. */
static MysqlBinlogStream *
new_stream (App                 *app,
            MysqlBinlogPosition *start)
{
  MbgOptions *options = &app->options;
  MysqlBinlogStream *stream;

  if (options->file != NULL)
    {
      g_autoptr(GFile) binlog = g_file_new_for_commandline_arg (options->file);

      stream = mysql_binlog_stream_new_for_file (binlog);
      /* Where the definitions of the tables the file does not create
       * come from. */
      if (options->schema_source != NULL)
        {
          g_autoptr(GFile) history = g_file_new_for_commandline_arg (options->schema_source);

          mysql_binlog_stream_set_schema_source (stream, G_OBJECT (history));
        }
      else if (options->schema_from_server)
        {
          g_autoptr(MysqlBinlogStream) server = new_server_stream (options);

          mysql_binlog_stream_set_schema_source (stream, G_OBJECT (server));
        }
    }
  else
    stream = new_server_stream (options);
  g_object_set (stream,
                "schema-unknown", options->schema_unknown,
                "only-tables", options->only_tables,
                "ignored-tables", options->ignored_tables,
                "only-schemas", options->only_schemas,
                "ignored-schemas", options->ignored_schemas,
                "start-position", start,
                NULL);
  if (options->file == NULL)
    g_object_set (stream, "snapshot", options->snapshot, NULL);
  g_signal_connect (stream, "binlog", G_CALLBACK (on_binlog), app);
  /* A rows event's rows at once: a signal emission per row costs about
   * as much as writing the row's JSON line. */
  g_signal_connect (stream, "rows-inserted-batch", G_CALLBACK (on_rows_inserted), app);
  g_signal_connect (stream, "rows-updated-batch", G_CALLBACK (on_rows_updated), app);
  g_signal_connect (stream, "rows-deleted-batch", G_CALLBACK (on_rows_deleted), app);
  g_signal_connect (stream, "rows-read", G_CALLBACK (on_rows_read), app);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (on_binlog_position), app);
  g_signal_connect (stream, "reconnecting", G_CALLBACK (on_reconnecting), app);
  return stream;
}

static gboolean
connect_amqp (App *app,
              int *status)
{
  g_autoptr(GError) error = NULL;
  MbgAmqp *amqp;

  if (app->options.amqp_url == NULL)
    return TRUE;
  amqp = mbg_amqp_new (app->options.amqp_url, app->options.exchange, app->options.queue,
                       &stopping, &error);
  if (amqp == NULL)
    {
      g_printerr (PROGRAM ": --amqp: %s\n", error->message);
      *status = 2;
      return FALSE;
    }
  mbg_output_set_amqp (app->output, amqp);
  if (!mbg_amqp_connect (amqp, &error))
    {
      g_printerr (PROGRAM ": %s\n", error->message);
      *status = 1;
      return FALSE;
    }
  return TRUE;
}

static void
app_init (App *app)
{
  g_mutex_init (&app->lock);
  app->output = mbg_output_new ();
  app->dedup = mbg_dedup_new (app->options.dedup_window_us, mbg_output_message, app->output);
  /* Without the broker and the --dedup-window buffer, no message needs
   * to be an object: the lines are written straight from the rows. */
  app->transactions = mbg_transactions_new (app->output, app->dedup,
                                            app->options.amqp_url == NULL &&
                                            app->options.dedup_window_us <= 0,
                                            app->options.transactions);
  app->checkpoint = mbg_checkpoint_new (NULL);
  app->first_event = TRUE;
  app->filter = mbg_filter_new (app->options.only_schemas, app->options.ignored_schemas,
                                app->options.only_tables, app->options.ignored_tables);
}

static void
app_clear (App *app)
{
  g_clear_object (&app->stream);
  g_clear_pointer (&app->transactions, mbg_transactions_free);
  g_clear_pointer (&app->dedup, mbg_dedup_free);
  g_clear_pointer (&app->output, mbg_output_free);
  g_clear_pointer (&app->checkpoint, mbg_checkpoint_free);
  g_clear_pointer (&app->filter, mbg_filter_free);
  g_clear_pointer (&app->event_file, g_free);
  mbg_options_clear (&app->options);
  g_mutex_clear (&app->lock);
}

/* Runs the stream to its end; the exit status. */
static int
run (App *app)
{
  g_autoptr(GError) error = NULL;
  const GError *output_error;
  MysqlBinlogPosition *saved;
  Helper signals = { NULL, };
  Helper ticker = { NULL, };
  gboolean ok;

  app->last_progress_us = app->last_heartbeat_us = g_get_monotonic_time ();
  start_helpers (app, &signals, &ticker);

  ok = mysql_binlog_stream_run (app->stream, NULL, &error);

  /* Out with everything still held, then the last safe position. */
  g_mutex_lock (&app->lock);
  mbg_transactions_finish (app->transactions);
  mbg_dedup_flush (app->dedup, TRUE);
  mbg_output_flush (app->output, 30000);
  save_positions (app);
  store_position (app, TRUE);
  g_mutex_unlock (&app->lock);

  stop_helper (&ticker);
  stop_helper (&signals);

  if (app->options.progress_us > 0)
    print_progress (app, g_get_monotonic_time ());
  saved = mbg_checkpoint_get_saved (app->checkpoint);
  if (saved != NULL)
    {
      g_autofree char *text = mysql_binlog_position_to_string (saved);
      g_printerr (PROGRAM ": safe position: %s\n", text);
    }
  output_error = mbg_output_get_error (app->output);
  if (!ok)
    {
      g_printerr (PROGRAM ": %s\n", error->message);
      /* The library names its properties: say which options they are. */
      if (g_error_matches (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED) &&
          strstr (error->message, "schema-unknown") != NULL)
        g_printerr (PROGRAM ": in this program, schema-unknown is --schema-unknown=positional%s\n",
                    app->options.file != NULL ?
                    ", and schema-source --schema-source=FILE or --schema-from-server" : "");
    }
  else if (output_error != NULL)
    g_printerr (PROGRAM ": %s\n", output_error->message);
  else if (g_atomic_int_get (&stopping))
    g_printerr (PROGRAM ": stopped\n");
  return ok && output_error == NULL ? 0 : 1;
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  App app = { 0, };
  int status = 0;

  setlocale (LC_ALL, "");
  /* Numbers in the messages are JSON's, whatever the locale. */
  setlocale (LC_NUMERIC, "C");
  signal (SIGPIPE, SIG_IGN);
  /* stdout is for the events and the JSON messages: GLib's debug and info
   * messages (G_MESSAGES_DEBUG) go with the others to stderr. */
  g_log_writer_default_set_use_stderr (TRUE);
  if (!mbg_options_parse (&app.options, &argc, &argv, &status))
    {
      mbg_options_clear (&app.options);
      return status;
    }

  app_init (&app);
  if (find_start (&app, &start, &status))
    {
      app.stream = new_stream (&app, start);
      mbg_output_set_stream (app.output, app.stream);
      if (connect_amqp (&app, &status))
        status = run (&app);
    }
  app_clear (&app);
  return status;
}
