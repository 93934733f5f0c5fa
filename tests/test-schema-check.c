/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Under binlog_row_metadata=MINIMAL a live stream names the columns from
 * information_schema, and first checks that the table there is still the
 * one the table map describes: a column whose type has changed since the
 * event was written ends the run with MYSQL_BINLOG_ERROR_UNSUPPORTED
 * rather than giving its values under a name and type they never had.
 * Types that still agree read as usual.
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

/* Reads from @start to the end; the rows inserted, and how it ended. */
static GPtrArray *
read_live (MysqlBinlogPosition  *start,
           GError              **error)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_row_unref);

  mysql_binlog_stream_set_start_position (stream, start);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_row), rows);
  mysql_binlog_stream_run (stream, NULL, error);
  return rows;
}

/* Every type whose information_schema name is all there is to compare
 * reads under MINIMAL metadata, named and typed. */
static void
test_agreeing_types (void)
{
  static const struct
  {
    const char            *name;
    MysqlBinlogColumnType  type;
  } columns[] = {
    { "t", MYSQL_BINLOG_COLUMN_TYPE_TINY },
    { "s", MYSQL_BINLOG_COLUMN_TYPE_SHORT },
    { "m", MYSQL_BINLOG_COLUMN_TYPE_INT24 },
    { "i", MYSQL_BINLOG_COLUMN_TYPE_LONG },
    { "b", MYSQL_BINLOG_COLUMN_TYPE_LONGLONG },
    { "f", MYSQL_BINLOG_COLUMN_TYPE_FLOAT },
    { "d", MYSQL_BINLOG_COLUMN_TYPE_DOUBLE },
    { "y", MYSQL_BINLOG_COLUMN_TYPE_YEAR },
    { "dt", MYSQL_BINLOG_COLUMN_TYPE_DATE },
  };
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  MysqlBinlogRow *row;

  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'MINIMAL'");
  test_server_exec (server,
                    "CREATE DATABASE agree;"
                    "CREATE TABLE agree.t (t TINYINT, s SMALLINT, m MEDIUMINT, i INT,"
                    " b BIGINT, f FLOAT, d DOUBLE, y YEAR, dt DATE)");
  start = test_server_master_position (server);
  test_server_exec (server,
                    "INSERT INTO agree.t VALUES (-1, -2, -3, -4, -5, 0.5, 0.25, 2024,"
                    " '2024-02-29')");
  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'FULL'");

  rows = read_live (start, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, G_N_ELEMENTS (columns));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_assert_cmpstr (mysql_binlog_row_get_column_name (row, i), ==, columns[i].name);
      g_assert_cmpint (mysql_binlog_row_get_column_type (row, i), ==, columns[i].type);
    }
  g_assert_cmpint (mysql_binlog_row_get_int64 (row, 3), ==, -4);
}

/* A column whose type changed after its rows were written: the run ends
 * with the error, naming the type information_schema has now. */
static void
test_changed_type (void)
{
  static const struct
  {
    const char *before;
    const char *after;
    const char *value;
    guint       type_code;
  } cases[] = {
    { "TINYINT", "SMALLINT", "1", MYSQL_BINLOG_COLUMN_TYPE_TINY },
    { "INT", "BIGINT", "1", MYSQL_BINLOG_COLUMN_TYPE_LONG },
    { "BIGINT", "INT", "1", MYSQL_BINLOG_COLUMN_TYPE_LONGLONG },
    { "MEDIUMINT", "INT", "1", MYSQL_BINLOG_COLUMN_TYPE_INT24 },
    { "FLOAT", "DOUBLE", "0.5", MYSQL_BINLOG_COLUMN_TYPE_FLOAT },
    { "DOUBLE", "FLOAT", "0.5", MYSQL_BINLOG_COLUMN_TYPE_DOUBLE },
    { "YEAR", "SMALLINT", "2024", MYSQL_BINLOG_COLUMN_TYPE_YEAR },
    { "DATE", "DATETIME", "'2024-02-29'", MYSQL_BINLOG_COLUMN_TYPE_DATE },
    { "SMALLINT", "VARCHAR(10)", "1", MYSQL_BINLOG_COLUMN_TYPE_SHORT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MysqlBinlogPosition) start = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) sql_error = NULL;
      g_autofree char *after = g_ascii_strdown (cases[i].after, -1);
      g_autofree char *expected = NULL;
      char *paren;

      if ((paren = strchr (after, '(')) != NULL)
        *paren = '\0';
      expected = g_strdup_printf ("*type code %u (metadata *), the definition a column "
                                  "of type %s*", cases[i].type_code, after);

      test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'MINIMAL'");
      g_assert_true (test_server_sqlf (server, NULL,
                                       "CREATE DATABASE changed%u;"
                                       "CREATE TABLE changed%u.t (a %s)",
                                       i, i, cases[i].before));
      start = test_server_master_position (server);
      test_server_sqlf (server, &sql_error,
                        "INSERT INTO changed%u.t VALUES (%s);"
                        "ALTER TABLE changed%u.t MODIFY a %s",
                        i, cases[i].value, i, cases[i].after);
      g_assert_no_error (sql_error);
      test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'FULL'");

      rows = read_live (start, &error);
      g_test_message ("%s to %s: %s", cases[i].before, cases[i].after,
                      error != NULL ? error->message : "no error");
      g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
      g_assert_true (g_pattern_match_simple (expected, error->message));
      g_assert_cmpuint (rows->len, ==, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/schema-check/agreeing-types", test_agreeing_types);
  g_test_add_func ("/schema-check/changed-type", test_changed_type);

  server = test_server_start (NULL);
  ret = g_test_run ();
  test_server_stop (server);
  return ret;
}
