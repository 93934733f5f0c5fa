/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mysql-binlog-error.h"
#include "mysql-binlog-row.h"
#include "mysql-binlog-row-private.h"
#include "mysql-binlog-table-private.h"
#include "mysql-binlog-value-private.h"

#include "test-value-common.h"

/*
 * Integers, YEAR, BIT, FLOAT, DOUBLE and DECIMAL values: their sizes, decoding and
 * text.
 */

/* Integers
 * ----------------------------------------------------------------------- */

typedef struct
{
  guint8       type;
  gboolean     is_unsigned;
  guint8       bytes[8];
  guint        width;
  const char  *string;
  const char  *variant;
  gint64       as_int64;
  guint64      as_uint64;
} IntegerCase;

static void
test_integers (void)
{
  static const IntegerCase cases[] = {
    { MYSQL_BINLOG_COLUMN_TYPE_TINY, FALSE, { 0x80 }, 1, "-128", "int64 -128", -128, 0 },
    { MYSQL_BINLOG_COLUMN_TYPE_TINY, FALSE, { 0x7f }, 1, "127", "int64 127", 127, 127 },
    { MYSQL_BINLOG_COLUMN_TYPE_TINY, FALSE, { 0xff }, 1, "-1", "int64 -1", -1, 0 },
    { MYSQL_BINLOG_COLUMN_TYPE_TINY, TRUE, { 0xff }, 1, "255", "uint64 255", 255, 255 },
    { MYSQL_BINLOG_COLUMN_TYPE_TINY, TRUE, { 0x00 }, 1, "0", "uint64 0", 0, 0 },
    { MYSQL_BINLOG_COLUMN_TYPE_SHORT, FALSE, { 0x00, 0x80 }, 2,
      "-32768", "int64 -32768", -32768, 0 },
    { MYSQL_BINLOG_COLUMN_TYPE_SHORT, FALSE, { 0xff, 0x7f }, 2,
      "32767", "int64 32767", 32767, 32767 },
    { MYSQL_BINLOG_COLUMN_TYPE_SHORT, TRUE, { 0xff, 0xff }, 2,
      "65535", "uint64 65535", 65535, 65535 },
    { MYSQL_BINLOG_COLUMN_TYPE_INT24, FALSE, { 0x00, 0x00, 0x80 }, 3,
      "-8388608", "int64 -8388608", -8388608, 0 },
    { MYSQL_BINLOG_COLUMN_TYPE_INT24, FALSE, { 0xff, 0xff, 0x7f }, 3,
      "8388607", "int64 8388607", 8388607, 8388607 },
    { MYSQL_BINLOG_COLUMN_TYPE_INT24, FALSE, { 0xfe, 0xff, 0xff }, 3, "-2", "int64 -2", -2, 0 },
    { MYSQL_BINLOG_COLUMN_TYPE_INT24, TRUE, { 0xff, 0xff, 0xff }, 3,
      "16777215", "uint64 16777215", 16777215, 16777215 },
    { MYSQL_BINLOG_COLUMN_TYPE_LONG, FALSE, { 0x00, 0x00, 0x00, 0x80 }, 4,
      "-2147483648", "int64 -2147483648", G_MININT32, 0 },
    { MYSQL_BINLOG_COLUMN_TYPE_LONG, FALSE, { 0xff, 0xff, 0xff, 0x7f }, 4,
      "2147483647", "int64 2147483647", G_MAXINT32, G_MAXINT32 },
    { MYSQL_BINLOG_COLUMN_TYPE_LONG, TRUE, { 0xff, 0xff, 0xff, 0xff }, 4,
      "4294967295", "uint64 4294967295", G_MAXUINT32, G_MAXUINT32 },
    { MYSQL_BINLOG_COLUMN_TYPE_LONG, FALSE, { 0x15, 0xcd, 0x5b, 0x07 }, 4,
      "123456789", "int64 123456789", 123456789, 123456789 },
    { MYSQL_BINLOG_COLUMN_TYPE_LONGLONG, FALSE, { 0, 0, 0, 0, 0, 0, 0, 0x80 }, 8,
      "-9223372036854775808", "int64 -9223372036854775808", G_MININT64, 0 },
    { MYSQL_BINLOG_COLUMN_TYPE_LONGLONG, FALSE, { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f }, 8,
      "9223372036854775807", "int64 9223372036854775807", G_MAXINT64, G_MAXINT64 },
    { MYSQL_BINLOG_COLUMN_TYPE_LONGLONG, TRUE, { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 8,
      "18446744073709551615", "uint64 18446744073709551615", G_MAXINT64, G_MAXUINT64 },
    { MYSQL_BINLOG_COLUMN_TYPE_LONGLONG, TRUE, { 0, 0, 0, 0, 0, 0, 0, 0x80 }, 8,
      "9223372036854775808", "uint64 9223372036854775808", G_MAXINT64, G_GUINT64_CONSTANT (9223372036854775808) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const IntegerCase *c = &cases[i];
      ColumnSpec spec = { "n", c->type, 0, c->is_unsigned, NULL, NULL };
      g_autoptr(MysqlBinlogRow) row = single (&spec, c->bytes, c->width);

      g_test_message ("integer case %u: %s", i, c->string);
      assert_cell (row, 0, c->string, c->variant);
      g_assert_cmpint (mysql_binlog_row_get_int64 (row, 0), ==, c->as_int64);
      g_assert_cmpuint (mysql_binlog_row_get_uint64 (row, 0), ==, c->as_uint64);
      g_assert_cmpfloat (mysql_binlog_row_get_double (row, 0), ==,
                         c->is_unsigned ? (double) c->as_uint64 : (double) c->as_int64);
      g_assert_cmpint (mysql_binlog_row_get_column_type (row, 0), ==, c->type);
      g_assert_cmpint (mysql_binlog_row_get_column_is_unsigned (row, 0), ==, c->is_unsigned);
      g_assert_false (mysql_binlog_row_is_null (row, 0));
      g_assert_null (mysql_binlog_row_get_bytes (row, 0));
      {
        gsize length = 1;

        g_assert_null (mysql_binlog_row_peek_bytes (row, 0, &length));
        g_assert_cmpuint (length, ==, 0);
      }
    }
}

static void
test_year (void)
{
  ColumnSpec spec = { "y", MYSQL_BINLOG_COLUMN_TYPE_YEAR, 0, FALSE, NULL, NULL };
  g_autoptr(MysqlBinlogRow) zero = single (&spec, BYTES (0));
  g_autoptr(MysqlBinlogRow) year = single (&spec, BYTES (124));
  g_autoptr(MysqlBinlogRow) last = single (&spec, BYTES (255));

  assert_cell (zero, 0, "0000", "int64 0");
  g_assert_cmpint (mysql_binlog_row_get_int64 (zero, 0), ==, 0);
  assert_cell (year, 0, "2024", "int64 2024");
  g_assert_cmpint (mysql_binlog_row_get_int64 (year, 0), ==, 2024);
  g_assert_cmpuint (mysql_binlog_row_get_uint64 (year, 0), ==, 2024);
  assert_cell (last, 0, "2155", "int64 2155");
}

static void
test_bit (void)
{
  /* meta is (whole bytes << 8) | remaining bits */
  ColumnSpec bit1 = { "b", MYSQL_BINLOG_COLUMN_TYPE_BIT, 0x0001, FALSE, NULL, NULL };
  ColumnSpec bit10 = { "b", MYSQL_BINLOG_COLUMN_TYPE_BIT, 0x0102, FALSE, NULL, NULL };
  ColumnSpec bit64 = { "b", MYSQL_BINLOG_COLUMN_TYPE_BIT, 0x0800, FALSE, NULL, NULL };
  g_autoptr(MysqlBinlogRow) one = single (&bit1, BYTES (0x01));
  g_autoptr(MysqlBinlogRow) ten = single (&bit10, BYTES (0x02, 0x01));
  g_autoptr(MysqlBinlogRow) max = single (&bit64, BYTES (0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));
  g_autoptr(MysqlBinlogRow) high = single (&bit64, BYTES (0x80, 0, 0, 0, 0, 0, 0, 0x01));

  assert_cell (one, 0, "1", "uint64 1");
  g_assert_cmpint (mysql_binlog_row_get_int64 (one, 0), ==, 1);
  /* big-endian: 0x0201 */
  assert_cell (ten, 0, "513", "uint64 513");
  assert_cell (max, 0, "18446744073709551615", "uint64 18446744073709551615");
  g_assert_cmpuint (mysql_binlog_row_get_uint64 (max, 0), ==, G_MAXUINT64);
  g_assert_cmpint (mysql_binlog_row_get_int64 (max, 0), ==, G_MAXINT64);
  assert_cell (high, 0, "9223372036854775809", "uint64 9223372036854775809");
}

/* FLOAT, DOUBLE
 * ----------------------------------------------------------------------- */

static void
assert_float (float        value,
              const char  *string)
{
  ColumnSpec spec = { "f", MYSQL_BINLOG_COLUMN_TYPE_FLOAT, 4, FALSE, NULL, NULL };
  g_autoptr(MysqlBinlogRow) row = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autofree char *text = NULL;
  guint8 bytes[4];

  put_float (bytes, value);
  row = single (&spec, bytes, 4);
  text = mysql_binlog_row_dup_string (row, 0);
  g_assert_cmpstr (text, ==, string);
  variant = mysql_binlog_row_get_value (row, 0);
  g_assert_true (g_variant_is_of_type (variant, G_VARIANT_TYPE_DOUBLE));
  g_assert_cmpfloat (g_variant_get_double (variant), ==, (double) value);
  g_assert_cmpfloat (mysql_binlog_row_get_double (row, 0), ==, (double) value);
}

static void
assert_double (double       value,
               const char  *string)
{
  ColumnSpec spec = { "d", MYSQL_BINLOG_COLUMN_TYPE_DOUBLE, 8, FALSE, NULL, NULL };
  g_autoptr(MysqlBinlogRow) row = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autofree char *text = NULL;
  guint8 bytes[8];

  put_double (bytes, value);
  row = single (&spec, bytes, 8);
  text = mysql_binlog_row_dup_string (row, 0);
  g_assert_cmpstr (text, ==, string);
  variant = mysql_binlog_row_get_value (row, 0);
  g_assert_true (g_variant_is_of_type (variant, G_VARIANT_TYPE_DOUBLE));
  g_assert_cmpfloat (g_variant_get_double (variant), ==, value);
  g_assert_cmpfloat (mysql_binlog_row_get_double (row, 0), ==, value);
  /* the text reads back as the same double */
  g_assert_cmpfloat (g_ascii_strtod (text, NULL), ==, value);
}

static void
test_float (void)
{
  ColumnSpec spec = { "f", MYSQL_BINLOG_COLUMN_TYPE_FLOAT, 4, FALSE, NULL, NULL };

  assert_float (1.5f, "1.5");
  assert_float (0.1f, "0.1");
  assert_float (-0.3f, "-0.3");
  assert_float (0.0f, "0");
  assert_float (16777216.0f, "16777216");
  assert_float (3.4028235e38f, "3.4028235e38");
  assert_float (1.17549435e-38f, "1.1754944e-38");
  assert_float (123.456f, "123.456");
  /* 0x3FC00000 is 1.5, little-endian */
  assert_single (&spec, BYTES (0x00, 0x00, 0xc0, 0x3f), "1.5", "1.5");
}

static void
test_double (void)
{
  ColumnSpec spec = { "d", MYSQL_BINLOG_COLUMN_TYPE_DOUBLE, 8, FALSE, NULL, NULL };

  assert_double (0.1, "0.1");
  assert_double (-2.5, "-2.5");
  assert_double (1e20, "1e20");
  assert_double (1.5e-7, "1.5e-7");
  assert_double (1.0 / 3.0, "0.3333333333333333");
  assert_double (G_MAXDOUBLE, "1.7976931348623157e308");
  assert_double (5e-324, "5e-324");
  assert_double (123456789012345.0, "123456789012345");
  assert_double (0.0, "0");
  /* 0x3FB999999999999A is 0.1, little-endian */
  assert_single (&spec, BYTES (0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0x3f),
                 "0.1", "0.10000000000000001");
}

/* DECIMAL
 * ----------------------------------------------------------------------- */

static void
test_decimal (void)
{
  /* DECIMAL(10,4): 6 integer digits in 3 bytes, 4 fraction digits in 2. */
  ColumnSpec d10_4 = { "d", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL, (10 << 8) | 4, FALSE, NULL, NULL };
  ColumnSpec d10_0 = { "d", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL, (10 << 8) | 0, FALSE, NULL, NULL };
  ColumnSpec d65_30 = { "d", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL, (65 << 8) | 30, FALSE, NULL, NULL };
  ColumnSpec d5_5 = { "d", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL, (5 << 8) | 5, FALSE, NULL, NULL };
  ColumnSpec d4_2 = { "d", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL, (4 << 8) | 2, FALSE, NULL, NULL };
  ColumnSpec d18_9 = { "d", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL, (18 << 8) | 9, FALSE, NULL, NULL };
  ColumnSpec d27_1 = { "d", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL, (27 << 8) | 1, FALSE, NULL, NULL };
  g_autoptr(MysqlBinlogRow) negative = NULL;

  /* 12.3400: 000012 -> 00 00 0c, 3400 -> 0d 48, sign bit set */
  assert_single (&d10_4, BYTES (0x80, 0x00, 0x0c, 0x0d, 0x48), "12.3400", "'12.3400'");
  /* negative values have every byte inverted */
  assert_single (&d10_4, BYTES (0x7f, 0xff, 0xf3, 0xf2, 0xb7), "-12.3400", "'-12.3400'");
  assert_single (&d10_4, BYTES (0x80, 0x00, 0x00, 0x13, 0x88), "0.5000", "'0.5000'");
  assert_single (&d10_4, BYTES (0x80, 0x00, 0x00, 0x00, 0x00), "0.0000", "'0.0000'");
  assert_single (&d10_4, BYTES (0x8f, 0x42, 0x3f, 0x27, 0x0f), "999999.9999", "'999999.9999'");
  assert_single (&d10_4, BYTES (0x70, 0xbd, 0xc0, 0xd8, 0xf0), "-999999.9999", "'-999999.9999'");

  /* DECIMAL(10,0): one leading digit in 1 byte, then a 9-digit group */
  assert_single (&d10_0, BYTES (0x81, 0x0d, 0xfb, 0x38, 0xd2), "1234567890", "'1234567890'");
  assert_single (&d10_0, BYTES (0x7e, 0xf2, 0x04, 0xc7, 0x2d), "-1234567890", "'-1234567890'");
  assert_single (&d10_0, BYTES (0x80, 0x00, 0x00, 0x00, 0x00), "0", "'0'");

  /* DECIMAL(65,30): 8 + 3x9 integer digits, 3x9 + 3 fraction digits */
  assert_single (&d65_30, BYTES (0x80, 0xbc, 0x61, 0x4e, 0x35, 0xb7, 0xbf, 0x87, 0x35, 0x0e,
                                 0x34, 0xc0, 0x2f, 0x07, 0x5f, 0x79, 0x28, 0x77, 0x35, 0xf2,
                                 0x21, 0xd9, 0x50, 0xcb, 0x1b, 0x3a, 0x0c, 0x14, 0x01, 0x59),
                 "12345678901234567890123456789012345.678901234567890123456789012345",
                 "'12345678901234567890123456789012345.678901234567890123456789012345'");
  assert_single (&d65_30, BYTES (0x7f, 0x43, 0x9e, 0xb1, 0xca, 0x48, 0x40, 0x78, 0xca, 0xf1,
                                 0xcb, 0x3f, 0xd0, 0xf8, 0xa0, 0x86, 0xd7, 0x88, 0xca, 0x0d,
                                 0xde, 0x26, 0xaf, 0x34, 0xe4, 0xc5, 0xf3, 0xeb, 0xfe, 0xa6),
                 "-12345678901234567890123456789012345.678901234567890123456789012345",
                 "'-12345678901234567890123456789012345.678901234567890123456789012345'");
  assert_single (&d65_30, BYTES (0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01),
                 "0.000000000000000000000000000001", "'0.000000000000000000000000000001'");
  /* 35 nines . 30 nines */
  assert_single (&d65_30, BYTES (0x85, 0xf5, 0xe0, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a,
                                 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff,
                                 0x3b, 0x9a, 0xc9, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0x03, 0xe7),
                 "99999999999999999999999999999999999.999999999999999999999999999999",
                 "'99999999999999999999999999999999999.999999999999999999999999999999'");

  /* no integer digits at all */
  assert_single (&d5_5, BYTES (0x7f, 0xff, 0xfe), "-0.00001", "'-0.00001'");
  assert_single (&d4_2, BYTES (0x80, 0x00), "0.00", "'0.00'");
  /* a negative zero is written without its sign */
  assert_single (&d10_4, BYTES (0x7f, 0xff, 0xff, 0xff, 0xff), "0.0000", "'0.0000'");
  /* groups holding more than their digits (corrupt): their low digits */
  assert_single (&d4_2, BYTES (0xff, 0x63), "27.99", "'27.99'");
  /* leading zero groups: 000000000000000007.5 in DECIMAL(27,1) */
  assert_single (&d27_1, BYTES (0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x07, 0x05),
                 "7.5", "'7.5'");
  /* full groups on both sides of the point: 123456789.000000001 */
  assert_single (&d18_9, BYTES (0x87, 0x5b, 0xcd, 0x15, 0x00, 0x00, 0x00, 0x01),
                 "123456789.000000001", "'123456789.000000001'");

  negative = single (&d10_4, BYTES (0x7f, 0xff, 0xf3, 0xf2, 0xb7));
  g_assert_cmpfloat (mysql_binlog_row_get_double (negative, 0), ==, -12.34);
  g_assert_cmpint (mysql_binlog_row_get_column_type (negative, 0), ==,
                   MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL);
}

static void
test_decimal_sizes (void)
{
  MysqlBinlogColumn column = { 0 };
  guint8 data[32] = { 0 };

  g_assert_cmpint (_mysql_binlog_decimal_size (10, 4), ==, 5);
  g_assert_cmpint (_mysql_binlog_decimal_size (10, 0), ==, 5);
  g_assert_cmpint (_mysql_binlog_decimal_size (65, 30), ==, 30);
  g_assert_cmpint (_mysql_binlog_decimal_size (65, 0), ==, 29);
  g_assert_cmpint (_mysql_binlog_decimal_size (9, 0), ==, 4);
  g_assert_cmpint (_mysql_binlog_decimal_size (1, 1), ==, 1);
  g_assert_cmpint (_mysql_binlog_decimal_size (0, 0), ==, -1);
  g_assert_cmpint (_mysql_binlog_decimal_size (66, 0), ==, -1);
  g_assert_cmpint (_mysql_binlog_decimal_size (10, 11), ==, -1);
  g_assert_cmpint (_mysql_binlog_decimal_size (65, 31), ==, -1);

  column.type = column.real_type = MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL;
  column.meta = (65 << 8) | 30;
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, 30), ==, 30);
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, 29), ==, -1);
  column.meta = 0;
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, sizeof data), ==, -1);
  column.meta = (66 << 8) | 0;
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, sizeof data), ==, -1);
  column.meta = (10 << 8) | 11;
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, sizeof data), ==, -1);
}

