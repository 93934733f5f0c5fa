/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <mysql.h>

#include "test-server.h"

/*
 * Replication mode under faults, against a real throwaway MariaDB server:
 * a writer inserts numbered rows while the test kills the replica
 * connection, restarts the server, or kills the consumer process, and the
 * rows received are counted.
 */

/* A writer thread: transactions of @rows_per_txn rows, one INSERT each,
 * numbered from 1.  It survives a server restart: after an error it
 * connects again and checks whether the transaction committed. */
typedef struct
{
  char *socket;
  char *table;
  guint rows_per_txn;
  gulong pause_us;
  gint stop;
  gint committed;     /* the highest id committed, atomic */
  guint errors;
  GThread *thread;
} Writer;

static MYSQL *
writer_connect (Writer *writer)
{
  while (!g_atomic_int_get (&writer->stop))
    {
      MYSQL *conn = mysql_init (NULL);
      unsigned int timeout = 5;

      mysql_options (conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
      mysql_options (conn, MYSQL_OPT_READ_TIMEOUT, &timeout);
      if (mysql_real_connect (conn, NULL, "root", "", NULL, 0, writer->socket, 0) != NULL)
        return conn;
      mysql_close (conn);
      g_usleep (50000);
    }
  return NULL;
}

static gboolean
writer_query (MYSQL      *conn,
              const char *sql)
{
  if (mysql_query (conn, sql) != 0)
    return FALSE;
  mysql_free_result (mysql_store_result (conn));
  return TRUE;
}

/* After an error: did the transaction starting at @first commit? */
static gboolean
writer_committed (MYSQL  *conn,
                  Writer *writer,
                  gint64  first,
                  gboolean *known)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s WHERE id = %" G_GINT64_FORMAT,
                                          writer->table, first);
  MYSQL_RES *result;
  MYSQL_ROW row;
  gboolean committed = FALSE;

  *known = FALSE;
  if (mysql_query (conn, sql) != 0 || (result = mysql_store_result (conn)) == NULL)
    return FALSE;
  row = mysql_fetch_row (result);
  if (row != NULL && row[0] != NULL)
    {
      committed = g_ascii_strtoll (row[0], NULL, 10) > 0;
      *known = TRUE;
    }
  mysql_free_result (result);
  return committed;
}

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  MYSQL *conn = NULL;
  gint64 next = 1;

  while (!g_atomic_int_get (&writer->stop))
    {
      gboolean ok = TRUE;

      if (conn == NULL && (conn = writer_connect (writer)) == NULL)
        break;

      ok = writer_query (conn, "BEGIN");
      for (guint i = 0; ok && i < writer->rows_per_txn; i++)
        {
          g_autofree char *sql = g_strdup_printf ("INSERT INTO %s VALUES (%" G_GINT64_FORMAT ", %"
                                                  G_GINT64_FORMAT ")", writer->table, next + i,
                                                  (next - 1) / writer->rows_per_txn + 1);
          ok = writer_query (conn, sql);
        }
      ok = ok && writer_query (conn, "COMMIT");

      if (!ok)
        {
          gboolean known = FALSE, committed = FALSE;

          writer->errors++;
          g_clear_pointer (&conn, mysql_close);
          /* Find out whether the COMMIT made it before the connection broke. */
          while (!known && !g_atomic_int_get (&writer->stop))
            {
              if ((conn = writer_connect (writer)) == NULL)
                break;
              committed = writer_committed (conn, writer, next, &known);
              if (!known)
                g_clear_pointer (&conn, mysql_close);
            }
          if (!known)
            break;
          if (!committed)
            continue;
        }

      next += writer->rows_per_txn;
      g_atomic_int_set (&writer->committed, (gint) (next - 1));
      if (writer->pause_us > 0)
        g_usleep (writer->pause_us);
    }

  g_clear_pointer (&conn, mysql_close);
  return NULL;
}

static Writer *
writer_start (TestServer *server,
              const char *table,
              guint       rows_per_txn,
              gulong      pause_us)
{
  Writer *writer = g_new0 (Writer, 1);

  writer->socket = g_strdup (test_server_get_socket (server));
  writer->table = g_strdup (table);
  writer->rows_per_txn = rows_per_txn;
  writer->pause_us = pause_us;
  writer->thread = g_thread_new ("writer", writer_thread, writer);
  return writer;
}

/* Stops the writer; returns the highest id it committed. */
static gint64
writer_stop (Writer *writer)
{
  gint64 committed;

  g_atomic_int_set (&writer->stop, 1);
  g_thread_join (writer->thread);
  committed = g_atomic_int_get (&writer->committed);
  g_free (writer->socket);
  g_free (writer->table);
  g_free (writer);
  return committed;
}

static gint64
writer_committed_now (Writer *writer)
{
  return g_atomic_int_get (&writer->committed);
}

/* Kills the replica connection (the binlog dump thread) of the server,
 * waiting up to @timeout_s seconds for one to exist. */
static gboolean
kill_dump_thread (TestServer *server,
                  guint       timeout_s)
{
  g_autofree char *id = test_server_kill_dump_thread (server, timeout_s);

  return id != NULL;
}

/* Test 1: dump thread killed, server restarted, within one process. */

typedef struct
{
  GMutex lock;
  GHashTable *counts;   /* id -> times received */
  gint64 last;
  guint received;
  guint out_of_order;
  guint reconnects;
  MysqlBinlogStream *stream;
  gboolean ok;
  GError *error;
  /* When this row arrives, the handler kills the replica connection
   * itself: a break in the middle of a transaction, for sure. */
  gint64 kill_at;
  char *socket;
  gboolean killed_mid_transaction;
  GHashTable *big_counts;   /* rows of the one large transaction */
  guint rows_since_position;
  guint mid_transaction_breaks;
} Reader;

/* Kills the binlog dump thread through a connection of its own (from a
 * handler, on the reading thread). */
