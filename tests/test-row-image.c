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
 * Row images through the public MysqlBinlogRow API: NULL bitmaps, column
 * metadata, wide rows, MINIMAL images, consecutive rows, truncation and
 * programmer errors.
 */

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
