/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <mysql.h>

#include "test-replication-common.h"

/*
 * What a stream is doing, observed through its properties against a real
 * throwaway MariaDB server: the states of a run that loses its server and
 * gets it back, coalesced position notifications over a burst of
 * transactions, the rows delivered, and the lag of an old binary log;
 * for run() and for run_async() under a main loop, where every
 * notification must come on the loop's thread.
 */

static TestServer *server;

typedef enum
{
  MODE_RUN,
  MODE_ASYNC,
} Mode;

/* What the notify handlers saw. */
typedef struct
{
  GMutex lock;
  GThread *owner;             /* the thread that must see every notification */
  guint wrong_thread;
  GArray *states;             /* of MysqlBinlogStreamState, as notified */
  guint position_notifies;
  MysqlBinlogPosition *last_notified;
  guint64 rows_notified;      /* rows-delivered when position was last notified */
  gint rows_handled;          /* atomic */
  guint positions;            /* binlog-position emissions */
  GArray *lags;               /* of double, as notified */
  gboolean stop_when_caught_up;
  GMainLoop *loop;
  gboolean ok;
  GError *error;
} Seen;

static void
seen_init (Seen *seen)
{
  memset (seen, 0, sizeof *seen);
  g_mutex_init (&seen->lock);
  seen->owner = g_thread_self ();
  seen->states = g_array_new (FALSE, FALSE, sizeof (MysqlBinlogStreamState));
  seen->lags = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
seen_clear (Seen *seen)
{
  g_array_unref (seen->states);
  g_array_unref (seen->lags);
  g_clear_pointer (&seen->last_notified, mysql_binlog_position_unref);
  g_clear_error (&seen->error);
  g_clear_pointer (&seen->loop, g_main_loop_unref);
  g_mutex_clear (&seen->lock);
}

static void
check_thread (Seen *seen)
{
  if (g_thread_self () != seen->owner)
    seen->wrong_thread++;
}

static void
on_state (MysqlBinlogStream *stream,
          GParamSpec        *pspec,
          Seen              *seen)
{
  MysqlBinlogStreamState state;

  check_thread (seen);
  g_object_get (stream, "state", &state, NULL);
  g_mutex_lock (&seen->lock);
  g_array_append_val (seen->states, state);
  g_mutex_unlock (&seen->lock);
}

static void
on_position (MysqlBinlogStream *stream,
             GParamSpec        *pspec,
             Seen              *seen)
{
  check_thread (seen);
  g_mutex_lock (&seen->lock);
  seen->position_notifies++;
  g_clear_pointer (&seen->last_notified, mysql_binlog_position_unref);
  g_object_get (stream, "position", &seen->last_notified, "rows-delivered", &seen->rows_notified,
                NULL);
  g_mutex_unlock (&seen->lock);
}

static void
on_lag (MysqlBinlogStream *stream,
        GParamSpec        *pspec,
        Seen              *seen)
{
  double lag;

  check_thread (seen);
  g_object_get (stream, "lag", &lag, NULL);
  g_array_append_val (seen->lags, lag);
  if (seen->stop_when_caught_up && lag == 0)
    mysql_binlog_stream_stop (stream);
}

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             Seen              *seen)
{
  g_atomic_int_inc (&seen->rows_handled);
}

static void
on_binlog_position (MysqlBinlogStream   *stream,
                    MysqlBinlogPosition *position,
                    Seen                *seen)
{
  seen->positions++;
}

static void
connect_handlers (MysqlBinlogStream *stream,
                  Seen              *seen,
                  const char        *table)
{
  g_autofree char *detailed = g_strdup_printf ("rows-inserted::%s", table);

  g_signal_connect (stream, "notify::state", G_CALLBACK (on_state), seen);
  g_signal_connect (stream, "notify::position", G_CALLBACK (on_position), seen);
  g_signal_connect (stream, "notify::lag", G_CALLBACK (on_lag), seen);
  g_signal_connect (stream, detailed, G_CALLBACK (on_inserted), seen);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (on_binlog_position), seen);
}

static void
on_finished (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Seen *seen = user_data;

  seen->ok = mysql_binlog_stream_run_finish (MYSQL_BINLOG_STREAM (object), result, &seen->error);
  g_main_loop_quit (seen->loop);
}

/* Runs @stream to its end on this thread, with run() or with run_async()
 * under a main loop of this thread's default context. */
