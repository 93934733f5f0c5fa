/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-position-private.h"
#include "mysql-binlog-tracker-private.h"

MysqlBinlogTracker *
_mysql_binlog_tracker_new (MysqlBinlogPosition *run_start)
{
  MysqlBinlogTracker *tracker = g_new0 (MysqlBinlogTracker, 1);

  tracker->run_start = run_start;
  return tracker;
}

void
_mysql_binlog_tracker_free (MysqlBinlogTracker *tracker)
{
  if (tracker == NULL)
    return;
  g_free (tracker->file);
  g_free (tracker->emitted_file);
  g_free (tracker->snapshot_progress);
  g_clear_pointer (&tracker->run_start, mysql_binlog_position_unref);
  g_clear_pointer (&tracker->resume, mysql_binlog_position_unref);
  g_clear_pointer (&tracker->gtid_state, _mysql_binlog_gtid_set_free);
  g_clear_pointer (&tracker->gtid_pending, _mysql_binlog_gtid_set_free);
  g_free (tracker);
}

MysqlBinlogPosition *
_mysql_binlog_tracker_make_position (MysqlBinlogTracker *tracker)
{
  g_autofree char *gtid_set = NULL;

  if (tracker->gtid_state != NULL && !_mysql_binlog_gtid_set_is_empty (tracker->gtid_state))
    gtid_set = _mysql_binlog_gtid_set_to_string (tracker->gtid_state);
  if (tracker->snapshot_progress != NULL)
    {
      g_autoptr(MysqlBinlogPosition) plain = mysql_binlog_position_new_full (tracker->file,
                                                                             tracker->offset,
                                                                             gtid_set);

      return _mysql_binlog_position_with_snapshot (plain, tracker->snapshot_progress);
    }
  return mysql_binlog_position_new_full (tracker->file, tracker->offset, gtid_set);
}

void
_mysql_binlog_tracker_set_snapshot_progress (MysqlBinlogTracker *tracker,
                                             const char         *token)
{
  g_free (tracker->snapshot_progress);
  tracker->snapshot_progress = g_strdup (token);
}

void
_mysql_binlog_tracker_move_to (MysqlBinlogTracker *tracker,
                               const char         *file,
                               guint64             offset)
{
  if (tracker->file != file)
    {
      g_free (tracker->file);
      tracker->file = g_strdup (file);
    }
  tracker->offset = offset;
}

void
_mysql_binlog_tracker_set_gtid_state (MysqlBinlogTracker *tracker,
                                      MysqlBinlogGtidSet *state)
{
  g_clear_pointer (&tracker->gtid_state, _mysql_binlog_gtid_set_free);
  tracker->gtid_state = state;
}

void
_mysql_binlog_tracker_begin_gtid (MysqlBinlogTracker *tracker,
                                  MysqlBinlogGtidSet *gtid)
{
  g_clear_pointer (&tracker->gtid_pending, _mysql_binlog_gtid_set_free);
  tracker->gtid_pending = gtid;
}

gboolean
_mysql_binlog_tracker_check_replay (MysqlBinlogTracker *tracker,
                                    gboolean            artificial,
                                    guint64             log_pos)
{
  tracker->replaying = !artificial && tracker->emitted_file != NULL &&
                       g_strcmp0 (tracker->emitted_file, tracker->file) == 0 &&
                       log_pos <= tracker->emitted_offset;
  return tracker->replaying;
}

void
_mysql_binlog_tracker_advance (MysqlBinlogTracker *tracker,
                               gboolean            artificial,
                               guint64             log_pos)
{
  if (!artificial)
    tracker->offset = log_pos;
}

void
_mysql_binlog_tracker_emitted (MysqlBinlogTracker *tracker,
                               gboolean            artificial,
                               guint64             log_pos)
{
  if (artificial || tracker->replaying || tracker->file == NULL)
    return;
  if (g_strcmp0 (tracker->emitted_file, tracker->file) != 0)
    {
      g_free (tracker->emitted_file);
      tracker->emitted_file = g_strdup (tracker->file);
    }
  tracker->emitted_offset = log_pos;
}

/* A point it is safe to resume from: remember it. */
static MysqlBinlogPosition *
reach_safe_position (MysqlBinlogTracker *tracker)
{
  MysqlBinlogPosition *position;

  tracker->in_transaction = FALSE;
  if (tracker->gtid_pending != NULL && tracker->gtid_state != NULL)
    _mysql_binlog_gtid_set_union (tracker->gtid_state, tracker->gtid_pending, NULL);
  g_clear_pointer (&tracker->gtid_pending, _mysql_binlog_gtid_set_free);
  if (tracker->file == NULL)
    return NULL;

  position = _mysql_binlog_tracker_make_position (tracker);
  g_clear_pointer (&tracker->resume, mysql_binlog_position_unref);
  tracker->resume = mysql_binlog_position_ref (position);
  tracker->reached_safe = TRUE;

  /* Delivered before this connection broke. */
  if (tracker->replaying)
    {
      mysql_binlog_position_unref (position);
      return NULL;
    }
  tracker->n_delivered++;
  return position;
}

MysqlBinlogPosition *
_mysql_binlog_tracker_boundary (MysqlBinlogTracker *tracker)
{
  /* Inside a payload read in parts: once its checksum is verified. */
  if (tracker->payload_unverified)
    {
      tracker->safe_deferred = TRUE;
      return NULL;
    }
  return reach_safe_position (tracker);
}

void
_mysql_binlog_tracker_begin_payload (MysqlBinlogTracker *tracker,
                                     gboolean            unverified)
{
  tracker->payload_unverified = unverified;
  tracker->safe_deferred = FALSE;
}

MysqlBinlogPosition *
_mysql_binlog_tracker_payload_verified (MysqlBinlogTracker *tracker)
{
  tracker->payload_unverified = FALSE;
  if (!tracker->safe_deferred)
    return NULL;
  tracker->safe_deferred = FALSE;
  return reach_safe_position (tracker);
}

void
_mysql_binlog_tracker_end_payload (MysqlBinlogTracker *tracker)
{
  /* Stopped or failed inside a payload read in parts: its checksum was
   * not verified, so its safe position is not reported. */
  tracker->payload_unverified = FALSE;
  tracker->safe_deferred = FALSE;
}

MysqlBinlogPosition *
_mysql_binlog_tracker_get_resume_point (MysqlBinlogTracker *tracker)
{
  return tracker->resume != NULL ? tracker->resume : tracker->run_start;
}

gboolean
_mysql_binlog_tracker_started_by_gtid (MysqlBinlogTracker *tracker)
{
  return tracker->run_start != NULL && mysql_binlog_position_get_file (tracker->run_start) == NULL;
}
