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

/*
 * Unit tests of column values: sizes, decoding and formatting of every
 * column type, character set conversion, and row images (NULL bitmaps,
 * MINIMAL images, truncation) through the public MysqlBinlogRow API.
 *
 * The byte encodings are MySQL's storage formats, worked out by hand; the
 * comments say how.  Several were checked against a MariaDB server's binary
 * log (mariadb-binlog --base64-output=decode-rows -v).
 */

#define EVENT_TIMESTAMP 1709214300

/* A byte array literal and its size, as two arguments. */
#define BYTES(...) ((const guint8[]) { __VA_ARGS__ }), sizeof ((const guint8[]) { __VA_ARGS__ })

typedef struct
{
  const char         *name;
  guint8              type;
  guint16             meta;
  gboolean            is_unsigned;
  const char         *charset;
  const char * const *members;
} ColumnSpec;

static MysqlBinlogTable *
table_new (const ColumnSpec *specs,
           guint             n_columns)
{
  MysqlBinlogTable *table = _mysql_binlog_table_new (7, "shop", "items", n_columns);

  for (guint i = 0; i < n_columns; i++)
    {
      MysqlBinlogColumn *column = &table->columns[i];

      column->name = specs[i].name != NULL ? g_strdup (specs[i].name)
                                           : g_strdup_printf ("c%u", i);
      column->type = specs[i].type;
      column->meta = specs[i].meta;
      column->is_unsigned = specs[i].is_unsigned;
      column->nullable = TRUE;
      _mysql_binlog_column_resolve_real_type (column);
      if (specs[i].charset != NULL)
        _mysql_binlog_column_set_charset (column, specs[i].charset);
      if (specs[i].members != NULL)
        {
          column->members = g_strdupv ((char **) specs[i].members);
          column->n_members = g_strv_length (column->members);
        }
    }
  return table;
}

/* Builds one row from @image, which must be consumed exactly. */
static MysqlBinlogRow *
row_build (MysqlBinlogTable *table,
           const guint8     *present,
           guint             n_present,
           const guint8     *image,
           gsize             length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (image, length);
  g_autoptr(GError) error = NULL;
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  const guint8 *cursor = data;
  MysqlBinlogRow *row;

  row = _mysql_binlog_row_build (table, bytes, present, n_present, EVENT_TIMESTAMP,
                                 &cursor, data + length, &error);
  g_assert_no_error (error);
  g_assert_nonnull (row);
  g_assert_true (cursor == data + length);
  return row;
}

/* A row of one column holding @value (not NULL). */
static MysqlBinlogRow *
single (const ColumnSpec *spec,
        const guint8     *value,
        gsize             length)
{
  g_autoptr(MysqlBinlogTable) table = table_new (spec, 1);
  g_autoptr(GByteArray) image = g_byte_array_new ();
  static const guint8 present[] = { 0x01 };
  guint8 null_bitmap = 0;

  g_byte_array_append (image, &null_bitmap, 1);
  g_byte_array_append (image, value, length);
  return row_build (table, present, 1, image->data, image->len);
}

/* mysql_binlog_row_format_value() writes what dup_string() returns (the
 * empty string for NULL), whole into a large buffer, cut as snprintf()
 * does into a small one, and gives its length without a buffer. */
static void
assert_formatted (MysqlBinlogRow *row,
                  guint           column,
                  const char     *string)
{
  const char *expected = string != NULL ? string : "";
  gsize length = strlen (expected);
  char large[200];
  char small[6];

  memset (large, 'x', sizeof large);
  g_assert_cmpuint (mysql_binlog_row_format_value (row, column, large, sizeof large), ==, length);
  if (length < sizeof large)
    g_assert_cmpstr (large, ==, expected);

  memset (small, 'x', sizeof small);
  g_assert_cmpuint (mysql_binlog_row_format_value (row, column, small, sizeof small), ==, length);
  g_assert_cmpuint (strlen (small), ==, MIN (length, sizeof small - 1));
  g_assert_cmpmem (small, strlen (small), expected, MIN (length, sizeof small - 1));

  g_assert_cmpuint (mysql_binlog_row_format_value (row, column, NULL, 0), ==, length);
}

/* Checks dup_string(), get_value() (printed with its type) and that
 * lookup() and to_variant() agree with get_value(). */
static void
assert_cell (MysqlBinlogRow *row,
             guint           column,
             const char     *string,
             const char     *variant)
{
  g_autofree char *text = mysql_binlog_row_dup_string (row, column);
  g_autoptr(GVariant) value = mysql_binlog_row_get_value (row, column);
  g_autoptr(GVariant) looked_up = NULL;
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GVariant) in_dict = NULL;
  g_autofree char *printed = NULL;
  const char *name;

  g_assert_cmpstr (text, ==, string);
  assert_formatted (row, column, string);
  g_assert_nonnull (value);
  g_assert_false (g_variant_is_floating (value));
  printed = g_variant_print (value, TRUE);
  g_assert_cmpstr (printed, ==, variant);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    g_assert_true (g_utf8_validate (g_variant_get_string (value, NULL), -1, NULL));

  name = mysql_binlog_row_get_column_name (row, column);
  looked_up = mysql_binlog_row_lookup (row, name);
  g_assert_nonnull (looked_up);
  g_assert_true (g_variant_equal (looked_up, value));

  dict = mysql_binlog_row_to_variant (row);
  g_assert_true (g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT));
  in_dict = g_variant_lookup_value (dict, name, NULL);
  g_assert_nonnull (in_dict);
  g_assert_true (g_variant_equal (in_dict, value));
}

static void
assert_single (const ColumnSpec *spec,
               const guint8     *value,
               gsize             length,
               const char       *string,
               const char       *variant)
{
  g_autoptr(MysqlBinlogRow) row = single (spec, value, length);

  assert_cell (row, 0, string, variant);
}

static void
put_le (guint8  *out,
        guint64  value,
        guint    n)
{
  for (guint i = 0; i < n; i++)
    out[i] = value >> (8 * i);
}

static void
put_float (guint8 *out,
           float   value)
{
  guint32 bits;

  memcpy (&bits, &value, 4);
  put_le (out, bits, 4);
}

static void
put_double (guint8 *out,
            double  value)
{
  guint64 bits;

  memcpy (&bits, &value, 8);
  put_le (out, bits, 8);
}

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

/* Dates and times
 * ----------------------------------------------------------------------- */

static void
test_date (void)
{
  ColumnSpec date = { "d", MYSQL_BINLOG_COLUMN_TYPE_DATE, 0, FALSE, NULL, NULL };
  ColumnSpec newdate = { "d", MYSQL_BINLOG_COLUMN_TYPE_NEWDATE, 0, FALSE, NULL, NULL };

  /* (2024 << 9) | (2 << 5) | 29 = 0x0fd05d */
  assert_single (&date, BYTES (0x5d, 0xd0, 0x0f), "2024-02-29", "'2024-02-29'");
  assert_single (&newdate, BYTES (0x5d, 0xd0, 0x0f), "2024-02-29", "'2024-02-29'");
  assert_single (&date, BYTES (0x00, 0x00, 0x00), "0000-00-00", "'0000-00-00'");
  /* 9999-12-31 */
  assert_single (&date, BYTES (0x9f, 0x1f, 0x4e), "9999-12-31", "'9999-12-31'");
  /* 1000-01-01 */
  assert_single (&date, BYTES (0x21, 0xd0, 0x07), "1000-01-01", "'1000-01-01'");
}

static void
test_time2 (void)
{
  ColumnSpec fsp0 = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME2, 0, FALSE, NULL, NULL };
  ColumnSpec fsp1 = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME2, 1, FALSE, NULL, NULL };
  ColumnSpec fsp2 = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME2, 2, FALSE, NULL, NULL };
  ColumnSpec fsp3 = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME2, 3, FALSE, NULL, NULL };
  ColumnSpec fsp4 = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME2, 4, FALSE, NULL, NULL };
  ColumnSpec fsp5 = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME2, 5, FALSE, NULL, NULL };
  ColumnSpec fsp6 = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME2, 6, FALSE, NULL, NULL };

  /* hms = (838 << 12) | (59 << 6) | 59 = 0x346efb, offset by 0x800000 */
  assert_single (&fsp0, BYTES (0xb4, 0x6e, 0xfb), "838:59:59", "'838:59:59'");
  assert_single (&fsp0, BYTES (0x4b, 0x91, 0x05), "-838:59:59", "'-838:59:59'");
  assert_single (&fsp0, BYTES (0x80, 0x00, 0x00), "00:00:00", "'00:00:00'");
  /* 12:34:56 = 0xc8b8 */
  assert_single (&fsp0, BYTES (0x80, 0xc8, 0xb8), "12:34:56", "'12:34:56'");
  assert_single (&fsp0, BYTES (0x7f, 0x37, 0x48), "-12:34:56", "'-12:34:56'");

  /* -00:00:01.5: integer part -2, fraction byte 0x100 - 50 */
  assert_single (&fsp1, BYTES (0x7f, 0xff, 0xfe, 0xce), "-00:00:01.5", "'-00:00:01.5'");
  assert_single (&fsp1, BYTES (0x80, 0x00, 0x01, 0x32), "00:00:01.5", "'00:00:01.5'");
  /* -00:00:01.00: no fraction to borrow */
  assert_single (&fsp2, BYTES (0x7f, 0xff, 0xff, 0x00), "-00:00:01.00", "'-00:00:01.00'");
  /* -00:00:00.01: the first disk value below zero */
  assert_single (&fsp2, BYTES (0x7f, 0xff, 0xff, 0xff), "-00:00:00.01", "'-00:00:00.01'");
  assert_single (&fsp2, BYTES (0x80, 0xc8, 0xb8, 0x0c), "12:34:56.12", "'12:34:56.12'");

  /* -01:00:00.250: integer part -4097, fraction 0x10000 - 2500 */
  assert_single (&fsp3, BYTES (0x7f, 0xef, 0xff, 0xf6, 0x3c), "-01:00:00.250", "'-01:00:00.250'");
  assert_single (&fsp3, BYTES (0x80, 0xc8, 0xb8, 0x04, 0xce), "12:34:56.123", "'12:34:56.123'");
  assert_single (&fsp4, BYTES (0x80, 0xc8, 0xb8, 0x04, 0xd2), "12:34:56.1234", "'12:34:56.1234'");

  /* fsp 5 and 6: six bytes, the packed value offset by 0x800000000000 */
  assert_single (&fsp5, BYTES (0x80, 0xc8, 0xb8, 0x01, 0xe2, 0x3a), "12:34:56.12345", "'12:34:56.12345'");
  assert_single (&fsp6, BYTES (0x80, 0xc8, 0xb8, 0x01, 0xe2, 0x40), "12:34:56.123456", "'12:34:56.123456'");
  assert_single (&fsp6, BYTES (0x7f, 0xff, 0xff, 0xff, 0xff, 0xff), "-00:00:00.000001", "'-00:00:00.000001'");
  assert_single (&fsp6, BYTES (0x4b, 0x91, 0x04, 0xf0, 0xbd, 0xc1), "-838:59:59.999999",
                 "'-838:59:59.999999'");
}