static gboolean
kill_dump_thread_from (const char *socket)
{
  MYSQL *conn = mysql_init (NULL);
  MYSQL_RES *result = NULL;
  MYSQL_ROW row;
  gboolean killed = FALSE;

  if (mysql_real_connect (conn, NULL, "root", "", NULL, 0, socket, 0) != NULL &&
      mysql_query (conn, "SELECT ID FROM information_schema.PROCESSLIST "
                         "WHERE COMMAND LIKE 'Binlog Dump%'") == 0 &&
      (result = mysql_store_result (conn)) != NULL &&
      (row = mysql_fetch_row (result)) != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("KILL CONNECTION %s", row[0]);

      killed = mysql_query (conn, sql) == 0;
    }
  if (result != NULL)
    mysql_free_result (result);
  mysql_close (conn);
  return killed;
}

/* The consumer's directory: a consumer killed while it saved leaves the
 * store's temporary file (position.XXXXXX) beside the position. */
static void
remove_killed_consumer_dir (const char *dir)
{
  g_autoptr(GDir) entries = g_dir_open (dir, 0, NULL);
  const char *name;

  while (entries != NULL && (name = g_dir_read_name (entries)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
reader_on_inserted (MysqlBinlogStream *stream,
                    MysqlBinlogRow    *row,
                    Reader            *reader)
{
  gint64 id = mysql_binlog_row_get_int64 (row, 0);
  gpointer key = GSIZE_TO_POINTER (id);

  g_mutex_lock (&reader->lock);
  g_hash_table_insert (reader->counts, key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (reader->counts, key)) + 1));
  if (id <= reader->last)
    reader->out_of_order++;
  reader->last = id;
  reader->received++;
  reader->rows_since_position++;
  g_mutex_unlock (&reader->lock);
}

static void
reader_on_big_inserted (MysqlBinlogStream *stream,
                        MysqlBinlogRow    *row,
                        Reader            *reader)
{
  gint64 id = mysql_binlog_row_get_int64 (row, 0);
  gpointer key = GSIZE_TO_POINTER (id);

  g_mutex_lock (&reader->lock);
  g_hash_table_insert (reader->big_counts, key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (reader->big_counts, key)) + 1));
  reader->rows_since_position++;
  g_mutex_unlock (&reader->lock);

  /* The server cannot have sent the whole transaction yet: the
   * connection breaks in its middle. */
  if (id == reader->kill_at)
    reader->killed_mid_transaction = kill_dump_thread_from (reader->socket);
}

static void
reader_on_position (MysqlBinlogStream   *stream,
                    MysqlBinlogPosition *position,
                    Reader              *reader)
{
  g_mutex_lock (&reader->lock);
  reader->rows_since_position = 0;
  g_mutex_unlock (&reader->lock);
}

static void
reader_on_reconnecting (MysqlBinlogStream *stream,
                        guint              attempt,
                        guint              delay,
                        GError            *error,
                        Reader            *reader)
{
  g_assert_nonnull (error);
  g_assert_cmpuint (attempt, >=, 1);
  g_mutex_lock (&reader->lock);
  reader->reconnects++;
  if (reader->rows_since_position > 0)
    reader->mid_transaction_breaks++;
  g_mutex_unlock (&reader->lock);
  g_test_message ("reconnecting (attempt %u, in %u ms): %s", attempt, delay, error->message);
}

static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;

  reader->ok = mysql_binlog_stream_run (reader->stream, NULL, &reader->error);
  return NULL;
}

static guint
reader_distinct (Reader *reader)
{
  guint n;

  g_mutex_lock (&reader->lock);
  n = g_hash_table_size (reader->counts);
  g_mutex_unlock (&reader->lock);
  return n;
}

