/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mysql-binlog-source-private.h"

G_BEGIN_DECLS

/*
 * A replica connection to a server as a source of events: connecting,
 * checking the server's binary log settings, the replica handshake and
 * the dump request from where the tracker says (the client library's
 * differences stay in the transport).
 */

typedef struct
{
  const MysqlBinlogConnectOptions *options;
  guint32   server_id;
  gboolean  blocking;
  guint     heartbeat_period;   /* ms, 0: none */
} MysqlBinlogServerSettings;

/* Does not connect yet: open() does, and interrupt() may be called
 * before (the source then fails at once). */
MysqlBinlogSource *_mysql_binlog_server_source_new  (void);
/* Connects and starts the dump where @tracker says.  @checksum: whether
 * the server's events carry a CRC32. */
gboolean           _mysql_binlog_server_source_open (MysqlBinlogSource               *source,
                                                     const MysqlBinlogServerSettings *settings,
                                                     MysqlBinlogTracker              *tracker,
                                                     gboolean                        *checksum,
                                                     gboolean                        *moved,
                                                     GError                         **error);

G_END_DECLS
