/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib-unix.h>

#include "test-stream-common.h"

/*
 * Running and stopping: the start position, non-blocking runs, stopping
 * and cancelling from a handler or another thread, a blocking run.
 */

/* {{{ Running and stopping */

/* A non-blocking stream from the current end returns at once, with
 * nothing. */
/* A MariaDB GTID list as the start position: the stream begins with the
 * first transaction after it, whatever file it is in. */
static void
test_start_at_gtid (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GPtrArray) inserted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gtid = NULL;
  Capture *capture;
  Signal *s;

  setup_shop ();
  exec ("INSERT INTO shop.orders VALUES (40, 'before', 1, 'new')");
  gtid = test_server_query_value (server, "SELECT @@global.gtid_binlog_pos", &error);
  g_assert_no_error (error);
  g_assert_nonnull (gtid);
  exec ("FLUSH BINARY LOGS");
  exec ("INSERT INTO shop.orders VALUES (41, 'after', 2, 'paid')");

  start = mysql_binlog_position_new_for_gtid_set (gtid);
  capture = capture_from (start);
  inserted = capture_rows (capture, KIND_INSERT, "shop", "orders");
  g_assert_cmpuint (inserted->len, ==, 1);
  s = g_ptr_array_index (inserted, 0);
  assert_row_values (s->row, "{'id': <int64 41>, 'customer': <'after'>, 'total': <'2.00'>, "
                             "'status': <'paid'>}");
  capture_free (capture);
}

static void
test_nonblocking_at_end (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(Capture) capture = NULL;
  g_autoptr(MysqlBinlogPosition) position = NULL;
  gint64 begin = g_get_monotonic_time ();

  start = test_server_master_position (server);
  stream = new_stream_at (start);
  g_assert_false (mysql_binlog_stream_get_blocking (stream));
  capture = capture_run (stream);

  g_assert_cmpuint (capture_count (capture, KIND_INSERT), ==, 0);
  g_assert_cmpuint (capture_count (capture, KIND_UPDATE), ==, 0);
  g_assert_cmpuint (capture_count (capture, KIND_DELETE), ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - begin, <, 10 * G_USEC_PER_SEC);

  position = mysql_binlog_stream_get_position (stream);
  g_assert_nonnull (position);
  g_assert_true (mysql_binlog_position_equal (position, start));
}

/* Without a start position, a non-blocking stream starts at the current end
 * and ends there at once. */
static void
test_nonblocking_no_start (void)
{
  g_autoptr(MysqlBinlogPosition) end = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(Capture) capture = NULL;

  setup_shop ();
  exec ("INSERT INTO shop.audit (note) VALUES ('old news')");
  end = test_server_master_position (server);

  stream = test_server_new_stream (server);
  g_assert_null (mysql_binlog_stream_get_start_position (stream));
  capture = capture_run (stream);
  g_assert_cmpuint (capture_count (capture, KIND_INSERT), ==, 0);
}

static void
count_notify (guint *notified)
{
  (*notified)++;
}