static void
test_reconnect_exactly_once (void)
{
  g_autoptr(TestServer) server = test_server_start (NULL);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GError) error = NULL;
  Reader reader = { 0 };
  GThread *thread;
  Writer *writer;
  guint kills = 0, restarts = 0, freezes = 0, duplicates = 0, missing = 0;
  gint64 written;
  gint64 deadline;

  test_server_sql (server, "CREATE DATABASE test; "
                   "CREATE TABLE test.r1 (id BIGINT PRIMARY KEY, txn BIGINT)", &error);
  g_assert_no_error (error);
  start = test_server_master_position (server);

  g_mutex_init (&reader.lock);
  reader.counts = g_hash_table_new (NULL, NULL);
  reader.kill_at = 10;  /* the tenth row of the large transaction */
  reader.big_counts = g_hash_table_new (NULL, NULL);
  reader.socket = g_strdup (test_server_get_socket (server));
  reader.stream = test_server_new_stream (server);
  g_object_set (reader.stream,
                "blocking", TRUE,
                "start-position", start,
                "reconnect-attempts", 100,
                "reconnect-delay", 50,
                "reconnect-max-delay", 1000,
                "heartbeat-period", 1000,
                NULL);
  g_signal_connect (reader.stream, "rows-inserted::test.r1",
                    G_CALLBACK (reader_on_inserted), &reader);
  g_signal_connect (reader.stream, "rows-inserted::test.big",
                    G_CALLBACK (reader_on_big_inserted), &reader);
  g_signal_connect (reader.stream, "binlog-position", G_CALLBACK (reader_on_position), &reader);
  g_signal_connect (reader.stream, "reconnecting", G_CALLBACK (reader_on_reconnecting), &reader);
  thread = g_thread_new ("reader", reader_thread, &reader);

  /* One transaction of some 4 MB, in hundreds of rows events. */
  test_server_sql (server, "CREATE TABLE test.big (id BIGINT PRIMARY KEY, pad VARCHAR(255)); "
                   "INSERT INTO test.big SELECT seq, REPEAT('x', 200) FROM test.seq_1_to_20000",
                   &error);
  g_assert_no_error (error);

  writer = writer_start (server, "test.r1", 3, 2000);

  /* Kill the replica connection four times and restart the server once,
   * while rows keep coming. */
  for (guint round = 0; round < 7; round++)
    {
      g_usleep (g_test_rand_int_range (200000, 500000));
      if (round == 3)
        {
          test_server_restart (server);
          restarts++;
        }
      else if (round == 5)
        {
          guint before;

          /* A server that hangs: only the heartbeats' absence tells. */
          g_mutex_lock (&reader.lock);
          before = reader.reconnects;
          g_mutex_unlock (&reader.lock);
          g_assert_cmpint (kill (test_server_get_pid (server), SIGSTOP), ==, 0);
          g_usleep (4500000);
          g_assert_cmpint (kill (test_server_get_pid (server), SIGCONT), ==, 0);
          g_mutex_lock (&reader.lock);
          g_assert_cmpuint (reader.reconnects, >, before);
          g_mutex_unlock (&reader.lock);
          freezes++;
        }
      else
        {
          g_assert_true (kill_dump_thread (server, 20));
          kills++;
        }
      g_test_message ("round %u: %" G_GINT64_FORMAT " rows written, %u received", round,
                      writer_committed_now (writer), reader_distinct (&reader));
    }
  g_usleep (300000);
  written = writer_stop (writer);

  /* Everything arrives, however late. */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (reader_distinct (&reader) < written && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  /* Give a duplicate the chance to show up. */
  g_usleep (200000);
  mysql_binlog_stream_stop (reader.stream);
  g_thread_join (thread);
  g_assert_no_error (reader.error);
  g_assert_true (reader.ok);

  for (gint64 id = 1; id <= written; id++)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (reader.counts, GSIZE_TO_POINTER (id)));

      if (count == 0)
        missing++;
      else if (count > 1)
        duplicates += count - 1;
    }

  g_test_message ("reconnect: rows written %" G_GINT64_FORMAT ", rows received %u, "
                  "dump threads killed %u (and once in the middle of a transaction), "
                  "server restarts %u, server frozen %u, "
                  "reconnections %u (%u in the middle of a transaction), "
                  "missing %u, duplicates %u, out of order %u; large transaction: "
                  "%u of 20000 rows, each once",
                  written, reader.received, kills, restarts, freezes, reader.reconnects,
                  reader.mid_transaction_breaks, missing, duplicates, reader.out_of_order,
                  g_hash_table_size (reader.big_counts));

  g_assert_cmpint (written, >, 0);
  g_assert_true (reader.killed_mid_transaction);
  g_assert_cmpuint (reader.mid_transaction_breaks, >=, 1);
  g_assert_cmpuint (g_hash_table_size (reader.big_counts), ==, 20000);
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, reader.big_counts);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_assert_cmpuint (GPOINTER_TO_UINT (value), ==, 1);
  }
  g_assert_cmpuint (missing, ==, 0);
  g_assert_cmpuint (duplicates, ==, 0);
  g_assert_cmpuint (g_hash_table_size (reader.counts), ==, written);
  g_assert_cmpuint (reader.received, ==, written);
  g_assert_cmpuint (reader.out_of_order, ==, 0);
  g_assert_cmpuint (reader.reconnects, >=, kills + restarts + freezes + 1);
  g_free (reader.socket);

  g_hash_table_unref (reader.counts);
  g_hash_table_unref (reader.big_counts);
  g_object_unref (reader.stream);
  g_mutex_clear (&reader.lock);
}

/* Test 2: a consumer process with a file position store, SIGKILLed. */

static GPid
spawn_consumer (const char * const *args)
{
  g_autoptr(GError) error = NULL;
  GPid pid = 0;

  if (!g_spawn_async (NULL, (char **) args, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                      &pid, &error))
    g_error ("Could not start %s: %s", args[0], error->message);
  return pid;
}

static gint64
last_line_id (const char *path)
{
  g_autofree char *contents = NULL;
  char *last;

  if (!g_file_get_contents (path, &contents, NULL, NULL) || *contents == '\0')
    return 0;
  g_strchomp (contents);
  last = strrchr (contents, '\n');
  return g_ascii_strtoll (last != NULL ? last + 1 : contents, NULL, 10);
}

