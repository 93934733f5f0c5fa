/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* The message shapes: one changed row (or a heartbeat) as a JSON message,
 * its routing key, and a row as the lines of the text format; values too
 * big to be built whole go out in parts. */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <math.h>

#include "mbg-message.h"

static const char * const message_type_names[] = {
  "row_insert", "row_update", "row_delete", "heartbeat", "read",
};

void
mbg_message_free (MbgMessage *message)
{
  g_clear_pointer (&message->before, mysql_binlog_row_unref);
  g_clear_pointer (&message->row, mysql_binlog_row_unref);
  g_free (message->keys);
  g_free (message->dedup_key);
  g_free (message->log_file);
  g_free (message);
}
/* A byte string or a text longer than this is not copied into the line
 * being built (a LONGBLOB of 1 GiB would be held several times over): the
 * line so far goes out, then the value, a part at a time, as hex digits or
 * escaped text, from the row's own bytes. */
#define BIG_VALUE_BYTES (64 * 1024)
/* The part of such a value escaped at a time. */
#define BIG_VALUE_PART (64 * 1024)

void
mbg_sink_write (MbgSink    *sink,
                const char *data,
                gsize       length)
{
  if (sink->string != NULL)
    {
      g_string_append_len (sink->string, data, length);
      return;
    }
  if (sink->error != 0 || length == 0)
    return;
  errno = 0;
  if (fwrite (data, 1, length, sink->file) != length)
    sink->error = errno != 0 ? errno : EIO;
}

/* {{{ JSON, written directly
 *
 * The messages are written as text straight from the rows' typed
 * accessors: building json-glib's tree of each message (a hash table per
 * object, a node per value) and generating it was nearly all the time the
 * tool spent on a row.  The text is the one json-glib writes, but for two
 * of its mistakes it does not repeat: U+001F is escaped as any other
 * control character, and a double without a fraction in exponent form
 * (1e+20) gets no ".0" appended, which made it invalid JSON. */

/* The line being written, and where it goes when a value is too big to be
 * copied into it. */
typedef struct
{
  MbgSink *sink;
  GString *line;
} Json;

static void
json_flush (Json *json)
{
  mbg_sink_write (json->sink, json->line->str, json->line->len);
  g_string_truncate (json->line, 0);
}

/* @text (UTF-8, as the library gives every text) escaped, without the
 * quotes. */
static void
json_escape (GString    *out,
             const char *text,
             gsize       length)
{
  static const char hex[] = "0123456789abcdef";
  gsize plain = 0;

  for (gsize i = 0; i < length; i++)
    {
      guchar c = text[i];
      char escape;

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        continue;
      g_string_append_len (out, text + plain, i - plain);
      plain = i + 1;
      switch (c)
        {
        case '"': escape = '"'; break;
        case '\\': escape = '\\'; break;
        case '\b': escape = 'b'; break;
        case '\f': escape = 'f'; break;
        case '\n': escape = 'n'; break;
        case '\r': escape = 'r'; break;
        case '\t': escape = 't'; break;
        default: escape = 0; break;
        }
      if (escape != 0)
        {
          char pair[2] = { '\\', escape };

          g_string_append_len (out, pair, 2);
        }
      else
        {
          char code[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

          g_string_append_len (out, code, 6);
        }
    }
  g_string_append_len (out, text + plain, length - plain);
}

static void
json_string (GString    *out,
             const char *text,
             gsize       length)
{
  g_string_append_c (out, '"');
  json_escape (out, text, length);
  g_string_append_c (out, '"');
}

static void
json_member (GString    *out,
             const char *name)
{
  if (out->len > 0 && out->str[out->len - 1] != '{')
    g_string_append_c (out, ',');
  json_string (out, name, strlen (name));
  g_string_append_c (out, ':');
}

static void
json_int (GString *out,
          gint64   value)
{
  char text[24];
  char *end = text + sizeof text;
  char *p = end;
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  do
    *--p = '0' + magnitude % 10;
  while ((magnitude /= 10) != 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, end - p);
}

static void
json_double (GString *out,
             double   value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE + 2];

  if (!isfinite (value))
    {
      /* Not a JSON number; MySQL stores none. */
      g_string_append (out, "null");
      return;
    }
  g_ascii_dtostr (text, G_ASCII_DTOSTR_BUF_SIZE, value);
  g_string_append (out, text);
  /* A number that reads as a double, as json-glib writes it. */
  if (strpbrk (text, ".e") == NULL)
    g_string_append (out, ".0");
}

/* Writes a value too big to be copied into the line (see
 * BIG_VALUE_BYTES): the line so far, then the value a part at a time.
 * Returns FALSE when the value is not that big. */
