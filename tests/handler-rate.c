/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Rows per second through a C handler, to compare with a Python handler on
 * the same binary log (tests/python/handler_rate.py runs both):
 *
 *   handler-rate SOCKET FILE:POS MODE
 *
 * MODE is `count` (the handler only counts), `variant`
 * (mysql_binlog_row_to_variant) or `values` (mysql_binlog_row_dup_values).
 * Prints `ROWS SECONDS`.
 */

#include <stdlib.h>

#include <mysqlbinlog-glib.h>

typedef enum { MODE_COUNT, MODE_VARIANT, MODE_VALUES } Mode;

typedef struct
{
  Mode   mode;
  guint  rows;
} Counter;

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             Counter           *counter)
{
  if (counter->mode == MODE_VARIANT)
    g_variant_unref (mysql_binlog_row_to_variant (row));
  else if (counter->mode == MODE_VALUES)
    g_ptr_array_unref (mysql_binlog_row_dup_values (row));
  counter->rows++;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GError) error = NULL;
  Counter counter = { MODE_COUNT, 0 };
  gint64 begin;

  if (argc != 4)
    {
      g_printerr ("usage: %s SOCKET FILE:POS count|variant|values\n", argv[0]);
      return 2;
    }
  start = mysql_binlog_position_from_string (argv[2], &error);
  if (start == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (g_str_equal (argv[3], "variant"))
    counter.mode = MODE_VARIANT;
  else if (g_str_equal (argv[3], "values"))
    counter.mode = MODE_VALUES;
  else if (!g_str_equal (argv[3], "count"))
    {
      g_printerr ("unknown mode %s\n", argv[3]);
      return 2;
    }

  stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                         "socket", argv[1],
                         "user", "root",
                         "password", "",
                         "server-id", 7001,
                         "blocking", FALSE,
                         "start-position", start,
                         NULL);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_inserted), &counter);

  begin = g_get_monotonic_time ();
  if (!mysql_binlog_stream_run (stream, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%u %.6f\n", counter.rows, (g_get_monotonic_time () - begin) / 1e6);
  return 0;
}
