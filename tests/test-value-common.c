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

MysqlBinlogTable *
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
MysqlBinlogRow *
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
MysqlBinlogRow *
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
 * does into a small one (but never inside a UTF-8 character), and gives its length without a buffer. */
void
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
  g_assert_cmpmem (small, strlen (small),
                   expected, test_util_utf8_prefix (expected, length, sizeof small - 1));

  g_assert_cmpuint (mysql_binlog_row_format_value (row, column, NULL, 0), ==, length);
  test_util_assert_format_value (row, column, expected);
}

/* Checks dup_string(), get_value() (printed with its type) and that
 * lookup() and to_variant() agree with get_value(). */
void
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

void
assert_single (const ColumnSpec *spec,
               const guint8     *value,
               gsize             length,
               const char       *string,
               const char       *variant)
{
  g_autoptr(MysqlBinlogRow) row = single (spec, value, length);

  assert_cell (row, 0, string, variant);
}

void
put_le (guint8  *out,
        guint64  value,
        guint    n)
{
  for (guint i = 0; i < n; i++)
    out[i] = value >> (8 * i);
}

void
put_float (guint8 *out,
           float   value)
{
  guint32 bits;

  memcpy (&bits, &value, 4);
  put_le (out, bits, 4);
}

void
put_double (guint8 *out,
            double  value)
{
  guint64 bits;

  memcpy (&bits, &value, 8);
  put_le (out, bits, 8);
}