static gboolean
json_big_value (Json           *json,
                MysqlBinlogRow *row,
                guint           column)
{
  static const char digits[] = "0123456789ABCDEF";
  g_autoptr(GVariant) value = NULL;
  gsize length = 0;

  if (mysql_binlog_row_peek_bytes (row, column, &length) == NULL || length <= BIG_VALUE_BYTES)
    return FALSE;
  value = mysql_binlog_row_get_value (row, column);
  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING) &&
      !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return FALSE;

  g_string_append_c (json->line, '"');
  json_flush (json);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    {
      /* A byte string as the server prints it: 0x and upper-case hex. */
      char part[8192];
      const guint8 *data = g_variant_get_fixed_array (value, &length, 1);

      mbg_sink_write (json->sink, "0x", 2);
      for (gsize done = 0; done < length;)
        {
          gsize n = MIN (length - done, sizeof part / 2);

          for (gsize i = 0; i < n; i++)
            {
              part[2 * i] = digits[data[done + i] >> 4];
              part[2 * i + 1] = digits[data[done + i] & 15];
            }
          mbg_sink_write (json->sink, part, 2 * n);
          done += n;
        }
    }
  else
    {
      const char *text = g_variant_get_string (value, &length);

      /* Escaping works a byte at a time: any cut gives the text of the
       * whole. */
      for (gsize done = 0; done < length;)
        {
          gsize n = MIN (length - done, BIG_VALUE_PART);

          json_escape (json->line, text + done, n);
          json_flush (json);
          done += n;
        }
    }
  g_string_append_c (json->line, '"');
  return TRUE;
}

/* A value as JSON: numbers as numbers (exact ones as strings), SET as a
 * list, binary as the server prints it (0x...).  @json: NULL when the
 * value must be written whole into @out (keys). */
static void
json_value (GString        *out,
            Json           *json,
            MysqlBinlogRow *row,
            guint           column)
{
  g_autoptr(GVariant) value = NULL;

  if (mysql_binlog_row_is_null (row, column))
    {
      g_string_append (out, "null");
      return;
    }

  switch (mysql_binlog_row_get_column_type (row, column))
    {
    /* The common types without a variant of their own. */
    case MYSQL_BINLOG_COLUMN_TYPE_TINY:
    case MYSQL_BINLOG_COLUMN_TYPE_SHORT:
    case MYSQL_BINLOG_COLUMN_TYPE_INT24:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG:
    case MYSQL_BINLOG_COLUMN_TYPE_LONGLONG:
      if (!mysql_binlog_row_get_column_is_unsigned (row, column))
        {
          json_int (out, mysql_binlog_row_get_int64 (row, column));
          return;
        }
      else
        {
          guint64 number = mysql_binlog_row_get_uint64 (row, column);

          if (number <= G_MAXINT64)
            {
              json_int (out, (gint64) number);
              return;
            }
        }
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_FLOAT:
    case MYSQL_BINLOG_COLUMN_TYPE_DOUBLE:
      json_double (out, mysql_binlog_row_get_double (row, column));
      return;
    /* Their value is their text, which the library writes into a buffer
     * without allocating. */
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL:
    case MYSQL_BINLOG_COLUMN_TYPE_DATE:
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDATE:
    case MYSQL_BINLOG_COLUMN_TYPE_TIME:
    case MYSQL_BINLOG_COLUMN_TYPE_TIME2:
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME:
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME2:
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP:
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2:
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
      {
        char text[96];
        gsize length = mysql_binlog_row_format_value (row, column, text, sizeof text);

        if (length < sizeof text)
          {
            json_string (out, text, length);
            return;
          }
      }
      break;
    default:
      break;
    }

  if (json != NULL && json_big_value (json, row, column))
    return;

  value = mysql_binlog_row_get_value (row, column);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    json_int (out, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64) &&
           g_variant_get_uint64 (value) <= G_MAXINT64)
    json_int (out, (gint64) g_variant_get_uint64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    json_double (out, g_variant_get_double (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      gsize length = 0;
      const char *text = g_variant_get_string (value, &length);

      json_string (out, text, length);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY) ||
           g_variant_is_of_type (value, G_VARIANT_TYPE ("ad")))
    {
      GVariantIter iter;
      g_autoptr(GVariant) child = NULL;
      gboolean first = TRUE;

      g_string_append_c (out, '[');
      g_variant_iter_init (&iter, value);
      while ((child = g_variant_iter_next_value (&iter)) != NULL)
        {
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          if (g_variant_is_of_type (child, G_VARIANT_TYPE_STRING))
            {
              gsize length = 0;
              const char *text = g_variant_get_string (child, &length);

              json_string (out, text, length);
            }
          else
            json_double (out, g_variant_get_double (child));
          g_clear_pointer (&child, g_variant_unref);
        }
      g_string_append_c (out, ']');
    }
  else
    {
      /* BIGINT UNSIGNED above 2^63, BIT, binary strings: as text. */
      g_autofree char *text = mysql_binlog_row_dup_string (row, column);

      json_string (out, text != NULL ? text : "", text != NULL ? strlen (text) : 0);
    }
}

