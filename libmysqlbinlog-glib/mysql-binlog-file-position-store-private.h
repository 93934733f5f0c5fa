/* SPDX-FileCopyrightText: 2026 The libmysqlbinlog-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mysql-binlog-file-position-store.h"

G_BEGIN_DECLS

/*
 * The schema history kept beside a file position store: the file of the
 * position with ".schema-history" appended, replaced atomically like the
 * position's.  It holds the history's last two states (text, see
 * _mysql_binlog_schema_history_snapshot()), each with the first position
 * it was saved with; it is written before that position is, so that the
 * position file never names a point whose history the file lacks.  The
 * state of a position is the latest one saved at or before it.
 */

/* Saves @snapshot as the state in force at @position, before @position
 * itself is saved. */
gboolean  _mysql_binlog_file_position_store_save_schema (MysqlBinlogFilePositionStore  *store,
                                                         MysqlBinlogPosition           *position,
                                                         GBytes                        *snapshot,
                                                         GError                       **error);
/* The state in force at @position, or NULL (and why in @why) when the
 * file holds none for it. */
GBytes   *_mysql_binlog_file_position_store_load_schema (MysqlBinlogFilePositionStore  *store,
                                                         MysqlBinlogPosition           *position,
                                                         char                         **why);

/* The same from a schema history file of that kind named by itself. */
GBytes   *_mysql_binlog_schema_history_file_load       (GFile                         *file,
                                                         MysqlBinlogPosition           *position,
                                                         char                         **why);

G_END_DECLS
