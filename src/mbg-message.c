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

#include <json-glib/json-glib.h>

#include "mbg-message.h"

static const char * const message_type_names[] = {
  "row_insert", "row_update", "row_delete", "heartbeat",
};

void
mbg_message_free (MbgMessage *message)
{
  g_clear_pointer (&message->before, mysql_binlog_row_unref);
  g_clear_pointer (&message->row, mysql_binlog_row_unref);
  g_clear_pointer (&message->keys, json_node_unref);
  g_free (message->dedup_key);
  g_free (message->log_file);
  g_free (message);
}
/* A byte string or a text longer than this is not built whole, as its
 * text and again in json-glib's tree and output (a LONGBLOB of 1 GiB would
 * take several): it goes out in parts, as hex digits or escaped text,
 * from the variant of its value, which shares the event's memory for
 * byte strings. */
#define BIG_VALUE_BYTES (64 * 1024)
/* The part of such a text escaped at a time. */
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

/* The value of @column when it is too big to be built whole: a byte
 * string (`ay`) or a text (`s`) of more than BIG_VALUE_BYTES, else NULL. */
static GVariant *
big_value (MysqlBinlogRow *row,
           guint           column)
{
  gsize length = 0;
  GVariant *value;

  if (mysql_binlog_row_peek_bytes (row, column, &length) == NULL || length <= BIG_VALUE_BYTES)
    return NULL;
  value = mysql_binlog_row_get_value (row, column);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING) ||
      g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return value;
  g_variant_unref (value);
  return NULL;
}

/* Writes a value of big_value() as JSON, the same text as value_to_json()
 * gives it (a byte string as the server prints it, "0x" and upper-case
 * hex digits), a part at a time. */
static void
write_big_value (MbgSink  *sink,
                 GVariant *value)
{
  mbg_sink_write (sink, "\"", 1);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    {
      static const char digits[] = "0123456789ABCDEF";
      char part[8192];
      gsize length = 0;
      const guint8 *data = g_variant_get_fixed_array (value, &length, 1);

      mbg_sink_write (sink, "0x", 2);
      for (gsize done = 0; done < length;)
        {
          gsize n = MIN (length - done, sizeof part / 2);

          for (gsize i = 0; i < n; i++)
            {
              part[2 * i] = digits[data[done + i] >> 4];
              part[2 * i + 1] = digits[data[done + i] & 15];
            }
          mbg_sink_write (sink, part, 2 * n);
          done += n;
        }
    }
  else
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      gsize length = 0;
      const char *text = g_variant_get_string (value, &length);

      /* json-glib escapes a character at a time: parts cut between two
       * characters give the text it would give for the whole. */
      for (gsize done = 0; done < length;)
        {
          gsize n = MIN (length - done, BIG_VALUE_PART);
          g_autofree char *part = NULL;
          g_autofree char *escaped = NULL;

          while (done + n < length && n > 1 && ((guchar) text[done + n] & 0xc0) == 0x80)
            n--;
          part = g_strndup (text + done, n);
          json_node_set_string (node, part);
          escaped = json_to_string (node, FALSE);
          /* Without its quotes. */
          mbg_sink_write (sink, escaped + 1, strlen (escaped) - 2);
          done += n;
        }
    }
  mbg_sink_write (sink, "\"", 1);
}

/* The stand-in of the @index'th big value of a message, as json-glib
 * writes it: a string of a control character and a number. */
static JsonNode *
big_value_node (guint index)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  char text[24];

  g_snprintf (text, sizeof text, "\001%u", index);
  json_node_set_string (node, text);
  return node;
}

static char *
big_value_token (guint index)
{
  g_autoptr(JsonNode) node = big_value_node (index);

  return json_to_string (node, FALSE);
}


/* A value as JSON: numbers as numbers (exact ones as strings), SET as a
 * list, binary as the server prints it (0x...).  With @big, a value too
 * big to be built whole is added to it and stands in the tree as the
 * string of big_value_token(). */
