/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "test-stream-common.h"

/*
 * Statements, transactions and positions: which signals a run emits, in
 * which order, with which positions, and the detailed signals.
 */

/* {{{ Statements, transactions, positions */

static void
test_insert_update_delete (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(Capture) capture = NULL;
  Signal *s;
  guint n = 0;
  GPtrArray *rows = NULL;

  setup_shop ();
  start = test_server_master_position (server);

  exec ("INSERT INTO shop.orders VALUES (1, 'alice', 10.50, 'new'), "
        "(2, 'bob', 0.99, 'new'), (3, 'carol', NULL, 'paid')");
  exec ("UPDATE shop.orders SET status = 'shipped', total = total + 1 WHERE id IN (1, 2)");
  exec ("DELETE FROM shop.orders WHERE id = 3");
  capture = capture_from (start);

  rows = g_ptr_array_new ();
  for (guint i = 0; i < capture->signals->len; i++)
    {
      s = g_ptr_array_index (capture->signals, i);
      if (s->kind != KIND_POSITION)
        g_ptr_array_add (rows, s);
    }
  g_assert_cmpuint (rows->len, ==, 6);

  s = g_ptr_array_index (rows, n++);
  g_assert_cmpint (s->kind, ==, KIND_INSERT);
  assert_row_values (s->row, "{'id': <int64 1>, 'customer': <'alice'>, 'total': <'10.50'>, "
                             "'status': <'new'>}");
  s = g_ptr_array_index (rows, n++);
  g_assert_cmpint (s->kind, ==, KIND_INSERT);
  assert_row_values (s->row, "{'id': <int64 2>, 'customer': <'bob'>, 'total': <'0.99'>, "
                             "'status': <'new'>}");
  s = g_ptr_array_index (rows, n++);
  g_assert_cmpint (s->kind, ==, KIND_INSERT);
  assert_row_values (s->row, "{'id': <int64 3>, 'customer': <'carol'>, "
                             "'total': <@mv nothing>, 'status': <'paid'>}");

  s = g_ptr_array_index (rows, n++);
  g_assert_cmpint (s->kind, ==, KIND_UPDATE);
  assert_row_values (s->row, "{'id': <int64 1>, 'customer': <'alice'>, 'total': <'10.50'>, "
                             "'status': <'new'>}");
  assert_row_values (s->after, "{'id': <int64 1>, 'customer': <'alice'>, 'total': <'11.50'>, "
                               "'status': <'shipped'>}");
  s = g_ptr_array_index (rows, n++);
  g_assert_cmpint (s->kind, ==, KIND_UPDATE);
  assert_row_values (s->row, "{'id': <int64 2>, 'customer': <'bob'>, 'total': <'0.99'>, "
                             "'status': <'new'>}");
  assert_row_values (s->after, "{'id': <int64 2>, 'customer': <'bob'>, 'total': <'1.99'>, "
                               "'status': <'shipped'>}");

  s = g_ptr_array_index (rows, n++);
  g_assert_cmpint (s->kind, ==, KIND_DELETE);
  assert_row_values (s->row, "{'id': <int64 3>, 'customer': <'carol'>, "
                             "'total': <@mv nothing>, 'status': <'paid'>}");

  g_ptr_array_unref (rows);
}

/* A transaction over two tables: its rows in statement order, no position
 * between them, one after the commit; the last position is the server's. */
