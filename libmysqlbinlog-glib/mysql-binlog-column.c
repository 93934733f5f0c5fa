/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-column-private.h"
#include "wire-private.h"

/*
 * Column types and what their metadata says of the stored values.
 *
 * The storage formats are those of the server's row images (the "pack"
 * formats of MySQL's Field classes), which MariaDB shares:
 *
 * - integers, FLOAT, DOUBLE, YEAR, the old DATE/TIME/DATETIME/TIMESTAMP:
 *   little-endian, fixed size;
 * - DECIMAL: MySQL's binary decimal (groups of nine digits in four bytes,
 *   big-endian, sign in the flipped high bit);
 * - TIME2, DATETIME2, TIMESTAMP2: big-endian, sortable, with 0 to 3 bytes of
 *   fraction;
 * - strings, BLOBs, GEOMETRY, JSON, VECTOR: a little-endian length prefix
 *   then the bytes;
 * - ENUM, SET: the index or the bitmask, little-endian, 1 to 8 bytes;
 * - BIT: big-endian.
 *
 * Nothing here reads a value but for its length prefix.
 */

/* Column metadata
 * ----------------------------------------------------------------------- */

void
_mysql_binlog_column_resolve_real_type (MysqlBinlogColumn *column)
{
  column->real_type = column->type;

  /* The table map writes ENUM and SET as STRING, with the real type in the
   * first metadata byte.  A CHAR longer than 255 bytes steals two bits of
   * that byte for its length: those two bits are then not both set. */
  if (column->type == MYSQL_BINLOG_COLUMN_TYPE_STRING && column->meta >= 256)
    {
      guint byte0 = column->meta >> 8;

      if ((byte0 & 0x30) == 0x30 &&
          (byte0 == MYSQL_BINLOG_COLUMN_TYPE_ENUM || byte0 == MYSQL_BINLOG_COLUMN_TYPE_SET))
        column->real_type = byte0;
    }
}

guint
_mysql_binlog_column_string_max_length (const MysqlBinlogColumn *column)
{
  guint byte0 = column->meta >> 8;
  guint byte1 = column->meta & 0xff;

  if (column->meta < 256)
    return column->meta;
  if ((byte0 & 0x30) != 0x30)
    return byte1 | (((byte0 & 0x30) ^ 0x30) << 4);
  return byte1;
}

gboolean
_mysql_binlog_column_is_numeric (const MysqlBinlogColumn *column)
{
  switch (column->type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_TINY:
    case MYSQL_BINLOG_COLUMN_TYPE_SHORT:
    case MYSQL_BINLOG_COLUMN_TYPE_INT24:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG:
    case MYSQL_BINLOG_COLUMN_TYPE_LONGLONG:
    case MYSQL_BINLOG_COLUMN_TYPE_FLOAT:
    case MYSQL_BINLOG_COLUMN_TYPE_DOUBLE:
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL:
    case MYSQL_BINLOG_COLUMN_TYPE_DECIMAL:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
_mysql_binlog_column_is_character (const MysqlBinlogColumn *column)
{
  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_STRING:
    case MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING:
    case MYSQL_BINLOG_COLUMN_TYPE_VARCHAR:
    case MYSQL_BINLOG_COLUMN_TYPE_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_TINY_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_MEDIUM_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG_BLOB:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Sizes
 * ----------------------------------------------------------------------- */

/* The bytes of the length prefix of a string, BLOB, GEOMETRY, JSON or
 * VECTOR value as the metadata says (1 to 4 when it is sane), 0 for other
 * types. */
static inline guint
prefix_length (const MysqlBinlogColumn *column)
{
  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_VARCHAR:
    case MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING:
      return column->meta < 256 ? 1 : 2;
    case MYSQL_BINLOG_COLUMN_TYPE_STRING:
      return _mysql_binlog_column_string_max_length (column) < 256 ? 1 : 2;
    case MYSQL_BINLOG_COLUMN_TYPE_TINY_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_MEDIUM_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY:
    case MYSQL_BINLOG_COLUMN_TYPE_JSON:
    case MYSQL_BINLOG_COLUMN_TYPE_VECTOR:
      return column->meta;
    default:
      return 0;
    }
}

gssize
_mysql_binlog_value_size (const MysqlBinlogColumn *column,
                          const guint8            *data,
                          gsize                    available)
{
  gsize size;
  guint prefix;
  guint64 payload;

  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_NULL:
      size = 0;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_TINY:
    case MYSQL_BINLOG_COLUMN_TYPE_YEAR:
      size = 1;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_SHORT:
      size = 2;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_INT24:
    case MYSQL_BINLOG_COLUMN_TYPE_DATE:
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDATE:
      size = 3;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_LONG:
    case MYSQL_BINLOG_COLUMN_TYPE_FLOAT:
      size = 4;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_LONGLONG:
    case MYSQL_BINLOG_COLUMN_TYPE_DOUBLE:
      size = 8;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_TIME:
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME:
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP:
      if (column->precision_unknown || column->meta > 6)
        return -1;
      size = _mysql_binlog_old_temporal_size (column->real_type, column->meta);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_TIME2:
    case MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2:
    case MYSQL_BINLOG_COLUMN_TYPE_DATETIME2:
      if (column->meta > 6)
        return -1;
      size = _mysql_binlog_temporal2_size (column->real_type, column->meta);
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL:
      {
        gssize decimal = _mysql_binlog_decimal_size (column->meta >> 8, column->meta & 0xff);
        if (decimal < 0)
          return -1;
        size = decimal;
      }
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_BIT:
      {
        guint bytes = column->meta >> 8;
        guint bits = column->meta & 0xff;

        if (bits > 7)
          return -1;
        size = bytes + (bits != 0 ? 1 : 0);
        if (size == 0 || size > 8)
          return -1;
      }
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
      size = column->meta & 0xff;
      if (size != 1 && size != 2)
        return -1;
      break;
    case MYSQL_BINLOG_COLUMN_TYPE_SET:
      size = column->meta & 0xff;
      if (size < 1 || size > 8)
        return -1;
      break;
    default:
      /* The values with a length prefix; the pre-5.0 DECIMAL and unknown
       * types (no prefix) cannot be framed. */
      prefix = prefix_length (column);
      if (prefix < 1 || prefix > 4)
        return -1;
      goto prefixed;
    }

  if (size > available)
    return -1;
  return size;

prefixed:
  if (available < prefix)
    return -1;
  payload = _mysql_binlog_le_length (data, prefix);
  if (payload > available - prefix || payload > (guint64) G_MAXSSIZE - prefix)
    return -1;
  return prefix + payload;
}

gint32
_mysql_binlog_value_framing (const MysqlBinlogColumn *column)
{
  gssize size;

  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_VARCHAR:
    case MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING:
    case MYSQL_BINLOG_COLUMN_TYPE_STRING:
    case MYSQL_BINLOG_COLUMN_TYPE_TINY_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_MEDIUM_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY:
      {
        guint prefix = prefix_length (column);

        if (prefix < 1 || prefix > 4)
          return MYSQL_BINLOG_FRAMING_CHECKED;
        return -(gint32) prefix;
      }
    case MYSQL_BINLOG_COLUMN_TYPE_NULL:
    case MYSQL_BINLOG_COLUMN_TYPE_JSON:
    case MYSQL_BINLOG_COLUMN_TYPE_VECTOR:
      /* NULL columns have no value; JSON may hold diffs and VECTOR
       * values are checked against their dimensions. */
      return MYSQL_BINLOG_FRAMING_CHECKED;
    default:
      /* Every other type has a fixed size, which does not read @data. */
      size = _mysql_binlog_value_size (column, NULL, G_MAXSSIZE);
      return size >= 0 && size <= G_MAXINT32 ? (gint32) size : MYSQL_BINLOG_FRAMING_CHECKED;
    }
}