static void
test_datetime2 (void)
{
  static const struct {
    guint fsp;
    guint8 fraction[3];
    const char *expected;
  } fractions[] = {
    { 0, { 0 }, "2024-02-29 13:45:00" },
    { 1, { 10 }, "2024-02-29 13:45:00.1" },
    { 2, { 12 }, "2024-02-29 13:45:00.12" },
    { 3, { 0x04, 0xce }, "2024-02-29 13:45:00.123" },
    { 4, { 0x04, 0xd2 }, "2024-02-29 13:45:00.1234" },
    { 5, { 0x01, 0xe2, 0x3a }, "2024-02-29 13:45:00.12345" },
    { 6, { 0x01, 0xe2, 0x40 }, "2024-02-29 13:45:00.123456" },
  };
  /* ((2024 * 13 + 2) << 22 | 29 << 17 | 13 << 12 | 45 << 6) + 0x8000000000 */
  static const guint8 integer[5] = { 0x99, 0xb2, 0xba, 0xdb, 0x40 };

  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
    {
      ColumnSpec spec = { "dt", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2, fractions[i].fsp, FALSE, NULL, NULL };
      g_autoptr(MysqlBinlogRow) row = NULL;
      g_autofree char *quoted = g_strdup_printf ("'%s'", fractions[i].expected);
      guint8 bytes[8];

      memcpy (bytes, integer, 5);
      memcpy (bytes + 5, fractions[i].fraction, (fractions[i].fsp + 1) / 2);
      row = single (&spec, bytes, 5 + (fractions[i].fsp + 1) / 2);
      assert_cell (row, 0, fractions[i].expected, quoted);
    }

  {
    ColumnSpec fsp0 = { "dt", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2, 0, FALSE, NULL, NULL };
    ColumnSpec fsp6 = { "dt", MYSQL_BINLOG_COLUMN_TYPE_DATETIME2, 6, FALSE, NULL, NULL };

    assert_single (&fsp0, BYTES (0x80, 0x00, 0x00, 0x00, 0x00), "0000-00-00 00:00:00",
                   "'0000-00-00 00:00:00'");
    assert_single (&fsp6, BYTES (0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
                   "0000-00-00 00:00:00.000000", "'0000-00-00 00:00:00.000000'");
    assert_single (&fsp0, BYTES (0xfe, 0xf3, 0xff, 0x7e, 0xfb), "9999-12-31 23:59:59",
                   "'9999-12-31 23:59:59'");
  }
}

static void
test_timestamp2 (void)
{
  ColumnSpec fsp0 = { "ts", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2, 0, FALSE, NULL, NULL };
  ColumnSpec fsp1 = { "ts", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2, 1, FALSE, NULL, NULL };
  ColumnSpec fsp3 = { "ts", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2, 3, FALSE, NULL, NULL };
  ColumnSpec fsp6 = { "ts", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2, 6, FALSE, NULL, NULL };
  const char *tz = g_getenv ("TZ");
  g_autofree char *saved_tz = g_strdup (tz);

  /* Whatever the local time zone, TIMESTAMP values are UTC. */
  g_setenv ("TZ", "Pacific/Kiritimati", TRUE);
  tzset ();

  /* 1709214300 = 2024-02-29 13:45:00 UTC, big-endian */
  assert_single (&fsp0, BYTES (0x65, 0xe0, 0x8a, 0x5c), "2024-02-29 13:45:00",
                 "'2024-02-29 13:45:00'");
  assert_single (&fsp1, BYTES (0x65, 0xe0, 0x8a, 0x5c, 90), "2024-02-29 13:45:00.9",
                 "'2024-02-29 13:45:00.9'");
  assert_single (&fsp3, BYTES (0x65, 0xe0, 0x8a, 0x5c, 0x04, 0xce), "2024-02-29 13:45:00.123",
                 "'2024-02-29 13:45:00.123'");
  assert_single (&fsp6, BYTES (0x65, 0xe0, 0x8a, 0x5c, 0x0f, 0x42, 0x3f),
                 "2024-02-29 13:45:00.999999", "'2024-02-29 13:45:00.999999'");
  assert_single (&fsp0, BYTES (0x00, 0x00, 0x00, 0x01), "1970-01-01 00:00:01",
                 "'1970-01-01 00:00:01'");
  assert_single (&fsp0, BYTES (0x7f, 0xff, 0xff, 0xff), "2038-01-19 03:14:07",
                 "'2038-01-19 03:14:07'");
  assert_single (&fsp0, BYTES (0xff, 0xff, 0xff, 0xff), "2106-02-07 06:28:15",
                 "'2106-02-07 06:28:15'");
  /* zero is the zero date, not the epoch */
  assert_single (&fsp0, BYTES (0x00, 0x00, 0x00, 0x00), "0000-00-00 00:00:00",
                 "'0000-00-00 00:00:00'");
  assert_single (&fsp6, BYTES (0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
                 "0000-00-00 00:00:00.000000", "'0000-00-00 00:00:00.000000'");

  if (saved_tz != NULL)
    g_setenv ("TZ", saved_tz, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
}

static void
test_old_temporal (void)
{
  ColumnSpec timestamp = { "ts", MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP, 0, FALSE, NULL, NULL };
  ColumnSpec datetime = { "dt", MYSQL_BINLOG_COLUMN_TYPE_DATETIME, 0, FALSE, NULL, NULL };
  ColumnSpec time = { "t", MYSQL_BINLOG_COLUMN_TYPE_TIME, 0, FALSE, NULL, NULL };

  /* little-endian seconds */
  assert_single (&timestamp, BYTES (0x5c, 0x8a, 0xe0, 0x65), "2024-02-29 13:45:00",
                 "'2024-02-29 13:45:00'");
  assert_single (&timestamp, BYTES (0, 0, 0, 0), "0000-00-00 00:00:00", "'0000-00-00 00:00:00'");
  /* 20240229134500 as a little-endian integer */
  assert_single (&datetime, BYTES (0xa4, 0xf0, 0xaa, 0x8b, 0x68, 0x12, 0x00, 0x00),
                 "2024-02-29 13:45:00", "'2024-02-29 13:45:00'");
  assert_single (&datetime, BYTES (0, 0, 0, 0, 0, 0, 0, 0), "0000-00-00 00:00:00",
                 "'0000-00-00 00:00:00'");
  /* HHMMSS as a signed 24-bit integer: -8385959 */
  assert_single (&time, BYTES (0x59, 0x0a, 0x80), "-838:59:59", "'-838:59:59'");
  /* 123456 */
  assert_single (&time, BYTES (0x40, 0xe2, 0x01), "12:34:56", "'12:34:56'");
}

/* Strings
 * ----------------------------------------------------------------------- */

static void
assert_bytes (MysqlBinlogRow *row,
              guint           column,
              const guint8   *expected,
              gsize           length)
{
  g_autoptr(GBytes) bytes = mysql_binlog_row_get_bytes (row, column);
  const guint8 *peeked;
  gsize peeked_length = G_MAXSIZE;

  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, length);

  /* The same bytes in the event, a BINARY(n) value without its padding. */
  peeked = mysql_binlog_row_peek_bytes (row, column, &peeked_length);
  g_assert_nonnull (peeked);
  g_assert_cmpuint (peeked_length, <=, length);
  g_assert_cmpmem (peeked, peeked_length, expected, peeked_length);
  for (gsize i = peeked_length; i < length; i++)
    g_assert_cmpuint (expected[i], ==, 0);
}

static void
test_varchar (void)
{
  /* VARCHAR(10) utf8mb4 = 40 bytes: 1-byte length prefix */
  ColumnSpec short_spec = { "v", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR, 40, FALSE, "utf8mb4", NULL };
  /* VARCHAR(255) utf8mb4 = 1020 bytes: 2-byte length prefix */
  ColumnSpec long_spec = { "v", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR, 1020, FALSE, "utf8mb4", NULL };
  ColumnSpec binary = { "v", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR, 16, FALSE, "binary", NULL };
  ColumnSpec unknown = { "v", MYSQL_BINLOG_COLUMN_TYPE_VAR_STRING, 16, FALSE, NULL, NULL };
  g_autoptr(MysqlBinlogRow) emoji = single (&short_spec, BYTES (7, 'h', 'i', ' ', 0xf0, 0x9f, 0x98, 0x80));
  g_autoptr(MysqlBinlogRow) two = single (&long_spec, BYTES (0x03, 0x00, 'a', 'b', 'c'));
  g_autoptr(MysqlBinlogRow) bin = single (&binary, BYTES (3, 0x00, 0xff, 0x10));
  g_autoptr(MysqlBinlogRow) empty = single (&short_spec, BYTES (0));
  g_autoptr(MysqlBinlogRow) invalid = single (&short_spec, BYTES (3, 'a', 0xff, 'b'));
  g_autoptr(MysqlBinlogRow) guess = single (&unknown, BYTES (2, 0xc3, 0xa9));

  assert_cell (emoji, 0, "hi \xf0\x9f\x98\x80", "'hi \xf0\x9f\x98\x80'");
  assert_bytes (emoji, 0, BYTES ('h', 'i', ' ', 0xf0, 0x9f, 0x98, 0x80));
  assert_cell (two, 0, "abc", "'abc'");
  assert_bytes (two, 0, BYTES ('a', 'b', 'c'));
  assert_cell (bin, 0, "0x00FF10", "[byte 0x00, 0xff, 0x10]");
  assert_bytes (bin, 0, BYTES (0x00, 0xff, 0x10));
  assert_cell (empty, 0, "", "''");
  /* invalid UTF-8 is repaired, never handed to GVariant */
  assert_cell (invalid, 0, "a\xef\xbf\xbd" "b", "'a\xef\xbf\xbd" "b'");
  assert_bytes (invalid, 0, BYTES ('a', 0xff, 'b'));
  /* unknown character set: read as UTF-8 */
  assert_cell (guess, 0, "\xc3\xa9", "'\xc3\xa9'");
}

static void
test_string (void)
{
  /* CHAR(10) utf8mb4: STRING, meta bytes 0xfe, 40 */
  ColumnSpec char10 = { "c", MYSQL_BINLOG_COLUMN_TYPE_STRING, 0xfe28, FALSE, "utf8mb4", NULL };
  /* CHAR(100) utf8mb4 = 400 bytes: 0x190, bits 8-9 stored inverted in
   * bits 4-5 of the first meta byte: 0xfe ^ 0x10 = 0xee, 0x90 */
  ColumnSpec char100 = { "c", MYSQL_BINLOG_COLUMN_TYPE_STRING, 0xee90, FALSE, "utf8mb4", NULL };
  ColumnSpec binary4 = { "c", MYSQL_BINLOG_COLUMN_TYPE_STRING, 0xfe04, FALSE, "binary", NULL };
  g_autoptr(MysqlBinlogTable) table = table_new (&char100, 1);
  g_autoptr(MysqlBinlogRow) small = single (&char10, BYTES (2, 'o', 'k'));
  g_autoptr(MysqlBinlogRow) large = single (&char100, BYTES (0x02, 0x00, 'o', 'k'));
  g_autoptr(MysqlBinlogRow) bin = single (&binary4, BYTES (4, 0xde, 0xad, 0xbe, 0xef));

  g_assert_cmpint (table->columns[0].real_type, ==, MYSQL_BINLOG_COLUMN_TYPE_STRING);
  g_assert_cmpuint (_mysql_binlog_column_string_max_length (&table->columns[0]), ==, 400);

  assert_cell (small, 0, "ok", "'ok'");
  g_assert_cmpint (mysql_binlog_row_get_column_type (small, 0), ==, MYSQL_BINLOG_COLUMN_TYPE_STRING);
  assert_cell (large, 0, "ok", "'ok'");
  assert_cell (bin, 0, "0xDEADBEEF", "[byte 0xde, 0xad, 0xbe, 0xef]");
  assert_bytes (bin, 0, BYTES (0xde, 0xad, 0xbe, 0xef));
}

static void
test_blob (void)
{
  ColumnSpec blob = { "b", MYSQL_BINLOG_COLUMN_TYPE_BLOB, 2, FALSE, "binary", NULL };
  ColumnSpec tinyblob = { "b", MYSQL_BINLOG_COLUMN_TYPE_BLOB, 1, FALSE, "binary", NULL };
  ColumnSpec longtext = { "t", MYSQL_BINLOG_COLUMN_TYPE_BLOB, 4, FALSE, "utf8mb4", NULL };
  ColumnSpec geometry = { "g", MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY, 4, FALSE, NULL, NULL };
  g_autoptr(MysqlBinlogRow) b = single (&blob, BYTES (0x02, 0x00, 0x00, 0x01));
  g_autoptr(MysqlBinlogRow) tiny = single (&tinyblob, BYTES (0x00));
  /* MariaDB's JSON is a LONGTEXT */
  g_autoptr(MysqlBinlogRow) text = single (&longtext, BYTES (0x09, 0x00, 0x00, 0x00,
                                                             '{', '"', 'a', '"', ':', ' ', '1', '}', '\n'));
  /* POINT(1 2), SRID 0: SRID, byte order, type 1, x, y */
  g_autoptr(MysqlBinlogRow) point = single (&geometry,
                                            BYTES (25, 0, 0, 0,
                                                   0, 0, 0, 0, 0x01, 0x01, 0, 0, 0,
                                                   0, 0, 0, 0, 0, 0, 0xf0, 0x3f,
                                                   0, 0, 0, 0, 0, 0, 0x00, 0x40));

  assert_cell (b, 0, "0x0001", "[byte 0x00, 0x01]");
  assert_bytes (b, 0, BYTES (0x00, 0x01));
  assert_cell (tiny, 0, "0x", "@ay []");
  assert_cell (text, 0, "{\"a\": 1}\n", "'{\"a\": 1}\\n'");
  assert_bytes (text, 0, BYTES ('{', '"', 'a', '"', ':', ' ', '1', '}', '\n'));
  assert_cell (point, 0, "0x000000000101000000000000000000F03F0000000000000040",
               "[byte 0x00, 0x00, 0x00, 0x00, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, "
               "0x00, 0x00, 0x00, 0xf0, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40]");
  g_assert_cmpint (mysql_binlog_row_get_column_type (point, 0), ==, MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY);
}

static void
test_bytes_zero_copy (void)
{
  ColumnSpec blob = { "b", MYSQL_BINLOG_COLUMN_TYPE_BLOB, 2, FALSE, "binary", NULL };
  g_autoptr(MysqlBinlogTable) table = table_new (&blob, 1);
  static const guint8 present[] = { 0x01 };
  static const guint8 image[] = { 0x00, 0x03, 0x00, 'x', 'y', 'z' };
  g_autoptr(GBytes) event = g_bytes_new (image, sizeof image);
  g_autoptr(MysqlBinlogRow) row = NULL;
  g_autoptr(GBytes) value = NULL;
  g_autoptr(GVariant) variant = NULL;
  const guint8 *data = g_bytes_get_data (event, NULL);
  const guint8 *cursor = data;

  row = _mysql_binlog_row_build (table, event, present, 1, 0, &cursor, data + sizeof image, NULL);
  g_assert_nonnull (row);
  value = mysql_binlog_row_get_bytes (row, 0);
  /* the value points into the event's bytes */
  g_assert_true ((const guint8 *) g_bytes_get_data (value, NULL) == data + 3);
  g_assert_cmpuint (g_bytes_get_size (value), ==, 3);
  variant = mysql_binlog_row_get_value (row, 0);
  g_assert_true ((const guint8 *) g_variant_get_data (variant) == data + 3);

  /* the row and its values outlive the caller's references */
  g_clear_pointer (&event, g_bytes_unref);
  g_clear_pointer (&table, _mysql_binlog_table_unref);
  g_assert_cmpstr (mysql_binlog_row_get_table (row), ==, "items");
  g_clear_pointer (&row, mysql_binlog_row_unref);
  g_assert_cmpmem (g_bytes_get_data (value, NULL), 3, "xyz", 3);
}

/* Character sets
 * ----------------------------------------------------------------------- */

static char *
convert (const char   *charset,
         const guint8 *data,
         gsize         length)
{
  MysqlBinlogColumn column = { 0 };
  char *text;

  _mysql_binlog_column_set_charset (&column, charset);
  text = _mysql_binlog_column_to_utf8 (&column, data, length);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  return text;
}

#define assert_converted(charset, expected, ...) \
  G_STMT_START { \
    g_autofree char *_text = convert (charset, BYTES (__VA_ARGS__)); \
    g_assert_cmpstr (_text, ==, expected); \
  } G_STMT_END

static void
test_charset_conversion (void)
{
  g_autofree char *all_latin1 = NULL;
  g_autofree char *empty = NULL;
  guint8 bytes[256];

  /* MySQL's latin1 is cp1252 */
  assert_converted ("latin1", "\xe2\x82\xac", 0x80);
  assert_converted ("latin1", "\xc3\xa9t\xc3\xa9", 0xe9, 't', 0xe9);
  assert_converted ("latin1", "\xe2\x80\x9cq\xe2\x80\x9d", 0x93, 'q', 0x94);
  /* the five bytes cp1252 leaves undefined are C1 controls */
  assert_converted ("latin1", "\xc2\x81\xc2\x8d\xc2\x8f\xc2\x90\xc2\x9d", 0x81, 0x8d, 0x8f, 0x90, 0x9d);
  assert_converted ("latin1", "\xc3\xbf\xc2\xa0", 0xff, 0xa0);
  for (guint i = 0; i < 256; i++)
    bytes[i] = i == 0 ? 'a' : i;
  all_latin1 = convert ("latin1", bytes, sizeof bytes);
  g_assert_cmpuint (g_utf8_strlen (all_latin1, -1), ==, 256);

  assert_converted ("utf8mb4", "\xf0\x9f\x98\x80", 0xf0, 0x9f, 0x98, 0x80);
  assert_converted ("utf8mb3", "\xe2\x82\xac", 0xe2, 0x82, 0xac);
  assert_converted ("utf8", "\xc3\xa9", 0xc3, 0xa9);
  assert_converted ("ascii", "abc", 'a', 'b', 'c');
  /* truncated sequence, embedded NUL */
  assert_converted ("utf8mb4", "a\xef\xbf\xbd\xef\xbf\xbd", 'a', 0xf0, 0x9f);
  assert_converted ("utf8mb4", "a\xef\xbf\xbd" "b", 'a', 0x00, 'b');

  assert_converted ("utf16", "\xc3\xa9\xe2\x82\xac", 0x00, 0xe9, 0x20, 0xac);
  assert_converted ("utf16", "\xf0\x9f\x98\x80", 0xd8, 0x3d, 0xde, 0x00);
  assert_converted ("utf16le", "\xc3\xa9", 0xe9, 0x00);
  assert_converted ("ucs2", "\xc3\xa9", 0x00, 0xe9);
  assert_converted ("utf32", "\xf0\x9f\x98\x80", 0x00, 0x01, 0xf6, 0x00);
  assert_converted ("cp1251", "\xd0\x96", 0xc6);
  assert_converted ("cp1250", "\xc5\xa1", 0x9a);
  assert_converted ("latin2", "\xc5\x82", 0xb3);
  assert_converted ("greek", "\xce\xb1", 0xe1);
  assert_converted ("koi8r", "\xd0\xb0", 0xc1);
  assert_converted ("sjis", "\xe3\x81\x82", 0x82, 0xa0);
  assert_converted ("ujis", "\xe3\x81\x82", 0xa4, 0xa2);
  assert_converted ("gbk", "\xe4\xb8\xad", 0xd6, 0xd0);
  assert_converted ("gb18030", "\xe4\xb8\xad", 0xd6, 0xd0);
  assert_converted ("big5", "\xe4\xb8\xad", 0xa4, 0xa4);
  assert_converted ("euckr", "\xea\xb0\x80", 0xb0, 0xa1);
  assert_converted ("cp850", "\xc3\xa9", 0x82);
  assert_converted ("macroman", "\xc3\xa9", 0x8e);
  assert_converted ("swe7", "\xc3\x89", 0x40);
  /* no iconv converter: repaired as UTF-8 */
  assert_converted ("keybcs2", "ab", 'a', 'b');
  /* invalid in the charset: repaired as UTF-8 rather than lost */
  assert_converted ("utf16", "\xef\xbf\xbd", 0xd8);
  assert_converted ("utf32", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 0xff, 0xff, 0xff, 0xff);

  empty = convert ("utf16", (const guint8 *) "", 0);
  g_assert_cmpstr (empty, ==, "");
}

static void
test_charset_lookup (void)
{
  MysqlBinlogColumn column = { 0 };

  g_assert_cmpstr (_mysql_binlog_charset_for_collation (8), ==, "latin1");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (47), ==, "latin1");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (33), ==, "utf8mb3");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (45), ==, "utf8mb4");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (46), ==, "utf8mb4");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (63), ==, "binary");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (11), ==, "ascii");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (54), ==, "utf16");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (56), ==, "utf16le");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (60), ==, "utf32");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (35), ==, "ucs2");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (76), ==, "utf8mb3");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (224), ==, "utf8mb4");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (246), ==, "utf8mb4");
  /* MySQL 8 and 9 */
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (248), ==, "gb18030");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (250), ==, "gb18030");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (255), ==, "utf8mb4");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (309), ==, "utf8mb4");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (323), ==, "utf8mb4");
  g_assert_null (_mysql_binlog_charset_for_collation (276));
  g_assert_null (_mysql_binlog_charset_for_collation (324));
  /* MariaDB */
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (1032), ==, "latin1");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (1057), ==, "utf8mb3");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (1071), ==, "latin1");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (608), ==, "utf8mb4");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (2304), ==, "utf8mb4");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (2048), ==, "utf8mb3");
  g_assert_cmpstr (_mysql_binlog_charset_for_collation (3072), ==, "utf32");
  g_assert_null (_mysql_binlog_charset_for_collation (0));
  g_assert_null (_mysql_binlog_charset_for_collation (1500));
  g_assert_null (_mysql_binlog_charset_for_collation (3400));
  g_assert_null (_mysql_binlog_charset_for_collation (G_MAXUINT));

  _mysql_binlog_column_set_charset (&column, "utf8mb4");
  g_assert_cmpint (column.charset_kind, ==, MYSQL_BINLOG_CHARSET_KIND_UTF8);
  g_assert_cmpstr (column.charset, ==, "utf8mb4");
  _mysql_binlog_column_set_charset (&column, "utf8");
  g_assert_cmpint (column.charset_kind, ==, MYSQL_BINLOG_CHARSET_KIND_UTF8);
  g_assert_cmpstr (column.charset, ==, "utf8mb3");
  _mysql_binlog_column_set_charset (&column, "latin1");
  g_assert_cmpint (column.charset_kind, ==, MYSQL_BINLOG_CHARSET_KIND_LATIN1);
  _mysql_binlog_column_set_charset (&column, "binary");
  g_assert_cmpint (column.charset_kind, ==, MYSQL_BINLOG_CHARSET_KIND_BINARY);
  _mysql_binlog_column_set_charset (&column, "sjis");
  g_assert_cmpint (column.charset_kind, ==, MYSQL_BINLOG_CHARSET_KIND_ICONV);
  g_assert_cmpstr (column.iconv_charset, ==, "SHIFT_JIS");
  _mysql_binlog_column_set_charset (&column, "ucs2");
  g_assert_cmpstr (column.iconv_charset, ==, "UCS-2BE");
  _mysql_binlog_column_set_charset (&column, "klingon");
  g_assert_cmpint (column.charset_kind, ==, MYSQL_BINLOG_CHARSET_KIND_UNKNOWN);
  g_assert_null (column.charset);
  g_assert_null (column.iconv_charset);
  _mysql_binlog_column_set_charset (&column, NULL);
  g_assert_cmpint (column.charset_kind, ==, MYSQL_BINLOG_CHARSET_KIND_UNKNOWN);

  /* every charset a collation maps to is known by name */
  for (guint id = 0; id < 4096; id++)
    {
      const char *name = _mysql_binlog_charset_for_collation (id);

      if (name == NULL)
        continue;
      _mysql_binlog_column_set_charset (&column, name);
      g_assert_cmpstr (column.charset, ==, name);
    }
}

