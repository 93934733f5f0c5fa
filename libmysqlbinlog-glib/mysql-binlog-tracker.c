/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

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
  g_clear_pointer (&tracker->withheld, g_hash_table_unref);
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

static GBytes *
table_key (const char *schema,
           const char *name)
{
  gsize schema_length = strlen (schema), name_length = strlen (name);
  guint8 *data = g_malloc (schema_length + 1 + name_length);

  memcpy (data, schema, schema_length);
  data[schema_length] = '\0';
  memcpy (data + schema_length + 1, name, name_length);
  return g_bytes_new_take (data, schema_length + 1 + name_length);
}

void
_mysql_binlog_tracker_hold_table (MysqlBinlogTracker *tracker,
                                  const char         *schema,
                                  const char         *name)
{
  GBytes *key = table_key (schema, name);
  guint count;

  if (tracker->withheld == NULL)
    tracker->withheld = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                               (GDestroyNotify) g_bytes_unref, NULL);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (tracker->withheld, key));
  g_hash_table_replace (tracker->withheld, key, GUINT_TO_POINTER (count + 1));
}

void
_mysql_binlog_tracker_release_table (MysqlBinlogTracker *tracker,
                                     const char         *schema,
                                     const char         *name)
{
  g_autoptr(GBytes) key = NULL;
  guint count;

  if (tracker->withheld == NULL)
    return;
  key = table_key (schema, name);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (tracker->withheld, key));
  if (count > 1)
    g_hash_table_replace (tracker->withheld, g_bytes_ref (key), GUINT_TO_POINTER (count - 1));
  else
    g_hash_table_remove (tracker->withheld, key);
}

gboolean
_mysql_binlog_tracker_holds_table (MysqlBinlogTracker *tracker,
                                   const char         *schema,
                                   const char         *name)
{
  g_autoptr(GBytes) key = NULL;

  if (tracker->withheld == NULL || g_hash_table_size (tracker->withheld) == 0)
    return FALSE;
  key = table_key (schema, name);
  return g_hash_table_contains (tracker->withheld, key);
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