gboolean
_mysql_binlog_value_get_payload (const MysqlBinlogColumn *column,
                                 const guint8            *data,
                                 gsize                    length,
                                 gsize                   *payload_offset,
                                 gsize                   *payload_length)
{
  guint prefix = prefix_length (column);

  if (prefix == 0 || prefix > length)
    return FALSE;

  *payload_offset = prefix;
  *payload_length = length - prefix;
  return TRUE;
}

MysqlBinlogValueKind
_mysql_binlog_value_kind (const MysqlBinlogColumn *column)
{
  switch (column->real_type)
    {
    case MYSQL_BINLOG_COLUMN_TYPE_NULL:
      return MYSQL_BINLOG_VALUE_KIND_NONE;
    case MYSQL_BINLOG_COLUMN_TYPE_TINY:
    case MYSQL_BINLOG_COLUMN_TYPE_SHORT:
    case MYSQL_BINLOG_COLUMN_TYPE_INT24:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG:
    case MYSQL_BINLOG_COLUMN_TYPE_LONGLONG:
      return column->is_unsigned ? MYSQL_BINLOG_VALUE_KIND_UINT64 : MYSQL_BINLOG_VALUE_KIND_INT64;
    case MYSQL_BINLOG_COLUMN_TYPE_YEAR:
      return MYSQL_BINLOG_VALUE_KIND_INT64;
    case MYSQL_BINLOG_COLUMN_TYPE_BIT:
      return MYSQL_BINLOG_VALUE_KIND_UINT64;
    case MYSQL_BINLOG_COLUMN_TYPE_FLOAT:
    case MYSQL_BINLOG_COLUMN_TYPE_DOUBLE:
      return MYSQL_BINLOG_VALUE_KIND_DOUBLE;
    case MYSQL_BINLOG_COLUMN_TYPE_ENUM:
      /* Without its members, the number of the member: never a string
       * that could pass for a member's name. */
      return column->members == NULL ? MYSQL_BINLOG_VALUE_KIND_UINT64 : MYSQL_BINLOG_VALUE_KIND_STRING;
    case MYSQL_BINLOG_COLUMN_TYPE_SET:
      return column->members == NULL ? MYSQL_BINLOG_VALUE_KIND_UINT64 : MYSQL_BINLOG_VALUE_KIND_STRV;
    case MYSQL_BINLOG_COLUMN_TYPE_VECTOR:
      return MYSQL_BINLOG_VALUE_KIND_DOUBLEV;
    case MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY:
      return MYSQL_BINLOG_VALUE_KIND_BYTES;
    case MYSQL_BINLOG_COLUMN_TYPE_STRING:
    case MYSQL_BINLOG_COLUMN_TYPE_VARCHAR:
    case MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING:
    case MYSQL_BINLOG_COLUMN_TYPE_TINY_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_MEDIUM_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_LONG_BLOB:
    case MYSQL_BINLOG_COLUMN_TYPE_BLOB:
      return column->charset_kind == MYSQL_BINLOG_CHARSET_KIND_BINARY
             ? MYSQL_BINLOG_VALUE_KIND_BYTES : MYSQL_BINLOG_VALUE_KIND_STRING;
    default:
      /* DECIMAL, ENUM, the temporal types, JSON */
      return MYSQL_BINLOG_VALUE_KIND_STRING;
    }
}
