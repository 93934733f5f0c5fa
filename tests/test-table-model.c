/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * MysqlBinlogTableModel against a real server: after a random workload of
 * inserts, updates (primary key changes included) and deletes, the model
 * holds what SELECT * holds, and a shadow list that replays every
 * items-changed stays equal to the model.  Also MysqlBinlogRecord's row
 * notifications, max-items, the error of a table without a primary key,
 * and mysql_binlog_row_changed_columns() on real rows.
 */

#include "config.h"

#include <string.h>

#include <mysqlbinlog-glib.h>

#include "test-server.h"

static TestServer *server;

/* {{{ A shadow of the model, kept by items-changed alone */

typedef struct
{
  GPtrArray *items;       /* of MysqlBinlogRecord, a reference each */
  GPtrArray *keys;        /* the primary key of each as it was when added */
  guint      signals;
  guint      mismatches;
  GHashTable *notified;   /* MysqlBinlogRecord -> number of notify::row */
} Shadow;

static void
on_notify_row (MysqlBinlogRecord *record,
               GParamSpec        *pspec,
               Shadow            *shadow)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (shadow->notified, record));

  g_hash_table_insert (shadow->notified, record, GUINT_TO_POINTER (n + 1));
}

/* The primary key of @record's row as text. */
static char *
record_key (MysqlBinlogRecord *record)
{
  MysqlBinlogRow *row = mysql_binlog_record_get_row (record);
  const char * const *names = mysql_binlog_row_get_primary_key (row);
  GString *key = g_string_new (NULL);

  g_assert_nonnull (names);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *value = mysql_binlog_record_dup_string (record, names[i]);

      g_string_append_printf (key, "%s%s", i > 0 ? "|" : "", value);
    }
  return g_string_free (key, FALSE);
}

/* Whether @shadow holds what @model holds: the same records, with the
 * keys they had when items-changed last reported them (a key change that
 * was not reported would leave a sorter on top with a stale order). */
static guint
shadow_mismatches (Shadow     *shadow,
                   GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  guint mismatches = n != shadow->items->len;

  for (guint i = 0; i < n && i < shadow->items->len; i++)
    {
      g_autoptr(MysqlBinlogRecord) record = g_list_model_get_item (model, i);
      g_autofree char *key = record_key (record);

      if (record != g_ptr_array_index (shadow->items, i) ||
          strcmp (key, g_ptr_array_index (shadow->keys, i)) != 0)
        mismatches++;
    }
  return mismatches;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Shadow     *shadow)
{
  shadow->signals++;
  g_assert_cmpuint (position + removed, <=, shadow->items->len);
  g_ptr_array_remove_range (shadow->items, position, removed);
  g_ptr_array_remove_range (shadow->keys, position, removed);
  for (guint i = 0; i < added; i++)
    {
      MysqlBinlogRecord *record = g_list_model_get_item (model, position + i);

      g_assert_nonnull (record);
      if (!g_hash_table_contains (shadow->notified, record))
        {
          g_hash_table_insert (shadow->notified, record, GUINT_TO_POINTER (0));
          g_signal_connect (record, "notify::row", G_CALLBACK (on_notify_row), shadow);
        }
      g_ptr_array_insert (shadow->items, position + i, record);
      g_ptr_array_insert (shadow->keys, position + i, record_key (record));
    }

  /* The model as a listener sees it right after the signal. */
  shadow->mismatches += shadow_mismatches (shadow, model);
}

static Shadow *
shadow_new (MysqlBinlogTableModel *model)
{
  Shadow *shadow = g_new0 (Shadow, 1);

  shadow->items = g_ptr_array_new_with_free_func (g_object_unref);
  shadow->keys = g_ptr_array_new_with_free_func (g_free);
  shadow->notified = g_hash_table_new (NULL, NULL);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed), shadow);
  return shadow;
}

static void
shadow_free (Shadow *shadow)
{
  for (guint i = 0; i < shadow->items->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (shadow->items, i), shadow);
  g_ptr_array_unref (shadow->items);
  g_ptr_array_unref (shadow->keys);
  g_hash_table_unref (shadow->notified);
  g_free (shadow);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Shadow, shadow_free)

/* }}} */

/* {{{ Running a stream */

static void
on_run_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs @stream to the end of the binary log, with run() or, when @async,
 * with run_async() under a main loop; returns the outcome. */
