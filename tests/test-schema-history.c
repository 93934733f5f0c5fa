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

#include <fcntl.h>
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <mysqlbinlog-glib.h>

#include "test-server.h"

static TestServer *server;
static const char *program;
static int consumer_fd = -1;

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

static void
on_deleted (MysqlBinlogStream *stream,
            MysqlBinlogRow    *row,
            Seen              *seen)
{
  g_autofree char *text = describe_row (row);

  g_ptr_array_add (seen->rows, g_strdup_printf ("deleted %s.%s: %s",
                                                mysql_binlog_row_get_schema (row),
                                                mysql_binlog_row_get_table (row), text));
}

static void
on_schema_changed (MysqlBinlogStream *stream,
                   const char        *schema_table,
                   const char        *statement,
                   Seen              *seen)
{
  g_ptr_array_add (seen->changes, g_strdup_printf ("%s: %s", schema_table, statement));
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
  g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_deleted), seen);
  g_signal_connect (stream, "schema-changed", G_CALLBACK (on_schema_changed), seen);
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

/* A table through every form of ALTER, rows written between the steps;
 * what each row was when it was written. */
static const struct
{
  const char *sql;
  const char *row;      /* the row it writes, as read back; NULL: none */
} steps[] = {
  { "CREATE TABLE %s.t (id INT PRIMARY KEY, a VARCHAR(10), e ENUM('x', 'y'), n TINYINT,"
    " m INT)", NULL },
  { "INSERT INTO %s.t VALUES (1, 'a1', 'x', -5, 10)",
    "%s.t: id=int64 1 a='a1' e='x' n=int64 -5 m=int64 10" },
  /* a column in front */
  { "ALTER TABLE %s.t ADD COLUMN f INT FIRST", NULL },
  { "INSERT INTO %s.t VALUES (20, 2, 'a2', 'y', 2, 20)",
    "%s.t: f=int64 20 id=int64 2 a='a2' e='y' n=int64 2 m=int64 20" },
  /* one dropped */
  { "ALTER TABLE %s.t DROP COLUMN a", NULL },
  { "INSERT INTO %s.t VALUES (30, 3, 'x', 3, 30)",
    "%s.t: f=int64 30 id=int64 3 e='x' n=int64 3 m=int64 30" },
  /* reordered with AFTER */
  { "ALTER TABLE %s.t MODIFY COLUMN m INT AFTER f", NULL },
  { "INSERT INTO %s.t VALUES (40, 40, 4, 'y', 4)",
    "%s.t: f=int64 40 m=int64 40 id=int64 4 e='y' n=int64 4" },
  /* another type */
  { "ALTER TABLE %s.t MODIFY m BIGINT UNSIGNED", NULL },
  { "INSERT INTO %s.t VALUES (50, 18446744073709551615, 5, 'x', 5)",
    "%s.t: f=int64 50 m=uint64 18446744073709551615 id=int64 5 e='x' n=int64 5" },
  /* a column renamed */
  { "ALTER TABLE %s.t CHANGE f g INT", NULL },
  { "ALTER TABLE %s.t RENAME COLUMN e TO k", NULL },
  { "INSERT INTO %s.t VALUES (60, 60, 6, 'y', 6)",
    "%s.t: g=int64 60 m=uint64 60 id=int64 6 k='y' n=int64 6" },
  /* the table renamed */
  { "RENAME TABLE %s.t TO %s.u", NULL },
  { "INSERT INTO %s.u VALUES (70, 70, 7, 'x', 7)",
    "%s.u: g=int64 70 m=uint64 70 id=int64 7 k='x' n=int64 7" },
  /* other ENUM members */
  { "ALTER TABLE %s.u MODIFY k ENUM('z', 'x', 'y')", NULL },
  { "INSERT INTO %s.u VALUES (80, 80, 8, 'z', 8)",
    "%s.u: g=int64 80 m=uint64 80 id=int64 8 k='z' n=int64 8" },
  /* only the signedness: the table map cannot tell */
  /* a row of before the change, as the table has it now */
  { "DELETE FROM %s.u WHERE id = 1", "deleted %s.u: g=NULL m=uint64 10 id=int64 1 k='x' n=int64 -5" },
  { "ALTER TABLE %s.u MODIFY n TINYINT UNSIGNED", NULL },
  { "INSERT INTO %s.u VALUES (90, 90, 9, 'y', 200)",
    "%s.u: g=int64 90 m=uint64 90 id=int64 9 k='y' n=uint64 200" },
};

/* @text with each %s replaced by @schema. */
static char *
with_schema (const char *text,
             const char *schema)
{
  g_auto(GStrv) parts = g_strsplit (text, "%s", -1);

  return g_strjoinv (schema, parts);
}

static void
run_steps (const char *schema,
           guint       from,
           guint       to)
{
  for (guint i = from; i < to; i++)
    {
      g_autoptr(GError) error = NULL;

      g_autofree char *sql = with_schema (steps[i].sql, schema);

      g_assert_true (test_server_sql (server, sql, &error));
      g_assert_no_error (error);
    }
}

/* The binary log read holds the CREATE TABLE: every row has the names it
 * had when it was written, whatever the metadata. */
static void
test_follow (gconstpointer data)
{
  const char *metadata = data;
  g_autofree char *schema = g_ascii_strdown (metadata, -1);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_auto(Seen) seen = { 0, };
  g_autoptr(GError) error = NULL;

  g_free (schema);
  schema = g_strdup_printf ("follow_%s", metadata);
  test_server_sqlf (server, NULL, "SET GLOBAL binlog_row_metadata = '%s'", metadata);
  test_server_sqlf (server, NULL, "CREATE DATABASE %s", schema);
  start = test_server_master_position (server);
  run_steps (schema, 0, G_N_ELEMENTS (steps));
  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i].row != NULL)
      g_ptr_array_add (expected, with_schema (steps[i].row, schema));
  g_ptr_array_add (expected, NULL);

  g_assert_true (read_live (start, schema, MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, &seen, &error));
  g_assert_no_error (error);
  assert_rows (seen.rows, (const char * const *) expected->pdata);
  for (guint i = 0; i < seen.changes->len; i++)
    g_test_message ("changed %s", (const char *) g_ptr_array_index (seen.changes, i));
}

/* Whether every column of @row is named @1, @2, ... */
static gboolean
is_positional (const char *row)
{
  g_auto(GStrv) words = g_strsplit (strchr (row, ':') + 2, " ", -1);
  gboolean positional = TRUE;

  for (guint i = 0; words[i] != NULL; i++)
    if (strchr (words[i], '=') != NULL && words[i][0] != '@')
      positional = FALSE;
  return positional;
}

/* The binary log read does not hold the CREATE TABLE: its definition
 * comes from information_schema, which has it as it is after every step.
 * Each row is the one written, or the run fails with the error (ERROR),
 * or the row is positional (POSITIONAL): never a wrong name. */
