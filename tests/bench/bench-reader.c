/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * One contender of the benchmark: reads a binary log to its end, from a
 * server (non-blocking) or from a file, and touches every row the way the
 * chosen mode says.  Prints one line of counts for the driver to check:
 *
 *   rows=N inserted=I updated=U deleted=D values=V seconds=S checksum=C
 *
 * Modes:
 *   none     no handler connected: the cost of reading and framing alone
 *   count    one handler per row signal that only counts the rows
 *   typed    reads every value through the typed accessors: numbers as
 *            numbers, strings and BLOBs as their bytes in the event
 *            (mysql_binlog_row_peek_bytes), the rest as text in a buffer
 *            (mysql_binlog_row_format_value)
 *   variant  fetches every value as a GVariant (mysql_binlog_row_get_value)
 *   text     writes every value as text (mysql_binlog_row_format_value into
 *            a 96-byte buffer), tab-separated, a row a line, into a 64 KiB
 *            output buffer flushed with write() to /dev/null
 *
 * With --snapshot SCHEMA.TABLE (from a server), the stream reads the
 * existing rows of that table instead (snapshot INITIAL_ONLY, chunks of
 * --chunk-size rows), its handler of rows-read touching every row as the
 * mode says, and the line counts them as read=N.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mysqlbinlog-glib.h>

typedef enum {
  MODE_NONE,
  MODE_COUNT,
  MODE_TYPED,
  MODE_VARIANT,
  MODE_TEXT,
} BenchMode;

typedef struct {
  guint64 limit;
  guint64 inserted;
  guint64 updated;
  guint64 deleted;
  guint64 read;
  guint64 values;
  guint64 checksum;
} BenchCounts;

static void
read_typed (MysqlBinlogRow *row,
            BenchCounts    *counts)
{
  guint n_columns = mysql_binlog_row_get_n_columns (row);

  for (guint i = 0; i < n_columns; i++)
    {
      if (mysql_binlog_row_is_null (row, i))
        {
          counts->checksum += 1;
          continue;
        }

      switch (mysql_binlog_row_get_column_type (row, i))
        {
        case MYSQL_BINLOG_COLUMN_TYPE_TINY:
        case MYSQL_BINLOG_COLUMN_TYPE_SHORT:
        case MYSQL_BINLOG_COLUMN_TYPE_INT24:
        case MYSQL_BINLOG_COLUMN_TYPE_LONG:
        case MYSQL_BINLOG_COLUMN_TYPE_LONGLONG:
        case MYSQL_BINLOG_COLUMN_TYPE_YEAR:
          if (mysql_binlog_row_get_column_is_unsigned (row, i))
            counts->checksum += mysql_binlog_row_get_uint64 (row, i);
          else
            counts->checksum += (guint64) mysql_binlog_row_get_int64 (row, i);
          break;

        case MYSQL_BINLOG_COLUMN_TYPE_BIT:
          counts->checksum += mysql_binlog_row_get_uint64 (row, i);
          break;

        case MYSQL_BINLOG_COLUMN_TYPE_FLOAT:
        case MYSQL_BINLOG_COLUMN_TYPE_DOUBLE:
          counts->checksum += (guint64) mysql_binlog_row_get_double (row, i);
          break;

        case MYSQL_BINLOG_COLUMN_TYPE_VARCHAR:
        case MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING:
        case MYSQL_BINLOG_COLUMN_TYPE_STRING:
        case MYSQL_BINLOG_COLUMN_TYPE_TINY_BLOB:
        case MYSQL_BINLOG_COLUMN_TYPE_MEDIUM_BLOB:
        case MYSQL_BINLOG_COLUMN_TYPE_LONG_BLOB:
        case MYSQL_BINLOG_COLUMN_TYPE_BLOB:
          {
            /* The bytes as stored, where they are in the event. */
            gsize length;
            const guint8 *bytes = mysql_binlog_row_peek_bytes (row, i, &length);

            counts->checksum += length + (length > 0 ? bytes[length - 1] : 0);
          }
          break;

        default:
          {
            /* DECIMAL, dates and times, ENUM, SET: their text form. */
            char text[96];
            gsize length = mysql_binlog_row_format_value (row, i, text, sizeof text);

            counts->checksum += length + (guchar) text[MIN (length, sizeof text - 1) / 2];
          }
          break;
        }
      counts->values++;
    }
}

