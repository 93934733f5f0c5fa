/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Primary keys and column details of MysqlBinlogRow: from the binary log's
 * metadata under binlog_row_metadata=FULL, from information_schema under
 * MINIMAL on a live stream, and unknown in a file written under MINIMAL.
 */

#include "config.h"

#include <string.h>

#include <mysqlbinlog-glib.h>

#include "test-server.h"

static TestServer *server;

static void
on_row (MysqlBinlogStream *stream,
        MysqlBinlogRow    *row,
        GPtrArray         *rows)
{
  g_ptr_array_add (rows, mysql_binlog_row_ref (row));
}

static void
on_updated (MysqlBinlogStream *stream,
            MysqlBinlogRow    *before,
            MysqlBinlogRow    *after,
            GPtrArray         *rows)
{
  g_ptr_array_add (rows, mysql_binlog_row_ref (before));
  g_ptr_array_add (rows, mysql_binlog_row_ref (after));
}

/* Every row image of @stream in order, the before image of an update
 * first. */
static GPtrArray *
collect (MysqlBinlogStream *stream)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_row_unref);
  g_autoptr(GError) error = NULL;

  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_row), rows);
  g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_row), rows);
  g_signal_connect (stream, "rows-updated", G_CALLBACK (on_updated), rows);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  return rows;
}

static char *
keys_string (MysqlBinlogRow *row)
{
  const char * const *keys = mysql_binlog_row_get_primary_key (row);

  g_assert_cmpint (keys != NULL, ==, mysql_binlog_row_is_primary_key_known (row));
  if (keys == NULL)
    return g_strdup ("(unknown)");
  return g_strjoinv (",", (char **) keys);
}

/* "name" or "name*" (key column) or "name*N" (key prefix N), per column. */
static char *
columns_string (MysqlBinlogRow *row)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < mysql_binlog_row_get_n_columns (row); i++)
    {
      guint prefix = mysql_binlog_row_get_primary_key_prefix (row, i);

      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, mysql_binlog_row_get_column_name (row, i));
      if (mysql_binlog_row_is_primary_key (row, i))
        g_string_append_c (text, '*');
      if (prefix > 0)
        g_string_append_printf (text, "%u", prefix);
      if (mysql_binlog_row_get_column_is_invisible (row, i))
        g_string_append (text, "(invisible)");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_row (MysqlBinlogRow *row,
            const char     *table,
            const char     *keys,
            const char     *columns)
{
  g_autofree char *keys_text = keys_string (row);
  g_autofree char *columns_text = columns_string (row);

  g_assert_cmpstr (mysql_binlog_row_get_table (row), ==, table);
  g_assert_cmpstr (keys_text, ==, keys);
  g_assert_cmpstr (columns_text, ==, columns);
}

/* Writes the workload under @mode into a file of its own and returns where
 * it starts. */
static MysqlBinlogPosition *
write_workload (const char *mode,
                const char *schema)
{
  MysqlBinlogPosition *start;

  test_server_exec (server, "FLUSH BINARY LOGS");
  start = test_server_master_position (server);
  g_assert_true (test_server_sqlf (server, NULL, "SET GLOBAL binlog_row_metadata = '%s'", mode));
  g_assert_true (test_server_sqlf (server, NULL,
    "CREATE DATABASE %s;"
    "CREATE TABLE %s.composite (v INT, name VARCHAR(20), id INT,"
    " PRIMARY KEY (id, name));"
    "CREATE TABLE %s.prefixed (id INT NOT NULL, name VARCHAR(20) NOT NULL,"
    " PRIMARY KEY (name(3)));"
    "CREATE TABLE %s.nokey (a INT, b INT);"
    "INSERT INTO %s.composite VALUES (1, 'x', 2);"
    "INSERT INTO %s.prefixed VALUES (3, 'abcdef');"
    "INSERT INTO %s.nokey VALUES (4, 5);"
    "UPDATE %s.composite SET v = 6 WHERE id = 2",
    schema, schema, schema, schema, schema, schema, schema, schema));
  /* A DDL statement changes the key: the next rows see the new one. */
  g_assert_true (test_server_sqlf (server, NULL,
    "ALTER TABLE %s.nokey ADD PRIMARY KEY (b);"
    "DELETE FROM %s.nokey",
    schema, schema));
  test_server_exec (server, "FLUSH BINARY LOGS");
  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'FULL'");
  return start;
}

static GPtrArray *
read_live (MysqlBinlogPosition *start)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);

  mysql_binlog_stream_set_start_position (stream, start);
  return collect (stream);
}