static void
test_text_charsets (void)
{
  ColumnSpec latin1 = { "l", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR, 10, FALSE, "latin1", NULL };
  ColumnSpec utf16 = { "u", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR, 40, FALSE, "utf16", NULL };
  ColumnSpec text = { "t", MYSQL_BINLOG_COLUMN_TYPE_BLOB, 2, FALSE, "latin1", NULL };

  assert_single (&latin1, BYTES (3, 0x80, 0xe9, 'a'), "\xe2\x82\xac\xc3\xa9" "a",
                 "'\xe2\x82\xac\xc3\xa9" "a'");
  assert_single (&utf16, BYTES (4, 0x00, 0xe9, 0x20, 0xac), "\xc3\xa9\xe2\x82\xac",
                 "'\xc3\xa9\xe2\x82\xac'");
  assert_single (&text, BYTES (1, 0, 0xe9), "\xc3\xa9", "'\xc3\xa9'");
}

/* ENUM, SET
 * ----------------------------------------------------------------------- */

static void
test_enum (void)
{
  static const char * const sizes[] = { "small", "medium", "large", NULL };
  /* the table map writes ENUM as STRING with 0xf7 and the pack length */
  ColumnSpec spec = { "e", MYSQL_BINLOG_COLUMN_TYPE_STRING, 0xf701, FALSE, "utf8mb4", sizes };
  ColumnSpec wide = { "e", MYSQL_BINLOG_COLUMN_TYPE_STRING, 0xf702, FALSE, "utf8mb4", sizes };
  ColumnSpec unnamed = { "e", MYSQL_BINLOG_COLUMN_TYPE_STRING, 0xf701, FALSE, "utf8mb4", NULL };
  g_autoptr(MysqlBinlogRow) zero = single (&spec, BYTES (0));
  g_autoptr(MysqlBinlogRow) first = single (&spec, BYTES (1));
  g_autoptr(MysqlBinlogRow) last = single (&spec, BYTES (3));
  g_autoptr(MysqlBinlogRow) two_bytes = single (&wide, BYTES (0x02, 0x00));
  g_autoptr(MysqlBinlogRow) anonymous = single (&unnamed, BYTES (2));

  assert_cell (zero, 0, "", "''");
  g_assert_cmpint (mysql_binlog_row_get_int64 (zero, 0), ==, 0);
  assert_cell (first, 0, "small", "'small'");
  g_assert_cmpint (mysql_binlog_row_get_int64 (first, 0), ==, 1);
  assert_cell (last, 0, "large", "'large'");
  g_assert_cmpint (mysql_binlog_row_get_int64 (last, 0), ==, 3);
  g_assert_cmpint (mysql_binlog_row_get_column_type (last, 0), ==, MYSQL_BINLOG_COLUMN_TYPE_ENUM);
  g_assert_null (mysql_binlog_row_get_bytes (last, 0));
  assert_cell (two_bytes, 0, "medium", "'medium'");
  /* members unknown: the 1-based index */
  assert_cell (anonymous, 0, "2", "'2'");
}