static void
test_transaction_positions (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogPosition) after_first = NULL;
  g_autoptr(MysqlBinlogPosition) end = NULL;
  g_autoptr(MysqlBinlogPosition) stream_position = NULL;
  g_autoptr(Capture) capture = NULL;
  g_autoptr(GString) order = g_string_new (NULL);
  g_autoptr(MysqlBinlogStream) stream = NULL;
  Signal *last;

  setup_shop ();
  start = test_server_master_position (server);

  exec ("INSERT INTO shop.audit (note) VALUES ('before')");
  after_first = test_server_master_position (server);
  exec ("BEGIN;"
        "INSERT INTO shop.orders VALUES (10, 'dave', 5.00, 'new'), (11, 'erin', 6.00, 'new');"
        "INSERT INTO shop.items VALUES (10, 'apple', 3), (11, 'pear', 1);"
        "UPDATE shop.orders SET status = 'paid' WHERE id = 10;"
        "DELETE FROM shop.items WHERE order_id = 11;"
        "COMMIT");
  end = test_server_master_position (server);

  stream = new_stream_at (start);
  capture = capture_run (stream);

  /* Record the order: I, U, D for rows (with the table's initial), P for
   * positions. */
  for (guint i = 0; i < capture->signals->len; i++)
    {
      Signal *s = g_ptr_array_index (capture->signals, i);

      switch (s->kind)
        {
        case KIND_INSERT:
          g_string_append_printf (order, "I%c", mysql_binlog_row_get_table (s->row)[0]);
          break;
        case KIND_UPDATE:
          g_string_append_printf (order, "U%c", mysql_binlog_row_get_table (s->row)[0]);
          break;
        case KIND_DELETE:
          g_string_append_printf (order, "D%c", mysql_binlog_row_get_table (s->row)[0]);
          break;
        case KIND_POSITION:
          g_string_append_c (order, 'P');
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_test_message ("signal order: %s", order->str);

  /* Positions may come before the first transaction (the start of the
   * log); after that, exactly one per commit. */
  {
    const char *rows = order->str;

    while (*rows == 'P')
      rows++;
    g_assert_cmpstr (rows, ==, "IaP" "IoIoIiIiUoDiP");
  }

  /* The position after each commit is where the next transaction starts. */
  {
    guint n_positions = 0;
    Signal *first_commit = NULL;

    for (guint i = 0; i < capture->signals->len; i++)
      {
        Signal *s = g_ptr_array_index (capture->signals, i);

        if (s->kind != KIND_POSITION)
          continue;
        if (i > 0 && ((Signal *) g_ptr_array_index (capture->signals, i - 1))->kind == KIND_INSERT
            && first_commit == NULL)
          first_commit = s;
        n_positions++;
      }
    g_assert_nonnull (first_commit);
    g_assert_true (mysql_binlog_position_equal (first_commit->position, after_first));
    g_assert_cmpuint (n_positions, >=, 2);
  }

  last = capture_last_position (capture);
  g_assert_nonnull (last);
  g_assert_cmpstr (mysql_binlog_position_get_file (last->position), ==,
                   mysql_binlog_position_get_file (end));
  g_assert_cmpuint (mysql_binlog_position_get_offset (last->position), ==,
                    mysql_binlog_position_get_offset (end));

  stream_position = mysql_binlog_stream_get_position (stream);
  g_assert_nonnull (stream_position);
  g_assert_true (mysql_binlog_position_equal (stream_position, end));
}

/* The binlog signal sees every event; its positions chain up to the end. */
static void
test_binlog_events (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogPosition) end = NULL;
  g_autoptr(Capture) capture = NULL;
  gboolean seen_table_map = FALSE, seen_write = FALSE, seen_xid = FALSE, seen_query = FALSE;
  MysqlBinlogEvent *last_event = NULL;

  setup_shop ();
  start = test_server_master_position (server);
  exec ("INSERT INTO shop.audit (note) VALUES ('event test')");
  end = test_server_master_position (server);
  capture = capture_from (start);

  g_assert_cmpuint (capture->events->len, >, 0);
  for (guint i = 0; i < capture->events->len; i++)
    {
      MysqlBinlogEvent *event = g_ptr_array_index (capture->events, i);
      g_autofree char *dump = mysql_binlog_event_dump (event);

      g_assert_nonnull (dump);
      g_assert_cmpstr (dump, !=, "");
      g_assert_nonnull (mysql_binlog_event_get_type_name (event));

      switch ((int) mysql_binlog_event_get_event_type (event))
        {
        case MYSQL_BINLOG_EVENT_TABLE_MAP:
          seen_table_map = TRUE;
          g_assert_cmpstr (mysql_binlog_event_get_schema (event), ==, "shop");
          g_assert_cmpstr (mysql_binlog_event_get_table (event), ==, "audit");
          break;
        case MYSQL_BINLOG_EVENT_WRITE_ROWS:
        case MYSQL_BINLOG_EVENT_WRITE_ROWS_V1:
          seen_write = TRUE;
          break;
        case MYSQL_BINLOG_EVENT_XID:
          seen_xid = TRUE;
          break;
        case MYSQL_BINLOG_EVENT_QUERY:
          seen_query = TRUE;
          break;
        default:
          break;
        }

      if (mysql_binlog_event_get_next_position (event) != 0)
        last_event = event;
    }

  g_assert_true (seen_table_map);
  g_assert_true (seen_write);
  g_assert_true (seen_xid);
  (void) seen_query;

  g_assert_nonnull (last_event);
  g_assert_cmpuint (mysql_binlog_event_get_server_id (last_event), ==, 1);
  g_assert_cmpuint (mysql_binlog_event_get_next_position (last_event), ==,
                    mysql_binlog_position_get_offset (end));
}

typedef struct
{
  guint all;
  guint detailed;
  guint detailed_updates;
  guint detailed_deletes;
  gboolean wrong_table;
} DetailCounts;

