/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <mysqlbinlog-glib.h>

#include "test-server.h"
#include "test-util.h"

/* Binlog files written by a throwaway MariaDB server, read offline and
 * compared with what the live stream of the same server gives. */

typedef struct
{
  GString   *rows;
  GPtrArray *positions;
} Capture;

static void
capture_clear (Capture *c)
{
  g_string_free (c->rows, TRUE);
  g_ptr_array_unref (c->positions);
}

static void
append_row (Capture        *c,
            const char     *what,
            MysqlBinlogRow *row)
{
  test_util_append_row (c->rows, what, row);
}

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             Capture           *c)
{
  append_row (c, "I", row);
}

static void
on_deleted (MysqlBinlogStream *stream,
            MysqlBinlogRow    *row,
            Capture           *c)
{
  append_row (c, "D", row);
}

static void
on_updated (MysqlBinlogStream *stream,
            MysqlBinlogRow    *before,
            MysqlBinlogRow    *after,
            Capture           *c)
{
  append_row (c, "U-", before);
  append_row (c, "U+", after);
}

static void
on_position (MysqlBinlogStream   *stream,
             MysqlBinlogPosition *position,
             Capture             *c)
{
  g_ptr_array_add (c->positions, mysql_binlog_position_to_string (position));
}

static gboolean
capture_run (MysqlBinlogStream  *stream,
             Capture            *c,
             GError            **error)
{
  c->rows = g_string_new (NULL);
  c->positions = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_inserted), c);
  g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_deleted), c);
  g_signal_connect (stream, "rows-updated", G_CALLBACK (on_updated), c);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (on_position), c);
  return mysql_binlog_stream_run (stream, NULL, error);
}

static void
exec (TestServer *server,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  test_server_sql (server, sql, &error);
  g_assert_no_error (error);
}

static MysqlBinlogStream *
file_stream (TestServer *server,
             const char *name)
{
  g_autofree char *path = g_build_filename (test_server_get_dir (server), "binlog", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return mysql_binlog_stream_new_for_file (file);
}

/* A whole file of the server, live and offline: the same rows, the same
 * positions. */
static void
test_same_as_live (void)
{
  g_autoptr(TestServer) server = test_server_start (NULL);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) live = NULL;
  g_autoptr(MysqlBinlogStream) offline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *last = NULL;
  const char *file;
  Capture live_capture, offline_capture;
  guint n_live_positions = 0;

  exec (server, "FLUSH BINARY LOGS");
  start = test_server_master_position (server);
  file = mysql_binlog_position_get_file (start);
  exec (server, "SET GLOBAL binlog_row_metadata = 'FULL'");
  exec (server, "CREATE DATABASE shop");
  exec (server, "CREATE TABLE shop.items (id INT PRIMARY KEY, name VARCHAR(40), "
                "price DECIMAL(8,2), tags SET('new','sale'), doc JSON, at DATETIME(3))");
  exec (server, "INSERT INTO shop.items VALUES (1, 'chair', 12.50, 'new', '{\"a\": [1, 2]}', "
                "'2024-02-29 13:45:00.125'), (2, 'lamp', NULL, '', NULL, NULL)");
  exec (server, "BEGIN");
  exec (server, "UPDATE shop.items SET price = price * 2, tags = 'new,sale' WHERE id = 1");
  exec (server, "DELETE FROM shop.items WHERE id = 2");
  exec (server, "COMMIT");
  exec (server, "FLUSH BINARY LOGS");

  live = test_server_new_stream (server);
  mysql_binlog_stream_set_start_position (live, start);
  g_assert_true (capture_run (live, &live_capture, &error));
  g_assert_no_error (error);

  offline = file_stream (server, file);
  g_assert_true (capture_run (offline, &offline_capture, &error));
  g_assert_no_error (error);

  g_assert_cmpstr (offline_capture.rows->str, ==,
    "I shop.items {'id': <int64 1>, 'name': <'chair'>, 'price': <'12.50'>, "
    "'tags': <['new']>, 'doc': <'{\"a\": [1, 2]}'>, 'at': <'2024-02-29 13:45:00.125'>}\n"
    "I shop.items {'id': <int64 2>, 'name': <'lamp'>, 'price': <@mv nothing>, "
    "'tags': <@as []>, 'doc': <@mv nothing>, 'at': <@mv nothing>}\n"
    "U- shop.items {'id': <int64 1>, 'name': <'chair'>, 'price': <'12.50'>, "
    "'tags': <['new']>, 'doc': <'{\"a\": [1, 2]}'>, 'at': <'2024-02-29 13:45:00.125'>}\n"
    "U+ shop.items {'id': <int64 1>, 'name': <'chair'>, 'price': <'25.00'>, "
    "'tags': <['new', 'sale']>, 'doc': <'{\"a\": [1, 2]}'>, 'at': <'2024-02-29 13:45:00.125'>}\n"
    "D shop.items {'id': <int64 2>, 'name': <'lamp'>, 'price': <@mv nothing>, "
    "'tags': <@as []>, 'doc': <@mv nothing>, 'at': <@mv nothing>}\n");
  g_assert_cmpstr (live_capture.rows->str, ==, offline_capture.rows->str);

  /* The positions inside the file are the same; the live stream also
   * reports the next file, where the file itself ends. */
  for (guint i = 0; i < live_capture.positions->len; i++)
    {
      const char *position = g_ptr_array_index (live_capture.positions, i);

      if (!g_str_has_prefix (position, file))
        continue;
      g_assert_cmpuint (n_live_positions, <, offline_capture.positions->len);
      g_assert_cmpstr (g_ptr_array_index (offline_capture.positions, n_live_positions), ==,
                       position);
      n_live_positions++;
    }
  g_assert_cmpuint (n_live_positions, ==, offline_capture.positions->len);
  /* CREATE DATABASE, CREATE TABLE, the insert, the transaction. */
  g_assert_cmpuint (n_live_positions, >=, 4);
  last = g_strdup (g_ptr_array_index (offline_capture.positions, n_live_positions - 1));
  g_assert_true (g_str_has_prefix (last, file));

  capture_clear (&live_capture);
  capture_clear (&offline_capture);
}

