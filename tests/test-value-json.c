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
 * MySQL's binary JSON: documents, malformed input, deep nesting.
 */

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/json", test_json);
  g_test_add_func ("/value/json-malformed", test_json_malformed);
  g_test_add_func ("/value/json-nesting", test_json_nesting);

  return g_test_run ();
}
