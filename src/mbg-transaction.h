/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <mysqlbinlog-glib.h>

#include "mbg-dedup.h"
#include "mbg-message.h"
#include "mbg-output.h"

G_BEGIN_DECLS

/* The JSON messages of the transaction being read, held until its end. */
typedef struct _MbgTransactions MbgTransactions;

MbgTransactions *mbg_transactions_new      (MbgOutput           *output,
                                            MbgDedup            *dedup,
                                            gboolean             direct,
                                            gboolean             brackets);
void             mbg_transactions_free     (MbgTransactions     *self);

void             mbg_transactions_begin    (MbgTransactions     *self,
                                            const char          *gtid,
                                            const char          *log_file,
                                            guint64              log_pos,
                                            guint32              ts);
void             mbg_transactions_row      (MbgTransactions     *self,
                                            MbgMessageType       type,
                                            MysqlBinlogRow      *before,
                                            MysqlBinlogRow      *row,
                                            const char          *log_file,
                                            guint64              log_pos);
void             mbg_transactions_ddl      (MbgTransactions     *self,
                                            const char          *schema,
                                            const char          *table,
                                            const char          *statement,
                                            const char          *log_file,
                                            guint64              log_pos,
                                            guint32              ts);
void             mbg_transactions_commit   (MbgTransactions     *self,
                                            gboolean             has_xid,
                                            guint64              xid,
                                            const char          *log_file,
                                            guint64              log_pos,
                                            guint32              ts);
void             mbg_transactions_position (MbgTransactions     *self,
                                            MysqlBinlogPosition *position);
void             mbg_transactions_finish   (MbgTransactions     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbgTransactions, mbg_transactions_free)

G_END_DECLS