static void
test_not_covered (gconstpointer data)
{
  const char *metadata = data;
  g_autofree char *schema = g_strdup_printf ("nc_%s", metadata);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_auto(Seen) refused = { 0, };
  g_auto(Seen) seen = { 0, };
  g_autoptr(GError) error = NULL;
  guint n_positional = 0;

  test_server_sqlf (server, NULL, "SET GLOBAL binlog_row_metadata = '%s'", metadata);
  test_server_sqlf (server, NULL, "CREATE DATABASE %s", schema);
  run_steps (schema, 0, 1);
  start = test_server_master_position (server);
  run_steps (schema, 1, G_N_ELEMENTS (steps));
  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i].row != NULL)
      g_ptr_array_add (expected, with_schema (steps[i].row, schema));

  if (!read_live (start, schema, MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, &refused, &error))
    {
      g_test_message ("%s", error->message);
      g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
      g_assert_nonnull (strstr (error->message, "binlog_row_metadata=FULL"));
      g_clear_error (&error);
    }
  g_assert_cmpuint (refused.rows->len, <=, expected->len);
  for (guint i = 0; i < refused.rows->len; i++)
    g_assert_cmpstr (g_ptr_array_index (refused.rows, i), ==, g_ptr_array_index (expected, i));
  if (strcmp (metadata, "FULL") == 0)
    g_assert_cmpuint (refused.rows->len, ==, expected->len);

  g_assert_true (read_live (start, schema, MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL, &seen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.rows->len, ==, expected->len);
  for (guint i = 0; i < seen.rows->len; i++)
    {
      const char *row = g_ptr_array_index (seen.rows, i);

      g_test_message ("row %u: %s", i + 1, row);
      if (is_positional (row))
        n_positional++;
      else
        g_assert_cmpstr (row, ==, g_ptr_array_index (expected, i));
    }
  /* The first row is of a definition information_schema no longer has. */
  if (strcmp (metadata, "FULL") != 0)
    g_assert_cmpuint (n_positional, >, 0);
  else
    g_assert_cmpuint (n_positional, ==, 0);
}

/* A statement the history cannot read (here CONVERT TO CHARACTER SET)
 * makes the table's definition unknown: its rows until the definition is
 * known again fail the run, naming the statement, or are positional. */
static void
test_unread_statement (void)
{
  static const char * const positional[] = {
    "unread.t: a=int64 1 b='x'",
    "unread.t: @1=int64 2 @2=[byte 0x79] @3=int64 3",
    "unread.t: z=int64 4 b='w' c=int64 5",
    NULL,
  };
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_auto(Seen) refused = { 0, };
  g_auto(Seen) seen = { 0, };
  g_autoptr(GError) error = NULL;

  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  test_server_exec (server, "CREATE DATABASE unread");
  start = test_server_master_position (server);
  test_server_exec (server,
                    "CREATE TABLE unread.t (a INT, b VARCHAR(10)) DEFAULT CHARSET utf8mb4;"
                    "INSERT INTO unread.t VALUES (1, 'x');"
                    "ALTER TABLE unread.t ADD COLUMN c INT, CONVERT TO CHARACTER SET latin1;"
                    "INSERT INTO unread.t VALUES (2, 'y', 3);"
                    "PREPARE s FROM 'ALTER TABLE unread.t RENAME COLUMN a TO z';"
                    "EXECUTE s;"
                    "INSERT INTO unread.t VALUES (4, 'w', 5)");

  g_assert_false (read_live (start, "unread", MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, &refused, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "unread.t"));
  g_assert_nonnull (strstr (error->message, "CONVERT TO CHARACTER SET latin1"));
  g_assert_nonnull (strstr (error->message, "binlog_row_metadata=FULL"));
  g_assert_cmpuint (refused.rows->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (refused.rows, 0), ==, positional[0]);
  g_clear_error (&error);

  g_assert_true (read_live (start, "unread", MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL, &seen, &error));
  g_assert_no_error (error);
  assert_rows (seen.rows, positional);
}

/* The consumer stops between the steps and starts again from its file
 * position store, several DDL statements later each time: the history
 * saved beside the position gives every row its names, as if it had read
 * everything at once. */
static void
test_restart (gconstpointer data)
{
  const char *metadata = data;
  static const guint cuts[] = { 2, 6, 11, 16, G_N_ELEMENTS (steps) };
  g_autofree char *schema = g_strdup_printf ("restart_%s", metadata);
  g_autofree char *dir = g_dir_make_tmp ("schema-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "position", NULL);
  g_autofree char *history_path = g_strconcat (path, ".schema-history", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogFilePositionStore) store = mysql_binlog_file_position_store_new (file);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  guint done = 0;

  test_server_sqlf (server, NULL, "SET GLOBAL binlog_row_metadata = '%s'", metadata);
  test_server_sqlf (server, NULL, "CREATE DATABASE %s", schema);
  start = test_server_master_position (server);
  for (guint c = 0; c < G_N_ELEMENTS (cuts); c++)
    {
      g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
      const char *schemas[] = { schema, NULL };
      g_auto(Seen) seen = { 0, };
      g_autoptr(GError) error = NULL;

      run_steps (schema, done, cuts[c]);
      done = cuts[c];
      seen.rows = g_ptr_array_new_with_free_func (g_free);
      seen.changes = g_ptr_array_new_with_free_func (g_free);
      mysql_binlog_stream_set_start_position (stream, start);
      mysql_binlog_stream_set_position_store (stream, MYSQL_BINLOG_POSITION_STORE (store));
      mysql_binlog_stream_set_only_schemas (stream, schemas);
      g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_row), &seen);
      g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_deleted), &seen);
      g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < seen.rows->len; i++)
        g_ptr_array_add (rows, g_strdup (g_ptr_array_index (seen.rows, i)));
      g_assert_true (g_file_test (history_path, G_FILE_TEST_EXISTS));
    }
  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i].row != NULL)
      g_ptr_array_add (expected, with_schema (steps[i].row, schema));
  g_ptr_array_add (expected, NULL);
  g_ptr_array_add (rows, NULL);
  g_ptr_array_set_size (rows, rows->len - 1);
  assert_rows (rows, (const char * const *) expected->pdata);

  /* A history file that is not one: the definitions are read afresh. */
  {
    g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
    g_autoptr(GError) error = NULL;

    g_autoptr(MysqlBinlogPosition) saved = mysql_binlog_position_store_load (MYSQL_BINLOG_POSITION_STORE (store),
                                                                             NULL, NULL);
    g_autofree char *garbage = g_strdup_printf ("# libmysqlbinlog-glib schema history\n"
                                                "%s:4\t(1, [('nodot', nothing, "
                                                "@a(ssmsbbasbmsixxxx) [])], @a{ss} {}, "
                                                "@a{ss} {})\n",
                                                mysql_binlog_position_get_file (saved));

    g_assert_true (g_file_set_contents (history_path, garbage, -1, NULL));
    mysql_binlog_stream_set_position_store (stream, MYSQL_BINLOG_POSITION_STORE (store));
    g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
    g_assert_no_error (error);
  }

  g_unlink (history_path);
  g_unlink (path);
  g_rmdir (dir);
}

static void
keep_position (MysqlBinlogStream    *stream,
               MysqlBinlogPosition  *position,
               MysqlBinlogPosition **kept)
{
  g_clear_pointer (kept, mysql_binlog_position_unref);
  *kept = mysql_binlog_position_ref (position);
}

/* A position a stream delivered carries the definitions in force there:
 * a stream started from it (no store) gives the rows written before a
 * later RENAME COLUMN their old names.  The same point read from its
 * text carries none: the definitions are read afresh, and the row
 * before the change is refused, not given today's name.  The first
 * stream reads the table's CREATE TABLE ("in-log"), or not ("before"):
 * then the definition it read from information_schema for the first
 * row, known to hold there, is the one it follows and hands on. */
