/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "test-server.h"

/*
 * MariaDB's old-format temporal columns: created with
 * mysql56_temporal_format=OFF, TIME(n), DATETIME(n) and TIMESTAMP(n) are
 * logged under the old type codes (not TIME2, DATETIME2, TIMESTAMP2) with
 * no metadata, in formats of their own when n > 0 ("hires") and in the
 * real old formats when n = 0.  The binary log does not say which.
 *
 * The live reader learns the digits from information_schema and must give
 * every value exactly as the server shows it (SELECT CAST(... AS CHAR)),
 * for 1 to 6 digits and 0, at the edges of each range, negative TIME
 * included, and the column after them too.  The file reader cannot know
 * them: it must fail with MYSQL_BINLOG_ERROR_UNSUPPORTED before it
 * delivers any row of such a table, never give a value.
 */

static TestServer *server;
static MysqlBinlogPosition *start;
static char *binlog_file;

#define N_ROWS 4

static void
exec (const char *sql)
{
  g_autoptr(GError) error = NULL;

  test_server_sql (server, sql, &error);
  g_assert_no_error (error);
}

/* The column list "t1 TIME(1), ..., t6 TIME(6), d1 ..., s1 ..., after INT". */
static char *
hires_columns (void)
{
  GString *out = g_string_new ("id INT PRIMARY KEY");

  for (guint n = 1; n <= 6; n++)
    g_string_append_printf (out, ", t%u TIME(%u)", n, n);
  for (guint n = 1; n <= 6; n++)
    g_string_append_printf (out, ", d%u DATETIME(%u)", n, n);
  for (guint n = 1; n <= 6; n++)
    g_string_append_printf (out, ", s%u TIMESTAMP(%u) NULL", n, n);
  g_string_append (out, ", after INT");
  return g_string_free (out, FALSE);
}

static char *
fraction (const char *digits,
          guint       n)
{
  return g_strndup (digits, n);
}

/* Row @r of the hires table: each value with n digits of its fraction. */
static char *
hires_values (guint r)
{
  static const char * const times[N_ROWS][2] = {
    { "838:59:59.", "999999" },
    { "-838:59:59.", "999999" },
    { "-00:00:00.", "000001" },
    { "12:34:56.", "123456" },
  };
  static const char * const datetimes[N_ROWS][2] = {
    { "9999-12-31 23:59:59.", "999999" },
    { "1000-01-01 00:00:00.", "000001" },
    { "2024-02-29 00:00:00.", "000000" },
    { "1999-12-31 23:59:59.", "500001" },
  };
  static const char * const timestamps[N_ROWS][2] = {
    { "2038-01-19 03:14:07.", "999999" },
    { "1970-01-01 00:00:01.", "000001" },
    { "2024-02-29 12:00:00.", "000000" },
    { "2000-03-01 00:00:00.", "050505" },
  };
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "(%u", r + 1);
  for (guint n = 1; n <= 6; n++)
    {
      g_autofree char *f = fraction (times[r][1], n);

      /* "-00:00:00.0" would be zero: the smallest negative of n digits. */
      if (r == 2)
        {
          g_free (f);
          f = g_strdup_printf ("%0*u", (int) n, 1);
        }
      g_string_append_printf (out, ", '%s%s'", times[r][0], f);
    }
  for (guint n = 1; n <= 6; n++)
    {
      g_autofree char *f = fraction (datetimes[r][1], n);

      if (r == 1)
        {
          g_free (f);
          f = g_strdup_printf ("%0*u", (int) n, 1);
        }
      g_string_append_printf (out, ", '%s%s'", datetimes[r][0], f);
    }
  for (guint n = 1; n <= 6; n++)
    {
      g_autofree char *f = fraction (timestamps[r][1], n);

      if (r == 1)
        {
          g_free (f);
          f = g_strdup_printf ("%0*u", (int) n, 1);
        }
      g_string_append_printf (out, ", '%s%s'", timestamps[r][0], f);
    }
  g_string_append_printf (out, ", %d)", -7 - (int) r);
  return g_string_free (out, FALSE);
}

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             GPtrArray         *rows)
{
  g_ptr_array_add (rows, mysql_binlog_row_ref (row));
}

static GPtrArray *
read_rows (MysqlBinlogStream  *stream,
           GError            **error)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_row_unref);

  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_inserted), rows);
  mysql_binlog_stream_run (stream, NULL, error);
  return rows;
}

static GPtrArray *
rows_of (GPtrArray  *rows,
         const char *table)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (mysql_binlog_row_get_table (rows->pdata[i]), table) == 0)
      g_ptr_array_add (out, rows->pdata[i]);
  return out;
}

/* The server's own text of @column in row @id of @table, NULL for NULL. */
static char *
server_text (const char *table,
             const char *column,
             guint       id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT CAST(%s AS CHAR) FROM hires.%s WHERE id = %u",
                                          column, table, id);
  char *value = test_server_query_value (server, sql, &error);

  g_assert_no_error (error);
  return value;
}