static void
test_properties (void)
{
  g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new ();
  g_autoptr(MysqlBinlogPosition) position = mysql_binlog_position_new ("mariadb-bin.000001", 4);
  g_autoptr(MysqlBinlogPosition) read_back = NULL;
  g_autofree char *host = NULL;
  guint port = 0;
  gboolean blocking = FALSE;
  GParamSpec *pspec;

  g_assert_true (mysql_binlog_stream_get_blocking (stream));
  g_assert_cmpuint (mysql_binlog_stream_get_port (stream), ==, 3306);

  g_object_set (stream, "host", "db.example.com", "port", 3307, "user", "replica",
                "password", "secret", "server-id", 4242, "blocking", FALSE,
                "start-position", position, NULL);
  g_object_get (stream, "host", &host, "port", &port, "blocking", &blocking,
                "start-position", &read_back, NULL);
  g_assert_cmpstr (host, ==, "db.example.com");
  g_assert_cmpuint (port, ==, 3307);
  g_assert_false (blocking);
  g_assert_true (mysql_binlog_position_equal (read_back, position));
  g_assert_cmpstr (mysql_binlog_stream_get_user (stream), ==, "replica");
  g_assert_cmpuint (mysql_binlog_stream_get_server_id (stream), ==, 4242);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (stream), "password");
  g_assert_nonnull (pspec);
  g_assert_false (pspec->flags & G_PARAM_READABLE);
  g_assert_true (pspec->flags & G_PARAM_WRITABLE);

  /* Replication settings: the defaults, the accessors and the properties
   * agree, and a setter notifies only a change. */
  g_assert_cmpuint (mysql_binlog_stream_get_heartbeat_period (stream), ==, 30000);
  g_assert_cmpint (mysql_binlog_stream_get_reconnect_attempts (stream), ==, 0);
  g_assert_cmpuint (mysql_binlog_stream_get_reconnect_delay (stream), ==, 500);
  g_assert_cmpuint (mysql_binlog_stream_get_reconnect_max_delay (stream), ==, 30000);
  g_assert_cmpuint (mysql_binlog_stream_get_save_interval (stream), ==, 0);
  g_assert_cmpuint (mysql_binlog_stream_get_save_transactions (stream), ==, 1);
  g_assert_null (mysql_binlog_stream_get_file (stream));
  {
    guint notified = 0;
    gint attempts = 0;
    guint delay = 0;
    gulong id = g_signal_connect_swapped (stream, "notify", G_CALLBACK (count_notify), &notified);

    mysql_binlog_stream_set_heartbeat_period (stream, 1500);
    mysql_binlog_stream_set_heartbeat_period (stream, 1500);
    mysql_binlog_stream_set_reconnect_attempts (stream, -1);
    mysql_binlog_stream_set_reconnect_delay (stream, 250);
    mysql_binlog_stream_set_reconnect_max_delay (stream, 4000);
    mysql_binlog_stream_set_save_interval (stream, 10000);
    mysql_binlog_stream_set_save_transactions (stream, 100);
    g_assert_cmpuint (notified, ==, 6);
    g_signal_handler_disconnect (stream, id);

    g_object_get (stream, "reconnect-attempts", &attempts, "reconnect-delay", &delay, NULL);
    g_assert_cmpint (attempts, ==, -1);
    g_assert_cmpuint (delay, ==, 250);
    g_assert_cmpuint (mysql_binlog_stream_get_heartbeat_period (stream), ==, 1500);
    g_assert_cmpuint (mysql_binlog_stream_get_reconnect_max_delay (stream), ==, 4000);
    g_assert_cmpuint (mysql_binlog_stream_get_save_interval (stream), ==, 10000);
    g_assert_cmpuint (mysql_binlog_stream_get_save_transactions (stream), ==, 100);
    g_object_set (stream, "save-transactions", 7, NULL);
    g_assert_cmpuint (mysql_binlog_stream_get_save_transactions (stream), ==, 7);
  }
  {
    g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/mariadb-bin.000001");
    g_autoptr(MysqlBinlogStream) file_stream = mysql_binlog_stream_new_for_file (file);

    g_assert_true (mysql_binlog_stream_get_file (file_stream) == file);
  }
}

static void
on_insert_stop (MysqlBinlogStream *stream,
                MysqlBinlogRow    *row,
                gpointer           user_data)
{
  guint *n = user_data;

  (*n)++;
  mysql_binlog_stream_stop (stream);
}

/* stop() from a handler ends the run after the current event. */
static void
test_stop_from_handler (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  setup_shop ();
  start = test_server_master_position (server);
  exec ("INSERT INTO shop.audit (note) VALUES ('one'), ('two')");
  exec ("INSERT INTO shop.audit (note) VALUES ('three')");
  exec ("INSERT INTO shop.audit (note) VALUES ('four')");

  stream = new_stream_at (start);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_insert_stop), &n);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);

  /* The rest of the first event's rows may still arrive, never the next
   * transactions. */
  g_assert_cmpuint (n, >=, 1);
  g_assert_cmpuint (n, <=, 2);
}

typedef struct
{
  MysqlBinlogStream *stream;
  GCancellable      *cancellable;
  guint              delay_ms;
  gint64             stopped_at;  /* monotonic µs, atomic */
} StopData;

static gpointer
stop_thread (gpointer user_data)
{
  StopData *data = user_data;

  g_usleep (data->delay_ms * 1000);
  data->stopped_at = g_get_monotonic_time ();
  if (data->cancellable != NULL)
    g_cancellable_cancel (data->cancellable);
  else
    mysql_binlog_stream_stop (data->stream);
  return NULL;
}

