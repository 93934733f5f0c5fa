/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "test-stream-common.h"

/*
 * The schema and table filters of a stream.
 */

/* {{{ Filters */

static void
setup_filter_tables (void)
{
  exec ("SET GLOBAL binlog_row_metadata = 'FULL'");
  exec ("CREATE DATABASE IF NOT EXISTS filt");
  exec ("CREATE DATABASE IF NOT EXISTS other");
  exec ("DROP TABLE IF EXISTS filt.keep, filt.drop1, filt.drop2, other.keep, other.misc");
  exec ("CREATE TABLE filt.keep (id INT PRIMARY KEY)");
  exec ("CREATE TABLE filt.drop1 (id INT PRIMARY KEY)");
  exec ("CREATE TABLE filt.drop2 (id INT PRIMARY KEY)");
  exec ("CREATE TABLE other.keep (id INT PRIMARY KEY)");
  exec ("CREATE TABLE other.misc (id INT PRIMARY KEY)");
}

static void
write_filter_rows (void)
{
  exec ("INSERT INTO filt.keep VALUES (1);"
        "INSERT INTO filt.drop1 VALUES (2);"
        "INSERT INTO filt.drop2 VALUES (3);"
        "INSERT INTO other.keep VALUES (4);"
        "INSERT INTO other.misc VALUES (5);"
        "UPDATE filt.drop1 SET id = 20;"
        "UPDATE other.misc SET id = 50;"
        "DELETE FROM filt.drop2;"
        "DELETE FROM other.keep");
}

typedef struct
{
  const char *name;
  const char *property;
  const char *patterns[4];
  const char *expected; /* the tables of the rows received, in order */
} FilterCase;

static const FilterCase filter_cases[] = {
  { "none", NULL, { NULL },
    "I filt.keep,I filt.drop1,I filt.drop2,I other.keep,I other.misc,"
    "U filt.drop1,U other.misc,D filt.drop2,D other.keep" },
  { "only-tables", "only-tables", { "filt.keep", "other.misc", NULL },
    "I filt.keep,I other.misc,U other.misc" },
  { "only-tables-glob", "only-tables", { "filt.drop*", NULL },
    "I filt.drop1,I filt.drop2,U filt.drop1,D filt.drop2" },
  { "only-tables-schema-glob", "only-tables", { "*.keep", NULL },
    "I filt.keep,I other.keep,D other.keep" },
  { "ignored-tables", "ignored-tables", { "filt.drop*", "other.keep", NULL },
    "I filt.keep,I other.misc,U other.misc" },
  { "only-schemas", "only-schemas", { "other", NULL },
    "I other.keep,I other.misc,U other.misc,D other.keep" },
  { "ignored-schemas", "ignored-schemas", { "other", NULL },
    "I filt.keep,I filt.drop1,I filt.drop2,U filt.drop1,D filt.drop2" },
};

static void
test_filter (gconstpointer user_data)
{
  const FilterCase *fc = user_data;
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(Capture) capture = NULL;
  g_autoptr(GString) got = g_string_new (NULL);

  setup_filter_tables ();
  start = test_server_master_position (server);
  write_filter_rows ();

  stream = new_stream_at (start);
  if (fc->property != NULL)
    {
      g_auto(GStrv) read_back = NULL;

      g_object_set (stream, fc->property, fc->patterns, NULL);
      g_object_get (stream, fc->property, &read_back, NULL);
      g_assert_nonnull (read_back);
      g_assert_cmpstr (read_back[0], ==, fc->patterns[0]);
    }
  capture = capture_run (stream);

  for (guint i = 0; i < capture->signals->len; i++)
    {
      Signal *s = g_ptr_array_index (capture->signals, i);
      const char *kind = s->kind == KIND_INSERT ? "I" : s->kind == KIND_UPDATE ? "U" : "D";

      if (s->kind == KIND_POSITION)
        continue;
      g_string_append_printf (got, "%s%s %s.%s", got->len > 0 ? "," : "", kind,
                              mysql_binlog_row_get_schema (s->row),
                              mysql_binlog_row_get_table (s->row));
    }
  g_assert_cmpstr (got->str, ==, fc->expected);
}

/* }}} */

/* {{{ Names with a dot */

