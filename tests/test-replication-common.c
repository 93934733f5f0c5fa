/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <mysql.h>

#include "test-replication-common.h"

static MYSQL *
writer_connect (Writer *writer)
{
  while (!g_atomic_int_get (&writer->stop))
    {
      MYSQL *conn = mysql_init (NULL);
      unsigned int timeout = 5;

      mysql_options (conn, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
      mysql_options (conn, MYSQL_OPT_READ_TIMEOUT, &timeout);
      if (mysql_real_connect (conn, NULL, "root", "", NULL, 0, writer->socket, 0) != NULL)
        return conn;
      mysql_close (conn);
      g_usleep (50000);
    }
  return NULL;
}

static gboolean
writer_query (MYSQL      *conn,
              const char *sql)
{
  if (mysql_query (conn, sql) != 0)
    return FALSE;
  mysql_free_result (mysql_store_result (conn));
  return TRUE;
}

/* After an error: did the transaction starting at @first commit? */
static gboolean
writer_committed (MYSQL  *conn,
                  Writer *writer,
                  gint64  first,
                  gboolean *known)
{
  g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM %s WHERE id = %" G_GINT64_FORMAT,
                                          writer->table, first);
  MYSQL_RES *result;
  MYSQL_ROW row;
  gboolean committed = FALSE;

  *known = FALSE;
  if (mysql_query (conn, sql) != 0 || (result = mysql_store_result (conn)) == NULL)
    return FALSE;
  row = mysql_fetch_row (result);
  if (row != NULL && row[0] != NULL)
    {
      committed = g_ascii_strtoll (row[0], NULL, 10) > 0;
      *known = TRUE;
    }
  mysql_free_result (result);
  return committed;
}

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  MYSQL *conn = NULL;
  gint64 next = 1;

  while (!g_atomic_int_get (&writer->stop))
    {
      gboolean ok = TRUE;

      if (conn == NULL && (conn = writer_connect (writer)) == NULL)
        break;

      ok = writer_query (conn, "BEGIN");
      for (guint i = 0; ok && i < writer->rows_per_txn; i++)
        {
          g_autofree char *sql = g_strdup_printf ("INSERT INTO %s VALUES (%" G_GINT64_FORMAT ", %"
                                                  G_GINT64_FORMAT ")", writer->table, next + i,
                                                  (next - 1) / writer->rows_per_txn + 1);
          ok = writer_query (conn, sql);
        }
      ok = ok && writer_query (conn, "COMMIT");

      if (!ok)
        {
          gboolean known = FALSE, committed = FALSE;

          writer->errors++;
          g_clear_pointer (&conn, mysql_close);
          /* Find out whether the COMMIT made it before the connection broke. */
          while (!known && !g_atomic_int_get (&writer->stop))
            {
              if ((conn = writer_connect (writer)) == NULL)
                break;
              committed = writer_committed (conn, writer, next, &known);
              if (!known)
                g_clear_pointer (&conn, mysql_close);
            }
          if (!known)
            break;
          if (!committed)
            continue;
        }

      next += writer->rows_per_txn;
      g_atomic_int_set (&writer->committed, (gint) (next - 1));
      if (writer->pause_us > 0)
        g_usleep (writer->pause_us);
    }

  g_clear_pointer (&conn, mysql_close);
  return NULL;
}

Writer *
writer_start (TestServer *server,
              const char *table,
              guint       rows_per_txn,
              gulong      pause_us)
{
  Writer *writer = g_new0 (Writer, 1);

  writer->socket = g_strdup (test_server_get_socket (server));
  writer->table = g_strdup (table);
  writer->rows_per_txn = rows_per_txn;
  writer->pause_us = pause_us;
  writer->thread = g_thread_new ("writer", writer_thread, writer);
  return writer;
}

/* Stops the writer; returns the highest id it committed. */
gint64
writer_stop (Writer *writer)
{
  gint64 committed;

  g_atomic_int_set (&writer->stop, 1);
  g_thread_join (writer->thread);
  committed = g_atomic_int_get (&writer->committed);
  g_free (writer->socket);
  g_free (writer->table);
  g_free (writer);
  return committed;
}

gint64
writer_committed_now (Writer *writer)
{
  return g_atomic_int_get (&writer->committed);
}

/* Kills the replica connection (the binlog dump thread) of the server,
 * waiting up to @timeout_s seconds for one to exist. */
gboolean
kill_dump_thread (TestServer *server,
                  guint       timeout_s)
{
  g_autofree char *id = test_server_kill_dump_thread (server, timeout_s);

  return id != NULL;
}

/* Kills the binlog dump thread through a connection of its own (from a
 * handler, on the reading thread). */