/* Every column of the live rows of @table against the server's text. */
static void
check_live_table (GPtrArray  *all,
                  const char *table,
                  guint       n_rows)
{
  g_autoptr(GPtrArray) rows = rows_of (all, table);
  guint compared = 0;

  g_assert_cmpuint (rows->len, ==, n_rows);
  for (guint r = 0; r < rows->len; r++)
    {
      MysqlBinlogRow *row = rows->pdata[r];
      g_autoptr(GVariant) id = mysql_binlog_row_get_value (row, 0);
      guint n_old = 0;

      /* The temporal columns of h and z really are of the old formats. */
      for (guint i = 1; i < mysql_binlog_row_get_n_columns (row); i++)
        switch (mysql_binlog_row_get_column_type (row, i))
          {
          case MYSQL_BINLOG_COLUMN_TYPE_TIME:
          case MYSQL_BINLOG_COLUMN_TYPE_DATETIME:
          case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP:
            n_old++;
            break;
          default:
            break;
          }
      g_assert_cmpuint (n_old, ==, mysql_binlog_row_get_n_columns (row) == 20 ? 18
                                   : strcmp (table, "z") == 0 ? 3 : 0);

      for (guint i = 1; i < mysql_binlog_row_get_n_columns (row); i++)
        {
          const char *name = mysql_binlog_row_get_column_name (row, i);
          g_autoptr(GVariant) value = mysql_binlog_row_get_value (row, i);
          g_autofree char *expected = server_text (table, name, (guint) g_variant_get_int64 (id));
          g_autofree char *actual = NULL;

          g_assert_nonnull (expected);
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
            actual = g_variant_dup_string (value, NULL);
          else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
            actual = g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (value));
          else
            actual = g_variant_print (value, TRUE);
          if (g_strcmp0 (actual, expected) != 0)
            g_error ("%s row %u column %s: library %s, server %s", table, r + 1, name, actual,
                     expected);
          compared++;
        }
    }
  g_test_message ("%s: %u values equal to the server's", table, compared);
}

static void
test_live (void)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  g_object_set (stream, "start-position", start, NULL);
  rows = read_rows (stream, &error);
  g_assert_no_error (error);
  check_live_table (rows, "before", 1);
  check_live_table (rows, "h", N_ROWS);
  check_live_table (rows, "z", 2);
}

static void
test_file (gconstpointer data)
{
  const char *table = data;
  g_autofree char *path = g_build_filename (test_server_get_dir (server), "binlog", binlog_file,
                                            NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new_for_file (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autofree char *wanted = g_strdup_printf ("hires.%s", table);
  const char * const tables[] = { "hires.before", wanted, NULL };

  /* The file holds the tables' CREATE TABLE: it gives the fractional
   * digits that the table maps of the old formats do not, so every value
   * is the server's. */
  mysql_binlog_stream_set_only_tables (stream, tables);
  rows = read_rows (stream, &error);
  g_assert_no_error (error);
  check_live_table (rows, "before", 1);
  check_live_table (rows, table, strcmp (table, "z") == 0 ? 2 : N_ROWS);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *columns = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = test_server_start (NULL);
  exec ("SET GLOBAL binlog_row_metadata = 'FULL'");
  exec ("FLUSH BINARY LOGS");
  start = test_server_master_position (server);
  binlog_file = g_strdup (mysql_binlog_position_get_file (start));
  exec ("CREATE DATABASE hires");
  exec ("SET time_zone = '+00:00'");
  exec ("CREATE TABLE hires.before (id INT PRIMARY KEY, t TIME(3), d DATETIME(6))");
  exec ("INSERT INTO hires.before VALUES (1, '-838:59:59.999', '2024-02-29 13:45:00.123456')");

  exec ("SET GLOBAL mysql56_temporal_format = OFF");
  columns = hires_columns ();
  test_server_sqlf (server, NULL, "CREATE TABLE hires.h (%s)", columns);
  exec ("CREATE TABLE hires.z (id INT PRIMARY KEY, t TIME, d DATETIME, s TIMESTAMP NULL, "
        "after INT)");
  exec ("SET GLOBAL mysql56_temporal_format = ON");
  for (guint r = 0; r < N_ROWS; r++)
    {
      g_autofree char *values = hires_values (r);

      test_server_sqlf (server, NULL, "INSERT INTO hires.h VALUES %s", values);
    }
  exec ("INSERT INTO hires.z VALUES "
        "(1, '-838:59:59', '9999-12-31 23:59:59', '2038-01-19 03:14:07', -1), "
        "(2, '838:59:59', '1000-01-01 00:00:00', '1970-01-01 00:00:01', 2)");
  {
    /* Every row is there: a failed INSERT would make the test vacuous. */
    g_autoptr(GError) error = NULL;
    g_autofree char *count = test_server_query_value (server, "SELECT COUNT(*) FROM hires.h",
                                                      &error);

    g_assert_no_error (error);
    g_assert_cmpstr (count, ==, "4");
  }
  exec ("FLUSH BINARY LOGS");

  g_test_add_func ("/hires-temporal/live", test_live);
  g_test_add_data_func ("/hires-temporal/file/hires", "h", test_file);
  g_test_add_data_func ("/hires-temporal/file/no-digits", "z", test_file);

  status = g_test_run ();
  test_server_stop (server);
  mysql_binlog_position_unref (start);
  g_free (binlog_file);
  return status;
}