static gboolean
run_stream (MysqlBinlogStream  *stream,
            gboolean            async,
            GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!async)
    return mysql_binlog_stream_run (stream, NULL, error);

  mysql_binlog_stream_run_async (stream, NULL, on_run_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return mysql_binlog_stream_run_finish (stream, result, error);
}

static MysqlBinlogStream *
stream_from (MysqlBinlogPosition *start)
{
  MysqlBinlogStream *stream = test_server_new_stream (server);

  g_object_set (stream, "start-position", start, NULL);
  return stream;
}

/* }}} */

/* {{{ The model against SELECT * */

#define COLUMNS "id, tag, v, note"

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* One line per row, "id|tag|v|note" with \N for NULL, sorted. */
static char *
model_text (MysqlBinlogTableModel *model)
{
  static const char * const columns[] = { "id", "tag", "v", "note" };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MysqlBinlogRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);
      GString *line = g_string_new (NULL);

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree char *value = mysql_binlog_record_dup_string (record, columns[c]);
          g_autoptr(GVariant) variant = mysql_binlog_record_get_value (record, columns[c]);

          /* NULL text only for SQL NULL, never for a missing column. */
          g_assert_nonnull (variant);
          if (c > 0)
            g_string_append_c (line, '|');
          g_string_append (line, value != NULL ? value : "\\N");
        }
      g_ptr_array_add (lines, g_string_free (line, FALSE));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (text, g_ptr_array_index (lines, i));
      g_string_append_c (text, '\n');
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
table_text (const char *table)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  char *text;

  sql = g_strdup_printf ("SELECT GROUP_CONCAT(CONCAT(id, '|', tag, '|', v, '|', "
                         "IFNULL(note, '\\\\N')) ORDER BY CONCAT(id, '|', tag, '|', v, '|', "
                         "IFNULL(note, '\\\\N')) SEPARATOR '\\n') FROM %s", table);
  text = test_server_query_value (server, sql, &error);
  g_assert_no_error (error);
  if (text == NULL)
    return g_strdup ("");
  /* Sorted by the server's collation; sort again as the model's text is. */
  {
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    g_autoptr(GString) sorted = g_string_new (NULL);
    guint n = g_strv_length (lines);

    qsort (lines, n, sizeof (char *), compare_strings);
    g_free (text);
    for (guint i = 0; i < n; i++)
      g_string_append_printf (sorted, "%s\n", lines[i]);
    return g_string_free (g_steal_pointer (&sorted), FALSE);
  }
}

/* A random note, as an SQL literal: NULL now and then. */
static const char *
random_note (GRand *rand)
{
  static const char * const notes[] = { "NULL", "'red'", "'green'", "'O''Brien'", "'naïve'", "''" };

  return notes[g_rand_int_range (rand, 0, G_N_ELEMENTS (notes))];
}

/* Runs @n_ops random changes on @table, a few per transaction: mostly of
 * one row, some of many. */
static void
random_workload (const char *table,
                 GRand      *rand,
                 guint       n_ops)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (int));
  int next = 1;

  for (guint op = 0; op < n_ops; )
    {
      g_autoptr(GString) sql = g_string_new ("BEGIN;");
      guint in_txn = g_rand_int_range (rand, 1, 5);

      for (guint t = 0; t < in_txn; t++, op++)
        {
          int kind = g_rand_int_range (rand, 0, 100);
          const char *note = random_note (rand);

          if (ids->len == 0 || kind < 35)
            {
              int id = next++;

              g_array_append_val (ids, id);
              g_string_append_printf (sql, "INSERT INTO %s VALUES (%d, 't%d', %d, %s);",
                                      table, id, g_rand_int_range (rand, 0, 3),
                                      g_rand_int_range (rand, -1000, 1000), note);
            }
          else
            {
              guint at = g_rand_int_range (rand, 0, ids->len);
              int id = g_array_index (ids, int, at);

              if (kind < 60)
                g_string_append_printf (sql, "UPDATE %s SET v = %d, note = %s WHERE id = %d;",
                                        table, g_rand_int_range (rand, -1000, 1000), note, id);
              else if (kind < 72)
                {
                  /* A new id: the primary key changes. */
                  int to = next++;

                  g_array_index (ids, int, at) = to;
                  g_string_append_printf (sql, "UPDATE %s SET id = %d, v = v + 1 WHERE id = %d;",
                                          table, to, id);
                }
              else if (kind < 80)
                /* The other key column: a key change too (or none, when the
                 * tag stays). */
                g_string_append_printf (sql, "UPDATE %s SET tag = 't%d' WHERE id = %d;",
                                        table, g_rand_int_range (rand, 0, 3), id);
              else if (kind < 83)
                /* Unchanged values: the server may log an update or not. */
                g_string_append_printf (sql, "UPDATE %s SET v = v WHERE id = %d;", table, id);
              else if (kind < 86)
                /* Many rows at once. */
                g_string_append_printf (sql, "UPDATE %s SET v = v - 1 WHERE id %% 3 = %d;",
                                        table, g_rand_int_range (rand, 0, 3));
              else
                {
                  g_array_remove_index_fast (ids, at);
                  g_string_append_printf (sql, "DELETE FROM %s WHERE id = %d;", table, id);
                }
            }
        }
      g_string_append (sql, "COMMIT;");
      test_server_exec (server, sql->str);
    }
}