static void
test_consumer_killed (void)
{
  g_autoptr(TestServer) server = NULL;
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *position_file = NULL;
  g_autofree char *output = NULL;
  g_autofree char *start_string = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) duplicated_txns = g_hash_table_new (NULL, NULL);
  g_auto(GStrv) lines = NULL;
  const guint rows_per_txn = 5;
  const guint n_kills = 6;
  guint mid_transaction = 0, duplicates = 0, received = 0, missing = 0;
  gint64 written;
  Writer *writer;
  int status = 0;

  if (!g_file_test (REPLICATION_CONSUMER, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("the replication-consumer program is not built: " REPLICATION_CONSUMER);
      return;
    }

  server = test_server_start (NULL);
  dir = g_dir_make_tmp ("mysqlbinlog-consumer-XXXXXX", &error);
  g_assert_no_error (error);
  position_file = g_build_filename (dir, "position", NULL);
  output = g_build_filename (dir, "rows", NULL);

  test_server_sql (server, "CREATE DATABASE test; "
                   "CREATE TABLE test.r2 (id BIGINT PRIMARY KEY, txn BIGINT)", &error);
  g_assert_no_error (error);
  start = test_server_master_position (server);
  start_string = mysql_binlog_position_to_string (start);

  writer = writer_start (server, "test.r2", rows_per_txn, 10000);

  for (guint kill_no = 0; kill_no < n_kills; kill_no++)
    {
      const char *args[] = {
        REPLICATION_CONSUMER, test_server_get_socket (server), "7001", position_file, output,
        start_string, "--slow-us", "1500", NULL
      };
      GPid pid = spawn_consumer (args);
      gint64 last;

      g_usleep (g_test_rand_int_range (300000, 900000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_spawn_close_pid (pid);

      last = last_line_id (output);
      if (last % rows_per_txn != 0)
        mid_transaction++;
      g_test_message ("consumer killed (%u) after row %" G_GINT64_FORMAT "%s; %" G_GINT64_FORMAT
                      " rows written", kill_no + 1, last,
                      last % rows_per_txn != 0 ? ", in the middle of a transaction" : "",
                      writer_committed_now (writer));
    }

  written = writer_stop (writer);

  /* A last run reads to the end of the binary log and exits. */
  {
    const char *args[] = {
      REPLICATION_CONSUMER, test_server_get_socket (server), "7001", position_file, output,
      start_string, "--non-blocking", NULL
    };
    g_autofree char *err = NULL;

    if (!g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err,
                       &status, &error))
      g_error ("Could not run the consumer: %s", error->message);
    if (!g_spawn_check_wait_status (status, &error))
      g_error ("The last consumer run failed: %s\n%s", error->message, err);
  }

  g_assert_true (g_file_get_contents (output, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (g_strchomp (contents), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (lines[i], NULL, 10);
      gpointer key = GSIZE_TO_POINTER (id);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1;

      g_assert_cmpint (id, >=, 1);
      g_assert_cmpint (id, <=, written);
      g_hash_table_insert (counts, key, GUINT_TO_POINTER (count));
      if (count > 1)
        {
          duplicates++;
          g_hash_table_add (duplicated_txns, GSIZE_TO_POINTER ((id - 1) / rows_per_txn + 1));
        }
      received++;
    }
  for (gint64 id = 1; id <= written; id++)
    if (!g_hash_table_contains (counts, GSIZE_TO_POINTER (id)))
      missing++;

  g_test_message ("consumer: rows written %" G_GINT64_FORMAT ", rows received %u, "
                  "kills survived %u (%u in the middle of a transaction), missing %u, "
                  "duplicates %u (in %u transactions)",
                  written, received, n_kills, mid_transaction, missing, duplicates,
                  g_hash_table_size (duplicated_txns));

  g_assert_cmpint (written, >, 0);
  /* At least once: */
  g_assert_cmpuint (missing, ==, 0);
  /* and the only duplicates are rows of the transaction in flight at a
   * kill: at most one transaction per kill. */
  g_assert_cmpuint (g_hash_table_size (duplicated_txns), <=, n_kills);
  g_assert_cmpuint (duplicates, <=, n_kills * rows_per_txn);

  g_unlink (output);
  g_unlink (position_file);
  remove_killed_consumer_dir (dir);
}

/* Test 3: run_async under a main loop. */

typedef struct
{
  GMainLoop *loop;
  GThread *owner;
  guint received;
  guint wrong_thread;
  guint out_of_order;
  gint64 last;
  guint positions;
  guint ticks;
  gboolean finished;
  gboolean ok;
  GError *error;
  GCancellable *cancel_after;   /* cancelled once this many rows arrived */
  guint cancel_at;
  gint64 cancelled_at;
  gint64 finished_at;
  guint after_cancel;
  gulong slow_us;
} AsyncState;

static void
async_on_inserted (MysqlBinlogStream *stream,
                   MysqlBinlogRow    *row,
                   AsyncState        *state)
{
  gint64 id = mysql_binlog_row_get_int64 (row, 0);

  if (g_thread_self () != state->owner)
    state->wrong_thread++;
  if (id <= state->last)
    state->out_of_order++;
  state->last = id;
  state->received++;
  if (state->cancelled_at != 0)
    state->after_cancel++;
  if (state->slow_us > 0)
    g_usleep (state->slow_us);
  if (state->cancel_after != NULL && state->received == state->cancel_at)
    {
      state->cancelled_at = g_get_monotonic_time ();
      g_cancellable_cancel (state->cancel_after);
    }
}

static void
async_on_position (MysqlBinlogStream   *stream,
                   MysqlBinlogPosition *position,
                   AsyncState          *state)
{
  if (g_thread_self () != state->owner)
    state->wrong_thread++;
  state->positions++;
}

static gboolean
async_tick (gpointer data)
{
  AsyncState *state = data;

  state->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
async_done (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  AsyncState *state = data;

  if (g_thread_self () != state->owner)
    state->wrong_thread++;
  state->ok = mysql_binlog_stream_run_finish (MYSQL_BINLOG_STREAM (object), result, &state->error);
  state->finished = TRUE;
  state->finished_at = g_get_monotonic_time ();
  g_main_loop_quit (state->loop);
}

static gboolean
async_timeout (gpointer data)
{
  g_error ("The asynchronous run did not end within 60 s");
  return G_SOURCE_REMOVE;
}

static void
test_async_main_loop (void)
{
  g_autoptr(TestServer) server = test_server_start (NULL);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  AsyncState state = { 0 };
  const guint n_txns = 40, rows_per_txn = 50;
  guint tick_id, timeout_id;
  gint64 began;

  test_server_sql (server, "CREATE DATABASE test; "
                   "CREATE TABLE test.r3 (id BIGINT PRIMARY KEY, txn BIGINT)", &error);
  g_assert_no_error (error);
  start = test_server_master_position (server);
  for (guint t = 0; t < n_txns; t++)
    {
      g_autoptr(GString) sql = g_string_new ("INSERT INTO test.r3 VALUES ");

      for (guint r = 0; r < rows_per_txn; r++)
        g_string_append_printf (sql, "%s(%u, %u)", r > 0 ? "," : "", t * rows_per_txn + r + 1, t);
      test_server_sql (server, sql->str, &error);
      g_assert_no_error (error);
    }

  /* Everything, in order, on this thread. */
  state.loop = loop;
  state.owner = g_thread_self ();
  state.slow_us = 100;  /* handlers slower than the server: 0.2 s in all */
  stream = test_server_new_stream (server);
  g_object_set (stream, "start-position", start, NULL);
  g_signal_connect (stream, "rows-inserted::test.r3", G_CALLBACK (async_on_inserted), &state);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (async_on_position), &state);
  tick_id = g_timeout_add (5, async_tick, &state);
  timeout_id = g_timeout_add_seconds (60, async_timeout, NULL);
  began = g_get_monotonic_time ();
  mysql_binlog_stream_run_async (stream, NULL, async_done, &state);
  g_main_loop_run (loop);

  g_test_message ("async: %u rows received in %.0f ms, %u positions, %u main loop ticks "
                  "meanwhile, %u on a wrong thread, %u out of order",
                  state.received, (state.finished_at - began) / 1000.0, state.positions,
                  state.ticks, state.wrong_thread, state.out_of_order);
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.received, ==, n_txns * rows_per_txn);
  g_assert_cmpint (state.last, ==, n_txns * rows_per_txn);
  g_assert_cmpuint (state.out_of_order, ==, 0);
  g_assert_cmpuint (state.wrong_thread, ==, 0);
  g_assert_cmpuint (state.positions, >=, n_txns);
  /* The main loop kept running other sources meanwhile. */
  g_assert_cmpuint (state.ticks, >=, 10);
  g_clear_object (&stream);

  /* A blocking stream, cancelled from a handler while rows keep coming:
   * it ends promptly and delivers nothing more. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    AsyncState state2 = { 0 };
    Writer *writer;

    test_server_sql (server, "CREATE TABLE test.r3b (id BIGINT PRIMARY KEY, txn BIGINT)", &error);
    g_assert_no_error (error);
    writer = writer_start (server, "test.r3b", 10, 1000);
    state2.loop = loop;
    state2.owner = g_thread_self ();
    state2.cancel_after = cancellable;
    state2.cancel_at = 200;
    stream = test_server_new_stream (server);
    g_object_set (stream, "start-position", start, "blocking", TRUE, NULL);
    g_signal_connect (stream, "rows-inserted::test.r3b", G_CALLBACK (async_on_inserted), &state2);
    mysql_binlog_stream_run_async (stream, cancellable, async_done, &state2);
    g_main_loop_run (loop);
    writer_stop (writer);

    g_test_message ("async cancel: %u rows received, run ended %.1f ms after the cancel, "
                    "%u rows delivered after it", state2.received,
                    (state2.finished_at - state2.cancelled_at) / 1000.0, state2.after_cancel);
    g_assert_error (state2.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&state2.error);
    g_assert_false (state2.ok);
    g_assert_cmpuint (state2.received, ==, 200);
    g_assert_cmpuint (state2.after_cancel, ==, 0);
    g_assert_cmpuint (state2.wrong_thread, ==, 0);
    g_assert_cmpint (state2.finished_at - state2.cancelled_at, <, 2 * G_USEC_PER_SEC);
  }

  g_source_remove (tick_id);
  g_source_remove (timeout_id);
}

/* The position store: what run() loads and saves. */

static void
test_file_position_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mysqlbinlog-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "position", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogFilePositionStore) store = mysql_binlog_file_position_store_new (file);
  g_autoptr(MysqlBinlogPosition) loaded = NULL;
  g_autoptr(MysqlBinlogPosition) position = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;

  g_assert_no_error (error);
  g_assert_true (mysql_binlog_file_position_store_get_file (store) == file);

  /* Nothing saved yet: NULL without an error. */
  loaded = mysql_binlog_position_store_load (MYSQL_BINLOG_POSITION_STORE (store), NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  position = mysql_binlog_position_new_full ("mariadb-bin.000002", 1234, "0-1-42");
  g_assert_true (mysql_binlog_position_store_save (MYSQL_BINLOG_POSITION_STORE (store), position,
                                                   NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "mariadb-bin.000002:1234 gtid:0-1-42\n");

  loaded = mysql_binlog_position_store_load (MYSQL_BINLOG_POSITION_STORE (store), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mysql_binlog_position_equal (loaded, position));
  g_clear_pointer (&loaded, mysql_binlog_position_unref);

  /* No temporary file is left behind. */
  listing = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "position");
  g_assert_null (g_dir_read_name (listing));

  /* A file that holds no position is an error, not an empty store. */
  g_assert_true (g_file_set_contents (path, "garbage\n", -1, NULL));
  loaded = mysql_binlog_position_store_load (MYSQL_BINLOG_POSITION_STORE (store), NULL, &error);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
  g_assert_null (loaded);
  g_clear_error (&error);

  /* A directory that does not exist: the save fails with an error. */
  {
    g_autofree char *missing = g_build_filename (dir, "no", "such", "position", NULL);
    g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
    g_autoptr(MysqlBinlogFilePositionStore) bad = mysql_binlog_file_position_store_new (missing_file);

    g_assert_false (mysql_binlog_position_store_save (MYSQL_BINLOG_POSITION_STORE (bad), position,
                                                      NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  g_unlink (path);
  g_rmdir (dir);
}

/* A store in memory that checks when it is saved: only at transaction
 * boundaries, after the handlers of the transaction's rows returned. */
#define TEST_TYPE_STORE (test_store_get_type ())
G_DECLARE_FINAL_TYPE (TestStore, test_store, TEST, STORE, GObject)

struct _TestStore
{
  GObject parent_instance;
  MysqlBinlogPosition *saved;
  guint *rows;            /* rows the handlers have seen */
  guint rows_per_txn;
  gint saves;
  guint mid_transaction_saves;
};

static void test_store_iface_init (MysqlBinlogPositionStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestStore, test_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MYSQL_BINLOG_TYPE_POSITION_STORE,
                                                      test_store_iface_init))

static void
test_store_finalize (GObject *object)
{
  g_clear_pointer (&TEST_STORE (object)->saved, mysql_binlog_position_unref);
  G_OBJECT_CLASS (test_store_parent_class)->finalize (object);
}

static void
test_store_class_init (TestStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_store_finalize;
}

static void
test_store_init (TestStore *self)
{
}

static MysqlBinlogPosition *
test_store_load (MysqlBinlogPositionStore  *store,
                 GCancellable              *cancellable,
                 GError                   **error)
{
  TestStore *self = TEST_STORE (store);

  return self->saved != NULL ? mysql_binlog_position_ref (self->saved) : NULL;
}

static gboolean
test_store_save (MysqlBinlogPositionStore  *store,
                 MysqlBinlogPosition       *position,
                 GCancellable              *cancellable,
                 GError                   **error)
{
  TestStore *self = TEST_STORE (store);

  g_atomic_int_inc (&self->saves);
  if (*self->rows % self->rows_per_txn != 0)
    self->mid_transaction_saves++;
  g_clear_pointer (&self->saved, mysql_binlog_position_unref);
  self->saved = mysql_binlog_position_ref (position);
  return TRUE;
}

static void
test_store_iface_init (MysqlBinlogPositionStoreInterface *iface)
{
  iface->load = test_store_load;
  iface->save = test_store_save;
}

static void
count_row (MysqlBinlogStream *stream,
           MysqlBinlogRow    *row,
           guint             *rows)
{
  (*rows)++;
}

static void
test_store_saves_at_boundaries (void)
{
  g_autoptr(TestServer) server = test_server_start (NULL);
  g_autoptr(TestStore) store = g_object_new (TEST_TYPE_STORE, NULL);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogPosition) end = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  test_server_sql (server, "CREATE DATABASE test; "
                   "CREATE TABLE test.r6 (id BIGINT PRIMARY KEY, txn BIGINT)", &error);
  g_assert_no_error (error);
  start = test_server_master_position (server);
  /* 30 transactions of 4 rows, one rows event each */
  for (guint t = 0; t < 30; t++)
    {
      test_server_sqlf (server, &error, "BEGIN; INSERT INTO test.r6 VALUES (%u, %u); "
                        "INSERT INTO test.r6 VALUES (%u, %u); INSERT INTO test.r6 VALUES (%u, %u); "
                        "INSERT INTO test.r6 VALUES (%u, %u); COMMIT",
                        4 * t + 1, t, 4 * t + 2, t, 4 * t + 3, t, 4 * t + 4, t);
      g_assert_no_error (error);
    }
  end = test_server_master_position (server);

  store->rows = &rows;
  store->rows_per_txn = 4;
  stream = test_server_new_stream (server);
  g_object_set (stream, "start-position", start, "position-store", store, NULL);
  g_signal_connect (stream, "rows-inserted::test.r6", G_CALLBACK (count_row), &rows);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);

  g_test_message ("store: %u rows, %u saves, %u in the middle of a transaction",
                  rows, store->saves, store->mid_transaction_saves);
  g_assert_cmpuint (rows, ==, 120);
  /* every transaction, and nothing more since the end had nothing new */
  g_assert_cmpuint (store->saves, ==, 30);
  g_assert_cmpuint (store->mid_transaction_saves, ==, 0);
  g_assert_true (mysql_binlog_position_equal (store->saved, end));

  /* Every 7 transactions or at the end: 4 saves on the way, 1 at the end. */
  g_clear_object (&stream);
  g_clear_pointer (&store->saved, mysql_binlog_position_unref);
  store->saves = 0;
  rows = 0;
  stream = test_server_new_stream (server);
  g_object_set (stream, "start-position", start, "position-store", store,
                "save-transactions", 7, NULL);
  g_signal_connect (stream, "rows-inserted::test.r6", G_CALLBACK (count_row), &rows);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 120);
  g_assert_cmpuint (store->saves, ==, 5);
  g_assert_cmpuint (store->mid_transaction_saves, ==, 0);
  g_assert_true (mysql_binlog_position_equal (store->saved, end));
}

/* A stream with a store: starts from the stored position (over
 * start-position), saves at transaction boundaries, and saves at the end. */
static void
test_stream_position_store (void)
{
  g_autoptr(TestServer) server = test_server_start (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mysqlbinlog-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "position", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogFilePositionStore) store = mysql_binlog_file_position_store_new (file);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogPosition) middle = NULL;
  g_autoptr(MysqlBinlogPosition) end = NULL;
  g_autoptr(MysqlBinlogPosition) saved = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  Reader reader = { 0 };

  test_server_sql (server, "CREATE DATABASE test; "
                   "CREATE TABLE test.r4 (id BIGINT PRIMARY KEY, txn BIGINT); "
                   "INSERT INTO test.r4 VALUES (1, 1), (2, 1)", &error);
  g_assert_no_error (error);
  middle = test_server_master_position (server);
  test_server_sql (server, "INSERT INTO test.r4 VALUES (3, 2); INSERT INTO test.r4 VALUES (4, 3)",
                   &error);
  g_assert_no_error (error);
  end = test_server_master_position (server);
  start = mysql_binlog_position_new (mysql_binlog_position_get_file (end), 4);

  /* The stored position wins over start-position. */
  g_assert_true (mysql_binlog_position_store_save (MYSQL_BINLOG_POSITION_STORE (store), middle,
                                                   NULL, &error));
  g_mutex_init (&reader.lock);
  reader.counts = g_hash_table_new (NULL, NULL);
  stream = test_server_new_stream (server);
  g_object_set (stream, "start-position", start, "position-store", store,
                "save-transactions", 100, NULL);
  g_assert_true (mysql_binlog_stream_get_position_store (stream) ==
                 MYSQL_BINLOG_POSITION_STORE (store));
  g_signal_connect (stream, "rows-inserted::test.r4", G_CALLBACK (reader_on_inserted), &reader);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (reader.received, ==, 2);
  g_assert_true (g_hash_table_contains (reader.counts, GSIZE_TO_POINTER (3)));
  g_assert_true (g_hash_table_contains (reader.counts, GSIZE_TO_POINTER (4)));

  /* save-transactions 100 saved nothing on the way, the end saved it all. */
  saved = mysql_binlog_position_store_load (MYSQL_BINLOG_POSITION_STORE (store), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mysql_binlog_position_equal (saved, end));

  /* Running again delivers nothing new. */
  reader.received = 0;
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_cmpuint (reader.received, ==, 0);

  g_hash_table_unref (reader.counts);
  g_mutex_clear (&reader.lock);
  g_unlink (path);
  g_rmdir (dir);
}

