/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <mysqlbinlog-glib.h>

#include "test-util.h"

/*
 * The stream as a GObject: what dispose drops, what its properties
 * notify, and a second run while one runs.  The runs read a real binary
 * log file from shared/fixtures beside the source tree (or where
 * MYSQL_BINLOG_FIXTURES_DIR points); without it those tests skip.
 */

/* A file of six inserted rows and one deleted, written by MySQL 5.1. */
#define FIXTURE "write-full-row.binlog"
#define FIXTURE_ROWS 6   /* rows-inserted emissions */

static GFile *
fixture_file (void)
{
  g_autofree char *path = NULL;

  if (!test_util_have_fixtures ())
    return NULL;
  path = test_util_fixture_path (FIXTURE);
  return g_file_new_for_path (path);
}

/* Properties */

#define SECRET "pass-w0rd-secret"

typedef struct
{
  guint      n_password;   /* notify::password emissions */
  GPtrArray *notified;     /* "name=value" of every other notify */
} Notifies;

static void
on_notify_password (GObject    *object,
                    GParamSpec *pspec,
                    Notifies   *notifies)
{
  notifies->n_password++;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Notifies   *notifies)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_autofree char *text = NULL;

  if (pspec->flags & G_PARAM_READABLE)
    {
      g_value_init (&value, pspec->value_type);
      g_object_get_property (object, pspec->name, &value);
      text = g_strdup_value_contents (&value);
    }
  g_ptr_array_add (notifies->notified,
                   g_strdup_printf ("%s=%s", pspec->name, text != NULL ? text : "(unreadable)"));
}

/* However it is set, the password is never notified, and no other notify
 * carries it. */
static void
test_password_not_notified (void)
{
  g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new ();
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  Notifies notifies = { 0, notified };

  g_signal_connect (stream, "notify::password", G_CALLBACK (on_notify_password), &notifies);
  g_signal_connect (stream, "notify", G_CALLBACK (on_notify), &notifies);

  mysql_binlog_stream_set_password (stream, SECRET);
  mysql_binlog_stream_set_password (stream, SECRET "2");
  mysql_binlog_stream_set_password (stream, NULL);
  g_object_set (stream, "password", SECRET, NULL);
  g_object_set (stream, "user", "replica", "password", SECRET "3", NULL);
  g_object_freeze_notify (G_OBJECT (stream));
  g_object_set (stream, "password", "", "host", "db.example", NULL);
  g_object_thaw_notify (G_OBJECT (stream));

  g_assert_cmpuint (notifies.n_password, ==, 0);
  /* The other properties still notify, without the secret. */
  g_assert_cmpuint (notified->len, ==, 2);
  g_assert_cmpstr (notified->pdata[0], ==, "user=\"replica\"");
  g_assert_cmpstr (notified->pdata[1], ==, "host=\"db.example\"");
}

/* Dispose */

/* A store that holds the stream that holds it (as a store written in a
 * binding may, through its wrapper): dispose breaks the cycle. */
static void
test_dispose_breaks_store_cycle (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/position");
  MysqlBinlogFilePositionStore *store = mysql_binlog_file_position_store_new (file);
  MysqlBinlogStream *stream = mysql_binlog_stream_new ();
  gpointer store_alive = store, stream_alive = stream;

  g_object_add_weak_pointer (G_OBJECT (store), &store_alive);
  g_object_add_weak_pointer (G_OBJECT (stream), &stream_alive);
  mysql_binlog_stream_set_position_store (stream, MYSQL_BINLOG_POSITION_STORE (store));
  g_object_set_data_full (G_OBJECT (store), "stream", stream, g_object_unref);
  g_object_unref (store);

  g_object_run_dispose (G_OBJECT (stream));

  g_assert_null (store_alive);
  g_assert_null (stream_alive);
}

/* A disposed stream lets go of its file, and refuses to run rather than
 * read from a server instead. */
