/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "test-server.h"

#include "test-util.h"

/*
 * A handler that fails the run with mysql_binlog_stream_fail(), against a
 * real throwaway MariaDB server: the run ends with the handler's error,
 * the transaction it failed on is not checkpointed (no binlog-position,
 * get_position() and the position store stay before it), and a restart
 * from the store delivers that transaction again, from its first row.
 */

static TestServer *server;

#define TEST_ERROR (g_quark_from_static_string ("test-handler-failure"))

/* Three transactions of two rows, one rows event each: ids 1 2 | 3 4 | 5 6. */
typedef struct
{
  char *table;                 /* schema.table */
  MysqlBinlogPosition *start;  /* before the first transaction */
  MysqlBinlogPosition *after1; /* after each transaction */
  MysqlBinlogPosition *after2;
  MysqlBinlogPosition *after3;
} Workload;

static void
workload_clear (Workload *work)
{
  g_free (work->table);
  g_clear_pointer (&work->start, mysql_binlog_position_unref);
  g_clear_pointer (&work->after1, mysql_binlog_position_unref);
  g_clear_pointer (&work->after2, mysql_binlog_position_unref);
  g_clear_pointer (&work->after3, mysql_binlog_position_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Workload, workload_clear)

static void
workload_write (Workload   *work,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  MysqlBinlogPosition **after[] = { &work->after1, &work->after2, &work->after3 };

  work->table = g_strdup_printf ("test.%s", name);
  test_server_sqlf (server, &error, "CREATE TABLE %s (id BIGINT PRIMARY KEY, txn INT)",
                    work->table);
  g_assert_no_error (error);
  work->start = test_server_master_position (server);
  for (guint t = 0; t < 3; t++)
    {
      test_server_sqlf (server, &error, "INSERT INTO %s VALUES (%u, %u), (%u, %u)",
                        work->table, 2 * t + 1, t + 1, 2 * t + 2, t + 1);
      g_assert_no_error (error);
      *after[t] = test_server_master_position (server);
    }
}

/* Where a handler fails the run. */
typedef enum {
  FAIL_NEVER,
  FAIL_ROW,       /* rows-inserted, on the row with id fail_id */
  FAIL_EVENT,     /* binlog, on the XID event after the row with id fail_id */
  FAIL_POSITION,  /* binlog-position, on the position after the row with id fail_id */
} FailAt;

typedef struct
{
  FailAt fail_at;
  gint64 fail_id;
  gboolean twice;             /* call fail() a second time, with another error */
  gboolean failed;
  GArray *ids;                /* the ids of the rows received, in order */
  GPtrArray *positions;       /* the binlog-position emissions */
  guint after_failure;        /* emissions of any signal after the failure */
  MysqlBinlogPosition *position_in_handler; /* get_position() when failing */
  /* run_async */
  GMainLoop *loop;
  gboolean ok;
  GError *error;
} Consumer;

static void
consumer_init (Consumer *consumer,
               FailAt    fail_at,
               gint64    fail_id)
{
  *consumer = (Consumer) { 0 };
  consumer->fail_at = fail_at;
  consumer->fail_id = fail_id;
  consumer->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  consumer->positions =
    g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_position_unref);
}

