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
  MysqlBinlogTextSink *out;
  gsize                start;   /* where the document's text starts */
  gsize                limit;   /* bound on the output, against documents whose
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
json_append_string (MysqlBinlogTextSink *out,
                    const guint8        *data,
                    gsize                length)
{
  g_autofree char *valid = NULL;
  const char *text = (const char *) data;

  if (!g_utf8_validate_len (text, length, NULL))
    {
      valid = g_utf8_make_valid (text, length);
      text = valid;
      length = strlen (valid);
    }

  _mysql_binlog_text_sink_append_c (out, '"');
  for (gsize i = 0; i < length; i++)
    {
      static const char hex[] = "0123456789abcdef";
      gsize plain = i;
      guchar c;

      /* The run of bytes that need no escape, at once. */
      while (plain < length && (guchar) text[plain] >= 0x20 && text[plain] != '"' &&
             text[plain] != '\\')
        plain++;
      if (plain > i)
        {
          _mysql_binlog_text_sink_append_len (out, text + i, plain - i);
          i = plain;
          if (i == length)
            break;
        }
      c = text[i];

      switch (c)
        {
        case '"':
          _mysql_binlog_text_sink_append_len (out, "\\\"", 2);
          break;
        case '\\':
          _mysql_binlog_text_sink_append_len (out, "\\\\", 2);
          break;
        case '\b':
          _mysql_binlog_text_sink_append_len (out, "\\b", 2);
          break;
        case '\f':
          _mysql_binlog_text_sink_append_len (out, "\\f", 2);
          break;
        case '\n':
          _mysql_binlog_text_sink_append_len (out, "\\n", 2);
          break;
        case '\r':
          _mysql_binlog_text_sink_append_len (out, "\\r", 2);
          break;
        case '\t':
          _mysql_binlog_text_sink_append_len (out, "\\t", 2);
          break;
        default:
          {
            char escape[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

            _mysql_binlog_text_sink_append_len (out, escape, 6);
          }
          break;
        }
    }
  _mysql_binlog_text_sink_append_c (out, '"');
}