static gpointer
watchdog_thread (gpointer user_data)
{
  gint *done = user_data;

  for (guint i = 0; i < 300; i++)
    {
      if (g_atomic_int_get (done))
        return NULL;
      g_usleep (100 * 1000);
    }
  g_error ("A blocking run did not return within 30 s of being stopped");
  return NULL;
}

/* The run returned within 100 ms of the stop; asserted with a margin for
 * a loaded machine. */
static void
assert_prompt (const char *what,
               StopData   *data,
               gint64      returned)
{
  gint64 took = returned - data->stopped_at;

  g_test_message ("%s: the run returned %.1f ms after the stop", what, took / 1000.0);
  g_assert_cmpint (data->stopped_at, >, 0);
  g_assert_cmpint (took, <, G_USEC_PER_SEC);
}

/* A blocking stream waits for new events; stop() from another thread ends
 * it, and run() returns TRUE. */
static void
test_stop_from_thread (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(GError) error = NULL;
  StopData data = { stream, NULL, 500, 0 };
  GThread *thread, *watchdog;
  gint done = 0;
  gint64 begin = g_get_monotonic_time ();
  gint64 returned;

  mysql_binlog_stream_set_blocking (stream, TRUE);
  watchdog = g_thread_new ("watchdog", watchdog_thread, &done);
  thread = g_thread_new ("stopper", stop_thread, &data);

  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  returned = g_get_monotonic_time ();
  g_assert_no_error (error);
  g_atomic_int_set (&done, 1);
  g_assert_cmpint (returned - begin, >=, 400 * 1000);

  g_thread_join (thread);
  g_thread_join (watchdog);
  assert_prompt ("stop() from another thread, idle server", &data, returned);
}

static void
test_cancel_from_thread (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  StopData data = { stream, cancellable, 300, 0 };
  GThread *thread, *watchdog;
  gint done = 0;
  gint64 returned;

  mysql_binlog_stream_set_blocking (stream, TRUE);
  watchdog = g_thread_new ("watchdog", watchdog_thread, &done);
  thread = g_thread_new ("canceller", stop_thread, &data);

  g_assert_false (mysql_binlog_stream_run (stream, cancellable, &error));
  returned = g_get_monotonic_time ();
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_atomic_int_set (&done, 1);

  g_thread_join (thread);
  g_thread_join (watchdog);
  assert_prompt ("cancel from another thread, idle server", &data, returned);
}

/* A listening socket on the loopback that never accepts: a connect
 * succeeds (the backlog) and the greeting never comes.  Returns its port. */
static GSocket *
silent_listener (guint *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocket *socket;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_socket_listen (socket, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return socket;
}

static MysqlBinlogStream *
tcp_stream (const char *host,
            guint       port)
{
  return g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                       "host", host, "port", port, "user", "root", "password", "",
                       "server-id", 4242, "blocking", TRUE,
                       "connect-timeout", 60, "reconnect-attempts", 0, NULL);
}

/* Cancelled while the client library waits for the greeting of a server
 * that never answers: the run ends at once, not at the connect timeout. */
static void
test_cancel_while_connecting (void)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  StopData data = { NULL, cancellable, 300, 0 };
  GThread *thread, *watchdog;
  gint done = 0;
  gint64 returned;
  guint port;

  listener = silent_listener (&port);
  stream = tcp_stream ("127.0.0.1", port);
  data.stream = stream;
  watchdog = g_thread_new ("watchdog", watchdog_thread, &done);
  thread = g_thread_new ("canceller", stop_thread, &data);

  g_assert_false (mysql_binlog_stream_run (stream, cancellable, &error));
  returned = g_get_monotonic_time ();
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_atomic_int_set (&done, 1);

  g_thread_join (thread);
  g_thread_join (watchdog);
  assert_prompt ("cancel while waiting for a greeting", &data, returned);
}

/* stop() while the connect's SYN goes unanswered (an address that drops
 * packets): run() returns TRUE at once. */
