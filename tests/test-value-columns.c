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
 * VECTOR values, the sizes of every column type from its metadata, and
 * the real type of a STRING column.
 */

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/vector", test_vector);
  g_test_add_func ("/value/sizes", test_value_sizes);
  g_test_add_func ("/value/prefixed-sizes", test_prefixed_sizes);
  g_test_add_func ("/value/real-type", test_real_type);

  return g_test_run ();
}
