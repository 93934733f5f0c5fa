/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <mysqlbinlog-glib.h>

#include "test-fixtures-common.h"

/*
 * Fixtures damaged on purpose (a checksum, a table map, a truncated or
 * foreign file) and a missing file: each read ends with its error.
 */

/* A copy of a fixture, changed, in a temporary file. */
static char *
write_modified_copy_xor (const char *name,
                         gsize       keep,
                         gssize      flip_at,
                         guint8      mask)
{
  g_autofree char *path = test_util_fixture_path (name);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpl = g_strdup_printf ("modified-XXXXXX-%s", name);
  char *out = NULL;
  gsize length;
  int fd;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  if (flip_at >= 0)
    {
      g_assert_cmpuint (flip_at, <, length);
      contents[flip_at] ^= mask;
    }
  fd = g_file_open_tmp (tmpl, &out, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (out, contents, MIN (keep, length), &error));
  g_assert_no_error (error);
  return out;
}

static char *
write_modified_copy (const char *name,
                     gsize       keep,
                     gssize      flip_at)
{
  return write_modified_copy_xor (name, keep, flip_at, 0x40);
}

static void
test_checksum_mismatch (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *where = NULL;

  if (!test_util_have_fixtures ())
    return;
  /* mysql_type_bit.000001 has CRC32 checksums; its rows event starts at
   * offset 927: change a byte of its row. */
  path = write_modified_copy ("mysql_type_bit.000001", G_MAXSIZE, 927 + 30);
  base = g_path_get_basename (path);
  g_assert_false (read_file_path (path, &t, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CHECKSUM_MISMATCH);
  where = g_strdup_printf ("%s at offset 927: ", base);
  g_assert_nonnull (strstr (error->message, where));
  g_assert_cmpuint (t.row_objects->len, ==, 0);
  transcript_clear (&t);
  g_unlink (path);
}

static void
test_checksum_artificial (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *where = NULL;

  if (!test_util_have_fixtures ())
    return;
  /* A server may send the events it makes up for a replica without a
   * valid checksum, but a file has none of those: the last XID of
   * mariadb-bin.000001 (at 1043) marked artificial fails its checksum. */
  path = write_modified_copy_xor ("mariadb-bin.000001", G_MAXSIZE, 1043 + 17, 0x20);
  base = g_path_get_basename (path);
  g_assert_false (read_file_path (path, &t, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CHECKSUM_MISMATCH);
  where = g_strdup_printf ("%s at offset 1043: ", base);
  g_assert_nonnull (strstr (error->message, where));
  /* Both rows came before it. */
  g_assert_cmpuint (t.row_objects->len, ==, 2);
  transcript_clear (&t);
  g_unlink (path);
}

static void
test_missing_table_map (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *where = NULL;
  g_autoptr(GByteArray) without = g_byte_array_new ();
  gsize length;
  int fd;

  if (!test_util_have_fixtures ())
    return;
  /* mysql_type_bit.000001 without its table map (70 bytes at offset
   * 857): the rows event that followed it now comes first. */
  source = test_util_fixture_path ("mysql_type_bit.000001");
  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 1001);
  g_assert_cmpuint ((guint8) contents[857 + 4], ==, MYSQL_BINLOG_EVENT_TABLE_MAP);
  g_byte_array_append (without, (const guint8 *) contents, 857);
  g_byte_array_append (without, (const guint8 *) contents + 857 + 70, length - 857 - 70);
  fd = g_file_open_tmp ("no-table-map-XXXXXX", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_assert_true (g_file_set_contents (path, (const char *) without->data, without->len, &error));
  g_assert_no_error (error);

  base = g_path_get_basename (path);
  g_assert_false (read_file_path (path, &t, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  where = g_strdup_printf ("%s at offset 857: ", base);
  g_assert_nonnull (strstr (error->message, where));
  g_assert_nonnull (strstr (error->message, "without a preceding table map"));
  g_assert_cmpuint (t.row_objects->len, ==, 0);
  transcript_clear (&t);
  g_unlink (path);
}

static void
test_truncated (void)
{
  g_autofree char *source = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!test_util_have_fixtures ())
    return;
  source = test_util_fixture_path ("mariadb-bin.000001");
  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));

  /* Cut the file everywhere: every cut is either a clean end (at an
   * event boundary) or a truncation error, never a crash or a hang. */
  for (gsize keep = 0; keep < length; keep += 7)
    {
      Transcript t;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = write_modified_copy ("mariadb-bin.000001", keep, -1);

      if (!read_file_path (path, &t, &error))
        {
          g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
          if (keep >= 4)
            g_assert_nonnull (strstr (error->message, "Truncated"));
          else
            g_assert_nonnull (strstr (error->message, "Not a binary log file"));
        }
      else
        {
          g_assert_cmpuint (t.row_objects->len, <=, 2);
        }
      transcript_clear (&t);
      g_unlink (path);
    }
}

static void
test_not_a_binlog (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd;

  fd = g_file_open_tmp ("not-a-binlog-XXXXXX", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (write (fd, "\xfe" "bon and then some garbage", 25), ==, 25);
  close (fd);
  g_assert_false (read_file_path (path, &t, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_CORRUPT_EVENT);
  g_assert_nonnull (strstr (error->message, "Not a binary log file"));
  transcript_clear (&t);
  g_unlink (path);
}
static void
test_missing_file (void)
{
  Transcript t;
  g_autoptr(GError) error = NULL;

  g_assert_false (read_file_path ("/nonexistent/binlog.000001", &t, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  transcript_clear (&t);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fixtures/checksum-mismatch", test_checksum_mismatch);
  g_test_add_func ("/fixtures/checksum-artificial", test_checksum_artificial);
  g_test_add_func ("/fixtures/missing-table-map", test_missing_table_map);
  g_test_add_func ("/fixtures/truncated", test_truncated);
  g_test_add_func ("/fixtures/not-a-binlog", test_not_a_binlog);
  g_test_add_func ("/fixtures/missing-file", test_missing_file);

  return g_test_run ();
}