static gboolean
json_append_opaque (MysqlBinlogTextSink *out,
                    guint8               field_type,
                    const guint8        *data,
                    gsize                length)
{
  switch (field_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL:
      {
        char text[MYSQL_BINLOG_DECIMAL_TEXT_SIZE];
        gssize size;
        gsize text_length;

        if (length < 2 || (size = _mysql_binlog_decimal_size (data[0], data[1])) < 0 ||
            (gsize) size > length - 2)
          return FALSE;
        text_length = _mysql_binlog_decimal_format (text, data + 2, data[0], data[1]);
        _mysql_binlog_text_sink_append_len (out, text, text_length);
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
        _mysql_binlog_text_sink_append_c (out, '"');
        _mysql_binlog_text_sink_append_len (out, text, end - text);
        _mysql_binlog_text_sink_append_c (out, '"');
        return TRUE;
      }
    case MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING:
      /* MySQL prints strings kept as opaque VAR_STRING as plain strings. */
      json_append_string (out, data, length);
      return TRUE;
    default:
      {
        g_autofree char *encoded = g_base64_encode (data, length);
        char prefix[32];

        g_snprintf (prefix, sizeof prefix, "\"base64:type%u:", field_type);
        _mysql_binlog_text_sink_append (out, prefix);
        _mysql_binlog_text_sink_append (out, encoded);
        _mysql_binlog_text_sink_append_c (out, '"');
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

  _mysql_binlog_text_sink_append_c (writer->out, is_object ? '{' : '[');
  for (guint64 i = 0; i < count; i++)
    {
      const guint8 *entry = data + value_entries + i * value_entry_size;

      if (writer->out->length - writer->start > writer->limit)
        return FALSE;
      if (i > 0)
        _mysql_binlog_text_sink_append_len (writer->out, ", ", 2);

      if (is_object)
        {
          const guint8 *key = data + 2 * offset_size + i * key_entry_size;
          guint64 key_offset = _mysql_binlog_le_uint (key, offset_size);
          guint64 key_length = _mysql_binlog_le_uint (key + offset_size, 2);

          if (key_offset > size || key_length > size - key_offset)
            return FALSE;
          json_append_string (writer->out, data + key_offset, key_length);
          _mysql_binlog_text_sink_append_len (writer->out, ": ", 2);
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
  _mysql_binlog_text_sink_append_c (writer->out, is_object ? '}' : ']');
  return TRUE;
}

static gboolean
json_append_value (JsonWriter   *writer,
                   guint8        type,
                   const guint8 *data,
                   gsize         size,
                   guint         depth)
{
  MysqlBinlogTextSink *out = writer->out;

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
          _mysql_binlog_text_sink_append_len (out, "null", 4);
          return TRUE;
        case 0x01:
          _mysql_binlog_text_sink_append_len (out, "true", 4);
          return TRUE;
        case 0x02:
          _mysql_binlog_text_sink_append_len (out, "false", 5);
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

        char digits[24];
        char *end = digits + sizeof digits;
        guint64 magnitude;
        gboolean negative = FALSE;

        if (size < n)
          return FALSE;
        if (is_signed && _mysql_binlog_le_int (data, n) < 0)
          {
            negative = TRUE;
            magnitude = (guint64) 0 - (guint64) _mysql_binlog_le_int (data, n);
          }
        else
          {
            magnitude = _mysql_binlog_le_uint (data, n);
          }
        do
          {
            *--end = '0' + magnitude % 10;
            magnitude /= 10;
          }
        while (magnitude > 0);
        if (negative)
          *--end = '-';
        _mysql_binlog_text_sink_append_len (out, end, digits + sizeof digits - end);
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
        _mysql_binlog_text_sink_append (out, buffer);
        /* As MySQL does: keep doubles with no fraction apart from integers. */
        if (strpbrk (buffer, ".e") == NULL)
          _mysql_binlog_text_sink_append_len (out, ".0", 2);
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

void
_mysql_binlog_json_write (const guint8        *data,
                          gsize                length,
                          MysqlBinlogTextSink *out)
{
  JsonWriter writer;

  /* An empty value is how the server writes a JSON null. */
  if (length == 0)
    {
      _mysql_binlog_text_sink_append_len (out, "null", 4);
      return;
    }

  writer.out = out;
  writer.start = out->length;
  writer.limit = MAX (length, 1024) * 64;
  if (!json_append_value (&writer, data[0], data + 1, length - 1, 0) ||
      out->length - writer.start > writer.limit)
    {
      g_debug ("Malformed binary JSON value of %" G_GSIZE_FORMAT " bytes: decoded as null",
               length);
      _mysql_binlog_text_sink_truncate (out, writer.start);
      _mysql_binlog_text_sink_append_len (out, "null", 4);
    }
}

char *
_mysql_binlog_json_to_string (const guint8 *data,
                              gsize         length)
{
  GString *string = g_string_sized_new (length * 2 + 5);
  MysqlBinlogTextSink out;

  _mysql_binlog_text_sink_init_string (&out, string);
  _mysql_binlog_json_write (data, length, &out);
  return g_string_free (string, FALSE);
}

gboolean
_mysql_binlog_json_diff_write (const guint8        *data,
                               gsize                length,
                               MysqlBinlogTextSink *out)
{
  static const char * const operations[] = { "replace", "insert", "remove" };
  const guint8 *p = data, *end = data + length;
  gsize start = out->length;

  _mysql_binlog_text_sink_append_c (out, '[');
  while (p < end)
    {
      guint8 operation = *p++;
      guint64 path_length, value_length;

      if (operation > 2 || !_mysql_binlog_read_packed_length (&p, end, &path_length))
        goto malformed;
      if (out->length - start > 1)
        _mysql_binlog_text_sink_append_len (out, ", ", 2);
      _mysql_binlog_text_sink_append (out, "{\"op\": \"");
      _mysql_binlog_text_sink_append (out, operations[operation]);
      _mysql_binlog_text_sink_append (out, "\", \"path\": ");
      json_append_string (out, p, path_length);
      p += path_length;
      if (operation != 2)
        {
          if (!_mysql_binlog_read_packed_length (&p, end, &value_length) || value_length == 0)
            goto malformed;
          _mysql_binlog_text_sink_append (out, ", \"value\": ");
          _mysql_binlog_json_write (p, value_length, out);
          p += value_length;
        }
      _mysql_binlog_text_sink_append_c (out, '}');
    }
  _mysql_binlog_text_sink_append_c (out, ']');
  return TRUE;

malformed:
  _mysql_binlog_text_sink_truncate (out, start);
  return FALSE;
}

char *
_mysql_binlog_json_diff_to_string (const guint8 *data,
                                   gsize         length)
{
  GString *string = g_string_new (NULL);
  MysqlBinlogTextSink out;

  _mysql_binlog_text_sink_init_string (&out, string);
  if (!_mysql_binlog_json_diff_write (data, length, &out))
    {
      g_string_free (string, TRUE);
      return NULL;
    }
  return g_string_free (string, FALSE);
}
