/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mysql-binlog-json-private.h"
#include "mysql-binlog-value-text-private.h"
#include "wire-private.h"

/*
 * MySQL's binary JSON (sql-common/json_binary.cc): a type byte, then
 * objects and arrays of entries that point at their values by offset,
 * scalars, strings with a variable-length size, and opaque values of
 * other column types (DECIMAL, dates and times); and the diffs of partial
 * JSON updates (binlog_row_value_options=PARTIAL_JSON).  Offsets are
 * checked against their container, so a malformed document gives "null",
 * never a read outside its bytes.
 */

/* MySQL refuses documents nested deeper than 100 levels. */
#define JSON_MAX_DEPTH 100

enum {
  JSON_SMALL_OBJECT = 0x00,
  JSON_LARGE_OBJECT = 0x01,
  JSON_SMALL_ARRAY = 0x02,
  JSON_LARGE_ARRAY = 0x03,
  JSON_LITERAL = 0x04,
  JSON_INT16 = 0x05,
  JSON_UINT16 = 0x06,
  JSON_INT32 = 0x07,
  JSON_UINT32 = 0x08,
  JSON_INT64 = 0x09,
  JSON_UINT64 = 0x0a,
  JSON_DOUBLE = 0x0b,
  JSON_STRING = 0x0c,
  JSON_OPAQUE = 0x0f,
};

typedef struct
{
  GString *out;
  gsize    limit;   /* bound on the output, against documents whose
                     * entries share sub-documents (exponential output) */
} JsonWriter;

/* MySQL's variable-length integers: 7 bits a byte, low bits first. */
static gboolean
json_read_length (const guint8 *data,
                  gsize         size,
                  gsize        *consumed,
                  guint32      *value)
{
  guint32 result = 0;

  for (gsize i = 0; i < 5 && i < size; i++)
    {
      result |= (guint32) (data[i] & 0x7f) << (7 * i);
      if ((data[i] & 0x80) == 0)
        {
          if (i == 4 && data[i] > 0x0f)
            return FALSE;
          *consumed = i + 1;
          *value = result;
          return TRUE;
        }
    }
  return FALSE;
}

