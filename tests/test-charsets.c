/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <mysql.h>

#include "mysql-binlog-table-private.h"
#include "test-server.h"

/*
 * The library's character set conversion against the server's own.
 *
 * For every character set that MariaDB has, every code of its code space
 * (each byte 0x00 to 0xFF; for the multi-byte sets every pair of bytes with
 * a high first byte, and the three-byte codes of the EUC sets; for the
 * Unicode encodings every 16-bit unit and a spread of surrogate pairs and
 * 32-bit values) is converted by the server
 * (CONVERT (CONVERT (code USING cs) USING utf8mb4)) and by the library, and
 * the two must be equal.  Two differences are by design: where the server
 * writes '?' for a code it cannot map, the library writes U+FFFD, and the
 * library's text holds no NUL (it becomes U+FFFD too).
 *
 * Then all the codes that the server turns into exactly one character are
 * converted again as one string, which the library must turn into the
 * concatenation of those characters: a code that iconv cannot map must not
 * spoil the text around it.
 *
 * The first 40 mismatches of a character set are printed
 * (MYSQL_BINLOG_TEST_CHARSETS_ALL=1 prints them all), and the count of codes
 * compared.
 */

typedef enum
{
  CODES_BYTES = 1 << 0,      /* 0x00 to 0xFF */
  CODES_PAIRS = 1 << 1,      /* 0x8000 to 0xFFFF */
  CODES_EUC3 = 1 << 2,       /* 0x8F0000 to 0x8FFFFF */
  CODES_UNITS = 1 << 3,      /* 16-bit units 0x0000 to 0xFFFF */
  CODES_SURROGATES = 1 << 4, /* surrogate pairs, big or little endian */
  CODES_UTF32 = 1 << 5,      /* 32-bit values */
  CODES_UTF8 = 1 << 6,       /* UTF-8's three-byte codes, some four-byte ones */
} CodeSpace;

typedef struct
{
  const char *name;
  CodeSpace   codes;
  gboolean    little_endian;
} Charset;

static const Charset charsets[] = {
  { "armscii8", CODES_BYTES },
  { "ascii", CODES_BYTES },
  { "big5", CODES_BYTES | CODES_PAIRS },
  { "cp1250", CODES_BYTES },
  { "cp1251", CODES_BYTES },
  { "cp1256", CODES_BYTES },
  { "cp1257", CODES_BYTES },
  { "cp850", CODES_BYTES },
  { "cp852", CODES_BYTES },
  { "cp866", CODES_BYTES },
  { "cp932", CODES_BYTES | CODES_PAIRS },
  { "dec8", CODES_BYTES },
  { "eucjpms", CODES_BYTES | CODES_PAIRS | CODES_EUC3 },
  { "euckr", CODES_BYTES | CODES_PAIRS },
  { "gb2312", CODES_BYTES | CODES_PAIRS },
  { "gbk", CODES_BYTES | CODES_PAIRS },
  { "geostd8", CODES_BYTES },
  { "greek", CODES_BYTES },
  { "hebrew", CODES_BYTES },
  { "hp8", CODES_BYTES },
  { "keybcs2", CODES_BYTES },
  { "koi8r", CODES_BYTES },
  { "koi8u", CODES_BYTES },
  { "latin1", CODES_BYTES },
  { "latin2", CODES_BYTES },
  { "latin5", CODES_BYTES },
  { "latin7", CODES_BYTES },
  { "macce", CODES_BYTES },
  { "macroman", CODES_BYTES },
  { "sjis", CODES_BYTES | CODES_PAIRS },
  { "swe7", CODES_BYTES },
  { "tis620", CODES_BYTES },
  { "ucs2", CODES_UNITS },
  { "ujis", CODES_BYTES | CODES_PAIRS | CODES_EUC3 },
  { "utf16", CODES_UNITS | CODES_SURROGATES },
  { "utf16le", CODES_UNITS | CODES_SURROGATES, TRUE },
  { "utf32", CODES_UTF32 },
  { "utf8mb3", CODES_BYTES | CODES_PAIRS | CODES_UTF8 },
  { "utf8mb4", CODES_BYTES | CODES_PAIRS | CODES_UTF8 },
};

static TestServer *server;
static MYSQL *conn;

static void
sql (const char *statement)
{
  if (mysql_real_query (conn, statement, strlen (statement)) != 0)
    g_error ("%s: %s", statement, mysql_error (conn));
}

