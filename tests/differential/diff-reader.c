/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The differential test's reader: prints every row change a stream
 * delivers as one JSON line, each value tagged with its GVariant type, so
 * that the driver (differential.py) can compare it with the server's own
 * decoder, with the tables' final contents and with the other reader.
 *
 *   diff-reader --socket PATH --server-id N --file NAME --offset N
 *       the live reader, from that position to the current end
 *       (blocking = FALSE)
 *   diff-reader --binlog PATH...
 *       the file reader, one stream per file, in order
 *
 * Options of both: --positional (schema-unknown POSITIONAL instead of
 * ERROR), --only-schema NAME (the rows of that database only); of the file
 * reader: --schema-source-socket PATH (its schema-source: the server of
 * that Unix socket, as root), --offset N (where to start in the first
 * file).
 *
 * A line:
 *
 *   {"op":"I","t":"db.tbl","c":["id","v"],"a":[["x",1],null]}
 *
 * op is I, U or D; "b" holds the image before (U, D), "a" the image after
 * (I, U).  A value is null (SQL NULL) or [tag, value] with tag the
 * GVariant type: "x" and "t" integers, "d" a double (as the shortest text
 * that reads back to the same double), "s" a UTF-8 string, "ay" bytes as
 * hex, "as" a list of strings, "ad" a list of doubles; a string that is
 * not valid UTF-8 is ["bad-utf8", hex], any other type ["?", its text].
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysqlbinlog-glib.h>

static void
append_json_string (GString    *out,
                    const char *text,
                    gsize       length)
{
  gsize i;

  g_string_append_c (out, '"');
  for (i = 0; i < length; i++)
    {
      guchar c = (guchar) text[i];

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

static void
append_hex (GString      *out,
            const guint8 *data,
            gsize         length)
{
  gsize i;

  g_string_append_c (out, '"');
  for (i = 0; i < length; i++)
    g_string_append_printf (out, "%02x", data[i]);
  g_string_append_c (out, '"');
}

static void
append_double (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* g_ascii_dtostr writes the shortest text that reads back exactly. */
  g_ascii_dtostr (buffer, sizeof buffer, value);
  append_json_string (out, buffer, strlen (buffer));
}

static void
append_value (GString  *out,
              GVariant *value)
{
  const GVariantType *type = g_variant_get_type (value);

  if (g_variant_type_is_maybe (type))
    {
      g_autoptr(GVariant) inner = g_variant_get_maybe (value);

      if (inner == NULL)
        g_string_append (out, "null");
      else
        append_value (out, inner);
      return;
    }

  if (g_variant_type_equal (type, G_VARIANT_TYPE_INT64))
    g_string_append_printf (out, "[\"x\",%" G_GINT64_FORMAT "]", g_variant_get_int64 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT64))
    g_string_append_printf (out, "[\"t\",%" G_GUINT64_FORMAT "]", g_variant_get_uint64 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    {
      g_string_append (out, "[\"d\",");
      append_double (out, g_variant_get_double (value));
      g_string_append_c (out, ']');
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING))
    {
      gsize length;
      const char *text = g_variant_get_string (value, &length);

      if (g_utf8_validate (text, length, NULL))
        {
          g_string_append (out, "[\"s\",");
          append_json_string (out, text, length);
        }
      else
        {
          g_string_append (out, "[\"bad-utf8\",");
          append_hex (out, (const guint8 *) text, length);
        }
      g_string_append_c (out, ']');
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_BYTESTRING))
    {
      gsize length;
      const guint8 *data = g_variant_get_fixed_array (value, &length, 1);

      g_string_append (out, "[\"ay\",");
      append_hex (out, data, length);
      g_string_append_c (out, ']');
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_STRING_ARRAY))
    {
      gsize i, n = g_variant_n_children (value);

      g_string_append (out, "[\"as\",[");
      for (i = 0; i < n; i++)
        {
          gsize length;
          g_autoptr(GVariant) child = g_variant_get_child_value (value, i);
          const char *text = g_variant_get_string (child, &length);

          if (i > 0)
            g_string_append_c (out, ',');
          append_json_string (out, text, length);
        }
      g_string_append (out, "]]");
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE ("ad")))
    {
      gsize i, n;
      const double *values = g_variant_get_fixed_array (value, &n, sizeof (double));

      g_string_append (out, "[\"ad\",[");
      for (i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_double (out, values[i]);
        }
      g_string_append (out, "]]");
    }
  else
    {
      g_autofree char *text = g_variant_print (value, TRUE);

      g_string_append (out, "[\"?\",");
      append_json_string (out, text, strlen (text));
      g_string_append_c (out, ']');
    }
}

static void
append_image (GString        *out,
              const char     *key,
              MysqlBinlogRow *row)
{
  guint i, n = mysql_binlog_row_get_n_columns (row);

  g_string_append_printf (out, ",\"%s\":[", key);
  for (i = 0; i < n; i++)
    {
      g_autoptr(GVariant) value = mysql_binlog_row_get_value (row, i);

      if (i > 0)
        g_string_append_c (out, ',');
      append_value (out, value);
    }
  g_string_append_c (out, ']');
}

