/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mysqlbinlog-glib.h>

#include "test-server.h"
#include "test-util.h"

G_BEGIN_DECLS

/*
 * What the replication tests share (test-reconnect, test-checkpoint,
 * test-async-runner): a writer thread of numbered rows that survives a
 * server restart, a reader that counts the rows a stream receives, and
 * ways to break the replica connection.
 */

/* A writer thread: transactions of @rows_per_txn rows, one INSERT each,
 * numbered from 1.  It survives a server restart: after an error it
 * connects again and checks whether the transaction committed. */
typedef struct
{
  char *socket;
  char *table;
  guint rows_per_txn;
  gulong pause_us;
  gint stop;
  gint committed;     /* the highest id committed, atomic */
  guint errors;
  GThread *thread;
} Writer;

typedef struct
{
  GMutex lock;
  GHashTable *counts;   /* id -> times received */
  gint64 last;
  guint received;
  guint out_of_order;
  guint reconnects;
  MysqlBinlogStream *stream;
  gboolean ok;
  GError *error;
  /* When this row arrives, the handler kills the replica connection
   * itself: a break in the middle of a transaction, for sure. */
  gint64 kill_at;
  char *socket;
  gboolean killed_mid_transaction;
  GHashTable *big_counts;   /* rows of the one large transaction */
  guint rows_since_position;
  guint mid_transaction_breaks;
} Reader;

Writer   *writer_start           (TestServer *server,
                                  const char *table,
                                  guint rows_per_txn,
                                  gulong pause_us);
gint64    writer_stop            (Writer *writer);
gint64    writer_committed_now   (Writer *writer);
gboolean  kill_dump_thread       (TestServer *server,
                                  guint timeout_s);
gboolean  kill_dump_thread_from  (const char *socket);
void      reader_on_inserted     (MysqlBinlogStream *stream,
                                  MysqlBinlogRow *row,
                                  Reader *reader);
void      reader_on_big_inserted (MysqlBinlogStream *stream,
                                  MysqlBinlogRow *row,
                                  Reader *reader);
void      reader_on_position     (MysqlBinlogStream *stream,
                                  MysqlBinlogPosition *position,
                                  Reader *reader);
void      reader_on_reconnecting (MysqlBinlogStream *stream,
                                  guint attempt,
                                  guint delay,
                                  GError *error,
                                  Reader *reader);
gpointer  reader_thread          (gpointer data);
guint     reader_distinct        (Reader *reader);
void      count_row              (MysqlBinlogStream *stream,
                                  MysqlBinlogRow *row,
                                  guint *rows);


/* A store in memory that checks when it is saved: only at transaction
 * boundaries, after the handlers of the transaction's rows returned. */
#define TEST_TYPE_STORE (test_store_get_type ())
G_DECLARE_FINAL_TYPE (TestStore, test_store, TEST, STORE, GObject)

struct _TestStore
{
  GObject parent_instance;
  MysqlBinlogPosition *saved;
  guint *rows;            /* rows the handlers have seen */
  guint rows_per_txn;
  gint saves;
  guint mid_transaction_saves;
};

G_END_DECLS
