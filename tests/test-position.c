/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <mysqlbinlog-glib.h>

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/position/new", test_new);
  g_test_add_func ("/position/large-offset", test_large_offset);
  g_test_add_func ("/position/to-string", test_to_string);
  g_test_add_func ("/position/round-trip", test_round_trip);
  g_test_add_func ("/position/from-string-fields", test_from_string_fields);
  g_test_add_func ("/position/gtid", test_gtid);
  g_test_add_func ("/position/equal", test_equal);
  g_test_add_func ("/position/invalid", test_invalid);
  g_test_add_func ("/position/boxed", test_boxed);
  g_test_add_func ("/position/error-quark", test_error_quark);

  return g_test_run ();
}
