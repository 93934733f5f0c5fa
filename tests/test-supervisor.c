/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "test-server.h"

/*
 * Which errors are worth connecting again for, against a real throwaway
 * MariaDB server, with reconnect-attempts=-1 (retry forever):
 *
 * - a permanent error (the account locked, the REPLICATION SLAVE privilege
 *   revoked, the password changed) met when connecting again after the replica connection was
 *   killed ends the run with the server's error within seconds;
 * - a killed replica connection is itself transient: the stream connects
 *   again and every row arrives exactly once.
 */

#define N_ROWS 200

typedef struct
{
  MysqlBinlogStream *stream;
  GThread *thread;
  gint done;            /* atomic */
  gboolean ok;
  GError *error;
  gint reconnects;      /* atomic */
  GMutex lock;
  guint counts[N_ROWS + 1];  /* with lock: how often each id arrived */
  guint received;            /* with lock */
} Run;

static TestServer *server;

static void execf (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* Runs a statement on the server and asserts that it worked. */
static void
execf (const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  test_server_exec (server, sql);
}

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             Run               *run)
{
  gint64 id = mysql_binlog_row_get_int64 (row, 0);

  g_mutex_lock (&run->lock);
  if (id >= 1 && id <= N_ROWS)
    run->counts[id]++;
  run->received++;
  g_mutex_unlock (&run->lock);
}

static void
on_reconnecting (MysqlBinlogStream *stream,
                 guint              attempt,
                 guint              delay,
                 const GError      *error,
                 Run               *run)
{
  g_test_message ("reconnecting, attempt %u in %u ms: %s", attempt, delay, error->message);
  g_atomic_int_inc (&run->reconnects);
}

static gpointer
run_thread (gpointer user_data)
{
  Run *run = user_data;

  run->ok = mysql_binlog_stream_run (run->stream, NULL, &run->error);
  g_atomic_int_set (&run->done, 1);
  return NULL;
}

static guint
received (Run *run)
{
  guint n;

  g_mutex_lock (&run->lock);
  n = run->received;
  g_mutex_unlock (&run->lock);
  return n;
}

/* Waits up to @timeout_s for @n rows, or for the run to end. */
static gboolean
wait_for_rows (Run   *run,
               guint  n,
               guint  timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  while (received (run) < n && !g_atomic_int_get (&run->done) &&
         g_get_monotonic_time () < end)
    g_usleep (10000);
  return received (run) >= n;
}

/* Waits up to @timeout_s for @n reconnections. */
static gboolean
wait_for_reconnects (Run   *run,
                     gint   n,
                     guint  timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  while (g_atomic_int_get (&run->reconnects) < n && !g_atomic_int_get (&run->done) &&
         g_get_monotonic_time () < end)
    g_usleep (10000);
  return g_atomic_int_get (&run->reconnects) >= n;
}

/* Waits up to @timeout_s for the run to end; stops it after that. */
static gboolean
wait_for_end (Run   *run,
              guint  timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;
  gboolean ended;

  while (!g_atomic_int_get (&run->done) && g_get_monotonic_time () < end)
    g_usleep (10000);
  ended = g_atomic_int_get (&run->done);
  if (!ended)
    mysql_binlog_stream_stop (run->stream);
  g_thread_join (g_steal_pointer (&run->thread));
  return ended;
}

/* The id of the last replica connection killed: one killed may linger
 * in the process list for a moment. */
static guint64 last_killed;

/* Kills the replica connection (the binlog dump thread), waiting up to
 * @timeout_s seconds for a new one to exist. */
static gboolean
kill_dump_thread (guint timeout_s)
{
  gint64 end = g_get_monotonic_time () + timeout_s * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *sql = g_strdup_printf ("SELECT MAX(ID) FROM information_schema.PROCESSLIST "
                                              "WHERE COMMAND LIKE 'Binlog Dump%%' AND ID > %"
                                              G_GUINT64_FORMAT, last_killed);
      g_autofree char *id = test_server_query_value (server, sql, &error);

      g_assert_no_error (error);
      if (id != NULL)
        {
          last_killed = g_ascii_strtoull (id, NULL, 10);
          test_server_sqlf (server, &error, "KILL CONNECTION %s", id);
          /* It may have ended by itself in between. */
          if (error == NULL || strstr (error->message, "Unknown thread") != NULL)
            return TRUE;
          g_assert_no_error (error);
        }
      g_usleep (20000);
    }
  return FALSE;
}

/* A replica account of its own, so that the test can take it away. */
static void
create_user (const char *user)
{
  execf ("DROP USER IF EXISTS '%s'@'localhost'", user);
  execf ("CREATE USER '%s'@'localhost' IDENTIFIED BY 'secret'", user);
  test_server_sqlf (server, NULL,
                    "GRANT REPLICATION SLAVE, BINLOG MONITOR, SELECT ON *.* TO '%s'@'localhost'",
                    user);
}

