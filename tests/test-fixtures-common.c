/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <mysqlbinlog-glib.h>

#include "test-fixtures-common.h"

void
transcript_clear (Transcript *t)
{
  g_string_free (t->rows, TRUE);
  g_ptr_array_unref (t->row_objects);
  g_array_unref (t->event_types);
  g_ptr_array_unref (t->positions);
  g_array_unref (t->rows_at);
}

static void
append_row (Transcript     *t,
            const char     *what,
            MysqlBinlogRow *row)
{
  test_util_append_row (t->rows, what, row);
  g_ptr_array_add (t->row_objects, mysql_binlog_row_ref (row));
}

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             Transcript        *t)
{
  append_row (t, "I", row);
}

static void
on_deleted (MysqlBinlogStream *stream,
            MysqlBinlogRow    *row,
            Transcript        *t)
{
  append_row (t, "D", row);
}

static void
on_updated (MysqlBinlogStream *stream,
            MysqlBinlogRow    *before,
            MysqlBinlogRow    *after,
            Transcript        *t)
{
  append_row (t, "U-", before);
  append_row (t, "U+", after);
}

static void
on_event (MysqlBinlogStream *stream,
          MysqlBinlogEvent  *event,
          Transcript        *t)
{
  guint type = mysql_binlog_event_get_event_type (event);

  g_array_append_val (t->event_types, type);
}

static void
on_position (MysqlBinlogStream   *stream,
             MysqlBinlogPosition *position,
             Transcript          *t)
{
  g_ptr_array_add (t->positions, mysql_binlog_position_to_string (position));
  g_array_append_val (t->rows_at, t->rows->len);
}

/* Reads a file from @start (NULL: its start) to its end, with @mode for
 * the rows of tables it holds no definition of; returns whether it
 * succeeded. */
gboolean
read_file_path_with (const char                *path,
                     MysqlBinlogPosition       *start,
                     MysqlBinlogSchemaUnknown   mode,
                     Transcript                *t,
                     GError                   **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new_for_file (file);

  mysql_binlog_stream_set_start_position (stream, start);
  mysql_binlog_stream_set_schema_unknown (stream, mode);

  t->rows = g_string_new (NULL);
  t->row_objects = g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_row_unref);
  t->event_types = g_array_new (FALSE, FALSE, sizeof (guint));
  t->positions = g_ptr_array_new_with_free_func (g_free);
  t->rows_at = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_inserted), t);
  g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_deleted), t);
  g_signal_connect (stream, "rows-updated", G_CALLBACK (on_updated), t);
  g_signal_connect (stream, "binlog", G_CALLBACK (on_event), t);
  g_signal_connect (stream, "binlog-position", G_CALLBACK (on_position), t);
  return mysql_binlog_stream_run (stream, NULL, error);
}

gboolean
read_file_path_from (const char           *path,
                     MysqlBinlogPosition  *start,
                     Transcript           *t,
                     GError              **error)
{
  return read_file_path_with (path, start, MYSQL_BINLOG_SCHEMA_UNKNOWN_ERROR, t, error);
}

gboolean
read_file_path (const char  *path,
                Transcript  *t,
                GError     **error)
{
  return read_file_path_from (path, NULL, t, error);
}

gboolean
read_fixture (const char  *name,
              Transcript  *t,
              GError     **error)
{
  g_autofree char *path = test_util_fixture_path (name);

  return read_file_path (path, t, error);
}

guint
count_events (Transcript *t,
              guint       type)
{
  guint n = 0;

  for (guint i = 0; i < t->event_types->len; i++)
    if (g_array_index (t->event_types, guint, i) == type)
      n++;
  return n;
}

gboolean
read_fixture_positional (const char  *name,
                         Transcript  *t,
                         GError     **error)
{
  g_autofree char *path = test_util_fixture_path (name);

  return read_file_path_with (path, NULL, MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL, t, error);
}
