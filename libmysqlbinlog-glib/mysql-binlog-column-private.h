/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-table-private.h"

G_BEGIN_DECLS

/*
 * Column types and their metadata: what the type code and the metadata of
 * a table map say about a column's values without reading one: the real
 * type, which columns the table map's optional metadata counts, the size
 * of a stored value, how a row image frames it, how it is presented.
 *
 * The decoder (the table map, checks of row images), the row builder and
 * the value formatters stand on this layer; it stands only on the table
 * and the bytes.
 */

/* Fills real_type from type and meta. */
void        _mysql_binlog_column_resolve_real_type  (MysqlBinlogColumn       *column);
/* For STRING (CHAR/BINARY) columns: the maximum length in bytes. */
guint       _mysql_binlog_column_string_max_length  (const MysqlBinlogColumn *column);

/* Whether a column's values depend on its signedness (the integer,
 * floating-point and DECIMAL types; not YEAR) or on its character set
 * (CHAR, VARCHAR, TEXT and their binary forms; not ENUM, SET, GEOMETRY),
 * i.e. whether the table map or information_schema must say it.  Which
 * columns each field of the table map counts is another question, whose
 * answer depends on the server flavour: see mysql-binlog-table-map.c. */
gboolean    _mysql_binlog_column_is_numeric         (const MysqlBinlogColumn *column);
gboolean    _mysql_binlog_column_is_character       (const MysqlBinlogColumn *column);

/* {{{ Sizes */

/* The bytes of the fraction of TIME2, DATETIME2 and TIMESTAMP2 values with
 * @fsp (0 to 6) fractional digits. */
static inline guint
_mysql_binlog_fraction_bytes (guint fsp)
{
  return (fsp + 1) / 2;
}

/* The size of a TIME2, TIMESTAMP2 or DATETIME2 value (@type) with @fsp
 * (0 to 6) fractional digits: a big-endian integer of 3, 4 or 5 bytes,
 * then the fraction. */
static inline guint
_mysql_binlog_temporal2_size (guint8 type,
                              guint  fsp)
{
  guint whole;

  switch (type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_TIME2:
      whole = 3;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2:
      whole = 4;
      break;
    default:  /* DATETIME2 */
      whole = 5;
      break;
    }
  return whole + _mysql_binlog_fraction_bytes (fsp);
}

/* The size of a value under the old TIME, DATETIME and TIMESTAMP codes:
 * the old formats without fraction (3, 8 and 4 bytes) or, with @fsp
 * (0 to 6) fractional digits, MariaDB's "hires" ones of before 10.1.2.  A
 * hires TIME or DATETIME is a big-endian integer of as many bytes as its
 * range of values at that precision needs; a hires TIMESTAMP is the
 * big-endian seconds followed by the big-endian fraction, in 0 to 3
 * bytes. */
static inline guint
_mysql_binlog_old_temporal_size (guint8 type,
                                 guint  fsp)
{
  static const guint8 time_hires[7] = { 3, 4, 4, 5, 5, 5, 6 };
  static const guint8 datetime_hires[7] = { 8, 6, 6, 7, 7, 7, 8 };

  switch (type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_TIME:
      return time_hires[fsp];
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME:
      return datetime_hires[fsp];
    default:
      return 4 + _mysql_binlog_fraction_bytes (fsp);
    }
}

/* The bytes of a group of @digits (0 to 9) decimal digits in MySQL's
 * binary DECIMAL: nine digits take four bytes, fewer take fewer. */
static inline guint
_mysql_binlog_decimal_group_bytes (guint digits)
{
  static const guint8 group_bytes[10] = { 0, 1, 1, 2, 2, 3, 3, 4, 4, 4 };

  return group_bytes[digits];
}

/* The size of a binary DECIMAL(@precision, @scale), or -1 when the
 * precision and scale are not those of a DECIMAL. */
static inline gssize
_mysql_binlog_decimal_size (guint precision,
                            guint scale)
{
  guint integer_digits;

  if (precision == 0 || precision > 65 || scale > 30 || scale > precision)
    return -1;

  integer_digits = precision - scale;
  return (integer_digits / 9) * 4 + _mysql_binlog_decimal_group_bytes (integer_digits % 9) +
         (scale / 9) * 4 + _mysql_binlog_decimal_group_bytes (scale % 9);
}

/* Size in bytes of the value of @column stored at @data, or -1 when the
 * value would extend past @available bytes or the metadata is invalid. */
gssize      _mysql_binlog_value_size                (const MysqlBinlogColumn *column,
                                                     const guint8            *data,
                                                     gsize                    available);

/* How the values of a column are framed, computed once per rows event:
 * a fixed size (>= 0), minus the length of the length prefix (-1 to -4), or
 * MYSQL_BINLOG_FRAMING_CHECKED for columns that go through
 * _mysql_binlog_value_size() and the row's checks (NULL, JSON, VECTOR,
 * invalid metadata). */
#define MYSQL_BINLOG_FRAMING_CHECKED G_MININT32

gint32      _mysql_binlog_value_framing             (const MysqlBinlogColumn *column);

/* Where the payload of a string-like value (CHAR, VARCHAR, TEXT, BINARY,
 * VARBINARY, BLOB, GEOMETRY, JSON, VECTOR) is, without its length prefix;
 * FALSE for other types. */
gboolean    _mysql_binlog_value_get_payload         (const MysqlBinlogColumn *column,
                                                     const guint8            *data,
                                                     gsize                    length,
                                                     gsize                   *payload_offset,
                                                     gsize                   *payload_length);

/* }}} */

/* How a column's values are presented: the GVariant type of get_value(). */
typedef enum {
  MYSQL_BINLOG_VALUE_KIND_NONE = 0,  /* the NULL type: always SQL NULL */
  MYSQL_BINLOG_VALUE_KIND_INT64,     /* x: signed integers, YEAR */
  MYSQL_BINLOG_VALUE_KIND_UINT64,    /* t: unsigned integers, BIT */
  MYSQL_BINLOG_VALUE_KIND_DOUBLE,    /* d: FLOAT, DOUBLE */
  MYSQL_BINLOG_VALUE_KIND_STRING,    /* s: DECIMAL, text, ENUM, dates, JSON */
  MYSQL_BINLOG_VALUE_KIND_BYTES,     /* ay: binary strings, BLOB, GEOMETRY */
  MYSQL_BINLOG_VALUE_KIND_STRV,      /* as: SET */
  MYSQL_BINLOG_VALUE_KIND_DOUBLEV,   /* ad: VECTOR */
} MysqlBinlogValueKind;

MysqlBinlogValueKind _mysql_binlog_value_kind       (const MysqlBinlogColumn *column);

G_END_DECLS