/* x.`y.z` and `x.y`.z are two tables, and so are a.t and `a.b`.t. */
static void
setup_dotted (const char           *metadata,
              MysqlBinlogPosition **before,
              MysqlBinlogPosition **after)
{
  exec ("DROP DATABASE IF EXISTS x; DROP DATABASE IF EXISTS `x.y`; DROP DATABASE IF EXISTS `d.ot`;"
        "DROP DATABASE IF EXISTS a; DROP DATABASE IF EXISTS `a.b`");
  execf ("SET GLOBAL binlog_row_metadata = '%s'", metadata);
  exec ("FLUSH BINARY LOGS");
  *before = test_server_master_position (server);
  exec ("CREATE DATABASE x; CREATE TABLE x.`y.z` (id INT PRIMARY KEY, n INT);"
        "CREATE DATABASE `x.y`; CREATE TABLE `x.y`.z (k INT PRIMARY KEY, name INT);"
        "CREATE DATABASE `d.ot` CHARACTER SET latin1;"
        "CREATE TABLE `d.ot`.t (id INT PRIMARY KEY, v VARCHAR(5));"
        "CREATE DATABASE a; CREATE TABLE a.t (id INT PRIMARY KEY);"
        "CREATE DATABASE `a.b`; CREATE TABLE `a.b`.t (id INT PRIMARY KEY)");
  *after = test_server_master_position (server);
  exec ("INSERT INTO x.`y.z` VALUES (1,10); INSERT INTO `x.y`.z VALUES (2,20);"
        "INSERT INTO `d.ot`.t VALUES (1, 'd\xc3\xa9j\xc3\xa0');"
        "INSERT INTO a.t VALUES (3); INSERT INTO `a.b`.t VALUES (4)");
  exec ("FLUSH BINARY LOGS");
  exec ("SET GLOBAL binlog_row_metadata = 'FULL'");
}

/* The rows inserted, one a line: schema | table | values. */
static void
on_dotted_row (MysqlBinlogStream *stream,
               MysqlBinlogRow    *row,
               gpointer           user_data)
{
  GString *out = user_data;
  g_autoptr(GVariant) values = mysql_binlog_row_to_variant (row);
  g_autofree char *text = g_variant_print (values, TRUE);

  g_string_append_printf (out, "%s | %s | %s\n", mysql_binlog_row_get_schema (row),
                          mysql_binlog_row_get_table (row), text);
}

#define ROW_X_YZ "x | y.z | {'id': <int64 1>, 'n': <int64 10>}\n"
#define ROW_XY_Z "x.y | z | {'k': <int64 2>, 'name': <int64 20>}\n"
#define ROW_DOT "d.ot | t | {'id': <int64 1>, 'v': <'d\xc3\xa9j\xc3\xa0'>}\n"
#define ROW_A "a | t | {'id': <int64 3>}\n"
#define ROW_AB "a.b | t | {'id': <int64 4>}\n"

/* Runs @stream; what its rows-inserted handlers got: every row, then
 * those of the handlers detailed x.`y.z` and `x.y`.z. */
static char *
run_dotted (MysqlBinlogStream   *stream,
            const char * const  *only_tables)
{
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GString) x_yz = g_string_new (NULL);
  g_autoptr(GString) xy_z = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  if (only_tables != NULL)
    mysql_binlog_stream_set_only_tables (stream, only_tables);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_dotted_row), all);
  g_signal_connect (stream, "rows-inserted::x.`y.z`", G_CALLBACK (on_dotted_row), x_yz);
  g_signal_connect (stream, "rows-inserted::`x.y`.z", G_CALLBACK (on_dotted_row), xy_z);
  /* The old joined name is no detail of either table. */
  g_signal_connect (stream, "rows-inserted::x.y.z", G_CALLBACK (on_dotted_row), all);
  g_assert_no_error (error);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  return g_strdup_printf ("%s--\n%s--\n%s", all->str, x_yz->str, xy_z->str);
}