/* Errors that another attempt cannot fix are reported at once. */
static void
test_clear_errors (void)
{
  g_autoptr(TestServer) server = test_server_start (NULL);
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogPosition) purged = NULL;
  g_autoptr(GError) error = NULL;
  gint64 began;

  /* Positions in a purged binary log file, by file and by GTID. */
  test_server_sql (server, "CREATE DATABASE test; CREATE TABLE test.r5 (id INT PRIMARY KEY); "
                   "INSERT INTO test.r5 VALUES (1); INSERT INTO test.r5 VALUES (2)", &error);
  g_assert_no_error (error);
  purged = test_server_master_position (server);
  g_assert_nonnull (mysql_binlog_position_get_gtid_set (purged));
  test_server_sql (server, "INSERT INTO test.r5 VALUES (3); FLUSH BINARY LOGS; "
                   "INSERT INTO test.r5 VALUES (4)", &error);
  g_assert_no_error (error);
  {
    g_autoptr(MysqlBinlogPosition) now = test_server_master_position (server);

    g_autofree char *first = NULL;

    /* The server keeps a file until its binlog checkpoint passed it. */
    for (guint i = 0; i < 100; i++)
      {
        test_server_sqlf (server, &error, "PURGE BINARY LOGS TO '%s'",
                          mysql_binlog_position_get_file (now));
        g_assert_no_error (error);
        g_free (first);
        first = test_server_query_value (server, "SHOW BINARY LOGS", &error);
        g_assert_no_error (error);
        if (g_strcmp0 (first, mysql_binlog_position_get_file (now)) == 0)
          break;
        g_usleep (50000);
      }
    g_assert_cmpstr (first, ==, mysql_binlog_position_get_file (now));
  }

  stream = test_server_new_stream (server);
  g_object_set (stream, "start-position", purged, "reconnect-attempts", -1, NULL);
  began = g_get_monotonic_time ();
  g_assert_false (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_POSITION_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_clear_object (&stream);

  {
    g_autoptr(MysqlBinlogPosition) gtid =
      mysql_binlog_position_new_for_gtid_set (mysql_binlog_position_get_gtid_set (purged));

    stream = test_server_new_stream (server);
    g_object_set (stream, "start-position", gtid, "reconnect-attempts", -1, NULL);
    g_assert_false (mysql_binlog_stream_run (stream, NULL, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_POSITION_NOT_FOUND);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
    g_clear_object (&stream);
  }

  /* A session that wrote statements instead of rows. */
  {
    g_autoptr(MysqlBinlogPosition) before = test_server_master_position (server);

    test_server_sql (server, "SET SESSION binlog_format = 'STATEMENT'; "
                     "INSERT INTO test.r5 VALUES (10); SET SESSION binlog_format = 'ROW'", &error);
    g_assert_no_error (error);
    stream = test_server_new_stream (server);
    g_object_set (stream, "start-position", before, "reconnect-attempts", -1, NULL);
    g_assert_false (mysql_binlog_stream_run (stream, NULL, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_NOT_ROW_BASED);
    g_test_message ("%s", error->message);
    g_clear_error (&error);
    g_clear_object (&stream);
  }

  /* A server whose binary log is not row-based. */
  test_server_sql (server, "SET GLOBAL binlog_format = 'STATEMENT'", &error);
  g_assert_no_error (error);
  stream = test_server_new_stream (server);
  g_object_set (stream, "reconnect-attempts", -1, NULL);
  g_assert_false (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_NOT_ROW_BASED);
  g_test_message ("%s", error->message);
  g_assert_cmpint (g_get_monotonic_time () - began, <, 10 * G_USEC_PER_SEC);
}

static void
count_reconnecting (MysqlBinlogStream *stream,
                    guint              attempt,
                    guint              delay,
                    GError            *error,
                    guint             *count)
{
  (*count)++;
  g_assert_cmpuint (attempt, ==, *count);
  /* 40 ms, then doubled, at most 60 ms */
  g_assert_cmpuint (delay, ==, attempt == 1 ? 40 : 60);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CONNECTION_FAILED);
}

/* The attempts are limited, and each is reported. */
static void
test_reconnect_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mysqlbinlog-none-XXXXXX", &error);
  g_autofree char *socket = g_build_filename (dir, "no-server.sock", NULL);
  g_autoptr(MysqlBinlogStream) stream = NULL;
  guint count = 0;
  gint64 began;

  stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                         "socket", socket,
                         "user", "root",
                         "server-id", 77,
                         "reconnect-attempts", 3,
                         "reconnect-delay", 40,
                         "reconnect-max-delay", 60,
                         NULL);
  g_signal_connect (stream, "reconnecting", G_CALLBACK (count_reconnecting), &count);
  began = g_get_monotonic_time ();
  g_assert_false (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CONNECTION_FAILED);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpint (g_get_monotonic_time () - began, >=, (40 + 60 + 60) * 1000);
  g_rmdir (dir);
}

