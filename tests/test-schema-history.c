/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Column names and types at every point of the binary log, whatever
 * binlog_row_metadata says: a row is given under the names its table had
 * when the row was written, or the run fails with a clear error
 * (schema-unknown ERROR), or the row comes with positional names and only
 * what its table map says (schema-unknown POSITIONAL).  Never a wrong
 * name.
 */

#include "config.h"

#include <string.h>

#include <mysqlbinlog-glib.h>

#include "test-server.h"

static TestServer *server;

/* A row as "name=value name=value ...", values as g_variant_print()
 * writes them. */
static char *
describe_row (MysqlBinlogRow *row)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < mysql_binlog_row_get_n_columns (row); i++)
    {
      g_autoptr(GVariant) value = mysql_binlog_row_get_value (row, i);
      g_autofree char *text = NULL;

      if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE) &&
          g_variant_n_children (value) == 0)
        text = g_strdup ("NULL");
      else
        text = g_variant_print (value, TRUE);
      g_string_append_printf (out, "%s%s=%s", i > 0 ? " " : "",
                              mysql_binlog_row_get_column_name (row, i), text);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  GPtrArray *rows;      /* "schema.table: name=value ..." */
  GPtrArray *changes;   /* "schema.table: statement" */
} Seen;

static void
seen_clear (Seen *seen)
{
  g_clear_pointer (&seen->rows, g_ptr_array_unref);
  g_clear_pointer (&seen->changes, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Seen, seen_clear)

static void
on_row (MysqlBinlogStream *stream,
        MysqlBinlogRow    *row,
        Seen              *seen)
{
  g_autofree char *text = describe_row (row);

  g_ptr_array_add (seen->rows, g_strdup_printf ("%s.%s: %s", mysql_binlog_row_get_schema (row),
                                                mysql_binlog_row_get_table (row), text));
}

/* Reads from @start to the end of the binary log with @mode, the rows of
 * @schema only. */
static gboolean
read_live (MysqlBinlogPosition       *start,
           const char                *schema,
           MysqlBinlogSchemaUnknown   mode,
           Seen                      *seen,
           GError                   **error)
{
  g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
  const char *schemas[] = { schema, NULL };

  seen->rows = g_ptr_array_new_with_free_func (g_free);
  seen->changes = g_ptr_array_new_with_free_func (g_free);
  mysql_binlog_stream_set_start_position (stream, start);
  mysql_binlog_stream_set_only_schemas (stream, schemas);
  mysql_binlog_stream_set_schema_unknown (stream, mode);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_row), seen);
  return mysql_binlog_stream_run (stream, NULL, error);
}

static void
assert_rows (GPtrArray          *rows,
             const char * const *expected)
{
  for (guint i = 0; i < rows->len || expected[i] != NULL; i++)
    {
      g_test_message ("row %u: %s", i + 1,
                      i < rows->len ? (const char *) g_ptr_array_index (rows, i) : "(none)");
      g_assert_nonnull (expected[i]);
      g_assert_cmpuint (i, <, rows->len);
      g_assert_cmpstr (g_ptr_array_index (rows, i), ==, expected[i]);
    }
}

/* The table map alone shows that the definition information_schema has
 * now is not the one of the first row: a column was added in front after
 * it was written, and the binary log read does not hold the table's
 * CREATE TABLE.  The first row is refused, or given positionally with
 * what its table map says; the second, written after the change, has its
 * names. */
static void
test_guard (void)
{
  static const char * const positional[] = {
    "guard.t: @1=int64 1 @2=uint64 2 @3=[byte 0x78]",
    "guard.t: c=int64 7 a=int64 2 e='q' s='y'",
    NULL,
  };
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_auto(Seen) refused = { 0, };
  g_auto(Seen) seen = { 0, };
  g_autoptr(GError) error = NULL;

  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  test_server_exec (server,
                    "CREATE DATABASE guard;"
                    "CREATE TABLE guard.t (a INT, e ENUM('p', 'q'), s VARCHAR(10))");
  start = test_server_master_position (server);
  test_server_exec (server,
                    "INSERT INTO guard.t VALUES (1, 'q', 'x');"
                    "ALTER TABLE guard.t ADD COLUMN c INT FIRST;"
                    "INSERT INTO guard.t VALUES (7, 2, 'q', 'y')");

  g_assert_false (read_live (start, "guard", MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, &refused, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "guard.t"));
  g_assert_nonnull (strstr (error->message, "the table map has 3 columns, the definition 4"));
  g_assert_nonnull (strstr (error->message, "binlog_row_metadata=FULL"));
  g_assert_cmpuint (refused.rows->len, ==, 0);
  g_clear_error (&error);

  g_assert_true (read_live (start, "guard", MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL, &seen, &error));
  g_assert_no_error (error);
  assert_rows (seen.rows, positional);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/schema-history/guard", test_guard);

  server = test_server_start (NULL);
  ret = g_test_run ();
  test_server_stop (server);
  return ret;
}