static void
test_set (void)
{
  static const char * const letters[] = { "a", "b", "c", NULL };
  ColumnSpec spec = { "s", MYSQL_BINLOG_COLUMN_TYPE_STRING, 0xf801, FALSE, "utf8mb4", letters };
  ColumnSpec unnamed = { "s", MYSQL_BINLOG_COLUMN_TYPE_STRING, 0xf801, FALSE, "utf8mb4", NULL };
  g_autoptr(MysqlBinlogRow) empty = single (&spec, BYTES (0x00));
  g_autoptr(MysqlBinlogRow) full = single (&spec, BYTES (0x07));
  g_autoptr(MysqlBinlogRow) some = single (&spec, BYTES (0x05));
  g_autoptr(MysqlBinlogRow) anonymous = single (&unnamed, BYTES (0x06));
  g_autoptr(MysqlBinlogTable) table = table_new (&spec, 1);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(MysqlBinlogRow) all64 = NULL;
  g_autoptr(GVariant) value = NULL;
  ColumnSpec wide = { "s", MYSQL_BINLOG_COLUMN_TYPE_STRING, 0xf808, FALSE, "utf8mb4", NULL };

  assert_cell (empty, 0, "", "@as []");
  g_assert_cmpint (mysql_binlog_row_get_int64 (empty, 0), ==, 0);
  assert_cell (full, 0, "a,b,c", "['a', 'b', 'c']");
  g_assert_cmpuint (mysql_binlog_row_get_uint64 (full, 0), ==, 7);
  assert_cell (some, 0, "a,c", "['a', 'c']");
  g_assert_cmpint (mysql_binlog_row_get_column_type (some, 0), ==, MYSQL_BINLOG_COLUMN_TYPE_SET);
  g_assert_cmpint (table->columns[0].real_type, ==, MYSQL_BINLOG_COLUMN_TYPE_SET);
  assert_cell (anonymous, 0, "2,3", "['2', '3']");

  /* 64 members, all set: 8 bytes */
  for (guint i = 0; i < 64; i++)
    g_ptr_array_add (names, g_strdup_printf ("m%u", i));
  g_ptr_array_add (names, NULL);
  wide.members = (const char * const *) names->pdata;
  all64 = single (&wide, BYTES (0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));
  value = mysql_binlog_row_get_value (all64, 0);
  g_assert_cmpuint (g_variant_n_children (value), ==, 64);
  g_assert_cmpuint (mysql_binlog_row_get_uint64 (all64, 0), ==, G_MAXUINT64);
  g_assert_cmpint (mysql_binlog_row_get_int64 (all64, 0), ==, G_MAXINT64);
  {
    g_autofree char *text = mysql_binlog_row_dup_string (all64, 0);
    g_autofree char *joined = NULL;

    g_ptr_array_set_size (names, 64);
    g_ptr_array_add (names, NULL);
    joined = g_strjoinv (",", (char **) names->pdata);
    g_assert_cmpstr (text, ==, joined);
  }
}

/* Columns of few values share one GVariant per value across the rows of
 * their table: the values must still be exact, whichever row made the
 * shared variant first and on whichever thread. */

static const char * const shared_members[] = { "new", "paid", "shipped", NULL };
static const char * const shared_letters[] = { "a", "b", "c", NULL };
static const char * const shared_many[] = { "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", NULL };

static const ColumnSpec shared_specs[] = {
  { "t", MYSQL_BINLOG_COLUMN_TYPE_TINY, 0, FALSE, NULL, NULL },
  { "u", MYSQL_BINLOG_COLUMN_TYPE_TINY, 0, TRUE, NULL, NULL },
  { "y", MYSQL_BINLOG_COLUMN_TYPE_YEAR, 0, FALSE, NULL, NULL },
  { "e", MYSQL_BINLOG_COLUMN_TYPE_STRING, 0xf701, FALSE, "utf8mb4", shared_members },
  { "s", MYSQL_BINLOG_COLUMN_TYPE_STRING, 0xf801, FALSE, "utf8mb4", shared_letters },
  { "w", MYSQL_BINLOG_COLUMN_TYPE_STRING, 0xf802, FALSE, "utf8mb4", shared_many },
};

/* The row of @table for @n (0 to 255): every column derived from n. */
static MysqlBinlogRow *
shared_row (MysqlBinlogTable *table,
            guint             n)
{
  static const guint8 present[] = { 0x3f };
  const guint8 image[] = {
    0x00,                                 /* NULL bitmap */
    n, n, n,                              /* t, u, y */
    n % 4,                                /* e: 0 (the empty member) to 3 */
    n % 8,                                /* s */
    n & 0xff, (n >> 8) & 0x01,            /* w: 9 members, 2 bytes */
  };

  return row_build (table, present, G_N_ELEMENTS (shared_specs), image, sizeof image);
}

static void
assert_shared_row (MysqlBinlogRow *row,
                   guint           n)
{
  g_autoptr(GVariant) t = mysql_binlog_row_get_value (row, 0);
  g_autoptr(GVariant) u = mysql_binlog_row_get_value (row, 1);
  g_autoptr(GVariant) y = mysql_binlog_row_get_value (row, 2);
  g_autoptr(GVariant) e = mysql_binlog_row_get_value (row, 3);
  g_autoptr(GVariant) s = mysql_binlog_row_get_value (row, 4);
  g_autoptr(GVariant) w = mysql_binlog_row_get_value (row, 5);
  const char *member = n % 4 == 0 ? "" : shared_members[n % 4 - 1];
  g_autofree const char **letters = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *expected = NULL;

  g_assert_false (g_variant_is_floating (t));
  g_assert_cmpint (g_variant_get_int64 (t), ==, (gint8) n);
  g_assert_cmpuint (g_variant_get_uint64 (u), ==, n);
  g_assert_cmpint (g_variant_get_int64 (y), ==, n == 0 ? 0 : 1900 + n);
  g_assert_cmpstr (g_variant_get_string (e, NULL), ==, member);

  letters = g_variant_get_strv (s, NULL);
  joined = g_strjoinv (",", (char **) letters);
  expected = g_strdup_printf ("%s%s%s%s%s", (n & 1) ? "a" : "",
                              (n & 1) && (n & 6) ? "," : "", (n & 2) ? "b" : "",
                              (n & 2) && (n & 4) ? "," : "", (n & 4) ? "c" : "");
  g_assert_cmpstr (joined, ==, expected);
  g_assert_cmpuint (g_variant_n_children (w), ==, __builtin_popcount (n & 0x1ff));
}

static gpointer
read_shared_rows (gpointer data)
{
  MysqlBinlogTable *table = data;

  for (guint round = 0; round < 20; round++)
    for (guint n = 0; n < 256; n++)
      {
        g_autoptr(MysqlBinlogRow) row = shared_row (table, (n * 7 + round) % 256);

        assert_shared_row (row, (n * 7 + round) % 256);
      }
  return NULL;
}