static void
test_start_position (gconstpointer data)
{
  gboolean created_before = g_str_equal (data, "before");
  static const char * const expected[] = {
    "startpos.t: id=int64 2 a=int64 20",
    "startpos.u: id=int64 2 c=int64 20",
    "startpos.t: id=int64 3 b=int64 30",
    "startpos.u: id=int64 3 d=int64 30",
    NULL,
  };
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogPosition) kept = NULL;
  g_autoptr(MysqlBinlogPosition) from_text = NULL;
  g_autofree char *text = NULL;
  g_auto(Seen) first = { 0, };
  g_auto(Seen) seen = { 0, };
  g_auto(Seen) refused = { 0, };
  g_autoptr(GError) error = NULL;

  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  if (created_before)
    test_server_exec (server,
                      "CREATE DATABASE startpos;"
                      "CREATE TABLE startpos.t (id INT PRIMARY KEY, a INT);"
                      "CREATE TABLE startpos.u (id INT PRIMARY KEY, c INT)");
  start = test_server_master_position (server);
  if (!created_before)
    test_server_exec (server,
                      "CREATE DATABASE startpos;"
                      "CREATE TABLE startpos.t (id INT PRIMARY KEY, a INT);"
                      "CREATE TABLE startpos.u (id INT PRIMARY KEY, c INT)");
  /* Two transactions, most likely within one second: the definitions
   * of both tables are handed to the last position. */
  test_server_exec (server,
                    "INSERT INTO startpos.t VALUES (1, 10);"
                    "INSERT INTO startpos.u VALUES (1, 10)");
  {
    g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
    const char *schemas[] = { "startpos", NULL };

    first.rows = g_ptr_array_new_with_free_func (g_free);
    first.changes = g_ptr_array_new_with_free_func (g_free);
    mysql_binlog_stream_set_start_position (stream, start);
    mysql_binlog_stream_set_only_schemas (stream, schemas);
    g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_row), &first);
    g_signal_connect (stream, "binlog-position", G_CALLBACK (keep_position), &kept);
    g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (first.rows->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (first.rows, 0), ==, "startpos.t: id=int64 1 a=int64 10");
  g_assert_cmpstr (g_ptr_array_index (first.rows, 1), ==, "startpos.u: id=int64 1 c=int64 10");
  g_assert_nonnull (kept);

  test_server_exec (server,
                    "INSERT INTO startpos.t VALUES (2, 20);"
                    "INSERT INTO startpos.u VALUES (2, 20);"
                    "ALTER TABLE startpos.t RENAME COLUMN a TO b;"
                    "ALTER TABLE startpos.u RENAME COLUMN c TO d;"
                    "INSERT INTO startpos.t VALUES (3, 30);"
                    "INSERT INTO startpos.u VALUES (3, 30)");
  g_assert_true (read_live (kept, "startpos", MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, &seen, &error));
  g_assert_no_error (error);
  assert_rows (seen.rows, expected);

  text = mysql_binlog_position_to_string (kept);
  from_text = mysql_binlog_position_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (mysql_binlog_position_equal (from_text, kept));
  g_assert_false (read_live (from_text, "startpos", MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, &refused,
                             &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "startpos.t"));
  g_assert_cmpuint (refused.rows->len, ==, 0);
  test_server_exec (server, "DROP DATABASE startpos");
}

/* MyISAM and Aria keep CREATE_TIME through RENAME COLUMN: a table of
 * theirs that the part read does not create is not known at an event,
 * whatever information_schema's time says. */
static void
test_untimed_engine (gconstpointer data)
{
  const char *engine = data;
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_auto(Seen) seen = { 0, };
  g_autoptr(GError) error = NULL;

  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  test_server_sqlf (server, NULL, "CREATE DATABASE untimed;"
                    "CREATE TABLE untimed.t (id INT PRIMARY KEY, a INT, b INT) ENGINE=%s", engine);
  /* The row in a later second than the CREATE TABLE. */
  g_usleep (1100 * 1000);
  start = test_server_master_position (server);
  test_server_exec (server, "INSERT INTO untimed.t VALUES (1, 10, 20)");
  g_usleep (1100 * 1000);
  test_server_exec (server, "ALTER TABLE untimed.t RENAME COLUMN a TO x");
  g_assert_false (read_live (start, "untimed", MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, &seen, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, engine));
  g_assert_cmpuint (seen.rows->len, ==, 0);
  test_server_exec (server, "DROP DATABASE untimed");
}

/* A stream that does not watch a table skips its DDL statements: the
 * definition an earlier stream saved for it is not kept for a later one
 * that watches it again. */
static void
test_filter_change (void)
{
  g_autofree char *dir = g_dir_make_tmp ("schema-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "position", NULL);
  g_autofree char *history_path = g_strconcat (path, ".schema-history", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogFilePositionStore) store = mysql_binlog_file_position_store_new (file);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  const char *both[] = { "filterchg.t", "filterchg.u", NULL };
  const char *only_u[] = { "filterchg.u", NULL };
  const char * const *runs[] = { both, only_u, both };
  const char *expected[] = {
    "filterchg.t: id=int64 1 a=int64 10",
    "filterchg.u: id=int64 2",
    "filterchg.t: id=int64 3 x=int64 30",
  };

  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  start = test_server_master_position (server);
  test_server_exec (server, "CREATE DATABASE filterchg;"
                    "CREATE TABLE filterchg.t (id INT PRIMARY KEY, a INT);"
                    "CREATE TABLE filterchg.u (id INT PRIMARY KEY)");
  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
      g_auto(Seen) seen = { 0, };
      g_autoptr(GError) error = NULL;

      if (r == 0)
        test_server_exec (server, "INSERT INTO filterchg.t VALUES (1, 10)");
      else if (r == 1)
        test_server_exec (server, "CREATE OR REPLACE TABLE filterchg.t (id INT PRIMARY KEY, x INT);"
                          "INSERT INTO filterchg.u VALUES (2)");
      else
        test_server_exec (server, "INSERT INTO filterchg.t VALUES (3, 30)");
      seen.rows = g_ptr_array_new_with_free_func (g_free);
      seen.changes = g_ptr_array_new_with_free_func (g_free);
      mysql_binlog_stream_set_start_position (stream, start);
      mysql_binlog_stream_set_position_store (stream, MYSQL_BINLOG_POSITION_STORE (store));
      mysql_binlog_stream_set_only_tables (stream, runs[r]);
      g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_row), &seen);
      g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (seen.rows->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (seen.rows, 0), ==, expected[r]);
    }
  test_server_exec (server, "DROP DATABASE filterchg");
  g_unlink (history_path);
  g_unlink (path);
  g_rmdir (dir);
}

/* A binary log file read with the server as its schema-source: the same
 * names as a live stream, from the file's own CREATE TABLE and DDL. */
static void
test_file (gconstpointer data)
{
  const char *metadata = data;
  g_autofree char *schema = g_strdup_printf ("file_%s", metadata);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogStream) source = test_server_new_stream (server);
  g_autoptr(GError) error = NULL;
  const char *schemas[] = { schema, NULL };
  g_auto(Seen) seen = { 0, };

  test_server_exec (server, "FLUSH BINARY LOGS");
  start = test_server_master_position (server);
  test_server_sqlf (server, NULL, "SET GLOBAL binlog_row_metadata = '%s'", metadata);
  test_server_sqlf (server, NULL, "CREATE DATABASE %s", schema);
  run_steps (schema, 0, G_N_ELEMENTS (steps));
  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  test_server_exec (server, "FLUSH BINARY LOGS");
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i].row != NULL)
      g_ptr_array_add (expected, with_schema (steps[i].row, schema));
  g_ptr_array_add (expected, NULL);

  path = g_build_filename (test_server_get_dir (server), "binlog",
                           mysql_binlog_position_get_file (start), NULL);
  file = g_file_new_for_path (path);
  stream = mysql_binlog_stream_new_for_file (file);
  mysql_binlog_stream_set_only_schemas (stream, schemas);
  mysql_binlog_stream_set_schema_source (stream, G_OBJECT (source));
  g_assert_true (mysql_binlog_stream_get_schema_source (stream) == G_OBJECT (source));
  seen.rows = g_ptr_array_new_with_free_func (g_free);
  seen.changes = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_row), &seen);
  g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_deleted), &seen);
  g_signal_connect (stream, "schema-changed", G_CALLBACK (on_schema_changed), &seen);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  assert_rows (seen.rows, (const char * const *) expected->pdata);
  /* CREATE TABLE, 8 ALTER TABLE, RENAME TABLE (once per name): 11 */
  g_assert_cmpuint (seen.changes->len, ==, 11);
}