static void
on_detailed_inserted (MysqlBinlogStream *stream,
                      MysqlBinlogRow    *row,
                      gpointer           user_data)
{
  DetailCounts *counts = user_data;

  counts->detailed++;
  if (!row_is_table (row, "shop", "orders"))
    counts->wrong_table = TRUE;
}

static void
on_detailed_updated (MysqlBinlogStream *stream,
                     MysqlBinlogRow    *before,
                     MysqlBinlogRow    *after,
                     gpointer           user_data)
{
  DetailCounts *counts = user_data;

  counts->detailed_updates++;
  if (!row_is_table (before, "shop", "orders") || !row_is_table (after, "shop", "orders"))
    counts->wrong_table = TRUE;
}

static void
on_detailed_deleted (MysqlBinlogStream *stream,
                     MysqlBinlogRow    *row,
                     gpointer           user_data)
{
  DetailCounts *counts = user_data;

  counts->detailed_deletes++;
  if (!row_is_table (row, "shop", "orders"))
    counts->wrong_table = TRUE;
}

static void
on_any_inserted (MysqlBinlogStream *stream,
                 MysqlBinlogRow    *row,
                 gpointer           user_data)
{
  DetailCounts *counts = user_data;

  counts->all++;
}

static void
test_detailed_signal (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  DetailCounts counts = { 0, };

  setup_shop ();
  start = test_server_master_position (server);
  exec ("BEGIN;"
        "INSERT INTO shop.orders VALUES (20, 'x', 1, 'new'), (21, 'y', 2, 'new');"
        "INSERT INTO shop.items VALUES (20, 'a', 1), (20, 'b', 2), (21, 'c', 3);"
        "INSERT INTO shop.audit (note) VALUES ('n');"
        "UPDATE shop.items SET qty = qty + 1;"
        "UPDATE shop.orders SET total = 3 WHERE id = 20;"
        "DELETE FROM shop.items;"
        "DELETE FROM shop.orders WHERE id = 21;"
        "COMMIT");

  stream = new_stream_at (start);
  g_signal_connect (stream, "rows-inserted::shop.orders", G_CALLBACK (on_detailed_inserted),
                    &counts);
  g_signal_connect (stream, "rows-updated::shop.orders", G_CALLBACK (on_detailed_updated),
                    &counts);
  g_signal_connect (stream, "rows-deleted::shop.orders", G_CALLBACK (on_detailed_deleted),
                    &counts);
  g_signal_connect (stream, "rows-inserted", G_CALLBACK (on_any_inserted), &counts);
  /* A detail nobody writes to. */
  g_signal_connect (stream, "rows-inserted::shop.nothing", G_CALLBACK (on_detailed_inserted),
                    &counts);

  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (counts.wrong_table);
  g_assert_cmpuint (counts.detailed, ==, 2);
  g_assert_cmpuint (counts.detailed_updates, ==, 1);
  g_assert_cmpuint (counts.detailed_deletes, ==, 1);
  g_assert_cmpuint (counts.all, ==, 6);
}

/* A detailed handler alone: the rows of other tables are not even needed. */
static void
test_detailed_signal_only (void)
{
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  DetailCounts counts = { 0, };

  setup_shop ();
  start = test_server_master_position (server);
  exec ("INSERT INTO shop.items VALUES (30, 'a', 1)");
  exec ("INSERT INTO shop.orders VALUES (30, 'z', 1, 'new')");
  exec ("INSERT INTO shop.items VALUES (31, 'b', 1)");

  stream = new_stream_at (start);
  g_signal_connect (stream, "rows-inserted::shop.orders", G_CALLBACK (on_detailed_inserted),
                    &counts);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (counts.wrong_table);
  g_assert_cmpuint (counts.detailed, ==, 1);
}

/* Rows taken from batches alone (no row handler) outlive their batch
 * and each other: every third one is kept to the end, the others are
 * let go at once, and each kept row still has its own values. */
typedef struct
{
  GPtrArray *kept;     /* rows, and after images */
  guint n_rows[3];     /* inserted, updated, deleted */
  guint n_batches;
} KeptRows;

static void
keep_rows (MysqlBinlogRowBatch *batch,
           KeptRows            *kept,
           guint                kind)
{
  guint n = mysql_binlog_row_batch_get_n_rows (batch);

  kept->n_batches++;
  for (guint i = 0; i < n; i++, kept->n_rows[kind]++)
    {
      MysqlBinlogRow *row = mysql_binlog_row_batch_get_row (batch, i);
      MysqlBinlogRow *after = mysql_binlog_row_batch_get_after (batch, i);

      g_assert_true ((after != NULL) == (kind == 1));
      if (kept->n_rows[kind] % 3 != 0)
        continue;
      g_ptr_array_add (kept->kept, mysql_binlog_row_ref (row));
      if (after != NULL)
        g_ptr_array_add (kept->kept, mysql_binlog_row_ref (after));
    }
}