static void
test_stop_while_connecting_unreachable (void)
{
  g_autoptr(MysqlBinlogStream) stream = tcp_stream ("10.255.255.1", 3306);
  g_autoptr(GError) error = NULL;
  StopData data = { stream, NULL, 300, 0 };
  GThread *thread, *watchdog;
  gint done = 0;
  gint64 returned;
  gboolean ok;

  watchdog = g_thread_new ("watchdog", watchdog_thread, &done);
  thread = g_thread_new ("stopper", stop_thread, &data);
  ok = mysql_binlog_stream_run (stream, NULL, &error);
  returned = g_get_monotonic_time ();
  g_atomic_int_set (&done, 1);
  g_thread_join (thread);
  g_thread_join (watchdog);

  if (returned < data.stopped_at)
    {
      /* This machine has no route there: the connect failed before the stop. */
      g_test_skip_printf ("10.255.255.1 does not drop packets here (%s)", error->message);
      return;
    }
  g_assert_no_error (error);
  g_assert_true (ok);
  assert_prompt ("stop() while connecting to an address that drops packets", &data, returned);
}

static void
count_reconnecting (MysqlBinlogStream *stream,
                    guint              attempt,
                    guint              delay_ms,
                    GError            *error,
                    guint             *n)
{
  (*n)++;
}

/* stop() while the stream backs off before connecting again. */
static void
test_stop_while_backing_off (void)
{
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  StopData data = { NULL, NULL, 300, 0 };
  GThread *thread, *watchdog;
  gint done = 0;
  gint64 returned;
  guint port, reconnecting = 0;

  /* A port nothing listens on any more: refused at once, a transient error. */
  listener = silent_listener (&port);
  g_socket_close (listener, NULL);
  stream = tcp_stream ("127.0.0.1", port);
  g_object_set (stream, "reconnect-attempts", -1, "reconnect-delay", 30000,
                "reconnect-max-delay", 30000, NULL);
  g_signal_connect (stream, "reconnecting", G_CALLBACK (count_reconnecting), &reconnecting);
  data.stream = stream;
  watchdog = g_thread_new ("watchdog", watchdog_thread, &done);
  thread = g_thread_new ("stopper", stop_thread, &data);

  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  returned = g_get_monotonic_time ();
  g_assert_no_error (error);
  g_atomic_int_set (&done, 1);

  g_thread_join (thread);
  g_thread_join (watchdog);
  g_assert_cmpuint (reconnecting, ==, 1);
  assert_prompt ("stop() while backing off", &data, returned);
}

/* stop() from a g_unix_signal_add() callback of the main loop that runs
 * the stream with run_async(), while the server is idle. */
typedef struct
{
  MysqlBinlogStream *stream;
  GMainLoop         *loop;
  gint64             stopped_at;
  gint64             finished_at;
  gboolean           ok;
  GError            *error;
} SignalStop;

static gboolean
raise_usr1 (gpointer user_data)
{
  kill (getpid (), SIGUSR1);
  return G_SOURCE_REMOVE;
}

static gboolean
on_usr1 (gpointer user_data)
{
  SignalStop *data = user_data;

  data->stopped_at = g_get_monotonic_time ();
  mysql_binlog_stream_stop (data->stream);
  return G_SOURCE_CONTINUE;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SignalStop *data = user_data;

  data->ok = mysql_binlog_stream_run_finish (MYSQL_BINLOG_STREAM (source), result, &data->error);
  data->finished_at = g_get_monotonic_time ();
  g_main_loop_quit (data->loop);
}

static gboolean
loop_timeout (gpointer user_data)
{
  g_error ("run_async() did not finish within 30 s of the signal");
  return G_SOURCE_REMOVE;
}

static void
test_stop_from_unix_signal (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  SignalStop data = { stream, loop, 0, 0, FALSE, NULL };
  guint signal_id, timeout_id;
  gint64 took;

  mysql_binlog_stream_set_blocking (stream, TRUE);
  signal_id = g_unix_signal_add (SIGUSR1, on_usr1, &data);
  g_timeout_add (500, raise_usr1, NULL);
  timeout_id = g_timeout_add_seconds (30, loop_timeout, NULL);
  mysql_binlog_stream_run_async (stream, NULL, async_done, &data);
  g_main_loop_run (loop);
  g_source_remove (timeout_id);
  g_source_remove (signal_id);

  g_assert_no_error (data.error);
  g_assert_true (data.ok);
  g_assert_cmpint (data.stopped_at, >, 0);
  took = data.finished_at - data.stopped_at;
  g_test_message ("stop() from a unix signal callback: run_async() finished %.1f ms later",
                  took / 1000.0);
  g_assert_cmpint (took, <, G_USEC_PER_SEC);
}

/* A blocking stream receives a change written while it waits. */
typedef struct
{
  TestServer *server;
  guint       delay_ms;
} WriterData;

