/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mysql-binlog-position-store.h"
#include "mysql-binlog-error.h"
#include "mysql-binlog-position.h"

/**
 * MysqlBinlogPositionStore:
 *
 * Where a stream in replication mode keeps the position it has delivered
 * up to, so that a restarted program resumes there.
 *
 * Set a store as a stream's [property@MysqlBinlog.Stream:position-store]:
 * [method@MysqlBinlog.Stream.run] then loads the position at start (it wins
 * over [property@MysqlBinlog.Stream:start-position]) and saves the position
 * after the handlers of each committed transaction have returned, never in
 * the middle of a transaction.  A crash at any moment therefore loses no
 * change: a restart may deliver the transaction in flight again, and
 * nothing else.
 *
 * [class@MysqlBinlog.FilePositionStore] keeps the position in a file.  A
 * program that writes the changes to its own database gets exactly-once
 * delivery by implementing this interface there, saving the position in
 * the same transaction as its own writes.  The interface is implementable
 * from bindings: `do_load`/`do_save` in Python, `vfunc_load`/`vfunc_save`
 * in gjs.
 *
 * ```python
 * class TableStore(GObject.Object, MysqlBinlog.PositionStore):
 *     def do_load(self, cancellable):
 *         text = db.get_position()
 *         return MysqlBinlog.Position.from_string(text) if text else None
 *
 *     def do_save(self, position, cancellable):
 *         db.set_position(position.to_string())
 *         return True
 * ```
 *
 * Since: 1.0
 */

G_DEFINE_INTERFACE (MysqlBinlogPositionStore, mysql_binlog_position_store, G_TYPE_OBJECT)

static void
mysql_binlog_position_store_default_init (MysqlBinlogPositionStoreInterface *iface)
{
}

/**
 * mysql_binlog_position_store_load: (virtual load)
 * @store: a position store
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError, or %NULL
 *
 * Loads the saved position.
 *
 * Returns: (transfer full) (nullable): the saved position, or %NULL: with
 *   @error set on failure, without when nothing was saved yet
 *
 * Since: 1.0
 */
MysqlBinlogPosition *
mysql_binlog_position_store_load (MysqlBinlogPositionStore  *store,
                                  GCancellable              *cancellable,
                                  GError                   **error)
{
  MysqlBinlogPositionStoreInterface *iface;

  g_return_val_if_fail (MYSQL_BINLOG_IS_POSITION_STORE (store), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = MYSQL_BINLOG_POSITION_STORE_GET_IFACE (store);
  if (iface->load == NULL)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                   "The position store %s does not implement load",
                   G_OBJECT_TYPE_NAME (store));
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return iface->load (store, cancellable, error);
}

/**
 * mysql_binlog_position_store_save: (virtual save)
 * @store: a position store
 * @position: the position to save
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError, or %NULL
 *
 * Saves @position durably, replacing the saved one: when this returns
 * %TRUE, a crash of the program (or of the machine, as far as the store can
 * promise it) leaves @position for the next [method@MysqlBinlog.PositionStore.load].
 *
 * Returns: %TRUE on success, %FALSE with @error set otherwise
 *
 * Since: 1.0
 */
gboolean
mysql_binlog_position_store_save (MysqlBinlogPositionStore  *store,
                                  MysqlBinlogPosition       *position,
                                  GCancellable              *cancellable,
                                  GError                   **error)
{
  MysqlBinlogPositionStoreInterface *iface;

  g_return_val_if_fail (MYSQL_BINLOG_IS_POSITION_STORE (store), FALSE);
  g_return_val_if_fail (position != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  iface = MYSQL_BINLOG_POSITION_STORE_GET_IFACE (store);
  if (iface->save == NULL)
    {
      g_set_error (error, MYSQL_BINLOG_ERROR, MYSQL_BINLOG_ERROR_INVALID_ARGUMENT,
                   "The position store %s does not implement save",
                   G_OBJECT_TYPE_NAME (store));
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return iface->save (store, position, cancellable, error);
}