/* An encrypted binlog: the file cannot be read offline, the live stream
 * (which the server decrypts) can. */
static void
test_encrypted (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mysqlbinlog-keys-XXXXXX", NULL);
  g_autofree char *keys = g_build_filename (dir, "keys.txt", NULL);
  g_autofree char *key_option = g_strdup_printf ("--file-key-management-filename=%s", keys);
  const char *args[] = { "--plugin-load-add=file_key_management", key_option,
                         "--encrypt-binlog=ON", NULL };
  g_autoptr(TestServer) server = NULL;
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) live = NULL;
  g_autoptr(MysqlBinlogStream) offline = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  Capture live_capture, offline_capture;

  g_assert_true (g_file_set_contents (keys, "1;00112233445566778899aabbccddeeff\n", -1, NULL));
  server = test_server_start (args);
  exec (server, "FLUSH BINARY LOGS");
  start = test_server_master_position (server);
  exec (server, "CREATE DATABASE secret");
  exec (server, "CREATE TABLE secret.t (id INT PRIMARY KEY)");
  exec (server, "INSERT INTO secret.t VALUES (7)");
  exec (server, "FLUSH BINARY LOGS");

  offline = file_stream (server, mysql_binlog_position_get_file (start));
  g_assert_false (capture_run (offline, &offline_capture, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
  where = g_strdup_printf ("%s at offset ", mysql_binlog_position_get_file (start));
  g_assert_nonnull (strstr (error->message, where));
  g_assert_nonnull (strstr (error->message, "encrypted"));
  g_assert_cmpstr (offline_capture.rows->str, ==, "");
  g_clear_error (&error);

  live = test_server_new_stream (server);
  mysql_binlog_stream_set_start_position (live, start);
  g_assert_true (capture_run (live, &live_capture, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (live_capture.rows->str, ==, "I secret.t {'id': <int64 7>}\n");

  capture_clear (&live_capture);
  capture_clear (&offline_capture);
  g_clear_pointer (&server, test_server_stop);
  g_unlink (keys);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file/same-as-live", test_same_as_live);
  g_test_add_func ("/file/encrypted", test_encrypted);

  return g_test_run ();
}