static MysqlBinlogStream *
dotted_file_stream (MysqlBinlogPosition *before,
                    const char          *metadata,
                    MysqlBinlogStream   *source)
{
  g_autofree char *path = g_build_filename (test_server_get_dir (server), "binlog",
                                            mysql_binlog_position_get_file (before), NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  MysqlBinlogStream *stream = mysql_binlog_stream_new_for_file (file);

  /* Without column names in the file, the server's definitions. */
  if (strcmp (metadata, "NO_LOG") == 0)
    mysql_binlog_stream_set_schema_source (stream, G_OBJECT (source));
  return stream;
}

/* Each table's rows have their own column names and values, from before
 * and after the CREATEs, live and from the file; filters and detailed
 * handlers take the one table named. */
static void
test_dotted_names (gconstpointer data)
{
  const char *metadata = data;
  g_autoptr(MysqlBinlogPosition) before = NULL;
  g_autoptr(MysqlBinlogPosition) after = NULL;
  g_autoptr(MysqlBinlogStream) source = test_server_new_stream (server);
  const char *every = ROW_X_YZ ROW_XY_Z ROW_DOT ROW_A ROW_AB "--\n" ROW_X_YZ "--\n" ROW_XY_Z;
  static const struct {
    const char *tables[3];
    const char *expected;
  } filters[] = {
    { { "x.`y.z`", NULL }, ROW_X_YZ "--\n" ROW_X_YZ "--\n" },
    { { "`x.y`.z", NULL }, ROW_XY_Z "--\n--\n" ROW_XY_Z },
    { { "a.*", NULL }, ROW_A "--\n--\n" },
    { { "`a.b`.*", NULL }, ROW_AB "--\n--\n" },
    { { "*.t", NULL }, ROW_DOT ROW_A ROW_AB "--\n--\n" },
    { { "`d.ot`.t", "x.`y.z`", NULL }, ROW_X_YZ ROW_DOT "--\n" ROW_X_YZ "--\n" },
  };

  setup_dotted (metadata, &before, &after);

  for (guint from = 0; from < 2; from++)
    {
      g_autoptr(MysqlBinlogStream) stream = new_stream_at (from == 0 ? before : after);
      g_autofree char *got = run_dotted (stream, NULL);

      g_test_message ("live from %s the CREATEs", from == 0 ? "before" : "after");
      g_assert_cmpstr (got, ==, every);
    }
  {
    g_autoptr(MysqlBinlogStream) stream = dotted_file_stream (before, metadata, source);
    g_autofree char *got = run_dotted (stream, NULL);

    g_assert_cmpstr (got, ==, every);
  }

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    for (guint from = 0; from < 3; from++)
      {
        g_autoptr(MysqlBinlogStream) stream = from < 2 ? new_stream_at (from == 0 ? before : after)
                                                       : dotted_file_stream (before, metadata,
                                                                             source);
        g_autofree char *got = run_dotted (stream, filters[i].tables);

        g_test_message ("only-tables %s, %s", filters[i].tables[0],
                        from == 0 ? "live from before" : from == 1 ? "live from after" : "file");
        g_assert_cmpstr (got, ==, filters[i].expected);
      }
}

/* A table filter that reads two ways is refused, not taken for one. */
static void
test_dotted_pattern_refused (void)
{
  const char *tables[] = { "x.y.z", NULL };
  g_autoptr(MysqlBinlogPosition) start = test_server_master_position (server);
  g_autoptr(MysqlBinlogStream) stream = new_stream_at (start);
  g_autoptr(GError) error = NULL;

  mysql_binlog_stream_set_only_tables (stream, tables);
  g_assert_false (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "x.y.z"));
  g_assert_nonnull (strstr (error->message, "x.`y.z`"));
}

static void
on_dotted_schema_changed (MysqlBinlogStream *stream,
                          const char        *schema_table,
                          const char        *statement,
                          gpointer           user_data)
{
  g_string_append_printf (user_data, "%s\n", schema_table);
}

/* A RENAME TABLE of a dotted name, then a new table under the old name:
 * the history keeps the two apart. */
static void
test_dotted_rename (void)
{
  g_autoptr(MysqlBinlogPosition) before = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GString) rows = g_string_new (NULL);
  g_autoptr(GString) changes = g_string_new (NULL);
  g_autoptr(GString) renamed = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  exec ("DROP DATABASE IF EXISTS r; DROP DATABASE IF EXISTS `r.p`");
  exec ("SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  before = test_server_master_position (server);
  exec ("CREATE DATABASE r; CREATE DATABASE `r.p`;"
        "CREATE TABLE r.`p.q` (id INT PRIMARY KEY, n INT);"
        "INSERT INTO r.`p.q` VALUES (1, 10);"
        "RENAME TABLE r.`p.q` TO `r.p`.q;"
        "CREATE TABLE r.`p.q` (k INT PRIMARY KEY, name INT);"
        "INSERT INTO `r.p`.q VALUES (2, 20);"
        "INSERT INTO r.`p.q` VALUES (3, 30)");
  exec ("SET GLOBAL binlog_row_metadata = 'FULL'");

  stream = new_stream_at (before);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_dotted_row), rows);
  g_signal_connect (stream, "schema-changed", G_CALLBACK (on_dotted_schema_changed), changes);
  g_signal_connect (stream, "schema-changed::`r.p`.q", G_CALLBACK (on_dotted_schema_changed),
                    renamed);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (rows->str, ==,
                   "r | p.q | {'id': <int64 1>, 'n': <int64 10>}\n"
                   "r.p | q | {'id': <int64 2>, 'n': <int64 20>}\n"
                   "r | p.q | {'k': <int64 3>, 'name': <int64 30>}\n");
  g_assert_cmpstr (changes->str, ==, "r.`p.q`\nr.`p.q`\n`r.p`.q\nr.`p.q`\n");
  g_assert_cmpstr (renamed->str, ==, "`r.p`.q\n");
}

