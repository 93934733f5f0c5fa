/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stdio.h>
#include <sys/uio.h>

#include <mysqlbinlog-glib.h>

G_BEGIN_DECLS

typedef enum
{
  MBG_MESSAGE_INSERT,
  MBG_MESSAGE_UPDATE,
  MBG_MESSAGE_DELETE,
  MBG_MESSAGE_HEARTBEAT,
  MBG_MESSAGE_READ,       /* an existing row, read by a snapshot */
  MBG_MESSAGE_BEGIN,
  MBG_MESSAGE_COMMIT,
  MBG_MESSAGE_DDL,
} MbgMessageType;

/* What the commit of a transaction tells about it, shared by its
 * messages: known once its commit event and the position after it were
 * read. */
typedef struct
{
  grefcount  ref_count;
  gboolean   has_xid;           /* an XID event committed it */
  guint64    xid;
  guint32    ts;                /* the commit event's timestamp */
  char      *position;          /* where a resumed run starts after it; NULL: none */
  guint64    n_rows;            /* its row messages */
} MbgCommit;

MbgCommit  *mbg_commit_new            (void);
MbgCommit  *mbg_commit_ref            (MbgCommit      *commit);
void        mbg_commit_unref          (MbgCommit      *commit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MbgCommit, mbg_commit_unref)

/* One JSON message: a changed row, a transaction's begin or commit, a DDL
 * statement, or a heartbeat. */
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

  /* The transaction (not for heartbeats) */
  char           *gtid;         /* NULL: none known */
  guint64         txn_row;      /* rows: 1-based place among its rows; 0: not known */
  MbgCommit      *commit;       /* NULL: not known when the message goes out */

  /* Begin, commit and DDL messages */
  guint32         event_ts;     /* the binlog timestamp of its event */
  char           *schema;       /* DDL: the table's, or NULL */
  char           *table;        /* DDL: NULL for a database statement */
  char           *statement;    /* DDL */
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

void        mbg_sink_write_parts      (MbgSink            *sink,
                                       const struct iovec *parts,
                                       guint               n_parts);

/* A JSON line being written into @line; a value too big to be copied into
 * it goes out to @sink in parts, after @line so far (and after whatever
 * @spill, when set, writes first). */
typedef struct
{
  MbgSink  *sink;
  GString  *line;
  void    (*spill) (gpointer data);
  gpointer  spill_data;
} MbgJson;

void        mbg_json_flush            (MbgJson        *json);
void        mbg_json_row              (MbgJson        *json,
                                       MbgMessageType  type,
                                       MysqlBinlogRow *before,
                                       MysqlBinlogRow *row,
                                       const char     *keys,
                                       const char     *log_file,
                                       guint64         log_pos,
                                       guint           merged,
                                       const char     *gtid,
                                       guint64         txn_row);
void        mbg_json_event            (GString        *line,
                                       MbgMessageType  type,
                                       const char     *log_file,
                                       guint64         log_pos,
                                       guint32         event_ts,
                                       const char     *gtid);
void        mbg_json_ddl              (GString        *line,
                                       const char     *schema,
                                       const char     *table,
                                       const char     *statement,
                                       const char     *log_file,
                                       guint64         log_pos,
                                       guint32         event_ts,
                                       const char     *gtid);
void        mbg_json_commit_fields    (GString        *line,
                                       const MbgCommit *commit,
                                       gboolean        with_rows);

MbgMessage *mbg_message_new_row       (MbgMessageType  type,
                                       MysqlBinlogRow *before,
                                       MysqlBinlogRow *row,
                                       const char     *log_file,
                                       guint64         log_pos);
MbgMessage *mbg_message_new_heartbeat (void);
MbgMessage *mbg_message_new_event     (MbgMessageType  type,
                                       const char     *log_file,
                                       guint64         log_pos,
                                       guint32         event_ts,
                                       const char     *gtid);
MbgMessage *mbg_message_new_ddl       (const char     *schema,
                                       const char     *table,
                                       const char     *statement,
                                       const char     *log_file,
                                       guint64         log_pos,
                                       guint32         event_ts,
                                       const char     *gtid);
void        mbg_message_free          (MbgMessage     *message);
char       *mbg_message_routing_key   (MbgMessage     *message);
void        mbg_message_write         (MbgMessage     *message,
                                       MbgSink        *sink);

void        mbg_text_row_write        (MbgSink        *sink,
                                       const char     *what,
                                       MysqlBinlogRow *before,
                                       MysqlBinlogRow *row);

G_END_DECLS
