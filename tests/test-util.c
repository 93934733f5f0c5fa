/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "test-util.h"

/* {{{ The binlog fixtures of ../shared/fixtures */

const char *
test_util_fixtures_dir (void)
{
  static gsize initialised = 0;
  static char *dir = NULL;

  if (g_once_init_enter (&initialised))
    {
      const char *env = g_getenv ("MYSQL_BINLOG_FIXTURES_DIR");
      char *candidate;

      if (env != NULL && *env != '\0')
        candidate = g_strdup (env);
      else
        candidate = g_build_filename (MYSQL_BINLOG_TESTS_SRCDIR, "..", "..", "shared",
                                      "fixtures", "mysql-binlogs", NULL);
      if (g_file_test (candidate, G_FILE_TEST_IS_DIR))
        dir = candidate;
      else
        g_free (candidate);
      g_once_init_leave (&initialised, 1);
    }
  return dir;
}

gboolean
test_util_have_fixtures (void)
{
  if (test_util_fixtures_dir () == NULL)
    {
      g_test_skip ("the binlog fixtures are missing: no directory "
                   "../shared/fixtures/mysql-binlogs beside the source tree "
                   "(set MYSQL_BINLOG_FIXTURES_DIR to their folder)");
      return FALSE;
    }
  return TRUE;
}

char *
test_util_fixture_path (const char *name)
{
  const char *dir = test_util_fixtures_dir ();

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

/* }}} */

/* {{{ Little-endian writers */

void
test_util_put_byte (GByteArray *out,
                    guint8      value)
{
  g_byte_array_append (out, &value, 1);
}

void
test_util_put_u16 (GByteArray *out,
                   guint16     value)
{
  guint8 bytes[2] = { value & 0xff, value >> 8 };

  g_byte_array_append (out, bytes, 2);
}

void
test_util_put_u32 (GByteArray *out,
                   guint32     value)
{
  guint8 bytes[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (out, bytes, 4);
}

void
test_util_put_u64 (GByteArray *out,
                   guint64     value)
{
  test_util_put_u32 (out, value & 0xffffffff);
  test_util_put_u32 (out, value >> 32);
}

void
test_util_put_string (GByteArray *out,
                      const char *value)
{
  g_byte_array_append (out, (const guint8 *) value, strlen (value));
}

/* }}} */

/* {{{ Rows as text */

void
test_util_append_row (GString        *out,
                      const char     *what,
                      MysqlBinlogRow *row)
{
  g_autoptr(GVariant) values = mysql_binlog_row_to_variant (row);
  g_autofree char *text = g_variant_print (values, TRUE);

  g_string_append_printf (out, "%s %s.%s %s\n", what, mysql_binlog_row_get_schema (row),
                          mysql_binlog_row_get_table (row), text);
}

/* }}} */

/* {{{ Scratch directories */

char *
test_util_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
test_util_remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        test_util_remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* }}} */

gsize
test_util_utf8_prefix (const char *text,
                       gsize       length,
                       gsize       room)
{
  const char *p = text, *end = text + length;

  while (p < end)
    {
      const char *next = g_utf8_next_char (p);

      if ((gsize) (next - text) > room)
        break;
      p = next;
    }
  return p - text;
}

void
test_util_assert_format_value (MysqlBinlogRow *row,
                               guint           column,
                               const char     *what)
{
  g_autofree char *text = mysql_binlog_row_dup_string (row, column);
  const char *expected = text != NULL ? text : "";
  gsize length = strlen (expected);
  gsize sizes[] = { 0, 1, 2, 3, 4, 7, 16, 96, 4096, length + 1 };

  g_assert_true (g_utf8_validate (expected, length, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      gsize size = sizes[i];
      g_autofree char *buffer = g_malloc (size + 1);
      gsize written, kept;

      memset (buffer, 'x', size + 1);
      written = mysql_binlog_row_format_value (row, column, size > 0 ? buffer : NULL, size);
      if (written != length)
        g_test_fail_printf ("%s: format_value into %" G_GSIZE_FORMAT " bytes returned %"
                            G_GSIZE_FORMAT ", the text has %" G_GSIZE_FORMAT " bytes",
                            what, size, written, length);
      /* Nothing is written past @size. */
      g_assert_cmpint (buffer[size], ==, 'x');
      if (size == 0)
        continue;
      kept = length < size ? length : test_util_utf8_prefix (expected, length, size - 1);
      if (strlen (buffer) != kept || memcmp (buffer, expected, kept) != 0)
        g_test_fail_printf ("%s: format_value into %" G_GSIZE_FORMAT " bytes wrote “%s”, "
                            "expected the first %" G_GSIZE_FORMAT " bytes of “%s”",
                            what, size, buffer, kept, expected);
    }
}