static GPtrArray *
read_file (MysqlBinlogPosition *start)
{
  g_autofree char *path = g_build_filename (test_server_get_dir (server), "binlog",
                                            mysql_binlog_position_get_file (start), NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new_for_file (file);

  return collect (stream);
}

/* binlog_row_metadata=FULL: the key, its order-independent column set and
 * prefix, straight from the binary log, live and offline alike. */
static void
check_full (GPtrArray *rows)
{
  g_assert_cmpuint (rows->len, ==, 6);
  assert_row (g_ptr_array_index (rows, 0), "composite", "name,id", "v name* id*");
  assert_row (g_ptr_array_index (rows, 1), "prefixed", "name", "id name*3");
  assert_row (g_ptr_array_index (rows, 2), "nokey", "", "a b");
  assert_row (g_ptr_array_index (rows, 3), "composite", "name,id", "v name* id*");
  assert_row (g_ptr_array_index (rows, 4), "composite", "name,id", "v name* id*");
  assert_row (g_ptr_array_index (rows, 5), "nokey", "b", "a b*");
}

static void
test_full_live (void)
{
  g_autoptr(MysqlBinlogPosition) start = write_workload ("FULL", "pkfull");
  g_autoptr(GPtrArray) rows = read_live (start);

  check_full (rows);
}

static void
test_full_file (void)
{
  g_autoptr(MysqlBinlogPosition) start = write_workload ("FULL", "pkfullfile");
  g_autoptr(GPtrArray) rows = read_file (start);

  check_full (rows);
}

/* binlog_row_metadata=MINIMAL on a live stream: information_schema
 * completes the key (it has no prefix lengths).  The rows of nokey before
 * the ALTER are read after it, so information_schema already shows the
 * new key for them: only the binary log's own metadata is exact there. */
static void
test_minimal_live (void)
{
  g_autoptr(MysqlBinlogPosition) start = write_workload ("MINIMAL", "pkmin");
  g_autoptr(GPtrArray) rows = read_live (start);

  g_assert_cmpuint (rows->len, ==, 6);
  assert_row (g_ptr_array_index (rows, 0), "composite", "name,id", "v name* id*");
  assert_row (g_ptr_array_index (rows, 1), "prefixed", "name", "id name*");
  assert_row (g_ptr_array_index (rows, 3), "composite", "name,id", "v name* id*");
  assert_row (g_ptr_array_index (rows, 4), "composite", "name,id", "v name* id*");
  assert_row (g_ptr_array_index (rows, 5), "nokey", "b", "a b*");
}

/* binlog_row_metadata=MINIMAL read from a file that holds the tables'
 * CREATE TABLE: the key of each row is the one its DDL statements gave at
 * that point (no prefix lengths: a definition has none), the ALTER that
 * adds the key of nokey included. */
static void
test_minimal_file (void)
{
  g_autoptr(MysqlBinlogPosition) start = write_workload ("MINIMAL", "pkminfile");
  g_autoptr(GPtrArray) rows = read_file (start);

  g_assert_cmpuint (rows->len, ==, 6);
  assert_row (g_ptr_array_index (rows, 0), "composite", "name,id", "v name* id*");
  assert_row (g_ptr_array_index (rows, 1), "prefixed", "name", "id name*");
  assert_row (g_ptr_array_index (rows, 2), "nokey", "", "a b");
  assert_row (g_ptr_array_index (rows, 3), "composite", "name,id", "v name* id*");
  assert_row (g_ptr_array_index (rows, 4), "composite", "name,id", "v name* id*");
  assert_row (g_ptr_array_index (rows, 5), "nokey", "b", "a b*");
}

/* The other column details: geometry types from the metadata, and the
 * defaults for columns that have none. */
static void
test_column_details (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  MysqlBinlogRow *row;

  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'FULL'");
  test_server_exec (server,
                    "CREATE DATABASE pkgeo;"
                    "CREATE TABLE pkgeo.t (id INT PRIMARY KEY, p POINT, l LINESTRING, g GEOMETRY)");
  start = test_server_master_position (server);
  test_server_exec (server,
                    "INSERT INTO pkgeo.t VALUES (1, POINT(1, 2),"
                    " LINESTRING(POINT(0, 0), POINT(1, 1)), NULL)");
  rows = read_live (start);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (mysql_binlog_row_get_column_type (row, 1), ==, MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY);
  g_assert_cmpuint (mysql_binlog_row_get_column_geometry_type (row, 0), ==, 0);
  g_assert_cmpuint (mysql_binlog_row_get_column_geometry_type (row, 1), ==, 1);
  g_assert_cmpuint (mysql_binlog_row_get_column_geometry_type (row, 2), ==, 2);
  g_assert_cmpuint (mysql_binlog_row_get_column_geometry_type (row, 3), ==, 0);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpuint (mysql_binlog_row_get_column_vector_dimensions (row, i), ==, 0);
      g_assert_false (mysql_binlog_row_get_column_is_invisible (row, i));
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/row/primary-key/full/live", test_full_live);
  g_test_add_func ("/row/primary-key/full/file", test_full_file);
  g_test_add_func ("/row/primary-key/minimal/live", test_minimal_live);
  g_test_add_func ("/row/primary-key/minimal/file", test_minimal_file);
  g_test_add_func ("/row/column-details", test_column_details);

  server = test_server_start (NULL);
  ret = g_test_run ();
  test_server_stop (server);
  return ret;
}