/* A file read from a position after a DDL statement, with the server as
 * its schema-source: the table maps before the position are read but
 * not emitted, and one whose definition is not known there (the table
 * had a column fewer than information_schema has now) fails nothing.
 * The row after the position has its names. */
static void
test_file_start (void)
{
  g_autoptr(MysqlBinlogPosition) first = NULL;
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogStream) source = test_server_new_stream (server);
  g_autoptr(GError) error = NULL;
  const char *schemas[] = { "file_start", NULL };
  static const char * const expected[] = { "file_start.t: c=int64 3 a=int64 2 b='y'", NULL };
  g_auto(Seen) seen = { 0, };

  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  test_server_exec (server, "FLUSH BINARY LOGS");
  first = test_server_master_position (server);
  test_server_exec (server,
                    "CREATE DATABASE file_start;"
                    "CREATE TABLE file_start.t (a INT, b VARCHAR(5));"
                    "INSERT INTO file_start.t VALUES (1, 'x');"
                    "ALTER TABLE file_start.t ADD COLUMN c INT FIRST");
  start = test_server_master_position (server);
  test_server_exec (server, "INSERT INTO file_start.t VALUES (3, 2, 'y')");
  test_server_exec (server, "FLUSH BINARY LOGS");

  path = g_build_filename (test_server_get_dir (server), "binlog",
                           mysql_binlog_position_get_file (first), NULL);
  file = g_file_new_for_path (path);
  stream = mysql_binlog_stream_new_for_file (file);
  mysql_binlog_stream_set_only_schemas (stream, schemas);
  mysql_binlog_stream_set_schema_source (stream, G_OBJECT (source));
  mysql_binlog_stream_set_start_position (stream, start);
  seen.rows = g_ptr_array_new_with_free_func (g_free);
  seen.changes = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_row), &seen);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  assert_rows (seen.rows, expected);
}

/* An ENUM member that the column's character set cannot hold: the server
 * keeps '??' for '中文'.  The CREATE TABLE read does not give the member
 * as the server has it: the row is refused or positional, never '中文'. */
static void
test_members_charset (void)
{
  static const char * const positional[] = { "members.t: @1=int64 1 @2=uint64 2", NULL };
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_auto(Seen) refused = { 0, };
  g_auto(Seen) seen = { 0, };
  g_autoptr(GError) error = NULL;

  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  start = test_server_master_position (server);
  test_server_exec (server,
                    "CREATE DATABASE members;"
                    "CREATE TABLE members.t (id INT, e ENUM('a', '中文')) DEFAULT CHARSET latin1;"
                    "INSERT INTO members.t VALUES (1, 2)");

  g_assert_false (read_live (start, "members", MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, &refused, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "members.t"));
  g_assert_cmpuint (refused.rows->len, ==, 0);
  g_clear_error (&error);

  g_assert_true (read_live (start, "members", MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL, &seen, &error));
  g_assert_no_error (error);
  assert_rows (seen.rows, positional);
}

/* Reads the binary log file @name of the server with @mode and @source
 * (NULL: none), the rows of @schema only. */
static gboolean
read_path (const char                *path,
           const char                *schema,
           MysqlBinlogSchemaUnknown   mode,
           GObject                   *source,
           Seen                      *seen,
           GError                   **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new_for_file (file);
  const char *schemas[] = { schema, NULL };

  seen->rows = g_ptr_array_new_with_free_func (g_free);
  seen->changes = g_ptr_array_new_with_free_func (g_free);
  mysql_binlog_stream_set_only_schemas (stream, schemas);
  mysql_binlog_stream_set_schema_unknown (stream, mode);
  if (source != NULL)
    mysql_binlog_stream_set_schema_source (stream, source);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_row), seen);
  g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_deleted), seen);
  g_signal_connect (stream, "schema-changed", G_CALLBACK (on_schema_changed), seen);
  return mysql_binlog_stream_run (stream, NULL, error);
}

static gboolean
read_file (const char                *name,
           const char                *schema,
           MysqlBinlogSchemaUnknown   mode,
           GObject                   *source,
           Seen                      *seen,
           GError                   **error)
{
  g_autofree char *path = g_build_filename (test_server_get_dir (server), "binlog", name, NULL);

  return read_path (path, schema, mode, source, seen, error);
}

static void
stop_on_row (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             gpointer           user_data)
{
  mysql_binlog_stream_stop (stream);
}

/* A file read with no schema-source, under binlog_row_metadata=NO_LOG: the
 * file that holds the CREATE DATABASE and CREATE TABLE gives the exact
 * names, types, members and character sets (the database's is the
 * collation_server its query event logs); the next file, which does not, fails by default with an error
 * that names the table, the file and the fixes, gives positional rows
 * under POSITIONAL, and the exact ones with the .schema-history saved
 * beside a position store as its schema-source. */
