/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <mysqlbinlog-glib.h>

#include "test-fixtures-common.h"

/*
 * Positions in the fixtures: starting a read at every position a full read
 * reported, the GTIDs of events, stopping from a handler.
 */

static void
stop_on_row (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             guint             *n_rows)
{
  (*n_rows)++;
  mysql_binlog_stream_stop (stream);
}

/* The rows of json.binlog.000001 with its columns named by position: a
 * read that starts after the table's CREATE TABLE has only those names
 * (under POSITIONAL), one that starts before it the table's. */
static char *
positional (const char *rows)
{
  static const char * const names[] = { "'id': ", "'json_col': ", "'name': ", "'age': " };
  g_autofree char *text = g_strdup (rows);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *at = g_strdup_printf ("'@%u': ", i + 1);
      g_auto(GStrv) parts = g_strsplit (text, names[i], -1);

      g_free (text);
      text = g_strjoinv (at, parts);
    }
  return g_steal_pointer (&text);
}

/* A start position in a file: every position the full read reported gives
 * exactly the rows that followed it, and bad start positions fail. */
static void
test_start_position (void)
{
  g_autofree char *path = NULL;
  Transcript full = { 0 };
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  if (!test_util_have_fixtures ())
    return;
  path = test_util_fixture_path ("json.binlog.000001");
  g_assert_true (read_file_path (path, &full, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (full.positions->len, >=, 3);
  /* The file creates its table: every row has the table's names. */
  g_assert_nonnull (strstr (full.rows->str, "'json_col': "));
  g_assert_null (strstr (full.rows->str, "'@1': "));

  for (guint i = 0; i < full.positions->len; i++)
    {
      const char *text = g_ptr_array_index (full.positions, i);
      gsize rows_before = g_array_index (full.rows_at, gsize, i);
      g_autoptr(MysqlBinlogPosition) start = mysql_binlog_position_from_string (text, &error);
      Transcript t = { 0 };
      g_autofree char *got = NULL;
      g_autofree char *expected = NULL;

      g_assert_no_error (error);
      /* After the CREATE TABLE, nothing names the columns. */
      g_assert_true (read_file_path_with (path, start, MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL,
                                          &t, &error));
      g_assert_no_error (error);
      got = positional (t.rows->str);
      expected = positional (full.rows->str + rows_before);
      g_assert_cmpstr (got, ==, expected);
      /* The positions after the start, and no other. */
      g_assert_cmpuint (t.positions->len, ==, full.positions->len - i - 1);
      transcript_clear (&t);
      checked++;
    }
  g_assert_cmpuint (checked, ==, full.positions->len);

  {
    g_autoptr(MysqlBinlogPosition) other = mysql_binlog_position_new ("other.000001", 4);
    g_autoptr(MysqlBinlogPosition) inside = mysql_binlog_position_new ("json.binlog.000001", 5);
    g_autoptr(MysqlBinlogPosition) past = mysql_binlog_position_new ("json.binlog.000001", 1u << 30);
    Transcript t = { 0 };

    g_assert_false (read_file_path_from (path, other, &t, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    transcript_clear (&t);

    g_assert_false (read_file_path_from (path, inside, &t, &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
    g_assert_cmpstr (t.rows->str, ==, "");
    g_clear_error (&error);
    transcript_clear (&t);

    /* Read up to there, its rows positional: the position's error. */
    g_assert_false (read_file_path_with (path, past, MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL, &t,
                                         &error));
    g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
    g_assert_cmpstr (t.rows->str, ==, "");
    g_clear_error (&error);
    transcript_clear (&t);
  }
  transcript_clear (&full);
}

static void
collect_gtid (MysqlBinlogStream *stream,
              MysqlBinlogEvent  *event,
              GString           *gtids)
{
  MysqlBinlogEventType type = mysql_binlog_event_get_event_type (event);

  if (type == MYSQL_BINLOG_EVENT_GTID || type == MYSQL_BINLOG_EVENT_ANONYMOUS_GTID ||
      type == MYSQL_BINLOG_EVENT_GTID_TAGGED)
    g_string_append_printf (gtids, "%s\n", mysql_binlog_event_get_gtid (event) != NULL
                                           ? mysql_binlog_event_get_gtid (event) : "(none)");
}

static void
test_event_gtids (void)
{
  static const struct {
    const char *name;
    const char *gtids;
  } cases[] = {
    { "binlog_transaction_with_GTID.000001",
      "006c2cf2-b1ea-11e4-9057-8c705a3d3e78:1\n"
      "006c2cf2-b1ea-11e4-9057-8c705a3d3e78:2\n"
      "006c2cf2-b1ea-11e4-9057-8c705a3d3e78:3\n" },
    /* Anonymous transactions have no GTID. */
    { "binlog_transaction_with_anonymous_GTID.000001", "(none)\n(none)\n" },
  };

  if (!test_util_have_fixtures ())
    return;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = test_util_fixture_path (cases[i].name);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new_for_file (file);
      g_autoptr(GString) gtids = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      g_signal_connect (stream, "binlog", G_CALLBACK (collect_gtid), gtids);
      g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (gtids->str, ==, cases[i].gtids);
    }
}

static void
test_stop (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogPosition) position = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows = 0;

  if (!test_util_have_fixtures ())
    return;
  /* Stopped in the first of its seven rows, the stream ends there, and
   * its position is still the start of the file: no transaction ended. */
  path = test_util_fixture_path ("write-full-row.binlog");
  file = g_file_new_for_path (path);
  stream = mysql_binlog_stream_new_for_file (file);
  /* It holds no CREATE TABLE, and MySQL 5.1 logs no column names. */
  mysql_binlog_stream_set_schema_unknown (stream, MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (stop_on_row), &n_rows);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, 1);
  position = mysql_binlog_stream_get_position (stream);
  g_assert_cmpstr (mysql_binlog_position_get_file (position), ==, "write-full-row.binlog");
  g_assert_cmpuint (mysql_binlog_position_get_offset (position), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fixtures/stop", test_stop);
  g_test_add_func ("/fixtures/event-gtids", test_event_gtids);
  g_test_add_func ("/fixtures/start-position", test_start_position);

  return g_test_run ();
}
