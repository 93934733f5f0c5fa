/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-checkpoint-private.h"
#include "mysql-binlog-error.h"
#include "mysql-binlog-position-private.h"

struct _MysqlBinlogCheckpoint
{
  MysqlBinlogPositionStore *store;   /* NULL: none */
  guint save_interval;               /* ms */
  guint save_transactions;

  MysqlBinlogPosition *unsaved;      /* delivered, not saved yet */
  guint n_unsaved;
  gint64 last_save;
  GError *error;                     /* saving failed: nothing more is saved */
  /* The schema history in force at the delivered point. */
  GBytes *schema;
};

MysqlBinlogCheckpoint *
_mysql_binlog_checkpoint_new (MysqlBinlogPositionStore *store,
                              guint                     save_interval,
                              guint                     save_transactions)
{
  MysqlBinlogCheckpoint *checkpoint = g_new0 (MysqlBinlogCheckpoint, 1);

  checkpoint->store = store != NULL ? g_object_ref (store) : NULL;
  checkpoint->save_interval = save_interval;
  checkpoint->save_transactions = save_transactions;
  checkpoint->last_save = g_get_monotonic_time ();
  return checkpoint;
}

void
_mysql_binlog_checkpoint_free (MysqlBinlogCheckpoint *checkpoint)
{
  if (checkpoint == NULL)
    return;
  g_clear_object (&checkpoint->store);
  g_clear_pointer (&checkpoint->unsaved, mysql_binlog_position_unref);
  g_clear_error (&checkpoint->error);
  g_clear_pointer (&checkpoint->schema, g_bytes_unref);
  g_free (checkpoint);
}

static gboolean
interval_passed (MysqlBinlogCheckpoint *checkpoint)
{
  return checkpoint->save_interval > 0 &&
         g_get_monotonic_time () - checkpoint->last_save >=
         (gint64) checkpoint->save_interval * 1000;
}

/* Saves the last delivered position, if it was not saved yet. */
static gboolean
save (MysqlBinlogCheckpoint *checkpoint)
{
  g_autoptr(GError) error = NULL;

  if (checkpoint->store == NULL || checkpoint->unsaved == NULL)
    return TRUE;

  /* A file position store saves the definitions the position carries
   * beside it, before the position. */
  if (!mysql_binlog_position_store_save (checkpoint->store, checkpoint->unsaved, NULL, &error))
    {
      if (error == NULL)
        error = g_error_new (MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_FAILED,
                             "The position store %s failed to save without saying why",
                             G_OBJECT_TYPE_NAME (checkpoint->store));
      /* Going on would deliver changes whose position may be lost. */
      g_clear_error (&checkpoint->error);
      checkpoint->error = g_steal_pointer (&error);
      return FALSE;
    }

  g_clear_pointer (&checkpoint->unsaved, mysql_binlog_position_unref);
  checkpoint->n_unsaved = 0;
  checkpoint->last_save = g_get_monotonic_time ();
  return TRUE;
}

gboolean
_mysql_binlog_checkpoint_delivered (MysqlBinlogCheckpoint *checkpoint,
                                    MysqlBinlogPosition   *position)
{
  if (checkpoint->store == NULL || checkpoint->error != NULL)
    return TRUE;

  g_clear_pointer (&checkpoint->unsaved, mysql_binlog_position_unref);
  checkpoint->unsaved = mysql_binlog_position_ref (position);
  checkpoint->n_unsaved++;

  if ((checkpoint->save_transactions > 0 &&
       checkpoint->n_unsaved >= checkpoint->save_transactions) ||
      interval_passed (checkpoint) ||
      (checkpoint->save_transactions == 0 && checkpoint->save_interval == 0))
    return save (checkpoint);
  return TRUE;
}

gboolean
_mysql_binlog_checkpoint_idle (MysqlBinlogCheckpoint *checkpoint)
{
  if (checkpoint->error == NULL && interval_passed (checkpoint))
    return save (checkpoint);
  return TRUE;
}

void
_mysql_binlog_checkpoint_flush (MysqlBinlogCheckpoint *checkpoint)
{
  if (checkpoint->error == NULL)
    save (checkpoint);
  g_clear_pointer (&checkpoint->unsaved, mysql_binlog_position_unref);
}

GError *
_mysql_binlog_checkpoint_take_error (MysqlBinlogCheckpoint *checkpoint)
{
  return g_steal_pointer (&checkpoint->error);
}

void
_mysql_binlog_checkpoint_set_schema (MysqlBinlogCheckpoint *checkpoint,
                                     GBytes                *snapshot)
{
  g_clear_pointer (&checkpoint->schema, g_bytes_unref);
  checkpoint->schema = snapshot != NULL ? g_bytes_ref (snapshot) : NULL;
}

MysqlBinlogPosition *
_mysql_binlog_checkpoint_attach_schema (MysqlBinlogCheckpoint *checkpoint,
                                        MysqlBinlogPosition   *position)
{
  if (checkpoint->schema == NULL || _mysql_binlog_position_get_schema (position) == checkpoint->schema)
    return mysql_binlog_position_ref (position);
  return _mysql_binlog_position_with_schema (position, checkpoint->schema);
}
