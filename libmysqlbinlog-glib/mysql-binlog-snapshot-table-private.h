/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-metadata-private.h"
#include "mysql-binlog-row-private.h"
#include "mysql-binlog-transport-private.h"

G_BEGIN_DECLS

/*
 * One table as a snapshot reads it: a MysqlBinlogTable built as a table map
 * of MariaDB would describe it (type codes and metadata words from
 * information_schema, completed by mysql-binlog-metadata.c like any table
 * map without FULL metadata), a SELECT list whose every value can be put
 * back into the bytes of a binlog row image, and the rows built from those
 * images with _mysql_binlog_row_build(), so that a row read by SELECT is
 * decoded by the same code as a row of the binary log.
 */

typedef struct _MysqlBinlogSnapshotTable MysqlBinlogSnapshotTable;

/* Reads the definition of @schema.@name through @transport (the
 * snapshot's connection, with character_set_results = binary and
 * time_zone = '+00:00').  NULL with MYSQL_BINLOG_ERROR_INVALID_ARGUMENT
 * when the table does not exist, MYSQL_BINLOG_ERROR_UNSUPPORTED for a
 * column type whose values cannot be read exactly. */
MysqlBinlogSnapshotTable *_mysql_binlog_snapshot_table_load   (MysqlBinlogTransport      *transport,
                                                               MysqlBinlogMetadata       *metadata,
                                                               const char                *schema,
                                                               const char                *name,
                                                               GError                   **error);
void                      _mysql_binlog_snapshot_table_free   (MysqlBinlogSnapshotTable  *table);
MysqlBinlogTable         *_mysql_binlog_snapshot_table_get    (MysqlBinlogSnapshotTable  *table);
/* Whether the table has a primary key the chunks can walk. */
gboolean                  _mysql_binlog_snapshot_table_has_key (MysqlBinlogSnapshotTable *table);
guint                     _mysql_binlog_snapshot_table_n_key  (MysqlBinlogSnapshotTable  *table);
/* The columns of the key, n_key() indexes, in the key's order. */
const guint              *_mysql_binlog_snapshot_table_key_columns (MysqlBinlogSnapshotTable *table);
/* The SELECT of the rows after @after (nullable: from the first; one
 * GBytes per key column: a row's values of key_columns()), at most
 * @limit (0: all, in any order). */
char                     *_mysql_binlog_snapshot_table_select (MysqlBinlogSnapshotTable  *table,
                                                               GPtrArray                 *after,
                                                               guint                      limit);
/* The row of one result row of select(), with @timestamp as its event's. */
MysqlBinlogRow           *_mysql_binlog_snapshot_table_build_row (MysqlBinlogSnapshotTable *table,
                                                                  char                    **values,
                                                                  const gulong             *lengths,
                                                                  guint32                   timestamp,
                                                                  GError                  **error);
/* Takes @row (transfer full), built by build_row() and delivered: the
 * next row may take its memory if nothing else holds it by then. */
void                      _mysql_binlog_snapshot_table_give_back (MysqlBinlogSnapshotTable *table,
                                                                  MysqlBinlogRow           *row);

G_END_DECLS