static void
check_workload (gboolean async)
{
  const char *table = async ? "tm.workload_async" : "tm.workload";
  const char *fixed = g_getenv ("TABLE_MODEL_SEED");
  guint32 seed = fixed != NULL ? (guint32) g_ascii_strtoull (fixed, NULL, 10) : (guint32) g_test_rand_int ();
  g_autoptr(GRand) rand = NULL;
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogTableModel) model = NULL;
  g_autoptr(MysqlBinlogTableModel) other = NULL;
  g_autoptr(Shadow) shadow = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  g_test_message ("workload seed %u (TABLE_MODEL_SEED=%u repeats it)", seed, seed);
  rand = g_rand_new_with_seed (seed);
  test_server_sqlf (server, &error,
                    "CREATE TABLE %s (id INT NOT NULL, tag VARCHAR(8) NOT NULL, v INT NOT NULL,"
                    " note TEXT NULL, PRIMARY KEY (id, tag))", table);
  g_assert_no_error (error);
  start = test_server_master_position (server);
  random_workload (table, rand, 300);
  /* Another table's rows are not the model's. */
  test_server_sqlf (server, &error, "INSERT INTO tm.other VALUES (%d, 'x')", async ? 2 : 1);
  g_assert_no_error (error);

  stream = stream_from (start);
  model = mysql_binlog_table_model_new (stream, table);
  other = mysql_binlog_table_model_new (stream, "tm.other");
  shadow = shadow_new (model);
  g_assert_true (run_stream (stream, async, &error));
  g_assert_no_error (error);
  g_assert_null (mysql_binlog_table_model_get_error (model));

  expected = table_text (table);
  actual = model_text (model);
  if (g_strcmp0 (expected, actual) != 0)
    g_test_message ("the model differs from SELECT * after the workload of seed %u "
                    "(TABLE_MODEL_SEED=%u repeats it)", seed, seed);
  g_assert_cmpstr (actual, ==, expected);
  g_assert_cmpuint (shadow->mismatches, ==, 0);
  g_assert_cmpuint (shadow_mismatches (shadow, G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (shadow->signals, >, 0);
  g_test_message ("%u rows, %u items-changed", shadow->items->len, shadow->signals);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (other)), ==, 1);
}

static void
test_workload_run (void)
{
  check_workload (FALSE);
}

static void
test_workload_run_async (void)
{
  check_workload (TRUE);
}

/* }}} */

/* {{{ Records, key changes, max-items, errors */

static gint64
record_int (MysqlBinlogRecord *record,
            const char        *column)
{
  g_autoptr(GVariant) value = mysql_binlog_record_get_value (record, column);

  g_assert_nonnull (value);
  return g_variant_get_int64 (value);
}

