/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "test-stream-common.h"

TestServer *server;
gboolean row_image_minimal;
gboolean log_bin_compress;

/* {{{ Capturing the signals of a run */

void
signal_free (Signal *signal)
{
  g_clear_pointer (&signal->row, mysql_binlog_row_unref);
  g_clear_pointer (&signal->after, mysql_binlog_row_unref);
  g_clear_pointer (&signal->position, mysql_binlog_position_unref);
  g_free (signal);
}

Capture *
capture_new (void)
{
  Capture *capture = g_new0 (Capture, 1);

  capture->signals = g_ptr_array_new_with_free_func ((GDestroyNotify) signal_free);
  capture->events = g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_event_unref);
  return capture;
}

void
capture_free (Capture *capture)
{
  g_ptr_array_unref (capture->signals);
  g_ptr_array_unref (capture->events);
  g_free (capture);
}

void
capture_add (Capture             *capture,
             Kind                 kind,
             MysqlBinlogRow      *row,
             MysqlBinlogRow      *after,
             MysqlBinlogPosition *position)
{
  Signal *signal = g_new0 (Signal, 1);

  signal->kind = kind;
  signal->row = row != NULL ? mysql_binlog_row_ref (row) : NULL;
  signal->after = after != NULL ? mysql_binlog_row_ref (after) : NULL;
  signal->position = position != NULL ? mysql_binlog_position_ref (position) : NULL;
  g_ptr_array_add (capture->signals, signal);
}

void
on_rows_inserted (MysqlBinlogStream *stream,
                  MysqlBinlogRow    *row,
                  gpointer           user_data)
{
  capture_add (user_data, KIND_INSERT, row, NULL, NULL);
}

void
on_rows_updated (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *before,
                 MysqlBinlogRow    *after,
                 gpointer           user_data)
{
  capture_add (user_data, KIND_UPDATE, before, after, NULL);
}

void
on_rows_deleted (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *row,
                 gpointer           user_data)
{
  capture_add (user_data, KIND_DELETE, row, NULL, NULL);
}

void
on_binlog_position (MysqlBinlogStream   *stream,
                    MysqlBinlogPosition *position,
                    gpointer             user_data)
{
  capture_add (user_data, KIND_POSITION, NULL, NULL, position);
}

void
on_binlog (MysqlBinlogStream *stream,
           MysqlBinlogEvent  *event,
           gpointer           user_data)
{
  Capture *capture = user_data;

  g_ptr_array_add (capture->events, mysql_binlog_event_ref (event));
}

void
capture_connect (Capture           *capture,
                 MysqlBinlogStream *stream)
{
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_rows_inserted), capture);
  g_signal_connect (stream, "rows-updated", G_CALLBACK (on_rows_updated), capture);
  g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_rows_deleted), capture);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (on_binlog_position), capture);
  g_signal_connect (stream, "binlog", G_CALLBACK (on_binlog), capture);
}

MysqlBinlogStream *
new_stream_at (MysqlBinlogPosition *start)
{
  MysqlBinlogStream *stream = test_server_new_stream (server);

  mysql_binlog_stream_set_start_position (stream, start);
  return stream;
}

/* Runs @stream to the end of the binary log and returns what it emitted. */
Capture *
capture_run (MysqlBinlogStream *stream)
{
  g_autoptr(GError) error = NULL;
  Capture *capture = capture_new ();
  gboolean ok;

  capture_connect (capture, stream);
  ok = mysql_binlog_stream_run (stream, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_signal_handlers_disconnect_by_data (stream, capture);

  return capture;
}

Capture *
capture_from (MysqlBinlogPosition *start)
{
  g_autoptr(MysqlBinlogStream) stream = new_stream_at (start);

  return capture_run (stream);
}

gboolean
row_is_table (MysqlBinlogRow *row,
              const char     *schema,
              const char     *table)
{
  return g_strcmp0 (mysql_binlog_row_get_schema (row), schema) == 0 &&
         g_strcmp0 (mysql_binlog_row_get_table (row), table) == 0;
}

/* The signals of one kind for one table, in order (borrowed). */
GPtrArray *
capture_rows (Capture    *capture,
              Kind        kind,
              const char *schema,
              const char *table)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 0; i < capture->signals->len; i++)
    {
      Signal *signal = g_ptr_array_index (capture->signals, i);

      if (signal->kind == kind && row_is_table (signal->row, schema, table))
        g_ptr_array_add (rows, signal);
    }
  return rows;
}