static void
test_dispose_file_stream (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/binlog.000001");
  g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new_for_file (file);
  g_autoptr(GError) error = NULL;
  gpointer file_alive = file;

  g_object_add_weak_pointer (G_OBJECT (file), &file_alive);
  g_clear_object (&file);
  g_assert_nonnull (file_alive);

  g_object_run_dispose (G_OBJECT (stream));

  g_assert_null (file_alive);
  g_assert_null (mysql_binlog_stream_get_file (stream));
  g_assert_false (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
}

static void
dispose_on_first_row (MysqlBinlogStream *stream,
                      MysqlBinlogRow    *row,
                      guint             *n_rows)
{
  (*n_rows)++;
  g_object_run_dispose (G_OBJECT (stream));
}

/* Disposed from a handler, the stream runs on to the end of the file with
 * its store, which saves the position, and drops the store once the run
 * ends. */
static void
test_dispose_while_running (void)
{
  g_autoptr(GFile) file = fixture_file ();
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GFile) store_file = NULL;
  g_autoptr(GError) error = NULL;
  MysqlBinlogFilePositionStore *store;
  gpointer store_alive;
  guint n_rows = 0;

  if (file == NULL)
    return;
  dir = g_dir_make_tmp ("mysqlbinlog-dispose-XXXXXX", &error);
  g_assert_no_error (error);
  store_path = g_build_filename (dir, "position", NULL);
  store_file = g_file_new_for_path (store_path);
  store = mysql_binlog_file_position_store_new (store_file);
  store_alive = store;
  g_object_add_weak_pointer (G_OBJECT (store), &store_alive);

  stream = mysql_binlog_stream_new_for_file (file);
  /* The fixture logs no column names and holds no CREATE TABLE. */
  mysql_binlog_stream_set_schema_unknown (stream, MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL);
  mysql_binlog_stream_set_position_store (stream, MYSQL_BINLOG_POSITION_STORE (store));
  g_object_unref (store);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (dispose_on_first_row), &n_rows);

  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);

  /* The handlers went with the dispose, the run did not. */
  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_null (store_alive);
  g_assert_null (mysql_binlog_stream_get_position_store (stream));
  g_assert_true (g_file_get_contents (store_path, &saved, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved, FIXTURE ":"));

  g_unlink (store_path);
  g_rmdir (dir);
}

static void
on_dispose_async_done (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GError **error = user_data;

  g_assert_true (mysql_binlog_stream_run_finish (MYSQL_BINLOG_STREAM (object), result, error));
  g_object_set_data (object, "done", GINT_TO_POINTER (TRUE));
}

/* The same with run_async(): the store is used on the main context to the
 * end of the run, then dropped. */
