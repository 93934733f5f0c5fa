/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The table definitions a position carries (a state of the schema
 * history), and what a file position store makes of them: saved beside
 * the position before it, given back with it, never given to a position
 * saved without them.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include <mysqlbinlog-glib.h>

#include "mysql-binlog-position-private.h"
#include "test-util.h"

#define HEADER "# libmysqlbinlog-glib schema history\n"

typedef struct
{
  char *dir;
  char *path;
  char *history;
  MysqlBinlogPositionStore *store;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GFile) file = NULL;

  fixture->dir = test_util_make_tmp_dir ("mysqlbinlog-position-schema-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "position", NULL);
  fixture->history = g_strconcat (fixture->path, ".schema-history", NULL);
  file = g_file_new_for_path (fixture->path);
  fixture->store = MYSQL_BINLOG_POSITION_STORE (mysql_binlog_file_position_store_new (file));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  test_util_remove_tree (fixture->dir);
  g_free (fixture->history);
  g_free (fixture->path);
  g_free (fixture->dir);
  g_object_unref (fixture->store);
}

/* (transfer full): FILE:OFFSET carrying @state (NULL: none). */
static MysqlBinlogPosition *
at (guint64     offset,
    const char *state)
{
  g_autoptr(MysqlBinlogPosition) plain = mysql_binlog_position_new ("mariadb-bin.000007", offset);
  g_autoptr(GBytes) bytes = state != NULL ? g_bytes_new (state, strlen (state)) : NULL;

  return _mysql_binlog_position_with_schema (plain, bytes);
}

static void
save (Fixture             *fixture,
      MysqlBinlogPosition *position)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mysql_binlog_position_store_save (fixture->store, position, NULL, &error));
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

/* The state the position loaded from the store carries, or NULL. */
static char *
loaded_state (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MysqlBinlogPosition) loaded = mysql_binlog_position_store_load (fixture->store, NULL,
                                                                            &error);
  GBytes *state;

  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  state = _mysql_binlog_position_get_schema (loaded);
  if (state == NULL)
    return NULL;
  return g_strndup (g_bytes_get_data (state, NULL), g_bytes_get_size (state));
}

static void
assert_file (const char *path,
             const char *expected)
{
  g_autofree char *contents = read_file (path);

  g_assert_cmpstr (contents, ==, expected);
}

/* The state the loaded position carries is @expected (NULL: none). */
static void
assert_loaded (Fixture    *fixture,
               const char *expected)
{
  g_autofree char *state = loaded_state (fixture);

  g_assert_cmpstr (state, ==, expected);
}

/* The state is no part of the point: not of its text, not of equal(),
 * and a copy with a snapshot's progress keeps it. */
static void
test_position (void)
{
  g_autoptr(MysqlBinlogPosition) carrying = at (1234, "(1, [])");
  g_autoptr(MysqlBinlogPosition) plain = mysql_binlog_position_new ("mariadb-bin.000007", 1234);
  g_autoptr(MysqlBinlogPosition) progress = _mysql_binlog_position_with_snapshot (carrying, "t1");
  g_autofree char *text = mysql_binlog_position_to_string (carrying);

  g_assert_cmpstr (text, ==, "mariadb-bin.000007:1234");
  g_assert_true (mysql_binlog_position_equal (carrying, plain));
  g_assert_cmpuint (mysql_binlog_position_hash (carrying), ==, mysql_binlog_position_hash (plain));
  g_assert_null (_mysql_binlog_position_get_schema (plain));
  g_assert_true (_mysql_binlog_position_get_schema (progress) ==
                 _mysql_binlog_position_get_schema (carrying));
  g_assert_cmpstr (_mysql_binlog_position_get_snapshot (progress), ==, "t1");
}