static void
test_file_alone (void)
{
  static const char * const exact_first[] = {
    "alone.t: id=uint64 4294967295 name='één' e='y' s=['a', 'c']",
    NULL,
  };
  static const char * const exact_second[] = {
    "alone.t: id=uint64 1 name='b' e='x' s=@as []",
    NULL,
  };
  static const char * const positional[] = {
    "alone.t: @1=int64 1 @2=[byte 0x62] @3=uint64 1 @4=uint64 0",
    NULL,
  };
  g_autoptr(MysqlBinlogPosition) first = NULL;
  g_autoptr(MysqlBinlogPosition) second = NULL;
  g_autofree char *dir = g_dir_make_tmp ("schema-alone-XXXXXX", NULL);
  g_autofree char *store_path = g_build_filename (dir, "position", NULL);
  g_autofree char *history_path = g_strconcat (store_path, ".schema-history", NULL);
  g_autofree char *second_path = NULL;
  g_autoptr(GFile) history = g_file_new_for_path (history_path);
  g_autoptr(GError) error = NULL;

  test_server_exec (server, "FLUSH BINARY LOGS");
  first = test_server_master_position (server);
  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  test_server_exec (server,
                    "CREATE DATABASE alone;"
                    "CREATE TABLE alone.t (id INT UNSIGNED PRIMARY KEY, name VARCHAR(10), "
                    "e ENUM('x', 'y'), s SET('a', 'b', 'c'));"
                    "INSERT INTO alone.t VALUES (4294967295, 'één', 'y', 'a,c')");
  test_server_exec (server, "FLUSH BINARY LOGS");
  second = test_server_master_position (server);
  test_server_exec (server, "INSERT INTO alone.t VALUES (1, 'b', 'x', '')");
  test_server_exec (server, "FLUSH BINARY LOGS");
  second_path = g_build_filename (test_server_get_dir (server), "binlog",
                                  mysql_binlog_position_get_file (second), NULL);

  /* The file creates the table: exact, no source needed. */
  {
    g_auto(Seen) seen = { 0, };

    g_assert_true (read_file (mysql_binlog_position_get_file (first), "alone",
                              MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, NULL, &seen, &error));
    g_assert_no_error (error);
    assert_rows (seen.rows, exact_first);
    g_assert_cmpuint (seen.changes->len, ==, 1);
  }

  /* The next file does not. */
  {
    g_auto(Seen) seen = { 0, };

    g_assert_false (read_file (mysql_binlog_position_get_file (second), "alone",
                               MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, NULL, &seen, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "The definition of alone.t is not known"));
    g_assert_nonnull (strstr (error->message, second_path));
    g_assert_nonnull (strstr (error->message, "no schema-source"));
    g_assert_nonnull (strstr (error->message, "schema-source to the server"));
    g_assert_nonnull (strstr (error->message, ".schema-history"));
    g_assert_nonnull (strstr (error->message, "binlog_row_metadata=FULL"));
    g_assert_nonnull (strstr (error->message, "schema-unknown to positional"));
    g_assert_cmpuint (seen.rows->len, ==, 0);
    g_clear_error (&error);
  }
  {
    g_auto(Seen) seen = { 0, };

    g_assert_true (read_file (mysql_binlog_position_get_file (second), "alone",
                              MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL, NULL, &seen, &error));
    g_assert_no_error (error);
    assert_rows (seen.rows, positional);
  }

  /* A live stream with a file position store, stopped after the row of
   * the first file: the history it saved knows the table there. */
  {
    g_autoptr(GFile) store_file = g_file_new_for_path (store_path);
    g_autoptr(MysqlBinlogFilePositionStore) store = mysql_binlog_file_position_store_new (store_file);
    g_autoptr(MysqlBinlogStream) live = test_server_new_stream (server);
    const char *schemas[] = { "alone", NULL };

    mysql_binlog_stream_set_start_position (live, first);
    mysql_binlog_stream_set_position_store (live, MYSQL_BINLOG_POSITION_STORE (store));
    mysql_binlog_stream_set_only_schemas (live, schemas);
    g_signal_connect (live, "rows-inserted", G_CALLBACK (stop_on_row), NULL);
    g_assert_true (mysql_binlog_stream_run (live, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (history_path, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(Seen) seen = { 0, };

    g_assert_true (read_file (mysql_binlog_position_get_file (second), "alone",
                              MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, G_OBJECT (history), &seen,
                              &error));
    g_assert_no_error (error);
    assert_rows (seen.rows, exact_second);
  }
  /* A schema-source that holds nothing: the error says so. */
  {
    g_auto(Seen) seen = { 0, };
    g_autofree char *missing_path = g_build_filename (dir, "missing.schema-history", NULL);
    g_autoptr(GFile) missing = g_file_new_for_path (missing_path);

    g_assert_false (read_file (mysql_binlog_position_get_file (second), "alone",
                               MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, G_OBJECT (missing), &seen,
                               &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
    g_assert_nonnull (strstr (error->message, missing_path));
    g_assert_nonnull (strstr (error->message, "no schema history was saved"));
    g_clear_error (&error);
  }

  g_unlink (history_path);
  g_unlink (store_path);
  g_rmdir (dir);
}

/* Whether @size bytes at @data hold @text. */
static gboolean
holds (const guint8 *data,
       gsize         size,
       const char   *text)
{
  gsize length = strlen (text);

  for (gsize i = 0; i + length <= size; i++)
    if (memcmp (data + i, text, length) == 0)
      return TRUE;
  return FALSE;
}

/* Reads the binary log file @path with schema-unknown ERROR: it must
 * give exactly the rows @expected. */
static void
assert_read_exact (const char         *path,
                   const char         *schema,
                   const char * const *expected)
{
  g_auto(Seen) seen = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_true (read_path (path, schema, MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, NULL, &seen, &error));
  g_assert_no_error (error);
  assert_rows (seen.rows, expected);
}

/* The bytes of the file @path, and a copy in @dir of the same name to
 * change them in. */
static guint8 *
load_for_crafting (const char  *path,
                   const char  *dir,
                   gsize       *length,
                   char       **crafted_path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  guint8 *data = NULL;

  g_assert_true (g_file_get_contents (path, (char **) &data, length, &error));
  g_assert_no_error (error);
  *crafted_path = g_build_filename (dir, name, NULL);
  return data;
}

/* The one query event of the binary log file @data that holds @text:
 * its offset, and its size in @size.  Fails the test unless there is
 * exactly one. */
static gsize
find_query (const guint8 *data,
            gsize         length,
            const char   *text,
            guint32      *size)
{
  gsize found = 0;
  guint n_found = 0;

  for (gsize offset = 4; offset + 19 <= length;)
    {
      guint32 event_size = data[offset + 9] | data[offset + 10] << 8 |
                           data[offset + 11] << 16 | (guint32) data[offset + 12] << 24;

      g_assert_cmpuint (event_size, >=, 19);
      g_assert_cmpuint (offset + event_size, <=, length);
      if (data[offset + 4] == MYSQL_BINLOG_EVENT_QUERY && holds (data + offset, event_size, text))
        {
          found = offset;
          *size = event_size;
          n_found++;
        }
      offset += event_size;
    }
  g_assert_cmpuint (n_found, ==, 1);
  return found;
}

/* A DDL statement logged with an error code failed part way: the file
 * holds no certain definition after it.  MariaDB logs none for DDL in the
 * cases tried (a DROP TABLE of a missing table, a statement killed by
 * max_statement_time), so the ALTER's error code is set in a copy of a
 * real file written without checksums. */
static void
test_file_error_code (void)
{
  static const char * const exact[] = { "failed.t: a=int64 1", NULL };
  static const char * const positional[] = { "failed.t: @1=int64 1", NULL };
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autofree char *dir = g_dir_make_tmp ("schema-failed-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *crafted_path = NULL;
  g_autofree guint8 *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  gsize offset;
  guint32 size;

  test_server_exec (server, "SET GLOBAL binlog_checksum = 'NONE'");
  test_server_exec (server, "FLUSH BINARY LOGS");
  start = test_server_master_position (server);
  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  test_server_exec (server,
                    "CREATE DATABASE failed CHARACTER SET utf8mb4;"
                    "CREATE TABLE failed.t (a INT, b INT);"
                    "ALTER TABLE failed.t DROP COLUMN b;"
                    "INSERT INTO failed.t VALUES (1)");
  test_server_exec (server, "FLUSH BINARY LOGS");
  test_server_exec (server, "SET GLOBAL binlog_checksum = 'CRC32'");
  path = g_build_filename (test_server_get_dir (server), "binlog",
                           mysql_binlog_position_get_file (start), NULL);

  assert_read_exact (path, "failed", exact);

  /* The ALTER's query event: thread id (4), execution time (4), schema
   * length (1), then the error code (2) after the 19-byte header. */
  data = load_for_crafting (path, dir, &length, &crafted_path);
  offset = find_query (data, length, "ALTER TABLE", &size);
  g_assert_cmpuint (data[offset + 19 + 9] | data[offset + 19 + 10] << 8, ==, 0);
  data[offset + 19 + 9] = 1317 & 0xff;   /* ER_QUERY_INTERRUPTED */
  data[offset + 19 + 10] = 1317 >> 8;
  g_assert_true (g_file_set_contents (crafted_path, (const char *) data, length, &error));
  g_assert_no_error (error);

  {
    g_auto(Seen) seen = { 0, };

    g_assert_false (read_path (crafted_path, "failed", MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, NULL,
                               &seen, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "The definition of failed.t"));
    g_assert_nonnull (strstr (error->message, "ALTER TABLE failed.t DROP COLUMN b"));
    g_assert_cmpuint (seen.rows->len, ==, 0);
    /* The table is named as changed: its mirror must not trust it. */
    g_assert_cmpuint (seen.changes->len, ==, 2);
    g_clear_error (&error);
  }
  {
    g_auto(Seen) seen = { 0, };

    g_assert_true (read_path (crafted_path, "failed", MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL, NULL,
                              &seen, &error));
    g_assert_no_error (error);
    assert_rows (seen.rows, positional);
  }

  g_unlink (crafted_path);
  g_rmdir (dir);
}

/* A statement is in the character set of the client that sent it: a
 * latin1 client's column name is read as the server read it, and a
 * statement whose bytes are no text of its set makes the tables unknown
 * (a name read from it could be wrong), never a name the server did not
 * use. */
static void
test_file_client_charset (void)
{
  static const char * const exact[] = {
    "clientcs.t: a=int64 1 b=int64 2",
    "clientcs.t: a=int64 3 \xc3\xa9t\xc3\xa9=int64 4",
    "clientcs.t: a=int64 5 \xc3\xa9t\xc3\xa9=int64 6 \xc3\xbc=int64 7",
    NULL
  };
  static const char * const positional[] = {
    "clientcs.t: a=int64 1 b=int64 2",
    "clientcs.t: a=int64 3 \xc3\xa9t\xc3\xa9=int64 4",
    "clientcs.t: @1=int64 5 @2=int64 6 @3=int64 7",
    NULL
  };
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autofree char *dir = g_dir_make_tmp ("schema-client-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *crafted_path = NULL;
  g_autofree guint8 *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  gsize offset;
  guint32 size;

  test_server_exec (server, "SET GLOBAL binlog_checksum = 'NONE'");
  test_server_exec (server, "FLUSH BINARY LOGS");
  start = test_server_master_position (server);
  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  test_server_exec (server,
                    "CREATE DATABASE clientcs CHARACTER SET utf8mb4;"
                    "CREATE TABLE clientcs.t (a INT, b INT);"
                    "INSERT INTO clientcs.t VALUES (1, 2)");
  /* "été" in latin1, then "ü" in UTF-8. */
  test_server_exec (server, "SET NAMES latin1");
  test_server_exec (server, "ALTER TABLE clientcs.t RENAME COLUMN b TO \xe9t\xe9");
  test_server_exec (server, "SET NAMES utf8mb4");
  test_server_exec (server, "INSERT INTO clientcs.t VALUES (3, 4)");
  test_server_exec (server, "ALTER TABLE clientcs.t ADD COLUMN \xc3\xbc INT");
  test_server_exec (server, "INSERT INTO clientcs.t VALUES (5, 6, 7)");
  test_server_exec (server, "FLUSH BINARY LOGS");
  test_server_exec (server, "SET GLOBAL binlog_checksum = 'CRC32'");
  path = g_build_filename (test_server_get_dir (server), "binlog",
                           mysql_binlog_position_get_file (start), NULL);

  assert_read_exact (path, "clientcs", exact);

  /* The UTF-8 ALTER with its "ü" cut to a byte that starts no character
   * of utf8mb4 (and the same length): the server could not have read it. */
  data = load_for_crafting (path, dir, &length, &crafted_path);
  offset = find_query (data, length, "ADD COLUMN \xc3\xbc", &size);
  for (gsize k = offset; k + 1 < offset + size; k++)
    if (data[k] == 0xc3 && data[k + 1] == 0xbc)
      data[k + 1] = 'u';
  g_assert_true (g_file_set_contents (crafted_path, (const char *) data, length, &error));
  g_assert_no_error (error);

  {
    g_auto(Seen) seen = { 0, };

    g_assert_false (read_path (crafted_path, "clientcs", MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, NULL,
                               &seen, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "The definition of clientcs.t"));
    /* The statement as it was read, U+FFFD for the byte that was no
     * character. */
    g_assert_nonnull (strstr (error->message, "ADD COLUMN \xef\xbf\xbdu INT"));
    g_assert_cmpuint (seen.rows->len, ==, 2);
    g_clear_error (&error);
  }
  {
    g_auto(Seen) seen = { 0, };

    g_assert_true (read_path (crafted_path, "clientcs", MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL,
                              NULL, &seen, &error));
    g_assert_no_error (error);
    assert_rows (seen.rows, positional);
  }

  test_server_exec (server, "DROP DATABASE clientcs");
  g_unlink (crafted_path);
  g_rmdir (dir);
}

/* The consumer of test_killed, in a process of its own: every row as a
 * line of OUTPUT, written straight to the kernel so that SIGKILL loses
 * none; "ERROR: ..." when the run fails. */
static void
on_consumed (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             const char        *prefix)
{
  g_autofree char *text = describe_row (row);
  g_autofree char *line = g_strdup_printf ("%s%s.%s: %s\n", prefix,
                                           mysql_binlog_row_get_schema (row),
                                           mysql_binlog_row_get_table (row), text);

  if (write (consumer_fd, line, strlen (line)) != (gssize) strlen (line))
    g_error ("write: %s", g_strerror (errno));
}

static int
consume (const char *socket,
         const char *position_path,
         const char *output,
         const char *start,
         const char *schema)
{
  g_autoptr(GFile) file = g_file_new_for_path (position_path);
  g_autoptr(MysqlBinlogFilePositionStore) store = mysql_binlog_file_position_store_new (file);
  g_autoptr(MysqlBinlogPosition) start_position = mysql_binlog_position_from_string (start, NULL);
  const char *schemas[] = { schema, NULL };
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  consumer_fd = open (output, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM, "socket", socket, "user", "root",
                         "password", "", "server-id", 7000 + (getpid () % 1000),
                         "blocking", TRUE, "heartbeat-period", 200,
                         "start-position", start_position,
                         "position-store", store, NULL);
  mysql_binlog_stream_set_only_schemas (stream, schemas);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_consumed), "");
  g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_consumed), "deleted ");
  if (!mysql_binlog_stream_run (stream, NULL, &error))
    {
      g_autofree char *line = g_strdup_printf ("ERROR: %s\n", error->message);

      if (write (consumer_fd, line, strlen (line)) < 0)
        return 1;
      return 1;
    }
  return 0;
}

static GPid
spawn_consumer (const char *position_path,
                const char *output,
                const char *start,
                const char *schema)
{
  const char *argv[] = { program, "--consumer", test_server_get_socket (server), position_path,
                         output, start, schema, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

/* The lines of @output once it holds @n distinct ones (or an error). */
static GPtrArray *
wait_for_lines (const char *output,
                guint       n)
{
  for (guint attempt = 0; attempt < 300; attempt++)
    {
      g_autofree char *contents = NULL;
      g_auto(GStrv) lines = NULL;
      GPtrArray *distinct = g_ptr_array_new_with_free_func (g_free);

      g_file_get_contents (output, &contents, NULL, NULL);
      lines = g_strsplit (contents != NULL ? contents : "", "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          gboolean seen = FALSE;

          if (*lines[i] == '\0')
            continue;
          /* A restart may deliver the transaction in flight again. */
          for (guint k = 0; k < distinct->len && !seen; k++)
            seen = strcmp (g_ptr_array_index (distinct, k), lines[i]) == 0;
          if (!seen)
            g_ptr_array_add (distinct, g_strdup (lines[i]));
          g_assert_false (g_str_has_prefix (lines[i], "ERROR"));
        }
      if (distinct->len >= n)
        return distinct;
      g_ptr_array_unref (distinct);
      g_usleep (50000);
    }
  g_assert_not_reached ();
}

/* The consumer is killed (SIGKILL) once it delivered a row, and started
 * again from its store after the next row and the DDL statement after
 * it: the history saved beside the position gives every row its names. */
static void
test_killed (void)
{
  g_autofree char *schema = g_strdup ("killed");
  g_autofree char *dir = g_dir_make_tmp ("schema-killed-XXXXXX", NULL);
  g_autofree char *position_path = g_build_filename (dir, "position", NULL);
  g_autofree char *history_path = g_strconcat (position_path, ".schema-history", NULL);
  g_autofree char *output = g_build_filename (dir, "rows", NULL);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autofree char *start_text = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lines = NULL;
  guint n_rows = 0;
  guint rows_while_down = 0;
  GPid pid;

  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  test_server_sqlf (server, NULL, "CREATE DATABASE %s", schema);
  start = test_server_master_position (server);
  start_text = mysql_binlog_position_to_string (start);
  pid = spawn_consumer (position_path, output, start_text, schema);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      run_steps (schema, i, i + 1);
      if (steps[i].row != NULL)
        {
          g_ptr_array_add (expected, with_schema (steps[i].row, schema));
          n_rows++;
          if (pid == 0)
            {
              rows_while_down++;
              continue;
            }
          /* Killed once it delivered the row. */
          g_clear_pointer (&lines, g_ptr_array_unref);
          lines = wait_for_lines (output, n_rows);
          kill (pid, SIGKILL);
          waitpid (pid, NULL, 0);
          g_spawn_close_pid (pid);
          pid = 0;
          rows_while_down = 0;
        }
      else if (pid == 0 && rows_while_down > 0)
        {
          /* Started again behind a row and the DDL after it: neither
           * the server nor a scan of the binary log tells the row's
           * definition, only the history saved with the position. */
          pid = spawn_consumer (position_path, output, start_text, schema);
        }
    }
  if (pid == 0)
    pid = spawn_consumer (position_path, output, start_text, schema);
  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = wait_for_lines (output, n_rows);
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
  g_spawn_close_pid (pid);
  g_assert_true (g_file_test (history_path, G_FILE_TEST_EXISTS));
  g_ptr_array_add (expected, NULL);
  assert_rows (lines, (const char * const *) expected->pdata);

  g_unlink (history_path);
  g_unlink (position_path);
  g_unlink (output);
  g_rmdir (dir);
}

/* The default character set of a database that a later ALTER DATABASE
 * changed: information_schema has the new one, of the same width, which
 * the table map cannot tell from the old one.  The text is not read in
 * the wrong one: the run fails, or the column comes as bytes. */
static void
test_database_charset (void)
{
  static const char * const positional[] = {
    "dbcs.t: @1=int64 1 @2=[byte 0x61, 0x62, 0x63]",
    NULL,
  };
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_auto(Seen) refused = { 0, };
  g_auto(Seen) seen = { 0, };
  g_autoptr(GError) error = NULL;

  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  test_server_exec (server, "CREATE DATABASE dbcs CHARACTER SET utf8mb4");
  start = test_server_master_position (server);
  test_server_exec (server,
                    "CREATE TABLE dbcs.t (id INT, v VARCHAR(5));"
                    "INSERT INTO dbcs.t VALUES (1, 'abc');"
                    "ALTER DATABASE dbcs CHARACTER SET utf16");

  g_assert_false (read_live (start, "dbcs", MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, &refused, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "character set"));
  g_assert_cmpuint (refused.rows->len, ==, 0);
  g_clear_error (&error);

  g_assert_true (read_live (start, "dbcs", MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL, &seen, &error));
  g_assert_no_error (error);
  assert_rows (seen.rows, positional);
}

/* An index added within the second of the rows, after a start that does
 * not hold the CREATE TABLE: information_schema's definition was written
 * after the rows, but the only statement that wrote it changes no column,
 * so the rows have their names.  A column added the same way is still
 * refused (test_guard, test_not_covered). */
static void
test_index_only (void)
{
  static const char * const expected[] = {
    "idx.t: id=int64 1 v='a'",
    "idx.t: id=int64 2 v='b'",
    NULL,
  };
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_auto(Seen) seen = { 0, };
  g_autoptr(GError) error = NULL;

  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  test_server_exec (server, "CREATE DATABASE idx;"
                            "CREATE TABLE idx.t (id INT PRIMARY KEY, v VARCHAR(5))");
  start = test_server_master_position (server);
  test_server_exec (server,
                    "INSERT INTO idx.t VALUES (1, 'a'), (2, 'b');"
                    "ALTER TABLE idx.t ADD INDEX iv (v), COMMENT 'indexed';"
                    "CREATE INDEX iv2 ON idx.t (v, id)");

  g_assert_true (read_live (start, "idx", MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, &seen, &error));
  g_assert_no_error (error);
  assert_rows (seen.rows, expected);
}

static void
on_updated (MysqlBinlogStream *stream,
            MysqlBinlogRow    *before,
            MysqlBinlogRow    *after,
            Seen              *seen)
{
  g_autofree char *old = describe_row (before);
  g_autofree char *new = describe_row (after);

  g_ptr_array_add (seen->rows, g_strdup_printf ("updated %s.%s: %s -> %s",
                                                mysql_binlog_row_get_schema (after),
                                                mysql_binlog_row_get_table (after), old, new));
}

/* @column of the first row of @schema.t FOR SYSTEM_TIME ALL that matches
 * @where, in UTC. */
static char *
versioned_time (const char *schema,
                const char *column,
                const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT CONVERT_TZ(%s, @@session.time_zone, "
                                          "'+00:00') FROM %s.t FOR SYSTEM_TIME ALL "
                                          "WHERE %s ORDER BY 1 LIMIT 1",
                                          column, schema, where);
  char *value = test_server_query_value (server, sql, &error);

  g_assert_no_error (error);
  g_assert_nonnull (value);
  return value;
}

/* MariaDB's system-versioned tables: one WITH SYSTEM VERSIONING alone
 * has the implicit period columns row_start and row_end, TIMESTAMP(6),
 * after its other columns, in every row image though information_schema
 * does not list them.  Rows come with them under their names, read from
 * before the CREATE TABLE (which is re-read from the server) and from
 * after it, and after a column added while the table is versioned (which
 * goes before them).  An UPDATE writes the new row and the old one as
 * history; a DELETE closes the row's period. */
static void
test_versioned (gconstpointer data)
{
  const char *metadata = data;
  g_autofree char *schema = g_strdup_printf ("versioned_%s", metadata);
  g_autoptr(MysqlBinlogPosition) before_create = NULL;
  g_autoptr(MysqlBinlogPosition) after_create = NULL;
  g_autofree char *t1 = NULL, *t2 = NULL, *t3 = NULL, *t4 = NULL, *max = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);

  test_server_sqlf (server, NULL, "SET GLOBAL binlog_row_metadata = '%s'", metadata);
  test_server_sqlf (server, NULL, "CREATE DATABASE %s", schema);
  before_create = test_server_master_position (server);
  test_server_sqlf (server, NULL, "CREATE TABLE %s.t (id INT PRIMARY KEY, x INT) "
                    "WITH SYSTEM VERSIONING", schema);
  after_create = test_server_master_position (server);
  test_server_sqlf (server, NULL, "INSERT INTO %s.t VALUES (1, 10)", schema);
  test_server_sqlf (server, NULL, "UPDATE %s.t SET x = 11 WHERE id = 1", schema);
  test_server_sqlf (server, NULL, "DELETE FROM %s.t WHERE id = 1", schema);
  test_server_sqlf (server, NULL, "INSERT INTO %s.t VALUES (2, 20)", schema);

#define AT(column, where) versioned_time (schema, column, where)
  t1 = AT ("row_start", "id = 1 AND x = 10");
  t2 = AT ("row_start", "id = 1 AND x = 11");
  t3 = AT ("row_end", "id = 1 AND x = 11");
  t4 = AT ("row_start", "id = 2 AND x = 20");
  max = AT ("row_end", "id = 2 AND x = 20");
#undef AT
  g_assert_cmpstr (t1, <, t2);
  g_assert_cmpstr (t2, <=, t3);
  g_assert_cmpstr (t3, <, max);

  g_ptr_array_add (expected, g_strdup_printf ("%s.t: id=int64 1 x=int64 10 row_start='%s' "
                                              "row_end='%s'", schema, t1, max));
  g_ptr_array_add (expected, g_strdup_printf ("updated %s.t: id=int64 1 x=int64 10 "
                                              "row_start='%s' row_end='%s' -> id=int64 1 "
                                              "x=int64 11 row_start='%s' row_end='%s'",
                                              schema, t1, max, t2, max));
  g_ptr_array_add (expected, g_strdup_printf ("%s.t: id=int64 1 x=int64 10 row_start='%s' "
                                              "row_end='%s'", schema, t1, t2));
  g_ptr_array_add (expected, g_strdup_printf ("updated %s.t: id=int64 1 x=int64 11 "
                                              "row_start='%s' row_end='%s' -> id=int64 1 "
                                              "x=int64 11 row_start='%s' row_end='%s'",
                                              schema, t2, max, t2, t3));
  g_ptr_array_add (expected, g_strdup_printf ("%s.t: id=int64 2 x=int64 20 row_start='%s' "
                                              "row_end='%s'", schema, t4, max));
  g_ptr_array_add (expected, NULL);

  for (guint k = 0; k < 4; k++)
    {
      g_autoptr(MysqlBinlogStream) stream = NULL;
      g_autoptr(MysqlBinlogStream) source = NULL;
      const char *schemas[] = { schema, NULL };
      g_auto(Seen) seen = { 0, };
      g_autoptr(GError) error = NULL;

      /* A column added while the table is versioned goes before the
       * implicit ones: the rows after it have it there, or (NO_LOG, the
       * definition before the change not known) the run fails. */
      if (k == 3)
        {
          g_autofree char *t5 = NULL;

          test_server_sqlf (server, NULL, "SET SESSION system_versioning_alter_history = KEEP; "
                            "ALTER TABLE %s.t ADD COLUMN y INT", schema);
          test_server_sqlf (server, NULL, "INSERT INTO %s.t VALUES (3, 30, 300)", schema);
          t5 = versioned_time (schema, "row_start", "id = 3");
          g_ptr_array_remove_index (expected, expected->len - 1);
          g_ptr_array_add (expected, g_strdup_printf ("%s.t: id=int64 3 x=int64 30 y=int64 300 "
                                                      "row_start='%s' row_end='%s'",
                                                      schema, t5, max));
          g_ptr_array_add (expected, NULL);
        }
      seen.rows = g_ptr_array_new_with_free_func (g_free);
      seen.changes = g_ptr_array_new_with_free_func (g_free);
      if (k == 2)
        {
          /* the file, the server its schema-source */
          g_autofree char *path = NULL;
          g_autoptr(GFile) file = NULL;

          g_test_message ("the file, with the server as its schema-source");
          test_server_exec (server, "FLUSH BINARY LOGS");
          path = g_build_filename (test_server_get_dir (server), "binlog",
                                   mysql_binlog_position_get_file (before_create), NULL);
          file = g_file_new_for_path (path);
          stream = mysql_binlog_stream_new_for_file (file);
          source = test_server_new_stream (server);
          mysql_binlog_stream_set_schema_source (stream, G_OBJECT (source));
        }
      else
        {
          g_test_message ("from %s the CREATE TABLE", k == 0 ? "before" : "after");
          stream = test_server_new_stream (server);
          mysql_binlog_stream_set_start_position (stream, k == 0 ? before_create : after_create);
        }
      mysql_binlog_stream_set_only_schemas (stream, schemas);
      mysql_binlog_stream_set_schema_unknown (stream, MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR);
      g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_row), &seen);
      g_signal_connect (stream, "rows-updated", G_CALLBACK (on_updated), &seen);
      g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_deleted), &seen);
      if (!mysql_binlog_stream_run (stream, NULL, &error) && k == 3 &&
          strcmp (metadata, "NO_LOG") == 0)
        {
          g_test_message ("%s", error->message);
          g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
          continue;
        }
      g_assert_no_error (error);
      assert_rows (seen.rows, (const char * const *) expected->pdata);
    }
  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
}