static void
json_append_string (GString      *out,
                    const guint8 *data,
                    gsize         length)
{
  g_autofree char *valid = NULL;
  const char *text = (const char *) data;

  if (!g_utf8_validate_len (text, length, NULL))
    {
      valid = g_utf8_make_valid (text, length);
      text = valid;
      length = strlen (valid);
    }

  g_string_append_c (out, '"');
  for (gsize i = 0; i < length; i++)
    {
      guchar c = text[i];

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static gboolean
json_append_opaque (GString      *out,
                    guint8        field_type,
                    const guint8 *data,
                    gsize         length)
{
  switch (field_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL:
      {
        gssize size;

        if (length < 2 || (size = _mysql_binlog_decimal_size (data[0], data[1])) < 0 ||
            (gsize) size > length - 2)
          return FALSE;
        _mysql_binlog_decimal_append (out, data + 2, data[0], data[1]);
        return TRUE;
      }
    case MYSQL_BINLOG_COLUMN_TYPE_DATE:
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME:
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP:
    case MYSQL_BINLOG_COLUMN_TYPE_TIME:
      {
        char text[MYSQL_BINLOG_VALUE_TEXT_SIZE];
        char *end;
        gint64 packed;

        if (length < 8)
          return FALSE;
        packed = _mysql_binlog_le_int (data, 8);
        end = _mysql_binlog_packed_temporal_format (text, field_type, packed);
        g_string_append_c (out, '"');
        g_string_append_len (out, text, end - text);
        g_string_append_c (out, '"');
        return TRUE;
      }
    case MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING:
      /* MySQL prints strings kept as opaque VAR_STRING as plain strings. */
      json_append_string (out, data, length);
      return TRUE;
    default:
      {
        g_autofree char *encoded = g_base64_encode (data, length);

        g_string_append_printf (out, "\"base64:type%u:%s\"", field_type, encoded);
        return TRUE;
      }
    }
}

static gboolean json_append_value (JsonWriter   *writer,
                                   guint8        type,
                                   const guint8 *data,
                                   gsize         size,
                                   guint         depth);

static gboolean
json_is_inlined (guint8   type,
                 gboolean large)
{
  switch (type)
    {
    case JSON_LITERAL:
    case JSON_INT16:
    case JSON_UINT16:
      return TRUE;
    case JSON_INT32:
    case JSON_UINT32:
      return large;
    default:
      return FALSE;
    }
}

static gboolean
json_append_container (JsonWriter   *writer,
                       guint8        type,
                       const guint8 *data,
                       gsize         size,
                       guint         depth)
{
  gboolean large = (type & 1) != 0;
  gboolean is_object = type == JSON_SMALL_OBJECT || type == JSON_LARGE_OBJECT;
  guint offset_size = large ? 4 : 2;
  guint key_entry_size = offset_size + 2;
  guint value_entry_size = 1 + offset_size;
  guint64 count, total, header, value_entries;

  if (depth > JSON_MAX_DEPTH || size < 2 * offset_size)
    return FALSE;

  count = _mysql_binlog_le_uint (data, offset_size);
  total = _mysql_binlog_le_uint (data + offset_size, offset_size);
  if (total > size)
    return FALSE;
  size = total;

  value_entries = 2 * offset_size + (is_object ? count * key_entry_size : 0);
  header = value_entries + count * value_entry_size;
  if (header > size)
    return FALSE;

  g_string_append_c (writer->out, is_object ? '{' : '[');
  for (guint64 i = 0; i < count; i++)
    {
      const guint8 *entry = data + value_entries + i * value_entry_size;

      if (writer->out->len > writer->limit)
        return FALSE;
      if (i > 0)
        g_string_append (writer->out, ", ");

      if (is_object)
        {
          const guint8 *key = data + 2 * offset_size + i * key_entry_size;
          guint64 key_offset = _mysql_binlog_le_uint (key, offset_size);
          guint64 key_length = _mysql_binlog_le_uint (key + offset_size, 2);

          if (key_offset > size || key_length > size - key_offset)
            return FALSE;
          json_append_string (writer->out, data + key_offset, key_length);
          g_string_append (writer->out, ": ");
        }

      if (json_is_inlined (entry[0], large))
        {
          if (!json_append_value (writer, entry[0], entry + 1, offset_size, depth + 1))
            return FALSE;
        }
      else
        {
          guint64 value_offset = _mysql_binlog_le_uint (entry + 1, offset_size);

          if (value_offset >= size ||
              !json_append_value (writer, entry[0], data + value_offset,
                                  size - value_offset, depth + 1))
            return FALSE;
        }
    }
  g_string_append_c (writer->out, is_object ? '}' : ']');
  return TRUE;
}

static gboolean
json_append_value (JsonWriter   *writer,
                   guint8        type,
                   const guint8 *data,
                   gsize         size,
                   guint         depth)
{
  GString *out = writer->out;

  switch (type)
    {
    case JSON_SMALL_OBJECT:
    case JSON_LARGE_OBJECT:
    case JSON_SMALL_ARRAY:
    case JSON_LARGE_ARRAY:
      return json_append_container (writer, type, data, size, depth);
    case JSON_LITERAL:
      if (size < 1)
        return FALSE;
      switch (data[0])
        {
        case 0x00:
          g_string_append (out, "null");
          return TRUE;
        case 0x01:
          g_string_append (out, "true");
          return TRUE;
        case 0x02:
          g_string_append (out, "false");
          return TRUE;
        default:
          return FALSE;
        }
    case JSON_INT16:
    case JSON_UINT16:
    case JSON_INT32:
    case JSON_UINT32:
    case JSON_INT64:
    case JSON_UINT64:
      {
        /* 2, 4 or 8 bytes, signed or unsigned, in that order of codes. */
        guint n = type <= JSON_UINT16 ? 2 : type <= JSON_UINT32 ? 4 : 8;
        gboolean is_signed = (type - JSON_INT16) % 2 == 0;

        if (size < n)
          return FALSE;
        if (is_signed)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, _mysql_binlog_le_int (data, n));
        else
          g_string_append_printf (out, "%" G_GUINT64_FORMAT, _mysql_binlog_le_uint (data, n));
        return TRUE;
      }
    case JSON_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];
        double value;

        if (size < 8)
          return FALSE;
        value = _mysql_binlog_le_double (data);
        if (!isfinite (value))
          return FALSE;
        _mysql_binlog_double_format (buffer, value, FALSE);
        g_string_append (out, buffer);
        /* As MySQL does: keep doubles with no fraction apart from integers. */
        if (strpbrk (buffer, ".e") == NULL)
          g_string_append (out, ".0");
        return TRUE;
      }
    case JSON_STRING:
      {
        gsize consumed;
        guint32 length;

        if (!json_read_length (data, size, &consumed, &length) || length > size - consumed)
          return FALSE;
        json_append_string (out, data + consumed, length);
        return TRUE;
      }
    case JSON_OPAQUE:
      {
        gsize consumed;
        guint32 length;

        if (size < 1 || !json_read_length (data + 1, size - 1, &consumed, &length) ||
            length > size - 1 - consumed)
          return FALSE;
        return json_append_opaque (out, data[0], data + 1 + consumed, length);
      }
    default:
      return FALSE;
    }
}

char *
_mysql_binlog_json_to_string (const guint8 *data,
                              gsize         length)
{
  JsonWriter writer;

  /* An empty value is how the server writes a JSON null. */
  if (length == 0)
    return g_strdup ("null");

  writer.out = g_string_sized_new (length * 2);
  writer.limit = MAX (length, 1024) * 64;
  if (!json_append_value (&writer, data[0], data + 1, length - 1, 0) ||
      writer.out->len > writer.limit)
    {
      g_debug ("Malformed binary JSON value of %" G_GSIZE_FORMAT " bytes: decoded as null",
               length);
      g_string_free (writer.out, TRUE);
      return g_strdup ("null");
    }
  return g_string_free (writer.out, FALSE);
}

char *
_mysql_binlog_json_diff_to_string (const guint8 *data,
                                   gsize         length)
{
  static const char * const operations[] = { "replace", "insert", "remove" };
  const guint8 *p = data, *end = data + length;
  g_autoptr(GString) out = g_string_new ("[");

  while (p < end)
    {
      guint8 operation = *p++;
      guint64 path_length, value_length;

      if (operation > 2 || !_mysql_binlog_read_packed_length (&p, end, &path_length))
        return NULL;
      if (out->len > 1)
        g_string_append (out, ", ");
      g_string_append_printf (out, "{\"op\": \"%s\", \"path\": ", operations[operation]);
      json_append_string (out, p, path_length);
      p += path_length;
      if (operation != 2)
        {
          g_autofree char *value = NULL;

          if (!_mysql_binlog_read_packed_length (&p, end, &value_length) || value_length == 0)
            return NULL;
          value = _mysql_binlog_json_to_string (p, value_length);
          p += value_length;
          g_string_append (out, ", \"value\": ");
          g_string_append (out, value);
        }
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
  return g_string_free (g_steal_pointer (&out), FALSE);
}
