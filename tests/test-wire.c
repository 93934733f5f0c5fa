/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The byte readers of wire-private.h, which every decoding layer uses: the
 * values of known byte sequences, the bounds of length-encoded integers,
 * and the CRC-32 check value.
 */

#include "config.h"

#include <glib.h>

#include "wire-private.h"

static const guint8 bytes[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x88 };

static void
test_little_endian (void)
{
  static const guint8 negative[] = { 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
  static const guint8 min16[] = { 0x00, 0x80 };

  g_assert_cmpuint (_mysql_binlog_le16 (bytes), ==, 0x0201);
  g_assert_cmpuint (_mysql_binlog_le24 (bytes), ==, 0x030201);
  g_assert_cmpuint (_mysql_binlog_le32 (bytes), ==, 0x04030201);
  g_assert_cmpuint (_mysql_binlog_le48 (bytes), ==, G_GUINT64_CONSTANT (0x060504030201));
  g_assert_cmpuint (_mysql_binlog_le64 (bytes), ==, G_GUINT64_CONSTANT (0x8807060504030201));
  /* The high byte's top bit does not sign-extend an unsigned read. */
  g_assert_cmpuint (_mysql_binlog_le32 (negative), ==, 0xfffffffe);

  g_assert_cmpuint (_mysql_binlog_le_uint (bytes, 0), ==, 0);
  for (guint n = 1; n <= 8; n++)
    {
      guint64 expected = 0;

      for (guint i = 0; i < n; i++)
        expected |= (guint64) bytes[i] << (8 * i);
      g_assert_cmpuint (_mysql_binlog_le_uint (bytes, n), ==, expected);
    }

  g_assert_cmpint (_mysql_binlog_le_int (negative, 1), ==, -2);
  g_assert_cmpint (_mysql_binlog_le_int (negative, 3), ==, -2);
  g_assert_cmpint (_mysql_binlog_le_int (negative, 8), ==, -2);
  g_assert_cmpint (_mysql_binlog_le_int (min16, 2), ==, G_MININT16);
  g_assert_cmpint (_mysql_binlog_le_int (bytes, 2), ==, 0x0201);
  g_assert_cmpint (_mysql_binlog_le_int (bytes, 8), ==, (gint64) G_GUINT64_CONSTANT (0x8807060504030201));

  g_assert_cmpuint (_mysql_binlog_le_length (bytes, 1), ==, 0x01);
  g_assert_cmpuint (_mysql_binlog_le_length (bytes, 2), ==, 0x0201);
  g_assert_cmpuint (_mysql_binlog_le_length (bytes, 3), ==, 0x030201);
  g_assert_cmpuint (_mysql_binlog_le_length (bytes, 4), ==, 0x04030201);
}

static void
test_sign_extend (void)
{
  g_assert_cmpint (_mysql_binlog_sign_extend (0x7f, 8), ==, 127);
  g_assert_cmpint (_mysql_binlog_sign_extend (0x80, 8), ==, -128);
  g_assert_cmpint (_mysql_binlog_sign_extend (0x800000, 24), ==, -8388608);
  g_assert_cmpint (_mysql_binlog_sign_extend (0x7fffff, 24), ==, 8388607);
  g_assert_cmpint (_mysql_binlog_sign_extend (G_MAXUINT64, 64), ==, -1);
}

static void
test_big_endian (void)
{
  static const guint8 time2[] = { 0x80, 0x00, 0x00 };
  static const guint8 minus_one[] = { 0xff, 0xff, 0xff };

  g_assert_cmpuint (_mysql_binlog_be_uint (bytes, 0), ==, 0);
  g_assert_cmpuint (_mysql_binlog_be_uint (bytes, 1), ==, 0x01);
  g_assert_cmpuint (_mysql_binlog_be_uint (bytes, 2), ==, 0x0102);
  g_assert_cmpuint (_mysql_binlog_be_uint (bytes, 3), ==, 0x010203);
  g_assert_cmpuint (_mysql_binlog_be_uint (bytes, 5), ==, G_GUINT64_CONSTANT (0x0102030405));
  g_assert_cmpuint (_mysql_binlog_be_uint (bytes, 6), ==, G_GUINT64_CONSTANT (0x010203040506));
  g_assert_cmpuint (_mysql_binlog_be_uint (bytes, 8), ==, G_GUINT64_CONSTANT (0x0102030405060788));
  g_assert_cmpuint (_mysql_binlog_be_uint (time2, 3), ==, 0x800000);

  g_assert_cmpint (_mysql_binlog_be_int (time2, 3), ==, -8388608);
  g_assert_cmpint (_mysql_binlog_be_int (minus_one, 2), ==, -1);
  g_assert_cmpint (_mysql_binlog_be_int (minus_one, 3), ==, -1);
  g_assert_cmpint (_mysql_binlog_be_int (bytes, 3), ==, 0x010203);
}

static void
test_floats (void)
{
  /* 1.5f is 0x3fc00000; -0.1 is 0xbfb999999999999a. */
  static const guint8 one_and_a_half[] = { 0x00, 0x00, 0xc0, 0x3f };
  static const guint8 minus_a_tenth[] = { 0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0xbf };

  g_assert_cmpfloat (_mysql_binlog_le_float (one_and_a_half), ==, 1.5f);
  g_assert_cmpfloat (_mysql_binlog_le_double (minus_a_tenth), ==, -0.1);
}

static void
test_put (void)
{
  guint8 out[9];

  memset (out, 0xaa, sizeof out);
  _mysql_binlog_put_le32 (out, 0x04030201);
  g_assert_cmpmem (out, 5, ((const guint8[]) { 0x01, 0x02, 0x03, 0x04, 0xaa }), 5);

  memset (out, 0xaa, sizeof out);
  _mysql_binlog_put_le64 (out, G_GUINT64_CONSTANT (0x8807060504030201));
  g_assert_cmpmem (out, 8, bytes, 8);
  g_assert_cmpuint (out[8], ==, 0xaa);

  memset (out, 0xaa, sizeof out);
  _mysql_binlog_put_le_uint (out, 0x030201, 3);
  g_assert_cmpmem (out, 4, ((const guint8[]) { 0x01, 0x02, 0x03, 0xaa }), 4);
  for (guint n = 0; n <= 8; n++)
    {
      guint64 value = G_GUINT64_CONSTANT (0x8807060504030201);
      guint64 mask = n == 8 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << (8 * n)) - 1;

      _mysql_binlog_put_le_uint (out, value, n);
      g_assert_cmpuint (_mysql_binlog_le_uint (out, n), ==, value & mask);
    }
}

