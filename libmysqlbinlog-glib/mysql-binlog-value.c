/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-value-private.h"
#include "mysql-binlog-charset-private.h"
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
  return _mysql_binlog_value_read_integer (column, data, length, value, is_signed);
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

/* @data as `0x` and upper-case hexadecimal, followed by "00" for each of
 * @zeros zero bytes (those the server strips from a BINARY(n) value). */
static void
write_hex (MysqlBinlogTextSink *out,
           const guint8        *data,
           gsize                length,
           gsize                zeros)
{
  static const char hex[] = "0123456789ABCDEF";
  char chunk[256];
  gsize n = 0;

  _mysql_binlog_text_sink_append_len (out, "0x", 2);
  for (gsize i = 0; i < length; i++)
    {
      chunk[n++] = hex[data[i] >> 4];
      chunk[n++] = hex[data[i] & 15];
      if (n == sizeof chunk)
        {
          _mysql_binlog_text_sink_append_len (out, chunk, n);
          n = 0;
        }
    }
  for (gsize i = 0; i < zeros; i++)
    {
      chunk[n++] = '0';
      chunk[n++] = '0';
      if (n == sizeof chunk)
        {
          _mysql_binlog_text_sink_append_len (out, chunk, n);
          n = 0;
        }
    }
  _mysql_binlog_text_sink_append_len (out, chunk, n);
}

/* "00" to "99": two digits per division. */
static const char digit_pairs[] =
  "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

/* The number of decimal digits of @value. */
static inline guint
count_digits (guint64 value)
{
  static const guint64 powers[20] = {
    G_GUINT64_CONSTANT (1), G_GUINT64_CONSTANT (10), G_GUINT64_CONSTANT (100),
    G_GUINT64_CONSTANT (1000), G_GUINT64_CONSTANT (10000), G_GUINT64_CONSTANT (100000),
    G_GUINT64_CONSTANT (1000000), G_GUINT64_CONSTANT (10000000),
    G_GUINT64_CONSTANT (100000000), G_GUINT64_CONSTANT (1000000000),
    G_GUINT64_CONSTANT (10000000000), G_GUINT64_CONSTANT (100000000000),
    G_GUINT64_CONSTANT (1000000000000), G_GUINT64_CONSTANT (10000000000000),
    G_GUINT64_CONSTANT (100000000000000), G_GUINT64_CONSTANT (1000000000000000),
    G_GUINT64_CONSTANT (10000000000000000), G_GUINT64_CONSTANT (100000000000000000),
    G_GUINT64_CONSTANT (1000000000000000000), G_GUINT64_CONSTANT (10000000000000000000),
  };
  /* log10 (2) ~ 1233 / 4096: from the number of bits, the number of
   * digits or one more than it; @value | 1 has as many digits as @value
   * and is not 0. */
  guint64 odd = value | 1;
  guint guess = ((64 - __builtin_clzll (odd)) * 1233) >> 12;

  return guess + 1 - (odd < powers[guess]);
}

/* Writes @value in decimal at @out, with a '-' when @negative; returns the
 * end.  At most 21 bytes.  Written in place, back to front, without a
 * copy. */
static inline char *
put_integer (char     *out,
             guint64   magnitude,
             gboolean  negative)
{
  char *end;
  char *p;

  if (negative)
    *out++ = '-';
  end = out + count_digits (magnitude);
  p = end;
  /* Four digits per division of the whole, two pairs from them. */
  while (magnitude >= 10000)
    {
      guint32 four = magnitude % 10000;

      magnitude /= 10000;
      p -= 4;
      memcpy (p, digit_pairs + 2 * (four / 100), 2);
      memcpy (p + 2, digit_pairs + 2 * (four % 100), 2);
    }
  if (magnitude >= 100)
    {
      p -= 2;
      memcpy (p, digit_pairs + 2 * (magnitude % 100), 2);
      magnitude /= 100;
    }
  if (magnitude >= 10)
    memcpy (p - 2, digit_pairs + 2 * magnitude, 2);
  else
    p[-1] = '0' + (char) magnitude;
  return end;
}

static void
write_integer (MysqlBinlogTextSink *out,
               guint64              bits,
               gboolean             is_signed)
{
  char digits[24];
  char *end;

  if (is_signed && (gint64) bits < 0)
    end = put_integer (digits, (guint64) 0 - bits, TRUE);
  else
    end = put_integer (digits, bits, FALSE);
  _mysql_binlog_text_sink_append_len (out, digits, end - digits);
}

