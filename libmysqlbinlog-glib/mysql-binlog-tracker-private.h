/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "mysql-binlog-gtid-private.h"
#include "mysql-binlog-position.h"

G_BEGIN_DECLS

/*
 * Where a run is, and whether it is safe to resume there: the current file
 * and offset, the GTID state, the transaction boundaries passed, and the
 * replay watermark after a reconnection (what was emitted before the
 * connection broke is read again without a signal).  On the reading
 * thread only.
 */

typedef struct _MysqlBinlogTracker MysqlBinlogTracker;

struct _MysqlBinlogTracker
{
  char *file;                       /* NULL until known */
  guint64 offset;                   /* the end of the last event read */
  gboolean in_transaction;
  MysqlBinlogPosition *run_start;   /* the stored or the start position, or
                                     * the server's end where the run began */
  MysqlBinlogPosition *resume;      /* the last transaction boundary read */
  gboolean reached_safe;
  guint64 n_delivered;              /* transaction boundaries passed, replays excluded */
  char *emitted_file;               /* events up to here were emitted */
  guint64 emitted_offset;
  gboolean replaying;               /* reading again what was emitted */
  MysqlBinlogGtidSet *gtid_state;   /* NULL: unknown */
  MysqlBinlogGtidSet *gtid_pending; /* the GTID of the transaction being read */
  gboolean payload_unverified;      /* inside a payload whose checksum comes at its end */
  gboolean safe_deferred;           /* a safe position inside it, reached once it is verified */
  char *snapshot_progress;          /* what a snapshot has still to read, carried by every
                                     * position made (mysql-binlog-snapshot.c), or NULL */
  GHashTable *withheld;             /* GBytes "schema\0name" -> count: tables whose row
                                     * changes are in a pending one-pass read, or NULL */
};

/* @run_start: (transfer full) (nullable): where the run starts. */
MysqlBinlogTracker  *_mysql_binlog_tracker_new               (MysqlBinlogPosition *run_start);
void                 _mysql_binlog_tracker_free              (MysqlBinlogTracker  *tracker);

/* (transfer full): the current file, offset and GTID state, and the
 * progress of a snapshot under way. */
MysqlBinlogPosition *_mysql_binlog_tracker_make_position     (MysqlBinlogTracker  *tracker);
/* What every position made from now on carries as the progress of a
 * snapshot (nullable: none). */
void                 _mysql_binlog_tracker_set_snapshot_progress (MysqlBinlogTracker *tracker,
                                                                  const char         *token);
/* The row changes of @schema.@name are not delivered until as many
 * release() as hold() (a snapshot reads the table in one pass at a later
 * point: its read has them). */
void                 _mysql_binlog_tracker_hold_table        (MysqlBinlogTracker  *tracker,
                                                              const char          *schema,
                                                              const char          *name);
void                 _mysql_binlog_tracker_release_table     (MysqlBinlogTracker  *tracker,
                                                              const char          *schema,
                                                              const char          *name);
/* Whether the row changes of @schema.@name are held back now. */
gboolean             _mysql_binlog_tracker_holds_table       (MysqlBinlogTracker  *tracker,
                                                              const char          *schema,
                                                              const char          *name);
/* The stream reads @file from @offset on. */
void                 _mysql_binlog_tracker_move_to           (MysqlBinlogTracker  *tracker,
                                                              const char          *file,
                                                              guint64              offset);
/* Replaces the GTID state (@state: transfer full, nullable: unknown). */
void                 _mysql_binlog_tracker_set_gtid_state    (MysqlBinlogTracker  *tracker,
                                                              MysqlBinlogGtidSet  *state);
/* The GTID of the transaction that starts (@gtid: transfer full,
 * nullable), added to the state at its end. */
void                 _mysql_binlog_tracker_begin_gtid        (MysqlBinlogTracker  *tracker,
                                                              MysqlBinlogGtidSet  *gtid);

/* An event of the log itself (not @artificial) that ends at @log_pos:
 * whether it was emitted before the connection broke. */
gboolean             _mysql_binlog_tracker_check_replay      (MysqlBinlogTracker  *tracker,
                                                              gboolean             artificial,
                                                              guint64              log_pos);
/* The event read ends at @log_pos: the current offset, unless
 * @artificial. */
void                 _mysql_binlog_tracker_advance           (MysqlBinlogTracker  *tracker,
                                                              gboolean             artificial,
                                                              guint64              log_pos);
/* The event was emitted: the replay watermark moves to @log_pos. */
void                 _mysql_binlog_tracker_emitted           (MysqlBinlogTracker  *tracker,
                                                              gboolean             artificial,
                                                              guint64              log_pos);
/* A transaction boundary after the current event.  Returns (transfer
 * full) the position to deliver, or NULL: none (no file known yet, a
 * replayed boundary, or one inside a payload not verified yet). */
MysqlBinlogPosition *_mysql_binlog_tracker_boundary          (MysqlBinlogTracker  *tracker);

/* The events of a payload event follow; @unverified: its checksum comes
 * only at its end. */
void                 _mysql_binlog_tracker_begin_payload     (MysqlBinlogTracker  *tracker,
                                                              gboolean             unverified);
/* The payload was read to its end and verified: (transfer full) the
 * position of a boundary it held back, or NULL. */
MysqlBinlogPosition *_mysql_binlog_tracker_payload_verified  (MysqlBinlogTracker  *tracker);
/* The payload ended, read or not: a boundary it held back is dropped. */
void                 _mysql_binlog_tracker_end_payload       (MysqlBinlogTracker  *tracker);

/* Where a (re)connection starts: the last boundary read, or where the run
 * started; NULL: at the server's end. */
MysqlBinlogPosition *_mysql_binlog_tracker_get_resume_point  (MysqlBinlogTracker  *tracker);
/* Whether the run started at a GTID state (and so resumes by GTID). */
gboolean             _mysql_binlog_tracker_started_by_gtid   (MysqlBinlogTracker  *tracker);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MysqlBinlogTracker, _mysql_binlog_tracker_free)

G_END_DECLS