static void
on_kept_inserted (MysqlBinlogStream *stream, MysqlBinlogRowBatch *batch, KeptRows *kept)
{
  keep_rows (batch, kept, 0);
}

static void
on_kept_updated (MysqlBinlogStream *stream, MysqlBinlogRowBatch *batch, KeptRows *kept)
{
  keep_rows (batch, kept, 1);
}

static void
on_kept_deleted (MysqlBinlogStream *stream, MysqlBinlogRowBatch *batch, KeptRows *kept)
{
  keep_rows (batch, kept, 2);
}

static void
test_batch_rows_kept (void)
{
  const guint n = 3000;
  g_autoptr(MysqlBinlogPosition) start = NULL;
  g_autoptr(MysqlBinlogStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *insert = NULL;
  KeptRows kept = { g_ptr_array_new_with_free_func ((GDestroyNotify) mysql_binlog_row_unref), };
  guint k = 0;

  setup_shop ();
  start = test_server_master_position (server);
  insert = g_strdup_printf ("INSERT INTO shop.items SELECT seq, CONCAT('sku-', seq), seq "
                            "FROM test.seq_0_to_%u", n - 1);
  exec (insert);
  exec ("UPDATE shop.items SET qty = qty + 100000, sku = CONCAT(sku, '-u')");
  exec ("DELETE FROM shop.items");

  stream = new_stream_at (start);
  g_signal_connect (stream, "rows-inserted-batch::shop.items", G_CALLBACK (on_kept_inserted),
                    &kept);
  g_signal_connect (stream, "rows-updated-batch::shop.items", G_CALLBACK (on_kept_updated),
                    &kept);
  g_signal_connect (stream, "rows-deleted-batch::shop.items", G_CALLBACK (on_kept_deleted),
                    &kept);
  g_assert_true (mysql_binlog_stream_run (stream, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&stream);

  g_assert_cmpuint (kept.n_rows[0], ==, n);
  g_assert_cmpuint (kept.n_rows[1], ==, n);
  g_assert_cmpuint (kept.n_rows[2], ==, n);
  /* Several rows events each, so several blocks of rows. */
  g_assert_cmpuint (kept.n_batches, >, 6);
  g_assert_cmpuint (kept.kept->len, ==, 4 * ((n + 2) / 3));

  /* In binlog order: the inserted rows, the updates (before, after),
   * the deleted rows, every third of each. */
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; i < n; i += 3)
      {
        MysqlBinlogRow *row = g_ptr_array_index (kept.kept, k++);
        g_autofree char *sku = mysql_binlog_row_dup_string (row, 1);
        g_autofree char *expected = g_strdup_printf ("sku-%u%s", i, pass == 2 ? "-u" : "");

        g_assert_cmpstr (mysql_binlog_row_get_table (row), ==, "items");
        g_assert_cmpint (mysql_binlog_row_get_int64 (row, 0), ==, i);
        g_assert_cmpstr (sku, ==, expected);
        g_assert_cmpuint (mysql_binlog_row_get_uint64 (row, 2), ==, pass == 2 ? i + 100000 : i);
        if (pass == 1)
          {
            MysqlBinlogRow *after = g_ptr_array_index (kept.kept, k++);
            g_autofree char *after_sku = mysql_binlog_row_dup_string (after, 1);
            g_autofree char *after_expected = g_strdup_printf ("sku-%u-u", i);

            g_assert_cmpint (mysql_binlog_row_get_int64 (after, 0), ==, i);
            g_assert_cmpstr (after_sku, ==, after_expected);
            g_assert_cmpuint (mysql_binlog_row_get_uint64 (after, 2), ==, i + 100000);
          }
      }
  g_assert_cmpuint (k, ==, kept.kept->len);
  g_ptr_array_unref (kept.kept);
}

/* }}} */

void
test_stream_rows_add (void)
{
  g_test_add_func ("/stream/rows/insert-update-delete", test_insert_update_delete);
  g_test_add_func ("/stream/rows/transaction-positions", test_transaction_positions);
  g_test_add_func ("/stream/rows/binlog-events", test_binlog_events);
  g_test_add_func ("/stream/rows/detailed-signal", test_detailed_signal);
  g_test_add_func ("/stream/rows/detailed-signal-only", test_detailed_signal_only);
  g_test_add_func ("/stream/rows/batch-rows-kept", test_batch_rows_kept);
}
