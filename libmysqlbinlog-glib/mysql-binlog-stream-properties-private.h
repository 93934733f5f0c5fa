/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The properties of MysqlBinlogStream, whose pspecs (and their
 * documentation) live in mysql-binlog-stream-properties.c; the storage,
 * the accessors and the get/set_property vfuncs in mysql-binlog-stream.c. */
typedef enum
{
  PROP_0,
  PROP_HOST,
  PROP_PORT,
  PROP_USER,
  PROP_PASSWORD,
  PROP_SOCKET,
  PROP_SERVER_ID,
  PROP_START_POSITION,
  PROP_BLOCKING,
  PROP_ONLY_SCHEMAS,
  PROP_IGNORED_SCHEMAS,
  PROP_ONLY_TABLES,
  PROP_IGNORED_TABLES,
  PROP_FILE,
  PROP_POSITION_STORE,
  PROP_HEARTBEAT_PERIOD,
  PROP_CONNECT_TIMEOUT,
  PROP_RECONNECT_ATTEMPTS,
  PROP_RECONNECT_DELAY,
  PROP_RECONNECT_MAX_DELAY,
  PROP_SAVE_INTERVAL,
  PROP_SAVE_TRANSACTIONS,
  PROP_TLS_MODE,
  PROP_TLS_CA_FILE,
  PROP_TLS_CA_DIRECTORY,
  PROP_TLS_CERT_FILE,
  PROP_TLS_KEY_FILE,
  PROP_TLS_CIPHER,
  PROP_SNAPSHOT,
  PROP_SNAPSHOT_CHUNK_SIZE,
  /* Read-only, what the stream is doing (mysql-binlog-stream-state.c). */
  PROP_STATE,
  PROP_POSITION,
  PROP_POSITION_NOTIFY_INTERVAL,
  PROP_ROWS_DELIVERED,
  PROP_LAG,
  PROP_SCHEMA_UNKNOWN,
  PROP_SCHEMA_SOURCE,
  N_PROPS
} MysqlBinlogStreamProperty;

/* Creates the pspecs into @properties (N_PROPS long) and installs them. */
void _mysql_binlog_stream_install_properties (GObjectClass  *object_class,
                                              GParamSpec   **properties);

G_END_DECLS