static void
count_heartbeat (MysqlBinlogStream *stream,
                 MysqlBinlogEvent  *event,
                 guint             *count)
{
  if (mysql_binlog_event_get_event_type (event) == MYSQL_BINLOG_EVENT_HEARTBEAT)
    (*count)++;
}

typedef struct
{
  MysqlBinlogStream *stream;
  TestStore *store;
  gint saves_before_stop;
} StopLater;

static gpointer
stop_later (gpointer data)
{
  StopLater *later = data;

  g_usleep (1500000);
  later->saves_before_stop = g_atomic_int_get (&later->store->saves);
  mysql_binlog_stream_stop (later->stream);
  return NULL;
}

/* An idle server sends heartbeats, and an idle stream keeps running. */
static void
test_heartbeat (void)
{
  g_autoptr(TestServer) server = test_server_start (NULL);
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(TestStore) store = g_object_new (TEST_TYPE_STORE, NULL);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogPosition) end = NULL;
  g_autoptr(GError) error = NULL;
  StopLater later = { stream, store, 0 };
  guint heartbeats = 0, rows = 0;
  GThread *stopper;

  test_server_sql (server, "CREATE DATABASE test; CREATE TABLE test.r7 (id INT PRIMARY KEY)",
                   &error);
  g_assert_no_error (error);
  start = test_server_master_position (server);
  test_server_sql (server, "INSERT INTO test.r7 VALUES (1); INSERT INTO test.r7 VALUES (2)",
                   &error);
  g_assert_no_error (error);
  end = test_server_master_position (server);

  /* Two transactions, too few for save-transactions: the heartbeats of
   * the idle server save them once save-interval passed. */
  store->rows = &rows;
  store->rows_per_txn = 1;
  g_object_set (stream, "blocking", TRUE, "heartbeat-period", 200, "start-position", start,
                "position-store", store, "save-transactions", 100, "save-interval", 300, NULL);
  g_signal_connect (stream, "binlog", G_CALLBACK (count_heartbeat), &heartbeats);
  g_signal_connect (stream, "rows-inserted::test.r7", G_CALLBACK (count_row), &rows);
  stopper = g_thread_new ("stopper", stop_later, &later);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_thread_join (stopper);

  g_test_message ("heartbeat: %u heartbeats in 1.5 s at a period of 200 ms; %d saves before "
                  "the stop", heartbeats, later.saves_before_stop);
  g_assert_cmpuint (heartbeats, >=, 3);
  g_assert_cmpuint (rows, ==, 2);
  g_assert_cmpint (later.saves_before_stop, ==, 1);
  g_assert_true (mysql_binlog_position_equal (store->saved, end));
}

