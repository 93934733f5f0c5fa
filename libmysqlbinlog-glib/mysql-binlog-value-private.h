/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-column-private.h"
#include "mysql-binlog-json-private.h"
#include "mysql-binlog-value-text-private.h"
#include "wire-private.h"

G_BEGIN_DECLS

/*
 * Decoding of single column values, as the binary log stores them.
 *
 * Every function takes the column and the stored value: @data points at the
 * first byte of the value (its length prefix included, for the types that
 * have one) and @length is what _mysql_binlog_value_size() returned for it,
 * so every byte in [data, data + length) may be read.  None of them fails on
 * malformed contents: they return a documented fallback instead.
 */

/* TINYINT to BIGINT, YEAR, BIT, ENUM (the index), SET (the bitmask).  Sets
 * *value to the value's bits and *is_signed to whether they are a gint64;
 * returns FALSE, touching nothing, for other types. */
gboolean             _mysql_binlog_value_get_integer   (const MysqlBinlogColumn *column,
                                                        const guint8            *data,
                                                        gsize                    length,
                                                        guint64                 *value,
                                                        gboolean                *is_signed);
/* _mysql_binlog_value_get_integer(), inlined where every value passes. */
static inline gboolean
_mysql_binlog_value_read_integer (const MysqlBinlogColumn *column,
                                  const guint8            *data,
                                  gsize                    length,
                                  guint64                 *value,
                                  gboolean                *is_signed)
{
  guint width;
  guint64 bits;

  /* Each width read with a constant size, which the byte readers fold. */
  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_TINY:
      width = 1;
      bits = length >= 1 ? data[0] : 0;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_SHORT:
      width = 2;
      bits = length >= 2 ? _mysql_binlog_le_uint (data, 2) : 0;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_INT24:
      width = 3;
      bits = length >= 3 ? _mysql_binlog_le_uint (data, 3) : 0;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_LONG:
      width = 4;
      bits = length >= 4 ? _mysql_binlog_le_uint (data, 4) : 0;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_LONGLONG:
      width = 8;
      bits = length >= 8 ? _mysql_binlog_le_uint (data, 8) : 0;
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
      /* One or two bytes (the pack length). */
      *value = length == 1 ? data[0] : _mysql_binlog_le_uint (data, MIN (length, 8));
      *is_signed = FALSE;
      return TRUE;
    case MYSQL_BINLOG_COLUMN_TYPE_SET:
      *value = _mysql_binlog_le_uint (data, MIN (length, 8));
      *is_signed = FALSE;
      return TRUE;
    default:
      return FALSE;
    }

  /* A short value (which framing never gives) reads as 0. */
  *is_signed = !column->is_unsigned;
  if (*is_signed && length >= width)
    bits = (guint64) _mysql_binlog_sign_extend (bits, width * 8);
  *value = bits;
  return TRUE;
}

/* The integer types, FLOAT, DOUBLE, DECIMAL; FALSE for other types. */
gboolean             _mysql_binlog_value_get_double    (const MysqlBinlogColumn *column,
                                                        const guint8            *data,
                                                        gsize                    length,
                                                        double                  *value);
/* Writes the text _mysql_binlog_value_to_string() gives for @data into
 * @buffer (MYSQL_BINLOG_VALUE_TEXT_SIZE bytes) without allocating, and
 * returns its length; -1, with @buffer untouched, for the types whose text
 * can be longer (strings, BLOB, SET, JSON, FLOAT, DOUBLE, ...). */
gssize               _mysql_binlog_value_format        (const MysqlBinlogColumn *column,
                                                        const guint8            *data,
                                                        gsize                    length,
                                                        char                    *buffer);
/* Any value as valid UTF-8 text; never NULL. */
char                *_mysql_binlog_value_to_string     (const MysqlBinlogColumn *column,
                                                        const guint8            *data,
                                                        gsize                    length);
/* The same text, written into @out. */
void                 _mysql_binlog_value_write         (const MysqlBinlogColumn *column,
                                                        const guint8            *data,
                                                        gsize                    length,
                                                        MysqlBinlogTextSink     *out);
/* The text of a CHAR, VARCHAR or TEXT value into @buffer (@size bytes),
 * with a nul, when it is plain ASCII: its length, and the text
 * _mysql_binlog_value_write() writes, cut to @size - 1 bytes as
 * mysql_binlog_row_format_value() cuts it when longer.  -1, with nothing
 * written, for every other value. */
gssize               _mysql_binlog_value_copy_short_text (const MysqlBinlogColumn *column,
                                                          const guint8            *data,
                                                          gsize                    length,
                                                          char                    *buffer,
                                                          gsize                    size);
/* The same, for the values _mysql_binlog_value_format() gave -1 for. */
void                 _mysql_binlog_value_write_unformatted (const MysqlBinlogColumn *column,
                                                            const guint8            *data,
                                                            gsize                    length,
                                                            MysqlBinlogTextSink     *out);
/* Any value as a floating GVariant of the type of its kind. */
GVariant            *_mysql_binlog_value_to_variant    (const MysqlBinlogColumn *column,
                                                        const guint8            *data,
                                                        gsize                    length);

/* The payload of a BINARY(n) value without the zero bytes the server strips
 * from its end when it logs it: a copy padded back to n bytes, or NULL
 * when nothing was stripped (the payload can then be used as it is). */
guint8  *_mysql_binlog_value_pad_binary (const MysqlBinlogColumn *column,
                                         const guint8            *payload,
                                         gsize                    payload_length,
                                         gsize                   *padded_length);

G_END_DECLS
