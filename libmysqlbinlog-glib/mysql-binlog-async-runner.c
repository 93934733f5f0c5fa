/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-async-runner-private.h"

/* Items handled per dispatch at most, and the time they may take, so that
 * the main loop stays responsive (a frame lasts 16 ms). */
#define BATCH 256
#define BATCH_USEC 8000

/* A job waiting for room is woken once the queue has drained to half of
 * both of its bounds, not as soon as one item leaves it: woken at every
 * item, a job that outpaces the context would sleep and wake once per
 * item, two context switches an item. */
#define LOW_LENGTH (MYSQL_BINLOG_ASYNC_QUEUE_LENGTH / 2)
#define LOW_BYTES (MYSQL_BINLOG_ASYNC_QUEUE_BYTES / 2)

typedef struct
{
  gpointer item;
  gsize    cost;
} Entry;

struct _MysqlBinlogAsyncRunner
{
  gatomicrefcount ref_count;
  const MysqlBinlogAsyncRunnerFuncs *funcs;
  gpointer owner;
  GTask *task;
  GSource *source;
  GThread *thread;
  GCancellable *cancellable;
  gulong cancel_id;

  GMutex lock;
  GCond space;
  /* A ring: push() waits while it is full, so it never overflows. */
  Entry entries[MYSQL_BINLOG_ASYNC_QUEUE_LENGTH];
  guint head;
  guint length;
  gsize queued_bytes;
  gboolean waiting;  /* push() waits for room */
  gboolean stopping;
  /* The job returned, with this outcome. */
  gboolean ended;
  gboolean ok;
  GError *error;
};