static void
consumer_clear (Consumer *consumer)
{
  g_clear_pointer (&consumer->ids, g_array_unref);
  g_clear_pointer (&consumer->positions, g_ptr_array_unref);
  g_clear_pointer (&consumer->position_in_handler, mysql_binlog_position_unref);
  g_clear_error (&consumer->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Consumer, consumer_clear)

static gboolean
consumer_saw (Consumer *consumer,
              gint64    id)
{
  for (guint i = 0; i < consumer->ids->len; i++)
    if (g_array_index (consumer->ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
consumer_fail (Consumer          *consumer,
               MysqlBinlogStream *stream)
{
  g_autoptr(GError) error = g_error_new (TEST_ERROR, 7, "the handler could not store row %"
                                         G_GINT64_FORMAT, consumer->fail_id);

  consumer->failed = TRUE;
  mysql_binlog_stream_fail (stream, error);
  if (consumer->twice)
    {
      g_autoptr(GError) second = g_error_new_literal (TEST_ERROR, 8, "a second failure");

      mysql_binlog_stream_fail (stream, second);
    }
  consumer->position_in_handler = mysql_binlog_stream_get_position (stream);
}

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             Consumer          *consumer)
{
  gint64 id = mysql_binlog_row_get_int64 (row, 0);

  if (consumer->failed)
    {
      consumer->after_failure++;
      return;
    }
  g_array_append_val (consumer->ids, id);
  if (consumer->fail_at == FAIL_ROW && id == consumer->fail_id)
    consumer_fail (consumer, stream);
}

static void
on_binlog (MysqlBinlogStream *stream,
           MysqlBinlogEvent  *event,
           Consumer          *consumer)
{
  if (consumer->failed)
    {
      consumer->after_failure++;
      return;
    }
  if (consumer->fail_at == FAIL_EVENT &&
      mysql_binlog_event_get_event_type (event) == MYSQL_BINLOG_EVENT_XID &&
      consumer_saw (consumer, consumer->fail_id))
    consumer_fail (consumer, stream);
}

static void
on_position (MysqlBinlogStream   *stream,
             MysqlBinlogPosition *position,
             Consumer            *consumer)
{
  if (consumer->failed)
    {
      consumer->after_failure++;
      return;
    }
  g_ptr_array_add (consumer->positions, mysql_binlog_position_ref (position));
  if (consumer->fail_at == FAIL_POSITION && consumer_saw (consumer, consumer->fail_id))
    consumer_fail (consumer, stream);
}

static MysqlBinlogStream *
consumer_stream (Consumer                 *consumer,
                 Workload                 *work,
                 MysqlBinlogPositionStore *store)
{
  MysqlBinlogStream *stream = test_server_new_stream (server);
  g_autofree char *detailed = g_strdup_printf ("rows-inserted::%s", work->table);

  g_object_set (stream, "start-position", work->start, "position-store", store, NULL);
  g_signal_connect (stream, detailed, G_CALLBACK (on_inserted), consumer);
  g_signal_connect (stream, "binlog", G_CALLBACK (on_binlog), consumer);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (on_position), consumer);
  return stream;
}

static void
assert_ids (Consumer     *consumer,
            const gint64 *expected,
            guint         n_expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < consumer->ids->len; i++)
    g_string_append_printf (got, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "",
                            g_array_index (consumer->ids, gint64, i));
  g_test_message ("rows received: %s", got->str);
  g_assert_cmpuint (consumer->ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (consumer->ids, gint64, i), ==, expected[i]);
}

static void
assert_position (MysqlBinlogPosition *got,
                 MysqlBinlogPosition *expected)
{
  g_autofree char *got_text = got != NULL ? mysql_binlog_position_to_string (got) : NULL;
  g_autofree char *expected_text = mysql_binlog_position_to_string (expected);

  g_assert_cmpstr (got_text, ==, expected_text);
  g_assert_true (mysql_binlog_position_equal (got, expected));
}

static void
assert_stored (MysqlBinlogPositionStore *store,
               MysqlBinlogPosition      *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MysqlBinlogPosition) saved = mysql_binlog_position_store_load (store, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (saved);
  assert_position (saved, expected);
}

/* A store in a file in a fresh directory. */
typedef struct
{
  char *dir;
  char *path;
  MysqlBinlogPositionStore *store;
} FileStore;

static void
file_store_init (FileStore *fs)
{
  g_autoptr(GFile) file = NULL;

  fs->dir = test_util_make_tmp_dir ("mysqlbinlog-fail-XXXXXX");
  fs->path = g_build_filename (fs->dir, "position", NULL);
  file = g_file_new_for_path (fs->path);
  fs->store = MYSQL_BINLOG_POSITION_STORE (mysql_binlog_file_position_store_new (file));
}

static void
file_store_clear (FileStore *fs)
{
  g_clear_object (&fs->store);
  if (fs->dir != NULL)
    test_util_remove_tree (fs->dir);
  g_clear_pointer (&fs->path, g_free);
  g_clear_pointer (&fs->dir, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FileStore, file_store_clear)

/* After a failure on transaction 2: the error, nothing after the failing
 * handler, and every position still at the end of transaction 1. */
static void
assert_failed_on_second (Consumer                 *consumer,
                         MysqlBinlogStream        *stream,
                         Workload                 *work,
                         MysqlBinlogPositionStore *store,
                         gboolean                  ok,
                         GError                   *error)
{
  g_autoptr(MysqlBinlogPosition) position = mysql_binlog_stream_get_position (stream);

  g_assert_false (ok);
  g_assert_error (error, TEST_ERROR, 7);
  g_assert_cmpstr (error->message, ==,
                   consumer->fail_id == 3 ? "the handler could not store row 3"
                                          : "the handler could not store row 4");
  g_assert_true (consumer->failed);
  g_assert_cmpuint (consumer->after_failure, ==, 0);
  /* the position of transaction 1 only (and, for a binlog-position
   * handler, the one it failed on) */
  g_assert_cmpuint (consumer->positions->len, >=, 1);
  assert_position (g_ptr_array_index (consumer->positions, 0), work->after1);
  if (consumer->fail_at == FAIL_POSITION)
    {
      g_assert_cmpuint (consumer->positions->len, ==, 2);
      assert_position (g_ptr_array_index (consumer->positions, 1), work->after2);
    }
  else
    g_assert_cmpuint (consumer->positions->len, ==, 1);
  assert_position (position, work->after1);
  assert_stored (store, work->after1);
}

/* A restart from the store delivers transaction 2 again, from its first
 * row, then transaction 3, and saves the end. */
static void
assert_restart_redelivers (Workload                 *work,
                           MysqlBinlogPositionStore *store)
{
  static const gint64 expected[] = { 3, 4, 5, 6 };
  g_auto(Consumer) consumer;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogPosition) position = NULL;
  g_autoptr(GError) error = NULL;

  consumer_init (&consumer, FAIL_NEVER, 0);
  stream = consumer_stream (&consumer, work, store);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  assert_ids (&consumer, expected, G_N_ELEMENTS (expected));
  position = mysql_binlog_stream_get_position (stream);
  assert_position (position, work->after3);
  assert_stored (store, work->after3);
}

static void
run_sync_case (const char *name,
               FailAt      fail_at,
               guint       save_transactions,
               gboolean    twice)
{
  static const gint64 expected[] = { 1, 2, 3, 4 };
  /* A row handler fails on the first row of the event: the second is not
   * delivered.  The others fail once the transaction's rows are in. */
  gint64 fail_id = fail_at == FAIL_ROW ? 3 : 4;
  g_auto(Workload) work = { 0 };
  g_auto(FileStore) fs = { 0 };
  g_auto(Consumer) consumer;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  workload_write (&work, name);
  file_store_init (&fs);
  consumer_init (&consumer, fail_at, fail_id);
  consumer.twice = twice;
  stream = consumer_stream (&consumer, &work, fs.store);
  g_object_set (stream, "save-transactions", save_transactions, NULL);
  ok = mysql_binlog_stream_run (stream, NULL, &error);
  assert_ids (&consumer, expected, (guint) fail_id);
  assert_failed_on_second (&consumer, stream, &work, fs.store, ok, error);
  /* Inside the failing handler, the position was already the one before. */
  if (fail_at == FAIL_ROW || fail_at == FAIL_EVENT)
    assert_position (consumer.position_in_handler, work.after1);
  g_clear_error (&error);

  assert_restart_redelivers (&work, fs.store);
}

static void
test_fail_row (void)
{
  run_sync_case ("row", FAIL_ROW, 1, FALSE);
}

/* save-transactions held transaction 1's position back: the end of the
 * failed run still saves it, and only it. */
static void
test_fail_row_held_back (void)
{
  run_sync_case ("held", FAIL_ROW, 100, FALSE);
}

/* The XID event's binlog handler fails: its transaction is not done. */
static void
test_fail_event (void)
{
  run_sync_case ("event", FAIL_EVENT, 1, FALSE);
}

/* A binlog-position handler fails: the position it was given is not kept
 * or saved, the transaction that ends there is delivered again. */
static void
test_fail_position (void)
{
  run_sync_case ("pos", FAIL_POSITION, 1, FALSE);
}

/* The first error wins. */
static void
test_fail_twice (void)
{
  run_sync_case ("twice", FAIL_ROW, 1, TRUE);
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Consumer *consumer = user_data;

  consumer->ok = mysql_binlog_stream_run_finish (MYSQL_BINLOG_STREAM (source), result,
                                                 &consumer->error);
  g_main_loop_quit (consumer->loop);
}

static gboolean
async_timeout (gpointer data)
{
  g_error ("The asynchronous run did not end within 60 s");
  return G_SOURCE_REMOVE;
}

/* run_async: the same, with the emissions queued for the main context. */
static void
test_fail_async (void)
{
  static const gint64 expected[] = { 1, 2, 3 };
  g_auto(Workload) work = { 0 };
  g_auto(FileStore) fs = { 0 };
  g_auto(Consumer) consumer;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint timeout_id;

  workload_write (&work, "async");
  file_store_init (&fs);
  consumer_init (&consumer, FAIL_ROW, 3);
  consumer.loop = loop;
  stream = consumer_stream (&consumer, &work, fs.store);
  timeout_id = g_timeout_add_seconds (60, async_timeout, NULL);
  mysql_binlog_stream_run_async (stream, NULL, async_done, &consumer);
  g_main_loop_run (loop);
  g_source_remove (timeout_id);

  assert_ids (&consumer, expected, G_N_ELEMENTS (expected));
  assert_failed_on_second (&consumer, stream, &work, fs.store, consumer.ok, consumer.error);
  g_clear_error (&consumer.error);

  assert_restart_redelivers (&work, fs.store);
}

static gpointer
fail_later (gpointer data)
{
  MysqlBinlogStream *stream = data;
  g_autoptr(GError) error = g_error_new_literal (TEST_ERROR, 11, "failed from another thread");

  g_usleep (300000);  /* the stream waits for new events */
  mysql_binlog_stream_fail (stream, error);
  return NULL;
}

/* From another thread, fail() ends a stream that waits for events, as
 * promptly as stop() does, with the error. */
static void
test_fail_from_thread (void)
{
  static const gint64 expected[] = { 1, 2, 3, 4, 5, 6 };
  g_auto(Workload) work = { 0 };
  g_auto(FileStore) fs = { 0 };
  g_auto(Consumer) consumer;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MysqlBinlogPosition) position = NULL;
  GThread *thread;
  gint64 began;

  workload_write (&work, "thread");
  file_store_init (&fs);
  consumer_init (&consumer, FAIL_NEVER, 0);
  stream = consumer_stream (&consumer, &work, fs.store);
  g_object_set (stream, "blocking", TRUE, NULL);
  thread = g_thread_new ("fail-later", fail_later, stream);
  began = g_get_monotonic_time ();
  g_assert_false (mysql_binlog_stream_run (stream, NULL, &error));
  g_thread_join (thread);
  g_test_message ("the run ended %.0f ms after it began (the failure came after 300 ms)",
                  (g_get_monotonic_time () - began) / 1000.0);
  g_assert_error (error, TEST_ERROR, 11);
  g_assert_cmpint (g_get_monotonic_time () - began, <, 5 * G_USEC_PER_SEC);
  assert_ids (&consumer, expected, G_N_ELEMENTS (expected));
  position = mysql_binlog_stream_get_position (stream);
  assert_position (position, work.after3);
  assert_stored (fs.store, work.after3);
}

