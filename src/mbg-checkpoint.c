/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* Positions: each safe resume point the stream reports is queued with the
 * sequence number of the next message; it becomes the safe position once
 * every message before it is out (written, or confirmed by the broker),
 * and goes to --position-file at most once per STORE_INTERVAL_US. */

#include "config.h"

#include "mbg-checkpoint.h"

/* The position store is written at most this often, and at exit: a kill
 * -9 sends again what was confirmed since. */
#define STORE_INTERVAL_US (G_USEC_PER_SEC / 5)

/* A safe resume point, saved once every message before @seq is out. */
typedef struct
{
  MysqlBinlogPosition *position;
  guint64              seq;
} SavePoint;

struct _MbgCheckpoint
{
  GQueue                    save_points;      /* SavePoint * */
  MysqlBinlogPosition      *saved_position;
  MysqlBinlogPositionStore *store;            /* --position-file, or NULL */
  gboolean                  store_dirty;      /* saved_position not stored yet */
  gint64                    last_store_us;
};

static void
save_point_free (SavePoint *point)
{
  mysql_binlog_position_unref (point->position);
  g_free (point);
}

MbgCheckpoint *
mbg_checkpoint_new (MysqlBinlogPositionStore *store)
{
  MbgCheckpoint *checkpoint = g_new0 (MbgCheckpoint, 1);

  g_queue_init (&checkpoint->save_points);
  if (store != NULL)
    checkpoint->store = g_object_ref (store);
  return checkpoint;
}

void
mbg_checkpoint_free (MbgCheckpoint *checkpoint)
{
  g_queue_clear_full (&checkpoint->save_points, (GDestroyNotify) save_point_free);
  g_clear_pointer (&checkpoint->saved_position, mysql_binlog_position_unref);
  g_clear_object (&checkpoint->store);
  g_free (checkpoint);
}

/* @position is safe once every message before @seq is out. */
void
mbg_checkpoint_add (MbgCheckpoint       *checkpoint,
                    MysqlBinlogPosition *position,
                    guint64              seq)
{
  SavePoint *tail = g_queue_peek_tail (&checkpoint->save_points);

  if (tail != NULL && tail->seq == seq)
    {
      /* No message since the last one: this position replaces it. */
      mysql_binlog_position_unref (tail->position);
      tail->position = mysql_binlog_position_ref (position);
    }
  else
    {
      SavePoint *point = g_new0 (SavePoint, 1);

      point->position = mysql_binlog_position_ref (position);
      point->seq = seq;
      g_queue_push_tail (&checkpoint->save_points, point);
    }
}

/* Every message before @done is out. */
void
mbg_checkpoint_advance (MbgCheckpoint *checkpoint,
                        guint64        done)
{
  MysqlBinlogPosition *position = NULL;

  while (!g_queue_is_empty (&checkpoint->save_points))
    {
      SavePoint *point = g_queue_peek_head (&checkpoint->save_points);

      if (point->seq > done)
        break;
      g_queue_pop_head (&checkpoint->save_points);
      g_clear_pointer (&position, mysql_binlog_position_unref);
      position = mysql_binlog_position_ref (point->position);
      save_point_free (point);
    }
  if (position == NULL)
    return;

  g_clear_pointer (&checkpoint->saved_position, mysql_binlog_position_unref);
  checkpoint->saved_position = position;
  checkpoint->store_dirty = TRUE;
}

/* Writes the last safe position to the store, at most once per
 * STORE_INTERVAL_US unless @now. */
gboolean
mbg_checkpoint_store (MbgCheckpoint  *checkpoint,
                      gboolean        now,
                      GError        **error)
{
  gint64 time = g_get_monotonic_time ();

  if (checkpoint->store == NULL || !checkpoint->store_dirty ||
      checkpoint->saved_position == NULL)
    return TRUE;
  if (!now && time - checkpoint->last_store_us < STORE_INTERVAL_US)
    return TRUE;
  if (!mysql_binlog_position_store_save (checkpoint->store, checkpoint->saved_position,
                                         NULL, error))
    {
      g_prefix_error (error, "Cannot save the position: ");
      return FALSE;
    }
  checkpoint->store_dirty = FALSE;
  checkpoint->last_store_us = time;
  return TRUE;
}

/* The last safe position, or NULL. */
MysqlBinlogPosition *
mbg_checkpoint_get_saved (MbgCheckpoint *checkpoint)
{
  return checkpoint->saved_position;
}