static JsonNode *
value_to_json (MysqlBinlogRow *row,
               guint           column,
               GPtrArray      *big)
{
  g_autoptr(GVariant) value = NULL;
  JsonNode *node;

  if (mysql_binlog_row_is_null (row, column))
    return json_node_new (JSON_NODE_NULL);

  if (big != NULL && (value = big_value (row, column)) != NULL)
    {
      node = big_value_node (big->len);
      g_ptr_array_add (big, g_steal_pointer (&value));
      return node;
    }

  value = mysql_binlog_row_get_value (row, column);
  node = json_node_new (JSON_NODE_VALUE);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    json_node_set_int (node, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64) &&
           g_variant_get_uint64 (value) <= G_MAXINT64)
    json_node_set_int (node, (gint64) g_variant_get_uint64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    json_node_set_double (node, g_variant_get_double (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    json_node_set_string (node, g_variant_get_string (value, NULL));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY) ||
           g_variant_is_of_type (value, G_VARIANT_TYPE ("ad")))
    {
      JsonArray *array = json_array_new ();
      GVariantIter iter;
      g_autoptr(GVariant) child = NULL;

      g_variant_iter_init (&iter, value);
      while ((child = g_variant_iter_next_value (&iter)) != NULL)
        {
          if (g_variant_is_of_type (child, G_VARIANT_TYPE_STRING))
            json_array_add_string_element (array, g_variant_get_string (child, NULL));
          else
            json_array_add_double_element (array, g_variant_get_double (child));
          g_clear_pointer (&child, g_variant_unref);
        }
      json_node_init_array (node, array);
      json_array_unref (array);
    }
  else
    {
      /* BIGINT UNSIGNED above 2^63, BIT, binary strings: as text. */
      g_autofree char *text = mysql_binlog_row_dup_string (row, column);
      json_node_set_string (node, text != NULL ? text : "");
    }
  return node;
}

static void
set_column (JsonObject     *object,
            MysqlBinlogRow *row,
            guint           column,
            GPtrArray      *big)
{
  const char *name = mysql_binlog_row_get_column_name (row, column);
  g_autofree char *fallback = NULL;

  if (name == NULL)
    name = fallback = g_strdup_printf ("@%u", column + 1);
  json_object_set_member (object, name, value_to_json (row, column, big));
}

static JsonNode *
row_to_json (MysqlBinlogRow *row,
             GPtrArray      *big)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  guint n = mysql_binlog_row_get_n_columns (row);

  for (guint i = 0; i < n; i++)
    set_column (object, row, i, big);
  json_node_take_object (node, object);
  return node;
}

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

/* The message as one line of JSON, in the shapes of the MySQL monitor;
 * with @big, the values too big to be built whole stand in it as the
 * strings of big_value_token() (see value_to_json()). */
static char *
message_to_json (MbgMessage *message,
                 GPtrArray *big)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  MysqlBinlogRow *row = message->row;

  json_node_take_object (root, object);
  json_object_set_string_member (object, "type", message_type_names[message->type]);
  json_object_set_int_member (object, "timestamp", g_get_real_time () / G_USEC_PER_SEC);
  if (message->type == MBG_MESSAGE_HEARTBEAT)
    return json_to_string (root, FALSE);

  json_object_set_string_member (object, "schema", mysql_binlog_row_get_schema (row));
  json_object_set_string_member (object, "table_name", mysql_binlog_row_get_table (row));
  json_object_set_int_member (object, "binlog_timestamp", mysql_binlog_row_get_timestamp (row));
  if (message->log_file != NULL)
    {
      json_object_set_string_member (object, "log_file", message->log_file);
      json_object_set_int_member (object, "log_pos", (gint64) message->log_pos);
    }
  json_object_set_member (object, "keys", json_node_copy (message->keys));

  switch (message->type)
    {
    case MBG_MESSAGE_INSERT:
      json_object_set_member (object, "values", row_to_json (row, big));
      break;

    case MBG_MESSAGE_DELETE:
      json_object_set_member (object, "values", row_to_json (row, big));
      break;

    case MBG_MESSAGE_UPDATE:
      {
        JsonObject *before = json_object_new ();
        JsonObject *after = json_object_new ();
        guint n = mysql_binlog_row_get_n_columns (row);

        /* Only the columns that changed, between the first image before
         * and the last image after when updates were merged. */
        for (guint i = 0; i < n; i++)
          {
            int j = before_column (message->before, row, i);

            if (j >= 0 && values_equal (message->before, j, row, i))
              continue;
            if (j >= 0)
              set_column (before, message->before, j, big);
            set_column (after, row, i, big);
          }
        json_object_set_object_member (object, "before_values", before);
        json_object_set_object_member (object, "after_values", after);
        if (message->merged > 0)
          json_object_set_int_member (object, "merged_updates", message->merged);
      }
      break;

    case MBG_MESSAGE_HEARTBEAT:
    default:
      g_assert_not_reached ();
    }
  return json_to_string (root, FALSE);
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