/* The writers of the dump commands' 16-bit flags and of big-endian codes. */
static void
test_put_le16_be (void)
{
  guint8 out[9];

  memset (out, 0xaa, sizeof out);
  _mysql_binlog_put_le16 (out, 0x0201);
  g_assert_cmpmem (out, 3, ((const guint8[]) { 0x01, 0x02, 0xaa }), 3);

  memset (out, 0xaa, sizeof out);
  _mysql_binlog_put_be_uint (out, 0x010203, 3);
  g_assert_cmpmem (out, 4, ((const guint8[]) { 0x01, 0x02, 0x03, 0xaa }), 4);
  for (guint n = 0; n <= 8; n++)
    {
      guint64 value = G_GUINT64_CONSTANT (0x8807060504030201);
      guint64 mask = n == 8 ? G_MAXUINT64 : (G_GUINT64_CONSTANT (1) << (8 * n)) - 1;

      memset (out, 0xaa, sizeof out);
      _mysql_binlog_put_be_uint (out, value, n);
      g_assert_cmpuint (_mysql_binlog_be_uint (out, n), ==, value & mask);
      g_assert_cmpuint (out[n], ==, 0xaa);
    }
}

/* Reads one length-encoded integer of @data; checks where it ends. */
static gboolean
read_packed (const guint8 *data,
             gsize         length,
             guint64      *value,
             gsize        *consumed)
{
  const guint8 *p = data;
  gboolean ok = _mysql_binlog_read_packed (&p, data + length, value);

  *consumed = p - data;
  return ok;
}