gboolean
kill_dump_thread_from (const char *socket)
{
  MYSQL *conn = mysql_init (NULL);
  MYSQL_RES *result = NULL;
  MYSQL_ROW row;
  gboolean killed = FALSE;

  if (mysql_real_connect (conn, NULL, "root", "", NULL, 0, socket, 0) != NULL &&
      mysql_query (conn, "SELECT ID FROM information_schema.PROCESSLIST "
                         "WHERE COMMAND LIKE 'Binlog Dump%'") == 0 &&
      (result = mysql_store_result (conn)) != NULL &&
      (row = mysql_fetch_row (result)) != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("KILL CONNECTION %s", row[0]);

      killed = mysql_query (conn, sql) == 0;
    }
  if (result != NULL)
    mysql_free_result (result);
  mysql_close (conn);
  return killed;
}

void
reader_on_inserted (MysqlBinlogStream *stream,
                    MysqlBinlogRow    *row,
                    Reader            *reader)
{
  gint64 id = mysql_binlog_row_get_int64 (row, 0);
  gpointer key = GSIZE_TO_POINTER (id);

  g_mutex_lock (&reader->lock);
  g_hash_table_insert (reader->counts, key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (reader->counts, key)) + 1));
  if (id <= reader->last)
    reader->out_of_order++;
  reader->last = id;
  reader->received++;
  reader->rows_since_position++;
  g_mutex_unlock (&reader->lock);
}

void
reader_on_big_inserted (MysqlBinlogStream *stream,
                        MysqlBinlogRow    *row,
                        Reader            *reader)
{
  gint64 id = mysql_binlog_row_get_int64 (row, 0);
  gpointer key = GSIZE_TO_POINTER (id);

  g_mutex_lock (&reader->lock);
  g_hash_table_insert (reader->big_counts, key,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (reader->big_counts, key)) + 1));
  reader->rows_since_position++;
  g_mutex_unlock (&reader->lock);

  /* The server cannot have sent the whole transaction yet: the
   * connection breaks in its middle. */
  if (id == reader->kill_at)
    reader->killed_mid_transaction = kill_dump_thread_from (reader->socket);
}

void
reader_on_position (MysqlBinlogStream   *stream,
                    MysqlBinlogPosition *position,
                    Reader              *reader)
{
  g_mutex_lock (&reader->lock);
  reader->rows_since_position = 0;
  g_mutex_unlock (&reader->lock);
}

void
reader_on_reconnecting (MysqlBinlogStream *stream,
                        guint              attempt,
                        guint              delay,
                        GError            *error,
                        Reader            *reader)
{
  g_assert_nonnull (error);
  g_assert_cmpuint (attempt, >=, 1);
  g_mutex_lock (&reader->lock);
  reader->reconnects++;
  if (reader->rows_since_position > 0)
    reader->mid_transaction_breaks++;
  g_mutex_unlock (&reader->lock);
  g_test_message ("reconnecting (attempt %u, in %u ms): %s", attempt, delay, error->message);
}

gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;

  reader->ok = mysql_binlog_stream_run (reader->stream, NULL, &reader->error);
  return NULL;
}

guint
reader_distinct (Reader *reader)
{
  guint n;

  g_mutex_lock (&reader->lock);
  n = g_hash_table_size (reader->counts);
  g_mutex_unlock (&reader->lock);
  return n;
}

static void test_store_iface_init (MysqlBinlogPositionStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestStore, test_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MYSQL_BINLOG_TYPE_POSITION_STORE,
                                                      test_store_iface_init))

static void
test_store_finalize (GObject *object)
{
  g_clear_pointer (&TEST_STORE (object)->saved, mysql_binlog_position_unref);
  G_OBJECT_CLASS (test_store_parent_class)->finalize (object);
}

static void
test_store_class_init (TestStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_store_finalize;
}

static void
test_store_init (TestStore *self)
{
}

static MysqlBinlogPosition *
test_store_load (MysqlBinlogPositionStore  *store,
                 GCancellable              *cancellable,
                 GError                   **error)
{
  TestStore *self = TEST_STORE (store);

  return self->saved != NULL ? mysql_binlog_position_ref (self->saved) : NULL;
}

static gboolean
test_store_save (MysqlBinlogPositionStore  *store,
                 MysqlBinlogPosition       *position,
                 GCancellable              *cancellable,
                 GError                   **error)
{
  TestStore *self = TEST_STORE (store);

  g_atomic_int_inc (&self->saves);
  if (*self->rows % self->rows_per_txn != 0)
    self->mid_transaction_saves++;
  g_clear_pointer (&self->saved, mysql_binlog_position_unref);
  self->saved = mysql_binlog_position_ref (position);
  return TRUE;
}

static void
test_store_iface_init (MysqlBinlogPositionStoreInterface *iface)
{
  iface->load = test_store_load;
  iface->save = test_store_save;
}

/* A rows-inserted handler that counts the rows in @rows. */
void
count_row (MysqlBinlogStream *stream,
           MysqlBinlogRow    *row,
           guint             *rows)
{
  (*rows)++;
}