/* Test 3b: the queue of run_async is bounded in bytes as well as in
 * emissions: with rows of 2 MiB and a handler that falls behind, the
 * reader waits instead of queueing the whole transaction. */

#define BIG_ROWS 48
#define BIG_ROW_SIZE (2 * 1024 * 1024)

typedef struct
{
  GMainLoop *loop;
  guint received;
  guint wrong_size;
  gsize max_rss;
  gboolean finished;
  gboolean ok;
  GError *error;
} BigState;

/* The resident set of this process, in bytes. */
static gsize
resident_bytes (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "\nVmRSS:");
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10) * 1024;
}

static void
big_on_inserted (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *row,
                 BigState          *state)
{
  gsize length = 0;
  const guint8 *payload = mysql_binlog_row_peek_bytes (row, 1, &length);
  gint64 id = mysql_binlog_row_get_int64 (row, 0);

  /* The first handler falls behind: the reader runs ahead meanwhile. */
  if (state->received == 0)
    g_usleep (G_USEC_PER_SEC);
  state->received++;
  if (length != BIG_ROW_SIZE || payload == NULL ||
      payload[0] != 'a' + id % 26 || payload[length - 1] != 'a' + id % 26)
    state->wrong_size++;
  state->max_rss = MAX (state->max_rss, resident_bytes ());
}