/* The schema history saved beside a file position store keeps the two
 * tables apart, and a restarted run reads its keys back: the rows before
 * an ALTER TABLE have the columns the saved history gives them. */
static void
test_dotted_history_saved (void)
{
  g_autofree char *dir = g_dir_make_tmp ("dotted-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "position", NULL);
  g_autofree char *history_path = g_strconcat (path, ".schema-history", NULL);
  g_autofree char *history = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogFilePositionStore) store = mysql_binlog_file_position_store_new (file);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  const char *schemas[] = { "h", "h.y", NULL };

  exec ("DROP DATABASE IF EXISTS h; DROP DATABASE IF EXISTS `h.y`");
  exec ("SET GLOBAL binlog_row_metadata = 'NO_LOG'");
  start = test_server_master_position (server);
  exec ("CREATE DATABASE h; CREATE DATABASE `h.y`;"
        "CREATE TABLE h.`y.z` (id INT PRIMARY KEY, n INT);"
        "CREATE TABLE `h.y`.z (k INT PRIMARY KEY, name INT);"
        "INSERT INTO h.`y.z` VALUES (1, 10); INSERT INTO `h.y`.z VALUES (2, 20)");
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(MysqlBinlogStream) stream = new_stream_at (start);
      g_autoptr(GString) rows = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      mysql_binlog_stream_set_position_store (stream, MYSQL_BINLOG_POSITION_STORE (store));
      mysql_binlog_stream_set_only_schemas (stream, schemas);
      g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_dotted_row), rows);
      g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
      g_assert_no_error (error);
      if (round == 0)
        {
          g_assert_cmpstr (rows->str, ==,
                           "h | y.z | {'id': <int64 1>, 'n': <int64 10>}\n"
                           "h.y | z | {'k': <int64 2>, 'name': <int64 20>}\n");
          g_assert_true (g_file_get_contents (history_path, &history, NULL, NULL));
          g_assert_nonnull (strstr (history, "'h.`y.z`'"));
          g_assert_nonnull (strstr (history, "'`h.y`.z'"));
          /* Rows the server's definitions no longer fit: the restarted
           * run has only the saved history to name them. */
          exec ("INSERT INTO h.`y.z` VALUES (3, 30); INSERT INTO `h.y`.z VALUES (4, 40);"
                "ALTER TABLE h.`y.z` ADD COLUMN extra INT;"
                "ALTER TABLE `h.y`.z ADD COLUMN more INT;"
                "INSERT INTO h.`y.z` VALUES (5, 50, 1)");
        }
      else
        g_assert_cmpstr (rows->str, ==,
                         "h | y.z | {'id': <int64 3>, 'n': <int64 30>}\n"
                         "h.y | z | {'k': <int64 4>, 'name': <int64 40>}\n"
                         "h | y.z | {'id': <int64 5>, 'n': <int64 50>, 'extra': <int64 1>}\n");
    }
  exec ("SET GLOBAL binlog_row_metadata = 'FULL'");
  g_unlink (history_path);
  g_unlink (path);
  g_rmdir (dir);
}

/* }}} */

void
test_stream_filters_add (void)
{
  g_test_add_data_func ("/stream/dotted-names/no_log", "NO_LOG", test_dotted_names);
  g_test_add_data_func ("/stream/dotted-names/full", "FULL", test_dotted_names);
  g_test_add_func ("/stream/dotted-names/pattern-refused", test_dotted_pattern_refused);
  g_test_add_func ("/stream/dotted-names/rename", test_dotted_rename);
  g_test_add_func ("/stream/dotted-names/history-saved", test_dotted_history_saved);
  for (guint i = 0; i < G_N_ELEMENTS (filter_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/stream/filters/%s", filter_cases[i].name);

      g_test_add_data_func (path, &filter_cases[i], test_filter);
    }
}