static void
test_packed (void)
{
  static const guint8 one_byte[] = { 0xfa };
  static const guint8 null_marker[] = { 0xfb };
  static const guint8 two[] = { 0xfc, 0x34, 0x12 };
  static const guint8 three[] = { 0xfd, 0x56, 0x34, 0x12 };
  static const guint8 eight[] = { 0xfe, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x88 };
  static const guint8 reserved[] = { 0xff, 0x00, 0x00 };
  guint64 value = 42;
  gsize consumed;

  g_assert_true (read_packed (one_byte, 1, &value, &consumed));
  g_assert_cmpuint (value, ==, 250);
  g_assert_cmpuint (consumed, ==, 1);

  g_assert_true (read_packed (two, 3, &value, &consumed));
  g_assert_cmpuint (value, ==, 0x1234);
  g_assert_cmpuint (consumed, ==, 3);

  g_assert_true (read_packed (three, 4, &value, &consumed));
  g_assert_cmpuint (value, ==, 0x123456);
  g_assert_cmpuint (consumed, ==, 4);

  g_assert_true (read_packed (eight, 9, &value, &consumed));
  g_assert_cmpuint (value, ==, G_GUINT64_CONSTANT (0x8807060504030201));
  g_assert_cmpuint (consumed, ==, 9);

  /* Failures leave the value and the cursor as they were. */
  value = 42;
  g_assert_false (read_packed (one_byte, 0, &value, &consumed));
  g_assert_false (read_packed (null_marker, 1, &value, &consumed));
  g_assert_cmpuint (consumed, ==, 0);
  g_assert_false (read_packed (reserved, 3, &value, &consumed));
  g_assert_cmpuint (consumed, ==, 0);
  for (gsize cut = 1; cut < 3; cut++)
    {
      g_assert_false (read_packed (two, cut, &value, &consumed));
      g_assert_cmpuint (consumed, ==, 0);
    }
  for (gsize cut = 1; cut < 4; cut++)
    g_assert_false (read_packed (three, cut, &value, &consumed));
  for (gsize cut = 1; cut < 9; cut++)
    {
      g_assert_false (read_packed (eight, cut, &value, &consumed));
      g_assert_cmpuint (consumed, ==, 0);
    }
  g_assert_cmpuint (value, ==, 42);
}

static void
test_packed_length (void)
{
  /* A length of 3, then 3 bytes. */
  static const guint8 string[] = { 0x03, 'a', 'b', 'c' };
  /* A length of 0x10000 with nothing after it. */
  static const guint8 huge[] = { 0xfd, 0x00, 0x00, 0x01 };
  const guint8 *p = string;
  guint64 length = 0;

  g_assert_true (_mysql_binlog_read_packed_length (&p, string + 4, &length));
  g_assert_cmpuint (length, ==, 3);
  g_assert_true (p == string + 1);

  for (gsize cut = 0; cut < 4; cut++)
    {
      p = string;
      g_assert_false (_mysql_binlog_read_packed_length (&p, string + cut, &length));
    }

  p = huge;
  g_assert_false (_mysql_binlog_read_packed_length (&p, huge + 4, &length));
}

static void
test_crc32 (void)
{
  static const char check[] = "123456789";
  const guint8 *data = (const guint8 *) check;
  guint32 crc;

  /* The check value of CRC-32 (the polynomial of zlib and the binlog). */
  g_assert_cmphex (_mysql_binlog_crc32 (0, data, 9), ==, 0xcbf43926);
  g_assert_cmphex (_mysql_binlog_crc32 (0, data, 0), ==, 0);

  /* In parts, as the file source checks a large event. */
  for (gsize split = 0; split <= 9; split++)
    {
      crc = _mysql_binlog_crc32 (0, data, split);
      crc = _mysql_binlog_crc32 (crc, data + split, 9 - split);
      g_assert_cmphex (crc, ==, 0xcbf43926);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wire/little-endian", test_little_endian);
  g_test_add_func ("/wire/sign-extend", test_sign_extend);
  g_test_add_func ("/wire/big-endian", test_big_endian);
  g_test_add_func ("/wire/floats", test_floats);
  g_test_add_func ("/wire/put", test_put);
  g_test_add_func ("/wire/put-le16-be", test_put_le16_be);
  g_test_add_func ("/wire/packed", test_packed);
  g_test_add_func ("/wire/packed-length", test_packed_length);
  g_test_add_func ("/wire/crc32", test_crc32);

  return g_test_run ();
}