static void
add_code (GPtrArray    *codes,
          const guint8 *bytes,
          gsize         length)
{
  g_ptr_array_add (codes, g_bytes_new (bytes, length));
}

static void
add_unit (guint8   *out,
          guint     unit,
          gboolean  little_endian)
{
  out[little_endian ? 1 : 0] = unit >> 8;
  out[little_endian ? 0 : 1] = unit & 0xFF;
}

static GPtrArray *
make_codes (const Charset *charset)
{
  GPtrArray *codes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  guint8 b[4];

  if (charset->codes & CODES_BYTES)
    for (guint i = 0; i < 0x100; i++)
      {
        b[0] = i;
        add_code (codes, b, 1);
      }
  if (charset->codes & CODES_PAIRS)
    for (guint i = 0x8000; i < 0x10000; i++)
      {
        b[0] = i >> 8;
        b[1] = i & 0xFF;
        add_code (codes, b, 2);
      }
  if (charset->codes & CODES_EUC3)
    for (guint i = 0; i < 0x10000; i++)
      {
        b[0] = 0x8F;
        b[1] = i >> 8;
        b[2] = i & 0xFF;
        add_code (codes, b, 3);
      }
  if (charset->codes & CODES_UTF8)
    {
      for (guint i = 0; i < 0x10000; i++)
        {
          b[0] = 0xE0 + (i >> 12);
          b[1] = 0x80 + ((i >> 6) & 0x3F);
          b[2] = 0x80 + (i & 0x3F);
          add_code (codes, b, 3);
        }
      for (guint i = 0; i < 0x1000; i++)
        {
          b[0] = 0xF0;
          b[1] = 0x9F;
          b[2] = 0x80 + (i >> 6);
          b[3] = 0x80 + (i & 0x3F);
          add_code (codes, b, 4);
        }
    }
  if (charset->codes & CODES_UNITS)
    for (guint i = 0; i < 0x10000; i++)
      {
        add_unit (b, i, charset->little_endian);
        add_code (codes, b, 2);
      }
  if (charset->codes & CODES_SURROGATES)
    /* Every high surrogate with 16 low ones, and a low one first. */
    for (guint high = 0xD800; high < 0xDC00; high++)
      for (guint k = 0; k < 17; k++)
        {
          guint low = k < 16 ? 0xDC00 + k * 64 + (high & 63) : 0xDC00 + (high & 0x3FF);

          add_unit (b, k < 16 ? high : low, charset->little_endian);
          add_unit (b + 2, k < 16 ? low : high, charset->little_endian);
          add_code (codes, b, 4);
        }
  if (charset->codes & CODES_UTF32)
    {
      /* The BMP and the first supplementary plane whole, then a spread
       * over the other planes and beyond the last one. */
      for (guint64 v = 0; v <= 0xFFFFFFFF; v += v < 0x20000 ? 1 : v < 0x110000 ? 97 : 0x1000193)
        {
          b[0] = v >> 24;
          b[1] = (v >> 16) & 0xFF;
          b[2] = (v >> 8) & 0xFF;
          b[3] = v & 0xFF;
          add_code (codes, b, 4);
        }
    }

  return codes;
}

/* What the comparison sees: U+FFFD and NUL as '?', and in the server's
 * text an encoded surrogate too (the server lets them through into utf8mb4,
 * the library has no such text to give) and any other byte that is not
 * UTF-8. */
static char *
normalize (const char *text,
           gsize       length)
{
  GString *out = g_string_sized_new (length);
  const guint8 *u = (const guint8 *) text;

  for (gsize i = 0; i < length; )
    {
      gunichar c = g_utf8_get_char_validated (text + i, length - i);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_c (out, '?');
          if (i + 3 <= length && u[i] == 0xED && u[i + 1] >= 0xA0 && u[i + 1] <= 0xBF &&
              u[i + 2] >= 0x80 && u[i + 2] <= 0xBF)
            i += 3;
          else
            i++;
          continue;
        }
      if (c == 0 || c == 0xFFFD)
        g_string_append_c (out, '?');
      else
        g_string_append_unichar (out, c);
      i = g_utf8_next_char (text + i) - text;
    }
  return g_string_free (out, FALSE);
}

static char *
library_convert (const char   *charset,
                 const guint8 *data,
                 gsize         length)
{
  MysqlBinlogColumn column = { 0 };
  g_autofree char *text = NULL;

  _mysql_binlog_column_set_charset (&column, charset);
  g_assert_cmpstr (column.charset, ==, charset);
  text = _mysql_binlog_column_to_utf8 (&column, data, length);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  return normalize (text, strlen (text));
}