/* A member name, or its 1-based number when the members are unknown. */
static void
write_member (MysqlBinlogTextSink     *out,
              const MysqlBinlogColumn *column,
              guint64                  number)
{
  const char *name;

  if (column->members == NULL || number == 0 || number > column->n_members ||
      (name = column->members[number - 1]) == NULL)
    {
      write_integer (out, number, FALSE);
      return;
    }
  /* Member names are valid UTF-8 (see MysqlBinlogColumn). */
  _mysql_binlog_text_sink_append (out, name);
}

static void
append_member (GString                 *string,
               const MysqlBinlogColumn *column,
               guint64                  number)
{
  MysqlBinlogTextSink out;

  _mysql_binlog_text_sink_init_string (&out, string);
  write_member (&out, column, number);
}

static void
write_set (MysqlBinlogTextSink     *out,
           const MysqlBinlogColumn *column,
           guint64                  bits)
{
  gboolean first = TRUE;

  for (guint i = 0; i < 64 && (bits >> i) != 0; i++)
    {
      if (((bits >> i) & 1) == 0)
        continue;
      if (!first)
        _mysql_binlog_text_sink_append_c (out, ',');
      first = FALSE;
      write_member (out, column, i + 1);
    }
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

static void
write_vector (MysqlBinlogTextSink *out,
              const guint8        *data,
              gsize                length)
{
  _mysql_binlog_text_sink_append_c (out, '[');
  for (gsize i = 0; i + 4 <= length; i += 4)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      _mysql_binlog_double_format (buffer, _mysql_binlog_le_float (data + i), TRUE);
      if (i > 0)
        _mysql_binlog_text_sink_append_c (out, ',');
      _mysql_binlog_text_sink_append (out, buffer);
    }
  _mysql_binlog_text_sink_append_c (out, ']');
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
      column->charset_kind != MYSQL_BINLOG_CHARSET_KIND_BINARY || column->unpadded)
    return NULL;
  max_length = _mysql_binlog_column_string_max_length (column);
  if (payload_length >= max_length)
    return NULL;

  padded = g_malloc0 (max_length);
  memcpy (padded, payload, payload_length);
  *padded_length = max_length;
  return padded;
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

        _mysql_binlog_value_read_integer (column, data, length, &bits, &is_signed);
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
      if (!_mysql_binlog_value_read_integer (column, data, length, &bits, &is_signed))
        return -1;
      if (is_signed && (gint64) bits < 0)
        end = put_integer (end, (guint64) 0 - bits, TRUE);
      else
        end = put_integer (end, bits, FALSE);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_FLOAT:
    case MYSQL_BINLOG_COLUMN_TYPE_DOUBLE:
      {
        double number;

        /* G_ASCII_DTOSTR_BUF_SIZE bytes at most, below the buffer's size. */
        G_STATIC_ASSERT (G_ASCII_DTOSTR_BUF_SIZE <= MYSQL_BINLOG_VALUE_TEXT_SIZE);
        if (!_mysql_binlog_value_get_double (column, data, length, &number))
          return -1;
        return _mysql_binlog_double_format (buffer, number,
                                            column->real_type == MYSQL_BINLOG_COLUMN_TYPE_FLOAT);
      }
    default:
      return -1;
    }

  *end = '\0';
  return end - buffer;
}

gssize
_mysql_binlog_value_copy_short_text (const MysqlBinlogColumn *column,
                                     const guint8            *data,
                                     gsize                    length,
                                     char                    *buffer,
                                     gsize                    size)
{
  gsize payload_offset, payload_length;

  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_VARCHAR:
    case MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING:
    case MYSQL_BINLOG_COLUMN_TYPE_STRING:
    case MYSQL_BINLOG_COLUMN_TYPE_TINY_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_MEDIUM_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_BLOB:
      break;
    default:
      return -1;
    }
  /* Binary strings are written in hex (_mysql_binlog_value_kind () of
   * these types). */
  if (column->charset_kind == MYSQL_BINLOG_CHARSET_KIND_BINARY ||
      !_mysql_binlog_value_get_payload (column, data, length, &payload_offset, &payload_length) ||
      !_mysql_binlog_column_copy_ascii (column, data + payload_offset, payload_length,
                                        buffer, size))
    return -1;
  return payload_length;
}

void
_mysql_binlog_value_write (const MysqlBinlogColumn *column,
                           const guint8            *data,
                           gsize                    length,
                           MysqlBinlogTextSink     *out)
{
  char buffer[MYSQL_BINLOG_VALUE_TEXT_SIZE];
  gssize text_length = _mysql_binlog_value_format (column, data, length, buffer);

  /* Numbers, DECIMAL, dates and times, YEAR, ENUM. */
  if (text_length >= 0)
    _mysql_binlog_text_sink_append_len (out, buffer, text_length);
  else
    _mysql_binlog_value_write_unformatted (column, data, length, out);
}

