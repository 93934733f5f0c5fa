/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <mysqlbinlog-glib.h>

#include "test-util.h"

/* Unit tests of MysqlBinlogPosition through the public API. */

static void
test_new (void)
{
  g_autoptr(MysqlBinlogPosition) position = NULL;

  position = mysql_binlog_position_new ("mariadb-bin.000001", 4);
  g_assert_nonnull (position);
  g_assert_cmpstr (mysql_binlog_position_get_file (position), ==, "mariadb-bin.000001");
  g_assert_cmpuint (mysql_binlog_position_get_offset (position), ==, 4);
  g_assert_null (mysql_binlog_position_get_gtid_set (position));
}

static void
test_large_offset (void)
{
  g_autoptr(MysqlBinlogPosition) position = NULL;
  g_autoptr(MysqlBinlogPosition) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *string = NULL;

  /* Offsets are 64-bit: MySQL 8 writes binary logs past 4 GiB. */
  position = mysql_binlog_position_new ("binlog.000123", G_GUINT64_CONSTANT (5000000000));
  string = mysql_binlog_position_to_string (position);
  g_assert_cmpstr (string, ==, "binlog.000123:5000000000");

  parsed = mysql_binlog_position_from_string (string, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mysql_binlog_position_get_offset (parsed), ==,
                    G_GUINT64_CONSTANT (5000000000));
}

static void
test_to_string (void)
{
  g_autoptr(MysqlBinlogPosition) position = mysql_binlog_position_new ("mysql-bin.000042", 1234);
  g_autofree char *string = mysql_binlog_position_to_string (position);

  g_assert_cmpstr (string, ==, "mysql-bin.000042:1234");
}