static void
json_column (GString        *out,
             Json           *json,
             MysqlBinlogRow *row,
             guint           column)
{
  const char *name = mysql_binlog_row_get_column_name (row, column);
  char fallback[16];

  if (name == NULL)
    {
      g_snprintf (fallback, sizeof fallback, "@%u", column + 1);
      name = fallback;
    }
  json_member (out, name);
  json_value (out, json, row, column);
}

static void
json_row (Json           *json,
          MysqlBinlogRow *row)
{
  guint n = mysql_binlog_row_get_n_columns (row);

  g_string_append_c (json->line, '{');
  for (guint i = 0; i < n; i++)
    json_column (json->line, json, row, i);
  g_string_append_c (json->line, '}');
}

/* }}} */

static gboolean
values_equal (MysqlBinlogRow *a,
              guint           column_a,
              MysqlBinlogRow *b,
              guint           column_b)
{
  g_autoptr(GVariant) value_a = NULL;
  g_autoptr(GVariant) value_b = NULL;

  if (mysql_binlog_row_is_null (a, column_a) || mysql_binlog_row_is_null (b, column_b))
    return mysql_binlog_row_is_null (a, column_a) && mysql_binlog_row_is_null (b, column_b);
  value_a = mysql_binlog_row_get_value (a, column_a);
  value_b = mysql_binlog_row_get_value (b, column_b);
  return g_variant_equal (value_a, value_b);
}

/* The column of @before that @column of @after is, by name (by place
 * when it has none), or -1. */
static int
before_column (MysqlBinlogRow *before,
               MysqlBinlogRow *after,
               guint           column)
{
  const char *name = mysql_binlog_row_get_column_name (after, column);
  int j = name != NULL ? mysql_binlog_row_get_column_index (before, name) : (int) column;

  return j >= 0 && (guint) j < mysql_binlog_row_get_n_columns (before) ? j : -1;
}

char *
mbg_message_routing_key (MbgMessage *message)
{
  if (message->type == MBG_MESSAGE_HEARTBEAT)
    return g_strdup ("heartbeat");
  return g_strdup_printf ("%s.%s.%s", mysql_binlog_row_get_schema (message->row),
                          mysql_binlog_row_get_table (message->row),
                          message_type_names[message->type]);
}

/* The row's primary key columns: the library knows them from the binlog's
 * metadata (binlog_row_metadata=FULL) or, on a live stream, from the
 * server's information_schema; a file without the metadata names none. */
static const char * const *
primary_key (MysqlBinlogRow *row)
{
  static const char * const none[] = { NULL };
  const char * const *known = mysql_binlog_row_get_primary_key (row);

  return known != NULL ? known : none;
}

/* The "keys" object of @row's messages, as JSON text, and the key by
 * which --dedup-window merges them (NULL when the row has no whole key). */
static char *
row_keys (MysqlBinlogRow *row,
          char          **dedup_key)
{
  const char * const *columns = primary_key (row);
  GString *object = g_string_new ("{");
  guint found = 0;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      int column = mysql_binlog_row_get_column_index (row, columns[i]);

      if (column < 0)
        continue;
      json_column (object, NULL, row, column);
      found++;
    }
  g_string_append_c (object, '}');

  if (found > 0 && found == g_strv_length ((char **) columns))
    *dedup_key = g_strdup_printf ("%s.%s %s", mysql_binlog_row_get_schema (row),
                                  mysql_binlog_row_get_table (row), object->str);
  else
    *dedup_key = NULL;
  return g_string_free (object, FALSE);
}

static void
json_string_member (GString    *out,
                    const char *name,
                    const char *value)
{
  json_member (out, name);
  json_string (out, value, strlen (value));
}

static void
json_int_member (GString    *out,
                 const char *name,
                 gint64      value)
{
  json_member (out, name);
  json_int (out, value);
}

/* Writes the message as one line of JSON, without its newline, in the
 * shapes of the MySQL monitor. */
