/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mysql-binlog-row-batch.h"
#include "mysql-binlog-row.h"

G_BEGIN_DECLS

/* A new, empty batch, with room for @reserved rows; with @has_after each
 * row comes with its after image. */
MysqlBinlogRowBatch *_mysql_binlog_row_batch_new (gboolean             has_after,
                                                  guint                reserved);
/* Adds @row (and @after, non-NULL exactly when the batch has after
 * images): the batch takes references of its own. */
void                 _mysql_binlog_row_batch_add (MysqlBinlogRowBatch *batch,
                                                  MysqlBinlogRow      *row,
                                                  MysqlBinlogRow      *after);
/* The same, taking the caller's references. */
void                 _mysql_binlog_row_batch_take (MysqlBinlogRowBatch *batch,
                                                   MysqlBinlogRow      *row,
                                                   MysqlBinlogRow      *after);

G_END_DECLS
