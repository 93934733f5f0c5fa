/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The binding fast path of MysqlBinlogRow: get_column_value(),
 * dup_values(), get_column_names() and to_hash_table(), on a row of every
 * value kind read from a throwaway MariaDB server.
 */

#include "config.h"

#include <string.h>

#include <mysqlbinlog-glib.h>

#include "test-server.h"

static TestServer *server;

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             GPtrArray         *rows)
{
  g_ptr_array_add (rows, mysql_binlog_row_ref (row));
}

/* The one row of tvals.t, read from the binary log. */
static MysqlBinlogRow *
read_row (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_row_unref);
  g_autoptr(GError) error = NULL;

  test_server_exec (server,
                    "SET GLOBAL binlog_row_metadata = 'FULL';"
                    "CREATE DATABASE tvals;"
                    "CREATE TABLE tvals.t (id INT PRIMARY KEY, u BIGINT UNSIGNED, f DOUBLE,"
                    " d DECIMAL(6,2), s VARCHAR(10) CHARACTER SET utf8mb4, b VARBINARY(4),"
                    " st SET('a','b','c'), n INT, y YEAR)");
  start = test_server_master_position (server);
  test_server_exec (server,
                    "INSERT INTO tvals.t VALUES (7, 18446744073709551615, -0.5, -1.25,"
                    " 'h\xc3\xa9', x'00ff', 'c,a', NULL, 2024)");

  stream = test_server_new_stream (server);
  g_object_set (stream, "start-position", start, NULL);
  g_signal_connect (stream, "rows-inserted::tvals.t", G_CALLBACK (on_inserted), rows);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);

  return mysql_binlog_row_ref (g_ptr_array_index (rows, 0));
}

static const char * const names[] = { "id", "u", "f", "d", "s", "b", "st", "n", "y" };

static void
check_value (const char   *name,
             const GValue *value)
{
  if (g_str_equal (name, "id"))
    {
      g_assert_true (G_VALUE_HOLDS_INT64 (value));
      g_assert_cmpint (g_value_get_int64 (value), ==, 7);
    }
  else if (g_str_equal (name, "u"))
    {
      g_assert_true (G_VALUE_HOLDS_UINT64 (value));
      g_assert_cmpuint (g_value_get_uint64 (value), ==, G_MAXUINT64);
    }
  else if (g_str_equal (name, "f"))
    {
      g_assert_true (G_VALUE_HOLDS_DOUBLE (value));
      g_assert_cmpfloat (g_value_get_double (value), ==, -0.5);
    }
  else if (g_str_equal (name, "d"))
    {
      g_assert_true (G_VALUE_HOLDS_STRING (value));
      g_assert_cmpstr (g_value_get_string (value), ==, "-1.25");
    }
  else if (g_str_equal (name, "s"))
    {
      g_assert_true (G_VALUE_HOLDS_STRING (value));
      g_assert_cmpstr (g_value_get_string (value), ==, "h\xc3\xa9");
    }
  else if (g_str_equal (name, "b"))
    {
      GVariant *variant;
      const guint8 *data;
      gsize length;

      g_assert_true (G_VALUE_HOLDS_VARIANT (value));
      variant = g_value_get_variant (value);
      g_assert_cmpstr (g_variant_get_type_string (variant), ==, "ay");
      data = g_variant_get_fixed_array (variant, &length, 1);
      g_assert_cmpmem (data, length, "\x00\xff", 2);
    }
  else if (g_str_equal (name, "st"))
    {
      const char * const *members;

      g_assert_true (G_VALUE_HOLDS (value, G_TYPE_STRV));
      members = g_value_get_boxed (value);
      g_assert_nonnull (members);
      g_assert_cmpstr (members[0], ==, "a");
      g_assert_cmpstr (members[1], ==, "c");
      g_assert_null (members[2]);
    }
  else if (g_str_equal (name, "n"))
    {
      g_assert_true (G_VALUE_HOLDS_POINTER (value));
      g_assert_null (g_value_get_pointer (value));
    }
  else if (g_str_equal (name, "y"))
    {
      g_assert_true (G_VALUE_HOLDS_INT64 (value));
      g_assert_cmpint (g_value_get_int64 (value), ==, 2024);
    }
  else
    g_assert_not_reached ();
}

static void
test_column_values (void)
{
  g_autoptr(MysqlBinlogRow) row = read_row ();
  g_autofree const char **row_names = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GHashTable) table = NULL;
  guint n = 0;

  row_names = mysql_binlog_row_get_column_names (row, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (names));
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (row_names[i], ==, names[i]);
  g_assert_null (row_names[n]);

  for (guint i = 0; i < n; i++)
    {
      GValue value = G_VALUE_INIT;

      mysql_binlog_row_get_column_value (row, i, &value);
      check_value (names[i], &value);
      g_value_unset (&value);
    }

  values = mysql_binlog_row_dup_values (row);
  g_assert_cmpuint (values->len, ==, n);
  for (guint i = 0; i < n; i++)
    check_value (names[i], g_ptr_array_index (values, i));

  table = mysql_binlog_row_to_hash_table (row);
  g_assert_cmpuint (g_hash_table_size (table), ==, n);
  for (guint i = 0; i < n; i++)
    {
      const GValue *value = g_hash_table_lookup (table, names[i]);

      g_assert_nonnull (value);
      check_value (names[i], value);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/row/values/gvalues", test_column_values);

  server = test_server_start (NULL);
  ret = g_test_run ();
  test_server_stop (server);
  return ret;
}
