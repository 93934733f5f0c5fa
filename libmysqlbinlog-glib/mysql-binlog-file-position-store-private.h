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
 * _mysql_binlog_schema_history_snapshot(); empty: none known), each with
 * the first position it was saved with; it is written before that
 * position is, so that the position file never names a point whose
 * history the file lacks.  The state of a position is the latest one
 * saved at or before it.  Saving a position saves the state it carries
 * (mysql-binlog-position-private.h); loading one gives it back with it.
 */

/* The state in force at @position in a schema history file, or NULL (and
 * why in @why) when the file holds none for it. */
GBytes   *_mysql_binlog_schema_history_file_load       (GFile                         *file,
                                                         MysqlBinlogPosition           *position,
                                                         char                         **why);

G_END_DECLS
