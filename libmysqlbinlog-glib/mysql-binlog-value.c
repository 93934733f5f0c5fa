/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-value-private.h"
#include "wire-private.h"

/*
 * One value of a row image, as numbers, text and GVariants: the dispatch
 * on its column's type to the readers and the formatters below.  How values
 * are stored is told in mysql-binlog-column.c; the text of DECIMAL and
 * temporal values is written by mysql-binlog-value-text.c, that of JSON
 * by mysql-binlog-json.c.
 *
 * Everything here works on bytes that _mysql_binlog_value_size() has framed,
 * so a value never reads past its own bytes; malformed contents inside a
 * well-framed value (a JSON document with a bad offset, a DECIMAL group
 * with too many digits) give a documented fallback, never an error.
 */

/* Numbers
 * ----------------------------------------------------------------------- */

gboolean
_mysql_binlog_value_get_integer (const MysqlBinlogColumn *column,
                                 const guint8            *data,
                                 gsize                    length,
                                 guint64                 *value,
                                 gboolean                *is_signed)
{
  guint width;

  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_TINY:
      width = 1;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_SHORT:
      width = 2;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_INT24:
      width = 3;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_LONG:
      width = 4;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_LONGLONG:
      width = 8;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_YEAR:
      *value = (length >= 1 && data[0] != 0) ? 1900 + data[0] : 0;
      *is_signed = TRUE;
      return TRUE;
    case MYSQL_BINLOG_COLUMN_TYPE_BIT:
      *value = _mysql_binlog_be_uint (data, MIN (length, 8));
      *is_signed = FALSE;
      return TRUE;
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
    case MYSQL_BINLOG_COLUMN_TYPE_SET:
      *value = _mysql_binlog_le_uint (data, MIN (length, 8));
      *is_signed = FALSE;
      return TRUE;
    default:
      return FALSE;
    }

  if (length < width)
    {
      *value = 0;
      *is_signed = !column->is_unsigned;
      return TRUE;
    }

  *value = _mysql_binlog_le_uint (data, width);
  *is_signed = !column->is_unsigned;
  if (*is_signed)
    *value = (guint64) _mysql_binlog_sign_extend (*value, width * 8);
  return TRUE;
}

gboolean
_mysql_binlog_value_get_double (const MysqlBinlogColumn *column,
                                const guint8            *data,
                                gsize                    length,
                                double                  *value)
{
  guint64 bits;
  gboolean is_signed;

  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_FLOAT:
      *value = length >= 4 ? _mysql_binlog_le_float (data) : 0.0;
      return TRUE;
    case MYSQL_BINLOG_COLUMN_TYPE_DOUBLE:
      *value = length >= 8 ? _mysql_binlog_le_double (data) : 0.0;
      return TRUE;
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL:
      {
        char buffer[MYSQL_BINLOG_DECIMAL_TEXT_SIZE];
        gssize size = _mysql_binlog_decimal_size (column->meta >> 8, column->meta & 0xff);

        if (size < 0 || (gsize) size > length)
          {
            *value = 0.0;
            return TRUE;
          }
        _mysql_binlog_decimal_format (buffer, data, column->meta >> 8, column->meta & 0xff);
        *value = g_ascii_strtod (buffer, NULL);
        return TRUE;
      }
    default:
      if (!_mysql_binlog_value_get_integer (column, data, length, &bits, &is_signed))
        return FALSE;
      *value = is_signed ? (double) (gint64) bits : (double) bits;
      return TRUE;
    }
}

/* A nul-terminated copy of the @length bytes at @chars: g_strndup()
 * without its scan for a nul. */
static inline char *
dup_chars (const char *chars,
           gsize       length)
{
  char *copy = g_malloc (length + 1);

  memcpy (copy, chars, length);
  copy[length] = '\0';
  return copy;
}

/* Strings, ENUM, SET, VECTOR
 * ----------------------------------------------------------------------- */

