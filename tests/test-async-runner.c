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
 * run_async on a real server: rows handed over to the caller's main loop,
 * in order and on its thread, and a queue bounded in bytes.
 */

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

  g_test_add_func ("/replication/async-main-loop", test_async_main_loop);
  g_test_add_func ("/replication/async-memory", test_async_memory);

  return g_test_run ();
}