static void
run_stream (MysqlBinlogStream *stream,
            Seen              *seen,
            Mode               mode)
{
  if (mode == MODE_RUN)
    {
      seen->ok = mysql_binlog_stream_run (stream, NULL, &seen->error);
      return;
    }
  seen->loop = g_main_loop_new (NULL, FALSE);
  mysql_binlog_stream_run_async (stream, NULL, on_finished, seen);
  g_main_loop_run (seen->loop);
}

/* Waits until @seen was notified of @n states. */
static gboolean
wait_for_states (Seen  *seen,
                 guint  n,
                 guint  timeout_s)
{
  gint64 deadline = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  for (;;)
    {
      guint len;

      g_mutex_lock (&seen->lock);
      len = seen->states->len;
      g_mutex_unlock (&seen->lock);
      if (len >= n)
        return TRUE;
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (10000);
    }
}

/* The sequence test's other thread: once the run streams, restarts the
 * server under it, waits until it streams again (two more states), and
 * stops it. */
typedef struct
{
  MysqlBinlogStream *stream;
  Seen *seen;
  gboolean streamed;
  gboolean streamed_again;
} Breaker;

static gpointer
breaker_thread (gpointer data)
{
  Breaker *breaker = data;

  breaker->streamed = wait_for_states (breaker->seen, 2, 30) &&
                      mysql_binlog_stream_get_state (breaker->stream) ==
                      MYSQL_BINLOG_STREAM_STATE_STREAMING;
  if (breaker->streamed)
    {
      test_server_restart (server);
      breaker->streamed_again = wait_for_states (breaker->seen, 4, 60) &&
                                mysql_binlog_stream_get_state (breaker->stream) ==
                                MYSQL_BINLOG_STREAM_STATE_STREAMING;
    }
  /* Anything more would come now. */
  g_usleep (200000);
  mysql_binlog_stream_stop (breaker->stream);
  return NULL;
}

