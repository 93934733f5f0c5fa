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

/* }}} */

void
test_stream_rows_add (void)
{
  g_test_add_func ("/stream/rows/insert-update-delete", test_insert_update_delete);
  g_test_add_func ("/stream/rows/transaction-positions", test_transaction_positions);
  g_test_add_func ("/stream/rows/binlog-events", test_binlog_events);
  g_test_add_func ("/stream/rows/detailed-signal", test_detailed_signal);
  g_test_add_func ("/stream/rows/detailed-signal-only", test_detailed_signal_only);
}
