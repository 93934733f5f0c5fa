/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <mysql.h>

#include "test-server.h"

/*
 * No silent gap after a reconnection, against a real throwaway MariaDB
 * server: the replica connection is killed, a row is written and the
 * binary log file that holds it is purged before the stream connects
 * again.  The stream must not carry on past the lost row: the run ends
 * with MYSQL_BINLOG_ERROR_POSITION_NOT_FOUND, without retrying.
 */

typedef struct
{
  GMutex lock;
  GCond cond;
  char *socket;
  char *table;
  MysqlBinlogStream *stream;
  GThread *thread;
  gboolean done;
  gboolean ok;
  GError *error;
  GArray *ids;          /* of gint64: the rows received, in order */
  guint reconnects;
  gboolean handled;     /* the first reconnection's handler returned */
  gboolean purge;       /* on the first reconnection: write, flush, purge */
  gboolean purged;
  char *lost_file;      /* the file the purge removed */
} Run;

static TestServer *server;

/* On a connection of its own: the handlers run on the stream's thread. */
static gboolean
sql_on (const char  *socket,
        const char  *sql,
        char       **value)
{
  MYSQL *conn = mysql_init (NULL);
  gboolean ok = FALSE;

  if (mysql_real_connect (conn, NULL, "root", "", NULL, 0, socket, 0) != NULL &&
      mysql_query (conn, sql) == 0)
    {
      MYSQL_RES *result = mysql_store_result (conn);

      ok = TRUE;
      if (value != NULL)
        {
          MYSQL_ROW row = result != NULL ? mysql_fetch_row (result) : NULL;

          *value = row != NULL && row[0] != NULL ? g_strdup (row[0]) : NULL;
        }
      if (result != NULL)
        mysql_free_result (result);
    }
  if (!ok)
    g_test_message ("%s: %s", sql, mysql_error (conn));
  mysql_close (conn);
  return ok;
}

static gboolean
sql_onf (const char *socket,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
sql_onf (const char *socket,
         const char *format,
         ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return sql_on (socket, sql, NULL);
}

static char *
current_file (const char *socket)
{
  MYSQL *conn = mysql_init (NULL);
  MYSQL_RES *result;
  MYSQL_ROW row;
  char *file = NULL;

  g_assert_nonnull (mysql_real_connect (conn, NULL, "root", "", NULL, 0, socket, 0));
  g_assert_cmpint (mysql_query (conn, "SHOW MASTER STATUS"), ==, 0);
  result = mysql_store_result (conn);
  g_assert_nonnull (result);
  row = mysql_fetch_row (result);
  g_assert_nonnull (row);
  file = g_strdup (row[0]);
  mysql_free_result (result);
  mysql_close (conn);
  return file;
}

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             Run               *run)
{
  gint64 id = mysql_binlog_row_get_int64 (row, 0);

  g_mutex_lock (&run->lock);
  g_array_append_val (run->ids, id);
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

static void gap_before_reconnect (Run *run);

/* Whether SHOW BINARY LOGS lists @file. */
static gboolean
binlog_listed (const char *socket,
               const char *file)
{
  MYSQL *conn = mysql_init (NULL);
  MYSQL_RES *result;
  MYSQL_ROW row;
  gboolean listed = FALSE;

  g_assert_nonnull (mysql_real_connect (conn, NULL, "root", "", NULL, 0, socket, 0));
  g_assert_cmpint (mysql_query (conn, "SHOW BINARY LOGS"), ==, 0);
  result = mysql_store_result (conn);
  g_assert_nonnull (result);
  while ((row = mysql_fetch_row (result)) != NULL)
    listed = listed || g_strcmp0 (row[0], file) == 0;
  mysql_free_result (result);
  mysql_close (conn);
  return listed;
}

/* Before the stream connects again: row 1 goes into a file that is gone
 * by the time the stream asks for it. */
static void
on_reconnecting (MysqlBinlogStream *stream,
                 guint              attempt,
                 guint              delay,
                 GError            *error,
                 Run               *run)
{
  guint reconnects;

  g_test_message ("reconnecting (attempt %u, in %u ms): %s", attempt, delay, error->message);
  g_mutex_lock (&run->lock);
  reconnects = ++run->reconnects;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);

  if (reconnects != 1)
    return;
  gap_before_reconnect (run);
  g_mutex_lock (&run->lock);
  run->handled = TRUE;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
}