static const char *
state_name (MysqlBinlogStreamState state)
{
  GEnumClass *klass = g_type_class_ref (MYSQL_BINLOG_TYPE_STREAM_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  g_type_class_unref (klass);
  return value != NULL ? value->value_nick : "?";
}

static void
test_state_sequence (gconstpointer data)
{
  Mode mode = GPOINTER_TO_INT (data);
  static const MysqlBinlogStreamState expected[] = {
    MYSQL_BINLOG_STREAM_STATE_CONNECTING,
    MYSQL_BINLOG_STREAM_STATE_STREAMING,
    MYSQL_BINLOG_STREAM_STATE_RECONNECTING,
    MYSQL_BINLOG_STREAM_STATE_STREAMING,
    MYSQL_BINLOG_STREAM_STATE_STOPPED,
  };
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(GString) order = g_string_new (NULL);
  Breaker breaker = { stream, NULL };
  GThread *thread;
  Seen seen;

  seen_init (&seen);
  breaker.seen = &seen;
  g_object_set (stream,
                "blocking", TRUE,
                "reconnect-attempts", 200,
                "reconnect-delay", 50,
                "reconnect-max-delay", 300,
                "heartbeat-period", 1000,
                NULL);
  connect_handlers (stream, &seen, "test.none");
  g_assert_cmpint (mysql_binlog_stream_get_state (stream), ==, MYSQL_BINLOG_STREAM_STATE_IDLE);

  thread = g_thread_new ("breaker", breaker_thread, &breaker);
  run_stream (stream, &seen, mode);
  g_thread_join (thread);

  for (guint i = 0; i < seen.states->len; i++)
    g_string_append_printf (order, "%s%s", i > 0 ? " " : "",
                            state_name (g_array_index (seen.states, MysqlBinlogStreamState, i)));
  g_test_message ("states notified: %s", order->str);

  g_assert_no_error (seen.error);
  g_assert_true (seen.ok);
  g_assert_true (breaker.streamed);
  g_assert_true (breaker.streamed_again);
  g_assert_cmpuint (seen.states->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (state_name (g_array_index (seen.states, MysqlBinlogStreamState, i)), ==,
                     state_name (expected[i]));
  g_assert_cmpint (mysql_binlog_stream_get_state (stream), ==, MYSQL_BINLOG_STREAM_STATE_STOPPED);
  g_assert_cmpuint (seen.wrong_thread, ==, 0);
  seen_clear (&seen);
}

/* Creates @table and writes a burst of @n one-row transactions into it:
 * returns the position before them. */
static MysqlBinlogPosition *
write_burst (const char *table,
             guint       n)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  MysqlBinlogPosition *start;

  test_server_sqlf (server, &error, "CREATE TABLE %s (id BIGINT PRIMARY KEY, v INT)", table);
  g_assert_no_error (error);
  start = test_server_master_position (server);
  if (n == 0)
    return start;
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (sql, "INSERT INTO %s VALUES (%u, %u);", table, i, i * 7);
  test_server_sql (server, sql->str, &error);
  g_assert_no_error (error);
  return start;
}

static void
test_position_coalesced (gconstpointer data)
{
  Mode mode = GPOINTER_TO_INT (data);
  const char *table = mode == MODE_RUN ? "test.burst_run" : "test.burst_async";
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(MysqlBinlogPosition) start = write_burst (table, 1000);
  g_autoptr(MysqlBinlogPosition) final = NULL;
  guint interval = 250;
  gint64 began, elapsed_ms;
  double lag = -1;
  guint64 rows = 0;
  Seen seen;

  seen_init (&seen);
  g_object_set (stream,
                "blocking", FALSE,
                "start-position", start,
                NULL);
  g_object_get (stream, "position-notify-interval", &interval, NULL);
  g_assert_cmpuint (interval, ==, 250);
  connect_handlers (stream, &seen, table);

  began = g_get_monotonic_time ();
  run_stream (stream, &seen, mode);
  elapsed_ms = (g_get_monotonic_time () - began) / 1000;
  g_test_message ("%s: %u positions, %u notifications of position in %" G_GINT64_FORMAT " ms",
                  mode == MODE_RUN ? "run" : "run_async", seen.positions, seen.position_notifies,
                  elapsed_ms);

  g_assert_no_error (seen.error);
  g_assert_true (seen.ok);
  g_assert_cmpint (seen.rows_handled, ==, 1000);
  g_assert_cmpuint (seen.positions, >=, 1000);
  /* At most one per interval, and the one at the end. */
  g_assert_cmpuint (seen.position_notifies, >=, 1);
  g_assert_cmpint (seen.position_notifies, <=, elapsed_ms / interval + 2);
  if (elapsed_ms < 2000)
    g_assert_cmpuint (seen.position_notifies, <=, 10);
  /* The last one carried the final position and count. */
  final = mysql_binlog_stream_get_position (stream);
  g_assert_nonnull (final);
  g_assert_nonnull (seen.last_notified);
  g_assert_true (mysql_binlog_position_equal (seen.last_notified, final));
  g_assert_false (mysql_binlog_position_equal (final, start));
  g_assert_cmpuint (seen.rows_notified, ==, 1000);
  g_object_get (stream, "rows-delivered", &rows, "lag", &lag, NULL);
  g_assert_cmpuint (rows, ==, 1000);
  g_assert_cmpuint (mysql_binlog_stream_get_rows_delivered (stream), ==, (guint64) seen.rows_handled);
  /* Read to the end: caught up. */
  g_assert_cmpfloat (lag, ==, 0);
  g_assert_cmpuint (seen.wrong_thread, ==, 0);
  seen_clear (&seen);
}

/* The live burst's other thread: once the run streams, writes the
 * burst, waits for its rows and for a quiet moment, checks that the
 * final position was notified by then, and stops the run. */
typedef struct
{
  MysqlBinlogStream *stream;
  Seen *seen;
  const char *table;
  gint64 began;
  gint64 received;
  gboolean all_rows;
  gboolean notified_when_quiet;
} Burster;

static gpointer
burster_thread (gpointer data)
{
  Burster *burster = data;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  if (!wait_for_states (burster->seen, 2, 30))
    goto out;
  for (guint i = 1; i <= 1000; i++)
    g_string_append_printf (sql, "INSERT INTO %s VALUES (%u, %u);", burster->table, i, i);
  burster->began = g_get_monotonic_time ();
  test_server_sql (server, sql->str, &error);
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (g_atomic_int_get (&burster->seen->rows_handled) < 1000 &&
         g_get_monotonic_time () < deadline)
    g_usleep (5000);
  burster->received = g_get_monotonic_time ();
  burster->all_rows = g_atomic_int_get (&burster->seen->rows_handled) == 1000;

  /* A quiet stream notifies what it held back: the interval ends (the
   * timer of run_async) or a heartbeat comes (run, 200 ms). */
  g_usleep (800000);
  {
    g_autoptr(MysqlBinlogPosition) now = mysql_binlog_stream_get_position (burster->stream);

    g_mutex_lock (&burster->seen->lock);
    burster->notified_when_quiet = burster->seen->last_notified != NULL && now != NULL &&
                                   mysql_binlog_position_equal (burster->seen->last_notified, now) &&
                                   burster->seen->rows_notified == 1000;
    g_mutex_unlock (&burster->seen->lock);
  }

out:
  mysql_binlog_stream_stop (burster->stream);
  return NULL;
}

static void
test_position_coalesced_live (gconstpointer data)
{
  Mode mode = GPOINTER_TO_INT (data);
  const char *table = mode == MODE_RUN ? "test.live_run" : "test.live_async";
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(MysqlBinlogPosition) start = write_burst (table, 0);
  g_autoptr(MysqlBinlogPosition) final = NULL;
  Burster burster = { stream, NULL, table };
  gint64 burst_ms;
  GThread *thread;
  Seen seen;

  seen_init (&seen);
  burster.seen = &seen;
  g_object_set (stream,
                "blocking", TRUE,
                "start-position", start,
                /* run() has its thread: a heartbeat notifies what was held
                 * back.  run_async() has a timer for it, and no heartbeat. */
                "heartbeat-period", mode == MODE_RUN ? 200 : 30000,
                NULL);
  connect_handlers (stream, &seen, table);

  thread = g_thread_new ("burster", burster_thread, &burster);
  run_stream (stream, &seen, mode);
  g_thread_join (thread);
  burst_ms = (burster.received - burster.began) / 1000;
  g_test_message ("%s: %u positions in %" G_GINT64_FORMAT " ms, %u notifications of position",
                  mode == MODE_RUN ? "run" : "run_async", seen.positions, burst_ms,
                  seen.position_notifies);

  g_assert_no_error (seen.error);
  g_assert_true (seen.ok);
  g_assert_true (burster.all_rows);
  g_assert_cmpuint (seen.positions, >=, 1000);
  g_assert_true (burster.notified_when_quiet);
  /* One per interval while the burst arrives, the held-back one, and
   * none for the quiet end. */
  g_assert_cmpuint (seen.position_notifies, >=, 1);
  g_assert_cmpint (seen.position_notifies, <=, burst_ms / 250 + 3);
  if (burst_ms < 1500)
    g_assert_cmpuint (seen.position_notifies, <=, 10);
  final = mysql_binlog_stream_get_position (stream);
  g_assert_true (mysql_binlog_position_equal (seen.last_notified, final));
  g_assert_cmpuint (mysql_binlog_stream_get_rows_delivered (stream), ==, 1000);
  g_assert_cmpuint (seen.wrong_thread, ==, 0);
  seen_clear (&seen);
}

/* Stops @data's stream after 20 s, unless the test ended it: a stream
 * that never says it caught up fails instead of hanging. */
typedef struct
{
  MysqlBinlogStream *stream;
  gint done;
  gboolean fired;
} Watchdog;

static gpointer
watchdog_thread (gpointer data)
{
  Watchdog *watchdog = data;

  for (guint i = 0; i < 2000 && !g_atomic_int_get (&watchdog->done); i++)
    g_usleep (10000);
  if (!g_atomic_int_get (&watchdog->done))
    {
      watchdog->fired = TRUE;
      mysql_binlog_stream_stop (watchdog->stream);
    }
  return NULL;
}

/* An old binary log: a transaction written seconds before the stream
 * reads it is that far behind, until a heartbeat says it caught up. */
static void
test_lag (gconstpointer data)
{
  Mode mode = GPOINTER_TO_INT (data);
  const char *table = mode == MODE_RUN ? "test.old_run" : "test.old_async";
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(MysqlBinlogPosition) start = write_burst (table, 3);
  gint64 written = g_get_real_time ();
  double first, lag = -1;
  Watchdog watchdog = { NULL };
  GThread *thread;
  Seen seen;

  seen_init (&seen);
  g_usleep (2500000);
  seen.stop_when_caught_up = TRUE;
  g_object_set (stream,
                "blocking", TRUE,
                "start-position", start,
                "heartbeat-period", 200,
                NULL);
  connect_handlers (stream, &seen, table);
  watchdog.stream = stream;
  thread = g_thread_new ("watchdog", watchdog_thread, &watchdog);
  run_stream (stream, &seen, mode);
  g_atomic_int_set (&watchdog.done, 1);
  g_thread_join (thread);

  g_assert_false (watchdog.fired);
  g_assert_no_error (seen.error);
  g_assert_true (seen.ok);
  g_assert_cmpint (seen.rows_handled, ==, 3);
  g_assert_cmpuint (seen.lags->len, >=, 2);
  first = g_array_index (seen.lags, double, 0);
  g_test_message ("lags notified: first %.3f s, last %.3f s, %u in all", first,
                  g_array_index (seen.lags, double, seen.lags->len - 1), seen.lags->len);
  /* The commit's timestamp counts whole seconds: it is at most one
   * second before the write. */
  g_assert_cmpfloat (first, >=, 2.4);
  g_assert_cmpfloat (first, <=, (g_get_real_time () - written) / 1e6 + 1.0);
  g_assert_cmpfloat (g_array_index (seen.lags, double, seen.lags->len - 1), ==, 0);
  g_object_get (stream, "lag", &lag, NULL);
  g_assert_cmpfloat (lag, ==, 0);
  g_assert_cmpuint (mysql_binlog_stream_get_rows_delivered (stream), ==, 3);
  g_assert_cmpuint (seen.wrong_thread, ==, 0);
  seen_clear (&seen);
}

/* Before any run: idle, the start position, nothing delivered. */
static void
test_before_run (void)
{
  g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new ();
  g_autoptr(MysqlBinlogPosition) start = mysql_binlog_position_new ("binlog.000001", 4);
  g_autoptr(MysqlBinlogPosition) position = NULL;
  MysqlBinlogStreamState state = MYSQL_BINLOG_STREAM_STATE_STOPPED;
  guint64 rows = 1;
  double lag = 1;
  guint notified = 0;

  g_object_get (stream, "state", &state, "position", &position, "rows-delivered", &rows,
                "lag", &lag, NULL);
  g_assert_cmpint (state, ==, MYSQL_BINLOG_STREAM_STATE_IDLE);
  g_assert_null (position);
  g_assert_cmpuint (rows, ==, 0);
  g_assert_cmpfloat (lag, ==, 0);

  g_signal_connect_swapped (stream, "notify::position", G_CALLBACK (g_atomic_int_inc), &notified);
  mysql_binlog_stream_set_start_position (stream, start);
  g_assert_cmpuint (notified, ==, 1);
  g_object_get (stream, "position", &position, NULL);
  g_assert_true (mysql_binlog_position_equal (position, start));

  mysql_binlog_stream_set_position_notify_interval (stream, 40);
  g_assert_cmpuint (mysql_binlog_stream_get_position_notify_interval (stream), ==, 40);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stream-state/before-run", test_before_run);

  server = test_server_start (NULL);
  test_server_sql (server, "CREATE DATABASE test", &error);
  g_assert_no_error (error);

  g_test_add_data_func ("/stream-state/position-coalesced/run", GINT_TO_POINTER (MODE_RUN),
                        test_position_coalesced);
  g_test_add_data_func ("/stream-state/position-coalesced/async", GINT_TO_POINTER (MODE_ASYNC),
                        test_position_coalesced);
  g_test_add_data_func ("/stream-state/position-coalesced-live/run", GINT_TO_POINTER (MODE_RUN),
                        test_position_coalesced_live);
  g_test_add_data_func ("/stream-state/position-coalesced-live/async",
                        GINT_TO_POINTER (MODE_ASYNC), test_position_coalesced_live);
  g_test_add_data_func ("/stream-state/lag/run", GINT_TO_POINTER (MODE_RUN), test_lag);
  g_test_add_data_func ("/stream-state/lag/async", GINT_TO_POINTER (MODE_ASYNC), test_lag);
  g_test_add_data_func ("/stream-state/sequence/run", GINT_TO_POINTER (MODE_RUN),
                        test_state_sequence);
  g_test_add_data_func ("/stream-state/sequence/async", GINT_TO_POINTER (MODE_ASYNC),
                        test_state_sequence);

  status = g_test_run ();
  test_server_stop (server);
  return status;
}