static void
test_record_updates (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogTableModel) model = NULL;
  g_autoptr(Shadow) shadow = NULL;
  g_autoptr(GError) error = NULL;
  MysqlBinlogRecord *first, *second;
  g_autofree char *text = NULL;
  MysqlBinlogRow *row = NULL;

  test_server_exec (server, "CREATE TABLE tm.records (id INT PRIMARY KEY, v INT, s VARCHAR(10))");
  start = test_server_master_position (server);
  test_server_exec (server,
                    "INSERT INTO tm.records VALUES (1, 10, 'one'), (2, 20, NULL);"
                    "UPDATE tm.records SET v = 11 WHERE id = 1;"
                    "UPDATE tm.records SET v = 12, s = 'uno' WHERE id = 1;"
                    "UPDATE tm.records SET id = 5 WHERE id = 2;"
                    "INSERT INTO tm.records VALUES (3, 30, 'three');"
                    "DELETE FROM tm.records WHERE id = 3;");

  stream = stream_from (start);
  model = mysql_binlog_table_model_new (stream, "tm.records");
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == MYSQL_BINLOG_TYPE_RECORD);
  shadow = shadow_new (model);
  g_assert_true (run_stream (stream, FALSE, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpuint (shadow->mismatches, ==, 0);
  first = g_ptr_array_index (shadow->items, 0);
  second = g_ptr_array_index (shadow->items, 1);
  /* Two in-place updates: two notifications of row, no items-changed.
   * The key change kept the record and its position, reported as one
   * replacement; 2 inserts + 1 key change + insert and delete of 3. */
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (shadow->notified, first)), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (shadow->notified, second)), ==, 1);
  g_assert_cmpuint (shadow->signals, ==, 2 + 1 + 2);
  g_assert_cmpint (record_int (first, "id"), ==, 1);
  g_assert_cmpint (record_int (first, "v"), ==, 12);
  text = mysql_binlog_record_dup_string (first, "s");
  g_assert_cmpstr (text, ==, "uno");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (record_int (second, "id"), ==, 5);
  /* SQL NULL: no text, a maybe variant holding nothing; a missing column:
   * no text and no variant. */
  text = mysql_binlog_record_dup_string (second, "s");
  g_assert_null (text);
  {
    g_autoptr(GVariant) null = mysql_binlog_record_get_value (second, "s");
    g_autoptr(GVariant) missing = mysql_binlog_record_get_value (second, "nope");

    g_assert_nonnull (null);
    g_assert_true (g_variant_is_of_type (null, G_VARIANT_TYPE_MAYBE));
    g_assert_null (g_variant_get_maybe (null));
    g_assert_null (missing);
    g_assert_null (mysql_binlog_record_dup_string (second, "nope"));
  }
  g_object_get (first, "row", &row, NULL);
  g_assert_true (row == mysql_binlog_record_get_row (first));
  g_assert_cmpstr (mysql_binlog_row_get_table (row), ==, "records");
  mysql_binlog_row_unref (row);
}

static void
test_max_items (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogTableModel) model = NULL;
  g_autoptr(Shadow) shadow = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MysqlBinlogRecord) last = NULL;
  guint max = 0;

  test_server_exec (server, "CREATE TABLE tm.bounded (id INT PRIMARY KEY, v INT)");
  start = test_server_master_position (server);
  test_server_exec (server,
                    "INSERT INTO tm.bounded VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5);"
                    /* an update keeps a record's age */
                    "UPDATE tm.bounded SET v = 30 WHERE id = 3;"
                    "INSERT INTO tm.bounded VALUES (6, 6);");

  stream = stream_from (start);
  model = mysql_binlog_table_model_new (stream, "tm.bounded");
  g_object_set (model, "max-items", 3, NULL);
  g_object_get (model, "max-items", &max, NULL);
  g_assert_cmpuint (max, ==, 3);
  shadow = shadow_new (model);
  g_assert_true (run_stream (stream, FALSE, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (shadow->mismatches, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MysqlBinlogRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (record_int (record, "id"), ==, 4 + i);
    }

  /* Lowering the bound evicts at once. */
  mysql_binlog_table_model_set_max_items (model, 1);
  g_assert_cmpuint (shadow->mismatches, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpuint (shadow->items->len, ==, 1);
  last = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (record_int (last, "id"), ==, 6);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 1));
}

static void
check_no_key (gboolean async)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogTableModel) model = NULL;
  g_autoptr(GError) error = NULL;
  const GError *kept;

  start = test_server_master_position (server);
  test_server_exec (server, "INSERT INTO tm.nokey VALUES (1, 2), (3, 4)");

  stream = stream_from (start);
  model = mysql_binlog_table_model_new (stream, "tm.nokey");
  g_assert_false (run_stream (stream, async, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "tm.nokey has no primary key"));
  kept = mysql_binlog_table_model_get_error (model);
  g_assert_nonnull (kept);
  g_assert_cmpstr (kept->message, ==, error->message);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

