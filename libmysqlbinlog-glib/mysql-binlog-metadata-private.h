/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-decoder-private.h"
#include "mysql-binlog-transport-private.h"

G_BEGIN_DECLS

/*
 * Column names, type details and primary keys (COLUMN_KEY = 'PRI') from
 * information_schema, through a second connection of its own, for table
 * maps that do not carry them (binlog_row_metadata=MINIMAL or NO_LOG).  Cached per table; the cache is
 * dropped when a DDL statement passes.
 */

typedef struct _MysqlBinlogMetadata MysqlBinlogMetadata;

MysqlBinlogMetadata *_mysql_binlog_metadata_new        (const MysqlBinlogConnectOptions  *options);
void                 _mysql_binlog_metadata_free       (MysqlBinlogMetadata              *metadata);
void                 _mysql_binlog_metadata_invalidate (MysqlBinlogMetadata              *metadata);
/* Fills in what @needs names, and the fractional digits of MariaDB's old
 * TIME, DATETIME and TIMESTAMP columns.  When the server no longer knows
 * the table, or its definition disagrees with the table map (another
 * number of columns, or a column of another type: see check_column() in
 * mysql-binlog-metadata.c), fails with MYSQL_BINLOG_ERROR_UNSUPPORTED
 * rather than describe the columns of one definition with another's
 * names and types. */
gboolean             _mysql_binlog_metadata_complete   (MysqlBinlogMetadata              *metadata,
                                                        MysqlBinlogTable                 *table,
                                                        MysqlBinlogTableNeeds             needs,
                                                        GError                          **error);

G_END_DECLS