static void
read_variants (MysqlBinlogRow *row,
               BenchCounts    *counts)
{
  guint n_columns = mysql_binlog_row_get_n_columns (row);

  for (guint i = 0; i < n_columns; i++)
    {
      g_autoptr(GVariant) value = mysql_binlog_row_get_value (row, i);

      counts->checksum += g_variant_classify (value);
      counts->values++;
    }
}

/* The text mode's output: what a consumer that prints its rows does. */
#define TEXT_OUTPUT_SIZE (64 * 1024)
#define TEXT_VALUE_SIZE 96

static char text_output[TEXT_OUTPUT_SIZE];
static gsize text_used;
static int text_fd = -1;

static void
text_flush (void)
{
  gsize done = 0;

  while (done < text_used)
    {
      gssize n = write (text_fd, text_output + done, text_used - done);

      if (n < 0)
        {
          g_printerr ("bench-reader: write: %s\n", g_strerror (errno));
          exit (1);
        }
      done += n;
    }
  text_used = 0;
}

static void
read_text (MysqlBinlogRow *row,
           BenchCounts    *counts)
{
  guint n_columns = mysql_binlog_row_get_n_columns (row);

  for (guint i = 0; i < n_columns; i++)
    {
      gsize length;

      /* Room for a whole value and its separator, else flush first. */
      if (text_used + TEXT_VALUE_SIZE + 1 > TEXT_OUTPUT_SIZE)
        text_flush ();
      length = mysql_binlog_row_format_value (row, i, text_output + text_used, TEXT_VALUE_SIZE);
      /* A cut value is what fit in the buffer (up to 95 bytes, less when
       * it ends before a character that did not fit). */
      text_used += length < TEXT_VALUE_SIZE ? length : strlen (text_output + text_used);
      text_output[text_used++] = i + 1 < n_columns ? '\t' : '\n';
      counts->checksum += length;
      counts->values++;
    }
}

static BenchMode mode;

static void
read_row (MysqlBinlogRow *row,
          BenchCounts    *counts)
{
  if (mode == MODE_TYPED)
    read_typed (row, counts);
  else if (mode == MODE_VARIANT)
    read_variants (row, counts);
  else if (mode == MODE_TEXT)
    read_text (row, counts);
}

/* With --limit, stops the stream once that many rows have arrived. */
static void
check_limit (MysqlBinlogStream *stream,
             BenchCounts       *counts)
{
  if (counts->limit > 0 &&
      counts->inserted + counts->updated + counts->deleted + counts->read == counts->limit)
    mysql_binlog_stream_stop (stream);
}

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             BenchCounts       *counts)
{
  counts->inserted++;
  check_limit (stream, counts);
  read_row (row, counts);
}

static void
on_read (MysqlBinlogStream *stream,
         MysqlBinlogRow    *row,
         BenchCounts       *counts)
{
  counts->read++;
  check_limit (stream, counts);
  read_row (row, counts);
}

static void
on_updated (MysqlBinlogStream *stream,
            MysqlBinlogRow    *before,
            MysqlBinlogRow    *after,
            BenchCounts       *counts)
{
  counts->updated++;
  check_limit (stream, counts);
  read_row (before, counts);
  read_row (after, counts);
}

static void
on_deleted (MysqlBinlogStream *stream,
            MysqlBinlogRow    *row,
            BenchCounts       *counts)
{
  counts->deleted++;
  check_limit (stream, counts);
  read_row (row, counts);
}