static void
test_no_key_run (void)
{
  check_no_key (FALSE);
}

static void
test_no_key_run_async (void)
{
  check_no_key (TRUE);
}

/* A minimal after image would make a record of a part of the row. */
static void
test_minimal_image (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogTableModel) model = NULL;
  g_autoptr(GError) error = NULL;

  test_server_exec (server, "CREATE TABLE tm.minimal (id INT PRIMARY KEY, a INT, b INT)");
  test_server_exec (server, "INSERT INTO tm.minimal VALUES (1, 1, 1)");
  start = test_server_master_position (server);
  test_server_exec (server, "SET SESSION binlog_row_image = 'MINIMAL';"
                            "UPDATE tm.minimal SET a = 2 WHERE id = 1;"
                            "SET SESSION binlog_row_image = 'FULL'");

  stream = stream_from (start);
  model = mysql_binlog_table_model_new (stream, "tm.minimal");
  g_assert_false (run_stream (stream, FALSE, &error));
  g_assert_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "binlog_row_image=FULL"));
}

/* The model keeps no stream alive, and outlives it. */
static void
test_weak_stream (void)
{
  MysqlBinlogStream *stream = test_server_new_stream (server);
  g_autoptr(MysqlBinlogTableModel) model = mysql_binlog_table_model_new (stream, "tm.records");
  MysqlBinlogStream *got = NULL;

  g_object_add_weak_pointer (G_OBJECT (stream), (gpointer *) &stream);
  g_object_get (model, "stream", &got, NULL);
  g_assert_true (got == stream);
  g_object_unref (got);
  g_object_unref (stream);
  g_assert_null (stream);
  g_object_get (model, "stream", &got, NULL);
  g_assert_null (got);
  g_assert_cmpstr (mysql_binlog_table_model_get_schema_table (model), ==, "tm.records");

  /* A model dropped before its stream disconnects its handlers. */
  stream = test_server_new_stream (server);
  g_clear_object (&model);
  model = mysql_binlog_table_model_new (stream, "tm.records");
  g_clear_object (&model);
  g_assert_false (g_signal_has_handler_pending (stream,
                                                g_signal_lookup ("rows-inserted",
                                                                 MYSQL_BINLOG_TYPE_STREAM),
                                                g_quark_from_string ("tm.records"), FALSE));
  g_object_unref (stream);
}

/* {{{ Snapshot rows and DDL, through the signals the model looks up */

/* The model connects to rows-read and schema-changed when the stream has
 * them; a stream of a build without them gets stand-ins of the same
 * arguments, which the test emits itself. */
static void
ensure_signals (void)
{
  if (g_signal_lookup ("rows-read", MYSQL_BINLOG_TYPE_STREAM) == 0)
    g_signal_new ("rows-read", MYSQL_BINLOG_TYPE_STREAM, G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, MYSQL_BINLOG_TYPE_ROW);
  if (g_signal_lookup ("schema-changed", MYSQL_BINLOG_TYPE_STREAM) == 0)
    g_signal_new ("schema-changed", MYSQL_BINLOG_TYPE_STREAM,
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING, G_TYPE_STRING);
}

static void
on_row_collect (MysqlBinlogStream *stream,
                MysqlBinlogRow    *row,
                GPtrArray         *rows)
{
  g_ptr_array_add (rows, mysql_binlog_row_ref (row));
}

static char *
snap_text (void)
{
  return test_server_query_value (server, "SELECT GROUP_CONCAT(CONCAT(id, '=', v) ORDER BY id)"
                                          " FROM tm.snap", NULL);
}

static char *
model_ids (MysqlBinlogTableModel *model)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(MysqlBinlogRecord) record = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_ptr_array_add (parts, g_strdup_printf ("%" G_GINT64_FORMAT "=%" G_GINT64_FORMAT,
                                               record_int (record, "id"),
                                               record_int (record, "v")));
    }
  g_ptr_array_sort (parts, compare_strings);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (",", (char **) parts->pdata);
}

