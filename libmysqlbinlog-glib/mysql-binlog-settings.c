/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mysql-binlog-settings-private.h"
#include "mysql-binlog-transport-private.h"

void
_mysql_binlog_settings_init (MysqlBinlogStreamSettings *settings)
{
  settings->port = 3306;
  settings->blocking = TRUE;
  settings->tls.mode = MYSQL_BINLOG_TLS_MODE_PREFERRED;
  settings->snapshot_chunk_size = 4096;
}

void
_mysql_binlog_settings_clear (MysqlBinlogStreamSettings *settings)
{
  g_free (settings->host);
  g_free (settings->user);
  if (settings->password != NULL)
    memset (settings->password, 0, strlen (settings->password));
  g_free (settings->password);
  g_free (settings->socket);
  g_free (settings->tls.ca_file);
  g_free (settings->tls.ca_directory);
  g_free (settings->tls.cert_file);
  g_free (settings->tls.key_file);
  g_free (settings->tls.cipher);
  g_clear_pointer (&settings->start_position, mysql_binlog_position_unref);
  g_strfreev (settings->only_schemas);
  g_strfreev (settings->ignored_schemas);
  g_strfreev (settings->only_tables);
  g_strfreev (settings->ignored_tables);
  g_clear_object (&settings->file);
  g_clear_object (&settings->position_store);
  g_clear_object (&settings->schema_source);
  memset (settings, 0, sizeof *settings);
}

void
_mysql_binlog_settings_copy (MysqlBinlogStreamSettings       *copy,
                             const MysqlBinlogStreamSettings *settings)
{
  MysqlBinlogTlsOptions *tls;

  /* The numbers as they are, then a copy of everything held. */
  *copy = *settings;
  copy->host = g_strdup (settings->host);
  copy->user = g_strdup (settings->user);
  copy->password = g_strdup (settings->password);
  copy->socket = g_strdup (settings->socket);
  tls = _mysql_binlog_tls_options_copy (&settings->tls);
  copy->tls = *tls;
  g_free (tls);
  if (settings->start_position != NULL)
    copy->start_position = mysql_binlog_position_ref (settings->start_position);
  copy->only_schemas = g_strdupv (settings->only_schemas);
  copy->ignored_schemas = g_strdupv (settings->ignored_schemas);
  copy->only_tables = g_strdupv (settings->only_tables);
  copy->ignored_tables = g_strdupv (settings->ignored_tables);
  if (settings->file != NULL)
    g_object_ref (settings->file);
  if (settings->position_store != NULL)
    g_object_ref (settings->position_store);
  if (settings->schema_source != NULL)
    g_object_ref (settings->schema_source);
}