static void
test_shared_values (void)
{
  g_autoptr(MysqlBinlogTable) table = table_new (shared_specs, G_N_ELEMENTS (shared_specs));
  g_autoptr(MysqlBinlogTable) threaded = table_new (shared_specs, G_N_ELEMENTS (shared_specs));
  g_autoptr(MysqlBinlogRow) first = NULL;
  g_autoptr(MysqlBinlogRow) second = NULL;
  g_autoptr(GVariant) a = NULL;
  g_autoptr(GVariant) b = NULL;
  GThread *threads[4];

  /* Twice over every value: made the first time, shared the second. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint n = 0; n < 256; n++)
      {
        g_autoptr(MysqlBinlogRow) row = shared_row (table, n);

        assert_shared_row (row, n);
      }

  /* Two rows with the same ENUM value share its variant; the 9-member SET
   * is not shared. */
  first = shared_row (table, 5);
  second = shared_row (table, 9);
  a = mysql_binlog_row_get_value (first, 3);
  b = mysql_binlog_row_get_value (second, 3);
  g_assert_true (a == b);
  g_clear_pointer (&a, g_variant_unref);
  g_clear_pointer (&b, g_variant_unref);
  a = mysql_binlog_row_get_value (first, 5);
  b = mysql_binlog_row_get_value (first, 5);
  g_assert_true (a != b);
  g_assert_true (g_variant_equal (a, b));

  /* Several threads filling the same table's shared values at once. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("shared-values", read_shared_rows, threaded);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
}

/* JSON (MySQL's binary format)
 * ----------------------------------------------------------------------- */

static char *
json (const guint8 *data,
      gsize         length)
{
  char *text = _mysql_binlog_json_to_string (data, length);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  return text;
}

#define assert_json(expected, ...) \
  G_STMT_START { \
    g_autofree char *_text = json (BYTES (__VA_ARGS__)); \
    g_assert_cmpstr (_text, ==, expected); \
  } G_STMT_END

static void
test_json (void)
{
  /* {"a": 1, "b": [true, null, "x"]}: a small object (2-byte offsets):
   * count, size, two key entries (offset, length), two value entries
   * (type, inlined value or offset), the keys, then the array at 20. */
  static const guint8 object[] = {
    0x00,
    0x02, 0x00, 0x23, 0x00,
    0x12, 0x00, 0x01, 0x00, 0x13, 0x00, 0x01, 0x00,
    0x05, 0x01, 0x00, 0x02, 0x14, 0x00,
    'a', 'b',
    0x03, 0x00, 0x0f, 0x00,
    0x04, 0x01, 0x00, 0x04, 0x00, 0x00, 0x0c, 0x0d, 0x00,
    0x01, 'x',
  };
  ColumnSpec spec = { "j", MYSQL_BINLOG_COLUMN_TYPE_JSON, 4, FALSE, NULL, NULL };
  g_autoptr(GByteArray) stored = g_byte_array_new ();
  g_autoptr(MysqlBinlogRow) row = NULL;
  g_autoptr(GBytes) raw = NULL;
  guint8 prefix[4];

  assert_json ("{\"a\": 1, \"b\": [true, null, \"x\"]}",
               0x00,
               0x02, 0x00, 0x23, 0x00,
               0x12, 0x00, 0x01, 0x00, 0x13, 0x00, 0x01, 0x00,
               0x05, 0x01, 0x00, 0x02, 0x14, 0x00,
               'a', 'b',
               0x03, 0x00, 0x0f, 0x00,
               0x04, 0x01, 0x00, 0x04, 0x00, 0x00, 0x0c, 0x0d, 0x00,
               0x01, 'x');

  /* the same document in a JSON column: 4-byte length prefix */
  put_le (prefix, sizeof object, 4);
  g_byte_array_append (stored, prefix, 4);
  g_byte_array_append (stored, object, sizeof object);
  row = single (&spec, stored->data, stored->len);
  assert_cell (row, 0, "{\"a\": 1, \"b\": [true, null, \"x\"]}",
               "'{\"a\": 1, \"b\": [true, null, \"x\"]}'");
  raw = mysql_binlog_row_get_bytes (row, 0);
  g_assert_cmpmem (g_bytes_get_data (raw, NULL), g_bytes_get_size (raw), object, sizeof object);

  /* scalars at the top level */
  assert_json ("null", 0x04, 0x00);
  assert_json ("true", 0x04, 0x01);
  assert_json ("false", 0x04, 0x02);
  assert_json ("-2", 0x05, 0xfe, 0xff);
  assert_json ("65535", 0x06, 0xff, 0xff);
  assert_json ("-2147483648", 0x07, 0x00, 0x00, 0x00, 0x80);
  assert_json ("4294967295", 0x08, 0xff, 0xff, 0xff, 0xff);
  assert_json ("-9223372036854775808", 0x09, 0, 0, 0, 0, 0, 0, 0, 0x80);
  assert_json ("18446744073709551615", 0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
  /* doubles keep a fraction: 1.0, 0.1, 1e20 */
  assert_json ("1.0", 0x0b, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f);
  assert_json ("0.1", 0x0b, 0x9a, 0x99, 0x99, 0x99, 0x99, 0x99, 0xb9, 0x3f);
  assert_json ("1e20", 0x0b, 0x40, 0x8c, 0xb5, 0x78, 0x1d, 0xaf, 0x15, 0x44);
  assert_json ("-2.5", 0x0b, 0, 0, 0, 0, 0, 0, 0x04, 0xc0);
  /* strings: escapes, multibyte, a 2-byte length (130 = 0x82 0x01) */
  assert_json ("\"a\\\"b\\\\c\\n\\t\\u0001\"", 0x0c, 0x08, 'a', '"', 'b', '\\', 'c', '\n', '\t', 0x01);
  assert_json ("\"\xf0\x9f\x98\x80\"", 0x0c, 0x04, 0xf0, 0x9f, 0x98, 0x80);
  assert_json ("\"\"", 0x0c, 0x00);
  {
    g_autoptr(GByteArray) doc = g_byte_array_new ();
    g_autofree char *text = NULL;
    g_autofree char *expected = NULL;
    static const guint8 head[] = { 0x0c, 0x82, 0x01 };

    g_byte_array_append (doc, head, sizeof head);
    for (guint i = 0; i < 130; i++)
      g_byte_array_append (doc, (const guint8 *) "z", 1);
    text = json (doc->data, doc->len);
    expected = g_strnfill (132, 'z');
    expected[0] = expected[131] = '"';
    g_assert_cmpstr (text, ==, expected);
  }

  /* opaque values: DECIMAL(10,4) 12.3400 */
  assert_json ("12.3400", 0x0f, 0xf6, 0x07, 0x0a, 0x04, 0x80, 0x00, 0x0c, 0x0d, 0x48);
  /* DATETIME 2024-02-29 13:45:00.5, packed, little-endian */
  assert_json ("\"2024-02-29 13:45:00.500000\"",
               0x0f, 0x0c, 0x08, 0x20, 0xa1, 0x07, 0x40, 0xdb, 0xba, 0xb2, 0x19);
  assert_json ("\"2024-02-29 13:45:00.500000\"",
               0x0f, 0x07, 0x08, 0x20, 0xa1, 0x07, 0x40, 0xdb, 0xba, 0xb2, 0x19);
  assert_json ("\"2024-02-29\"", 0x0f, 0x0a, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0xba, 0xb2, 0x19);
  assert_json ("\"12:34:56.000000\"", 0x0f, 0x0b, 0x08, 0x00, 0x00, 0x00, 0xb8, 0xc8, 0x00, 0x00, 0x00);
  assert_json ("\"-12:34:56.250000\"", 0x0f, 0x0b, 0x08, 0x70, 0x2f, 0xfc, 0x47, 0x37, 0xff, 0xff, 0xff);
  /* other opaque types: base64 */
  assert_json ("\"base64:type252:AQI=\"", 0x0f, 0xfc, 0x02, 0x01, 0x02);
  assert_json ("\"base64:type15:\"", 0x0f, 0x0f, 0x00);
  assert_json ("\"hi\"", 0x0f, 0xfd, 0x02, 'h', 'i');

  /* a large object: 4-byte offsets, int32 inlined: {"k": 70000} */
  assert_json ("{\"k\": 70000}",
               0x01,
               0x01, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00,
               0x13, 0x00, 0x00, 0x00, 0x01, 0x00,
               0x07, 0x70, 0x11, 0x01, 0x00,
               'k');
  /* a large array holding a non-inlined int64 and an empty small object */
  assert_json ("[-1, {}]",
               0x03,
               0x02, 0x00, 0x00, 0x00, 0x1e, 0x00, 0x00, 0x00,
               0x09, 0x12, 0x00, 0x00, 0x00,
               0x00, 0x1a, 0x00, 0x00, 0x00,
               0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
               0x00, 0x00, 0x04, 0x00);
  /* small array with inlined int16 and uint16, a non-inlined int32 */
  assert_json ("[-1, 7, 100000]",
               0x02,
               0x03, 0x00, 0x11, 0x00,
               0x05, 0xff, 0xff, 0x06, 0x07, 0x00, 0x07, 0x0d, 0x00,
               0xa0, 0x86, 0x01, 0x00);
  assert_json ("[]", 0x02, 0x00, 0x00, 0x04, 0x00);

  /* the empty value is JSON null */
  assert_json ("null", 0x00);
  {
    g_autofree char *text = _mysql_binlog_json_to_string ((const guint8 *) "", 0);
    g_assert_cmpstr (text, ==, "null");
  }
}

static const guint8 *nested_arrays (guint levels,
                                    guint fanout);

static void
test_json_malformed (void)
{
  g_autofree char *text = NULL;

  /* unknown type, truncated scalars */
  assert_json ("null", 0x0e, 0x00);
  assert_json ("null", 0x09, 0x01, 0x02);
  assert_json ("null", 0x0b, 0x00);
  assert_json ("null", 0x04, 0x07);
  assert_json ("null", 0x04);
  /* string longer than the document */
  assert_json ("null", 0x0c, 0x05, 'a');
  /* a length that never ends */
  assert_json ("null", 0x0c, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80);
  /* object size beyond the data */
  assert_json ("null", 0x00, 0x01, 0x00, 0xff, 0x00);
  /* element count whose entries do not fit */
  assert_json ("null", 0x02, 0xff, 0xff, 0x04, 0x00);
  assert_json ("null", 0x03, 0xff, 0xff, 0xff, 0xff, 0x08, 0x00, 0x00, 0x00);
  /* key offset out of range */
  assert_json ("null",
               0x00,
               0x01, 0x00, 0x0c, 0x00,
               0xf0, 0x00, 0x01, 0x00,
               0x04, 0x00, 0x00,
               'a');
  /* value offset out of range */
  assert_json ("null", 0x02, 0x01, 0x00, 0x07, 0x00, 0x0c, 0x40, 0x00);
  /* value offset pointing at the container itself: bounded by the depth */
  assert_json ("null", 0x02, 0x01, 0x00, 0x07, 0x00, 0x02, 0x00, 0x00);
  /* truncated opaque DECIMAL and DATETIME */
  assert_json ("null", 0x0f, 0xf6, 0x03, 0x0a, 0x04, 0x80);
  assert_json ("null", 0x0f, 0xf6, 0x02, 0x00, 0x00);
  assert_json ("null", 0x0f, 0x0c, 0x02, 0x00, 0x00);
  /* invalid UTF-8 in a string is repaired */
  assert_json ("\"a\xef\xbf\xbd\"", 0x0c, 0x02, 'a', 0xff);

  /* 200 nested arrays, deeper than MySQL allows: each level is a small
   * array of one entry whose data follows at offset 7. */
  text = json (nested_arrays (200, 1), 1 + 200 * 7 + 4);
  g_assert_cmpstr (text, ==, "null");
}

/* A document of @levels nested small arrays, each with @fanout entries all
 * pointing at the next level; the innermost is an empty array.  Returns
 * static storage. */
static const guint8 *
nested_arrays (guint levels,
               guint fanout)
{
  static guint8 doc[4096];
  guint level_size = 4 + 3 * fanout;
  gsize total = 1 + levels * level_size + 4;
  guint8 *p = doc;

  g_assert_cmpuint (total, <=, sizeof doc);
  *p++ = 0x02;
  for (guint i = 0; i < levels; i++)
    {
      gsize size = total - (p - doc);

      put_le (p, fanout, 2);
      put_le (p + 2, size, 2);
      for (guint j = 0; j < fanout; j++)
        {
          p[4 + 3 * j] = 0x02;
          put_le (p + 5 + 3 * j, level_size, 2);
        }
      p += level_size;
    }
  memcpy (p, (const guint8[]) { 0x00, 0x00, 0x04, 0x00 }, 4);
  return doc;
}

static void
test_json_nesting (void)
{
  g_autofree char *ten = json (nested_arrays (10, 1), 1 + 10 * 7 + 4);
  g_autofree char *three = json (nested_arrays (3, 2), 1 + 3 * 10 + 4);
  g_autofree char *hundred = json (nested_arrays (99, 1), 1 + 99 * 7 + 4);
  g_autofree char *shared = NULL;

  g_assert_cmpstr (ten, ==, "[[[[[[[[[[[]]]]]]]]]]]");
  g_assert_cmpstr (three, ==, "[[[[], []], [[], []]], [[[], []], [[], []]]]");
  g_assert_cmpuint (strlen (hundred), ==, 200);

  /* 60 levels of two entries sharing the next level: without a bound the
   * text would double with every level. */
  shared = json (nested_arrays (60, 2), 1 + 60 * 10 + 4);
  g_assert_cmpstr (shared, ==, "null");
}

/* VECTOR
 * ----------------------------------------------------------------------- */

static void
test_vector (void)
{
  ColumnSpec spec = { "v", MYSQL_BINLOG_COLUMN_TYPE_VECTOR, 4, FALSE, "binary", NULL };
  g_autoptr(MysqlBinlogRow) row = NULL;
  g_autoptr(MysqlBinlogRow) empty = NULL;
  guint8 bytes[4 + 12];

  put_le (bytes, 12, 4);
  put_float (bytes + 4, 1.0f);
  put_float (bytes + 8, 2.5f);
  put_float (bytes + 12, -0.1f);
  row = single (&spec, bytes, sizeof bytes);
  assert_cell (row, 0, "[1,2.5,-0.1]", "[1.0, 2.5, -0.10000000149011612]");
  g_assert_null (mysql_binlog_row_get_bytes (row, 0));
  g_assert_cmpint (mysql_binlog_row_get_column_type (row, 0), ==, MYSQL_BINLOG_COLUMN_TYPE_VECTOR);

  empty = single (&spec, BYTES (0, 0, 0, 0));
  assert_cell (empty, 0, "[]", "@ad []");
}

/* Sizes and metadata
 * ----------------------------------------------------------------------- */

static void
test_value_sizes (void)
{
  static const struct {
    guint8  type;
    guint16 meta;
    gssize  size;
  } fixed[] = {
    { MYSQL_BINLOG_COLUMN_TYPE_TINY, 0, 1 },
    { MYSQL_BINLOG_COLUMN_TYPE_SHORT, 0, 2 },
    { MYSQL_BINLOG_COLUMN_TYPE_INT24, 0, 3 },
    { MYSQL_BINLOG_COLUMN_TYPE_LONG, 0, 4 },
    { MYSQL_BINLOG_COLUMN_TYPE_LONGLONG, 0, 8 },
    { MYSQL_BINLOG_COLUMN_TYPE_FLOAT, 4, 4 },
    { MYSQL_BINLOG_COLUMN_TYPE_DOUBLE, 8, 8 },
    { MYSQL_BINLOG_COLUMN_TYPE_YEAR, 0, 1 },
    { MYSQL_BINLOG_COLUMN_TYPE_DATE, 0, 3 },
    { MYSQL_BINLOG_COLUMN_TYPE_NEWDATE, 0, 3 },
    { MYSQL_BINLOG_COLUMN_TYPE_TIME, 0, 3 },
    { MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP, 0, 4 },
    { MYSQL_BINLOG_COLUMN_TYPE_DATETIME, 0, 8 },
    { MYSQL_BINLOG_COLUMN_TYPE_TIME2, 0, 3 },
    { MYSQL_BINLOG_COLUMN_TYPE_TIME2, 1, 4 },
    { MYSQL_BINLOG_COLUMN_TYPE_TIME2, 2, 4 },
    { MYSQL_BINLOG_COLUMN_TYPE_TIME2, 3, 5 },
    { MYSQL_BINLOG_COLUMN_TYPE_TIME2, 4, 5 },
    { MYSQL_BINLOG_COLUMN_TYPE_TIME2, 5, 6 },
    { MYSQL_BINLOG_COLUMN_TYPE_TIME2, 6, 6 },
    { MYSQL_BINLOG_COLUMN_TYPE_TIME2, 7, -1 },
    { MYSQL_BINLOG_COLUMN_TYPE_DATETIME2, 0, 5 },
    { MYSQL_BINLOG_COLUMN_TYPE_DATETIME2, 6, 8 },
    { MYSQL_BINLOG_COLUMN_TYPE_DATETIME2, 9, -1 },
    { MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2, 0, 4 },
    { MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2, 3, 6 },
    { MYSQL_BINLOG_COLUMN_TYPE_TIMESTAMP2, 6, 7 },
    { MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL, (10 << 8) | 4, 5 },
    { MYSQL_BINLOG_COLUMN_TYPE_BIT, 0x0001, 1 },
    { MYSQL_BINLOG_COLUMN_TYPE_BIT, 0x0100, 1 },
    { MYSQL_BINLOG_COLUMN_TYPE_BIT, 0x0101, 2 },
    { MYSQL_BINLOG_COLUMN_TYPE_BIT, 0x0800, 8 },
    { MYSQL_BINLOG_COLUMN_TYPE_BIT, 0x0801, -1 },
    { MYSQL_BINLOG_COLUMN_TYPE_BIT, 0x0000, -1 },
    { MYSQL_BINLOG_COLUMN_TYPE_BIT, 0x0008, -1 },
    { MYSQL_BINLOG_COLUMN_TYPE_ENUM, 0xf701, 1 },
    { MYSQL_BINLOG_COLUMN_TYPE_ENUM, 0xf702, 2 },
    { MYSQL_BINLOG_COLUMN_TYPE_ENUM, 0xf703, -1 },
    { MYSQL_BINLOG_COLUMN_TYPE_SET, 0xf808, 8 },
    { MYSQL_BINLOG_COLUMN_TYPE_SET, 0xf809, -1 },
    { MYSQL_BINLOG_COLUMN_TYPE_SET, 0xf800, -1 },
    { MYSQL_BINLOG_COLUMN_TYPE_NULL, 0, 0 },
    { MYSQL_BINLOG_COLUMN_TYPE_DECIMAL, 0, -1 },
    { 100, 0, -1 },
  };
  guint8 zeros[16] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      MysqlBinlogColumn column = { 0 };

      column.type = column.real_type = fixed[i].type;
      column.meta = fixed[i].meta;
      g_test_message ("size case %u: type %u meta 0x%x", i, fixed[i].type, fixed[i].meta);
      g_assert_cmpint (_mysql_binlog_value_size (&column, zeros, sizeof zeros), ==, fixed[i].size);
      /* one byte short never fits */
      if (fixed[i].size > 0)
        g_assert_cmpint (_mysql_binlog_value_size (&column, zeros, fixed[i].size - 1), ==, -1);
    }
}

static void
test_prefixed_sizes (void)
{
  MysqlBinlogColumn column = { 0 };
  static const guint8 data[] = { 0x03, 0x00, 0x00, 0x00, 'a', 'b', 'c' };

  column.type = column.real_type = MYSQL_BINLOG_COLUMN_TYPE_VARCHAR;
  column.meta = 255;
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, sizeof data), ==, 4);
  column.meta = 256;
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, sizeof data), ==, 5);
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, 4), ==, -1);
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, 1), ==, -1);
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, 0), ==, -1);

  column.type = column.real_type = MYSQL_BINLOG_COLUMN_TYPE_BLOB;
  for (guint prefix = 1; prefix <= 4; prefix++)
    {
      column.meta = prefix;
      g_assert_cmpint (_mysql_binlog_value_size (&column, data, prefix + 3), ==,
                       prefix == 4 ? 7 : prefix + 3);
    }
  column.meta = 4;
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, 6), ==, -1);
  column.meta = 0;
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, sizeof data), ==, -1);
  column.meta = 5;
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, sizeof data), ==, -1);

  /* a 4-byte length near 4 GiB never wraps */
  {
    static const guint8 huge[] = { 0xff, 0xff, 0xff, 0xff, 0x00 };
    column.meta = 4;
    g_assert_cmpint (_mysql_binlog_value_size (&column, huge, sizeof huge), ==, -1);
  }

  column.type = column.real_type = MYSQL_BINLOG_COLUMN_TYPE_JSON;
  column.meta = 4;
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, sizeof data), ==, 7);
  column.type = column.real_type = MYSQL_BINLOG_COLUMN_TYPE_GEOMETRY;
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, sizeof data), ==, 7);
  column.type = column.real_type = MYSQL_BINLOG_COLUMN_TYPE_VECTOR;
  g_assert_cmpint (_mysql_binlog_value_size (&column, data, sizeof data), ==, 7);
}