static void
test_rows_read (void)
{
  g_autoptr(MysqlBinlogPosition) before = NULL;
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) reader = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(MysqlBinlogTableModel) model = NULL;
  g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_row_unref);
  g_autoptr(Shadow) shadow = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  ensure_signals ();
  test_server_exec (server, "CREATE TABLE tm.snap (id INT PRIMARY KEY, v INT)");
  before = test_server_master_position (server);
  test_server_exec (server, "INSERT INTO tm.snap VALUES (1, 1), (2, 2), (3, 3)");
  start = test_server_master_position (server);
  test_server_exec (server, "UPDATE tm.snap SET v = 20 WHERE id = 2;"
                            "DELETE FROM tm.snap WHERE id = 1;"
                            "INSERT INTO tm.snap VALUES (4, 4)");

  /* The existing rows, as a snapshot would read them. */
  reader = stream_from (before);
  g_signal_connect (reader, "rows-inserted::tm.snap", G_CALLBACK (on_row_collect), existing);
  g_assert_true (run_stream (reader, FALSE, &error));
  g_assert_no_error (error);
  /* 1, 2, 3, and the 4 inserted after start */
  g_assert_cmpuint (existing->len, ==, 4);
  g_ptr_array_set_size (existing, 3);

  stream = stream_from (start);
  model = mysql_binlog_table_model_new (stream, "tm.snap");
  shadow = shadow_new (model);
  for (guint i = 0; i < existing->len; i++)
    g_signal_emit_by_name (stream, "rows-read::tm.snap", g_ptr_array_index (existing, i));
  /* Another table's snapshot rows are not the model's. */
  g_signal_emit_by_name (stream, "rows-read::tm.other", g_ptr_array_index (existing, 0));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  /* A row read again updates its record. */
  g_signal_emit_by_name (stream, "rows-read::tm.snap", g_ptr_array_index (existing, 0));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);

  g_assert_true (run_stream (stream, FALSE, &error));
  g_assert_no_error (error);
  expected = snap_text ();
  actual = model_ids (model);
  g_assert_cmpstr (actual, ==, expected);
  g_assert_cmpuint (shadow->mismatches, ==, 0);
}

static void
test_schema_changed (void)
{
  static const struct {
    const char *statement;
    gboolean    keeps;
  } statements[] = {
    { "ALTER TABLE tm.snap ADD COLUMN w INT", TRUE },
    { "CREATE INDEX v ON tm.snap (v)", TRUE },
    { "DROP INDEX v ON tm.snap", TRUE },
    { "alter table `tm`.`snap` comment 'x'", TRUE },
    { "/* x */ TRUNCATE TABLE tm.snap", FALSE },
    { "ALTER TABLE tm.snap RENAME TO tm.snap2", FALSE },
    { "RENAME TABLE tm.snap TO tm.snap2", FALSE },
    { "DROP TABLE tm.snap", FALSE },
    { "CREATE OR REPLACE TABLE tm.snap (id INT PRIMARY KEY)", FALSE },
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_row_unref);
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) reader = NULL;
  g_autoptr(GError) error = NULL;

  ensure_signals ();
  test_server_exec (server, "CREATE TABLE tm.ddl (id INT PRIMARY KEY, v INT)");
  start = test_server_master_position (server);
  test_server_exec (server, "INSERT INTO tm.ddl VALUES (1, 1), (2, 2)");
  reader = stream_from (start);
  g_signal_connect (reader, "rows-inserted::tm.ddl", G_CALLBACK (on_row_collect), rows);
  g_assert_true (run_stream (reader, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(MysqlBinlogStream) stream = test_server_new_stream (server);
      g_autoptr(MysqlBinlogTableModel) model = mysql_binlog_table_model_new (stream, "tm.ddl");
      g_autoptr(Shadow) shadow = shadow_new (model);

      for (guint r = 0; r < rows->len; r++)
        g_signal_emit_by_name (stream, "rows-inserted::tm.ddl", g_ptr_array_index (rows, r));
      /* Another table's statement changes nothing. */
      g_signal_emit_by_name (stream, "schema-changed::tm.other", "tm.other",
                             "TRUNCATE TABLE tm.other");
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
      g_signal_emit_by_name (stream, "schema-changed::tm.ddl", "tm.ddl", statements[i].statement);
      g_test_message ("%s", statements[i].statement);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==,
                        statements[i].keeps ? 2 : 0);
      g_assert_cmpuint (shadow->mismatches, ==, 0);
      g_assert_cmpuint (shadow->items->len, ==, statements[i].keeps ? 2 : 0);
    }
}