static char *
hex (const guint8 *data,
     gsize         length)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (out, "%02X", data[i]);
  return g_string_free (out, FALSE);
}

static void
test_charset (gconstpointer data)
{
  const Charset *charset = data;
  g_autoptr(GPtrArray) codes = make_codes (charset);
  g_autoptr(GByteArray) joined = g_byte_array_new ();
  g_autoptr(GString) joined_expected = g_string_new (NULL);
  g_autofree char *query = NULL;
  g_autofree char *joined_text = NULL;
  MYSQL_RES *result;
  MYSQL_ROW row;
  guint compared = 0, mismatches = 0, single = 0;

  sql ("DROP TEMPORARY TABLE IF EXISTS codes");
  sql ("CREATE TEMPORARY TABLE codes (id INT PRIMARY KEY, c VARBINARY(8) NOT NULL)");
  for (guint i = 0; i < codes->len; )
    {
      g_autoptr(GString) insert = g_string_new ("INSERT INTO codes VALUES ");

      for (guint n = 0; n < 4096 && i < codes->len; n++, i++)
        {
          gsize length;
          const guint8 *bytes = g_bytes_get_data (codes->pdata[i], &length);
          g_autofree char *h = hex (bytes, length);

          g_string_append_printf (insert, "%s(%u,X'%s')", n > 0 ? "," : "", i, h);
        }
      sql (insert->str);
    }

  query = g_strdup_printf ("SELECT id, CAST(CONVERT(CONVERT(c USING %s) USING utf8mb4) AS BINARY), "
                           "CHAR_LENGTH(CONVERT(c USING %s)) FROM codes ORDER BY id",
                           charset->name, charset->name);
  sql (query);
  result = mysql_use_result (conn);
  g_assert_nonnull (result);
  while ((row = mysql_fetch_row (result)) != NULL)
    {
      unsigned long *lengths = mysql_fetch_lengths (result);
      guint id = (guint) g_ascii_strtoull (row[0], NULL, 10);
      gsize length;
      const guint8 *bytes = g_bytes_get_data (codes->pdata[id], &length);
      g_autofree char *expected = normalize (row[1], lengths[1]);
      g_autofree char *actual = library_convert (charset->name, bytes, length);

      compared++;
      if (strcmp (expected, actual) != 0)
        {
          g_autofree char *h = hex (bytes, length);

          g_autofree char *he = hex ((const guint8 *) expected, strlen (expected));
          g_autofree char *ha = hex ((const guint8 *) actual, strlen (actual));

          if (mismatches++ < 40 || g_getenv ("MYSQL_BINLOG_TEST_CHARSETS_ALL") != NULL)
            g_test_message ("%s %s: server %s, library %s", charset->name, h, he, ha);
          continue;
        }
      /* One character, not a replacement: a part of the joined string. */
      if (g_ascii_strtoull (row[2], NULL, 10) == 1 &&
          (strcmp (expected, "?") != 0 || (length == 1 && bytes[0] == '?')))
        {
          g_byte_array_append (joined, bytes, length);
          g_string_append (joined_expected, expected);
          single++;
        }
    }
  mysql_free_result (result);

  joined_text = library_convert (charset->name, joined->data, joined->len);
  if (strcmp (joined_text, joined_expected->str) != 0)
    {
      mismatches++;
      g_test_message ("%s: the %u characters as one string convert otherwise", charset->name,
                      single);
    }

  g_test_message ("%s: %u codes compared with the server, %u mismatches; "
                  "%u characters as one string", charset->name, compared, mismatches, single);
  g_assert_cmpuint (compared, ==, codes->len);
  if (mismatches > 0)
    g_test_fail_printf ("%s: %u codes convert otherwise than on the server", charset->name,
                        mismatches);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  server = test_server_start (NULL);
  conn = mysql_init (NULL);
  mysql_options (conn, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  if (mysql_real_connect (conn, NULL, "root", "", NULL, 0, test_server_get_socket (server),
                          0) == NULL)
    g_error ("connect: %s", mysql_error (conn));
  sql ("CREATE DATABASE charsets");
  sql ("USE charsets");

  for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autofree char *path = g_strdup_printf ("/charsets/server/%s", charsets[i].name);

      g_test_add_data_func (path, &charsets[i], test_charset);
    }

  status = g_test_run ();
  mysql_close (conn);
  test_server_stop (server);
  return status;
}