/* Outside a run fail() is a programmer error; the next run does not see
 * it. */
static void
test_fail_outside_run (void)
{
  static const gint64 expected[] = { 1, 2, 3, 4, 5, 6 };
  g_auto(Workload) work = { 0 };
  g_auto(FileStore) fs = { 0 };
  g_auto(Consumer) consumer;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) stray = g_error_new_literal (TEST_ERROR, 9, "not in a run");

  workload_write (&work, "outside");
  file_store_init (&fs);
  consumer_init (&consumer, FAIL_NEVER, 0);
  stream = consumer_stream (&consumer, &work, fs.store);

  g_test_expect_message ("MysqlBinlog", G_LOG_LEVEL_CRITICAL, "*is_running*");
  mysql_binlog_stream_fail (stream, stray);
  g_test_assert_expected_messages ();

  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  assert_ids (&consumer, expected, G_N_ELEMENTS (expected));
  assert_stored (fs.store, work.after3);

  /* ... nor after a run that failed. */
  g_test_expect_message ("MysqlBinlog", G_LOG_LEVEL_CRITICAL, "*is_running*");
  mysql_binlog_stream_fail (stream, stray);
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/handler-failure/row", test_fail_row);
  g_test_add_func ("/handler-failure/row-held-back", test_fail_row_held_back);
  g_test_add_func ("/handler-failure/binlog-event", test_fail_event);
  g_test_add_func ("/handler-failure/binlog-position", test_fail_position);
  g_test_add_func ("/handler-failure/twice", test_fail_twice);
  g_test_add_func ("/handler-failure/async", test_fail_async);
  g_test_add_func ("/handler-failure/from-thread", test_fail_from_thread);
  g_test_add_func ("/handler-failure/outside-run", test_fail_outside_run);

  server = test_server_start (NULL);
  test_server_sql (server, "CREATE DATABASE test", &error);
  g_assert_no_error (error);
  status = g_test_run ();
  test_server_stop (server);
  return status;
}