void
_mysql_binlog_value_write_unformatted (const MysqlBinlogColumn *column,
                                       const guint8            *data,
                                       gsize                    length,
                                       MysqlBinlogTextSink     *out)
{
  gsize payload_offset, payload_length;
  guint64 bits;
  gboolean is_signed;
  double number;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
      /* Members too long for the buffer; 0 is the "error" member that
       * invalid values get: the empty string. */
      _mysql_binlog_value_get_integer (column, data, length, &bits, &is_signed);
      if (bits != 0)
        write_member (out, column, bits);
      return;
    case MYSQL_BINLOG_COLUMN_TYPE_SET:
      _mysql_binlog_value_get_integer (column, data, length, &bits, &is_signed);
      write_set (out, column, bits);
      return;
    case MYSQL_BINLOG_COLUMN_TYPE_FLOAT:
    case MYSQL_BINLOG_COLUMN_TYPE_DOUBLE:
      _mysql_binlog_value_get_double (column, data, length, &number);
      _mysql_binlog_double_format (buffer, number,
                                   column->real_type == MYSQL_BINLOG_COLUMN_TYPE_FLOAT);
      _mysql_binlog_text_sink_append (out, buffer);
      return;
    case MYSQL_BINLOG_COLUMN_TYPE_JSON:
      if (!_mysql_binlog_value_get_payload (column, data, length, &payload_offset, &payload_length))
        _mysql_binlog_text_sink_append_len (out, "null", 4);
      else
        _mysql_binlog_json_write (data + payload_offset, payload_length, out);
      return;
    case MYSQL_BINLOG_COLUMN_TYPE_VECTOR:
      if (!_mysql_binlog_value_get_payload (column, data, length, &payload_offset, &payload_length))
        _mysql_binlog_text_sink_append_len (out, "[]", 2);
      else
        write_vector (out, data + payload_offset, payload_length);
      return;
    default:
      break;
    }

  if (_mysql_binlog_value_get_integer (column, data, length, &bits, &is_signed))
    {
      write_integer (out, bits, is_signed);
      return;
    }

  if (_mysql_binlog_value_get_payload (column, data, length, &payload_offset, &payload_length))
    {
      if (_mysql_binlog_value_kind (column) == MYSQL_BINLOG_VALUE_KIND_BYTES)
        {
          gsize zeros = 0;

          /* BINARY(n) is padded with the zero bytes that the binary log
           * leaves out (see _mysql_binlog_value_pad_binary()). */
          if (column->real_type == MYSQL_BINLOG_COLUMN_TYPE_STRING &&
              column->charset_kind == MYSQL_BINLOG_CHARSET_KIND_BINARY && !column->unpadded)
            {
              guint max_length = _mysql_binlog_column_string_max_length (column);

              if (payload_length < max_length)
                zeros = max_length - payload_length;
            }
          write_hex (out, data + payload_offset, payload_length, zeros);
          return;
        }
      _mysql_binlog_column_write_utf8 (column, data + payload_offset, payload_length, out);
      return;
    }

  write_hex (out, data, length, 0);
}

char *
_mysql_binlog_value_to_string (const MysqlBinlogColumn *column,
                               const guint8            *data,
                               gsize                    length)
{
  char buffer[256];
  gssize text_length = _mysql_binlog_value_format (column, data, length, buffer);
  MysqlBinlogTextSink out;
  gsize whole;
  char *text;

  /* Numbers, DECIMAL, dates and times, YEAR, ENUM: one allocation. */
  if (text_length >= 0)
    return dup_chars (buffer, text_length);

  /* A short text is written on the stack and copied: one allocation of
   * its size, as for the numbers. */
  _mysql_binlog_text_sink_init_buffer (&out, buffer, sizeof buffer);
  _mysql_binlog_value_write_unformatted (column, data, length, &out);
  whole = _mysql_binlog_text_sink_finish (&out);
  if (whole < sizeof buffer)
    return dup_chars (buffer, whole);

  /* A longer one is written again, into a buffer of its whole length. */
  text = g_malloc (whole + 1);
  _mysql_binlog_text_sink_init_buffer (&out, text, whole + 1);
  _mysql_binlog_value_write_unformatted (column, data, length, &out);
  g_assert (_mysql_binlog_text_sink_finish (&out) == whole);
  return text;
}

GVariant *
_mysql_binlog_value_to_variant (const MysqlBinlogColumn *column,
                                const guint8            *data,
                                gsize                    length)
{
  gsize payload_offset, payload_length;
  guint64 bits = 0;
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
