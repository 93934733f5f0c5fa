/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-decoder-private.h"
#include "mysql-binlog-transport-private.h"

G_BEGIN_DECLS

/*
 * The events inside a MySQL TRANSACTION_PAYLOAD event (binlog transaction
 * compression, MySQL 8.0.20 and later), decompressed as they are read: the
 * memory used is bounded by the largest inner event, not by the size of
 * the transaction.
 */

typedef struct _MysqlBinlogPayloadReader MysqlBinlogPayloadReader;

/* Parses the payload event's header fields; the reader borrows @info's
 * data, which must outlive it. */
MysqlBinlogPayloadReader *_mysql_binlog_payload_reader_new  (const MysqlBinlogEventInfo  *info,
                                                             GError                     **error);
void                      _mysql_binlog_payload_reader_free (MysqlBinlogPayloadReader    *reader);
/* The next inner event: *data and *length stay valid until the next call. */
MysqlBinlogReadResult     _mysql_binlog_payload_reader_next (MysqlBinlogPayloadReader    *reader,
                                                             const guint8               **data,
                                                             gsize                       *length,
                                                             GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogPayloadReader, _mysql_binlog_payload_reader_free)

G_END_DECLS
