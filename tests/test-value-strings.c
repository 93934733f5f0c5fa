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
 * Strings and blobs (zero copy included), ENUM and SET, and the GVariants
 * that columns of few values share across rows.
 */

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
  /* members unknown: the 1-based index, as a number, never a string that
   * could pass for a member */
  assert_cell (anonymous, 0, "2", "uint64 2");
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
  /* members unknown: the bits of the members */
  assert_cell (anonymous, 0, "2,3", "uint64 6");

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/shared-values", test_shared_values);
  g_test_add_func ("/value/varchar", test_varchar);
  g_test_add_func ("/value/string", test_string);
  g_test_add_func ("/value/blob", test_blob);
  g_test_add_func ("/value/bytes-zero-copy", test_bytes_zero_copy);
  g_test_add_func ("/value/enum", test_enum);
  g_test_add_func ("/value/set", test_set);

  return g_test_run ();
}