static void
test_real_type (void)
{
  MysqlBinlogColumn column = { 0 };

  column.type = MYSQL_BINLOG_COLUMN_TYPE_STRING;
  column.meta = 0xf701;
  _mysql_binlog_column_resolve_real_type (&column);
  g_assert_cmpint (column.real_type, ==, MYSQL_BINLOG_COLUMN_TYPE_ENUM);

  column.meta = 0xf802;
  _mysql_binlog_column_resolve_real_type (&column);
  g_assert_cmpint (column.real_type, ==, MYSQL_BINLOG_COLUMN_TYPE_SET);

  column.meta = 0xfe0a;
  _mysql_binlog_column_resolve_real_type (&column);
  g_assert_cmpint (column.real_type, ==, MYSQL_BINLOG_COLUMN_TYPE_STRING);
  g_assert_cmpuint (_mysql_binlog_column_string_max_length (&column), ==, 10);

  /* CHAR(255) utf8mb4 = 1020 = 0x3fc: bits 8-9 are 11, inverted 00 */
  column.meta = 0xcefc;
  _mysql_binlog_column_resolve_real_type (&column);
  g_assert_cmpint (column.real_type, ==, MYSQL_BINLOG_COLUMN_TYPE_STRING);
  g_assert_cmpuint (_mysql_binlog_column_string_max_length (&column), ==, 1020);

  /* CHAR(64) utf8mb4 = 256 = 0x100 */
  column.meta = 0xee00;
  _mysql_binlog_column_resolve_real_type (&column);
  g_assert_cmpint (column.real_type, ==, MYSQL_BINLOG_COLUMN_TYPE_STRING);
  g_assert_cmpuint (_mysql_binlog_column_string_max_length (&column), ==, 256);

  column.type = MYSQL_BINLOG_COLUMN_TYPE_VARCHAR;
  column.meta = 0xf701;
  _mysql_binlog_column_resolve_real_type (&column);
  g_assert_cmpint (column.real_type, ==, MYSQL_BINLOG_COLUMN_TYPE_VARCHAR);
}