guint
capture_count (Capture *capture,
               Kind     kind)
{
  guint n = 0;

  for (guint i = 0; i < capture->signals->len; i++)
    n += ((Signal *) g_ptr_array_index (capture->signals, i))->kind == kind;
  return n;
}

Signal *
capture_last_position (Capture *capture)
{
  for (guint i = capture->signals->len; i > 0; i--)
    {
      Signal *signal = g_ptr_array_index (capture->signals, i - 1);

      if (signal->kind == KIND_POSITION)
        return signal;
    }
  return NULL;
}

/* }}} */

/* {{{ Helpers */

void
exec (const char *sql)
{
  test_server_exec (server, sql);
}

void
execf (const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  test_server_exec (server, sql);
}

char *
query_value (const char *sql)
{
  g_autoptr(GError) error = NULL;
  char *value = test_server_query_value (server, sql, &error);

  g_assert_no_error (error);
  return value;
}

GBytes *
query_bytes (const char *sql)
{
  g_autoptr(GError) error = NULL;
  GBytes *value = test_server_query_bytes (server, sql, &error);

  g_assert_no_error (error);
  return value;
}

void
assert_variant_equal (GVariant   *actual,
                      GVariant   *expected,
                      const char *what)
{
  g_autofree char *actual_text = NULL;
  g_autofree char *expected_text = NULL;

  if (actual == NULL)
    {
      g_test_fail_printf ("%s: no value", what);
      return;
    }
  if (g_variant_equal (actual, expected))
    return;

  /* Escaped, so that the message survives a non-UTF-8 locale. */
  {
    g_autofree char *a = g_variant_print (actual, TRUE);
    g_autofree char *e = g_variant_print (expected, TRUE);

    actual_text = g_strescape (a, NULL);
    expected_text = g_strescape (e, NULL);
  }
  g_test_fail_printf ("%s: expected %s (%s), got %s (%s)", what, expected_text,
           g_variant_get_type_string (expected), actual_text,
           g_variant_get_type_string (actual));
}

GVariant *
parse_variant (const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *value = g_variant_parse (NULL, text, NULL, NULL, &error);

  g_assert_no_error (error);
  return g_variant_ref_sink (value);
}

void
assert_contains_ci (const char *haystack,
                    const char *needle)
{
  g_autofree char *h = g_utf8_strdown (haystack, -1);
  g_autofree char *n = g_utf8_strdown (needle, -1);

  if (strstr (h, n) == NULL)
    g_test_fail_printf ("“%s” does not mention “%s”", haystack, needle);
}

const char *metadata_modes[N_METADATA_MODES] = { "FULL", "MINIMAL", "NO_LOG" };


void
setup_shop (void)
{
  exec ("SET GLOBAL binlog_row_metadata = 'FULL'");
  exec ("CREATE DATABASE IF NOT EXISTS shop");
  exec ("DROP TABLE IF EXISTS shop.orders, shop.items, shop.audit");
  exec ("CREATE TABLE shop.orders (id INT PRIMARY KEY, customer VARCHAR(40), "
        "total DECIMAL(10,2), status ENUM('new','paid','shipped'))");
  exec ("CREATE TABLE shop.items (order_id INT, sku VARCHAR(20), qty INT UNSIGNED, "
        "PRIMARY KEY (order_id, sku))");
  exec ("CREATE TABLE shop.audit (id INT AUTO_INCREMENT PRIMARY KEY, note TEXT)");
}

void
assert_row_values (MysqlBinlogRow *row,
                   const char     *expected_text)
{
  g_autoptr(GVariant) dict = mysql_binlog_row_to_variant (row);
  g_autoptr(GVariant) expected = parse_variant (expected_text);

  assert_variant_equal (dict, expected, mysql_binlog_row_get_table (row));
}

/* }}} */