static gboolean
parse_mode (const char  *text,
            BenchMode   *out,
            GError     **error)
{
  static const char * const names[] = { "none", "count", "typed", "variant", "text" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_strcmp0 (text, names[i]) == 0)
        {
          *out = (BenchMode) i;
          return TRUE;
        }
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "Unknown mode “%s”: use none, count, typed, variant or text", text);
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *socket_path = NULL;
  g_autofree char *file = NULL;
  g_autofree char *start_text = NULL;
  g_autofree char *mode_text = NULL;
  g_autofree char *table = NULL;
  g_autofree char *snapshot = NULL;
  int chunk_size = 0;
  int server_id = 4242;
  gint64 limit = 0;
  BenchCounts counts = { 0, };
  gint64 begin, end;
  const GOptionEntry entries[] = {
    { "socket", 0, 0, G_OPTION_ARG_FILENAME, &socket_path, "Read from the server on this Unix socket", "PATH" },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file, "Read this binlog file offline", "PATH" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_text, "Start position (with --socket)", "FILE:POS" },
    { "server-id", 0, 0, G_OPTION_ARG_INT, &server_id, "Replica server id (with --socket)", "ID" },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode_text, "none, count, typed, variant or text", "MODE" },
    { "limit", 0, 0, G_OPTION_ARG_INT64, &limit, "Stop after this many rows (for profiling)", "N" },
    { "table", 0, 0, G_OPTION_ARG_STRING, &table, "Connect to the rows of this table only", "SCHEMA.TABLE" },
    { "snapshot", 0, 0, G_OPTION_ARG_STRING, &snapshot, "Read the existing rows of this table (with --socket)", "SCHEMA.TABLE" },
    { "chunk-size", 0, 0, G_OPTION_ARG_INT, &chunk_size, "Rows per snapshot chunk (with --snapshot)", "N" },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("- read a binary log to its end, as fast as possible");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !parse_mode (mode_text != NULL ? mode_text : "typed", &mode, &error))
    {
      g_printerr ("bench-reader: %s\n", error->message);
      return 2;
    }

  if (file != NULL)
    {
#ifdef HAVE_MYSQL_BINLOG_STREAM_NEW_FOR_FILE
      g_autoptr(GFile) gfile = g_file_new_for_path (file);

      stream = mysql_binlog_stream_new_for_file (gfile);
#else
      g_printerr ("bench-reader: reading binlog files is not available in this build\n");
      return 77;
#endif
    }
  else if (socket_path != NULL)
    {
      if (start_text != NULL)
        {
          start = mysql_binlog_position_from_string (start_text, &error);
          if (start == NULL)
            {
              g_printerr ("bench-reader: %s\n", error->message);
              return 2;
            }
        }
      stream = g_object_new (MYSQL_BINLOG_TYPE_STREAM,
                             "socket", socket_path,
                             "user", "root",
                             "password", "",
                             "server-id", (guint) server_id,
                             "start-position", start,
                             "blocking", FALSE,
                             NULL);
      if (snapshot != NULL)
        g_object_set (stream, "snapshot", MYSQL_BINLOG_SNAPSHOT_INITIAL_ONLY, NULL);
      if (snapshot != NULL && chunk_size > 0)
        g_object_set (stream, "snapshot-chunk-size", (guint) chunk_size, NULL);
    }
  else
    {
      g_printerr ("bench-reader: give --socket or --file\n");
      return 2;
    }

  counts.limit = limit > 0 ? (guint64) limit : 0;
  if (snapshot != NULL)
    {
      g_autofree char *read = g_strconcat ("rows-read::", snapshot, NULL);

      if (file != NULL || mode == MODE_NONE)
        {
          g_printerr ("bench-reader: --snapshot reads from a server (--socket), with a handler "
                      "(a mode other than none)\n");
          return 2;
        }
      g_signal_connect (stream, read, G_CALLBACK (on_read), &counts);
    }
  else if (mode != MODE_NONE)
    {
      g_autofree char *inserted = g_strconcat ("rows-inserted", table ? "::" : NULL, table, NULL);
      g_autofree char *updated = g_strconcat ("rows-updated", table ? "::" : NULL, table, NULL);
      g_autofree char *deleted = g_strconcat ("rows-deleted", table ? "::" : NULL, table, NULL);

      g_signal_connect (stream, inserted, G_CALLBACK (on_inserted), &counts);
      g_signal_connect (stream, updated, G_CALLBACK (on_updated), &counts);
      g_signal_connect (stream, deleted, G_CALLBACK (on_deleted), &counts);
    }

  if (mode == MODE_TEXT)
    {
      text_fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);
      if (text_fd < 0)
        {
          g_printerr ("bench-reader: /dev/null: %s\n", g_strerror (errno));
          return 1;
        }
    }

  begin = g_get_monotonic_time ();
  if (!mysql_binlog_stream_run (stream, NULL, &error))
    {
      g_printerr ("bench-reader: %s\n", error->message);
      return 1;
    }
  if (mode == MODE_TEXT)
    text_flush ();
  end = g_get_monotonic_time ();

  g_print ("rows=%" G_GUINT64_FORMAT " inserted=%" G_GUINT64_FORMAT
           " updated=%" G_GUINT64_FORMAT " deleted=%" G_GUINT64_FORMAT " read=%" G_GUINT64_FORMAT
           " values=%" G_GUINT64_FORMAT " seconds=%.3f checksum=%" G_GUINT64_FORMAT "\n",
           counts.inserted + counts.updated + counts.deleted + counts.read,
           counts.inserted, counts.updated, counts.deleted, counts.read, counts.values,
           (end - begin) / 1e6, counts.checksum);
  return 0;
}
