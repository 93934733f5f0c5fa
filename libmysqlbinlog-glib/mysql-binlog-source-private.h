/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mysql-binlog-decoder-private.h"
#include "mysql-binlog-tracker-private.h"
#include "mysql-binlog-transport-private.h"

G_BEGIN_DECLS

/*
 * Where the events of a run come from, behind one small interface: read
 * the next event, say where we are, close.  The dispatcher reads any of
 * them the same way; what differs between them is told by their flags.
 *
 * - the server source (mysql-binlog-server-source.c): a replica
 *   connection, the handshake and the dump;
 * - the file source: a binary log or relay log file
 *   (mysql-binlog-file-source.c splits it into events);
 * - the payload source: the events inside a compressed transaction
 *   (mysql-binlog-payload.c decompresses them).
 */

typedef enum {
  /* Its events are where it read them, not where their headers say: the
   * offsets in a file (a relay log's headers carry the positions of the
   * source's binary log), which keeps its name whatever its rotate event
   * names. */
  MYSQL_BINLOG_SOURCE_OWN_OFFSETS = 1 << 0,
  /* Read to inspect the log, not to replicate it: a statement logged as
   * text or an incident comes through as an event, not as an error. */
  MYSQL_BINLOG_SOURCE_INSPECTS    = 1 << 1,
  /* The log as stored: after a START_ENCRYPTION event, the events are
   * encrypted with a key only the server has (a server decrypts what it
   * sends to a replica). */
  MYSQL_BINLOG_SOURCE_STORED      = 1 << 2,
  /* The events inside another event: they are at its position, and carry
   * no checksum of their own. */
  MYSQL_BINLOG_SOURCE_NESTED      = 1 << 3,
} MysqlBinlogSourceFlags;

typedef struct _MysqlBinlogSource MysqlBinlogSource;

/* One event read. */
typedef struct
{
  const guint8 *data;        /* valid until the next read */
  gsize         length;
  guint64       offset;      /* OWN_OFFSETS, NESTED: where the event is */
  gboolean      in_parts;    /* the event is longer than @length: read_rest()
                              * hands out the rest */
} MysqlBinlogSourceEvent;

typedef struct
{
  /* @checksum: whether the events carry a CRC32, as the last format
   * description said. */
  MysqlBinlogReadResult (*read_event)  (MysqlBinlogSource       *source,
                                        gboolean                 checksum,
                                        MysqlBinlogSourceEvent  *event,
                                        GCancellable            *cancellable,
                                        GError                 **error);
  /* Optional: a reference on the bytes of the last event (see
   * _mysql_binlog_file_source_take_event()). */
  GBytes               *(*take_event)  (MysqlBinlogSource       *source,
                                        const guint8            *data,
                                        gsize                    length);
  /* Optional: what is left of an event read in parts, and its next part
   * (see _mysql_binlog_file_source_read_rest()). */
  guint64               (*get_rest)    (MysqlBinlogSource       *source);
  gssize                (*read_rest)   (MysqlBinlogSource       *source,
                                        const guint8           **data,
                                        GError                 **error);
  /* Where the event being handled is, for an error's prefix. */
  char                 *(*where)       (MysqlBinlogSource       *source,
                                        const MysqlBinlogTracker *tracker);
  /* Optional, thread-safe: makes a blocked read return. */
  void                  (*interrupt)   (MysqlBinlogSource       *source);
  void                  (*free)        (MysqlBinlogSource       *source);
} MysqlBinlogSourceFuncs;

struct _MysqlBinlogSource
{
  const MysqlBinlogSourceFuncs *funcs;
  MysqlBinlogSourceFlags flags;
  /* Events of this size or more are taken (take_event()) rather than
   * copied; 0: never. */
  gsize take_threshold;
};

static inline MysqlBinlogReadResult
_mysql_binlog_source_read_event (MysqlBinlogSource       *source,
                                 gboolean                 checksum,
                                 MysqlBinlogSourceEvent  *event,
                                 GCancellable            *cancellable,
                                 GError                 **error)
{
  return source->funcs->read_event (source, checksum, event, cancellable, error);
}

void     _mysql_binlog_source_free      (MysqlBinlogSource *source);
void     _mysql_binlog_source_interrupt (MysqlBinlogSource *source);
char    *_mysql_binlog_source_where     (MysqlBinlogSource *source,
                                         const MysqlBinlogTracker *tracker);

/* Reads @file: checks its magic number, names the tracker's file after
 * it, and checks that the run's start position is in it (what ends before
 * it is replayed without a signal). */
MysqlBinlogSource *_mysql_binlog_file_source_open   (GFile                       *file,
                                                     MysqlBinlogTracker          *tracker,
                                                     GCancellable                *cancellable,
                                                     GError                     **error);
/* The events inside the payload event @info of @parent, at @position,
 * decompressed as they are read; @in_parts: @parent hands out the rest of
 * the event.  Borrows @info's data and @parent. */
MysqlBinlogSource *_mysql_binlog_payload_source_new (MysqlBinlogSource           *parent,
                                                     const MysqlBinlogEventInfo  *info,
                                                     guint64                      position,
                                                     gboolean                     in_parts,
                                                     GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogSource, _mysql_binlog_source_free)

G_END_DECLS