/* Period columns named in CREATE TABLE are in information_schema, at
 * their place: nothing is added to them. */
static void
test_versioned_explicit (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autofree char *row_start = NULL, *row_end = NULL, *row = NULL;
  g_auto(Seen) seen = { 0, };
  g_autoptr(GError) error = NULL;
  const char *expected[] = { NULL, NULL };

  test_server_exec (server, "SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  test_server_exec (server,
                    "CREATE DATABASE versioned_explicit;"
                    "CREATE TABLE versioned_explicit.t (id INT PRIMARY KEY,"
                    " rs TIMESTAMP(6) GENERATED ALWAYS AS ROW START,"
                    " re TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE, y INT,"
                    " PERIOD FOR SYSTEM_TIME (rs, re)) WITH SYSTEM VERSIONING");
  start = test_server_master_position (server);
  test_server_exec (server, "INSERT INTO versioned_explicit.t (id, y) VALUES (5, 50)");
  row_start = versioned_time ("versioned_explicit", "rs", "id = 5");
  row_end = versioned_time ("versioned_explicit", "re", "id = 5");
  row = g_strdup_printf ("versioned_explicit.t: id=int64 5 rs='%s' re='%s' y=int64 50",
                         row_start, row_end);
  expected[0] = row;

  g_assert_true (read_live (start, "versioned_explicit", MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR,
                            &seen, &error));
  g_assert_no_error (error);
  assert_rows (seen.rows, expected);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (argc == 7 && strcmp (argv[1], "--consumer") == 0)
    return consume (argv[2], argv[3], argv[4], argv[5], argv[6]);
  program = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/schema-history/guard", test_guard);
  g_test_add_data_func ("/schema-history/versioned/no-log", "NO_LOG", test_versioned);
  g_test_add_data_func ("/schema-history/versioned/full", "FULL", test_versioned);
  g_test_add_func ("/schema-history/versioned/explicit", test_versioned_explicit);
  g_test_add_data_func ("/schema-history/follow/no-log", "NO_LOG", test_follow);
  g_test_add_data_func ("/schema-history/follow/minimal", "MINIMAL", test_follow);
  g_test_add_data_func ("/schema-history/follow/full", "FULL", test_follow);
  g_test_add_data_func ("/schema-history/not-covered/no-log", "NO_LOG", test_not_covered);
  g_test_add_data_func ("/schema-history/not-covered/minimal", "MINIMAL", test_not_covered);
  g_test_add_data_func ("/schema-history/not-covered/full", "FULL", test_not_covered);
  g_test_add_func ("/schema-history/unread-statement", test_unread_statement);
  g_test_add_data_func ("/schema-history/restart/no-log", "NO_LOG", test_restart);
  g_test_add_func ("/schema-history/killed", test_killed);
  g_test_add_data_func ("/schema-history/start-position/in-log", "in-log", test_start_position);
  g_test_add_data_func ("/schema-history/start-position/before", "before", test_start_position);
  g_test_add_data_func ("/schema-history/untimed-engine/myisam", "MyISAM", test_untimed_engine);
  g_test_add_data_func ("/schema-history/untimed-engine/aria", "Aria", test_untimed_engine);
  g_test_add_func ("/schema-history/filter-change", test_filter_change);
  g_test_add_func ("/schema-history/database-charset", test_database_charset);
  g_test_add_func ("/schema-history/index-only", test_index_only);
  g_test_add_data_func ("/schema-history/file/no-log", "NO_LOG", test_file);
  g_test_add_data_func ("/schema-history/file/full", "FULL", test_file);
  g_test_add_func ("/schema-history/file-start", test_file_start);
  g_test_add_func ("/schema-history/members-charset", test_members_charset);
  g_test_add_func ("/schema-history/file/alone", test_file_alone);
  g_test_add_func ("/schema-history/file/error-code", test_file_error_code);
  g_test_add_func ("/schema-history/file/client-charset", test_file_client_charset);
  g_test_add_data_func ("/schema-history/restart/minimal", "MINIMAL", test_restart);

  server = test_server_start (NULL);
  ret = g_test_run ();
  test_server_stop (server);
  return ret;
}