void
mbg_message_write (MbgMessage *message,
                   MbgSink    *sink)
{
  g_autoptr(GString) line = g_string_sized_new (512);
  Json json = { sink, line };
  MysqlBinlogRow *row = message->row;

  g_string_append_c (line, '{');
  json_string_member (line, "type", message_type_names[message->type]);
  json_int_member (line, "timestamp", g_get_real_time () / G_USEC_PER_SEC);
  if (message->type == MBG_MESSAGE_HEARTBEAT)
    {
      g_string_append_c (line, '}');
      json_flush (&json);
      return;
    }

  json_string_member (line, "schema", mysql_binlog_row_get_schema (row));
  json_string_member (line, "table_name", mysql_binlog_row_get_table (row));
  json_int_member (line, "binlog_timestamp", mysql_binlog_row_get_timestamp (row));
  if (message->log_file != NULL)
    {
      json_string_member (line, "log_file", message->log_file);
      json_int_member (line, "log_pos", (gint64) message->log_pos);
    }
  json_member (line, "keys");
  g_string_append (line, message->keys);

  switch (message->type)
    {
    case MBG_MESSAGE_INSERT:
    case MBG_MESSAGE_DELETE:
    case MBG_MESSAGE_READ:
      json_member (line, "values");
      json_row (&json, row);
      break;

    case MBG_MESSAGE_UPDATE:
      {
        guint n = mysql_binlog_row_get_n_columns (row);
        gboolean *changed = g_newa (gboolean, n + 1);
        int *before_columns = g_newa (int, n + 1);

        /* Only the columns that changed, between the first image before
         * and the last image after when updates were merged. */
        for (guint i = 0; i < n; i++)
          {
            before_columns[i] = before_column (message->before, row, i);
            changed[i] = before_columns[i] < 0 ||
                         !values_equal (message->before, before_columns[i], row, i);
          }
        json_member (line, "before_values");
        g_string_append_c (line, '{');
        for (guint i = 0; i < n; i++)
          if (changed[i] && before_columns[i] >= 0)
            json_column (line, &json, message->before, before_columns[i]);
        g_string_append_c (line, '}');
        json_member (line, "after_values");
        g_string_append_c (line, '{');
        for (guint i = 0; i < n; i++)
          if (changed[i])
            json_column (line, &json, row, i);
        g_string_append_c (line, '}');
        if (message->merged > 0)
          json_int_member (line, "merged_updates", message->merged);
      }
      break;

    case MBG_MESSAGE_HEARTBEAT:
    default:
      g_assert_not_reached ();
    }
  g_string_append_c (line, '}');
  json_flush (&json);
}

static void
append_text_value (MbgSink        *sink,
                   GString        *out,
                   MysqlBinlogRow *row,
                   guint           column)
{
  Json json = { sink, out };

  if (mysql_binlog_row_is_null (row, column))
    {
      g_string_append (out, "NULL");
      return;
    }
  /* JSON quoting: strings in double quotes with escapes, lists in []; a
   * value too big to be copied goes out in parts after what comes before
   * it. */
  json_value (out, &json, row, column);
}

/* Writes @row (after @before, for an update) as the lines of the text
 * format, under the title @what. */
void
mbg_text_row_write (MbgSink        *sink,
                    const char     *what,
                    MysqlBinlogRow *before,
                    MysqlBinlogRow *row)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = mysql_binlog_row_get_n_columns (row);

  g_string_append_printf (text, "%s %s.%s:\n", what, mysql_binlog_row_get_schema (row),
                          mysql_binlog_row_get_table (row));
  for (guint i = 0; i < n; i++)
    {
      const char *name = mysql_binlog_row_get_column_name (row, i);
      int j = before != NULL ? before_column (before, row, i) : -1;

      if (name != NULL)
        g_string_append_printf (text, "  %s: ", name);
      else
        g_string_append_printf (text, "  @%u: ", i + 1);
      if (j >= 0)
        {
          append_text_value (sink, text, before, j);
          g_string_append (text, " => ");
        }
      append_text_value (sink, text, row, i);
      g_string_append_c (text, '\n');
    }
  mbg_sink_write (sink, text->str, text->len);
}

MbgMessage *
mbg_message_new_row (MbgMessageType  type,
                     MysqlBinlogRow *before,
                     MysqlBinlogRow *row,
                     const char     *log_file,
                     guint64         log_pos)
{
  MbgMessage *message = g_new0 (MbgMessage, 1);

  message->type = type;
  message->row = mysql_binlog_row_ref (row);
  if (before != NULL)
    message->before = mysql_binlog_row_ref (before);
  /* Keys identify the row as it was before an update. */
  message->keys = row_keys (before != NULL ? before : row, &message->dedup_key);
  message->log_file = g_strdup (log_file);
  message->log_pos = log_pos;
  return message;
}

MbgMessage *
mbg_message_new_heartbeat (void)
{
  MbgMessage *message = g_new0 (MbgMessage, 1);

  message->type = MBG_MESSAGE_HEARTBEAT;
  return message;
}