static void
gap_before_reconnect (Run *run)
{
  g_autofree char *next = NULL;

  g_assert_true (sql_onf (run->socket, "INSERT INTO %s VALUES (1)", run->table));
  if (!run->purge)
    return;
  run->lost_file = current_file (run->socket);
  g_assert_true (sql_on (run->socket, "FLUSH BINARY LOGS", NULL));
  next = current_file (run->socket);
  g_assert_cmpstr (next, !=, run->lost_file);
  /* The killed dump thread may still hold the file open for a moment,
   * and the server keeps a file in use: purge until it is gone. */
  for (guint i = 0; i < 250 && !run->purged; i++)
    {
      g_assert_true (sql_onf (run->socket, "PURGE BINARY LOGS TO '%s'", next));
      run->purged = !binlog_listed (run->socket, run->lost_file);
      if (!run->purged)
        g_usleep (20000);
    }
  g_assert_true (run->purged);
}

static gpointer
run_thread (gpointer data)
{
  Run *run = data;
  GError *error = NULL;
  gboolean ok;

  ok = mysql_binlog_stream_run (run->stream, NULL, &error);
  g_mutex_lock (&run->lock);
  run->ok = ok;
  run->error = error;
  run->done = TRUE;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
  return NULL;
}

/* Kills the binlog dump thread, waiting up to 10 s for one to exist. */
static char *
kill_dump_thread (void)
{
  char *id = test_server_kill_dump_thread (server, 10);

  if (id == NULL)
    g_error ("The stream never started a binlog dump");
  return id;
}

/* Waits until the run ended or a dump thread other than @killed runs. */
static void
wait_for_end_or_dump (Run        *run,
                      const char *killed)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;
      gboolean done;

      g_mutex_lock (&run->lock);
      done = run->done;
      g_mutex_unlock (&run->lock);
      if (done)
        return;
      id = test_server_query_value (server,
                                    "SELECT ID FROM information_schema.PROCESSLIST "
                                    "WHERE COMMAND LIKE 'Binlog Dump%' AND "
                                    "STATE NOT LIKE '%kill%' ORDER BY ID DESC LIMIT 1", &error);
      g_assert_no_error (error);
      if (id != NULL && g_strcmp0 (id, killed) != 0)
        return;
      g_usleep (20000);
    }
  g_error ("The stream neither ended nor connected again");
}

/* Waits until the run ended or received @id; TRUE if it ended. */
static gboolean
wait_for_end_or_row (Run    *run,
                     gint64  id,
                     guint   timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  gboolean done;

  g_mutex_lock (&run->lock);
  for (;;)
    {
      gboolean seen = FALSE;

      for (guint i = 0; i < run->ids->len; i++)
        seen = seen || g_array_index (run->ids, gint64, i) == id;
      if (run->done || seen || !g_cond_wait_until (&run->cond, &run->lock, end))
        break;
    }
  done = run->done;
  g_mutex_unlock (&run->lock);
  return done;
}

static void
wait_for_reconnects (Run   *run,
                     guint  n)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_mutex_lock (&run->lock);
  while ((run->reconnects < n || !run->handled) && !run->done)
    if (!g_cond_wait_until (&run->cond, &run->lock, end))
      break;
  g_assert_cmpuint (run->reconnects, >=, n);
  g_mutex_unlock (&run->lock);
}

typedef enum {
  START_AT_END,       /* no start position: the server's current end */
  START_AT_GTID,      /* a MariaDB GTID start position */
} StartKind;

/* Runs the scenario: the stream starts, reads row 0 when @with_row0, its
 * dump thread is killed, row 1 is written (and its file purged when
 * @purge) before the stream connects again, then row 2 is written. */