static JsonNode *
row_keys (MysqlBinlogRow *row,
          char          **dedup_key)
{
  const char * const *columns = primary_key (row);
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  guint found = 0;

  for (guint i = 0; columns[i] != NULL; i++)
    {
      int column = mysql_binlog_row_get_column_index (row, columns[i]);

      if (column < 0)
        continue;
      set_column (object, row, column, NULL);
      found++;
    }
  json_node_take_object (node, object);

  if (found > 0 && found == g_strv_length ((char **) columns))
    {
      g_autofree char *text = json_to_string (node, FALSE);

      *dedup_key = g_strdup_printf ("%s.%s %s", mysql_binlog_row_get_schema (row),
                                    mysql_binlog_row_get_table (row), text);
    }
  else
    *dedup_key = NULL;
  return node;
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  const gsize *offset_a = a, *offset_b = b;

  return *offset_a < *offset_b ? -1 : *offset_a > *offset_b;
}

/* Writes the message as one line of JSON, without its newline: the text
 * of message_to_json (message, NULL), with the values too big to be built
 * whole written in parts where their stand-ins are. */
void
mbg_message_write (MbgMessage *message,
                   MbgSink    *sink)
{
  g_autoptr(GPtrArray) big = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char *body = message_to_json (message, big);
  g_autofree gsize *places = NULL;
  gsize written = 0;

  if (big->len == 0)
    {
      mbg_sink_write (sink, body, strlen (body));
      return;
    }

  /* Each stand-in where it is (its offset, its length, its value's index),
   * found exactly once; else a value of the message reads like one of
   * them, and the message is built whole instead. */
  places = g_new (gsize, 3 * big->len);
  for (guint i = 0; i < big->len; i++)
    {
      g_autofree char *token = big_value_token (i);
      const char *found = strstr (body, token);

      if (found == NULL || strstr (found + 1, token) != NULL)
        {
          g_clear_pointer (&body, g_free);
          body = message_to_json (message, NULL);
          mbg_sink_write (sink, body, strlen (body));
          return;
        }
      places[3 * i] = found - body;
      places[3 * i + 1] = strlen (token);
      places[3 * i + 2] = i;
    }
  qsort (places, big->len, 3 * sizeof (gsize), compare_offsets);

  for (guint i = 0; i < big->len; i++)
    {
      mbg_sink_write (sink, body + written, places[3 * i] - written);
      write_big_value (sink, g_ptr_array_index (big, places[3 * i + 2]));
      written = places[3 * i] + places[3 * i + 1];
    }
  mbg_sink_write (sink, body + written, strlen (body + written));
}

static void
append_text_value (MbgSink        *sink,
                   GString        *out,
                   MysqlBinlogRow *row,
                   guint           column)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GVariant) big = NULL;
  g_autofree char *text = NULL;

  if (mysql_binlog_row_is_null (row, column))
    {
      g_string_append (out, "NULL");
      return;
    }
  /* Too big to be built whole: what comes before it goes out first, then
   * the value, a part at a time. */
  big = big_value (row, column);
  if (big != NULL)
    {
      mbg_sink_write (sink, out->str, out->len);
      g_string_truncate (out, 0);
      write_big_value (sink, big);
      return;
    }
  /* JSON quoting: strings in double quotes with escapes, lists in []. */
  node = value_to_json (row, column, NULL);
  text = json_to_string (node, FALSE);
  g_string_append (out, text);
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
