/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * libFuzzer target: the input is one flag byte, then a binary log file.  It goes through the
 * whole offline path (framing, checksums, the event decoder, transaction
 * payloads, compressed events, table maps, row images) and every value of
 * every row is formatted every way a user can ask for it.  Any crash,
 * leak, out-of-bounds access or undefined behaviour is a finding; a GError
 * is the expected outcome of bad input.
 *
 * With bit 0 of the flag byte set, the CRC32 of every event is recomputed
 * before the file is read, so that mutated events get past the checksum
 * check to the decoders.  With bit 1 set, transaction payload events of
 * more than 100 bytes are read in parts of 64 bytes, as a file's large
 * payloads are.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <mysqlbinlog-glib.h>
#include <zlib.h>

#include "mysql-binlog-file-source-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

static char *input_path;

static void
format_row (MysqlBinlogRow *row)
{
  guint n = mysql_binlog_row_get_n_columns (row);
  g_autoptr(GVariant) all = mysql_binlog_row_to_variant (row);
  g_autofree char *printed = g_variant_print (all, TRUE);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GVariant) value = mysql_binlog_row_get_value (row, i);
      g_autoptr(GBytes) bytes = mysql_binlog_row_get_bytes (row, i);
      g_autofree char *text = mysql_binlog_row_dup_string (row, i);
      const char *name = mysql_binlog_row_get_column_name (row, i);

      /* The typed accessors, for the types they are documented for. */
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        {
          g_assert (mysql_binlog_row_get_int64 (row, i) == g_variant_get_int64 (value));
          (void) mysql_binlog_row_get_double (row, i);
        }
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
        {
          g_assert (mysql_binlog_row_get_uint64 (row, i) == g_variant_get_uint64 (value));
        }
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        {
          (void) mysql_binlog_row_get_double (row, i);
        }
      g_assert (mysql_binlog_row_is_null (row, i) == (text == NULL));
      (void) mysql_binlog_row_get_column_type (row, i);
      g_assert (mysql_binlog_row_get_column_index (row, name) >= 0);
      if (text != NULL)
        g_assert (g_utf8_validate (text, -1, NULL));
    }
}

static void
on_row (MysqlBinlogStream *stream,
        MysqlBinlogRow    *row,
        gpointer           user_data)
{
  format_row (row);
}

static void
on_update (MysqlBinlogStream *stream,
           MysqlBinlogRow    *before,
           MysqlBinlogRow    *after,
           gpointer           user_data)
{
  format_row (before);
  format_row (after);
}

static void
on_event (MysqlBinlogStream *stream,
          MysqlBinlogEvent  *event,
          gpointer           user_data)
{
  g_autofree char *dump = mysql_binlog_event_dump (event);
  const char *statement = mysql_binlog_event_get_statement (event);

  (void) mysql_binlog_event_get_event_type (event);
  (void) mysql_binlog_event_get_schema (event);
  (void) mysql_binlog_event_get_table (event);
  g_assert (g_str_has_suffix (dump, "\n"));
  if (statement != NULL)
    g_assert (g_utf8_validate (statement, -1, NULL));
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  const char *dir = g_getenv ("XDG_RUNTIME_DIR");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    dir = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm" : g_get_tmp_dir ();
  input_path = g_strdup_printf ("%s/fuzz-decoder-%d.binlog", dir, (int) getpid ());
  /* Debug messages about malformed values are expected; a warning or a
   * critical is a finding. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);
  return 0;
}

/* Walks the events after the magic and rewrites their checksums. */
static void
fix_checksums (guint8 *data,
               gsize   size)
{
  gsize offset = 4;

  while (offset + 19 + 4 <= size)
    {
      guint8 *event = data + offset;
      guint32 event_size = event[9] | (event[10] << 8) | (event[11] << 16) |
                           ((guint32) event[12] << 24);
      guint32 crc;
      guint8 flags = event[17];

      if (event_size < 19 + 4 || event_size > size - offset)
        break;
      /* A format description's checksum is computed without the
       * "in use" flag. */
      if (event[4] == MYSQL_BINLOG_EVENT_FORMAT_DESCRIPTION)
        event[17] &= ~0x01;
      crc = crc32 (0L, event, event_size - 4);
      event[17] = flags;
      event[event_size - 4] = crc & 0xff;
      event[event_size - 3] = (crc >> 8) & 0xff;
      event[event_size - 2] = (crc >> 16) & 0xff;
      event[event_size - 1] = (crc >> 24) & 0xff;
      offset += event_size;
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *copy = NULL;
  FILE *out;

  if (size < 1)
    return 0;
  copy = g_memdup2 (data + 1, size - 1);
  if (data[0] & 1)
    fix_checksums (copy, size - 1);
  out = fopen (input_path, "wb");
  if (out == NULL || fwrite (copy, 1, size - 1, out) != size - 1 || fclose (out) != 0)
    abort ();

  _mysql_binlog_file_source_set_parts_threshold ((data[0] & 2) ? 100 : 0);
  file = g_file_new_for_path (input_path);
  stream = mysql_binlog_stream_new_for_file (file);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_row), NULL);
  g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_row), NULL);
  g_signal_connect (stream, "rows-updated", G_CALLBACK (on_update), NULL);
  g_signal_connect (stream, "binlog", G_CALLBACK (on_event), NULL);
  if (!mysql_binlog_stream_run (stream, NULL, &error))
    {
      /* Every failure is a GError of the library's domain (or a read
       * error), with a message. */
      g_assert (error != NULL && error->message != NULL);
      g_assert (error->domain == MYSQL_BINLOG_ERROR || error->domain == G_IO_ERROR);
    }
  return 0;
}
