/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Runs a job on a thread of its own and hands what it produces to the
 * main context of a GTask, in order, through a bounded queue.
 *
 * The job pushes items (opaque to the runner) with their cost, the bytes
 * they keep alive; the queue holds at most MYSQL_BINLOG_ASYNC_QUEUE_LENGTH
 * items and MYSQL_BINLOG_ASYNC_QUEUE_BYTES bytes (one item larger than
 * that waits for an empty queue), so push() blocks while the context
 * catches up.  Once the job has returned and every item queued before
 * was delivered, finish() gives the task its result.
 *
 * stop() makes the runner drop what is pushed from then on and wakes a
 * job waiting for room; ending the job itself is the owner's business.
 */

typedef struct _MysqlBinlogAsyncRunner MysqlBinlogAsyncRunner;

#define MYSQL_BINLOG_ASYNC_QUEUE_LENGTH 1024
#define MYSQL_BINLOG_ASYNC_QUEUE_BYTES (16 * 1024 * 1024)

typedef struct
{
  /* On the runner's thread: the job, which pushes its items. */
  gboolean (*run)       (gpointer       owner,
                         GCancellable  *cancellable,
                         GError       **error);
  /* On the task's context, in the order pushed: takes @item. */
  void     (*deliver)   (gpointer       owner,
                         gpointer       item);
  /* Frees an item that is dropped instead of delivered. */
  void     (*free_item) (gpointer       item);
  /* On the thread that cancels the task's cancellable. */
  void     (*cancelled) (gpointer       owner);
  /* On the task's context, after the last delivery and once the thread
   * has ended: turns the job's outcome (@run_error set when !@ok, owned
   * by the runner) into the task's result. */
  gboolean (*finish)    (gpointer       owner,
                         GCancellable  *cancellable,
                         gboolean       ok,
                         GError        *run_error,
                         GError       **error);
} MysqlBinlogAsyncRunnerFuncs;

/* Attaches the runner to the context of @task, which it returns when done;
 * the job starts with start().  @owner is passed to @funcs; @task (whose
 * source object it usually is) must keep it alive. */
MysqlBinlogAsyncRunner *_mysql_binlog_async_runner_new   (const MysqlBinlogAsyncRunnerFuncs *funcs,
                                                          gpointer                           owner,
                                                          GTask                             *task);
void                    _mysql_binlog_async_runner_start (MysqlBinlogAsyncRunner            *runner);
MysqlBinlogAsyncRunner *_mysql_binlog_async_runner_ref   (MysqlBinlogAsyncRunner            *runner);
void                    _mysql_binlog_async_runner_unref (MysqlBinlogAsyncRunner            *runner);
/* On the runner's thread: queues @item, waiting for room.  Takes @item. */
void                    _mysql_binlog_async_runner_push  (MysqlBinlogAsyncRunner            *runner,
                                                          gpointer                           item,
                                                          gsize                              cost);
/* Any thread: drops what is pushed from now on, and wakes push(). */
void                    _mysql_binlog_async_runner_stop  (MysqlBinlogAsyncRunner            *runner);

G_END_DECLS