/* }}} */

/* {{{ mysql_binlog_row_changed_columns () */

static void
on_updated_changes (MysqlBinlogStream *stream,
                    MysqlBinlogRow    *before,
                    MysqlBinlogRow    *after,
                    GPtrArray         *changes)
{
  g_auto(GStrv) names = mysql_binlog_row_changed_columns (before, after);

  g_assert_nonnull (names);
  g_ptr_array_add (changes, g_strjoinv (",", names));
}

static void
test_changed_columns (void)
{
  static const char * const expected[] = {
    "v",            /* a value */
    "s",            /* NULL to a value */
    "s",            /* a value to NULL */
    "v",            /* a value again */
    "id,v,s,j",     /* everything at once */
    "b",            /* a byte string */
    "v",            /* minimal images: the after image holds v only */
    "v,s",          /* the statement assigned s its old value */
  };
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  test_server_exec (server, "CREATE TABLE tm.changes (id INT PRIMARY KEY, v INT, s VARCHAR(10),"
                            " j JSON, b VARBINARY(4))");
  test_server_exec (server, "INSERT INTO tm.changes VALUES (1, 1, NULL, '[1]', 'ab')");
  start = test_server_master_position (server);
  test_server_exec (server,
                    "UPDATE tm.changes SET v = 2;"
                    "UPDATE tm.changes SET s = 'x';"
                    "UPDATE tm.changes SET s = NULL;"
                    "UPDATE tm.changes SET v = 3;"
                    "UPDATE tm.changes SET id = 2, v = 4, s = 'y', j = '[2]';"
                    "UPDATE tm.changes SET b = 'ac';"
                    "SET SESSION binlog_row_image = 'MINIMAL';"
                    "UPDATE tm.changes SET v = 5;"
                    "UPDATE tm.changes SET v = 6, s = 'y';"
                    "SET SESSION binlog_row_image = 'FULL'");
  stream = stream_from (start);
  g_signal_connect (stream, "rows-updated::tm.changes", G_CALLBACK (on_updated_changes), changes);
  g_assert_true (run_stream (stream, FALSE, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (changes->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (changes, i), ==, expected[i]);
}

/* The same row image twice: nothing changed. */
static void
on_updated_self (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *before,
                 MysqlBinlogRow    *after,
                 guint             *checked)
{
  g_auto(GStrv) none = mysql_binlog_row_changed_columns (after, after);

  g_assert_nonnull (none);
  g_assert_null (none[0]);
  (*checked)++;
}

static void
test_changed_columns_none (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  start = test_server_master_position (server);
  test_server_exec (server, "UPDATE tm.changes SET v = 7");
  stream = stream_from (start);
  g_signal_connect (stream, "rows-updated::tm.changes", G_CALLBACK (on_updated_self), &checked);
  g_assert_true (run_stream (stream, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (checked, ==, 1);
}

/* }}} */

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/table-model/workload/run", test_workload_run);
  g_test_add_func ("/table-model/workload/run-async", test_workload_run_async);
  g_test_add_func ("/table-model/record-updates", test_record_updates);
  g_test_add_func ("/table-model/max-items", test_max_items);
  g_test_add_func ("/table-model/no-primary-key/run", test_no_key_run);
  g_test_add_func ("/table-model/no-primary-key/run-async", test_no_key_run_async);
  g_test_add_func ("/table-model/minimal-image", test_minimal_image);
  g_test_add_func ("/table-model/weak-stream", test_weak_stream);
  g_test_add_func ("/table-model/rows-read", test_rows_read);
  g_test_add_func ("/table-model/schema-changed", test_schema_changed);
  g_test_add_func ("/row/changed-columns", test_changed_columns);
  g_test_add_func ("/row/changed-columns/none", test_changed_columns_none);

  server = test_server_start (NULL);
  test_server_exec (server, "SET SESSION group_concat_max_len = 16777216;"
                            "CREATE DATABASE tm;"
                            "CREATE TABLE tm.other (id INT PRIMARY KEY, s VARCHAR(8));"
                            "CREATE TABLE tm.nokey (a INT, b INT)");
  ret = g_test_run ();
  test_server_stop (server);
  return ret;
}