static gboolean
runner_source_dispatch (GSource     *source,
                        GSourceFunc  callback,
                        gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs runner_source_funcs = {
  .dispatch = runner_source_dispatch,
};

MysqlBinlogAsyncRunner *
_mysql_binlog_async_runner_ref (MysqlBinlogAsyncRunner *runner)
{
  g_atomic_ref_count_inc (&runner->ref_count);
  return runner;
}

void
_mysql_binlog_async_runner_unref (MysqlBinlogAsyncRunner *runner)
{
  if (!g_atomic_ref_count_dec (&runner->ref_count))
    return;
  for (; runner->length > 0; runner->length--)
    {
      runner->funcs->free_item (runner->entries[runner->head].item);
      runner->head = (runner->head + 1) % MYSQL_BINLOG_ASYNC_QUEUE_LENGTH;
    }
  g_mutex_clear (&runner->lock);
  g_cond_clear (&runner->space);
  g_clear_error (&runner->error);
  g_clear_object (&runner->cancellable);
  g_clear_object (&runner->task);
  g_free (runner);
}

void
_mysql_binlog_async_runner_stop (MysqlBinlogAsyncRunner *runner)
{
  g_mutex_lock (&runner->lock);
  runner->stopping = TRUE;
  g_cond_broadcast (&runner->space);
  g_mutex_unlock (&runner->lock);
}

void
_mysql_binlog_async_runner_push (MysqlBinlogAsyncRunner *runner,
                                 gpointer                item,
                                 gsize                   cost)
{
  gboolean was_empty;

  g_mutex_lock (&runner->lock);
  while (!runner->stopping &&
         (runner->length >= MYSQL_BINLOG_ASYNC_QUEUE_LENGTH ||
          (runner->length > 0 &&
           runner->queued_bytes + cost > MYSQL_BINLOG_ASYNC_QUEUE_BYTES)))
    {
      runner->waiting = TRUE;
      g_cond_wait (&runner->space, &runner->lock);
    }
  runner->waiting = FALSE;
  if (runner->stopping)
    {
      g_mutex_unlock (&runner->lock);
      runner->funcs->free_item (item);
      return;
    }
  was_empty = runner->length == 0;
  runner->entries[(runner->head + runner->length) % MYSQL_BINLOG_ASYNC_QUEUE_LENGTH] =
    (Entry) { item, cost };
  runner->length++;
  runner->queued_bytes += cost;
  if (was_empty)
    g_source_set_ready_time (runner->source, 0);
  g_mutex_unlock (&runner->lock);
}

/* Everything was delivered and the thread ended: the task's result. */
static void
runner_finish (MysqlBinlogAsyncRunner *runner)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = g_steal_pointer (&runner->task);
  gboolean ok;

  if (runner->cancel_id != 0)
    g_cancellable_disconnect (runner->cancellable, runner->cancel_id);
  runner->cancel_id = 0;
  g_thread_join (g_steal_pointer (&runner->thread));
  ok = runner->funcs->finish (runner->owner, runner->cancellable, runner->ok, runner->error,
                             &error);
  g_source_destroy (runner->source);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
runner_dispatch (gpointer user_data)
{
  MysqlBinlogAsyncRunner *runner = user_data;
  gint64 until = g_get_monotonic_time () + BATCH_USEC;

  for (guint n = 0; n < BATCH && g_get_monotonic_time () < until; n++)
    {
      Entry entry;

      g_mutex_lock (&runner->lock);
      if (runner->waiting &&
          (runner->length == 0 ||
           (runner->length <= LOW_LENGTH && runner->queued_bytes <= LOW_BYTES)))
        {
          runner->waiting = FALSE;
          g_cond_signal (&runner->space);
        }
      if (runner->length == 0)
        {
          gboolean ended = runner->ended;

          if (!ended)
            g_source_set_ready_time (runner->source, -1);
          g_mutex_unlock (&runner->lock);
          if (!ended)
            return G_SOURCE_CONTINUE;
          runner_finish (runner);
          return G_SOURCE_REMOVE;
        }
      entry = runner->entries[runner->head];
      runner->head = (runner->head + 1) % MYSQL_BINLOG_ASYNC_QUEUE_LENGTH;
      runner->length--;
      runner->queued_bytes -= entry.cost;
      g_mutex_unlock (&runner->lock);

      runner->funcs->deliver (runner->owner, entry.item);
    }

  return G_SOURCE_CONTINUE;
}

static gpointer
runner_thread (gpointer user_data)
{
  MysqlBinlogAsyncRunner *runner = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = runner->funcs->run (runner->owner, runner->cancellable, &error);

  g_mutex_lock (&runner->lock);
  runner->ended = TRUE;
  runner->ok = ok;
  runner->error = g_steal_pointer (&error);
  g_source_set_ready_time (runner->source, 0);
  g_mutex_unlock (&runner->lock);

  _mysql_binlog_async_runner_unref (runner);
  return NULL;
}

static void
runner_on_cancelled (GCancellable           *cancellable,
                     MysqlBinlogAsyncRunner *runner)
{
  runner->funcs->cancelled (runner->owner);
}

MysqlBinlogAsyncRunner *
_mysql_binlog_async_runner_new (const MysqlBinlogAsyncRunnerFuncs *funcs,
                                gpointer                           owner,
                                GTask                             *task)
{
  MysqlBinlogAsyncRunner *runner = g_new0 (MysqlBinlogAsyncRunner, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  g_atomic_ref_count_init (&runner->ref_count);
  g_mutex_init (&runner->lock);
  g_cond_init (&runner->space);
  runner->funcs = funcs;
  runner->owner = owner;
  runner->task = g_object_ref (task);
  runner->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  runner->source = g_source_new (&runner_source_funcs, sizeof (GSource));
  g_source_set_callback (runner->source, runner_dispatch,
                         _mysql_binlog_async_runner_ref (runner),
                         (GDestroyNotify) _mysql_binlog_async_runner_unref);
  g_source_set_priority (runner->source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (runner->source, "MysqlBinlogStream");
  g_source_set_ready_time (runner->source, -1);
  g_source_attach (runner->source, g_task_get_context (task));
  g_source_unref (runner->source);

  return runner;
}

void
_mysql_binlog_async_runner_start (MysqlBinlogAsyncRunner *runner)
{
  if (runner->cancellable != NULL)
    runner->cancel_id = g_cancellable_connect (runner->cancellable,
                                               G_CALLBACK (runner_on_cancelled),
                                               runner, NULL);
  runner->thread = g_thread_new ("mysql-binlog", runner_thread,
                                 _mysql_binlog_async_runner_ref (runner));
}