/* Rows
 * ----------------------------------------------------------------------- */

static void
test_null_values (void)
{
  ColumnSpec specs[] = {
    { "a", MYSQL_BINLOG_COLUMN_TYPE_LONG, 0, FALSE, NULL, NULL },
    { "b", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR, 40, FALSE, "utf8mb4", NULL },
    { "c", MYSQL_BINLOG_COLUMN_TYPE_BLOB, 2, FALSE, "binary", NULL },
  };
  g_autoptr(MysqlBinlogTable) table = table_new (specs, G_N_ELEMENTS (specs));
  static const guint8 present[] = { 0x07 };
  /* b and c NULL: bits 1 and 2 */
  static const guint8 image[] = { 0x06, 0x2a, 0x00, 0x00, 0x00 };
  g_autoptr(MysqlBinlogRow) row = row_build (table, present, 3, image, sizeof image);
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GVariant) b = NULL;
  g_autoptr(GVariant) inner = NULL;
  g_autofree char *printed = NULL;

  g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, 3);
  g_assert_false (mysql_binlog_row_is_null (row, 0));
  g_assert_true (mysql_binlog_row_is_null (row, 1));
  g_assert_true (mysql_binlog_row_is_null (row, 2));
  assert_cell (row, 0, "42", "int64 42");
  assert_cell (row, 1, NULL, "@mv nothing");
  assert_cell (row, 2, NULL, "@mv nothing");
  g_assert_null (mysql_binlog_row_get_bytes (row, 1));
  g_assert_null (mysql_binlog_row_get_bytes (row, 2));

  dict = mysql_binlog_row_to_variant (row);
  printed = g_variant_print (dict, FALSE);
  g_assert_cmpstr (printed, ==, "{'a': <int64 42>, 'b': <@mv nothing>, 'c': <@mv nothing>}");
  b = g_variant_lookup_value (dict, "b", NULL);
  g_assert_true (g_variant_is_of_type (b, G_VARIANT_TYPE ("mv")));
  g_assert_cmpuint (g_variant_n_children (b), ==, 0);
  inner = g_variant_get_maybe (b);
  g_assert_null (inner);
}

static void
test_row_metadata (void)
{
  ColumnSpec specs[] = {
    { "id", MYSQL_BINLOG_COLUMN_TYPE_LONG, 0, TRUE, NULL, NULL },
    { "name", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR, 40, FALSE, "utf8mb4", NULL },
  };
  g_autoptr(MysqlBinlogTable) table = table_new (specs, G_N_ELEMENTS (specs));
  static const guint8 present[] = { 0x03 };
  static const guint8 image[] = { 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 'h', 'i' };
  g_autoptr(MysqlBinlogRow) row = row_build (table, present, 2, image, sizeof image);
  g_autoptr(MysqlBinlogRow) ref = NULL;
  g_autoptr(GVariant) missing = NULL;

  g_assert_cmpstr (mysql_binlog_row_get_schema (row), ==, "shop");
  g_assert_cmpstr (mysql_binlog_row_get_table (row), ==, "items");
  g_assert_cmpuint (mysql_binlog_row_get_timestamp (row), ==, EVENT_TIMESTAMP);
  g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, 2);
  g_assert_cmpstr (mysql_binlog_row_get_column_name (row, 0), ==, "id");
  g_assert_cmpstr (mysql_binlog_row_get_column_name (row, 1), ==, "name");
  g_assert_cmpint (mysql_binlog_row_get_column_index (row, "id"), ==, 0);
  g_assert_cmpint (mysql_binlog_row_get_column_index (row, "name"), ==, 1);
  g_assert_cmpint (mysql_binlog_row_get_column_index (row, "nope"), ==, -1);
  g_assert_cmpint (mysql_binlog_row_get_column_index (row, "ID"), ==, -1);
  g_assert_true (mysql_binlog_row_get_column_is_unsigned (row, 0));
  g_assert_false (mysql_binlog_row_get_column_is_unsigned (row, 1));
  missing = mysql_binlog_row_lookup (row, "nope");
  g_assert_null (missing);
  assert_cell (row, 0, "1", "uint64 1");
  assert_cell (row, 1, "hi", "'hi'");

  ref = mysql_binlog_row_ref (row);
  g_assert_true (ref == row);
  g_assert_true (G_TYPE_IS_BOXED (MYSQL_BINLOG_TYPE_ROW));
  {
    MysqlBinlogRow *copy = g_boxed_copy (MYSQL_BINLOG_TYPE_ROW, row);
    g_assert_true (copy == row);
    g_boxed_free (MYSQL_BINLOG_TYPE_ROW, copy);
  }
}

static void
test_wide_row (void)
{
  enum { N = 70 };
  static const guint null_columns[] = { 0, 7, 8, 9, 31, 63, 64, 69 };
  ColumnSpec specs[N];
  g_autoptr(MysqlBinlogTable) table = NULL;
  g_autoptr(GByteArray) image = g_byte_array_new ();
  g_autoptr(MysqlBinlogRow) row = NULL;
  g_autoptr(GVariant) dict = NULL;
  g_autofree char **names = g_new0 (char *, N);
  guint8 present[(N + 7) / 8];
  guint8 nulls[(N + 7) / 8] = { 0 };

  memset (present, 0xff, sizeof present);
  for (guint i = 0; i < N; i++)
    {
      names[i] = g_strdup_printf ("col%02u", i);
      /* alternate SMALLINT and VARCHAR */
      if (i % 2 == 0)
        specs[i] = (ColumnSpec) { names[i], MYSQL_BINLOG_COLUMN_TYPE_SHORT, 0, FALSE, NULL, NULL };
      else
        specs[i] = (ColumnSpec) { names[i], MYSQL_BINLOG_COLUMN_TYPE_VARCHAR, 40, FALSE, "utf8mb4", NULL };
    }
  table = table_new (specs, N);
  for (guint i = 0; i < G_N_ELEMENTS (null_columns); i++)
    nulls[null_columns[i] / 8] |= 1 << (null_columns[i] % 8);

  g_byte_array_append (image, nulls, sizeof nulls);
  for (guint i = 0; i < N; i++)
    {
      if (nulls[i / 8] & (1 << (i % 8)))
        continue;
      if (i % 2 == 0)
        {
          guint8 value[2];
          put_le (value, (guint16) (gint16) (-(int) i * 100), 2);
          g_byte_array_append (image, value, 2);
        }
      else
        {
          g_autofree char *text = g_strdup_printf ("v%u", i);
          guint8 length = strlen (text);
          g_byte_array_append (image, &length, 1);
          g_byte_array_append (image, (const guint8 *) text, length);
        }
    }

  row = row_build (table, present, N, image->data, image->len);
  g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, N);
  dict = mysql_binlog_row_to_variant (row);
  g_assert_cmpuint (g_variant_n_children (dict), ==, N);

  for (guint i = 0; i < N; i++)
    {
      gboolean is_null = (nulls[i / 8] & (1 << (i % 8))) != 0;
      g_autoptr(GVariant) value = g_variant_lookup_value (dict, names[i], NULL);
      g_autofree char *text = mysql_binlog_row_dup_string (row, i);

      g_assert_cmpstr (mysql_binlog_row_get_column_name (row, i), ==, names[i]);
      g_assert_cmpint (mysql_binlog_row_is_null (row, i), ==, is_null);
      g_assert_nonnull (value);
      if (is_null)
        {
          g_assert_true (g_variant_is_of_type (value, G_VARIANT_TYPE ("mv")));
          g_assert_null (text);
        }
      else if (i % 2 == 0)
        {
          g_assert_cmpint (g_variant_get_int64 (value), ==, -(gint64) i * 100);
          g_assert_cmpint (mysql_binlog_row_get_int64 (row, i), ==, -(gint64) i * 100);
        }
      else
        {
          g_autofree char *expected = g_strdup_printf ("v%u", i);
          g_assert_cmpstr (g_variant_get_string (value, NULL), ==, expected);
          g_assert_cmpstr (text, ==, expected);
        }
    }

  for (guint i = 0; i < N; i++)
    g_free (names[i]);
}

static void
test_minimal_image (void)
{
  ColumnSpec specs[] = {
    { "id", MYSQL_BINLOG_COLUMN_TYPE_LONG, 0, FALSE, NULL, NULL },
    { "skipped1", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR, 40, FALSE, "utf8mb4", NULL },
    { "price", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL, (10 << 8) | 4, FALSE, NULL, NULL },
    { "skipped2", MYSQL_BINLOG_COLUMN_TYPE_BLOB, 2, FALSE, "binary", NULL },
    { "note", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR, 40, FALSE, "utf8mb4", NULL },
    { "skipped3", MYSQL_BINLOG_COLUMN_TYPE_LONGLONG, 0, FALSE, NULL, NULL },
  };
  g_autoptr(MysqlBinlogTable) table = table_new (specs, G_N_ELEMENTS (specs));
  /* columns 0, 2 and 4 present */
  static const guint8 present[] = { 0x15 };
  /* NULL bitmap over the 3 present columns: note (the third) is NULL */
  static const guint8 image[] = { 0x04, 0x07, 0x00, 0x00, 0x00, 0x80, 0x00, 0x0c, 0x0d, 0x48 };
  g_autoptr(MysqlBinlogRow) row = row_build (table, present, 3, image, sizeof image);
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GVariant) skipped = NULL;
  g_autofree char *printed = NULL;

  g_assert_cmpuint (mysql_binlog_row_get_n_columns (row), ==, 3);
  g_assert_cmpstr (mysql_binlog_row_get_column_name (row, 0), ==, "id");
  g_assert_cmpstr (mysql_binlog_row_get_column_name (row, 1), ==, "price");
  g_assert_cmpstr (mysql_binlog_row_get_column_name (row, 2), ==, "note");
  g_assert_cmpint (mysql_binlog_row_get_column_index (row, "skipped1"), ==, -1);
  g_assert_cmpint (mysql_binlog_row_get_column_index (row, "note"), ==, 2);
  skipped = mysql_binlog_row_lookup (row, "skipped2");
  g_assert_null (skipped);
  g_assert_cmpint (mysql_binlog_row_get_column_type (row, 1), ==, MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL);
  assert_cell (row, 0, "7", "int64 7");
  assert_cell (row, 1, "12.3400", "'12.3400'");
  assert_cell (row, 2, NULL, "@mv nothing");
  dict = mysql_binlog_row_to_variant (row);
  printed = g_variant_print (dict, FALSE);
  g_assert_cmpstr (printed, ==, "{'id': <int64 7>, 'price': <'12.3400'>, 'note': <@mv nothing>}");
}