static void
start_run (Run        *run,
           const char *user,
           const char *table)
{
  g_autofree char *detail = g_strdup_printf ("rows-inserted::test.%s", table);
  g_autoptr(MysqlBinlogPosition) start = test_server_master_position (server);

  memset (run, 0, sizeof *run);
  g_mutex_init (&run->lock);
  run->stream = test_server_new_stream (server);
  g_object_set (run->stream,
                "user", user,
                "password", "secret",
                "blocking", TRUE,
                "start-position", start,
                "reconnect-attempts", -1,
                "reconnect-delay", 50,
                "reconnect-max-delay", 200,
                NULL);
  g_signal_connect (run->stream, detail, G_CALLBACK (on_inserted), run);
  g_signal_connect (run->stream, "reconnecting", G_CALLBACK (on_reconnecting), run);
  run->thread = g_thread_new ("stream", run_thread, run);
}

static void
clear_run (Run *run)
{
  g_clear_object (&run->stream);
  g_clear_error (&run->error);
  g_mutex_clear (&run->lock);
}

/* Takes the account away while the stream runs, then kills its replica
 * connection: connecting again meets a permanent error. */
static void
check_permanent (const char *user,
                 const char *table,
                 const char *take_away,
                 const char *expected)
{
  Run run;
  gint64 killed_at;

  create_user (user);
  execf ("CREATE TABLE test.%s (id INT PRIMARY KEY)", table);
  start_run (&run, user, table);

  execf ("INSERT INTO test.%s VALUES (1)", table);
  g_assert_true (wait_for_rows (&run, 1, 30));

  test_server_exec (server, take_away);
  g_assert_true (kill_dump_thread (10));
  killed_at = g_get_monotonic_time ();

  /* Retrying a permanent error forever: stopped after 10 s, the run
   * would succeed. */
  g_assert_true (wait_for_end (&run, 10));
  g_test_message ("ended after %.1f s and %d reconnections",
                  (g_get_monotonic_time () - killed_at) / 1e6, g_atomic_int_get (&run.reconnects));
  g_assert_false (run.ok);
  g_assert_nonnull (run.error);
  g_test_message ("error: %s", run.error->message);
  g_assert_true (run.error->domain == MYSQL_BINLOG_ERROR);
  g_assert_nonnull (strstr (run.error->message, expected));
  /* The killed connection was worth one attempt; the refusal none. */
  g_assert_cmpint (g_atomic_int_get (&run.reconnects), ==, 1);

  execf ("DROP USER '%s'@'localhost'", user);
  clear_run (&run);
}

static void
test_account_locked (void)
{
  check_permanent ("locked", "locked", "ALTER USER 'locked'@'localhost' ACCOUNT LOCK",
                   "locked");
}

static void
test_privilege_revoked (void)
{
  check_permanent ("revoked", "revoked",
                   "REVOKE REPLICATION SLAVE ON *.* FROM 'revoked'@'localhost'",
                   "REPLICATION SLAVE");
}

static void
test_password_changed (void)
{
  check_permanent ("changed", "changed",
                   "ALTER USER 'changed'@'localhost' IDENTIFIED BY 'another'",
                   "Access denied");
}

/* The replica connection killed in the middle of a stream of rows: the
 * stream connects again, and no row is lost or repeated. */
static void
test_dump_thread_killed (void)
{
  Run run;
  gint kills = 0;

  create_user ("killed");
  test_server_exec (server, "CREATE TABLE test.killed (id INT PRIMARY KEY)");
  start_run (&run, "killed", "killed");

  for (guint id = 1; id <= N_ROWS; id++)
    {
      execf ("INSERT INTO test.killed VALUES (%u)", id);
      if (id % 50 == 0)
        {
          /* The rows written so far arrived: the stream is past them. */
          g_assert_true (wait_for_rows (&run, id / 2, 30));
          g_assert_true (kill_dump_thread (10));
          kills++;
          /* The killed connection may linger in the process list: the
           * next kill waits for the new one. */
          g_assert_true (wait_for_reconnects (&run, kills, 10));
        }
    }
  g_assert_true (wait_for_rows (&run, N_ROWS, 60));
  mysql_binlog_stream_stop (run.stream);
  g_assert_true (wait_for_end (&run, 30));

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpint (g_atomic_int_get (&run.reconnects), ==, kills);
  for (guint id = 1; id <= N_ROWS; id++)
    g_assert_cmpuint (run.counts[id], ==, 1);
  g_assert_cmpuint (run.received, ==, N_ROWS);

  test_server_exec (server, "DROP USER 'killed'@'localhost'");
  clear_run (&run);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/supervisor/permanent/account-locked", test_account_locked);
  g_test_add_func ("/supervisor/permanent/privilege-revoked", test_privilege_revoked);
  g_test_add_func ("/supervisor/permanent/password-changed", test_password_changed);
  g_test_add_func ("/supervisor/transient/dump-thread-killed", test_dump_thread_killed);

  server = test_server_start (NULL);
  test_server_exec (server, "CREATE DATABASE test");
  status = g_test_run ();
  test_server_stop (server);
  return status;
}