static void
test_round_trip (void)
{
  const char *strings[] = {
    "mariadb-bin.000001:4",
    "mysql-bin.000042:1234",
    "binlog.999999:0",
    "host-name-bin.000007:18446744073709551615",
    "log:with:colons.000001:330",
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autoptr(MysqlBinlogPosition) position = NULL;
      g_autoptr(MysqlBinlogPosition) again = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *string = NULL;

      g_test_message ("position %s", strings[i]);
      position = mysql_binlog_position_from_string (strings[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (position);

      string = mysql_binlog_position_to_string (position);
      g_assert_cmpstr (string, ==, strings[i]);

      again = mysql_binlog_position_from_string (string, &error);
      g_assert_no_error (error);
      g_assert_true (mysql_binlog_position_equal (position, again));
      g_assert_cmpuint (mysql_binlog_position_hash (position), ==,
                        mysql_binlog_position_hash (again));
    }
}

static void
test_from_string_fields (void)
{
  g_autoptr(MysqlBinlogPosition) position = NULL;
  g_autoptr(GError) error = NULL;

  position = mysql_binlog_position_from_string ("mariadb-bin.000003:98765", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mysql_binlog_position_get_file (position), ==, "mariadb-bin.000003");
  g_assert_cmpuint (mysql_binlog_position_get_offset (position), ==, 98765);
  g_assert_null (mysql_binlog_position_get_gtid_set (position));
}

static void
test_gtid (void)
{
  g_autoptr(MysqlBinlogPosition) gtid = NULL;
  g_autoptr(MysqlBinlogPosition) full = NULL;
  g_autoptr(MysqlBinlogPosition) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *string = NULL;
  g_autofree char *full_string = NULL;

  gtid = mysql_binlog_position_new_for_gtid_set ("0-1-42");
  g_assert_null (mysql_binlog_position_get_file (gtid));
  g_assert_cmpstr (mysql_binlog_position_get_gtid_set (gtid), ==, "0-1-42");

  string = mysql_binlog_position_to_string (gtid);
  parsed = mysql_binlog_position_from_string (string, &error);
  g_assert_no_error (error);
  g_assert_true (mysql_binlog_position_equal (gtid, parsed));
  g_clear_pointer (&parsed, mysql_binlog_position_unref);

  full = mysql_binlog_position_new_full ("mariadb-bin.000001", 330, "0-1-42");
  g_assert_cmpstr (mysql_binlog_position_get_file (full), ==, "mariadb-bin.000001");
  g_assert_cmpuint (mysql_binlog_position_get_offset (full), ==, 330);
  g_assert_cmpstr (mysql_binlog_position_get_gtid_set (full), ==, "0-1-42");
  g_assert_false (mysql_binlog_position_equal (gtid, full));

  full_string = mysql_binlog_position_to_string (full);
  parsed = mysql_binlog_position_from_string (full_string, &error);
  g_assert_no_error (error);
  g_assert_true (mysql_binlog_position_equal (full, parsed));
}


#define UUID_A "3e11fa47-71ca-11e1-9e33-c80aa9429562"
#define UUID_B "9f0c9e2a-0000-4000-8000-000000000001"

static void
test_mariadb_gtid_canonical (void)
{
  g_autoptr(MysqlBinlogPosition) position = NULL;

  /* Domains in increasing order, blanks dropped. */
  position = mysql_binlog_position_new_for_gtid_set (" 2-1-7 , 0-1-42,1-3-9 ");
  g_assert_cmpstr (mysql_binlog_position_get_gtid_set (position), ==, "0-1-42,1-3-9,2-1-7");
}

static void
test_mariadb_gtid_arithmetic (void)
{
  g_autoptr(MysqlBinlogPosition) position = NULL;
  g_autoptr(MysqlBinlogPosition) added = NULL;
  g_autoptr(MysqlBinlogPosition) again = NULL;
  g_autoptr(GError) error = NULL;

  position = mysql_binlog_position_new_full ("mariadb-bin.000002", 1234, "0-1-42,1-2-7");
  g_assert_true (mysql_binlog_position_contains_gtid_set (position, "0-1-42"));
  g_assert_true (mysql_binlog_position_contains_gtid_set (position, "0-1-41"));
  g_assert_true (mysql_binlog_position_contains_gtid_set (position, "0-1-1,1-2-7"));
  g_assert_false (mysql_binlog_position_contains_gtid_set (position, "0-1-43"));
  g_assert_false (mysql_binlog_position_contains_gtid_set (position, "2-1-1"));
  g_assert_false (mysql_binlog_position_contains_gtid_set (position, UUID_A ":1"));
  g_assert_false (mysql_binlog_position_contains_gtid_set (position, "not a set"));

  /* A later transaction of a domain replaces the domain's entry. */
  added = mysql_binlog_position_add_gtid_set (position, "0-3-43,5-1-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mysql_binlog_position_get_file (added), ==, "mariadb-bin.000002");
  g_assert_cmpuint (mysql_binlog_position_get_offset (added), ==, 1234);
  g_assert_cmpstr (mysql_binlog_position_get_gtid_set (added), ==, "0-3-43,1-2-7,5-1-1");
  /* An earlier one does not. */
  again = mysql_binlog_position_add_gtid_set (added, "0-1-40", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mysql_binlog_position_get_gtid_set (again), ==, "0-3-43,1-2-7,5-1-1");
  g_clear_pointer (&again, mysql_binlog_position_unref);

  /* The notations do not mix. */
  again = mysql_binlog_position_add_gtid_set (position, UUID_A ":1-3", &error);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
  g_assert_null (again);
  g_clear_error (&error);

  again = mysql_binlog_position_add_gtid_set (position, "0-1", &error);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
  g_assert_null (again);
  g_clear_error (&error);

  again = mysql_binlog_position_add_gtid_set (position, "0-1-5,0-2-6", &error);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
  g_assert_nonnull (strstr (error->message, "domain 0 twice"));
  g_assert_null (again);
}

static void
test_mysql_gtid_canonical (void)
{
  const struct {
    const char *input;
    const char *canonical;
  } cases[] = {
    { UUID_A ":1-5", UUID_A ":1-5" },
    /* uppercase UUIDs and tags become lowercase */
    { "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5", UUID_A ":1-5" },
    /* intervals are sorted and merged, adjacent ones too */
    { UUID_A ":7:1-3:4-5:9-10:8", UUID_A ":1-5:7-10" },
    { UUID_A ":3-3", UUID_A ":3" },
    /* one entry per UUID, sorted; the same UUID twice is merged */
    { UUID_B ":1," UUID_A ":2,\n" UUID_B ":2", UUID_A ":2," UUID_B ":1-2" },
    /* tags (MySQL 8.4): untagged first, tags sorted */
    { UUID_A ":2:Zeta:5:alpha:1-3", UUID_A ":2:alpha:1-3:zeta:5" },
    /* a tag applies to the intervals after it */
    { UUID_A ":Zeta:5:alpha:1-2:3", UUID_A ":alpha:1-3:zeta:5" },
    { UUID_A ":_x:1," UUID_A ":1-2", UUID_A ":1-2:_x:1" },
    /* the UUID in its compact form */
    { "3e11fa4771ca11e19e33c80aa9429562:1", UUID_A ":1" },
    /* the largest transaction number */
    { UUID_A ":9223372036854775806", UUID_A ":9223372036854775806" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MysqlBinlogPosition) position = NULL;
      g_autoptr(MysqlBinlogPosition) parsed = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *string = NULL;
      g_autofree char *text = g_strconcat ("gtid:", cases[i].input, NULL);

      g_test_message ("GTID set %s", cases[i].input);
      /* from_string does not allow blanks inside the set */
      position = mysql_binlog_position_new_for_gtid_set (cases[i].input);
      g_assert_cmpstr (mysql_binlog_position_get_gtid_set (position), ==, cases[i].canonical);

      string = mysql_binlog_position_to_string (position);
      parsed = mysql_binlog_position_from_string (string, &error);
      g_assert_no_error (error);
      g_assert_true (mysql_binlog_position_equal (position, parsed));
    }
}

static void
test_mysql_gtid_arithmetic (void)
{
  g_autoptr(MysqlBinlogPosition) position = NULL;
  g_autoptr(MysqlBinlogPosition) added = NULL;
  g_autoptr(MysqlBinlogPosition) more = NULL;
  g_autoptr(GError) error = NULL;

  position = mysql_binlog_position_new_for_gtid_set (UUID_A ":1-5:7," UUID_A ":tag:1-3");

  /* contains */
  g_assert_true (mysql_binlog_position_contains_gtid_set (position, UUID_A ":1"));
  g_assert_true (mysql_binlog_position_contains_gtid_set (position, UUID_A ":2-4:7"));
  g_assert_true (mysql_binlog_position_contains_gtid_set (position, UUID_A ":TAG:3"));
  g_assert_true (mysql_binlog_position_contains_gtid_set (position, ""));
  g_assert_true (mysql_binlog_position_contains_gtid_set (position, UUID_A ":1-5:7:tag:1-3"));
  g_assert_false (mysql_binlog_position_contains_gtid_set (position, UUID_A ":6"));
  g_assert_false (mysql_binlog_position_contains_gtid_set (position, UUID_A ":5-7"));
  g_assert_false (mysql_binlog_position_contains_gtid_set (position, UUID_A ":tag:4"));
  g_assert_false (mysql_binlog_position_contains_gtid_set (position, UUID_A ":other:1"));
  g_assert_false (mysql_binlog_position_contains_gtid_set (position, UUID_B ":1"));
  g_assert_false (mysql_binlog_position_contains_gtid_set (position, "0-1-1"));

  /* add: one transaction fills the gap and merges the intervals */
  added = mysql_binlog_position_add_gtid_set (position, UUID_A ":6", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mysql_binlog_position_get_gtid_set (added), ==, UUID_A ":1-7:tag:1-3");
  g_assert_true (mysql_binlog_position_contains_gtid_set (added, UUID_A ":5-7"));
  /* the original is immutable */
  g_assert_cmpstr (mysql_binlog_position_get_gtid_set (position), ==, UUID_A ":1-5:7:tag:1-3");

  /* union with a set of several UUIDs and tags */
  more = mysql_binlog_position_add_gtid_set (added, UUID_B ":10-20," UUID_A ":tag:4:z:1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mysql_binlog_position_get_gtid_set (more), ==,
                   UUID_A ":1-7:tag:1-4:z:1," UUID_B ":10-20");
  g_assert_true (mysql_binlog_position_contains_gtid_set (more, UUID_B ":15-20," UUID_A ":z:1"));
  g_assert_false (mysql_binlog_position_contains_gtid_set (more, UUID_B ":9"));
  g_clear_pointer (&more, mysql_binlog_position_unref);

  /* a union into the empty set of a file position */
  {
    g_autoptr(MysqlBinlogPosition) file = mysql_binlog_position_new ("binlog.000001", 4);

    more = mysql_binlog_position_add_gtid_set (file, UUID_B ":1", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (mysql_binlog_position_get_file (more), ==, "binlog.000001");
    g_assert_cmpstr (mysql_binlog_position_get_gtid_set (more), ==, UUID_B ":1");
    g_clear_pointer (&more, mysql_binlog_position_unref);
  }
}

static void
test_gtid_invalid (void)
{
  const char *sets[] = {
    UUID_A ":0",              /* transaction numbers start at 1 */
    UUID_A ":5-3",            /* reversed interval */
    UUID_A ":1-",
    UUID_A ":x-y",
    UUID_A ":9223372036854775807", /* above 2^63-2 */
    "3e11fa47-71ca-11e1-9e33-c80aa942956:1",  /* short UUID */
    "3e11fa47-71ca-11e1-9e33-c80aa942956g:1", /* not hex */
    UUID_A ":tag-with-dash:1",
    UUID_A ":a23456789012345678901234567890123:1", /* tag of 33 characters */
    UUID_A ":1,0-1-2",        /* mixed notations */
    "0-1-2,,1-1-1",
    "0-1-2-3",
    "0-1-x",
    "4294967296-1-1",         /* domain above 32 bits */
  };

  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      g_autoptr(MysqlBinlogPosition) position = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *string = g_strconcat ("gtid:", sets[i], NULL);

      g_test_message ("invalid GTID set %s", sets[i]);
      position = mysql_binlog_position_from_string (string, &error);
      g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
      g_assert_null (position);
    }
}

static void
test_equal (void)
{
  g_autoptr(MysqlBinlogPosition) a = mysql_binlog_position_new ("mariadb-bin.000001", 330);
  g_autoptr(MysqlBinlogPosition) b = mysql_binlog_position_new ("mariadb-bin.000001", 330);
  g_autoptr(MysqlBinlogPosition) other_offset = mysql_binlog_position_new ("mariadb-bin.000001", 331);
  g_autoptr(MysqlBinlogPosition) other_file = mysql_binlog_position_new ("mariadb-bin.000002", 330);

  g_assert_true (mysql_binlog_position_equal (a, a));
  g_assert_true (mysql_binlog_position_equal (a, b));
  g_assert_true (mysql_binlog_position_equal (b, a));
  g_assert_cmpuint (mysql_binlog_position_hash (a), ==, mysql_binlog_position_hash (b));
  g_assert_false (mysql_binlog_position_equal (a, other_offset));
  g_assert_false (mysql_binlog_position_equal (a, other_file));
}

static void
test_invalid (void)
{
  const char *strings[] = {
    "",
    "   ",
    "mariadb-bin.000001",
    "mariadb-bin.000001:",
    ":4",
    "mariadb-bin.000001:abc",
    "mariadb-bin.000001:12x",
    "mariadb-bin.000001:-1",
    "mariadb-bin.000001:+5",
    "mariadb-bin.000001:99999999999999999999999",
    "gtid:",
    "mariadb-bin.000001:4 junk",
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autoptr(MysqlBinlogPosition) position = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("invalid position “%s”", strings[i]);
      position = mysql_binlog_position_from_string (strings[i], &error);
      g_assert_null (position);
      g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_boxed (void)
{
  g_autoptr(MysqlBinlogPosition) position = mysql_binlog_position_new ("mariadb-bin.000001", 4);
  g_auto(GValue) value = G_VALUE_INIT;
  MysqlBinlogPosition *copy;
  MysqlBinlogPosition *ref;

  g_assert_true (G_TYPE_IS_BOXED (MYSQL_BINLOG_TYPE_POSITION));

  g_value_init (&value, MYSQL_BINLOG_TYPE_POSITION);
  g_value_set_boxed (&value, position);
  copy = g_value_dup_boxed (&value);
  g_assert_true (mysql_binlog_position_equal (position, copy));
  mysql_binlog_position_unref (copy);

  ref = mysql_binlog_position_ref (position);
  g_assert_true (ref == position);
  mysql_binlog_position_unref (ref);
  g_assert_cmpstr (mysql_binlog_position_get_file (position), ==, "mariadb-bin.000001");
}

static void
test_error_quark (void)
{
  g_assert_cmpuint (MYSQL_BINLOG_ERROR, !=, 0);
  g_assert_cmpstr (g_quark_to_string (MYSQL_BINLOG_ERROR), ==, "mysql-binlog-error-quark");
}

/* A file position store over a file in a new temporary directory. */
typedef struct
{
  char *dir;
  char *path;
  MysqlBinlogPositionStore *store;
} StoreFixture;

static void
store_setup (StoreFixture  *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;

  fixture->dir = test_util_make_tmp_dir ("mysqlbinlog-store-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "position", NULL);
  file = g_file_new_for_path (fixture->path);
  fixture->store = MYSQL_BINLOG_POSITION_STORE (mysql_binlog_file_position_store_new (file));
}

static void
store_teardown (StoreFixture  *fixture,
                gconstpointer  data)
{
  test_util_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
  g_object_unref (fixture->store);
}

static void
store_write (StoreFixture *fixture,
             const char   *contents,
             gssize        length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (fixture->path, contents, length, &error);
  g_assert_no_error (error);
}

/* Loads and expects the INVALID_POSITION error; returns its message. */
static char *
store_load_fails (StoreFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MysqlBinlogPosition) position = NULL;

  position = mysql_binlog_position_store_load (fixture->store, NULL, &error);
  g_assert_null (position);
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
  g_test_message ("%s", error->message);
  return g_strdup (error->message);
}

/* Only a missing file means that nothing was saved. */
static void
test_store_missing (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MysqlBinlogPosition) position = NULL;
  g_autoptr(MysqlBinlogPosition) saved = mysql_binlog_position_new ("mariadb-bin.000003", 1234);

  position = mysql_binlog_position_store_load (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (position);

  g_assert_true (mysql_binlog_position_store_save (fixture->store, saved, NULL, &error));
  g_assert_no_error (error);
  position = mysql_binlog_position_store_load (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (position);
  g_assert_true (mysql_binlog_position_equal (position, saved));
}

/* The store never writes an empty or blank file: one is corrupt. */
static void
test_store_empty (StoreFixture  *fixture,
                  gconstpointer  data)
{
  const char *blank[] = { "", " ", "\n", " \t\r\n  \n", NULL };

  for (guint i = 0; blank[i] != NULL; i++)
    {
      g_autofree char *message = NULL;

      store_write (fixture, blank[i], -1);
      message = store_load_fails (fixture);
      g_assert_nonnull (strstr (message, fixture->path));
      g_assert_nonnull (strstr (message, "corrupt"));
      g_assert_nonnull (strstr (message, i == 0 ? "empty" : "blank"));
    }
}

static gboolean
is_plain (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if (*p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

/* A corrupt file's content is quoted escaped and cut short: no terminal
 * escape of the file reaches a terminal through the message. */
static void
test_store_corrupt_quoted (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(GString) contents = g_string_new ("\x1b]0;owned\x07\x1b[2Jmariadb-bin\x9b" "1m\n");
  g_autofree char *message = NULL;
  g_autofree char *with_nul = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append_c (contents, 'x');
  store_write (fixture, contents->str, contents->len);
  message = store_load_fails (fixture);
  g_assert_true (is_plain (message));
  g_assert_true (g_utf8_validate (message, -1, NULL));
  g_assert_nonnull (strstr (message, "\\x1b]0;owned\\x07\\x1b[2Jmariadb-bin\\x9b1m\\nxxx"));
  g_assert_nonnull (strstr (message, "xxx…"));
  g_assert_cmpuint (strlen (message), <, 400);

  /* A valid position with something after a NUL byte is not one. */
  store_write (fixture, "mariadb-bin.000002:4\n\0\x1b[2J", 26);
  with_nul = store_load_fails (fixture);
  g_assert_true (is_plain (with_nul));
  g_assert_nonnull (strstr (with_nul, "corrupt"));
  g_assert_nonnull (strstr (with_nul, "mariadb-bin.000002:4\\n\\x00\\x1b[2J"));
}

/* A position string from outside is quoted escaped too. */
static void
test_invalid_quoted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) gtid_error = NULL;

  g_assert_null (mysql_binlog_position_from_string ("a\x1b[2Jb:x", &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
  g_assert_true (is_plain (error->message));
  g_assert_nonnull (strstr (error->message, "“a\\x1b[2Jb:x”"));

  g_assert_null (mysql_binlog_position_from_string ("gtid:0-1-\x1b[2J", &gtid_error));
  g_assert_error (gtid_error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
  g_assert_true (is_plain (gtid_error->message));
  g_assert_nonnull (strstr (gtid_error->message, "0-1-\\x1b[2J"));
}

/* A position saved during a snapshot carries its progress as a last
 * part, which reads back as it was written and takes part in equality. */
static void
test_snapshot_progress (void)
{
  static const char * const valid[] = {
    "mariadb-bin.000003:1234 snapshot:shop.orders+4096=3132,shop.items",
    "mariadb-bin.000003:1234 gtid:0-1-42 snapshot:s%20x.t=61;ff",
    "gtid:0-1-42 snapshot:a.b",
  };
  static const char * const invalid[] = {
    "mariadb-bin.000003:1234 snapshot:",
    "mariadb-bin.000003:1234 snapshot:a b",
    "mariadb-bin.000003:1234 snapshot:a.b'",
    "snapshot:a.b",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MysqlBinlogPosition) position = mysql_binlog_position_from_string (valid[i], &error);
      g_autoptr(MysqlBinlogPosition) plain = NULL;
      g_autofree char *text = NULL;
      g_autofree char *prefix = g_strndup (valid[i], strstr (valid[i], " snapshot:") - valid[i]);

      g_assert_no_error (error);
      text = mysql_binlog_position_to_string (position);
      g_assert_cmpstr (text, ==, valid[i]);
      plain = mysql_binlog_position_from_string (prefix, &error);
      g_assert_no_error (error);
      g_assert_false (mysql_binlog_position_equal (position, plain));
      g_assert_cmpstr (mysql_binlog_position_get_file (position), ==,
                       mysql_binlog_position_get_file (plain));
      g_assert_cmpuint (mysql_binlog_position_get_offset (position), ==,
                        mysql_binlog_position_get_offset (plain));
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MysqlBinlogPosition) position = mysql_binlog_position_from_string (invalid[i], &error);

      g_assert_null (position);
      g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_POSITION);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/position/new", test_new);
  g_test_add_func ("/position/snapshot-progress", test_snapshot_progress);
  g_test_add_func ("/position/large-offset", test_large_offset);
  g_test_add_func ("/position/to-string", test_to_string);
  g_test_add_func ("/position/round-trip", test_round_trip);
  g_test_add_func ("/position/from-string-fields", test_from_string_fields);
  g_test_add_func ("/position/gtid", test_gtid);
  g_test_add_func ("/position/gtid/mariadb-canonical", test_mariadb_gtid_canonical);
  g_test_add_func ("/position/gtid/mariadb-arithmetic", test_mariadb_gtid_arithmetic);
  g_test_add_func ("/position/gtid/mysql-canonical", test_mysql_gtid_canonical);
  g_test_add_func ("/position/gtid/mysql-arithmetic", test_mysql_gtid_arithmetic);
  g_test_add_func ("/position/gtid/invalid", test_gtid_invalid);
  g_test_add_func ("/position/equal", test_equal);
  g_test_add_func ("/position/invalid", test_invalid);
  g_test_add_func ("/position/boxed", test_boxed);
  g_test_add_func ("/position/error-quark", test_error_quark);
  g_test_add_func ("/position/invalid-quoted", test_invalid_quoted);
  g_test_add ("/position/file-store/missing", StoreFixture, NULL,
              store_setup, test_store_missing, store_teardown);
  g_test_add ("/position/file-store/empty", StoreFixture, NULL,
              store_setup, test_store_empty, store_teardown);
  g_test_add ("/position/file-store/corrupt-quoted", StoreFixture, NULL,
              store_setup, test_store_corrupt_quoted, store_teardown);

  return g_test_run ();
}
