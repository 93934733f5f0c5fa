/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-table-private.h"

G_BEGIN_DECLS

/* Which parts of a table's description the table map did not carry. */
typedef enum {
  MYSQL_BINLOG_TABLE_NEEDS_NAMES      = 1 << 0,
  MYSQL_BINLOG_TABLE_NEEDS_SIGNEDNESS = 1 << 1,
  MYSQL_BINLOG_TABLE_NEEDS_CHARSETS   = 1 << 2,
  MYSQL_BINLOG_TABLE_NEEDS_MEMBERS    = 1 << 3,
  MYSQL_BINLOG_TABLE_NEEDS_PRIMARY_KEY = 1 << 4,
  MYSQL_BINLOG_TABLE_NEEDS_GEOMETRY_TYPES = 1 << 5,
  /* MariaDB columns under the old TIME, DATETIME or TIMESTAMP codes: how
   * many fractional digits they have (precision_unknown). */
  MYSQL_BINLOG_TABLE_NEEDS_TEMPORAL_PRECISION = 1 << 6,
} MysqlBinlogTableNeeds;

/* The table of a table map event's body (what follows its post-header)
 * for the table id @table_id, written by a server of @flavour: its name,
 * its columns with their metadata, and what the optional metadata says of
 * them; @needs says what the table map did not describe.  Returns a new
 * table whose map_body is a copy of @body, or NULL with
 * MYSQL_BINLOG_ERROR_CORRUPT_EVENT when the body is malformed or does not
 * match its columns. */
MysqlBinlogTable *_mysql_binlog_table_map_parse (guint64                 table_id,
                                                 const guint8           *body,
                                                 gsize                   body_length,
                                                 MysqlBinlogFlavour      flavour,
                                                 MysqlBinlogTableNeeds  *needs,
                                                 GError                **error);

G_END_DECLS
