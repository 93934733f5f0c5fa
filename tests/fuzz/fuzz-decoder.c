/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * libFuzzer target: the input is a binary log file.  It goes through the
 * whole offline path (framing, checksums, the event decoder, transaction
 * payloads, compressed events, table maps, row images) and every value of
 * every row is formatted every way a user can ask for it.  Any crash,
 * leak, out-of-bounds access or undefined behaviour is a finding; a GError
 * is the expected outcome of bad input.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <mysqlbinlog-glib.h>

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
  (void) mysql_binlog_event_get_event_type (event);
  (void) mysql_binlog_event_get_schema (event);
  (void) mysql_binlog_event_get_table (event);
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

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (input_path, (const char *) data, size, NULL))
    abort ();

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