static void
run_scenario (StartKind  kind,
              gboolean   with_row0,
              gboolean   purge,
              Run       *run)
{
  static guint n_table = 0;
  g_autofree char *killed = NULL;

  memset (run, 0, sizeof *run);
  g_mutex_init (&run->lock);
  g_cond_init (&run->cond);
  run->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  run->socket = g_strdup (test_server_get_socket (server));
  run->table = g_strdup_printf ("test.gap%u", n_table++);
  run->purge = purge;

  g_assert_true (sql_onf (run->socket, "CREATE TABLE %s (id INT PRIMARY KEY)", run->table));

  run->stream = test_server_new_stream (server);
  g_object_set (run->stream,
                "blocking", TRUE,
                "reconnect-attempts", -1,
                "reconnect-delay", 50,
                NULL);
  if (kind == START_AT_GTID)
    {
      g_autofree char *gtid = test_server_query_value (server, "SELECT @@gtid_binlog_pos", NULL);
      g_autoptr(MysqlBinlogPosition) start = NULL;

      g_assert_nonnull (gtid);
      g_assert_cmpstr (gtid, !=, "");
      start = mysql_binlog_position_new_for_gtid_set (gtid);
      mysql_binlog_stream_set_start_position (run->stream, start);
    }
  {
    g_autofree char *detail = g_strdup_printf ("rows-inserted::%s", run->table);

    g_signal_connect (run->stream, detail, G_CALLBACK (on_inserted), run);
  }
  g_signal_connect (run->stream, "reconnecting", G_CALLBACK (on_reconnecting), run);

  run->thread = g_thread_new ("stream", run_thread, run);

  /* The stream has found where it starts once it asks for a dump. */
  wait_for_end_or_dump (run, NULL);
  if (with_row0)
    {
      g_assert_true (sql_onf (run->socket, "INSERT INTO %s VALUES (0)", run->table));
      g_assert_false (wait_for_end_or_row (run, 0, 10));
      g_assert_cmpuint (run->ids->len, ==, 1);
    }

  killed = kill_dump_thread ();
  wait_for_reconnects (run, 1);
  /* Row 2 is written once the stream has connected again (or given up). */
  wait_for_end_or_dump (run, killed);
  g_assert_true (sql_onf (run->socket, "INSERT INTO %s VALUES (2)", run->table));

  if (!wait_for_end_or_row (run, 2, 10))
    {
      /* Give a wrong second delivery of row 2 time to show. */
      g_usleep (200000);
      mysql_binlog_stream_stop (run->stream);
    }
  g_thread_join (run->thread);
  g_object_unref (run->stream);
  run->stream = NULL;
}

static void
run_clear (Run *run)
{
  g_clear_error (&run->error);
  g_array_unref (run->ids);
  g_free (run->socket);
  g_free (run->table);
  g_free (run->lost_file);
  g_mutex_clear (&run->lock);
  g_cond_clear (&run->cond);
}

static char *
ids_to_string (Run *run)
{
  GString *string = g_string_new (NULL);

  for (guint i = 0; i < run->ids->len; i++)
    g_string_append_printf (string, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            g_array_index (run->ids, gint64, i));
  return g_string_free (string, FALSE);
}

/* The run ended with POSITION_NOT_FOUND after one reconnection, and row 1
 * (lost with its file) was not skipped over silently. */
static void
assert_gap_refused (Run        *run,
                    const char *expected_rows,
                    const char *expected_in_message)
{
  g_autofree char *ids = ids_to_string (run);

  g_assert_true (run->purged);
  g_assert_cmpstr (ids, ==, expected_rows);
  g_assert_error (run->error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_POSITION_NOT_FOUND);
  g_assert_false (run->ok);
  /* A permanent error: not retried. */
  g_assert_cmpuint (run->reconnects, ==, 1);
  g_test_message ("the run ended with: %s", run->error->message);
  if (expected_in_message != NULL)
    g_assert_nonnull (strstr (run->error->message, expected_in_message));
}

/* Started at the server's end, nothing read before the break: the
 * reconnection must ask for that same file and offset, not the end the
 * server has then. */
static void
test_current_end_purged (void)
{
  Run run;

  run_scenario (START_AT_END, FALSE, TRUE, &run);
  assert_gap_refused (&run, "", run.lost_file);
  run_clear (&run);
}

