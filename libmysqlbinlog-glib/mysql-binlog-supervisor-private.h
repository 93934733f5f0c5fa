/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-run-private.h"

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

/* Reads the server of @run, connecting again after a transient error as
 * the reconnect-* settings say; a permanent one ends the run. */
gboolean _mysql_binlog_supervisor_run                (MysqlBinlogRun *run,
                                                      GError        **error);

G_END_DECLS