static char *
format_hex (const guint8 *data,
            gsize         length)
{
  static const char hex[] = "0123456789ABCDEF";
  char *out = g_malloc (2 + length * 2 + 1);
  char *p = out;

  *p++ = '0';
  *p++ = 'x';
  for (gsize i = 0; i < length; i++)
    {
      *p++ = hex[data[i] >> 4];
      *p++ = hex[data[i] & 15];
    }
  *p = '\0';
  return out;
}

/* A member name, or its 1-based number when the members are unknown. */
static void
append_member (GString                 *out,
               const MysqlBinlogColumn *column,
               guint64                  number)
{
  const char *name;

  if (column->members == NULL || number == 0 || number > column->n_members ||
      (name = column->members[number - 1]) == NULL)
    {
      g_string_append_printf (out, "%" G_GUINT64_FORMAT, number);
      return;
    }
  /* Member names are valid UTF-8 (see MysqlBinlogColumn). */
  g_string_append (out, name);
}

static char *
format_enum (const MysqlBinlogColumn *column,
             guint64                  index)
{
  GString *out;

  /* 0 is the "error" member that invalid values get: the empty string. */
  if (index == 0)
    return g_strdup ("");
  if (column->members != NULL && index <= column->n_members &&
      column->members[index - 1] != NULL)
    return g_strdup (column->members[index - 1]);

  out = g_string_new (NULL);
  append_member (out, column, index);
  return g_string_free (out, FALSE);
}

static char *
format_set (const MysqlBinlogColumn *column,
            guint64                  bits)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < 64 && (bits >> i) != 0; i++)
    {
      if (((bits >> i) & 1) == 0)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ',');
      append_member (out, column, i + 1);
    }
  return g_string_free (out, FALSE);
}

static GVariant *
set_to_variant (const MysqlBinlogColumn *column,
                guint64                  bits)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; i < 64 && (bits >> i) != 0; i++)
    {
      GString *name;

      if (((bits >> i) & 1) == 0)
        continue;
      name = g_string_new (NULL);
      append_member (name, column, i + 1);
      g_variant_builder_add_value (&builder,
                                   g_variant_new_take_string (g_string_free (name, FALSE)));
    }
  return g_variant_builder_end (&builder);
}

static char *
format_vector (const guint8 *data,
               gsize         length)
{
  GString *out = g_string_sized_new (2 + length * 3);

  g_string_append_c (out, '[');
  for (gsize i = 0; i + 4 <= length; i += 4)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      _mysql_binlog_double_format (buffer, _mysql_binlog_le_float (data + i), TRUE);
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, buffer);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static GVariant *
vector_to_variant (const guint8 *data,
                   gsize         length)
{
  gsize n = length / 4;
  double *values = g_new (double, MAX (n, 1));
  GVariant *variant;

  for (gsize i = 0; i < n; i++)
    values[i] = _mysql_binlog_le_float (data + 4 * i);
  variant = g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, values, n, sizeof (double));
  g_free (values);
  return variant;
}

/* Any value
 * ----------------------------------------------------------------------- */

guint8 *
_mysql_binlog_value_pad_binary (const MysqlBinlogColumn *column,
                                const guint8            *payload,
                                gsize                    payload_length,
                                gsize                   *padded_length)
{
  guint max_length;
  guint8 *padded;

  /* BINARY(n) is padded with zero bytes that the binary log leaves out;
   * a SELECT returns them, and so does a row. */
  if (column->real_type != MYSQL_BINLOG_COLUMN_TYPE_STRING ||
      column->charset_kind != MYSQL_BINLOG_CHARSET_KIND_BINARY)
    return NULL;
  max_length = _mysql_binlog_column_string_max_length (column);
  if (payload_length >= max_length)
    return NULL;

  padded = g_malloc0 (max_length);
  memcpy (padded, payload, payload_length);
  *padded_length = max_length;
  return padded;
}

/* Writes @value in decimal at @out, with a '-' when @negative; returns the
 * end.  At most 21 bytes. */
