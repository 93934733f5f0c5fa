/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mysql-binlog-position.h"
#include "mysql-binlog-position-store.h"
#include "mysql-binlog-stream.h"
#include "mysql-binlog-tls-options-private.h"

G_BEGIN_DECLS

/*
 * The settings of a stream: the storage of its properties, declared once.
 * The stream embeds one and its setters change it; a run works from a copy
 * taken when it starts (_mysql_binlog_settings_copy()), which owns its
 * strings and references, so a property changed later cannot reach it.
 */
typedef struct
{
  char *host;
  guint port;
  char *user;
  char *password;                     /* zeroed before it is freed */
  char *socket;
  MysqlBinlogTlsOptions tls;
  guint server_id;
  MysqlBinlogPosition *start_position;
  gboolean blocking;
  char **only_schemas;                /* NULL when empty */
  char **ignored_schemas;
  char **only_tables;
  char **ignored_tables;
  GFile *file;                        /* reads this file instead of a server */
  MysqlBinlogPositionStore *position_store;
  guint heartbeat_period;             /* ms */
  guint connect_timeout;              /* s */
  gint reconnect_attempts;
  guint reconnect_delay;              /* ms */
  guint reconnect_max_delay;          /* ms */
  guint save_interval;                /* ms */
  guint snapshot;                     /* MysqlBinlogSnapshotMode */
  guint snapshot_chunk_size;          /* rows */
  guint save_transactions;
  MysqlBinlogSchemaUnknown schema_unknown;
  GObject *schema_source;             /* a MysqlBinlogStream or a GFile, or NULL */
} MysqlBinlogStreamSettings;

/* Sets the properties' defaults in a zeroed @settings. */
void _mysql_binlog_settings_init  (MysqlBinlogStreamSettings       *settings);
/* Fills @copy with a copy of @settings that owns its strings and holds
 * its own references; _mysql_binlog_settings_clear() frees it. */
void _mysql_binlog_settings_copy  (MysqlBinlogStreamSettings       *copy,
                                   const MysqlBinlogStreamSettings *settings);
/* Frees what @settings holds (not @settings itself) and zeroes it. */
void _mysql_binlog_settings_clear (MysqlBinlogStreamSettings       *settings);

G_END_DECLS
