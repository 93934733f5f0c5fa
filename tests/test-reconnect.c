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

#include "test-replication-common.h"

/*
 * Replication mode under faults, against real throwaway MariaDB servers: a
 * writer inserts numbered rows while the test kills the replica
 * connection, restarts the server, or kills the consumer process, and the
 * rows received are counted; errors that another attempt can't fix, the
 * limit of attempts, and heartbeats of an idle server.
 */

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/replication/clear-errors", test_clear_errors);
  g_test_add_func ("/replication/reconnect-limit", test_reconnect_limit);
  g_test_add_func ("/replication/heartbeat", test_heartbeat);
  g_test_add_func ("/replication/reconnect-exactly-once", test_reconnect_exactly_once);
  g_test_add_func ("/replication/consumer-killed", test_consumer_killed);

  return g_test_run ();
}
