/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "test-fixtures-common.h"

/*
 * mysql_binlog_row_format_value() over every value of every row of the
 * real binlog fixtures (MariaDB and MySQL files): the same text as
 * mysql_binlog_row_dup_string() at every buffer size, cut only between
 * whole UTF-8 characters, and no allocation per value.  The live server's
 * column types get the same check in test-stream-types.c.
 */

/* Allocations are counted by this program's own malloc(), which glibc
 * lets an executable put in front of its own (the library and GLib call
 * it too).  Under AddressSanitizer, which has its own, they are not. */
#if defined(__SANITIZE_ADDRESS__)
#define COUNT_ALLOCATIONS 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define COUNT_ALLOCATIONS 0
#else
#define COUNT_ALLOCATIONS 1
#endif
#else
#define COUNT_ALLOCATIONS 1
#endif

#if COUNT_ALLOCATIONS
extern void *__libc_malloc (size_t size);
extern void *__libc_calloc (size_t n, size_t size);
extern void *__libc_realloc (void *pointer, size_t size);

static volatile gsize allocations;

void *
malloc (size_t size)
{
  allocations++;
  return __libc_malloc (size);
}

void *
calloc (size_t n,
        size_t size)
{
  allocations++;
  return __libc_calloc (n, size);
}

void *
realloc (void   *pointer,
         size_t  size)
{
  allocations++;
  return __libc_realloc (pointer, size);
}
#endif

/* Every fixture that has rows. */
static const char * const fixture_names[] = {
  "binlog-invisible-columns.000001",
  "binlog_56_gtid_reserved_word.000001",
  "bug32407.001",
  "json.binlog.000001",
  "mariadb-bin.000001",
  "mysql_type_bit.000001",
  "rpl_unfiltered_hidden_gcol.000001",
  "transaction_compression.000001",
  "update-full-row.binlog",
  "update-partial-row.binlog",
  "ver_5_1_23.001",
  "ver_trunk_row_v2.001",
  "write-full-row.binlog",
  "write-partial-row.binlog",
};

/* The calls that format @column of @row 10,000 times into 4096 bytes
 * allocate nothing (a value whose text is longer may). */
static void
assert_no_allocation (MysqlBinlogRow *row,
                      guint           column,
                      const char     *what)
{
#if COUNT_ALLOCATIONS
  static char buffer[4096];
  gsize before, after, length = 0;

  /* A first call, for what is made once (a character set's table). */
  mysql_binlog_row_format_value (row, column, buffer, sizeof buffer);
  before = allocations;
  for (guint i = 0; i < 10000; i++)
    length += mysql_binlog_row_format_value (row, column, buffer, sizeof buffer);
  after = allocations;
  if (after != before)
    g_test_fail_printf ("%s: 10,000 calls of format_value allocated %" G_GSIZE_FORMAT
                        " times (%" G_GSIZE_FORMAT " bytes of text)",
                        what, after - before, length / 10000);
#endif
}

/* The counter counts: dup_string() allocates, so it must see it. */
static void
test_counter_counts (void)
{
#if COUNT_ALLOCATIONS
  gsize before = allocations;
  g_autofree char *text = g_strdup ("counted");

  g_assert_cmpuint (allocations, >, before);
#else
  g_test_skip ("allocations are not counted under AddressSanitizer");
#endif
}

static void
test_fixture (gconstpointer data)
{
  const char *name = data;
  Transcript t = { 0 };
  g_autoptr(GError) error = NULL;
  guint n_values = 0;

  if (!test_util_have_fixtures ())
    {
      g_test_skip ("no binlog fixtures (shared/fixtures)");
      return;
    }
  /* Every value of every fixture, those of tables the file holds no
   * definition of too. */
  read_fixture_positional (name, &t, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (t.row_objects->len, >, 0);

  for (guint r = 0; r < t.row_objects->len; r++)
    {
      MysqlBinlogRow *row = g_ptr_array_index (t.row_objects, r);

      for (guint c = 0; c < mysql_binlog_row_get_n_columns (row); c++)
        {
          g_autofree char *what = g_strdup_printf ("%s row %u column %u", name, r, c);
          g_autofree char *text = mysql_binlog_row_dup_string (row, c);

          test_util_assert_format_value (row, c, what);
          if (text == NULL || strlen (text) < 4096)
            assert_no_allocation (row, c, what);
          n_values++;
        }
    }
  g_test_message ("%s: %u values", name, n_values);
  transcript_clear (&t);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format-value/counter", test_counter_counts);
  for (guint i = 0; i < G_N_ELEMENTS (fixture_names); i++)
    {
      g_autofree char *path = g_strdup_printf ("/format-value/fixture/%s", fixture_names[i]);

      g_test_add_data_func (path, fixture_names[i], test_fixture);
    }
  return g_test_run ();
}
