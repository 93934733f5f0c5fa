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
 * The position store on a real server: what run() loads and saves, and
 * that it saves at transaction boundaries only.
 */

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/replication/file-position-store", test_file_position_store);
  g_test_add_func ("/replication/stream-position-store", test_stream_position_store);
  g_test_add_func ("/replication/store-saves-at-boundaries", test_store_saves_at_boundaries);

  return g_test_run ();
}
