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

/* Where the rest of a payload event read in parts comes from: returns the
 * length of the next part (*data valid until the next call), 0 at the end
 * of the event, once its checksum is verified, or -1 with @error set. */
typedef gssize (*MysqlBinlogPayloadReadPart) (gpointer        user_data,
                                              const guint8  **data,
                                              GError        **error);

/* Parses the payload event's header fields; the reader borrows @info's
 * data, which must outlive it. */
MysqlBinlogPayloadReader *_mysql_binlog_payload_reader_new  (const MysqlBinlogEventInfo  *info,
                                                             GError                     **error);
/* The same for an event read in parts (@info->partial): @info holds its
 * first part, and @read_part gives the @rest bytes that follow (the
 * checksum excluded), as the decompressor needs them. */
MysqlBinlogPayloadReader *_mysql_binlog_payload_reader_new_in_parts (const MysqlBinlogEventInfo  *info,
                                                                     guint64                      rest,
                                                                     MysqlBinlogPayloadReadPart   read_part,
                                                                     gpointer                     user_data,
                                                                     GError                     **error);
void                      _mysql_binlog_payload_reader_free (MysqlBinlogPayloadReader    *reader);
/* The next inner event: *data and *length stay valid until the next call. */
MysqlBinlogReadResult     _mysql_binlog_payload_reader_next (MysqlBinlogPayloadReader    *reader,
                                                             const guint8               **data,
                                                             gsize                       *length,
                                                             GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogPayloadReader, _mysql_binlog_payload_reader_free)

G_END_DECLS
