/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "config.h"

#include <string.h>
#include <glib.h>
#include <zlib.h>
#if HAVE_LIBDEFLATE
#include <libdeflate.h>
#endif

G_BEGIN_DECLS

/*
 * The bytes of the wire: the integers of the binary log and of the
 * client/server protocol, and the CRC-32 of the event checksums.
 *
 * This is the lowest layer of the library: it knows nothing of events,
 * tables or columns, and every reader of bytes uses it instead of shifting
 * bytes of its own.  Everything here is static inline, as the decoder's
 * inner loops need it, and reads exactly the bytes it is told to: the
 * caller checks the bounds (or uses the _checked forms below).
 *
 * Most integers are little-endian.  Big-endian ones are those that sort as
 * bytes: DECIMAL groups, BIT, TIME2/DATETIME2/TIMESTAMP2 and MariaDB's
 * hires temporals.
 */

/* {{{ Little-endian */

static inline guint16
_mysql_binlog_le16 (const guint8 *p)
{
  return (guint16) (p[0] | ((guint) p[1] << 8));
}

static inline guint32
_mysql_binlog_le24 (const guint8 *p)
{
  return p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16);
}

static inline guint32
_mysql_binlog_le32 (const guint8 *p)
{
  return p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

static inline guint64
_mysql_binlog_le48 (const guint8 *p)
{
  return _mysql_binlog_le32 (p) | ((guint64) _mysql_binlog_le16 (p + 4) << 32);
}

static inline guint64
_mysql_binlog_le64 (const guint8 *p)
{
  return _mysql_binlog_le32 (p) | ((guint64) _mysql_binlog_le32 (p + 4) << 32);
}

/* An unsigned integer of @n bytes (0 to 8); folded when @n is constant.
 * The usual sizes go through the readers above, which compilers turn into
 * one load (a loop over the bytes they do not). */
static inline guint64
_mysql_binlog_le_uint (const guint8 *p,
                       guint         n)
{
  guint64 value = 0;

  switch (n)
    {
    case 1:
      return p[0];
    case 2:
      return _mysql_binlog_le16 (p);
    case 3:
      return _mysql_binlog_le24 (p);
    case 4:
      return _mysql_binlog_le32 (p);
    case 8:
      return _mysql_binlog_le64 (p);
    default:
      break;
    }
  while (n > 0)
    {
      n--;
      value = (value << 8) | p[n];
    }
  return value;
}

/* The length prefix of a string, BLOB, GEOMETRY, JSON or VECTOR value:
 * 1 to 4 bytes (4 for any other @n). */
static inline guint32
_mysql_binlog_le_length (const guint8 *p,
                         guint         n)
{
  switch (n)
    {
    case 1:
      return p[0];
    case 2:
      return _mysql_binlog_le16 (p);
    case 3:
      return _mysql_binlog_le24 (p);
    default:
      return _mysql_binlog_le32 (p);
    }
}

/* Sign-extends the low @bits bits (1 to 64) of @value. */
static inline gint64
_mysql_binlog_sign_extend (guint64 value,
                           guint   bits)
{
  if (bits < 64 && (value & (G_GUINT64_CONSTANT (1) << (bits - 1))) != 0)
    value |= ~G_GUINT64_CONSTANT (0) << bits;
  return (gint64) value;
}

/* A two's complement integer of @n bytes (1 to 8). */
static inline gint64
_mysql_binlog_le_int (const guint8 *p,
                      guint         n)
{
  return _mysql_binlog_sign_extend (_mysql_binlog_le_uint (p, n), 8 * n);
}

/* IEEE 754 numbers, as FLOAT, DOUBLE, VECTOR and JSON store them. */
static inline float
_mysql_binlog_le_float (const guint8 *p)
{
  guint32 bits = _mysql_binlog_le32 (p);
  float value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

static inline double
_mysql_binlog_le_double (const guint8 *p)
{
  guint64 bits = _mysql_binlog_le64 (p);
  double value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

/* Writes the low @n bytes (0 to 8) of @value at @p. */
static inline void
_mysql_binlog_put_le_uint (guint8  *p,
                           guint64  value,
                           guint    n)
{
  for (guint i = 0; i < n; i++)
    p[i] = (value >> (8 * i)) & 0xff;
}

static inline void
_mysql_binlog_put_le16 (guint8  *p,
                        guint16  value)
{
  _mysql_binlog_put_le_uint (p, value, 2);
}

static inline void
_mysql_binlog_put_le32 (guint8  *p,
                        guint32  value)
{
  _mysql_binlog_put_le_uint (p, value, 4);
}

static inline void
_mysql_binlog_put_le64 (guint8  *p,
                        guint64  value)
{
  _mysql_binlog_put_le_uint (p, value, 8);
}

/* }}} */

/* {{{ Big-endian */

/* An unsigned integer of @n bytes (0 to 8); folded when @n is constant:
 * the usual sizes as one load, the others a byte at a time. */
static inline guint64
_mysql_binlog_be_uint (const guint8 *p,
                       guint         n)
{
  guint64 value = 0;
  guint32 word;

  switch (n)
    {
    case 1:
      return p[0];
    case 2:
      return ((guint) p[0] << 8) | p[1];
    case 4:
      memcpy (&word, p, 4);
      return GUINT32_FROM_BE (word);
    case 5:
      memcpy (&word, p, 4);
      return ((guint64) GUINT32_FROM_BE (word) << 8) | p[4];
    case 8:
      {
        guint64 wide;

        memcpy (&wide, p, 8);
        return GUINT64_FROM_BE (wide);
      }
    default:
      break;
    }
  for (guint i = 0; i < n; i++)
    value = (value << 8) | p[i];
  return value;
}

/* A two's complement integer of @n bytes (1 to 8). */
static inline gint64
_mysql_binlog_be_int (const guint8 *p,
                      guint         n)
{
  return _mysql_binlog_sign_extend (_mysql_binlog_be_uint (p, n), 8 * n);
}

/* Writes the low @n bytes (0 to 8) of @value at @p, the highest first. */
static inline void
_mysql_binlog_put_be_uint (guint8  *p,
                           guint64  value,
                           guint    n)
{
  for (guint i = 0; i < n; i++)
    p[i] = (value >> (8 * (n - 1 - i))) & 0xff;
}

/* }}} */

/* {{{ Length-encoded integers of the client/server protocol */

/* The length-encoded integer at *@p, which moves past it: a byte below
 * 251, or 252, 253 or 254 followed by 2, 3 or 8 bytes.  FALSE, touching
 * nothing, when it runs past @end, or is the NULL marker (251) or 255. */
static inline gboolean
_mysql_binlog_read_packed (const guint8 **p,
                           const guint8  *end,
                           guint64       *value)
{
  const guint8 *q = *p;

  if (q >= end)
    return FALSE;
  if (*q < 251)
    {
      *value = *q;
      *p = q + 1;
      return TRUE;
    }
  switch (*q)
    {
    case 252:
      if (end - q < 3)
        return FALSE;
      *value = _mysql_binlog_le16 (q + 1);
      *p = q + 3;
      return TRUE;
    case 253:
      if (end - q < 4)
        return FALSE;
      *value = _mysql_binlog_le24 (q + 1);
      *p = q + 4;
      return TRUE;
    case 254:
      if (end - q < 9)
        return FALSE;
      *value = _mysql_binlog_le64 (q + 1);
      *p = q + 9;
      return TRUE;
    default:
      return FALSE;
    }
}

/* The length of a length-prefixed string: a length-encoded integer that
 * the string's bytes must follow before @end.  FALSE when either does not
 * fit (*@p may then have moved past the length). */
static inline gboolean
_mysql_binlog_read_packed_length (const guint8 **p,
                                  const guint8  *end,
                                  guint64       *length)
{
  return _mysql_binlog_read_packed (p, end, length) && *length <= (guint64) (end - *p);
}

/* }}} */

/* {{{ CRC-32 */

/* The CRC-32 of the binlog checksums (zlib's polynomial) of @length bytes
 * at @data, continuing from @crc (0 to start).  libdeflate's is about
 * three times as fast as zlib's; zlib's serves when it is not installed. */
static inline guint32
_mysql_binlog_crc32 (guint32       crc,
                     const guint8 *data,
                     gsize         length)
{
#if HAVE_LIBDEFLATE
  return libdeflate_crc32 (crc, data, length);
#else
  return crc32_z (crc, data, length);
#endif
}

/* }}} */

G_END_DECLS
