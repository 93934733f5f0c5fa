/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

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

void
test_stream_filters_add (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (filter_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/stream/filters/%s", filter_cases[i].name);

      g_test_add_data_func (path, &filter_cases[i], test_filter);
    }
}
