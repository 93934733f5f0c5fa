/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-sink-private.h"

G_BEGIN_DECLS

/*
 * The reconnect policy of a stream that reads a server: which errors are
 * worth connecting again for, and how long to wait before an attempt.
 */

/* Whether connecting again may help: a lost or refused connection, a
 * server that shuts down or killed our connection.  A refusal that the
 * next attempt would get again (credentials, a locked account, a missing
 * privilege, a purged binary log, an error the stream itself found in the
 * binary log) is permanent: it ends the run. */
gboolean _mysql_binlog_supervisor_error_is_transient (const GError *error);

/* The wait before attempt @attempt (1 for the first): @delay doubled at
 * each attempt, at most @max_delay (milliseconds). */
guint    _mysql_binlog_supervisor_backoff            (guint         attempt,
                                                      guint         delay,
                                                      guint         max_delay);

/* What the supervisor drives: one connection read to its end (@progressed:
 * whether it passed a new transaction boundary), closing it, and a wait
 * before the next that stop() cuts short.  The run provides them, so the
 * supervisor knows nothing of what a connection reads. */
typedef struct
{
  gboolean (*connection) (gpointer   data,
                          gboolean  *progressed,
                          GError   **error);
  void     (*close)      (gpointer   data);
  void     (*wait)       (gpointer   data,
                          guint      delay_ms);
} MysqlBinlogSupervisedFuncs;

/* The reconnect-* settings of the run. */
typedef struct
{
  gint  attempts;        /* -1: for ever */
  guint delay;           /* ms, before the first attempt */
  guint max_delay;       /* ms */
} MysqlBinlogReconnectPolicy;

/* Reads connection after connection through @funcs, connecting again
 * after a transient error as @policy says; a permanent one ends the run.
 * @sink is told of each reconnection and asked whether to stop. */
gboolean _mysql_binlog_supervisor_run                (const MysqlBinlogSupervisedFuncs *funcs,
                                                      gpointer                          data,
                                                      const MysqlBinlogReconnectPolicy *policy,
                                                      const MysqlBinlogSink            *sink,
                                                      GError                          **error);

G_END_DECLS