static void
test_dispose_while_running_async (void)
{
  g_autoptr(GFile) file = fixture_file ();
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *store_path = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GFile) store_file = NULL;
  g_autoptr(GError) error = NULL;
  GError *run_error = NULL;
  MysqlBinlogFilePositionStore *store;
  gpointer store_alive;
  guint n_rows = 0;

  if (file == NULL)
    return;
  dir = g_dir_make_tmp ("mysqlbinlog-dispose-XXXXXX", &error);
  g_assert_no_error (error);
  store_path = g_build_filename (dir, "position", NULL);
  store_file = g_file_new_for_path (store_path);
  store = mysql_binlog_file_position_store_new (store_file);
  store_alive = store;
  g_object_add_weak_pointer (G_OBJECT (store), &store_alive);

  stream = mysql_binlog_stream_new_for_file (file);
  /* The fixture logs no column names and holds no CREATE TABLE. */
  mysql_binlog_stream_set_schema_unknown (stream, MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL);
  mysql_binlog_stream_set_position_store (stream, MYSQL_BINLOG_POSITION_STORE (store));
  g_object_unref (store);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (dispose_on_first_row), &n_rows);

  mysql_binlog_stream_run_async (stream, NULL, on_dispose_async_done, &run_error);
  while (g_object_get_data (G_OBJECT (stream), "done") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (run_error);

  g_assert_cmpuint (n_rows, ==, 1);
  g_assert_null (store_alive);
  g_assert_null (mysql_binlog_stream_get_position_store (stream));
  g_assert_true (g_file_get_contents (store_path, &saved, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (saved, FIXTURE ":"));

  g_unlink (store_path);
  g_rmdir (dir);
}

/* A second run */

typedef struct
{
  guint      n_rows;
  GError    *run_error;     /* of run() from a handler */
  GError    *async_error;   /* of run_async() from a handler */
  gboolean   async_done;
} SecondRun;

static void
on_second_async_done (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  SecondRun *second = user_data;

  g_assert_false (mysql_binlog_stream_run_finish (MYSQL_BINLOG_STREAM (object), result,
                                                  &second->async_error));
  second->async_done = TRUE;
}

static void
run_again_on_first_row (MysqlBinlogStream *stream,
                        MysqlBinlogRow    *row,
                        SecondRun         *second)
{
  if (second->n_rows++ > 0)
    return;
  g_assert_false (mysql_binlog_stream_run (stream, NULL, &second->run_error));
  mysql_binlog_stream_run_async (stream, NULL, on_second_async_done, second);
}

/* run() and run_async() from a handler of a running stream fail with
 * G_IO_ERROR_PENDING, and the run goes on to its end. */
static void
test_second_run_from_handler (void)
{
  g_autoptr(GFile) file = fixture_file ();
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  SecondRun second = { 0, };

  if (file == NULL)
    return;
  stream = mysql_binlog_stream_new_for_file (file);
  /* The fixture logs no column names and holds no CREATE TABLE. */
  mysql_binlog_stream_set_schema_unknown (stream, MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (run_again_on_first_row), &second);

  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (second.n_rows, ==, FIXTURE_ROWS);
  g_assert_error (second.run_error, G_IO_ERROR, G_IO_ERROR_PENDING);

  while (!second.async_done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (second.async_error, G_IO_ERROR, G_IO_ERROR_PENDING);

  g_clear_error (&second.run_error);
  g_clear_error (&second.async_error);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} AsyncResult;

static void
on_async_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncResult *outcome = user_data;

  outcome->ok = mysql_binlog_stream_run_finish (MYSQL_BINLOG_STREAM (object), result,
                                                &outcome->error);
  outcome->done = TRUE;
}

static void
count_row (MysqlBinlogStream *stream,
           MysqlBinlogRow    *row,
           guint             *n_rows)
{
  (*n_rows)++;
}

/* While run_async() runs, run() and run_async() fail with
 * G_IO_ERROR_PENDING, and the first run delivers every row. */
static void
test_second_run_during_async (void)
{
  g_autoptr(GFile) file = fixture_file ();
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  AsyncResult first = { 0, }, second = { 0, };
  guint n_rows = 0;

  if (file == NULL)
    return;
  stream = mysql_binlog_stream_new_for_file (file);
  /* The fixture logs no column names and holds no CREATE TABLE. */
  mysql_binlog_stream_set_schema_unknown (stream, MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (count_row), &n_rows);

  mysql_binlog_stream_run_async (stream, NULL, on_async_done, &first);
  g_assert_false (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  mysql_binlog_stream_run_async (stream, NULL, on_async_done, &second);

  while (!first.done || !second.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (first.error);
  g_assert_true (first.ok);
  g_assert_cmpuint (n_rows, ==, FIXTURE_ROWS);
  g_assert_false (second.ok);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&second.error);

  /* Once the first run ended, the stream runs again. */
  first.done = FALSE;
  n_rows = 0;
  mysql_binlog_stream_run_async (stream, NULL, on_async_done, &first);
  while (!first.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (first.error);
  g_assert_true (first.ok);
  g_assert_cmpuint (n_rows, ==, FIXTURE_ROWS);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stream-object/properties/password-not-notified",
                   test_password_not_notified);
  g_test_add_func ("/stream-object/dispose/store-cycle", test_dispose_breaks_store_cycle);
  g_test_add_func ("/stream-object/dispose/file-stream", test_dispose_file_stream);
  g_test_add_func ("/stream-object/dispose/while-running", test_dispose_while_running);
  g_test_add_func ("/stream-object/dispose/while-running-async",
                   test_dispose_while_running_async);
  g_test_add_func ("/stream-object/run/second-run-from-handler", test_second_run_from_handler);
  g_test_add_func ("/stream-object/run/second-run-during-async", test_second_run_during_async);

  return g_test_run ();
}
