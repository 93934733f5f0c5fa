/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-position.h"
#include "mysql-binlog-position-store.h"

G_BEGIN_DECLS

/*
 * When and how a run saves its position in the position store: after the
 * handlers of a transaction returned, every save-transactions transactions
 * or save-interval milliseconds (each one when both are 0), and once more
 * when the run ends.  Used on the thread that emits the signals only.
 */

typedef struct _MysqlBinlogCheckpoint MysqlBinlogCheckpoint;

/* @store: (nullable): where to save; without one, nothing is saved. */
MysqlBinlogCheckpoint *_mysql_binlog_checkpoint_new         (MysqlBinlogPositionStore *store,
                                                             guint                     save_interval,
                                                             guint                     save_transactions);
void                   _mysql_binlog_checkpoint_free        (MysqlBinlogCheckpoint    *checkpoint);
/* The handlers of everything before @position returned: saves it when it
 * is time to.  FALSE when saving failed: nothing should be delivered
 * anymore, and take_error() says why. */
gboolean               _mysql_binlog_checkpoint_delivered   (MysqlBinlogCheckpoint    *checkpoint,
                                                             MysqlBinlogPosition      *position);
/* No transaction for a while: saves what the interval held back when it
 * is time to.  FALSE when saving failed. */
gboolean               _mysql_binlog_checkpoint_idle        (MysqlBinlogCheckpoint    *checkpoint);
/* The run ends: saves the last delivered position, unless saving failed
 * before. */
void                   _mysql_binlog_checkpoint_flush       (MysqlBinlogCheckpoint    *checkpoint);
/* The schema history (see _mysql_binlog_schema_history_snapshot()) in
 * force from the next delivered position on. */
void                   _mysql_binlog_checkpoint_set_schema  (MysqlBinlogCheckpoint    *checkpoint,
                                                             GBytes                   *snapshot);
/* (transfer full): @position carrying the schema history in force there
 * (see mysql-binlog-position-private.h), which a file position store
 * saves beside it. */
MysqlBinlogPosition   *_mysql_binlog_checkpoint_attach_schema (MysqlBinlogCheckpoint  *checkpoint,
                                                               MysqlBinlogPosition    *position);
/* (transfer full): why saving failed, or NULL. */
GError                *_mysql_binlog_checkpoint_take_error  (MysqlBinlogCheckpoint    *checkpoint);

G_END_DECLS
