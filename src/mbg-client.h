/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mysqlbinlog-glib.h>

#include "mbg-option-files.h"
#include "mysql-binlog-tls-options-private.h"

G_BEGIN_DECLS

/*
 * The one part of the program that uses the client library itself, for
 * what the stream does not offer: reading the option files as the client
 * library reads them, and the oldest binary log for --from-beginning.
 * Nothing else in the program sees the client library's headers.
 */

/* The tool's own connection, set as the stream's. */
typedef struct
{
  const char            *host;
  guint                  port;
  const char            *socket_path;     /* wins over host and port */
  const char            *user;
  const char            *password;
  guint                  connect_timeout; /* seconds, 0 = none */
  MysqlBinlogTlsOptions  tls;
} MbgClientSettings;

gboolean  mbg_client_stops_at_bad_option_lines (void);
gboolean  mbg_client_read_option_files         (const char              *defaults_file,
                                                const char              *group,
                                                MbgOptionFiles          *files,
                                                const char             **unsupported,
                                                GError                 **error);
char     *mbg_client_dup_oldest_binlog         (const MbgClientSettings *settings,
                                                GError                 **error);

G_END_DECLS