static void
test_store (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(MysqlBinlogPosition) p1 = at (100, "(1, ['one'])");
  g_autoptr(MysqlBinlogPosition) p2 = at (200, "(1, ['one'])");
  g_autoptr(MysqlBinlogPosition) p3 = at (300, "(1, ['two'])");
  g_autoptr(MysqlBinlogPosition) p4 = at (400, NULL);
  g_autoptr(MysqlBinlogPosition) p5 = at (500, NULL);
  g_autoptr(MysqlBinlogPosition) p6 = at (600, "(1, ['three'])");

  /* The first save writes the history, before the position. */
  save (fixture, p1);
  assert_file (fixture->history, HEADER "mariadb-bin.000007:100\t(1, ['one'])\n");
  assert_loaded (fixture, "(1, ['one'])");

  /* The same definitions later: the history stays as it is, and gives
   * them to the later position. */
  save (fixture, p2);
  assert_file (fixture->history, HEADER "mariadb-bin.000007:100\t(1, ['one'])\n");
  assert_file (fixture->path, "mariadb-bin.000007:200\n");
  assert_loaded (fixture, "(1, ['one'])");

  /* New definitions: the state before stays for the position before,
   * which is the one saved should this save stop between the files. */
  save (fixture, p3);
  assert_file (fixture->history, HEADER "mariadb-bin.000007:100\t(1, ['one'])\n"
                                  "mariadb-bin.000007:300\t(1, ['two'])\n");
  assert_loaded (fixture, "(1, ['two'])");
  g_assert_true (g_file_set_contents (fixture->path, "mariadb-bin.000007:200\n", -1, NULL));
  assert_loaded (fixture, "(1, ['one'])");

  /* A position without definitions: the state of the one before is not
   * given to it. */
  save (fixture, p4);
  assert_file (fixture->history, HEADER "mariadb-bin.000007:300\t(1, ['two'])\n"
                                  "mariadb-bin.000007:400\t\n");
  assert_loaded (fixture, NULL);
  save (fixture, p5);
  assert_file (fixture->history, HEADER "mariadb-bin.000007:300\t(1, ['two'])\n"
                                  "mariadb-bin.000007:400\t\n");
  assert_loaded (fixture, NULL);

  save (fixture, p6);
  assert_file (fixture->history, HEADER "mariadb-bin.000007:400\t\n"
                                  "mariadb-bin.000007:600\t(1, ['three'])\n");
  assert_loaded (fixture, "(1, ['three'])");
}

/* A store that never saved: a position without definitions leaves a
 * history of another writer's last state unanswered for it. */
static void
test_store_foreign_history (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MysqlBinlogPosition) plain = at (900, NULL);

  g_assert_true (g_file_set_contents (fixture->history,
                                      HEADER "mariadb-bin.000007:100\t(1, ['old'])\n", -1, NULL));
  save (fixture, plain);
  assert_loaded (fixture, NULL);
  assert_file (fixture->history, HEADER "mariadb-bin.000007:100\t(1, ['old'])\n"
                                  "mariadb-bin.000007:900\t\n");
}

/* The lines in any order (a file edited by hand): the state saved at
 * the latest position at or before the one loaded. */
static void
test_store_line_order (Fixture       *fixture,
                       gconstpointer  data)
{
  g_assert_true (g_file_set_contents (fixture->history,
                                      HEADER "mariadb-bin.000008:300\t(1, ['later'])\n"
                                      "mariadb-bin.000007:900\t(1, ['earlier'])\n", -1, NULL));
  g_assert_true (g_file_set_contents (fixture->path, "mariadb-bin.000008:400\n", -1, NULL));
  assert_loaded (fixture, "(1, ['later'])");
  g_assert_true (g_file_set_contents (fixture->path, "mariadb-bin.000008:200\n", -1, NULL));
  assert_loaded (fixture, "(1, ['earlier'])");
  g_assert_true (g_file_set_contents (fixture->path, "mariadb-bin.000007:800\n", -1, NULL));
  assert_loaded (fixture, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/position-schema/position", test_position);
  g_test_add ("/position-schema/store", Fixture, NULL, fixture_setup, test_store,
              fixture_teardown);
  g_test_add ("/position-schema/store/line-order", Fixture, NULL, fixture_setup,
              test_store_line_order, fixture_teardown);
  g_test_add ("/position-schema/store/foreign-history", Fixture, NULL, fixture_setup,
              test_store_foreign_history, fixture_teardown);

  return g_test_run ();
}