static gpointer
writer_thread (gpointer user_data)
{
  WriterData *data = user_data;

  g_usleep (data->delay_ms * 1000);
  /* The helper's connection is not shared: this thread opens its own. */
  {
    g_autoptr(GError) error = NULL;
    const char *argv[] = { "mariadb", "--no-defaults", "-uroot", "-S",
                           test_server_get_socket (data->server), "-e",
                           "INSERT INTO shop.audit (note) VALUES ('live')", NULL };
    int status = 0;

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                       &status, &error))
      g_warning ("Could not run mariadb: %s", error->message);
  }
  return NULL;
}

static void
on_live_insert (MysqlBinlogStream *stream,
                MysqlBinlogRow    *row,
                gpointer           user_data)
{
  g_autofree char *note = NULL;
  char **result = user_data;

  note = mysql_binlog_row_dup_string (row, mysql_binlog_row_get_column_index (row, "note"));
  *result = g_steal_pointer (&note);
  mysql_binlog_stream_stop (stream);
}

static void
test_blocking_receives_new_rows (void)
{
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  WriterData data = { server, 500 };
  GThread *thread, *watchdog;
  gint done = 0;

  setup_shop ();
  stream = test_server_new_stream (server);
  mysql_binlog_stream_set_blocking (stream, TRUE);
  g_signal_connect (stream, "rows-inserted::shop.audit", G_CALLBACK (on_live_insert), &note);

  watchdog = g_thread_new ("watchdog", watchdog_thread, &done);
  thread = g_thread_new ("writer", writer_thread, &data);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_atomic_int_set (&done, 1);
  g_assert_cmpstr (note, ==, "live");

  g_thread_join (thread);
  g_thread_join (watchdog);
}

/* The account the documentation recommends: REPLICATION SLAVE and
 * REPLICATION CLIENT, plus SELECT on the tables followed for the column
 * names when the server does not log them. */
static void
test_replica_account (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(Capture) capture = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  setup_shop ();
  exec ("SET GLOBAL binlog_row_metadata = 'MINIMAL'");
  exec ("CREATE USER IF NOT EXISTS 'replica'@'localhost' IDENTIFIED BY 'secret'");
  exec ("GRANT REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO 'replica'@'localhost'");
  exec ("GRANT SELECT ON shop.* TO 'replica'@'localhost'");

  start = test_server_master_position (server);
  exec ("INSERT INTO shop.orders VALUES (40, 'replicated', 4.00, 'new')");

  stream = new_stream_at (start);
  mysql_binlog_stream_set_user (stream, "replica");
  mysql_binlog_stream_set_password (stream, "secret");
  capture = capture_run (stream);

  rows = capture_rows (capture, KIND_INSERT, "shop", "orders");
  g_assert_cmpuint (rows->len, ==, 1);
  assert_row_values (((Signal *) g_ptr_array_index (rows, 0))->row,
                     "{'id': <int64 40>, 'customer': <'replicated'>, 'total': <'4.00'>, "
                     "'status': <'new'>}");
  exec ("SET GLOBAL binlog_row_metadata = 'FULL'");
}

/* }}} */

void
test_stream_run_add (void)
{
  g_test_add_func ("/stream/run/properties", test_properties);
  g_test_add_func ("/stream/run/nonblocking-at-end", test_nonblocking_at_end);
  g_test_add_func ("/stream/run/start-at-gtid", test_start_at_gtid);
  g_test_add_func ("/stream/run/nonblocking-no-start", test_nonblocking_no_start);
  g_test_add_func ("/stream/run/stop-from-handler", test_stop_from_handler);
  g_test_add_func ("/stream/run/stop-from-thread", test_stop_from_thread);
  g_test_add_func ("/stream/run/cancel-from-thread", test_cancel_from_thread);
  g_test_add_func ("/stream/run/cancel-while-connecting", test_cancel_while_connecting);
  g_test_add_func ("/stream/run/stop-while-connecting-unreachable",
                   test_stop_while_connecting_unreachable);
  g_test_add_func ("/stream/run/stop-while-backing-off", test_stop_while_backing_off);
  g_test_add_func ("/stream/run/stop-from-unix-signal", test_stop_from_unix_signal);
  g_test_add_func ("/stream/run/blocking-receives-new-rows", test_blocking_receives_new_rows);
  g_test_add_func ("/stream/run/replica-account", test_replica_account);
}
