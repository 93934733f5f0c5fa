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
 *
 * A TRANSACTION_PAYLOAD event (a whole MySQL transaction, compressed) of
 * more than MYSQL_BINLOG_FILE_PARTS_THRESHOLD bytes is not read whole:
 * read_event() hands out its first part only (64 KiB: the header, the
 * payload's header fields and the start of the compressed payload), and
 * read_rest() the rest, a part at a time, verifying the event's CRC32 as
 * the parts go by; so memory stays bounded for those too, whatever the
 * size of the transaction.
 */

typedef struct _MysqlBinlogFileSource MysqlBinlogFileSource;

/* The largest event accepted (MySQL's max_allowed_packet limit). */
#define MYSQL_BINLOG_FILE_MAX_EVENT_SIZE (1024u * 1024u * 1024u)
/* Transaction payload events larger than this are read in parts. */
#define MYSQL_BINLOG_FILE_PARTS_THRESHOLD (256u * 1024u)

MysqlBinlogFileSource *_mysql_binlog_file_source_new        (GInputStream            *input);
void                   _mysql_binlog_file_source_free       (MysqlBinlogFileSource   *source);
/* Reads and checks the 4-byte magic number. */
gboolean               _mysql_binlog_file_source_read_magic (MysqlBinlogFileSource   *source,
                                                             GCancellable            *cancellable,
                                                             GError                 **error);
/* Whether the events read from now on carry a CRC32 checksum (what the
 * format description says): read_rest() verifies it. */
void                   _mysql_binlog_file_source_set_checksum (MysqlBinlogFileSource *source,
                                                               gboolean               crc32);
/* The next event: *data and *length stay valid until the next call;
 * *offset is where the event starts in the file.  For an event read in
 * parts, *length is less than the size its header declares, and
 * get_rest() is not 0 until read_rest() has read it all. */
MysqlBinlogReadResult  _mysql_binlog_file_source_read_event (MysqlBinlogFileSource   *source,
                                                             const guint8           **data,
                                                             gsize                   *length,
                                                             guint64                 *offset,
                                                             GCancellable            *cancellable,
                                                             GError                 **error);
/* Events of this size or more are worth taking out of the buffer rather
 * than copying them (see take_event()). */
#define MYSQL_BINLOG_FILE_TAKE_THRESHOLD (1024u * 1024u)
/* A reference on the bytes @data of @length of the event read_event()
 * handed out last, valid after the next read: the buffer that holds them
 * when the event was read whole and is MYSQL_BINLOG_FILE_TAKE_THRESHOLD
 * bytes or more (the source reads on into a new one: a big event is never
 * held twice), else a copy. */
GBytes                *_mysql_binlog_file_source_take_event (MysqlBinlogFileSource   *source,
                                                             const guint8            *data,
                                                             gsize                    length);
/* The bytes of the current event, its checksum excluded, that read_rest()
 * has yet to hand out: 0 unless the event is read in parts. */
guint64                _mysql_binlog_file_source_get_rest   (MysqlBinlogFileSource   *source);
/* The next part of the current event: returns its length (*data valid
 * until the next call), or 0 once the whole event is read and its
 * checksum verified, or -1 with @error set: a truncated file, a checksum
 * mismatch (MYSQL_BINLOG_ERROR_CHECKSUM_MISMATCH) or a read error.  Uses
 * the cancellable given to read_event(). */
gssize                 _mysql_binlog_file_source_read_rest  (MysqlBinlogFileSource   *source,
                                                             const guint8           **data,
                                                             GError                 **error);

/* Tests and the fuzzer: payload events larger than @threshold bytes are
 * read in parts (of a quarter of it, 64 bytes at least and 64 KiB at
 * most); 0 restores MYSQL_BINLOG_FILE_PARTS_THRESHOLD.  Not thread-safe:
 * set it before the streams run. */
void                   _mysql_binlog_file_source_set_parts_threshold (gsize threshold);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogFileSource, _mysql_binlog_file_source_free)

G_END_DECLS