/* The same without the purge: row 1 arrives, once, and row 2 after it. */
static void
test_current_end_kept (void)
{
  Run run;
  g_autofree char *ids = NULL;

  run_scenario (START_AT_END, FALSE, FALSE, &run);
  ids = ids_to_string (&run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpstr (ids, ==, "1 2");
  run_clear (&run);
}

/* After a transaction was read: the reconnection asks for the file of
 * the last transaction boundary. */
static void
test_after_transaction_purged (void)
{
  Run run;

  run_scenario (START_AT_END, TRUE, TRUE, &run);
  assert_gap_refused (&run, "0", run.lost_file);
  run_clear (&run);
}

/* Started at a GTID position, nothing read before the break: the
 * reconnection asks for that GTID state again. */
static void
test_gtid_purged (void)
{
  Run run;

  run_scenario (START_AT_GTID, FALSE, TRUE, &run);
  assert_gap_refused (&run, "", "GTID");
  run_clear (&run);
}

/* Started at a GTID position, a transaction read: the reconnection asks
 * for the GTID state after it, by GTID, as the run started. */
static void
test_gtid_after_transaction_purged (void)
{
  Run run;

  run_scenario (START_AT_GTID, TRUE, TRUE, &run);
  assert_gap_refused (&run, "0", "GTID");
  run_clear (&run);
}

static void
test_gtid_after_transaction_kept (void)
{
  Run run;
  g_autofree char *ids = NULL;

  run_scenario (START_AT_GTID, TRUE, FALSE, &run);
  ids = ids_to_string (&run);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpstr (ids, ==, "0 1 2");
  run_clear (&run);
}

static void
stop_after_three (MysqlBinlogStream *stream,
                  guint              attempt,
                  guint              delay,
                  GError            *error,
                  guint             *reconnects)
{
  g_test_message ("reconnecting (attempt %u): %s", attempt, error->message);
  if (++*reconnects >= 3)
    mysql_binlog_stream_stop (stream);
}

/* A GTID the server never wrote: MariaDB refuses it (error 1236, "which is
 * not in the master's binlog"), and asking again gets the same answer. */
static void
test_gtid_not_in_binlog (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gtid = NULL;
  g_autofree char *ahead = NULL;
  g_auto(GStrv) parts = NULL;
  guint reconnects = 0;
  gboolean ok;

  test_server_exec (server, "CREATE TABLE test.gap_ahead (id INT PRIMARY KEY); "
                            "INSERT INTO test.gap_ahead VALUES (1)");
  gtid = test_server_query_value (server, "SELECT @@gtid_binlog_pos", &error);
  g_assert_no_error (error);
  parts = g_strsplit (gtid, "-", 3);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  /* The same domain and server, a thousand transactions ahead. */
  ahead = g_strdup_printf ("%s-%s-%" G_GUINT64_FORMAT, parts[0], parts[1],
                           g_ascii_strtoull (parts[2], NULL, 10) + 1000);
  start = mysql_binlog_position_new_for_gtid_set (ahead);
  g_object_set (stream,
                "start-position", start,
                "reconnect-attempts", -1,
                "reconnect-delay", 10,
                NULL);
  g_signal_connect (stream, "reconnecting", G_CALLBACK (stop_after_three), &reconnects);

  ok = mysql_binlog_stream_run (stream, NULL, &error);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_POSITION_NOT_FOUND);
  g_assert_false (ok);
  g_assert_cmpuint (reconnects, ==, 0);
  g_test_message ("the run ended with: %s", error->message);
}

/* A stream whose position file is empty does not start at the server's
 * end: it fails before it connects. */
static void
test_empty_position_file (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(MysqlBinlogFilePositionStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gboolean ok;

  dir = g_dir_make_tmp ("mysqlbinlog-gap-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "position", NULL);
  g_file_set_contents (path, "\n", -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  store = mysql_binlog_file_position_store_new (file);
  g_object_set (stream, "position-store", store, NULL);

  ok = mysql_binlog_stream_run (stream, NULL, &error);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
  g_assert_false (ok);
  g_test_message ("the run ended with: %s", error->message);
  /* The file is left as it was, for its owner to look at. */
  {
    g_autofree char *contents = NULL;
    g_autoptr(GError) read_error = NULL;

    g_file_get_contents (path, &contents, NULL, &read_error);
    g_assert_no_error (read_error);
    g_assert_cmpstr (contents, ==, "\n");
  }
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gap/current-end-purged", test_current_end_purged);
  g_test_add_func ("/gap/current-end-kept", test_current_end_kept);
  g_test_add_func ("/gap/after-transaction-purged", test_after_transaction_purged);
  g_test_add_func ("/gap/gtid-purged", test_gtid_purged);
  g_test_add_func ("/gap/gtid-after-transaction-purged", test_gtid_after_transaction_purged);
  g_test_add_func ("/gap/gtid-after-transaction-kept", test_gtid_after_transaction_kept);
  g_test_add_func ("/gap/gtid-not-in-binlog", test_gtid_not_in_binlog);
  g_test_add_func ("/gap/empty-position-file", test_empty_position_file);

  server = test_server_start (NULL);
  test_server_exec (server, "CREATE DATABASE test");
  status = g_test_run ();
  test_server_stop (server);
  return status;
}
