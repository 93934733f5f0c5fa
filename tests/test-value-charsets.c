/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mysql-binlog-charset-private.h"
#include "mysql-binlog-error.h"
#include "mysql-binlog-row.h"
#include "mysql-binlog-row-private.h"
#include "mysql-binlog-table-private.h"
#include "mysql-binlog-value-private.h"

#include "test-value-common.h"

/*
 * Character set conversion and lookup, and text columns in other character
 * sets (test-charsets compares the tables with a server's).
 */

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
  /* ASCII is checked eight bytes at a time: a NUL or a high byte in
   * every place of a word */
  assert_converted ("utf8mb4", "abcdefghij", 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j');
  assert_converted ("utf8mb4", "abc\xef\xbf\xbd" "efgh", 'a', 'b', 'c', 0x00, 'e', 'f', 'g', 'h');
  assert_converted ("utf8mb4", "abcdefg\xef\xbf\xbd", 'a', 'b', 'c', 'd', 'e', 'f', 'g', 0x00);
  assert_converted ("utf8mb4", "\xef\xbf\xbd" "bcdefgh", 0x00, 'b', 'c', 'd', 'e', 'f', 'g', 'h');
  assert_converted ("utf8mb4", "abcdefg\xc3\xa9z", 'a', 'b', 'c', 'd', 'e', 'f', 'g', 0xc3, 0xa9,
                    'z');
  assert_converted ("utf8mb3",
                    "abcdef\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "ab",
                    'a', 'b', 'c', 'd', 'e', 'f', 0xf0, 0x9f, 0x98, 0x80, 'a', 'b');

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
  g_assert_nonnull (column.charset_info);
  g_assert_cmpstr (column.charset_info->iconv, ==, "SHIFT_JIS");
  _mysql_binlog_column_set_charset (&column, "ucs2");
  g_assert_cmpstr (column.charset_info->name, ==, "ucs2");
  g_assert_cmpstr (column.charset_info->iconv, ==, "UCS-2BE");
  _mysql_binlog_column_set_charset (&column, "klingon");
  g_assert_cmpint (column.charset_kind, ==, MYSQL_BINLOG_CHARSET_KIND_UNKNOWN);
  g_assert_null (column.charset);
  g_assert_null (column.charset_info);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/value/text-charsets", test_text_charsets);
  g_test_add_func ("/charset/conversion", test_charset_conversion);
  g_test_add_func ("/charset/lookup", test_charset_lookup);

  return g_test_run ();
}
