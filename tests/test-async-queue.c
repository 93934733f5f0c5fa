/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The queue of run_async() (mysql-binlog-async-runner.c) on its own: a job
 * that produces faster than the main context delivers gets every item
 * there, in order, and waits for room in a few long sleeps rather than
 * once per item.
 */

#define _GNU_SOURCE  /* RUSAGE_THREAD */
#include "config.h"

#include <sys/resource.h>

#include "mysql-binlog-async-runner-private.h"

#define N_ITEMS 20000

typedef struct
{
  guint next;          /* the item deliver() expects */
  guint out_of_order;
  glong switches;      /* the job's voluntary context switches */
  gboolean done;
  gboolean ok;
} Queue;

static glong
thread_voluntary_switches (void)
{
#ifdef RUSAGE_THREAD
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_THREAD, &usage), ==, 0);
  return usage.ru_nvcsw;
#else
  return -1;
#endif
}

static gboolean
job_run (gpointer       owner,
         GCancellable  *cancellable,
         GError       **error)
{
  Queue *queue = owner;
  MysqlBinlogAsyncRunner *runner = g_object_get_data (G_OBJECT (cancellable), "runner");
  glong before = thread_voluntary_switches ();

  for (guint i = 1; i <= N_ITEMS; i++)
    _mysql_binlog_async_runner_push (runner, GUINT_TO_POINTER (i), 64);
  queue->switches = thread_voluntary_switches () - before;
  return TRUE;
}

static void
job_deliver (gpointer owner,
             gpointer item)
{
  Queue *queue = owner;
  gint64 until = g_get_monotonic_time () + 2;

  if (GPOINTER_TO_UINT (item) != ++queue->next)
    queue->out_of_order++;
  /* A handler slower than the job. */
  while (g_get_monotonic_time () < until)
    ;
}

static void
job_free_item (gpointer item)
{
}

static void
job_cancelled (gpointer owner)
{
}

static gboolean
job_finish (gpointer       owner,
            GCancellable  *cancellable,
            gboolean       ok,
            GError        *run_error,
            GError       **error)
{
  return ok;
}

static const MysqlBinlogAsyncRunnerFuncs job_funcs = {
  .run = job_run,
  .deliver = job_deliver,
  .free_item = job_free_item,
  .cancelled = job_cancelled,
  .finish = job_finish,
};

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Queue *queue = data;

  queue->ok = g_task_propagate_boolean (G_TASK (result), NULL);
  queue->done = TRUE;
}

static void
test_queue_slow_consumer (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  MysqlBinlogAsyncRunner *runner;
  Queue queue = { 0, };

  task = g_task_new (NULL, cancellable, on_done, &queue);
  runner = _mysql_binlog_async_runner_new (&job_funcs, &queue, task);
  /* The job finds its runner through the cancellable it is given. */
  g_object_set_data (G_OBJECT (cancellable), "runner", runner);
  _mysql_binlog_async_runner_start (runner);
  g_clear_object (&task);
  while (!queue.done)
    g_main_context_iteration (NULL, TRUE);
  _mysql_binlog_async_runner_unref (runner);

  g_assert_true (queue.ok);
  g_assert_cmpuint (queue.next, ==, N_ITEMS);
  g_assert_cmpuint (queue.out_of_order, ==, 0);
  /* The queue holds MYSQL_BINLOG_ASYNC_QUEUE_LENGTH items: the job waits
   * about N_ITEMS / (half of that) times, not once per item. */
  if (queue.switches < 0)
    {
      g_test_skip ("no per-thread context switch count (RUSAGE_THREAD) here");
      return;
    }
  g_test_message ("the job slept %ld times for %d items", queue.switches, N_ITEMS);
  g_assert_cmpint (queue.switches, <, N_ITEMS / 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/async-queue/slow-consumer", test_queue_slow_consumer);
  return g_test_run ();
}