static void
big_done (GObject      *object,
          GAsyncResult *result,
          gpointer      data)
{
  BigState *state = data;

  state->ok = mysql_binlog_stream_run_finish (MYSQL_BINLOG_STREAM (object), result, &state->error);
  state->finished = TRUE;
  g_main_loop_quit (state->loop);
}

static void
test_async_memory (void)
{
  g_autoptr(TestServer) server = test_server_start (NULL);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  BigState state = { 0 };
  guint timeout_id;
  gsize before;

  test_server_sql (server, "CREATE DATABASE test; "
                   "CREATE TABLE test.big (id INT PRIMARY KEY, payload LONGBLOB NOT NULL)", &error);
  g_assert_no_error (error);
  start = test_server_master_position (server);
  /* One transaction of 96 MiB: one row of 2 MiB per event. */
  test_server_sqlf (server, &error,
                    "INSERT INTO test.big SELECT seq, REPEAT(CHAR(97 + seq %% 26), %u) "
                    "FROM test.seq_1_to_%u", BIG_ROW_SIZE, BIG_ROWS);
  g_assert_no_error (error);

  state.loop = loop;
  stream = test_server_new_stream (server);
  g_object_set (stream, "start-position", start, NULL);
  g_signal_connect (stream, "rows-inserted::test.big", G_CALLBACK (big_on_inserted), &state);
  timeout_id = g_timeout_add_seconds (60, async_timeout, NULL);
  before = resident_bytes ();
  mysql_binlog_stream_run_async (stream, NULL, big_done, &state);
  g_main_loop_run (loop);
  g_source_remove (timeout_id);

  g_test_message ("async memory: %u rows of %u bytes, resident set grew by %.1f MiB at most "
                  "(the transaction is %u MiB)", state.received, BIG_ROW_SIZE,
                  (state.max_rss - MIN (before, state.max_rss)) / 1048576.0,
                  BIG_ROWS * (BIG_ROW_SIZE / 1048576));
  g_assert_no_error (state.error);
  g_assert_true (state.ok);
  g_assert_cmpuint (state.received, ==, BIG_ROWS);
  g_assert_cmpuint (state.wrong_size, ==, 0);
  g_assert_cmpuint (before, >, 0);
  /* The queue holds 16 MiB of binlog, plus the event being read and the
   * row being delivered; queueing the transaction would take 96 MiB.
   * AddressSanitizer keeps freed memory resident (its quarantine), so the
   * resident set says nothing there. */
#if defined(__SANITIZE_ADDRESS__)
  g_test_message ("async memory: resident set not checked under AddressSanitizer");
#else
  g_assert_cmpuint (state.max_rss, <, before + 48 * 1048576);
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/replication/file-position-store", test_file_position_store);
  g_test_add_func ("/replication/stream-position-store", test_stream_position_store);
  g_test_add_func ("/replication/store-saves-at-boundaries", test_store_saves_at_boundaries);
  g_test_add_func ("/replication/clear-errors", test_clear_errors);
  g_test_add_func ("/replication/reconnect-limit", test_reconnect_limit);
  g_test_add_func ("/replication/heartbeat", test_heartbeat);
  g_test_add_func ("/replication/reconnect-exactly-once", test_reconnect_exactly_once);
  g_test_add_func ("/replication/consumer-killed", test_consumer_killed);
  g_test_add_func ("/replication/async-main-loop", test_async_main_loop);
  g_test_add_func ("/replication/async-memory", test_async_memory);

  return g_test_run ();
}