static void
print_change (const char     *op,
              MysqlBinlogRow *before,
              MysqlBinlogRow *after)
{
  MysqlBinlogRow *any = after != NULL ? after : before;
  g_autoptr(GString) out = g_string_new (NULL);
  guint i, n = mysql_binlog_row_get_n_columns (any);

  g_string_append_printf (out, "{\"op\":\"%s\",\"t\":", op);
  {
    g_autofree char *name = g_strdup_printf ("%s.%s", mysql_binlog_row_get_schema (any),
                                             mysql_binlog_row_get_table (any));

    append_json_string (out, name, strlen (name));
  }
  /* The column names of the image after, or of the one before for a
   * delete; an update's images may carry different columns (minimal row
   * images), so it has both. */
  g_string_append (out, ",\"c\":[");
  for (i = 0; i < n; i++)
    {
      const char *name = mysql_binlog_row_get_column_name (any, i);

      if (i > 0)
        g_string_append_c (out, ',');
      append_json_string (out, name, strlen (name));
    }
  g_string_append_c (out, ']');
  if (before != NULL && after != NULL)
    {
      n = mysql_binlog_row_get_n_columns (before);
      g_string_append (out, ",\"cb\":[");
      for (i = 0; i < n; i++)
        {
          const char *name = mysql_binlog_row_get_column_name (before, i);

          if (i > 0)
            g_string_append_c (out, ',');
          append_json_string (out, name, strlen (name));
        }
      g_string_append_c (out, ']');
    }
  if (before != NULL)
    append_image (out, "b", before);
  if (after != NULL)
    append_image (out, "a", after);
  g_string_append (out, "}\n");
  fwrite (out->str, 1, out->len, stdout);
}

static void
on_inserted (MysqlBinlogStream *stream,
             MysqlBinlogRow    *row,
             gpointer           user_data)
{
  print_change ("I", NULL, row);
}

static void
on_updated (MysqlBinlogStream *stream,
            MysqlBinlogRow    *before,
            MysqlBinlogRow    *after,
            gpointer           user_data)
{
  print_change ("U", before, after);
}

static void
on_deleted (MysqlBinlogStream *stream,
            MysqlBinlogRow    *row,
            gpointer           user_data)
{
  print_change ("D", row, NULL);
}

static gboolean positional;
static char *only_schema;

static gboolean
run_stream (MysqlBinlogStream *stream)
{
  g_autoptr(GError) error = NULL;

  if (positional)
    mysql_binlog_stream_set_schema_unknown (stream, MYSQL_BINLOG_SCHEMA_UNKNOWN_POSITIONAL);
  if (only_schema != NULL)
    {
      const char *schemas[] = { only_schema, NULL };

      mysql_binlog_stream_set_only_schemas (stream, schemas);
    }

  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_inserted), NULL);
  g_signal_connect (stream, "rows-updated", G_CALLBACK (on_updated), NULL);
  g_signal_connect (stream, "rows-deleted", G_CALLBACK (on_deleted), NULL);
  if (!mysql_binlog_stream_run (stream, NULL, &error))
    {
      fflush (stdout);
      fprintf (stderr, "diff-reader: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *socket_path = NULL;
  g_autofree char *file = NULL;
  g_autofree char *source_socket = NULL;
  g_auto(GStrv) binlogs = NULL;
  gint64 offset = 4;
  int server_id = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  GOptionEntry entries[] = {
    { "socket", 0, 0, G_OPTION_ARG_FILENAME, &socket_path, "The server's Unix socket", "PATH" },
    { "server-id", 0, 0, G_OPTION_ARG_INT, &server_id, "The replica id to announce", "N" },
    { "file", 0, 0, G_OPTION_ARG_STRING, &file, "The binlog file to start in", "NAME" },
    { "offset", 0, 0, G_OPTION_ARG_INT64, &offset, "The offset to start at", "N" },
    { "binlog", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &binlogs, "A binlog file to read", "PATH" },
    { "positional", 0, 0, G_OPTION_ARG_NONE, &positional, "Positional names where a definition is not known", NULL },
    { "only-schema", 0, 0, G_OPTION_ARG_STRING, &only_schema, "The database whose rows to read", "NAME" },
    { "schema-source-socket", 0, 0, G_OPTION_ARG_FILENAME, &source_socket,
      "The file reader's schema-source: the server of this socket", "PATH" },
    { NULL }
  };

  context = g_option_context_new ("- print a binary log's row changes as JSON lines");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "diff-reader: %s\n", error->message);
      return 2;
    }

  if (binlogs != NULL)
    {
      guint i;

      for (i = 0; binlogs[i] != NULL; i++)
        {
          g_autoptr(GFile) gfile = g_file_new_for_path (binlogs[i]);
          g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new_for_file (gfile);
          g_autoptr(MysqlBinlogStream) source = NULL;

          if (source_socket != NULL)
            {
              source = mysql_binlog_stream_new ();
              g_object_set (source, "socket", source_socket, "user", "root", NULL);
              mysql_binlog_stream_set_schema_source (stream, G_OBJECT (source));
            }
          /* --offset: where to start in the first file. */
          if (i == 0 && offset > 4)
            {
              g_autofree char *base = g_path_get_basename (binlogs[i]);
              g_autoptr(MysqlBinlogPosition) start = mysql_binlog_position_new (base, (guint64) offset);

              mysql_binlog_stream_set_start_position (stream, start);
            }
          if (!run_stream (stream))
            return 1;
        }
    }
  else if (socket_path != NULL && file != NULL && server_id > 0)
    {
      g_autoptr(MysqlBinlogPosition) start = mysql_binlog_position_new (file, (guint64) offset);
      g_autoptr(MysqlBinlogStream) stream = mysql_binlog_stream_new ();

      g_object_set (stream,
                    "socket", socket_path,
                    "user", "root",
                    "server-id", (guint) server_id,
                    "start-position", start,
                    "blocking", FALSE,
                    NULL);
      if (!run_stream (stream))
        return 1;
    }
  else
    {
      fprintf (stderr, "diff-reader: give --binlog PATH, or --socket, --server-id and --file\n");
      return 2;
    }

  fflush (stdout);
  return 0;
}
