/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mysql-binlog-transport-private.h"

G_BEGIN_DECLS

/*
 * Splits a binary log file, read through a GInputStream, into events.
 *
 * Memory stays bounded by the largest event: the events are read into one
 * buffer that grows only when an event does not fit, and each event is
 * handed out in place, valid until the next read.
 */

typedef struct _MysqlBinlogFileSource MysqlBinlogFileSource;

/* The largest event accepted (MySQL's max_allowed_packet limit). */
#define MYSQL_BINLOG_FILE_MAX_EVENT_SIZE (1024u * 1024u * 1024u)

MysqlBinlogFileSource *_mysql_binlog_file_source_new        (GInputStream            *input);
void                   _mysql_binlog_file_source_free       (MysqlBinlogFileSource   *source);
/* Reads and checks the 4-byte magic number. */
gboolean               _mysql_binlog_file_source_read_magic (MysqlBinlogFileSource   *source,
                                                             GCancellable            *cancellable,
                                                             GError                 **error);
/* The next event: *data and *length stay valid until the next call;
 * *offset is where the event starts in the file. */
MysqlBinlogReadResult  _mysql_binlog_file_source_read_event (MysqlBinlogFileSource   *source,
                                                             const guint8           **data,
                                                             gsize                   *length,
                                                             guint64                 *offset,
                                                             GCancellable            *cancellable,
                                                             GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogFileSource, _mysql_binlog_file_source_free)

G_END_DECLS
