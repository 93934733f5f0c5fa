/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stdio.h>

#include <mysqlbinlog-glib.h>

G_BEGIN_DECLS

typedef enum
{
  MBG_MESSAGE_INSERT,
  MBG_MESSAGE_UPDATE,
  MBG_MESSAGE_DELETE,
  MBG_MESSAGE_HEARTBEAT,
  MBG_MESSAGE_READ,       /* an existing row, read by a snapshot */
} MbgMessageType;

/* One JSON message: a changed row, or a heartbeat. */
typedef struct
{
  guint64         seq;          /* its place among the messages (mbg-dedup.c) */
  gint64          due_us;       /* monotonic time it leaves the --dedup-window buffer */
  MbgMessageType  type;
  MysqlBinlogRow *before;       /* updates: the first image before */
  MysqlBinlogRow *row;          /* the row, or for updates the last image after */
  char           *keys;         /* the "keys" object, as JSON text */
  char           *dedup_key;    /* NULL: never merged */
  char           *log_file;
  guint64         log_pos;
  guint           merged;       /* updates merged into this one */
} MbgMessage;

/* Where output goes: a file (the standard output), or a string (an AMQP
 * body). */
typedef struct
{
  FILE    *file;
  GString *string;
  int      error;               /* errno of the first failed write */
} MbgSink;

void        mbg_sink_write            (MbgSink        *sink,
                                       const char     *data,
                                       gsize           length);

MbgMessage *mbg_message_new_row       (MbgMessageType  type,
                                       MysqlBinlogRow *before,
                                       MysqlBinlogRow *row,
                                       const char     *log_file,
                                       guint64         log_pos);
MbgMessage *mbg_message_new_heartbeat (void);
void        mbg_message_free          (MbgMessage     *message);
char       *mbg_message_routing_key   (MbgMessage     *message);
void        mbg_message_write         (MbgMessage     *message,
                                       MbgSink        *sink);

void        mbg_text_row_write        (MbgSink        *sink,
                                       const char     *what,
                                       MysqlBinlogRow *before,
                                       MysqlBinlogRow *row);

G_END_DECLS