/* The shortest "%.Ng" that reads back, N from 15 (the text every double
 * had before short decimals got a printer of their own). */
static void
reference_double_text (char   *buffer,
                       double  value)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  char *e;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  e = strchr (buffer, 'e');
  if (e != NULL)
    {
      char *digits = e + 1, *to = e + 1;

      if (*digits == '+')
        digits++;
      else if (*digits == '-')
        *to++ = *digits++;
      while (*digits == '0' && digits[1] != '\0')
        digits++;
      memmove (to, digits, strlen (digits) + 1);
    }
}

/* Short decimals (printed without printf) give the same text as any
 * other double: the bounds of that path and many values around them. */
static void
test_double_short (void)
{
  static const double edges[] = {
    1e-4, 0.00011, 0.0001234, 9.9999e-5, 0.25, -0.25, 1, -1, 42, 0.1, 0.3, 1.5e-4,
    999999999999999, 999999999999999.5, 99999999999999.99, 1e15, 1e15 - 1, 123456789012.3456,
    4503599627370496.0, 9007199254740993.0, 1234.5678, -98765.4321, 0.0005, 100, 1e14,
  };
  GRand *rand = g_rand_new_with_seed (17);
  char ours[G_ASCII_DTOSTR_BUF_SIZE], reference[G_ASCII_DTOSTR_BUF_SIZE];

  for (guint i = 0; i < G_N_ELEMENTS (edges) + 400000; i++)
    {
      double value;

      if (i < G_N_ELEMENTS (edges))
        value = edges[i];
      else if (i % 4 == 0)
        value = g_rand_double_range (rand, -1e6, 1e6);
      else if (i % 4 == 1)
        value = (double) g_rand_int_range (rand, -100000000, 100000000) /
                (double) (1 << g_rand_int_range (rand, 0, 14));
      else if (i % 4 == 2)
        value = (double) ((gint64) g_rand_int (rand) * 1000 + g_rand_int_range (rand, 0, 1000)) /
                (double) (gint64[]) { 1, 10, 100, 1000, 10000, 100000 }[i % 6];
      else
        {
          /* One ulp off a short decimal, either way. */
          union { double d; guint64 bits; } u;

          u.d = (double) g_rand_int_range (rand, 1, 100000) / 10000.0;
          u.bits += i % 8 == 3 ? -1 : 1;
          value = u.d;
        }

      _mysql_binlog_double_format (ours, value, FALSE);
      reference_double_text (reference, value);
      if (strcmp (ours, reference) != 0)
        g_error ("%.17g: printed %s, expected %s", value, ours, reference);
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/integers", test_integers);
  g_test_add_func ("/value/year", test_year);
  g_test_add_func ("/value/bit", test_bit);
  g_test_add_func ("/value/float", test_float);
  g_test_add_func ("/value/double", test_double);
  g_test_add_func ("/value/double-short", test_double_short);
  g_test_add_func ("/value/decimal", test_decimal);
  g_test_add_func ("/value/decimal-sizes", test_decimal_sizes);

  return g_test_run ();
}