static char *
put_integer (char     *out,
             guint64   magnitude,
             gboolean  negative)
{
  char digits[20];
  guint n = 0;

  do
    {
      digits[n++] = '0' + magnitude % 10;
      magnitude /= 10;
    }
  while (magnitude > 0);
  if (negative)
    *out++ = '-';
  while (n > 0)
    *out++ = digits[--n];
  return out;
}

gssize
_mysql_binlog_value_format (const MysqlBinlogColumn *column,
                            const guint8            *data,
                            gsize                    length,
                            char                    *buffer)
{
  char *end = buffer;
  guint64 bits;
  gboolean is_signed;

  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_NULL:
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
      {
        const char *member = NULL;
        gsize member_length;

        _mysql_binlog_value_get_integer (column, data, length, &bits, &is_signed);
        /* 0 is the "error" member that invalid values get: the empty string. */
        if (bits == 0)
          break;
        if (column->members != NULL && bits <= column->n_members)
          member = column->members[bits - 1];
        if (member == NULL)
          {
            /* Unknown members: their 1-based number. */
            end = put_integer (end, bits, FALSE);
            break;
          }
        member_length = strlen (member);
        if (member_length >= MYSQL_BINLOG_VALUE_TEXT_SIZE)
          return -1;
        memcpy (end, member, member_length);
        end += member_length;
      }
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL:
      {
        gssize size = _mysql_binlog_decimal_size (column->meta >> 8, column->meta & 0xff);

        if (size < 0 || (gsize) size > length)
          *end++ = '0';
        else
          end += _mysql_binlog_decimal_format (buffer, data, column->meta >> 8, column->meta & 0xff);
      }
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_YEAR:
    case MYSQL_BINLOG_COLUMN_TYPE_DATE:
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDATE:
    case MYSQL_BINLOG_COLUMN_TYPE_TIME:
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME:
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP:
    case MYSQL_BINLOG_COLUMN_TYPE_TIME2:
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME2:
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2:
      end = _mysql_binlog_temporal_format (column, data, length, end);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_TINY:
    case MYSQL_BINLOG_COLUMN_TYPE_SHORT:
    case MYSQL_BINLOG_COLUMN_TYPE_INT24:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG:
    case MYSQL_BINLOG_COLUMN_TYPE_LONGLONG:
    case MYSQL_BINLOG_COLUMN_TYPE_BIT:
      if (!_mysql_binlog_value_get_integer (column, data, length, &bits, &is_signed))
        return -1;
      if (is_signed && (gint64) bits < 0)
        end = put_integer (end, (guint64) 0 - bits, TRUE);
      else
        end = put_integer (end, bits, FALSE);
      break;
    default:
      return -1;
    }

  *end = '\0';
  return end - buffer;
}

