/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mysqlbinlog-glib.h>

#include "mysql-binlog-tls-options-private.h"

G_BEGIN_DECLS

#define MBG_PROGRAM "mysqlbinlog-glib"

typedef enum
{
  MBG_FORMAT_TEXT,
  MBG_FORMAT_JSON,
} MbgFormat;

/* The settings of a run: the command line over the option files, over
 * $MYSQL_PWD and the defaults. */
typedef struct
{
  MbgFormat              format;

  /* The server */
  char                  *host;
  guint                  port;
  char                  *socket_path;
  char                  *user;
  char                  *password;
  guint                  connect_timeout;     /* seconds, 0 = none */
  int                    reconnect_attempts;  /* -1 = for ever */
  MysqlBinlogTlsOptions  tls;
  guint                  server_id;

  /* Where to start */
  char                  *start;
  char                  *start_gtid;
  gboolean               from_beginning;
  gboolean               non_blocking;
  char                  *file;
  char                  *position_file;
  /* Table definitions */
  MysqlBinlogSchemaUnknown schema_unknown;
  char                  *schema_source;       /* --file: a saved .schema-history */
  gboolean               schema_from_server;  /* --file: the connection options' server */

  /* Filters, as the stream's properties take them */
  GStrv                  only_tables;
  GStrv                  ignored_tables;
  GStrv                  only_schemas;
  GStrv                  ignored_schemas;

  /* Snapshots */
  MysqlBinlogSnapshotMode snapshot;
  GStrv                  snapshot_tables;   /* schema.table, asked once the run starts */

  /* Output */
  char                  *amqp_url;
  char                  *exchange;
  char                  *queue;
  gboolean               transactions;
  gboolean               ddl;
  gint64                 dedup_window_us;
  gint64                 heartbeat_us;
  gint64                 progress_us;
} MbgOptions;

gboolean mbg_options_parse (MbgOptions   *options,
                            int          *argc,
                            char       ***argv,
                            int          *status);
void     mbg_options_clear (MbgOptions   *options);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MbgOptions, mbg_options_clear)

G_END_DECLS