static void
test_consecutive_rows (void)
{
  /* An update event: before image, after image, another pair. */
  ColumnSpec specs[] = {
    { "id", MYSQL_BINLOG_COLUMN_TYPE_TINY, 0, FALSE, NULL, NULL },
    { "v", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR, 40, FALSE, "utf8mb4", NULL },
  };
  g_autoptr(MysqlBinlogTable) table = table_new (specs, G_N_ELEMENTS (specs));
  static const guint8 all[] = { 0x03 };
  static const guint8 only_v[] = { 0x02 };
  static const guint8 image[] = {
    0x00, 0x01, 0x01, 'a',     /* (1, 'a') */
    0x00, 0x02, 'b', 'c',      /* v = 'bc' */
    0x02, 0x02,                /* (2, NULL) */
    0x00, 0x00,                /* v = '' */
  };
  g_autoptr(GBytes) bytes = g_bytes_new (image, sizeof image);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  const guint8 *cursor = data, *end = data + sizeof image;
  g_autoptr(MysqlBinlogRow) before1 = NULL;
  g_autoptr(MysqlBinlogRow) after1 = NULL;
  g_autoptr(MysqlBinlogRow) before2 = NULL;
  g_autoptr(MysqlBinlogRow) after2 = NULL;

  before1 = _mysql_binlog_row_build (table, bytes, all, 2, 0, &cursor, end, NULL);
  after1 = _mysql_binlog_row_build (table, bytes, only_v, 1, 0, &cursor, end, NULL);
  before2 = _mysql_binlog_row_build (table, bytes, all, 2, 0, &cursor, end, NULL);
  after2 = _mysql_binlog_row_build (table, bytes, only_v, 1, 0, &cursor, end, NULL);
  g_assert_true (cursor == end);

  assert_cell (before1, 0, "1", "int64 1");
  assert_cell (before1, 1, "a", "'a'");
  g_assert_cmpuint (mysql_binlog_row_get_n_columns (after1), ==, 1);
  assert_cell (after1, 0, "bc", "'bc'");
  assert_cell (before2, 0, "2", "int64 2");
  assert_cell (before2, 1, NULL, "@mv nothing");
  assert_cell (after2, 0, "", "''");
}

static void
assert_corrupt (MysqlBinlogTable *table,
                const guint8     *present,
                guint             n_present,
                const guint8     *image,
                gsize             length)
{
  /* copy to the exact size, so that ASan sees any read past the end */
  g_autoptr(GBytes) bytes = g_bytes_new (image, length);
  const guint8 *data = g_bytes_get_data (bytes, NULL);
  const guint8 *cursor = data;
  g_autoptr(GError) error = NULL;
  MysqlBinlogRow *row;

  row = _mysql_binlog_row_build (table, bytes, present, n_present, 0, &cursor,
                                 data + length, &error);
  g_assert_null (row);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_assert_true (cursor == data);
  g_test_message ("%s", error->message);
}

static void
test_truncated (void)
{
  ColumnSpec specs[] = {
    { "id", MYSQL_BINLOG_COLUMN_TYPE_LONG, 0, FALSE, NULL, NULL },
    { "v", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR, 1020, FALSE, "utf8mb4", NULL },
  };
  ColumnSpec bad_decimal = { "d", MYSQL_BINLOG_COLUMN_TYPE_NEWDECIMAL, (0 << 8) | 0, FALSE, NULL, NULL };
  g_autoptr(MysqlBinlogTable) table = table_new (specs, G_N_ELEMENTS (specs));
  g_autoptr(MysqlBinlogTable) decimal_table = table_new (&bad_decimal, 1);
  static const guint8 all[] = { 0x03 };
  static const guint8 full[] = { 0x00, 0x01, 0x00, 0x00, 0x00, 0x03, 0x00, 'a', 'b', 'c' };
  g_autoptr(GError) error = NULL;

  /* every truncation of a valid image fails cleanly */
  for (gsize length = 1; length < sizeof full; length++)
    assert_corrupt (table, all, 2, full, length);
  /* no room for the NULL bitmap */
  assert_corrupt (table, all, 2, full, 0);
  /* the present bitmap has more columns than announced, or fewer */
  assert_corrupt (table, all, 1, full, sizeof full);
  assert_corrupt (table, (const guint8[]) { 0x01 }, 2, full, sizeof full);
  /* more columns than the table */
  assert_corrupt (table, all, 3, full, sizeof full);
  /* a metadata error */
  assert_corrupt (decimal_table, (const guint8[]) { 0x01 }, 1, BYTES (0x00, 0x80, 0x00));

  /* with error == NULL too */
  {
    g_autoptr(GBytes) bytes = g_bytes_new (full, 5);
    const guint8 *data = g_bytes_get_data (bytes, NULL), *cursor = data;
    g_assert_null (_mysql_binlog_row_build (table, bytes, all, 2, 0, &cursor, data + 5, NULL));
  }
}

static void
test_null_type (void)
{
  ColumnSpec specs[] = {
    { "n", MYSQL_BINLOG_COLUMN_TYPE_NULL, 0, FALSE, NULL, NULL },
    { "i", MYSQL_BINLOG_COLUMN_TYPE_TINY, 0, FALSE, NULL, NULL },
  };
  g_autoptr(MysqlBinlogTable) table = table_new (specs, G_N_ELEMENTS (specs));
  static const guint8 all[] = { 0x03 };
  g_autoptr(MysqlBinlogRow) row = row_build (table, all, 2, BYTES (0x00, 0x05));

  g_assert_true (mysql_binlog_row_is_null (row, 0));
  assert_cell (row, 0, NULL, "@mv nothing");
  assert_cell (row, 1, "5", "int64 5");
}

static void
test_programmer_errors (void)
{
  ColumnSpec specs[] = {
    { "s", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR, 40, FALSE, "utf8mb4", NULL },
  };
  g_autoptr(MysqlBinlogTable) table = table_new (specs, 1);
  static const guint8 all[] = { 0x01 };
  g_autoptr(MysqlBinlogRow) row = row_build (table, all, 1, BYTES (0x00, 0x01, 'x'));

  if (!g_test_undefined ())
    return;

  g_test_expect_message ("MysqlBinlog", G_LOG_LEVEL_CRITICAL, "*column < row->n_cells*");
  g_assert_null (mysql_binlog_row_dup_string (row, 1));
  g_test_assert_expected_messages ();

  g_test_expect_message ("MysqlBinlog", G_LOG_LEVEL_CRITICAL, "*column < row->n_cells*");
  g_assert_null (mysql_binlog_row_get_value (row, 5));
  g_test_assert_expected_messages ();

  g_test_expect_message ("MysqlBinlog", G_LOG_LEVEL_CRITICAL, "*type_is_integer*");
  g_assert_cmpint (mysql_binlog_row_get_int64 (row, 0), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("MysqlBinlog", G_LOG_LEVEL_CRITICAL, "*type_is_number*");
  g_assert_cmpfloat (mysql_binlog_row_get_double (row, 0), ==, 0.0);
  g_test_assert_expected_messages ();
}

/* The column getters check their arguments under their own names, and
 * answer as for an unknown column. */
static void
test_column_getter_errors (void)
{
  ColumnSpec specs[] = {
    { "s", MYSQL_BINLOG_COLUMN_TYPE_VARCHAR, 40, FALSE, "utf8mb4", NULL },
  };
  g_autoptr(MysqlBinlogTable) table = table_new (specs, 1);
  static const guint8 all[] = { 0x01 };
  g_autoptr(MysqlBinlogRow) row = row_build (table, all, 1, BYTES (0x00, 0x01, 'x'));

  g_assert_cmpstr (mysql_binlog_row_get_column_name (row, 0), ==, "s");
  g_assert_cmpint (mysql_binlog_row_get_column_type (row, 0), ==, MYSQL_BINLOG_COLUMN_TYPE_VARCHAR);

  if (!g_test_undefined ())
    return;

  g_test_expect_message ("MysqlBinlog", G_LOG_LEVEL_CRITICAL,
                         "*mysql_binlog_row_get_column_name*column < row->n_cells*");
  g_assert_null (mysql_binlog_row_get_column_name (row, 1));
  g_test_assert_expected_messages ();

  g_test_expect_message ("MysqlBinlog", G_LOG_LEVEL_CRITICAL,
                         "*mysql_binlog_row_get_column_type*column < row->n_cells*");
  g_assert_cmpint (mysql_binlog_row_get_column_type (row, 1), ==, MYSQL_BINLOG_COLUMN_TYPE_NULL);
  g_test_assert_expected_messages ();

  g_test_expect_message ("MysqlBinlog", G_LOG_LEVEL_CRITICAL,
                         "*mysql_binlog_row_get_primary_key_prefix*column < row->n_cells*");
  g_assert_cmpuint (mysql_binlog_row_get_primary_key_prefix (row, 7), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("MysqlBinlog", G_LOG_LEVEL_CRITICAL,
                         "*mysql_binlog_row_get_column_vector_dimensions*row != NULL*");
  g_assert_cmpuint (mysql_binlog_row_get_column_vector_dimensions (NULL, 0), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("MysqlBinlog", G_LOG_LEVEL_CRITICAL,
                         "*mysql_binlog_row_is_primary_key*column < row->n_cells*");
  g_assert_false (mysql_binlog_row_is_primary_key (row, 1));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/integers", test_integers);
  g_test_add_func ("/value/year", test_year);
  g_test_add_func ("/value/bit", test_bit);
  g_test_add_func ("/value/shared-values", test_shared_values);
  g_test_add_func ("/value/float", test_float);
  g_test_add_func ("/value/double", test_double);
  g_test_add_func ("/value/decimal", test_decimal);
  g_test_add_func ("/value/decimal-sizes", test_decimal_sizes);
  g_test_add_func ("/value/date", test_date);
  g_test_add_func ("/value/time2", test_time2);
  g_test_add_func ("/value/datetime2", test_datetime2);
  g_test_add_func ("/value/timestamp2", test_timestamp2);
  g_test_add_func ("/value/old-temporal", test_old_temporal);
  g_test_add_func ("/value/varchar", test_varchar);
  g_test_add_func ("/value/string", test_string);
  g_test_add_func ("/value/blob", test_blob);
  g_test_add_func ("/value/bytes-zero-copy", test_bytes_zero_copy);
  g_test_add_func ("/value/text-charsets", test_text_charsets);
  g_test_add_func ("/value/enum", test_enum);
  g_test_add_func ("/value/set", test_set);
  g_test_add_func ("/value/json", test_json);
  g_test_add_func ("/value/json-malformed", test_json_malformed);
  g_test_add_func ("/value/json-nesting", test_json_nesting);
  g_test_add_func ("/value/vector", test_vector);
  g_test_add_func ("/value/sizes", test_value_sizes);
  g_test_add_func ("/value/prefixed-sizes", test_prefixed_sizes);
  g_test_add_func ("/value/real-type", test_real_type);
  g_test_add_func ("/charset/conversion", test_charset_conversion);
  g_test_add_func ("/charset/lookup", test_charset_lookup);
  g_test_add_func ("/row/nulls", test_null_values);
  g_test_add_func ("/row/metadata", test_row_metadata);
  g_test_add_func ("/row/wide", test_wide_row);
  g_test_add_func ("/row/minimal-image", test_minimal_image);
  g_test_add_func ("/row/consecutive", test_consecutive_rows);
  g_test_add_func ("/row/truncated", test_truncated);
  g_test_add_func ("/row/null-type", test_null_type);
  g_test_add_func ("/row/programmer-errors", test_programmer_errors);
  g_test_add_func ("/row/column-getter-errors", test_column_getter_errors);

  return g_test_run ();
}