char *
_mysql_binlog_value_to_string (const MysqlBinlogColumn *column,
                               const guint8            *data,
                               gsize                    length)
{
  gsize payload_offset, payload_length;
  guint64 bits;
  gboolean is_signed;
  double number;
  char buffer[MYSQL_BINLOG_VALUE_TEXT_SIZE];
  gssize text_length = _mysql_binlog_value_format (column, data, length, buffer);

  /* Numbers, DECIMAL, dates and times, YEAR, ENUM. */
  if (text_length >= 0)
    return dup_chars (buffer, text_length);

  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
      /* Members too long for the buffer. */
      _mysql_binlog_value_get_integer (column, data, length, &bits, &is_signed);
      return format_enum (column, bits);
    case MYSQL_BINLOG_COLUMN_TYPE_SET:
      _mysql_binlog_value_get_integer (column, data, length, &bits, &is_signed);
      return format_set (column, bits);
    case MYSQL_BINLOG_COLUMN_TYPE_FLOAT:
    case MYSQL_BINLOG_COLUMN_TYPE_DOUBLE:
      _mysql_binlog_value_get_double (column, data, length, &number);
      return _mysql_binlog_format_double (number,
                                          column->real_type == MYSQL_BINLOG_COLUMN_TYPE_FLOAT);
    case MYSQL_BINLOG_COLUMN_TYPE_JSON:
      if (!_mysql_binlog_value_get_payload (column, data, length, &payload_offset, &payload_length))
        return g_strdup ("null");
      return _mysql_binlog_json_to_string (data + payload_offset, payload_length);
    case MYSQL_BINLOG_COLUMN_TYPE_VECTOR:
      if (!_mysql_binlog_value_get_payload (column, data, length, &payload_offset, &payload_length))
        return g_strdup ("[]");
      return format_vector (data + payload_offset, payload_length);
    default:
      break;
    }

  if (_mysql_binlog_value_get_integer (column, data, length, &bits, &is_signed))
    {
      if (is_signed)
        return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) bits);
      return g_strdup_printf ("%" G_GUINT64_FORMAT, bits);
    }

  if (_mysql_binlog_value_get_payload (column, data, length, &payload_offset, &payload_length))
    {
      if (_mysql_binlog_value_kind (column) == MYSQL_BINLOG_VALUE_KIND_BYTES)
        {
          gsize padded_length = 0;
          g_autofree guint8 *padded = _mysql_binlog_value_pad_binary (column, data + payload_offset,
                                                                      payload_length, &padded_length);
          if (padded != NULL)
            return format_hex (padded, padded_length);
          return format_hex (data + payload_offset, payload_length);
        }
      return _mysql_binlog_column_to_utf8 (column, data + payload_offset, payload_length);
    }

  return format_hex (data, length);
}

GVariant *
_mysql_binlog_value_to_variant (const MysqlBinlogColumn *column,
                                const guint8            *data,
                                gsize                    length)
{
  gsize payload_offset, payload_length;
  guint64 bits;
  gboolean is_signed;
  double number;

  switch (_mysql_binlog_value_kind (column))
    {
    case MYSQL_BINLOG_VALUE_KIND_NONE:
      return g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL);
    case MYSQL_BINLOG_VALUE_KIND_INT64:
      _mysql_binlog_value_get_integer (column, data, length, &bits, &is_signed);
      return g_variant_new_int64 ((gint64) bits);
    case MYSQL_BINLOG_VALUE_KIND_UINT64:
      _mysql_binlog_value_get_integer (column, data, length, &bits, &is_signed);
      return g_variant_new_uint64 (bits);
    case MYSQL_BINLOG_VALUE_KIND_DOUBLE:
      _mysql_binlog_value_get_double (column, data, length, &number);
      return g_variant_new_double (number);
    case MYSQL_BINLOG_VALUE_KIND_STRV:
      _mysql_binlog_value_get_integer (column, data, length, &bits, &is_signed);
      return set_to_variant (column, bits);
    case MYSQL_BINLOG_VALUE_KIND_DOUBLEV:
      if (!_mysql_binlog_value_get_payload (column, data, length, &payload_offset, &payload_length))
        payload_offset = payload_length = 0;
      return vector_to_variant (data + payload_offset, payload_length);
    case MYSQL_BINLOG_VALUE_KIND_BYTES:
      {
        gsize padded_length = 0;
        g_autofree guint8 *padded = NULL;

        if (!_mysql_binlog_value_get_payload (column, data, length, &payload_offset, &payload_length))
          payload_offset = 0, payload_length = length;
        padded = _mysql_binlog_value_pad_binary (column, data + payload_offset, payload_length,
                                                 &padded_length);
        if (padded != NULL)
          return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, padded, padded_length, 1);
        return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data + payload_offset,
                                          payload_length, 1);
      }
    case MYSQL_BINLOG_VALUE_KIND_STRING:
    default:
      {
        /* Valid UTF-8 without NUL bytes: trusted, so not validated again
         * as g_variant_new_take_string() would. */
        char *text = _mysql_binlog_value_to_string (column, data, length);

        return g_variant_new_from_data (G_VARIANT_TYPE_STRING, text, strlen (text) + 1, TRUE,
                                        g_free, text);
      }
    }
}
